# Hosting (/hosting): plans, subscriptions, hosts and their integrations. Every message
# may use $app (the product's name). Messages with markup (<strong>) are rendered as
# HTML; their variables are escaped. Dates come formatted already.

## The overview

hosting-plans = Offres
hosting-plan-hosts = Jusqu'à { $hosts ->
        [one] { $hosts } hôte
       *[other] { $hosts } hôtes
    }.
hosting-plan-hosts-trial = Jusqu'à { $hosts ->
        [one] { $hosts } hôte
       *[other] { $hosts } hôtes
    }, avec un essai de { $days ->
        [one] { $days } jour
       *[other] { $days } jours
    }.
hosting-subscribe = S'abonner
hosting-your-subscriptions = Vos abonnements
hosting-status = État
hosting-since = Depuis le
hosting-hosts = Hôtes
hosting-cancel-subscription = Résilier l'abonnement
hosting-subscriptions-none = Vous n'avez pas encore d'abonnement : choisissez une offre ci-dessus.
hosting-your-hosts = Vos hôtes
hosting-domain = Domaine
hosting-no-domain = aucun
hosting-subscription = Abonnement
hosting-added = Date d'ajout
hosting-hosts-none = Vous n'avez pas encore d'hôte.
hosting-add-host = Ajouter un hôte
hosting-name = Nom
hosting-domain-hint = Facultatif. Par exemple matrix.example.org.
hosting-subscribe-first = Abonnez-vous d'abord à une offre, puis ajoutez-y un hôte.

## Confirming a deletion

hosting-confirm-goes = Sont supprimés en même temps :
hosting-confirm-nothing = Rien d'autre n'est supprimé.

## A host

hosting-back = Retour à l'hébergement
hosting-domain-hint-edit = Facultatif. Par exemple matrix.example.org. Laissez vide pour retirer le domaine.
hosting-integrations = Intégrations
hosting-kind = Type
hosting-changed = Modifiée le
hosting-edit = Modifier
hosting-integrations-none = Cet hôte n'a pas encore d'intégration.
hosting-add-integration = Ajouter une intégration
hosting-delete-host = Supprimer l'hôte
hosting-delete-host-intro = Supprime cet hôte et ses intégrations. Une confirmation vous est d'abord demandée.

## An integration

hosting-edit-integration = Modifier l'intégration
hosting-back-to = Retour à { $name }
hosting-on-host = Sur l'hôte <strong>{ $name }</strong>.
hosting-kind-hint = Par exemple matrix-bridge : de 1 à 50 caractères parmi a-z, 0-9, _ et -.
hosting-settings = Paramètres
hosting-settings-hint = Un objet JSON, par exemple { $example }.
hosting-delete-integration = Supprimer l'intégration
hosting-delete-integration-intro = Supprime cette intégration et ses paramètres. Une confirmation vous est d'abord demandée.

## What a page says after a step (its notice)

notice-subscribed = Vous êtes abonné. Ajoutez-y un hôte ci-dessous.
notice-subscription-cancelled = L'abonnement est résilié. Ses hôtes et leurs intégrations sont en cours de suppression.
notice-host-added = L'hôte est ajouté.
notice-host-saved = L'hôte est enregistré.
notice-host-deleted = L'hôte est en cours de suppression, avec ses intégrations.
notice-integration-added = L'intégration est ajoutée.
notice-integration-saved = L'intégration est enregistrée.
notice-integration-deleted = L'intégration est supprimée.

## A subscription's status, and how the add-host form names it

subscription-active = Actif
subscription-trial = Essai
subscription-trial-until = Essai jusqu'au { $date }
subscription-expired = Expiré
subscription-cancelling = En cours de résiliation
subscription-label = { $plan }, depuis le { $date }

## The pages that ask before deleting ($host: a host's name, its domain in brackets)

confirm-cancel-subscription = Cela résilie immédiatement votre abonnement à { $plan }. C'est irréversible.
confirm-goes-host = { $host } et ses intégrations
confirm-keep-subscription = Garder l'abonnement
confirm-delete-host = Cela supprime l'hôte { $host }. C'est irréversible.
confirm-goes-integration = l'intégration { $name } ({ $kind })
confirm-keep-host = Garder l'hôte
confirm-delete-integration = Cela supprime l'intégration { $name } ({ $kind }) de l'hôte { $host }, avec ses paramètres. C'est irréversible.
confirm-keep-integration = Garder l'intégration
invalid-settings-json = Ce n'est pas du JSON valide (ligne { $line }, colonne { $column }).
hosting-choose-subscription = Choisissez l'un de vos abonnements.
