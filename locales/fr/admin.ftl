# The admin page (/admin). Every message may use $app (the product's name). Messages
# with markup (<code>) are rendered as HTML. Dates come formatted already; $status is
# an account's status code (active, deactivated, deleting), shown in words.

## The layout

admin-brand = Administration de { $app }
admin-users = Utilisateurs
admin-mail-title = E-mails en échec
admin-tokens-title = Jetons d'API
admin-webhooks-title = Webhooks
admin-signed-in-as = Connecté en tant que { $email }

## Words the tables and pages share

admin-name = Nom
admin-status = État
admin-status-value = { $status ->
        [active] actif
        [deactivated] désactivé
        [deleting] en cours de suppression
       *[other] { $status }
    }
admin-created = Création
admin-added = Ajoutée le
admin-last-used = Dernière utilisation
admin-never = jamais
admin-tries = Tentatives
admin-last-error = Dernière erreur
admin-retry = Réessayer
admin-next-page = Page suivante
admin-back = Retour

## Signing in

admin-second-factor = Second facteur
admin-sign-in-code = Code de votre application d'authentification, ou code de récupération
admin-verify = Vérifier

## Users

admin-search-placeholder = Adresse e-mail ou nom
admin-search-label = Rechercher par adresse e-mail ou par nom
admin-any-status = Tous les états
admin-search = Rechercher
admin-2fa = 2FA
admin-tag-admin = admin
admin-tag-unverified = non vérifiée
admin-on = activée
admin-users-none = Aucun utilisateur ne correspond.
admin-first-page = Première page
admin-invite-title = Inviter un utilisateur
admin-invite-intro = La personne reçoit un e-mail avec un lien pour choisir son mot de passe.
admin-invite-name = Nom (facultatif)
admin-invite = Inviter

## One user

admin-verified = vérifiée
admin-not-verified = non vérifiée
admin-yes = oui
admin-no = non
admin-password-set = défini
admin-password-not-set = pas encore défini
admin-two-factor = Deux facteurs
admin-two-factor-on = activée ({ $devices ->
        [one] { $devices } appareil
       *[other] { $devices } appareils
    }, { $passkeys ->
        [one] { $passkeys } clé d'accès
       *[other] { $passkeys } clés d'accès
    })
admin-off = désactivée
admin-subscriptions = Abonnements
admin-hosts = Hôtes
admin-last-sign-in = Dernière connexion
admin-actions = Actions
admin-deactivate = Désactiver
admin-reactivate = Réactiver
admin-password-link = Envoyer un lien de mot de passe
admin-unlock = Débloquer la connexion
admin-end-sessions = Fermer les sessions
admin-remove-two-factor = Retirer les deux facteurs
admin-delete-account = Supprimer le compte
admin-edit = Modifier
admin-edit-email = Adresse e-mail (appliquée aussitôt, sans e-mail de confirmation)
admin-email-verified = Adresse e-mail vérifiée
admin-sessions = Sessions ({ $count })
admin-device = Appareil
admin-ip = IP
admin-sessions-none = Aucune session ouverte.
admin-passkeys = Clés d'accès ({ $count })
admin-passkeys-none = Aucune clé d'accès.

## Failed mail

admin-mail-intro = Les e-mails dont chaque tentative d'envoi a échoué. Corrigez la cause (souvent les paramètres SMTP), puis réessayez.
admin-mail-to = Destinataire
admin-mail-mail = E-mail
admin-mail-queued = Mis en file
admin-mail-none = Aucun e-mail en échec.

## API tokens

admin-token-created = Jeton « { $name } » créé
admin-token-copy = Copiez-le maintenant : il ne s'affiche que cette fois.
admin-expires = Expiration
admin-revoke = Révoquer
admin-tokens-none = Aucun jeton valide.
admin-token-new = Nouveau jeton
admin-token-intro = Pour un script : envoyez-le sous la forme <code>Authorization: Bearer …</code> à l'API d'administration.
admin-token-name = Nom (ce qui l'utilise)
admin-token-days = Expire après (jours ; vide : jamais)
admin-token-create = Créer le jeton

## Webhooks

admin-webhooks-intro = Où les événements sont envoyés, signés. Enregistrez et modifiez les points de terminaison avec l'API d'administration ou <code>steward webhook</code> ; les livraisons dont chaque tentative a échoué sont listées sous leur point de terminaison.
admin-webhook-on = Actif
admin-webhook-off = Inactif
admin-webhook-events = événements : { $events }
admin-webhook-failed = Livraisons en échec
admin-event = Événement
admin-webhook-failed-none = Aucune livraison en échec.
admin-webhook-more = D'autres livraisons ont échoué : consultez l'API d'administration.
admin-webhooks-none = Aucun point de terminaison de webhook pour l'instant.

## What the page says after a step, and of what went wrong

admin-done-created = L'utilisateur a été créé.
admin-done-invited = L'utilisateur a été créé et une invitation envoyée par e-mail.
admin-done-updated = Enregistré.
admin-done-deactivated = L'utilisateur est désactivé et toutes ses sessions sont fermées.
admin-done-reactivated = L'utilisateur est de nouveau actif.
admin-done-password-link = Un e-mail avec un lien pour définir un nouveau mot de passe est en route.
admin-done-unlocked = La connexion est débloquée.
admin-done-sessions-ended = Toutes les sessions de l'utilisateur sont fermées.
admin-done-two-factor-removed = Tous les seconds facteurs ont été retirés ; un avis a été envoyé par e-mail.
admin-done-deleting = Le compte est en cours de suppression.
admin-done-retried = L'e-mail est de nouveau en file d'attente.
admin-done-revoked = Le jeton est révoqué.
admin-done-delivery-retried = La livraison est de nouveau en file d'attente.
admin-not-done = Non effectué
admin-not-signed-out = Non déconnecté
admin-error-internal = Un problème est survenu ; le journal contient les détails.
admin-csrf-refused = Ce formulaire a expiré ou ne provient pas de cette page. Reconnectez-vous.
admin-form-expired = Ce formulaire a expiré. Réessayez.

## Confirming an action on a user: its title, what it does, its button

admin-confirm-deactivate = Désactiver cet utilisateur ?
admin-confirm-deactivate-what = Toutes les sessions se ferment immédiatement et la connexion est refusée jusqu'à ce que l'utilisateur soit réactivé.
admin-confirm-deactivate-button = Oui, désactiver cet utilisateur
admin-confirm-end-sessions = Fermer toutes les sessions de cet utilisateur ?
admin-confirm-end-sessions-what = L'utilisateur est déconnecté de tous ses appareils.
admin-confirm-end-sessions-button = Oui, fermer toutes les sessions de cet utilisateur
admin-confirm-remove-2fa = Retirer tous les seconds facteurs ?
admin-confirm-remove-2fa-what = L'utilisateur se connecte avec le seul mot de passe jusqu'à ce qu'il ajoute de nouveau une application d'authentification. Un avis est envoyé par e-mail.
admin-confirm-remove-2fa-button = Oui, retirer tous les seconds facteurs
admin-confirm-delete = Supprimer ce compte ?
admin-confirm-delete-what = Le compte et tout ce qu'il possède (abonnements, hôtes, intégrations) sont supprimés définitivement. C'est irréversible.
admin-confirm-delete-button = Oui, supprimer ce compte
