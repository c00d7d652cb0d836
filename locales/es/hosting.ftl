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
