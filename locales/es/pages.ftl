# Pages: what every page shares (the layout, the language picker, form fields), and the
# pages that email links open. Every message may use $app (the product's name) and
# $url (the server's public address). Messages with markup (<strong>, links) are
# rendered as HTML; their variables are escaped.

## The layout and the language picker

language-label = Idioma
language-submit = Cambiar idioma
layout-skip = Saltar al contenido
layout-nav-label = Cuenta
layout-help = ¿Necesita ayuda?
nav-account = Su cuenta
nav-security = Inicio de sesión
nav-devices = Dispositivos
nav-activity = Actividad
nav-hosting = Alojamiento
nav-admin = Administración
nav-sign-out = Cerrar sesión

## Form fields and words many pages share

field-email = Correo electrónico
field-password = Contraseña
field-new-password = Nueva contraseña
field-confirm-password = Confirmar contraseña
field-display-name = Nombre visible
field-code = Código
field-code-hint = Los 6 dígitos que muestra su aplicación de autenticación.
field-recovery-code = Código de recuperación
field-device-name = Nombre del dispositivo
password-min-hint = Al menos { $min } caracteres.
use-recovery-code = Usar un código de recuperación
resend-email = Reenviar correo
start-again = Empezar de nuevo
go-to-sign-in = Ir a la página de inicio de sesión
back-to-sign-in = Volver al inicio de sesión
back-to-account = Volver a su cuenta
back-to-security = Volver a «Inicio de sesión»
cancel = Cancelar
save = Guardar
submit = Enviar
rename = Cambiar nombre
remove = Eliminar
unknown = desconocida
ip-address = Dirección IP
browser = Navegador
error-request-id = Identificador de la solicitud:

## The pages that email links open

link-proceed = Haga clic aquí para continuar
link-verify-title = Verifique su correo
link-verify-intro = Confirme que <strong>{ $email }</strong> es su dirección.
link-verify-button = Verificar mi correo
link-verify-done-title = Correo verificado
link-verify-done = Su correo está verificado.
link-confirm-email-title = Confirme su nueva dirección de correo
link-confirm-email-intro = Su cuenta usará <strong>{ $email }</strong> a partir de ahora.
link-confirm-email-button = Confirmar dirección de correo
link-confirm-email-done-title = Dirección de correo cambiada
link-confirm-email-done = Su cuenta usa ahora <strong>{ $email }</strong>.
link-reset-title = Restablecer su contraseña
link-reset-intro = Confirme que ha pedido cambiar su contraseña. Elegirá la nueva en su aplicación.
link-reset-button = Confirmar el cambio de mi contraseña
link-reset-done-title = Correo validado
link-reset-done = Su correo ya está validado. Vuelva a su aplicación para restablecer su contraseña. Ya puede cerrar esta ventana.
link-set-password-title = Establecer una nueva contraseña
link-set-password-invite-title = Elija su contraseña
link-set-password-for = Para <strong>{ $email }</strong>. Al menos { $min } caracteres.
link-set-password-again = La misma otra vez
link-set-password-button = Establecer mi contraseña
link-set-password-done-title = Contraseña establecida
link-set-password-done = Su contraseña está establecida y su dirección verificada. Se ha cerrado toda sesión anterior. Ya puede iniciar sesión y cerrar esta ventana.

## What the pages that email links open say when a link does not work

link-passwords-differ = Las dos contraseñas no coinciden. Escriba la misma contraseña dos veces.
link-expired-title = Este enlace ha caducado
link-expired = Pida un correo nuevo desde la aplicación y use el enlace que contiene.
link-invalid-title = Este enlace no es válido
link-invalid-verify = Cada enlace funciona una vez, y en cuanto uno de ellos verifica la dirección, los demás dejan de funcionar. Si su dirección está verificada, puede iniciar sesión.
link-invalid-change-email = Ya se ha usado, o el cambio se canceló o fue sustituido por otro más reciente.
link-invalid-reset = Ya se ha usado: cada enlace funciona una sola vez.
link-invalid-set-password = Ya se ha usado, o uno más reciente lo ha sustituido.
link-email-taken-title = Esta dirección está ocupada
link-email-taken = Otra cuenta usa ahora esta dirección. No se ha cambiado nada.
link-failed-title = Algo ha fallado
link-failed = Inténtelo de nuevo en un momento.
