# The admin page (/admin). Every message may use $app (the product's name). Messages
# with markup (<code>) are rendered as HTML. Dates come formatted already; $status is
# an account's status code (active, deactivated, deleting), shown in words.

## The layout

admin-brand = Administración de { $app }
admin-users = Usuarios
admin-mail-title = Correos fallidos
admin-tokens-title = Tokens de API
admin-webhooks-title = Webhooks
admin-signed-in-as = Sesión iniciada como { $email }

## Words the tables and pages share

admin-name = Nombre
admin-status = Estado
admin-status-value = { $status ->
        [active] activa
        [deactivated] desactivada
        [deleting] en eliminación
       *[other] { $status }
    }
admin-created = Creación
admin-added = Añadida
admin-last-used = Último uso
admin-never = nunca
admin-tries = Intentos
admin-last-error = Último error
admin-retry = Reintentar
admin-next-page = Página siguiente
admin-back = Volver

## Signing in

admin-second-factor = Segundo factor
admin-sign-in-code = Código de su aplicación de autenticación o un código de recuperación
admin-verify = Verificar

## Users

admin-search-placeholder = Correo o nombre
admin-search-label = Buscar por correo o nombre
admin-any-status = Cualquier estado
admin-search = Buscar
admin-2fa = 2FA
admin-tag-admin = admin
admin-tag-unverified = sin verificar
admin-on = activada
admin-users-none = Ningún usuario coincide.
admin-first-page = Primera página
admin-invite-title = Invitar a un usuario
admin-invite-intro = Recibirá un correo con un enlace para elegir su contraseña.
admin-invite-name = Nombre (opcional)
admin-invite = Invitar

## One user

admin-verified = verificado
admin-not-verified = sin verificar
admin-yes = sí
admin-no = no
admin-password-set = establecida
admin-password-not-set = aún sin establecer
admin-two-factor = Dos pasos
admin-two-factor-on = activada ({ $devices ->
        [one] { $devices } dispositivo
       *[other] { $devices } dispositivos
    }, { $passkeys ->
        [one] { $passkeys } llave de acceso
       *[other] { $passkeys } llaves de acceso
    })
admin-off = desactivada
admin-subscriptions = Suscripciones
admin-hosts = Hosts
admin-last-sign-in = Último inicio de sesión
admin-actions = Acciones
admin-deactivate = Desactivar
admin-reactivate = Reactivar
admin-password-link = Enviar un enlace de contraseña
admin-unlock = Desbloquear el inicio de sesión
admin-end-sessions = Cerrar las sesiones
admin-remove-two-factor = Quitar la verificación en dos pasos
admin-delete-account = Eliminar la cuenta
admin-edit = Editar
admin-edit-email = Correo (se aplica de inmediato, sin correo de confirmación)
admin-email-verified = Correo verificado
admin-sessions = Sesiones ({ $count })
admin-device = Dispositivo
admin-ip = IP
admin-sessions-none = Ninguna sesión abierta.
admin-passkeys = Llaves de acceso ({ $count })
admin-passkeys-none = Ninguna llave de acceso.

## Failed mail

admin-mail-intro = Correos cuyo envío falló en todos los intentos. Corrija la causa (a menudo la configuración SMTP) y vuelva a intentarlo.
admin-mail-to = Para
admin-mail-mail = Correo
admin-mail-queued = En cola desde
admin-mail-none = Ningún correo fallido.

## API tokens

admin-token-created = Token «{ $name }» creado
admin-token-copy = Cópielo ahora: solo se muestra esta vez.
admin-expires = Caduca
admin-revoke = Revocar
admin-tokens-none = Ningún token vigente.
admin-token-new = Nuevo token
admin-token-intro = Para un script: envíelo como <code>Authorization: Bearer …</code> a la API de administración.
admin-token-name = Nombre (qué lo usa)
admin-token-days = Caduca al cabo de días (vacío: nunca)
admin-token-create = Crear token

## Webhooks

admin-webhooks-intro = Adónde se envían los eventos, firmados. Registre y cambie los endpoints con la API de administración o <code>steward webhook</code>; las entregas que fallaron en todos los intentos aparecen bajo su endpoint.
admin-webhook-on = Activo
admin-webhook-off = Inactivo
admin-webhook-events = eventos: { $events }
admin-webhook-failed = Entregas fallidas
admin-event = Evento
admin-webhook-failed-none = Ninguna entrega fallida.
admin-webhook-more = Hay más entregas fallidas: consulte la API de administración.
admin-webhooks-none = Aún no hay endpoints de webhook.

## What the page says after a step, and of what went wrong

admin-done-created = El usuario se ha creado.
admin-done-invited = El usuario se ha creado y se ha enviado una invitación por correo.
admin-done-updated = Guardado.
admin-done-deactivated = El usuario está desactivado y todas sus sesiones se han cerrado.
admin-done-reactivated = El usuario vuelve a estar activo.
admin-done-password-link = Un correo con un enlace para establecer una nueva contraseña va de camino.
admin-done-unlocked = El inicio de sesión está desbloqueado.
admin-done-sessions-ended = Todas las sesiones del usuario se han cerrado.
admin-done-two-factor-removed = Se han eliminado todos los segundos factores; se ha enviado un aviso por correo.
admin-done-deleting = La cuenta se está eliminando.
admin-done-retried = El correo vuelve a estar en la cola.
admin-done-revoked = El token está revocado.
admin-done-delivery-retried = La entrega vuelve a estar en la cola.
admin-not-done = No realizado
admin-not-signed-out = Sesión no cerrada
admin-error-internal = Algo ha fallado; el registro tiene los detalles.
admin-csrf-refused = Este formulario ha caducado o no procede de esta página. Inicie sesión de nuevo.
admin-form-expired = Este formulario ha caducado. Inténtelo de nuevo.

## Confirming an action on a user: its title, what it does, its button

admin-confirm-deactivate = ¿Desactivar este usuario?
admin-confirm-deactivate-what = Todas las sesiones terminan de inmediato y se rechaza el inicio de sesión hasta que el usuario se reactive.
admin-confirm-deactivate-button = Sí, desactivar este usuario
admin-confirm-end-sessions = ¿Cerrar todas las sesiones de este usuario?
admin-confirm-end-sessions-what = Se cierra la sesión del usuario en todos sus dispositivos.
admin-confirm-end-sessions-button = Sí, cerrar todas las sesiones de este usuario
admin-confirm-remove-2fa = ¿Eliminar todos los segundos factores?
admin-confirm-remove-2fa-what = El usuario inicia sesión solo con la contraseña hasta que vuelva a añadir una aplicación de autenticación. Se envía un aviso por correo.
admin-confirm-remove-2fa-button = Sí, eliminar todos los segundos factores
admin-confirm-delete = ¿Eliminar esta cuenta?
admin-confirm-delete-what = La cuenta y todo lo que posee (suscripciones, hosts, integraciones) se eliminan para siempre. No se puede deshacer.
admin-confirm-delete-button = Sí, eliminar esta cuenta
