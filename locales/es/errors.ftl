# API errors: the title and detail of a problem answer, by its code (which never
# changes). English answers keep the detail their cause gives (it may name a field or
# a value); other languages say the code's own sentence below.
# The page shown for a refusal before any page (an unknown address, too many tries).

error-page-back = Volver a la página de inicio
error-page-form-unreadable = No se pudo leer el formulario. Vuelva a cargar la página e inténtelo de nuevo.

error-invalid-request-title = No se pudo leer la solicitud
error-invalid-request-detail = No se pudo leer la solicitud: revise su contenido y sus parámetros.
error-validation-failed-title = Algunos campos no son válidos
error-validation-failed-detail = Algunos campos no son válidos: consulte errors para cada uno.
error-unauthenticated-title = Sesión no iniciada
error-unauthenticated-detail = Inicie sesión primero: la sesión falta, es desconocida o ha caducado.
error-invalid-credentials-title = Correo o contraseña incorrectos
error-invalid-credentials-detail = La dirección de correo o la contraseña son incorrectas.
error-email-not-verified-title = Correo no verificado
error-email-not-verified-detail = Verifique primero su dirección de correo: abra el enlace del correo que le enviamos.
error-account-deactivated-title = Cuenta desactivada
error-account-deactivated-detail = Esta cuenta está desactivada. Póngase en contacto con su administrador.
error-forbidden-title = No permitido
error-forbidden-detail = No tiene permiso para hacer esto.
error-reauthentication-required-title = Confirme primero su contraseña
error-reauthentication-required-detail = Confirme primero su contraseña (y su segundo factor).
error-terms-not-accepted-title = Términos no aceptados
error-terms-not-accepted-detail = Acepte primero los términos vigentes.
error-not-found-title = No encontrado
error-not-found-detail = Aquí no hay nada, o no es suyo.
error-method-not-allowed-title = Método no permitido
error-method-not-allowed-detail = Esta dirección no admite este método.
error-email-taken-title = Correo ya en uso
error-email-taken-detail = Esta dirección de correo pertenece a otra cuenta.
error-email-not-validated-title = Correo aún no validado
error-email-not-validated-detail = Abra primero el enlace del correo y confírmelo.
error-token-invalid-title = Enlace no válido
error-token-invalid-detail = Este enlace es desconocido o ya se ha usado.
error-token-expired-title = Enlace caducado
error-token-expired-detail = Este enlace ha caducado. Pida un correo nuevo.
error-invalid-code-title = Código no válido
error-invalid-code-detail = El código es incorrecto, ha caducado o ya se ha usado.
error-two-factor-required-title = Se requiere un segundo factor
error-two-factor-required-detail = Esta cuenta usa la autenticación en dos pasos: envíe también un código o un código de recuperación.
error-two-factor-not-enabled-title = Autenticación en dos pasos no activada
error-two-factor-not-enabled-detail = La autenticación en dos pasos no está activada para esta cuenta.
error-enrollment-expired-title = Configuración caducada
error-enrollment-expired-detail = Esta configuración ha caducado. Empiece de nuevo.
error-plan-limit-reached-title = Límite del plan alcanzado
error-plan-limit-reached-detail = El plan no permite más hosts para esta suscripción.
error-domain-taken-title = Dominio en uso
error-domain-taken-detail = Otro host usa este dominio.
error-subscription-inactive-title = Suscripción no activa
error-subscription-inactive-detail = Esta suscripción ha caducado o se está cancelando.
error-mail-not-failed-title = Correo no fallido
error-mail-not-failed-detail = Solo se puede reintentar un correo fallido.
error-webhook-url-forbidden-title = URL de webhook no permitida
error-webhook-url-forbidden-detail = Esta dirección de webhook no está permitida.
error-webhook-delivery-not-failed-title = Entrega no fallida
error-webhook-delivery-not-failed-detail = Solo se puede reintentar una entrega fallida.
error-invalid-credential-title = Llave de acceso no aceptada
error-invalid-credential-detail = La llave de acceso no se ha aceptado.
error-registration-expired-title = Registro caducado
error-registration-expired-detail = Este registro de llave de acceso ha caducado. Empiece de nuevo.
error-passkeys-unavailable-title = Llaves de acceso no disponibles
error-passkeys-unavailable-detail = Las llaves de acceso no están disponibles en este servidor.
error-passkey-already-registered-title = Llave de acceso ya registrada
error-passkey-already-registered-detail = Esta llave de acceso ya está registrada.
error-payload-too-large-title = Solicitud demasiado grande
error-payload-too-large-detail = El contenido de la solicitud es demasiado grande.
error-unsupported-media-type-title = Tipo de contenido no admitido
error-unsupported-media-type-detail = Envíe el contenido como JSON, con la cabecera Content-Type: application/json.
error-rate-limited-title = Demasiadas solicitudes
error-rate-limited-detail = Demasiados intentos. Vuelva a intentarlo dentro de { $seconds } segundos.
error-internal-error-title = Error interno
error-internal-error-detail = El servidor no pudo responder. Indique el identificador de la solicitud al informar de esto.

## What is wrong with a field, beside it on a page and in the API's errors (the API
## says the English words exactly as written here)

invalid-email-empty = Introduzca una dirección de correo.
invalid-email-too-long = Una dirección de correo tiene como máximo { $max } caracteres.
invalid-email = Esta no es una dirección de correo válida.
invalid-too-short = Use al menos { $min } caracteres.
invalid-too-long = Use como máximo { $max } caracteres.
invalid-password-is-email = La contraseña no debe ser su dirección de correo.
invalid-control-characters = No se permiten caracteres de control.
invalid-accept-terms = Acepte los términos del servicio para registrarse.
invalid-device-name = Ponga nombre al dispositivo, p. ej. «Teléfono».
invalid-passkey-name = Ponga nombre a la llave de acceso, p. ej. «Portátil».
invalid-locale = Elija uno de los idiomas ofrecidos: { $languages }.
invalid-terms-version = Los términos actuales son la versión { $version }.
invalid-cursor = No es un cursor de esta lista.
invalid-same-email = Esta ya es su dirección.
invalid-client-secret = Use de 16 a 255 caracteres elegidos al azar por el cliente.
invalid-plan = No existe ese plan: elija uno de los planes ofrecidos.
invalid-subscription = No tiene ninguna suscripción así.
invalid-name-empty = Póngale un nombre.
invalid-domain = No es un nombre de dominio válido (como matrix.example.org).
invalid-kind = Use de 1 a 50 caracteres de a-z, 0-9, _ y -.
invalid-kind-fixed = El tipo de una integración no puede cambiar: cree una nueva.
invalid-settings-object = La configuración es un objeto JSON.
invalid-settings-too-large = La configuración tiene como máximo 16 KiB de JSON.
invalid-mail-status = Uno de pending, sent, failed, skipped.
invalid-user-status = Uno de active, deactivated, deleting.
invalid-password-or-invite = Establezca una contraseña o envíe una invitación, no ambas cosas.
invalid-token-name = Ponga al token el nombre del script que lo usa.
invalid-expiry-past = La caducidad debe estar en el futuro.
invalid-expires-days = Un número entero de días, de 1 a 3650.
invalid-webhook-url-long = Indique una URL http o https de como máximo { $max } caracteres.
invalid-webhook-url = No es una URL válida: indique una URL http o https con un nombre de host.
invalid-webhook-events-empty = Enumere los eventos que se enviarán, o ["*"] para todos.
invalid-webhook-events-unknown = Tipos de evento desconocidos: { $events }.

## Why something is not allowed (a refusal's detail)

forbidden-self-deactivate = Los administradores no pueden desactivarse a sí mismos.
forbidden-self-delete = Los administradores no pueden eliminar su propia cuenta como administradores: elimínela desde su propia cuenta.
forbidden-self-demote = Los administradores no pueden quitarse sus propios derechos de administración; pídaselo a otro administrador.
forbidden-admin-needed = Esto requiere una cuenta de administrador o un token de API de administración.
forbidden-not-an-admin = Esta cuenta no es de administrador.
forbidden-reset-secret = Este client_secret no pertenece a este restablecimiento.
