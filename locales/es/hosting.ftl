# Hosting (/hosting): plans, subscriptions, hosts and their integrations. Every message
# may use $app (the product's name). Messages with markup (<strong>) are rendered as
# HTML; their variables are escaped. Dates come formatted already.

## The overview

hosting-plans = Planes
hosting-plan-hosts = Hasta { $hosts ->
        [one] { $hosts } host
       *[other] { $hosts } hosts
    }.
hosting-plan-hosts-trial = Hasta { $hosts ->
        [one] { $hosts } host
       *[other] { $hosts } hosts
    }, con una prueba de { $days ->
        [one] { $days } día
       *[other] { $days } días
    }.
hosting-subscribe = Suscribirse
hosting-your-subscriptions = Sus suscripciones
hosting-status = Estado
hosting-since = Desde
hosting-hosts = Hosts
hosting-cancel-subscription = Cancelar la suscripción
hosting-subscriptions-none = Aún no tiene suscripciones: elija un plan arriba.
hosting-your-hosts = Sus hosts
hosting-domain = Dominio
hosting-no-domain = ninguno
hosting-subscription = Suscripción
hosting-added = Añadido
hosting-hosts-none = Aún no tiene hosts.
hosting-add-host = Añadir host
hosting-name = Nombre
hosting-domain-hint = Opcional. Por ejemplo, matrix.example.org.
hosting-subscribe-first = Primero suscríbase a un plan y después añádale un host.

## Confirming a deletion

hosting-confirm-goes = También se eliminan:
hosting-confirm-nothing = No se elimina nada más.

## A host

hosting-back = Volver a alojamiento
hosting-domain-hint-edit = Opcional. Por ejemplo, matrix.example.org. Déjelo vacío para quitar el dominio.
hosting-integrations = Integraciones
hosting-kind = Tipo
hosting-changed = Modificada
hosting-edit = Editar
hosting-integrations-none = Este host aún no tiene integraciones.
hosting-add-integration = Añadir integración
hosting-delete-host = Eliminar host
hosting-delete-host-intro = Elimina este host y sus integraciones. Se le pedirá confirmación antes.

## An integration

hosting-edit-integration = Editar integración
hosting-back-to = Volver a { $name }
hosting-on-host = En el host <strong>{ $name }</strong>.
hosting-kind-hint = Por ejemplo, matrix-bridge: de 1 a 50 caracteres entre a-z, 0-9, _ y -.
hosting-settings = Configuración
hosting-settings-hint = Un objeto JSON, por ejemplo { $example }.
hosting-delete-integration = Eliminar integración
hosting-delete-integration-intro = Elimina esta integración y su configuración. Se le pedirá confirmación antes.

## What a page says after a step (its notice)

notice-subscribed = Ya está suscrito. Añada un host abajo.
notice-subscription-cancelled = La suscripción se ha cancelado. Sus hosts y sus integraciones se están eliminando.
notice-host-added = El host se ha añadido.
notice-host-saved = El host se ha guardado.
notice-host-deleted = El host se está eliminando, con sus integraciones.
notice-integration-added = La integración se ha añadido.
notice-integration-saved = La integración se ha guardado.
notice-integration-deleted = La integración se ha eliminado.

## A subscription's status, and how the add-host form names it

subscription-active = Activa
subscription-trial = Prueba
subscription-trial-until = Prueba hasta el { $date }
subscription-expired = Caducada
subscription-cancelling = En cancelación
subscription-label = { $plan }, desde el { $date }

## The pages that ask before deleting ($host: a host's name, its domain in brackets)

confirm-cancel-subscription = Esto cancela de inmediato su suscripción a { $plan }. No se puede deshacer.
confirm-goes-host = { $host } y sus integraciones
confirm-keep-subscription = Conservar la suscripción
confirm-delete-host = Esto elimina el host { $host }. No se puede deshacer.
confirm-goes-integration = la integración { $name } ({ $kind })
confirm-keep-host = Conservar el host
confirm-delete-integration = Esto elimina la integración { $name } ({ $kind }) del host { $host }, con su configuración. No se puede deshacer.
confirm-keep-integration = Conservar la integración
invalid-settings-json = Esto no es JSON válido (línea { $line }, columna { $column }).
hosting-choose-subscription = Elija una de sus suscripciones.
