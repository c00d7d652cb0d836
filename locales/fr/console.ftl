# The account console. Every message may use $app (the product's name) and $url (the
# server's public address). Messages with markup (<strong>, links) are rendered as
# HTML; their variables are escaped. Dates ($date) come formatted already.

## Signing in, registering, the terms

sign-in-title = Connexion
sign-in-button = Se connecter
sign-in-passkey = Se connecter avec une clé d'accès
sign-in-forgot = Mot de passe oublié ? Définissez-en un nouveau
sign-in-unverified = Ouvrez le lien de l'e-mail que nous avons envoyé à <strong>{ $email }</strong>. Pas d'e-mail, ou le lien a expiré ?
sign-in-code-intro = Votre compte utilise l'authentification à deux facteurs. Saisissez le code affiché par votre application d'authentification.
sign-in-code-intro-passkey = Votre compte utilise l'authentification à deux facteurs. Saisissez le code affiché par votre application d'authentification, ou utilisez votre clé d'accès.
sign-in-recovery-hint = L'un des dix codes que vous avez conservés lors de la mise en place de l'authentification à deux facteurs. Chacun ne sert qu'une fois.
register-title = Créer un compte
register-display-name-hint = Facultatif : le nom par lequel nous vous saluons.
register-accept-terms = J'accepte les <a href="{ $terms_url }">conditions générales</a>
register-button = Étape suivante
register-have-account = Vous avez déjà un compte ?
check-email-title = Consultez vos e-mails
check-email-sent = Nous avons envoyé un e-mail à <strong>{ $email }</strong>. Ouvrez le lien qu'il contient pour vérifier votre adresse, puis connectez-vous. Le lien est valable un jour.
check-email-no-mail = Toujours pas d'e-mail après quelques minutes ? Regardez dans vos courriers indésirables, ou faites-le renvoyer.
terms-title = Conditions générales
terms-changed = Les conditions générales ont changé. Lisez-les, puis acceptez-les pour continuer à utiliser votre compte.
terms-version = Conditions générales, version { $version }
terms-accept = Accepter
terms-accepted = Vous avez accepté les <a href="{ $terms_url }">conditions générales, version { $version }</a> en vigueur.
terms-continue = Continuer
identity-title = Confirmez votre identité
identity-intro = Cette étape modifie votre façon de vous connecter ou le contenu de votre compte : saisissez d'abord votre mot de passe.
identity-intro-code = Cette étape modifie votre façon de vous connecter ou le contenu de votre compte : saisissez d'abord votre mot de passe et un code de votre application d'authentification.
identity-confirm = Confirmer
identity-passkey = Confirmer avec une clé d'accès

## Setting a new password (the reset in the browser)

reset-title = Définir un nouveau mot de passe
reset-intro = Saisissez l'adresse e-mail de votre compte. Nous vous enverrons un lien pour confirmer que vous souhaitez définir un nouveau mot de passe.
reset-button = Envoyer l'e-mail de réinitialisation
reset-sent-title = Consultez votre boîte de réception
reset-sent-intro = Si <strong>{ $email }</strong> correspond à un compte, nous lui avons envoyé un e-mail. Ouvrez le lien qu'il contient, appuyez sur « Confirmer le changement de mon mot de passe », puis revenez sur cette page.
reset-sent-no-mail = Le lien est valable une heure. Toujours pas d'e-mail après quelques minutes ? Regardez dans vos courriers indésirables, ou <a href="/reset">recommencez</a>.
reset-sent-button = J'ai vérifié mon adresse e-mail
reset-password-title = Choisissez un nouveau mot de passe
reset-password-intro = Le définir vous déconnecte partout : reconnectez-vous ensuite avec le nouveau mot de passe.
reset-password-code-hint = Votre compte utilise l'authentification à deux facteurs : les 6 chiffres affichés par votre application d'authentification.
reset-password-button = Réinitialiser le mot de passe
reset-done-title = Mot de passe réinitialisé
reset-done = Votre mot de passe a été réinitialisé. Toutes vos autres sessions ont été déconnectées.
reset-done-return = Retour à l'écran de connexion

## Your Account

account-pending-email = Consultez <strong>{ $pending }</strong> pour la vérifier : nous y avons envoyé un lien. Votre adresse change dès que vous ouvrez ce lien ; d'ici là, vous continuez à utiliser { $current }.
account-profile = Modifier votre profil
account-display-name-hint = Facultatif. Le nom que nous employons pour vous.
account-verified = Vérifiée.
account-not-verified = Pas encore vérifiée.
account-signing-in = Connexion
account-signing-in-intro = Votre mot de passe, vos applications d'authentification et vos codes de récupération.
account-security-link = Paramètres d'authentification
account-hosting-link = Vos hôtes et abonnements
account-delete-intro = Cela supprime vos hôtes et intégrations et résilie tous vos abonnements. C'est irréversible.
account-delete-button = Supprimer le compte

## Signing In: password, authenticator apps, recovery codes, passkeys

security-basic = Authentification de base
security-basic-intro = Vous vous connectez avec votre adresse e-mail et un mot de passe.
security-update = Modifier
security-update-what = votre mot de passe
security-two-factor = Authentification à deux facteurs
security-two-factor-passkeys = Activée, avec vos clés d'accès (ci-dessous). Une application d'authentification ajoute un code comme second facteur supplémentaire.
security-two-factor-on = Activée : la connexion demande aussi un code de l'une de ces applications d'authentification.
security-two-factor-off = Désactivée : la connexion ne demande que votre mot de passe. Une application d'authentification sur votre téléphone ou votre ordinateur ajoute un code qui change toutes les 30 secondes.
security-added = Ajoutée le { $date }
security-last-used = dernière utilisation le { $date }
security-never-used = jamais utilisée
security-recovery = Codes de récupération
security-recovery-remaining = { $remaining ->
        [one] Il reste { $remaining } code de récupération sur { $total }.
       *[other] Il reste { $remaining } codes de récupération sur { $total }.
    } Chacun vous connecte une fois si vous perdez votre application d'authentification.
security-recovery-none = Vous recevez dix codes de récupération lorsque vous configurez votre première application d'authentification ou clé d'accès.
security-passkeys = Clés d'accès
security-passkeys-none = Une clé d'accès vous connecte avec votre empreinte, votre visage ou le verrouillage de l'écran au lieu d'un mot de passe, et ne peut pas être hameçonnée.
security-passkey-name = Nom de la clé d'accès
security-passkeys-script = Ajouter ou utiliser une clé d'accès nécessite JavaScript.
password-title = Modifier votre mot de passe
password-intro = Toutes les autres sessions de votre compte sont déconnectées ; celle-ci reste ouverte.
password-hint = Au moins 12 caractères, pas votre adresse e-mail.
totp-setup-title = Configurer une application d'authentification
totp-setup-expired = Cette configuration a expiré avant la saisie d'un code : rien n'a été ajouté. Recommencez pour obtenir un nouveau code QR.
totp-setup-intro = Scannez ce code QR avec votre application d'authentification (par exemple sur votre téléphone), puis saisissez le code qu'elle affiche. Terminez avant le { $date }.
totp-setup-qr = Code QR pour votre application d'authentification : il contient la clé secrète et les paramètres indiqués sous « Impossible de scanner »
totp-setup-unable = Impossible de scanner
totp-setup-manual = Saisissez plutôt ces paramètres dans votre application.
totp-setup-secret = Clé secrète
totp-setup-algorithm = Algorithme
totp-setup-digits = Chiffres
totp-setup-period = Période
totp-setup-seconds = { $seconds } secondes
totp-setup-issuer = Émetteur
totp-setup-account = Nom du compte
totp-setup-code-hint = Les 6 chiffres affichés maintenant par votre application d'authentification.
totp-setup-name-hint = Pour distinguer vos applications, par exemple Téléphone ou Portable.
totp-rename-page = Renommer { $name }
totp-rename-title = Renommer une application d'authentification
totp-rename-added = Ajoutée le { $date }.
passkey-rename-title = Renommer une clé d'accès
totp-remove-page = Supprimer { $name }
totp-remove-title = Supprimer une application d'authentification
totp-remove-intro = Supprimer <strong>{ $name }</strong> (ajoutée le { $date }) ? Elle ne fournira plus de codes pour vous connecter.
totp-remove-last = <strong>C'est votre seule application d'authentification :</strong> l'authentification à deux facteurs sera désactivée et vos codes de récupération ne fonctionneront plus.
totp-remove-keep = La garder : retour à « Connexion »
passkey-add-title = Ajouter une clé d'accès
passkey-add-failed = <a href="/account/security">Retour à « Connexion »</a>, puis ajoutez de nouveau la clé d'accès.
passkey-add-intro = Votre navigateur va demander où conserver la clé d'accès <strong>{ $name }</strong> : cet appareil, votre téléphone ou une clé de sécurité.
passkey-add-create = Créer la clé d'accès
passkey-add-script = Ajouter une clé d'accès nécessite JavaScript.
passkey-add-cancel = Annuler : retour à « Connexion »
codes-title = Vos codes de récupération
codes-first-device = L'application d'authentification est configurée : la connexion demande désormais un code de cette application.
codes-intro = Si vous perdez votre application d'authentification, chacun de ces codes vous connecte une fois. Conservez-les en lieu sûr : ils ne sont affichés que maintenant.
codes-old = Vos anciens codes ne fonctionnent plus.
codes-download = Télécharger
codes-download-what = les codes de récupération dans un fichier texte
codes-done = Terminé : retour à « Connexion »
codes-new-title = Générer de nouveaux codes
codes-new-intro = Dix nouveaux codes de récupération remplacent les vôtres : les anciens cessent immédiatement de fonctionner.
codes-new-none = Les codes de récupération accompagnent l'authentification à deux facteurs : configurez d'abord une application d'authentification.

## Devices and activity

devices-intro = Ces appareils et navigateurs sont connectés à votre compte. Déconnectez ceux que vous ne reconnaissez pas, puis changez votre mot de passe.
devices-unnamed = Appareil sans nom
devices-this = Cet appareil
devices-last-seen = Dernière activité
devices-signed-in = Connecté le
devices-more = Plus d'appareils
devices-elsewhere = Partout ailleurs
devices-elsewhere-intro = Déconnecte toutes les sessions sauf celle-ci.
devices-sign-out-others = Déconnecter toutes les autres sessions
activity-intro = Ce qui est arrivé à votre compte, du plus récent au plus ancien : connexions, changements de votre façon de vous connecter, et plus encore.
activity-when = Quand
activity-nothing = Rien à afficher.
activity-nothing-page = Rien à afficher sur cette page.
activity-pages = Pages de l'activité
activity-newest = Plus récents
activity-older = Plus anciens

## Deleting the account

delete-title = Supprimer votre compte
delete-intro = Cela supprime définitivement votre compte <strong>{ $email }</strong>, tous ses hôtes et intégrations, et résilie tous les abonnements. C'est irréversible.
delete-subscriptions = { $count ->
        [one] { $count } abonnement, résilié
       *[other] { $count } abonnements, résiliés
    }
delete-hosts = { $count ->
        [one] { $count } hôte, supprimé
       *[other] { $count } hôtes, supprimés
    }
delete-integrations = { $count ->
        [one] { $count } intégration, supprimée
       *[other] { $count } intégrations, supprimées
    }
delete-signed-out = Tous les appareils sont déconnectés immédiatement, et un dernier e-mail confirme la suppression.
delete-email-hint = Saisissez votre adresse e-mail, { $email }, pour confirmer.
delete-button = Supprimer mon compte
delete-keep = Garder mon compte
deleted-title = Votre compte est en cours de suppression
deleted-intro = Vous êtes déconnecté partout. Vos hôtes, intégrations et abonnements sont en cours de suppression, et un e-mail le confirmera une fois terminé.

## What a page says after a step (its notice), and of what went wrong

console-error-internal = Un problème est survenu de notre côté. Réessayez dans un instant ; si l'erreur persiste, communiquez à votre administrateur l'identifiant de requête ci-dessous.
console-csrf-title = Ce formulaire a expiré
console-csrf = Le formulaire ne provient pas de cette page, ou il est trop ancien. Rien n'a été modifié. Revenez en arrière, rechargez la page et réessayez.
notice-saved = Enregistré.
notice-email-sent = Enregistré. Un lien pour confirmer la nouvelle adresse y a été envoyé.
notice-email-cancelled = Le changement d'adresse est annulé : le lien envoyé pour celui-ci ne fonctionne plus.
notice-identity-confirmed = Identité confirmée. Appuyez sur Enregistrer pour envoyer un lien à la nouvelle adresse.
notice-signed-out-others = { $count ->
        [one] { $count } autre session déconnectée.
       *[other] { $count } autres sessions déconnectées.
    }
notice-signed-out-one = Cette session est déconnectée.

## The events of the Activity page

event-account-registered = Compte créé
event-email-verified = Adresse e-mail vérifiée
event-sign-in-succeeded = Connexion
event-sign-in-failed = Tentative de connexion échouée
event-sign-in-locked = Connexion bloquée après trop de tentatives échouées
event-session-signed-out = Déconnexion
event-session-revoked = Une autre session déconnectée
event-session-reauthenticated = Identité confirmée
event-password-changed = Mot de passe modifié
event-password-reset-requested = Réinitialisation du mot de passe demandée
event-password-reset = Mot de passe réinitialisé
event-password-set-by-link = Mot de passe défini depuis un lien envoyé par e-mail
event-two-factor-device-added = Application d'authentification ajoutée
event-two-factor-device-renamed = Application d'authentification renommée
event-two-factor-device-removed = Application d'authentification retirée
event-two-factor-recovery-codes-regenerated = Nouveaux codes de récupération générés
event-two-factor-recovery-code-used = Code de récupération utilisé
event-passkey-added = Clé d'accès ajoutée
event-passkey-renamed = Clé d'accès renommée
event-passkey-removed = Clé d'accès retirée
event-passkey-used = Clé d'accès utilisée
event-email-change-requested = Changement d'adresse e-mail demandé
event-email-change-cancelled = Changement d'adresse e-mail annulé
event-email-changed = Adresse e-mail modifiée
event-account-deletion-requested = Suppression du compte demandée
event-terms-accepted = Conditions générales acceptées
event-admin-user-created = Compte créé par un administrateur
event-admin-user-updated = Compte modifié par un administrateur
event-admin-user-deactivated = Compte désactivé par un administrateur
event-admin-user-reactivated = Compte réactivé par un administrateur
event-admin-password-set = Mot de passe défini par un administrateur
event-admin-password-link-sent = Lien de mot de passe envoyé par un administrateur
event-admin-unlocked = Connexion débloquée par un administrateur
event-admin-sessions-revoked = Sessions déconnectées par un administrateur
event-admin-two-factor-removed = Seconds facteurs retirés par un administrateur
event-admin-user-deletion-requested = Suppression du compte demandée par un administrateur
notice-password-changed = Votre mot de passe est modifié. Vos autres sessions ont été déconnectées.
notice-app-added = L'application d'authentification est configurée.
notice-app-renamed = L'application d'authentification est renommée.
notice-app-removed = L'application d'authentification est retirée.
notice-passkey-added = La clé d'accès est ajoutée.
notice-passkey-removed = La clé d'accès est retirée.
notice-passkey-renamed = La clé d'accès est renommée.
console-passwords-differ = Les deux mots de passe diffèrent. Saisissez deux fois le nouveau mot de passe.
totp-provisional-name = Application d'authentification
console-code-missing = Saisissez le code affiché par votre application d'authentification.
console-code-no-match = Le code ne correspond pas. Vérifiez l'application et l'heure de l'appareil, puis réessayez.
codes-file-heading = Codes de récupération : chacun fonctionne une fois, à la place d'un code de votre application d'authentification.
console-password-too-long = Un mot de passe compte au plus { $max } caractères.
console-second-factor-missing = Saisissez un code de votre application d'authentification, ou un code de récupération.
console-sign-in-expired = Cette connexion a pris trop de temps. Saisissez à nouveau votre adresse e-mail et votre mot de passe.
console-password-wrong = Le mot de passe est incorrect.
notice-verification-resent = Si cette adresse attend sa vérification, un nouveau lien est en route vers elle.
console-terms-changed = Les conditions ont changé pendant que cette page était ouverte : relisez-les.
console-delete-not-your-email = Ce n'est pas l'adresse e-mail de votre compte. Saisissez-la exactement comme elle est affichée.
console-reset-not-confirmed = Le lien de l'e-mail n'a pas encore été confirmé. Ouvrez-le, appuyez sur « Confirmer le changement de mon mot de passe », puis revenez ici.
console-reset-expired = Cette réinitialisation du mot de passe a expiré. Demandez un nouvel e-mail.
console-reset-unknown = Cette réinitialisation du mot de passe a déjà été utilisée ou est inconnue. Demandez un nouvel e-mail.
console-reset-passwords-differ = Les deux mots de passe diffèrent. Saisissez deux fois le même nouveau mot de passe.
