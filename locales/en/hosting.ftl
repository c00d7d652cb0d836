# Hosting (/hosting): plans, subscriptions, hosts and their integrations. Every message
# may use $app (the product's name). Messages with markup (<strong>) are rendered as
# HTML; their variables are escaped. Dates come formatted already.

## The overview

hosting-plans = Plans
hosting-plan-hosts = Up to { $hosts ->
        [one] { $hosts } host
       *[other] { $hosts } hosts
    }.
hosting-plan-hosts-trial = Up to { $hosts ->
        [one] { $hosts } host
       *[other] { $hosts } hosts
    }, a { $days }-day trial.
hosting-subscribe = Subscribe
hosting-your-subscriptions = Your subscriptions
hosting-status = Status
hosting-since = Since
hosting-hosts = Hosts
hosting-cancel-subscription = Cancel subscription
hosting-subscriptions-none = You have no subscriptions yet: choose a plan above.
hosting-your-hosts = Your hosts
hosting-domain = Domain
hosting-no-domain = none
hosting-subscription = Subscription
hosting-added = Added
hosting-hosts-none = You have no hosts yet.
hosting-add-host = Add host
hosting-name = Name
hosting-domain-hint = Optional. Like matrix.example.org.
hosting-subscribe-first = Subscribe to a plan first, then add a host to it.

## Confirming a deletion

hosting-confirm-goes = These are deleted with it:
hosting-confirm-nothing = Nothing else goes with it.

## A host

hosting-back = Back to hosting
hosting-domain-hint-edit = Optional. Like matrix.example.org. Leave it empty to remove the domain.
hosting-integrations = Integrations
hosting-kind = Kind
hosting-changed = Changed
hosting-edit = Edit
hosting-integrations-none = This host has no integrations yet.
hosting-add-integration = Add integration
hosting-delete-host = Delete host
hosting-delete-host-intro = Deletes this host and its integrations. You are asked to confirm first.

## An integration

hosting-edit-integration = Edit integration
hosting-back-to = Back to { $name }
hosting-on-host = On the host <strong>{ $name }</strong>.
hosting-kind-hint = Like matrix-bridge: 1 to 50 of a-z, 0-9, _ and -.
hosting-settings = Settings
hosting-settings-hint = A JSON object, like { $example }.
hosting-delete-integration = Delete integration
hosting-delete-integration-intro = Deletes this integration and its settings. You are asked to confirm first.

## What a page says after a step (its notice)

notice-subscribed = You are subscribed. Add a host to it below.
notice-subscription-cancelled = The subscription is cancelled. Its hosts and their integrations are being deleted.
notice-host-added = The host is added.
notice-host-saved = The host is saved.
notice-host-deleted = The host is being deleted, with its integrations.
notice-integration-added = The integration is added.
notice-integration-saved = The integration is saved.
notice-integration-deleted = The integration is deleted.

## A subscription's status, and how the add-host form names it

subscription-active = Active
subscription-trial = Trial
subscription-trial-until = Trial until { $date }
subscription-expired = Expired
subscription-cancelling = Being cancelled
subscription-label = { $plan }, since { $date }

## The pages that ask before deleting ($host: a host's name, its domain in brackets)

confirm-cancel-subscription = This cancels your subscription to { $plan } at once. It can't be undone.
confirm-goes-host = { $host } and its integrations
confirm-keep-subscription = Keep the subscription
confirm-delete-host = This deletes the host { $host }. It can't be undone.
confirm-goes-integration = the integration { $name } ({ $kind })
confirm-keep-host = Keep the host
confirm-delete-integration = This deletes the integration { $name } ({ $kind }) of the host { $host }, with its settings. It can't be undone.
confirm-keep-integration = Keep the integration
invalid-settings-json = This is not valid JSON (line { $line }, column { $column }).
hosting-choose-subscription = Choose one of your subscriptions.
