//! Subscriptions, hosts and integrations, and their deletion in small batches.

use steward_store::hosting::*;
mod deletion;
mod hosts;
mod integrations;
mod subscriptions;
pub use deletion::*;
pub use hosts::*;
pub use integrations::*;
use sqlx::PgConnection;
use steward_store::ids::AccountId;
pub use subscriptions::*;

pub async fn holdings(conn: &mut PgConnection, account_id: AccountId) -> sqlx::Result<Holdings> {
    sqlx::query_as!(
        Holdings,
        r#"select
             (select count(*) from subscriptions
               where account_id = $1 and status != 'cancelling') as "subscriptions!: i64",
             (select count(*) from hosts
               where account_id = $1 and status != 'deleting') as "hosts!: i64",
             (select count(*) from integrations i join hosts h on h.id = i.host_id
               where i.account_id = $1 and h.status != 'deleting') as "integrations!: i64"
        "#,
        account_id as _
    )
    .fetch_one(conn)
    .await
}
