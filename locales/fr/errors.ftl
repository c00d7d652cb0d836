# API errors: the title and detail of a problem answer, by its code (which never
# changes). English answers keep the detail their cause gives (it may name a field or
# a value); other languages say the code's own sentence below.
# The page shown for a refusal before any page (an unknown address, too many tries).

error-page-back = Retour à la page d'accueil
error-page-form-unreadable = Le formulaire n'a pas pu être lu. Rechargez la page et réessayez.

error-invalid-request-title = Requête illisible
error-invalid-request-detail = La requête n'a pas pu être lue : vérifiez son contenu et ses paramètres.
error-validation-failed-title = Certains champs sont invalides
error-validation-failed-detail = Certains champs sont invalides : voir errors pour chacun.
error-unauthenticated-title = Non connecté
error-unauthenticated-detail = Connectez-vous d'abord : la session est absente, inconnue ou expirée.
error-invalid-credentials-title = Adresse e-mail ou mot de passe incorrect
error-invalid-credentials-detail = L'adresse e-mail ou le mot de passe est incorrect.
error-email-not-verified-title = Adresse e-mail non vérifiée
error-email-not-verified-detail = Vérifiez d'abord votre adresse e-mail : ouvrez le lien de l'e-mail que nous vous avons envoyé.
error-account-deactivated-title = Compte désactivé
error-account-deactivated-detail = Ce compte est désactivé. Contactez votre administrateur.
error-forbidden-title = Non autorisé
error-forbidden-detail = Vous n'êtes pas autorisé à faire cela.
error-reauthentication-required-title = Confirmez d'abord votre mot de passe
error-reauthentication-required-detail = Confirmez d'abord votre mot de passe (et votre second facteur).
error-terms-not-accepted-title = Conditions non acceptées
error-terms-not-accepted-detail = Acceptez d'abord les conditions en vigueur.
error-not-found-title = Introuvable
error-not-found-detail = Il n'y a rien ici, ou cela ne vous appartient pas.
error-method-not-allowed-title = Méthode non autorisée
error-method-not-allowed-detail = Cette adresse n'accepte pas cette méthode.
error-email-taken-title = Adresse e-mail déjà utilisée
error-email-taken-detail = Cette adresse e-mail appartient à un autre compte.
error-email-not-validated-title = Adresse e-mail pas encore validée
error-email-not-validated-detail = Ouvrez d'abord le lien de l'e-mail et confirmez-le.
error-token-invalid-title = Lien invalide
error-token-invalid-detail = Ce lien est inconnu ou a déjà été utilisé.
error-token-expired-title = Lien expiré
error-token-expired-detail = Ce lien a expiré. Demandez un nouvel e-mail.
error-invalid-code-title = Code invalide
error-invalid-code-detail = Le code est incorrect, expiré ou a déjà été utilisé.
error-two-factor-required-title = Second facteur requis
error-two-factor-required-detail = Ce compte utilise l'authentification à deux facteurs : envoyez aussi un code ou un code de récupération.
error-two-factor-not-enabled-title = Authentification à deux facteurs non activée
error-two-factor-not-enabled-detail = L'authentification à deux facteurs n'est pas activée pour ce compte.
error-enrollment-expired-title = Inscription expirée
error-enrollment-expired-detail = Cette configuration a expiré. Recommencez.
error-plan-limit-reached-title = Limite de l'offre atteinte
error-plan-limit-reached-detail = L'offre n'autorise pas d'autre hôte pour cet abonnement.
error-domain-taken-title = Domaine déjà utilisé
error-domain-taken-detail = Un autre hôte utilise ce domaine.
error-subscription-inactive-title = Abonnement inactif
error-subscription-inactive-detail = Cet abonnement a expiré ou est en cours de résiliation.
error-mail-not-failed-title = E-mail non en échec
error-mail-not-failed-detail = Seul un e-mail en échec peut être renvoyé.
error-webhook-url-forbidden-title = URL de webhook non autorisée
error-webhook-url-forbidden-detail = Cette adresse de webhook n'est pas autorisée.
error-webhook-delivery-not-failed-title = Livraison non en échec
error-webhook-delivery-not-failed-detail = Seule une livraison en échec peut être relancée.
error-invalid-credential-title = Clé d'accès refusée
error-invalid-credential-detail = La clé d'accès n'a pas été acceptée.
error-registration-expired-title = Enregistrement expiré
error-registration-expired-detail = Cet enregistrement de clé d'accès a expiré. Recommencez.
error-passkeys-unavailable-title = Clés d'accès indisponibles
error-passkeys-unavailable-detail = Les clés d'accès ne sont pas disponibles sur ce serveur.
error-passkey-already-registered-title = Clé d'accès déjà enregistrée
error-passkey-already-registered-detail = Cette clé d'accès est déjà enregistrée.
error-payload-too-large-title = Requête trop volumineuse
error-payload-too-large-detail = Le contenu de la requête est trop volumineux.
error-unsupported-media-type-title = Type de contenu non pris en charge
error-unsupported-media-type-detail = Envoyez le contenu en JSON, avec l'en-tête Content-Type: application/json.
error-rate-limited-title = Trop de requêtes
error-rate-limited-detail = Trop de tentatives. Réessayez dans { $seconds } secondes.
error-internal-error-title = Erreur interne
error-internal-error-detail = Le serveur n'a pas pu répondre. Indiquez l'identifiant de la requête en le signalant.

## What is wrong with a field, beside it on a page and in the API's errors (the API
## says the English words exactly as written here)

invalid-email-empty = Saisissez une adresse e-mail.
invalid-email-too-long = Une adresse e-mail compte au plus { $max } caractères.
invalid-email = Ce n'est pas une adresse e-mail valide.
invalid-too-short = Utilisez au moins { $min } caractères.
invalid-too-long = Utilisez au plus { $max } caractères.
invalid-password-is-email = Le mot de passe ne doit pas être votre adresse e-mail.
invalid-control-characters = Les caractères de contrôle ne sont pas autorisés.
invalid-accept-terms = Acceptez les conditions générales pour vous inscrire.
invalid-device-name = Nommez l'appareil, par exemple « Téléphone ».
invalid-passkey-name = Nommez la clé d'accès, par exemple « Portable ».
invalid-locale = Choisissez l'une des langues proposées : { $languages }.
invalid-terms-version = Les conditions actuelles sont en version { $version }.
invalid-cursor = Ce n'est pas un curseur de cette liste.
invalid-same-email = C'est déjà votre adresse.
invalid-client-secret = Utilisez de 16 à 255 caractères choisis au hasard par le client.
invalid-plan = Cette offre n'existe pas : choisissez l'une des offres proposées.
invalid-subscription = Vous n'avez pas d'abonnement de ce type.
invalid-name-empty = Donnez-lui un nom.
invalid-domain = Ce n'est pas un nom de domaine valide (comme matrix.example.org).
invalid-kind = Utilisez de 1 à 50 caractères parmi a-z, 0-9, _ et -.
invalid-kind-fixed = Le type d'une intégration ne peut pas changer : créez-en une nouvelle.
invalid-settings-object = Les paramètres sont un objet JSON.
invalid-settings-too-large = Les paramètres font au plus 16 Kio de JSON.
invalid-mail-status = L'un de pending, sent, failed, skipped.
invalid-user-status = L'un de active, deactivated, deleting.
invalid-password-or-invite = Définissez un mot de passe ou envoyez une invitation, pas les deux.
invalid-token-name = Nommez le jeton d'après le script qui l'utilise.
invalid-expiry-past = L'expiration doit être dans le futur.
invalid-expires-days = Un nombre entier de jours, de 1 à 3650.
invalid-webhook-url-long = Donnez une URL http ou https d'au plus { $max } caractères.
invalid-webhook-url = Ce n'est pas une URL valide : donnez une URL http ou https avec un nom d'hôte.
invalid-webhook-events-empty = Listez les événements à envoyer, ou ["*"] pour tous.
invalid-webhook-events-unknown = Types d'événements inconnus : { $events }.

## Why something is not allowed (a refusal's detail)

forbidden-self-deactivate = Les administrateurs ne peuvent pas se désactiver eux-mêmes.
forbidden-self-delete = Les administrateurs ne peuvent pas supprimer leur propre compte en tant qu'administrateurs : supprimez-le depuis votre propre compte.
forbidden-self-demote = Les administrateurs ne peuvent pas retirer leurs propres droits d'administration ; demandez à un autre administrateur.
forbidden-admin-needed = Cela nécessite un compte administrateur ou un jeton d'API d'administration.
forbidden-not-an-admin = Ce compte n'est pas administrateur.
forbidden-reset-secret = Ce client_secret n'appartient pas à cette réinitialisation.
