# Pages: what every page shares (the layout, the language picker, form fields), and the
# pages that email links open. Every message may use $app (the product's name) and
# $url (the server's public address). Messages with markup (<strong>, links) are
# rendered as HTML; their variables are escaped.

## The layout and the language picker

language-label = Langue
language-submit = Changer de langue
layout-skip = Aller au contenu
layout-nav-label = Compte
layout-help = Besoin d'aide ?
nav-account = Votre compte
nav-security = Connexion
nav-devices = Appareils
nav-activity = Activité
nav-hosting = Hébergement
nav-admin = Administration
nav-sign-out = Se déconnecter

## Form fields and words many pages share

field-email = Adresse e-mail
field-password = Mot de passe
field-new-password = Nouveau mot de passe
field-confirm-password = Confirmer le mot de passe
field-display-name = Nom affiché
field-code = Code
field-code-hint = Les 6 chiffres affichés par votre application d'authentification.
field-recovery-code = Code de récupération
field-device-name = Nom de l'appareil
password-min-hint = Au moins { $min } caractères.
use-recovery-code = Utiliser un code de récupération
resend-email = Renvoyer l'e-mail
start-again = Recommencer
go-to-sign-in = Aller à la page de connexion
back-to-sign-in = Retour à la connexion
back-to-account = Retour à votre compte
back-to-security = Retour à « Connexion »
cancel = Annuler
save = Enregistrer
submit = Valider
rename = Renommer
remove = Supprimer
unknown = inconnue
ip-address = Adresse IP
browser = Navigateur
error-request-id = Identifiant de la requête :

## The pages that email links open

link-proceed = Cliquez ici pour continuer
link-verify-title = Vérifiez votre adresse e-mail
link-verify-intro = Confirmez que <strong>{ $email }</strong> est bien votre adresse.
link-verify-button = Vérifier mon adresse e-mail
link-verify-done-title = Adresse e-mail vérifiée
link-verify-done = Votre adresse e-mail est vérifiée.
link-confirm-email-title = Confirmez votre nouvelle adresse e-mail
link-confirm-email-intro = Votre compte utilisera désormais <strong>{ $email }</strong>.
link-confirm-email-button = Confirmer l'adresse e-mail
link-confirm-email-done-title = Adresse e-mail modifiée
link-confirm-email-done = Votre compte utilise maintenant <strong>{ $email }</strong>.
link-reset-title = Réinitialiser votre mot de passe
link-reset-intro = Confirmez que vous avez demandé à changer votre mot de passe. Vous choisirez le nouveau dans votre application.
link-reset-button = Confirmer le changement de mon mot de passe
link-reset-done-title = Adresse e-mail validée
link-reset-done = Votre adresse e-mail est maintenant validée. Retournez dans votre application pour réinitialiser votre mot de passe. Vous pouvez fermer cette fenêtre.
link-set-password-title = Définir un nouveau mot de passe
link-set-password-invite-title = Choisissez votre mot de passe
link-set-password-for = Pour <strong>{ $email }</strong>. Au moins { $min } caractères.
link-set-password-again = Le même, une seconde fois
link-set-password-button = Définir mon mot de passe
link-set-password-done-title = Mot de passe défini
link-set-password-done = Votre mot de passe est défini et votre adresse vérifiée. Toutes les sessions précédentes ont été déconnectées. Vous pouvez maintenant vous connecter et fermer cette fenêtre.

## What the pages that email links open say when a link does not work

link-passwords-differ = Les deux mots de passe diffèrent. Saisissez deux fois le même mot de passe.
link-expired-title = Ce lien a expiré
link-expired = Demandez un nouvel e-mail depuis l'application et utilisez le lien qu'il contient.
link-invalid-title = Ce lien n'est pas valide
link-invalid-verify = Chaque lien fonctionne une fois, et dès que l'un d'eux a vérifié l'adresse, les autres cessent de fonctionner. Si votre adresse est vérifiée, vous pouvez vous connecter.
link-invalid-change-email = Il a déjà été utilisé, ou le changement a été annulé ou remplacé par un plus récent.
link-invalid-reset = Il a déjà été utilisé : chaque lien ne fonctionne qu'une fois.
link-invalid-set-password = Il a déjà été utilisé, ou un plus récent l'a remplacé.
link-email-taken-title = Cette adresse est prise
link-email-taken = Un autre compte utilise désormais cette adresse. Rien n'a été modifié.
link-failed-title = Un problème est survenu
link-failed = Veuillez réessayer dans un instant.
