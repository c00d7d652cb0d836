//! The webhook_endpoints and webhook_deliveries tables: where events go, and each
//! event's delivery to each endpoint, from the change that causes it to its answer.

use sqlx::PgConnection;
use steward_store::Timestamp;
use steward_store::ids::{WebhookDeliveryId, WebhookEndpointId, WebhookEventId};
use steward_store::webhooks::*;

pub async fn insert_endpoint(conn: &mut PgConnection, e: &Endpoint) -> sqlx::Result<()> {
    sqlx::query!(
        "insert into webhook_endpoints (id, url, events, description, enabled, secret_sealed,
                                        created_at, updated_at)
         values ($1, $2, $3, $4, $5, $6, $7, $8)",
        e.id as _,
        e.url as _,
        e.events as _,
        e.description as _,
        e.enabled as _,
        e.secret_sealed as _,
        e.created_at as _,
        e.updated_at as _,
    )
    .execute(conn)
    .await?;
    Ok(())
}

/// Every endpoint, oldest first (there are few: admins register them by hand).
pub async fn endpoints(conn: &mut PgConnection) -> sqlx::Result<Vec<Endpoint>> {
    sqlx::query_as!(
        Endpoint,
        r#"select id as "id!: WebhookEndpointId", url, events, description,
                  enabled as "enabled!: bool", secret_sealed,
                  previous_secret_sealed, previous_secret_expires_at as "previous_secret_expires_at: Timestamp",
                  created_at as "created_at!: Timestamp", updated_at as "updated_at!: Timestamp"
           from webhook_endpoints order by created_at, id"#
    )
    .fetch_all(conn)
    .await
}

pub async fn find_endpoint(
    conn: &mut PgConnection,
    id: WebhookEndpointId,
) -> sqlx::Result<Option<Endpoint>> {
    sqlx::query_as!(
        Endpoint,
        r#"select id as "id!: WebhookEndpointId", url, events, description,
                  enabled as "enabled!: bool", secret_sealed,
                  previous_secret_sealed, previous_secret_expires_at as "previous_secret_expires_at: Timestamp",
                  created_at as "created_at!: Timestamp", updated_at as "updated_at!: Timestamp"
           from webhook_endpoints where id = $1"#,
        id as _
    )
    .fetch_optional(conn)
    .await
}

/// Writes url, events, description and enabled of `e`.
pub async fn update_endpoint(conn: &mut PgConnection, e: &Endpoint) -> sqlx::Result<()> {
    sqlx::query!(
        "update webhook_endpoints set url = $1, events = $2, description = $3, enabled = $4,
                updated_at = $5
         where id = $6",
        e.url as _,
        e.events as _,
        e.description as _,
        e.enabled as _,
        e.updated_at as _,
        e.id as _
    )
    .execute(conn)
    .await?;
    Ok(())
}

/// Turns an endpoint off; false when it was off already (or is gone).
pub async fn disable_endpoint(
    conn: &mut PgConnection,
    id: WebhookEndpointId,
    now: Timestamp,
) -> sqlx::Result<bool> {
    let done = sqlx::query!(
        "update webhook_endpoints set enabled = false, updated_at = $1 where id = $2 and enabled",
        now as _,
        id as _
    )
    .execute(conn)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// Replaces the signing key; the old one keeps signing until `previous_expires_at`.
pub async fn rotate_secret(
    conn: &mut PgConnection,
    id: WebhookEndpointId,
    secret_sealed: &[u8],
    previous_sealed: &[u8],
    previous_expires_at: Timestamp,
    now: Timestamp,
) -> sqlx::Result<bool> {
    let done = sqlx::query!(
        "update webhook_endpoints set secret_sealed = $1, previous_secret_sealed = $2,
                previous_secret_expires_at = $3, updated_at = $4
         where id = $5",
        secret_sealed as _,
        previous_sealed as _,
        previous_expires_at as _,
        now as _,
        id as _
    )
    .execute(conn)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// Deletes an endpoint and (by cascade) its deliveries.
pub async fn delete_endpoint(conn: &mut PgConnection, id: WebhookEndpointId) -> sqlx::Result<bool> {
    let done = sqlx::query!("delete from webhook_endpoints where id = $1", id as _)
        .execute(conn)
        .await?;
    Ok(done.rows_affected() == 1)
}

pub async fn insert_delivery(conn: &mut PgConnection, d: &NewDelivery<'_>) -> sqlx::Result<()> {
    // seq: from the table's sequence (several instances may insert at once)
    sqlx::query!(
        "insert into webhook_deliveries (id, endpoint_id, event_id, event_type, payload,
                                         next_attempt_at, created_at)
         values ($1, $2, $3, $4, $5, $6, $7)",
        d.id as _,
        d.endpoint_id as _,
        d.event_id as _,
        d.event_type as _,
        d.payload as _,
        d.now as _,
        d.now as _,
    )
    .execute(conn)
    .await?;
    Ok(())
}

/// Claims a delivery for one try: counts the try and takes the lease. None unless it is
/// pending, unleased, has had `attempts` tries (else the job is a stale copy), the oldest pending delivery of its endpoint (deliveries keep
/// their order), and its endpoint is enabled.
pub async fn claim_delivery(
    conn: &mut PgConnection,
    id: WebhookDeliveryId,
    attempts: i64,
    now: Timestamp,
    lease_until: Timestamp,
) -> sqlx::Result<Option<ClaimedDelivery>> {
    sqlx::query_as!(
        ClaimedDelivery,
        r#"update webhook_deliveries set attempts = attempts + 1, lease_until = $1
           where id = $2 and attempts = $3 and status = 'pending'
             and (lease_until is null or lease_until <= $4)
             and not exists (select 1 from webhook_deliveries earlier
                             where earlier.endpoint_id = webhook_deliveries.endpoint_id
                               and earlier.status = 'pending'
                               and earlier.seq < webhook_deliveries.seq)
             and exists (select 1 from webhook_endpoints e
                         where e.id = webhook_deliveries.endpoint_id and e.enabled)
           returning id as "id!: WebhookDeliveryId", endpoint_id as "endpoint_id!: WebhookEndpointId",
                     event_id as "event_id!: WebhookEventId", payload as "payload!",
                     attempts as "attempts!""#,
        lease_until as _,
        id as _,
        attempts as _,
        now as _
    )
    .fetch_optional(conn)
    .await
}

pub async fn mark_delivered(
    conn: &mut PgConnection,
    id: WebhookDeliveryId,
    status_code: i64,
    now: Timestamp,
) -> sqlx::Result<()> {
    sqlx::query!(
        "update webhook_deliveries set status = 'delivered', last_status_code = $1,
                last_error = null, delivered_at = $2, lease_until = null
         where id = $3",
        status_code as _,
        now as _,
        id as _
    )
    .execute(conn)
    .await?;
    Ok(())
}

pub async fn mark_retry(
    conn: &mut PgConnection,
    id: WebhookDeliveryId,
    status_code: Option<i64>,
    error: &str,
    next_attempt_at: Timestamp,
) -> sqlx::Result<()> {
    sqlx::query!(
        "update webhook_deliveries set last_status_code = $1, last_error = $2,
                next_attempt_at = $3, lease_until = null
         where id = $4",
        status_code as _,
        error as _,
        next_attempt_at as _,
        id as _
    )
    .execute(conn)
    .await?;
    Ok(())
}

pub async fn mark_failed(
    conn: &mut PgConnection,
    id: WebhookDeliveryId,
    status_code: Option<i64>,
    error: &str,
) -> sqlx::Result<()> {
    sqlx::query!(
        "update webhook_deliveries set status = 'failed', last_status_code = $1,
                last_error = $2, lease_until = null
         where id = $3",
        status_code as _,
        error as _,
        id as _
    )
    .execute(conn)
    .await?;
    Ok(())
}

/// The oldest pending delivery of an endpoint: the one to send next.
pub async fn head(
    conn: &mut PgConnection,
    endpoint_id: WebhookEndpointId,
) -> sqlx::Result<Option<QueueHead>> {
    sqlx::query_as!(
        QueueHead,
        r#"select id as "id!: WebhookDeliveryId", attempts as "attempts!" from webhook_deliveries
           where endpoint_id = $1 and status = 'pending' order by seq limit 1"#,
        endpoint_id as _
    )
    .fetch_optional(conn)
    .await
}

/// The head of every enabled endpoint's queue that was due before `cutoff` and is not
/// leased: its job was lost, or its worker died.
pub async fn due_heads(
    conn: &mut PgConnection,
    cutoff: Timestamp,
    now: Timestamp,
    limit: i64,
) -> sqlx::Result<Vec<QueueHead>> {
    sqlx::query_as!(
        QueueHead,
        r#"select d.id as "id!: WebhookDeliveryId", d.attempts as "attempts!"
           from webhook_deliveries d
           join webhook_endpoints e on e.id = d.endpoint_id and e.enabled
           where d.status = 'pending' and d.next_attempt_at <= $1
             and (d.lease_until is null or d.lease_until <= $2)
             and d.seq = (select min(seq) from webhook_deliveries h
                          where h.endpoint_id = d.endpoint_id and h.status = 'pending')
           order by d.next_attempt_at limit $3"#,
        cutoff as _,
        now as _,
        limit as _
    )
    .fetch_all(conn)
    .await
}

/// Ends every lease. Only at start-up: no try of this process can be under way yet.
pub async fn release_leases(conn: &mut PgConnection) -> sqlx::Result<u64> {
    let done = sqlx::query!(
        "update webhook_deliveries set lease_until = null
         where status = 'pending' and lease_until is not null"
    )
    .execute(conn)
    .await?;
    Ok(done.rows_affected())
}

/// An endpoint's deliveries, newest first, optionally of one status.
pub async fn deliveries(
    conn: &mut PgConnection,
    endpoint_id: WebhookEndpointId,
    status: Option<DeliveryStatus>,
    before_seq: Option<i64>,
    limit: i64,
) -> sqlx::Result<Vec<(i64, Delivery)>> {
    let status = status.map(DeliveryStatus::as_str);
    let before = before_seq.unwrap_or(i64::MAX);
    let rows = sqlx::query!(
        r#"select seq as "seq!: i64", id as "id!: WebhookDeliveryId",
                  endpoint_id as "endpoint_id!: WebhookEndpointId",
                  event_id as "event_id!: WebhookEventId", event_type,
                  status as "status!: DeliveryStatus", attempts, last_status_code, last_error,
                  next_attempt_at as "next_attempt_at!: Timestamp",
                  created_at as "created_at!: Timestamp", delivered_at as "delivered_at: Timestamp"
           from webhook_deliveries
           where endpoint_id = $1 and ($2::text is null or status = $3) and seq < $4
           order by seq desc limit $5"#,
        endpoint_id as _,
        status as _,
        status as _,
        before as _,
        limit as _
    )
    .fetch_all(conn)
    .await?;
    Ok(rows
        .into_iter()
        .map(|r| {
            (
                r.seq,
                Delivery {
                    id: r.id,
                    endpoint_id: r.endpoint_id,
                    event_id: r.event_id,
                    event_type: r.event_type,
                    status: r.status,
                    attempts: r.attempts,
                    last_status_code: r.last_status_code,
                    last_error: r.last_error,
                    next_attempt_at: r.next_attempt_at,
                    created_at: r.created_at,
                    delivered_at: r.delivered_at,
                },
            )
        })
        .collect())
}

pub async fn find_delivery(
    conn: &mut PgConnection,
    id: WebhookDeliveryId,
) -> sqlx::Result<Option<Delivery>> {
    sqlx::query_as!(
        Delivery,
        r#"select id as "id!: WebhookDeliveryId",
                  endpoint_id as "endpoint_id!: WebhookEndpointId",
                  event_id as "event_id!: WebhookEventId", event_type,
                  status as "status!: DeliveryStatus", attempts, last_status_code, last_error,
                  next_attempt_at as "next_attempt_at!: Timestamp",
                  created_at as "created_at!: Timestamp", delivered_at as "delivered_at: Timestamp"
           from webhook_deliveries where id = $1"#,
        id as _
    )
    .fetch_optional(conn)
    .await
}

/// Gives a failed delivery a fresh set of tries, from now, at the back of its
/// endpoint's queue (a retried old event must not hold back the newer ones). False when
/// it is not failed.
pub async fn retry_delivery(
    conn: &mut PgConnection,
    id: WebhookDeliveryId,
    now: Timestamp,
) -> sqlx::Result<bool> {
    let done = sqlx::query!(
        "update webhook_deliveries set status = 'pending', attempts = 0, next_attempt_at = $1,
                lease_until = null,
                seq = nextval('webhook_delivery_seq')
         where id = $2 and status = 'failed'",
        now as _,
        id as _
    )
    .execute(conn)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// Deletes up to `limit` deliveries that are done (delivered, or failed after their
/// last try) since before `cutoff`; pending ones stay whatever their age. A failed
/// row's `next_attempt_at` is when its last try was due.
pub async fn purge_done(
    conn: &mut PgConnection,
    cutoff: Timestamp,
    limit: i64,
) -> sqlx::Result<u64> {
    let done = sqlx::query!(
        // the batch's ids as an array: each row is then found by its key, where `in`
        // may join the batch against every delivery
        "delete from webhook_deliveries where id = any(array(
           select id from webhook_deliveries
           where (status = 'delivered' and delivered_at < $1)
              or (status = 'failed' and next_attempt_at < $1)
           limit $2))",
        cutoff as _,
        limit as _
    )
    .execute(conn)
    .await?;
    Ok(done.rows_affected())
}
