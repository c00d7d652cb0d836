//! Authenticator devices, their enrollments, and recovery codes.

use sqlx::PgConnection;
use steward_store::Timestamp;
use steward_store::ids::{AccountId, RecoveryCodeId, TotpDeviceId, TotpEnrollmentId};
use steward_store::totp::*;

pub async fn devices(conn: &mut PgConnection, account_id: AccountId) -> sqlx::Result<Vec<Device>> {
    sqlx::query_as!(
        Device,
        r#"select id as "id: TotpDeviceId", name, secret_sealed,
                  created_at as "created_at: Timestamp",
                  last_used_at as "last_used_at: Timestamp", last_used_step
           from totp_devices where account_id = $1 order by id"#,
        account_id as _
    )
    .fetch_all(conn)
    .await
}

pub async fn count_devices(conn: &mut PgConnection, account_id: AccountId) -> sqlx::Result<i64> {
    sqlx::query_scalar!(
        r#"select count(*) as "n!: i64" from totp_devices where account_id = $1"#,
        account_id as _
    )
    .fetch_one(conn)
    .await
}

pub async fn insert_device(conn: &mut PgConnection, d: &NewDevice<'_>) -> sqlx::Result<()> {
    sqlx::query!(
        "insert into totp_devices (id, account_id, name, secret_sealed, created_at, last_used_at,
                                   last_used_step)
         values ($1, $2, $3, $4, $5, $6, $7)",
        d.id as _,
        d.account_id as _,
        d.name as _,
        d.secret_sealed as _,
        d.now as _,
        d.now as _,
        d.last_used_step as _,
    )
    .execute(conn)
    .await?;
    Ok(())
}

/// Records a used step, only if it is newer than the last one (false: a replay, or a
/// concurrent use of the same code won).
pub async fn use_step(
    conn: &mut PgConnection,
    id: TotpDeviceId,
    step: i64,
    now: Timestamp,
) -> sqlx::Result<bool> {
    let done = sqlx::query!(
        "update totp_devices set last_used_step = $1, last_used_at = $2
         where id = $3 and last_used_step < $4",
        step as _,
        now as _,
        id as _,
        step as _
    )
    .execute(conn)
    .await?;
    Ok(done.rows_affected() == 1)
}

pub async fn rename_device(
    conn: &mut PgConnection,
    account_id: AccountId,
    id: TotpDeviceId,
    name: &str,
) -> sqlx::Result<bool> {
    let done = sqlx::query!(
        "update totp_devices set name = $1 where id = $2 and account_id = $3",
        name as _,
        id as _,
        account_id as _
    )
    .execute(conn)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// Deletes one device; returns its name, None when it is not the account's.
pub async fn delete_device(
    conn: &mut PgConnection,
    account_id: AccountId,
    id: TotpDeviceId,
) -> sqlx::Result<Option<String>> {
    sqlx::query_scalar!(
        r#"delete from totp_devices where id = $1 and account_id = $2 returning name as "name!""#,
        id as _,
        account_id as _
    )
    .fetch_optional(conn)
    .await
}

pub async fn delete_all_devices(
    conn: &mut PgConnection,
    account_id: AccountId,
) -> sqlx::Result<u64> {
    let done = sqlx::query!(
        "delete from totp_devices where account_id = $1",
        account_id as _
    )
    .execute(conn)
    .await?;
    Ok(done.rows_affected())
}

pub async fn insert_enrollment(
    conn: &mut PgConnection,
    e: &Enrollment,
    now: Timestamp,
) -> sqlx::Result<()> {
    sqlx::query!(
        "insert into totp_enrollments (id, account_id, name, secret_sealed, created_at, expires_at)
         values ($1, $2, $3, $4, $5, $6)",
        e.id as _,
        e.account_id as _,
        e.name as _,
        e.secret_sealed as _,
        now as _,
        e.expires_at as _,
    )
    .execute(conn)
    .await?;
    Ok(())
}

pub async fn find_enrollment(
    conn: &mut PgConnection,
    account_id: AccountId,
    id: TotpEnrollmentId,
) -> sqlx::Result<Option<Enrollment>> {
    sqlx::query_as!(
        Enrollment,
        r#"select id as "id: TotpEnrollmentId", account_id as "account_id: AccountId", name,
                  secret_sealed, expires_at as "expires_at: Timestamp"
           from totp_enrollments where id = $1 and account_id = $2"#,
        id as _,
        account_id as _
    )
    .fetch_optional(conn)
    .await
}

/// The newest enrollment of the account that stays open past `open_after`, if any.
pub async fn newest_open_enrollment(
    conn: &mut PgConnection,
    account_id: AccountId,
    open_after: Timestamp,
) -> sqlx::Result<Option<TotpEnrollmentId>> {
    sqlx::query_scalar!(
        r#"select id as "id: TotpEnrollmentId" from totp_enrollments
           where account_id = $1 and expires_at > $2
           order by created_at desc, id desc limit 1"#,
        account_id as _,
        open_after as _
    )
    .fetch_optional(conn)
    .await
}

pub async fn delete_enrollment(
    conn: &mut PgConnection,
    id: TotpEnrollmentId,
) -> sqlx::Result<bool> {
    let done = sqlx::query!("delete from totp_enrollments where id = $1", id as _)
        .execute(conn)
        .await?;
    Ok(done.rows_affected() == 1)
}

pub async fn replace_recovery_codes(
    conn: &mut PgConnection,
    account_id: AccountId,
    digests: &[Vec<u8>],
    now: Timestamp,
) -> sqlx::Result<()> {
    delete_recovery_codes(conn, account_id).await?;
    for digest in digests {
        let id = RecoveryCodeId::new();
        sqlx::query!(
            "insert into recovery_codes (id, account_id, code_hash, created_at) values ($1, $2, $3, $4)",
            id as _,
            account_id as _,
            digest as _,
            now as _
        )
        .execute(&mut *conn)
        .await?;
    }
    Ok(())
}

pub async fn delete_recovery_codes(
    conn: &mut PgConnection,
    account_id: AccountId,
) -> sqlx::Result<()> {
    sqlx::query!(
        "delete from recovery_codes where account_id = $1",
        account_id as _
    )
    .execute(conn)
    .await?;
    Ok(())
}

/// Uses up a recovery code; false when it is unknown or used.
pub async fn use_recovery_code(
    conn: &mut PgConnection,
    account_id: AccountId,
    digest: &[u8],
    now: Timestamp,
) -> sqlx::Result<bool> {
    let done = sqlx::query!(
        "update recovery_codes set used_at = $1
         where account_id = $2 and code_hash = $3 and used_at is null",
        now as _,
        account_id as _,
        digest as _
    )
    .execute(conn)
    .await?;
    Ok(done.rows_affected() == 1)
}

pub async fn remaining_recovery_codes(
    conn: &mut PgConnection,
    account_id: AccountId,
) -> sqlx::Result<i64> {
    sqlx::query_scalar!(
        r#"select count(*) as "n!: i64" from recovery_codes where account_id = $1 and used_at is null"#,
        account_id as _
    )
    .fetch_one(conn)
    .await
}
