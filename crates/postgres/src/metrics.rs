//! The counts `GET /metrics` reports. The queue's table belongs to apalis: that query
//! is checked at run time.

use sqlx::PgConnection;
use steward_store::metrics::Counts;

pub async fn counts(conn: &mut PgConnection) -> sqlx::Result<Counts> {
    let jobs = sqlx::query_as(
        "select job_type, status, count(*) from apalis.jobs group by job_type, status",
    )
    .fetch_all(&mut *conn)
    .await?;
    let outbox = sqlx::query_as("select status, count(*) from outbox group by status")
        .fetch_all(&mut *conn)
        .await?;
    let webhook_deliveries =
        sqlx::query_as("select status, count(*) from webhook_deliveries group by status")
            .fetch_all(conn)
            .await?;
    Ok(Counts {
        jobs,
        outbox,
        webhook_deliveries,
    })
}
