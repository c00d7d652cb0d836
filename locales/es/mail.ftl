# Mail: subjects, bodies and the layout around them.
# Every message may use $app (the product's name), $recipient (the address the mail
# goes to) and $url (the server's public address).

## The layout

mail-hello = Hola:
mail-hello-name = Hola, { $name }:
mail-goodbye = Hola:
mail-footer = Recibe este correo porque se realizó una acción en su cuenta de { $app }.
mail-help = Ayuda: { $support }
mail-open-link = O abra este enlace:
# How long a link works: $hours is 0 unless it is a whole number of hours.
mail-link-lifetime = El enlace solo se puede usar una vez y caduca en { $hours ->
        [0] { $minutes ->
                [one] un minuto
               *[other] { $minutes } minutos
            }
        [one] una hora
       *[other] { $hours } horas
    }.

## verify_email: the link that verifies a new account's address

mail-verify-email-subject = Verifique su dirección de correo electrónico para { $app }
mail-verify-email-intro = Verifique su dirección de correo electrónico { $recipient } abriendo este enlace:
mail-verify-email-button = Verificar mi correo
mail-verify-email-ignore = Si no se ha registrado, ignore este correo: no se podrá iniciar sesión en la cuenta creada con esta dirección hasta que se verifique.

## change_email: the link that confirms a new address, sent to that address

mail-change-email-subject = Confirme su nueva dirección de correo electrónico para { $app }
mail-change-email-intro = La cuenta de { $app } { $old_email } ha solicitado usar { $recipient } a partir de ahora. Confírmelo abriendo este enlace:
mail-change-email-button = Confirmar dirección de correo
mail-change-email-ignore = Si no lo ha solicitado, ignore este correo: no cambiará nada hasta que se confirme el enlace.

## email_change_requested: to the old address, when a change was asked for

mail-email-change-requested-subject = Se ha solicitado un cambio de su dirección de correo de { $app }
mail-email-change-requested-body = Alguien con sesión iniciada en su cuenta de { $app } { $recipient } ha solicitado cambiarla a { $new_email }. No cambiará nada hasta que esa dirección lo confirme.
mail-email-change-requested-advice = Si no ha sido usted, inicie sesión en { $url }, cancele el cambio y cambie su contraseña.

## email_changed: to the old address, once the new one confirmed

mail-email-changed-subject = Se ha cambiado su dirección de correo de { $app }
mail-email-changed-body = Su cuenta de { $app } ya no usa { $recipient }: su dirección ahora es { $new_email }. A partir de ahora, los correos sobre la cuenta se enviarán allí.
mail-contact-admin = Si no ha sido usted, póngase en contacto con su administrador de inmediato.

## invite: an account made by an administrator

mail-invite-subject = Le han invitado a { $app }
mail-invite-intro = Se ha creado una cuenta de { $app } para usted: { $recipient }. Elija su contraseña aquí:
mail-invite-button = Elegir mi contraseña
mail-invite-ignore = Si no esperaba esta invitación, ignore este correo.

## set_password: an administrator's link to set a new password

mail-set-password-subject = Establezca una nueva contraseña de { $app }
mail-set-password-intro = Un administrador de { $app } le ha enviado este enlace para establecer una nueva contraseña para { $recipient }:
mail-set-password-button = Establecer una nueva contraseña
mail-set-password-note = Al establecerla, se cerrarán todas las sesiones de la cuenta. Hasta que use el enlace, su contraseña seguirá siendo la misma.

## reset_password: the link of a password reset

mail-reset-password-subject = Restablezca su contraseña de { $app }
mail-reset-password-intro = Alguien ha solicitado restablecer la contraseña de su cuenta de { $app } { $recipient }. Si ha sido usted, abra este enlace y confirme:
mail-reset-password-then = Después, vuelva a su aplicación para elegir la nueva contraseña.
mail-reset-password-button = Restablecer mi contraseña
mail-reset-password-ignore = Si no lo ha solicitado, ignore este correo: su contraseña seguirá siendo la misma.

## Notices of a change to the account's security

mail-password-changed-subject = Se ha cambiado su contraseña de { $app }
mail-password-changed-body = Se acaba de cambiar la contraseña de su cuenta de { $app } { $recipient }. Se ha cerrado la sesión en todos los demás dispositivos.
mail-password-changed-body-ip = Se acaba de cambiar la contraseña de su cuenta de { $app } { $recipient } desde la dirección { $ip }. Se ha cerrado la sesión en todos los demás dispositivos.
mail-password-changed-advice = Si ha sido usted, no tiene que hacer nada. Si no, restablezca su contraseña en { $url } de inmediato y revise los eventos de seguridad de su cuenta.

mail-password-reset-subject = Se ha restablecido su contraseña de { $app }
mail-password-reset-body = Se ha restablecido la contraseña de su cuenta de { $app } { $recipient } y se ha cerrado la sesión en todos los dispositivos.
mail-password-reset-body-ip = Se ha restablecido la contraseña de su cuenta de { $app } { $recipient } desde la dirección { $ip } y se ha cerrado la sesión en todos los dispositivos.
mail-password-reset-advice = Si ha sido usted, no tiene que hacer nada. Si no, vuelva a restablecer su contraseña en { $url } y póngase en contacto con su administrador.

mail-recovery-codes-regenerated-subject = Nuevos códigos de recuperación para su cuenta de { $app }
mail-recovery-codes-regenerated-body = Se han generado nuevos códigos de recuperación para su cuenta de { $app } { $recipient }. Los códigos anteriores ya no funcionan.
mail-sign-in-and-change-password = Si no ha sido usted, inicie sesión en { $url } y cambie su contraseña de inmediato.

mail-totp-added-subject = Se ha añadido una aplicación de autenticación a su cuenta de { $app }
mail-totp-added-body = Se ha añadido la aplicación de autenticación «{ $device }» a su cuenta de { $app } { $recipient }. A partir de ahora, para iniciar sesión necesitará un código de esta aplicación (o de otra de sus aplicaciones de autenticación).
mail-totp-added-advice = Si no ha sido usted, inicie sesión en { $url }, elimine el dispositivo y cambie su contraseña.

mail-totp-removed-subject = Se ha eliminado una aplicación de autenticación de su cuenta de { $app }
mail-totp-removed-body = Se ha eliminado la aplicación de autenticación «{ $device }» de su cuenta de { $app } { $recipient }.
mail-totp-removed-last = Era la última: ya no se necesita un segundo factor para iniciar sesión y sus códigos de recuperación ya no funcionan.

## Notices of a passkey added or removed

mail-passkey-added-subject = Se ha añadido una llave de acceso a su cuenta de { $app }
mail-passkey-added-body = Se ha añadido la llave de acceso «{ $passkey }» a su cuenta de { $app } { $recipient }. Ahora puede iniciar sesión con ella, sola o como segundo factor.
mail-passkey-added-advice = Si no fue usted, inicie sesión en { $url }, elimine la llave de acceso y cambie su contraseña.
mail-passkey-removed-subject = Se ha eliminado una llave de acceso de su cuenta de { $app }
mail-passkey-removed-body = Se ha eliminado la llave de acceso «{ $passkey }» de su cuenta de { $app } { $recipient }.
mail-passkey-removed-last = Era su último segundo factor: el inicio de sesión ya no lo pide y sus códigos de recuperación ya no sirven.

## registration_attempt: someone registered with an address that has an account

mail-registration-attempt-subject = Alguien ha intentado registrarse en { $app } con su dirección
mail-registration-attempt-body = Alguien acaba de intentar registrar una nueva cuenta de { $app } con { $recipient }. Esta dirección ya tiene una cuenta, así que no se ha cambiado nada.
mail-registration-attempt-advice = Si ha sido usted, inicie sesión en { $url } o, si ha olvidado su contraseña, restablézcala allí. Si no ha sido usted, puede ignorar este correo.

## account_deleted

mail-account-deleted-subject = Se ha eliminado su cuenta de { $app }
mail-account-deleted-body = Se ha eliminado su cuenta de { $app } { $recipient }, junto con sus suscripciones, hosts e integraciones. Se ha cerrado la sesión en todos los dispositivos. Esta acción no se puede deshacer.
mail-account-deleted-advice = Si no lo ha solicitado, póngase en contacto con su administrador de inmediato.
