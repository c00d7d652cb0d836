//! The webhook_endpoints and webhook_deliveries tables: where events go, and each
//! event's delivery to each endpoint, from the change that causes it to its answer.

use sqlx::SqliteConnection;
use steward_store::Timestamp;
use steward_store::ids::{WebhookDeliveryId, WebhookEndpointId, WebhookEventId};
use steward_store::webhooks::*;

pub async fn insert_endpoint(conn: &mut SqliteConnection, e: &Endpoint) -> sqlx::Result<()> {
    sqlx::query!(
        "insert into webhook_endpoints (id, url, events, description, enabled, secret_sealed,
                                        created_at, updated_at)
         values (?, ?, ?, ?, ?, ?, ?, ?)",
        e.id,
        e.url,
        e.events,
        e.description,
        e.enabled,
        e.secret_sealed,
        e.created_at,
        e.updated_at,
    )
    .execute(conn)
    .await?;
    Ok(())
}

/// Every endpoint, oldest first (there are few: admins register them by hand).
pub async fn endpoints(conn: &mut SqliteConnection) -> sqlx::Result<Vec<Endpoint>> {
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
    conn: &mut SqliteConnection,
    id: WebhookEndpointId,
) -> sqlx::Result<Option<Endpoint>> {
    sqlx::query_as!(
        Endpoint,
        r#"select id as "id!: WebhookEndpointId", url, events, description,
                  enabled as "enabled!: bool", secret_sealed,
                  previous_secret_sealed, previous_secret_expires_at as "previous_secret_expires_at: Timestamp",
                  created_at as "created_at!: Timestamp", updated_at as "updated_at!: Timestamp"
           from webhook_endpoints where id = ?"#,
        id
    )
    .fetch_optional(conn)
    .await
}

/// Writes url, events, description and enabled of `e`.
pub async fn update_endpoint(conn: &mut SqliteConnection, e: &Endpoint) -> sqlx::Result<()> {
    sqlx::query!(
        "update webhook_endpoints set url = ?, events = ?, description = ?, enabled = ?,
                updated_at = ?
         where id = ?",
        e.url,
        e.events,
        e.description,
        e.enabled,
        e.updated_at,
        e.id
    )
    .execute(conn)
    .await?;
    Ok(())
}

/// Turns an endpoint off; false when it was off already (or is gone).
pub async fn disable_endpoint(
    conn: &mut SqliteConnection,
    id: WebhookEndpointId,
    now: Timestamp,
) -> sqlx::Result<bool> {
    let done = sqlx::query!(
        "update webhook_endpoints set enabled = 0, updated_at = ? where id = ? and enabled = 1",
        now,
        id
    )
    .execute(conn)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// Replaces the signing key; the old one keeps signing until `previous_expires_at`.
pub async fn rotate_secret(
    conn: &mut SqliteConnection,
    id: WebhookEndpointId,
    secret_sealed: &[u8],
    previous_sealed: &[u8],
    previous_expires_at: Timestamp,
    now: Timestamp,
) -> sqlx::Result<bool> {
    let done = sqlx::query!(
        "update webhook_endpoints set secret_sealed = ?, previous_secret_sealed = ?,
                previous_secret_expires_at = ?, updated_at = ?
         where id = ?",
        secret_sealed,
        previous_sealed,
        previous_expires_at,
        now,
        id
    )
    .execute(conn)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// Deletes an endpoint and (by cascade) its deliveries.
pub async fn delete_endpoint(
    conn: &mut SqliteConnection,
    id: WebhookEndpointId,
) -> sqlx::Result<bool> {
    let done = sqlx::query!("delete from webhook_endpoints where id = ?", id)
        .execute(conn)
        .await?;
    Ok(done.rows_affected() == 1)
}

pub async fn insert_delivery(conn: &mut SqliteConnection, d: &NewDelivery<'_>) -> sqlx::Result<()> {
    // seq: the writer holds the database (BEGIN IMMEDIATE), so max + 1 is unique
    sqlx::query!(
        "insert into webhook_deliveries (id, endpoint_id, event_id, event_type, payload,
                                         next_attempt_at, created_at, seq)
         values (?, ?, ?, ?, ?, ?, ?,
                 (select coalesce(max(seq), 0) + 1 from webhook_deliveries))",
        d.id,
        d.endpoint_id,
        d.event_id,
        d.event_type,
        d.payload,
        d.now,
        d.now,
    )
    .execute(conn)
    .await?;
    Ok(())
}

/// Claims a delivery for one try: counts the try and takes the lease. None unless it is
/// pending, unleased, has had `attempts` tries (else the job is a stale copy), the oldest pending delivery of its endpoint (deliveries keep
/// their order), and its endpoint is enabled.
pub async fn claim_delivery(
    conn: &mut SqliteConnection,
    id: WebhookDeliveryId,
    attempts: i64,
    now: Timestamp,
    lease_until: Timestamp,
) -> sqlx::Result<Option<ClaimedDelivery>> {
    sqlx::query_as!(
        ClaimedDelivery,
        r#"update webhook_deliveries set attempts = attempts + 1, lease_until = ?
           where id = ? and attempts = ? and status = 'pending'
             and (lease_until is null or lease_until <= ?)
             and not exists (select 1 from webhook_deliveries earlier
                             where earlier.endpoint_id = webhook_deliveries.endpoint_id
                               and earlier.status = 'pending'
                               and earlier.seq < webhook_deliveries.seq)
             and exists (select 1 from webhook_endpoints e
                         where e.id = webhook_deliveries.endpoint_id and e.enabled = 1)
           returning id as "id!: WebhookDeliveryId", endpoint_id as "endpoint_id!: WebhookEndpointId",
                     event_id as "event_id!: WebhookEventId", payload as "payload!",
                     attempts as "attempts!""#,
        lease_until,
        id,
        attempts,
        now
    )
    .fetch_optional(conn)
    .await
}

pub async fn mark_delivered(
    conn: &mut SqliteConnection,
    id: WebhookDeliveryId,
    status_code: i64,
    now: Timestamp,
) -> sqlx::Result<()> {
    sqlx::query!(
        "update webhook_deliveries set status = 'delivered', last_status_code = ?,
                last_error = null, delivered_at = ?, lease_until = null
         where id = ?",
        status_code,
        now,
        id
    )
    .execute(conn)
    .await?;
    Ok(())
}

pub async fn mark_retry(
    conn: &mut SqliteConnection,
    id: WebhookDeliveryId,
    status_code: Option<i64>,
    error: &str,
    next_attempt_at: Timestamp,
) -> sqlx::Result<()> {
    sqlx::query!(
        "update webhook_deliveries set last_status_code = ?, last_error = ?,
                next_attempt_at = ?, lease_until = null
         where id = ?",
        status_code,
        error,
        next_attempt_at,
        id
    )
    .execute(conn)
    .await?;
    Ok(())
}

pub async fn mark_failed(
    conn: &mut SqliteConnection,
    id: WebhookDeliveryId,
    status_code: Option<i64>,
    error: &str,
) -> sqlx::Result<()> {
    sqlx::query!(
        "update webhook_deliveries set status = 'failed', last_status_code = ?,
                last_error = ?, lease_until = null
         where id = ?",
        status_code,
        error,
        id
    )
    .execute(conn)
    .await?;
    Ok(())
}

/// The oldest pending delivery of an endpoint: the one to send next.
pub async fn head(
    conn: &mut SqliteConnection,
    endpoint_id: WebhookEndpointId,
) -> sqlx::Result<Option<QueueHead>> {
    sqlx::query_as!(
        QueueHead,
        r#"select id as "id!: WebhookDeliveryId", attempts as "attempts!" from webhook_deliveries
           where endpoint_id = ? and status = 'pending' order by seq limit 1"#,
        endpoint_id
    )
    .fetch_optional(conn)
    .await
}

/// The head of every enabled endpoint's queue that was due before `cutoff` and is not
/// leased: its job was lost, or its worker died.
pub async fn due_heads(
    conn: &mut SqliteConnection,
    cutoff: Timestamp,
    now: Timestamp,
    limit: i64,
) -> sqlx::Result<Vec<QueueHead>> {
    sqlx::query_as!(
        QueueHead,
        r#"select d.id as "id!: WebhookDeliveryId", d.attempts as "attempts!"
           from webhook_deliveries d
           join webhook_endpoints e on e.id = d.endpoint_id and e.enabled = 1
           where d.status = 'pending' and d.next_attempt_at <= ?
             and (d.lease_until is null or d.lease_until <= ?)
             and d.seq = (select min(seq) from webhook_deliveries h
                          where h.endpoint_id = d.endpoint_id and h.status = 'pending')
           order by d.next_attempt_at limit ?"#,
        cutoff,
        now,
        limit
    )
    .fetch_all(conn)
    .await
}

/// Ends every lease. Only at start-up: no try of this process can be under way yet.
pub async fn release_leases(conn: &mut SqliteConnection) -> sqlx::Result<u64> {
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
    conn: &mut SqliteConnection,
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
           where endpoint_id = ? and (? is null or status = ?) and seq < ?
           order by seq desc limit ?"#,
        endpoint_id,
        status,
        status,
        before,
        limit
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
    conn: &mut SqliteConnection,
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
           from webhook_deliveries where id = ?"#,
        id
    )
    .fetch_optional(conn)
    .await
}

/// Gives a failed delivery a fresh set of tries, from now, at the back of its
/// endpoint's queue (a retried old event must not hold back the newer ones). False when
/// it is not failed.
pub async fn retry_delivery(
    conn: &mut SqliteConnection,
    id: WebhookDeliveryId,
    now: Timestamp,
) -> sqlx::Result<bool> {
    let done = sqlx::query!(
        "update webhook_deliveries set status = 'pending', attempts = 0, next_attempt_at = ?,
                lease_until = null,
                seq = (select coalesce(max(seq), 0) + 1 from webhook_deliveries)
         where id = ? and status = 'failed'",
        now,
        id
    )
    .execute(conn)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// Deletes up to `limit` deliveries that are done (delivered, or failed after their
/// last try) since before `cutoff`; pending ones stay whatever their age. A failed
/// row's `next_attempt_at` is when its last try was due.
pub async fn purge_done(
    conn: &mut SqliteConnection,
    cutoff: Timestamp,
    limit: i64,
) -> sqlx::Result<u64> {
    let done = sqlx::query!(
        "delete from webhook_deliveries where rowid in
           (select rowid from webhook_deliveries
            where (status = 'delivered' and delivered_at < ?1)
               or (status = 'failed' and next_attempt_at < ?1)
            limit ?2)",
        cutoff,
        limit
    )
    .execute(conn)
    .await?;
    Ok(done.rows_affected())
}
