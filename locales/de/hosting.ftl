# Hosting (/hosting): plans, subscriptions, hosts and their integrations. Every message
# may use $app (the product's name). Messages with markup (<strong>) are rendered as
# HTML; their variables are escaped. Dates come formatted already.

## The overview

hosting-plans = Tarife
hosting-plan-hosts = Bis zu { $hosts ->
        [one] { $hosts } Host
       *[other] { $hosts } Hosts
    }.
hosting-plan-hosts-trial = Bis zu { $hosts ->
        [one] { $hosts } Host
       *[other] { $hosts } Hosts
    }, { $days ->
        [one] { $days } Tag
       *[other] { $days } Tage
    } zum Testen.
hosting-subscribe = Abonnieren
hosting-your-subscriptions = Ihre Abonnements
hosting-status = Status
hosting-since = Seit
hosting-hosts = Hosts
hosting-cancel-subscription = Abonnement kündigen
hosting-subscriptions-none = Sie haben noch keine Abonnements: Wählen Sie oben einen Tarif.
hosting-your-hosts = Ihre Hosts
hosting-domain = Domain
hosting-no-domain = keine
hosting-subscription = Abonnement
hosting-added = Hinzugefügt
hosting-hosts-none = Sie haben noch keine Hosts.
hosting-add-host = Host hinzufügen
hosting-name = Name
hosting-domain-hint = Optional. Zum Beispiel matrix.example.org.
hosting-subscribe-first = Abonnieren Sie zuerst einen Tarif und fügen Sie ihm dann einen Host hinzu.

## Confirming a deletion

hosting-confirm-goes = Damit wird auch Folgendes gelöscht:
hosting-confirm-nothing = Sonst wird nichts gelöscht.

## A host

hosting-back = Zurück zum Hosting
hosting-domain-hint-edit = Optional. Zum Beispiel matrix.example.org. Lassen Sie das Feld leer, um die Domain zu entfernen.
hosting-integrations = Integrationen
hosting-kind = Art
hosting-changed = Geändert
hosting-edit = Bearbeiten
hosting-integrations-none = Dieser Host hat noch keine Integrationen.
hosting-add-integration = Integration hinzufügen
hosting-delete-host = Host löschen
hosting-delete-host-intro = Löscht diesen Host und seine Integrationen. Sie werden vorher um Bestätigung gebeten.

## An integration

hosting-edit-integration = Integration bearbeiten
hosting-back-to = Zurück zu { $name }
hosting-on-host = Auf dem Host <strong>{ $name }</strong>.
hosting-kind-hint = Zum Beispiel matrix-bridge: 1 bis 50 Zeichen aus a-z, 0-9, _ und -.
hosting-settings = Einstellungen
hosting-settings-hint = Ein JSON-Objekt, zum Beispiel { $example }.
hosting-delete-integration = Integration löschen
hosting-delete-integration-intro = Löscht diese Integration und ihre Einstellungen. Sie werden vorher um Bestätigung gebeten.

## What a page says after a step (its notice)

notice-subscribed = Sie haben das Abonnement abgeschlossen. Fügen Sie unten einen Host hinzu.
notice-subscription-cancelled = Das Abonnement ist gekündigt. Seine Hosts und deren Integrationen werden gelöscht.
notice-host-added = Der Host ist hinzugefügt.
notice-host-saved = Der Host ist gespeichert.
notice-host-deleted = Der Host wird mit seinen Integrationen gelöscht.
notice-integration-added = Die Integration ist hinzugefügt.
notice-integration-saved = Die Integration ist gespeichert.
notice-integration-deleted = Die Integration ist gelöscht.

## A subscription's status, and how the add-host form names it

subscription-active = Aktiv
subscription-trial = Testphase
subscription-trial-until = Testphase bis { $date }
subscription-expired = Abgelaufen
subscription-cancelling = Wird gekündigt
subscription-label = { $plan }, seit { $date }

## The pages that ask before deleting ($host: a host's name, its domain in brackets)

confirm-cancel-subscription = Damit kündigen Sie Ihr Abonnement für { $plan } sofort. Dies kann nicht rückgängig gemacht werden.
confirm-goes-host = { $host } und seine Integrationen
confirm-keep-subscription = Abonnement behalten
confirm-delete-host = Damit löschen Sie den Host { $host }. Dies kann nicht rückgängig gemacht werden.
confirm-goes-integration = die Integration { $name } ({ $kind })
confirm-keep-host = Host behalten
confirm-delete-integration = Damit löschen Sie die Integration { $name } ({ $kind }) des Hosts { $host } mit ihren Einstellungen. Dies kann nicht rückgängig gemacht werden.
confirm-keep-integration = Integration behalten
invalid-settings-json = Dies ist kein gültiges JSON (Zeile { $line }, Spalte { $column }).
hosting-choose-subscription = Wählen Sie eines Ihrer Abonnements.
