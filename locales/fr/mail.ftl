# Mail: subjects, bodies and the layout around them.
# Every message may use $app (the product's name), $recipient (the address the mail
# goes to) and $url (the server's public address).

## The layout

mail-hello = Bonjour,
mail-hello-name = Bonjour { $name },
mail-goodbye = Bonjour,
mail-footer = Vous recevez ce message en raison d'une action sur votre compte { $app }.
mail-help = Aide : { $support }
mail-open-link = Ou ouvrez ce lien :
# How long a link works: $hours is 0 unless it is a whole number of hours.
mail-link-lifetime = Le lien n'est utilisable qu'une fois et expire dans { $hours ->
        [0] { $minutes ->
                [one] une minute
               *[other] { $minutes } minutes
            }
        [one] une heure
       *[other] { $hours } heures
    }.

## verify_email: the link that verifies a new account's address

mail-verify-email-subject = Vérifiez votre adresse e-mail pour { $app }
mail-verify-email-intro = Veuillez vérifier votre adresse e-mail { $recipient } en ouvrant ce lien :
mail-verify-email-button = Vérifier mon adresse e-mail
mail-verify-email-ignore = Si vous ne vous êtes pas inscrit, ignorez ce message : il est impossible de se connecter au compte créé avec cette adresse tant qu'elle n'a pas été vérifiée.

## change_email: the link that confirms a new address, sent to that address

mail-change-email-subject = Confirmez votre nouvelle adresse e-mail pour { $app }
mail-change-email-intro = Le compte { $app } { $old_email } a demandé à utiliser désormais l'adresse { $recipient }. Confirmez ce changement en ouvrant ce lien :
mail-change-email-button = Confirmer l'adresse e-mail
mail-change-email-ignore = Si vous n'êtes pas à l'origine de cette demande, ignorez ce message : rien ne change tant que le lien n'a pas été confirmé.

## email_change_requested: to the old address, when a change was asked for

mail-email-change-requested-subject = Demande de modification de votre adresse e-mail { $app }
mail-email-change-requested-body = Une personne connectée à votre compte { $app } { $recipient } a demandé à le transférer vers l'adresse { $new_email }. Rien ne change tant que cette adresse n'a pas confirmé la demande.
mail-email-change-requested-advice = Si vous n'êtes pas à l'origine de cette demande, connectez-vous sur { $url }, annulez la modification et changez votre mot de passe.

## email_changed: to the old address, once the new one confirmed

mail-email-changed-subject = Votre adresse e-mail { $app } a été modifiée
mail-email-changed-body = Votre compte { $app } n'utilise plus { $recipient } : sa nouvelle adresse est { $new_email }. Les messages concernant le compte y seront désormais envoyés.
mail-contact-admin = Si vous n'êtes pas à l'origine de cette action, contactez immédiatement votre administrateur.

## invite: an account made by an administrator

mail-invite-subject = Invitation à rejoindre { $app }
mail-invite-intro = Un compte { $app } a été créé pour vous : { $recipient }. Choisissez votre mot de passe ici :
mail-invite-button = Choisir mon mot de passe
mail-invite-ignore = Si vous ne vous attendiez pas à ce message, ignorez-le.

## set_password: an administrator's link to set a new password

mail-set-password-subject = Définissez un nouveau mot de passe { $app }
mail-set-password-intro = Un administrateur de { $app } vous a envoyé ce lien pour définir un nouveau mot de passe pour { $recipient } :
mail-set-password-button = Définir un nouveau mot de passe
mail-set-password-note = Le définir déconnectera toutes les sessions du compte. Tant que vous n'utilisez pas ce lien, votre mot de passe reste inchangé.

## reset_password: the link of a password reset

mail-reset-password-subject = Réinitialisez votre mot de passe { $app }
mail-reset-password-intro = Quelqu'un a demandé la réinitialisation du mot de passe de votre compte { $app } { $recipient }. Si c'était vous, ouvrez ce lien et confirmez :
mail-reset-password-then = Revenez ensuite dans votre application pour choisir le nouveau mot de passe.
mail-reset-password-button = Réinitialiser mon mot de passe
mail-reset-password-ignore = Si vous n'êtes pas à l'origine de cette demande, ignorez ce message : votre mot de passe reste inchangé.

## Notices of a change to the account's security

mail-password-changed-subject = Votre mot de passe { $app } a été modifié
mail-password-changed-body = Le mot de passe de votre compte { $app } { $recipient } vient d'être modifié. Tous les autres appareils ont été déconnectés.
mail-password-changed-body-ip = Le mot de passe de votre compte { $app } { $recipient } vient d'être modifié depuis l'adresse { $ip }. Tous les autres appareils ont été déconnectés.
mail-password-changed-advice = Si c'était vous, vous n'avez rien à faire. Sinon, réinitialisez immédiatement votre mot de passe sur { $url } et consultez les événements de sécurité de votre compte.

mail-password-reset-subject = Votre mot de passe { $app } a été réinitialisé
mail-password-reset-body = Le mot de passe de votre compte { $app } { $recipient } a été réinitialisé et tous les appareils ont été déconnectés.
mail-password-reset-body-ip = Le mot de passe de votre compte { $app } { $recipient } a été réinitialisé depuis l'adresse { $ip } et tous les appareils ont été déconnectés.
mail-password-reset-advice = Si c'était vous, vous n'avez rien à faire. Sinon, réinitialisez à nouveau votre mot de passe sur { $url } et contactez votre administrateur.

mail-recovery-codes-regenerated-subject = Nouveaux codes de récupération pour votre compte { $app }
mail-recovery-codes-regenerated-body = De nouveaux codes de récupération ont été générés pour votre compte { $app } { $recipient }. Les codes précédents ne fonctionnent plus.
mail-sign-in-and-change-password = Si vous n'êtes pas à l'origine de cette action, connectez-vous sur { $url } et changez immédiatement votre mot de passe.

mail-totp-added-subject = Une application d'authentification a été ajoutée à votre compte { $app }
mail-totp-added-body = L'application d'authentification « { $device } » a été ajoutée à votre compte { $app } { $recipient }. Pour vous connecter, un code de cette application (ou d'une autre de vos applications d'authentification) est désormais nécessaire.
mail-totp-added-advice = Si vous n'êtes pas à l'origine de cette action, connectez-vous sur { $url }, supprimez l'appareil et changez votre mot de passe.

mail-totp-removed-subject = Une application d'authentification a été supprimée de votre compte { $app }
mail-totp-removed-body = L'application d'authentification « { $device } » a été supprimée de votre compte { $app } { $recipient }.
mail-totp-removed-last = C'était la dernière : la connexion ne nécessite plus de second facteur, et vos codes de récupération ne fonctionnent plus.

## Notices of a passkey added or removed

mail-passkey-added-subject = Une clé d'accès a été ajoutée à votre compte { $app }
mail-passkey-added-body = La clé d'accès « { $passkey } » a été ajoutée à votre compte { $app } { $recipient }. Elle permet désormais de vous connecter, seule ou comme second facteur.
mail-passkey-added-advice = Si ce n'était pas vous, connectez-vous sur { $url }, supprimez la clé d'accès et changez votre mot de passe.
mail-passkey-removed-subject = Une clé d'accès a été supprimée de votre compte { $app }
mail-passkey-removed-body = La clé d'accès « { $passkey } » a été supprimée de votre compte { $app } { $recipient }.
mail-passkey-removed-last = C'était votre dernier second facteur : la connexion n'en demande plus, et vos codes de récupération ne sont plus valables.

## registration_attempt: someone registered with an address that has an account

mail-registration-attempt-subject = Tentative d'inscription à { $app } avec votre adresse
mail-registration-attempt-body = Quelqu'un vient d'essayer de créer un compte { $app } avec l'adresse { $recipient }. Un compte existe déjà pour cette adresse, rien n'a donc été modifié.
mail-registration-attempt-advice = Si c'était vous : connectez-vous plutôt sur { $url }, ou réinitialisez-y votre mot de passe si vous l'avez oublié. Sinon, vous pouvez ignorer ce message.

## account_deleted

mail-account-deleted-subject = Votre compte { $app } a été supprimé
mail-account-deleted-body = Votre compte { $app } { $recipient } a été supprimé, ainsi que ses abonnements, hôtes et intégrations. Tous les appareils ont été déconnectés. Cette action est irréversible.
mail-account-deleted-advice = Si vous n'êtes pas à l'origine de cette demande, contactez immédiatement votre administrateur.
