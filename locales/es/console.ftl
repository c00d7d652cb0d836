# The account console. Every message may use $app (the product's name) and $url (the
# server's public address). Messages with markup (<strong>, links) are rendered as
# HTML; their variables are escaped. Dates ($date) come formatted already.

## Signing in, registering, the terms

sign-in-title = Iniciar sesión
sign-in-button = Iniciar sesión
sign-in-passkey = Iniciar sesión con una llave de acceso
sign-in-forgot = ¿No recuerda su contraseña? Establezca una nueva
sign-in-unverified = Abra el enlace del correo que enviamos a <strong>{ $email }</strong>. ¿No le ha llegado o el enlace ha caducado?
sign-in-code-intro = Su cuenta usa la autenticación en dos pasos. Introduzca el código que muestra su aplicación de autenticación.
sign-in-code-intro-passkey = Su cuenta usa la autenticación en dos pasos. Introduzca el código que muestra su aplicación de autenticación o use su llave de acceso.
sign-in-recovery-hint = Uno de los diez códigos que guardó al configurar la autenticación en dos pasos. Cada uno sirve una sola vez.
register-title = Crear cuenta
register-display-name-hint = Opcional: el nombre con el que le saludamos.
register-accept-terms = Acepto los <a href="{ $terms_url }">Términos y condiciones</a>
register-button = Siguiente paso
register-have-account = ¿Ya tiene una cuenta?
check-email-title = Revise su correo
check-email-sent = Hemos enviado un correo a <strong>{ $email }</strong>. Abra el enlace que contiene para verificar su dirección y después inicie sesión. El enlace es válido durante un día.
check-email-no-mail = ¿No le ha llegado nada tras unos minutos? Mire en la carpeta de correo no deseado o pida que se lo reenviemos.
terms-title = Términos y condiciones
terms-changed = Los Términos y condiciones han cambiado. Léalos y acéptelos para seguir usando su cuenta.
terms-version = Términos y condiciones, versión { $version }
terms-accept = Aceptar
terms-accepted = Ha aceptado los <a href="{ $terms_url }">Términos y condiciones, versión { $version }</a> vigentes.
terms-continue = Continuar
identity-title = Confirme su identidad
identity-intro = Este paso cambia cómo inicia sesión o lo que contiene su cuenta, así que introduzca primero su contraseña.
identity-intro-code = Este paso cambia cómo inicia sesión o lo que contiene su cuenta, así que introduzca primero su contraseña y un código de su aplicación de autenticación.
identity-confirm = Confirmar
identity-passkey = Confirmar con una llave de acceso

## Setting a new password (the reset in the browser)

reset-title = Establecer una nueva contraseña
reset-intro = Introduzca la dirección de correo de su cuenta. Le enviaremos un enlace para confirmar que quiere establecer una nueva contraseña.
reset-button = Enviar correo de restablecimiento
reset-sent-title = Revise su bandeja de entrada
reset-sent-intro = Si <strong>{ $email }</strong> pertenece a una cuenta, le hemos enviado un correo. Abra el enlace que contiene, pulse «Confirmar el cambio de mi contraseña» y vuelva después a esta página.
reset-sent-no-mail = El enlace es válido durante una hora. ¿No le ha llegado nada tras unos minutos? Mire en la carpeta de correo no deseado o <a href="/reset">empiece de nuevo</a>.
reset-sent-button = He verificado mi dirección de correo
reset-password-title = Elija una nueva contraseña
reset-password-intro = Al establecerla se cerrará su sesión en todas partes: después, inicie sesión con la nueva contraseña.
reset-password-code-hint = Su cuenta usa la autenticación en dos pasos: los 6 dígitos que muestra su aplicación de autenticación.
reset-password-button = Restablecer contraseña
reset-done-title = Contraseña restablecida
reset-done = Se ha restablecido su contraseña. Se han cerrado todas sus demás sesiones.
reset-done-return = Volver a la pantalla de inicio de sesión

## Your Account

account-pending-email = Revise <strong>{ $pending }</strong> para verificarla: le hemos enviado un enlace. Su dirección cambiará en cuanto abra ese enlace; hasta entonces seguirá usando { $current }.
account-profile = Editar su perfil
account-display-name-hint = Opcional. Cómo nos dirigimos a usted.
account-verified = Verificada.
account-not-verified = Aún sin verificar.
account-signing-in = Inicio de sesión
account-signing-in-intro = Su contraseña, sus aplicaciones de autenticación y sus códigos de recuperación.
account-security-link = Ajustes de autenticación
account-hosting-link = Sus hosts y suscripciones
account-delete-intro = Esto elimina sus hosts e integraciones y cancela todas las suscripciones. No se puede deshacer.
account-delete-button = Eliminar cuenta

## Signing In: password, authenticator apps, recovery codes, passkeys

security-basic = Autenticación básica
security-basic-intro = Inicia sesión con su dirección de correo y una contraseña.
security-update = Actualizar
security-update-what = su contraseña
security-two-factor = Autenticación en dos pasos
security-two-factor-passkeys = Activada, con sus llaves de acceso (abajo). Una aplicación de autenticación añade un código como otro segundo factor.
security-two-factor-on = Activada: al iniciar sesión también se pide un código de una de estas aplicaciones de autenticación.
security-two-factor-off = Desactivada: al iniciar sesión solo se pide su contraseña. Una aplicación de autenticación en su teléfono u ordenador añade un código que cambia cada 30 segundos.
security-added = Añadida el { $date }
security-last-used = último uso el { $date }
security-never-used = nunca usada
security-recovery = Códigos de recuperación
security-recovery-remaining = { $remaining ->
        [one] Queda { $remaining } de { $total } códigos de recuperación.
       *[other] Quedan { $remaining } de { $total } códigos de recuperación.
    } Cada uno le permite iniciar sesión una vez si pierde su aplicación de autenticación.
security-recovery-none = Recibirá diez códigos de recuperación al configurar su primera aplicación de autenticación o llave de acceso.
security-passkeys = Llaves de acceso
security-passkeys-none = Una llave de acceso le permite iniciar sesión con su huella, su cara o el bloqueo de pantalla en lugar de una contraseña, y no se puede suplantar.
security-passkey-name = Nombre de la llave de acceso
security-passkeys-script = Para añadir o usar una llave de acceso se necesita JavaScript.
password-title = Actualizar su contraseña
password-intro = Se cierran todas las demás sesiones de su cuenta; esta se mantiene.
password-hint = Al menos 12 caracteres, distinta de su dirección de correo.
totp-setup-title = Configurar una aplicación de autenticación
totp-setup-expired = Esta configuración caducó antes de introducir un código, así que no se añadió nada. Empiece de nuevo para obtener un nuevo código QR.
totp-setup-intro = Escanee este código QR con su aplicación de autenticación (por ejemplo, en su teléfono) e introduzca el código que muestre. Termine antes del { $date }.
totp-setup-qr = Código QR para su aplicación de autenticación: contiene el secreto y los ajustes indicados en «No puedo escanear»
totp-setup-unable = No puedo escanear
totp-setup-manual = Introduzca estos ajustes en su aplicación.
totp-setup-secret = Secreto
totp-setup-algorithm = Algoritmo
totp-setup-digits = Dígitos
totp-setup-period = Periodo
totp-setup-seconds = { $seconds } segundos
totp-setup-issuer = Emisor
totp-setup-account = Nombre de la cuenta
totp-setup-code-hint = Los 6 dígitos que muestra ahora su aplicación de autenticación.
totp-setup-name-hint = Para distinguir sus aplicaciones, p. ej. Teléfono o Portátil.
totp-rename-page = Cambiar el nombre de { $name }
totp-rename-title = Cambiar el nombre de una aplicación de autenticación
totp-rename-added = Añadida el { $date }.
passkey-rename-title = Cambiar el nombre de una llave de acceso
totp-remove-page = Eliminar { $name }
totp-remove-title = Eliminar una aplicación de autenticación
totp-remove-intro = ¿Eliminar <strong>{ $name }</strong> (añadida el { $date })? Ya no le dará códigos para iniciar sesión.
totp-remove-last = <strong>Es su única aplicación de autenticación:</strong> la autenticación en dos pasos se desactivará y sus códigos de recuperación dejarán de funcionar.
totp-remove-keep = Conservarla: volver a «Inicio de sesión»
passkey-add-title = Añadir una llave de acceso
passkey-add-failed = <a href="/account/security">Vuelva a «Inicio de sesión»</a> y añada de nuevo la llave de acceso.
passkey-add-intro = Su navegador le preguntará dónde guardar la llave de acceso <strong>{ $name }</strong>: este dispositivo, su teléfono o una llave de seguridad.
passkey-add-create = Crear la llave de acceso
passkey-add-script = Para añadir una llave de acceso se necesita JavaScript.
passkey-add-cancel = Cancelar: volver a «Inicio de sesión»
codes-title = Sus códigos de recuperación
codes-first-device = La aplicación de autenticación está configurada: al iniciar sesión ahora se pide un código de ella.
codes-intro = Si pierde su aplicación de autenticación, cada uno de estos códigos le permite iniciar sesión una vez. Guárdelos en un lugar seguro: solo se muestran ahora.
codes-old = Sus códigos anteriores ya no funcionan.
codes-download = Descargar
codes-download-what = los códigos de recuperación como archivo de texto
codes-done = Listo: volver a «Inicio de sesión»
codes-new-title = Generar códigos nuevos
codes-new-intro = Diez códigos de recuperación nuevos sustituyen a los que tiene: los anteriores dejan de funcionar de inmediato.
codes-new-none = Los códigos de recuperación acompañan a la autenticación en dos pasos: configure primero una aplicación de autenticación.

## Devices and activity

devices-intro = Estos dispositivos y navegadores tienen una sesión abierta en su cuenta. Cierre la sesión en los que no reconozca y cambie después su contraseña.
devices-unnamed = Dispositivo sin nombre
devices-this = Este dispositivo
devices-last-seen = Última actividad
devices-signed-in = Sesión iniciada
devices-more = Más dispositivos
devices-elsewhere = En todos los demás
devices-elsewhere-intro = Cierra todas las sesiones excepto esta.
devices-sign-out-others = Cerrar todas las demás sesiones
activity-intro = Lo que ha ocurrido en su cuenta, lo más reciente primero: inicios de sesión, cambios en cómo inicia sesión y más.
activity-when = Cuándo
activity-nothing = No hay nada que mostrar.
activity-nothing-page = No hay nada que mostrar en esta página.
activity-pages = Páginas de actividad
activity-newest = Más recientes
activity-older = Anteriores

## Deleting the account

delete-title = Eliminar su cuenta
delete-intro = Esto elimina de forma irreversible su cuenta <strong>{ $email }</strong>, todos sus hosts e integraciones, y cancela todas las suscripciones. No se puede deshacer.
delete-subscriptions = { $count ->
        [one] { $count } suscripción, cancelada
       *[other] { $count } suscripciones, canceladas
    }
delete-hosts = { $count ->
        [one] { $count } host, eliminado
       *[other] { $count } hosts, eliminados
    }
delete-integrations = { $count ->
        [one] { $count } integración, eliminada
       *[other] { $count } integraciones, eliminadas
    }
delete-signed-out = Se cierra la sesión en todos los dispositivos de inmediato, y un último correo confirma la eliminación.
delete-email-hint = Escriba su dirección de correo, { $email }, para confirmar.
delete-button = Eliminar mi cuenta
delete-keep = Conservar mi cuenta
deleted-title = Su cuenta se está eliminando
deleted-intro = Se ha cerrado su sesión en todas partes. Sus hosts, integraciones y suscripciones se están eliminando, y un correo lo confirmará cuando termine.

## What a page says after a step (its notice), and of what went wrong

console-error-internal = Algo ha fallado por nuestra parte. Inténtelo de nuevo en un momento; si sigue fallando, indique a su administrador el identificador de solicitud que aparece abajo.
console-csrf-title = Este formulario ha caducado
console-csrf = El formulario no procede de esta página o es demasiado antiguo. No se ha cambiado nada. Vuelva atrás, recargue la página e inténtelo de nuevo.
notice-saved = Guardado.
notice-email-sent = Guardado. Un enlace para confirmar la nueva dirección va de camino a ella.
notice-email-cancelled = El cambio de dirección se ha cancelado: el enlace enviado para él ya no funciona.
notice-identity-confirmed = Identidad confirmada. Pulse Guardar para enviar un enlace a la nueva dirección.
notice-signed-out-others = { $count ->
        [one] Se ha cerrado { $count } otra sesión.
       *[other] Se han cerrado { $count } otras sesiones.
    }
notice-signed-out-one = Esa sesión se ha cerrado.

## The events of the Activity page

event-account-registered = Cuenta creada
event-email-verified = Dirección de correo verificada
event-sign-in-succeeded = Sesión iniciada
event-sign-in-failed = Intento fallido de inicio de sesión
event-sign-in-locked = Inicio de sesión bloqueado tras demasiados intentos fallidos
event-session-signed-out = Sesión cerrada
event-session-revoked = Otra sesión cerrada
event-session-reauthenticated = Identidad confirmada
event-password-changed = Contraseña cambiada
event-password-reset-requested = Restablecimiento de contraseña solicitado
event-password-reset = Contraseña restablecida
event-password-set-by-link = Contraseña establecida desde un enlace enviado por correo
event-two-factor-device-added = Aplicación de autenticación añadida
event-two-factor-device-renamed = Aplicación de autenticación renombrada
event-two-factor-device-removed = Aplicación de autenticación eliminada
event-two-factor-recovery-codes-regenerated = Nuevos códigos de recuperación generados
event-two-factor-recovery-code-used = Código de recuperación usado
event-passkey-added = Llave de acceso añadida
event-passkey-renamed = Llave de acceso renombrada
event-passkey-removed = Llave de acceso eliminada
event-passkey-used = Llave de acceso usada
event-email-change-requested = Cambio de dirección de correo solicitado
event-email-change-cancelled = Cambio de dirección de correo cancelado
event-email-changed = Dirección de correo cambiada
event-account-deletion-requested = Eliminación de la cuenta solicitada
event-terms-accepted = Términos aceptados
event-admin-user-created = Cuenta creada por un administrador
event-admin-user-updated = Cuenta modificada por un administrador
event-admin-user-deactivated = Cuenta desactivada por un administrador
event-admin-user-reactivated = Cuenta reactivada por un administrador
event-admin-password-set = Contraseña establecida por un administrador
event-admin-password-link-sent = Enlace de contraseña enviado por un administrador
event-admin-unlocked = Inicio de sesión desbloqueado por un administrador
event-admin-sessions-revoked = Sesiones cerradas por un administrador
event-admin-two-factor-removed = Segundos factores eliminados por un administrador
event-admin-user-deletion-requested = Eliminación de la cuenta solicitada por un administrador
notice-password-changed = Su contraseña se ha cambiado. Se han cerrado sus demás sesiones.
notice-app-added = La aplicación de autenticación está configurada.
notice-app-renamed = La aplicación de autenticación se ha renombrado.
notice-app-removed = La aplicación de autenticación se ha eliminado.
notice-passkey-added = La llave de acceso se ha añadido.
notice-passkey-removed = La llave de acceso se ha eliminado.
notice-passkey-renamed = La llave de acceso se ha renombrado.
console-passwords-differ = Las dos contraseñas no coinciden. Escriba la nueva contraseña dos veces.
totp-provisional-name = Aplicación de autenticación
console-code-missing = Introduzca el código que muestra su aplicación de autenticación.
console-code-no-match = El código no coincide. Compruebe la aplicación y la hora del dispositivo, e inténtelo de nuevo.
codes-file-heading = Códigos de recuperación: cada uno funciona una vez, en lugar de un código de su aplicación de autenticación.
console-password-too-long = Una contraseña tiene como máximo { $max } caracteres.
console-second-factor-missing = Introduzca un código de su aplicación de autenticación o un código de recuperación.
console-sign-in-expired = Este inicio de sesión ha tardado demasiado. Introduzca de nuevo su correo y su contraseña.
console-password-wrong = La contraseña es incorrecta.
notice-verification-resent = Si esta dirección está pendiente de verificación, un nuevo enlace va de camino a ella.
console-terms-changed = Los términos cambiaron mientras esta página estaba abierta: léalos de nuevo.
console-delete-not-your-email = Esta no es la dirección de correo de su cuenta. Escríbala exactamente como se muestra.
console-reset-not-confirmed = El enlace del correo aún no se ha confirmado. Ábralo, pulse «Confirmar el cambio de mi contraseña» y vuelva aquí.
console-reset-expired = Este restablecimiento de contraseña ha caducado. Pida un correo nuevo.
console-reset-unknown = Este restablecimiento de contraseña ya se ha usado o es desconocido. Pida un correo nuevo.
console-reset-passwords-differ = Las dos contraseñas no coinciden. Escriba la misma contraseña nueva dos veces.
