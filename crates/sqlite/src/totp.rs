//! Authenticator devices, their enrollments, and recovery codes.

use sqlx::SqliteConnection;
use steward_store::Timestamp;
use steward_store::ids::{AccountId, RecoveryCodeId, TotpDeviceId, TotpEnrollmentId};
use steward_store::totp::*;

pub async fn devices(
    conn: &mut SqliteConnection,
    account_id: AccountId,
) -> sqlx::Result<Vec<Device>> {
    sqlx::query_as!(
        Device,
        r#"select id as "id: TotpDeviceId", name, secret_sealed,
                  created_at as "created_at: Timestamp",
                  last_used_at as "last_used_at: Timestamp", last_used_step
           from totp_devices where account_id = ? order by id"#,
        account_id
    )
    .fetch_all(conn)
    .await
}

pub async fn count_devices(
    conn: &mut SqliteConnection,
    account_id: AccountId,
) -> sqlx::Result<i64> {
    sqlx::query_scalar!(
        r#"select count(*) as "n!: i64" from totp_devices where account_id = ?"#,
        account_id
    )
    .fetch_one(conn)
    .await
}

pub async fn insert_device(conn: &mut SqliteConnection, d: &NewDevice<'_>) -> sqlx::Result<()> {
    sqlx::query!(
        "insert into totp_devices (id, account_id, name, secret_sealed, created_at, last_used_at,
                                   last_used_step)
         values (?, ?, ?, ?, ?, ?, ?)",
        d.id,
        d.account_id,
        d.name,
        d.secret_sealed,
        d.now,
        d.now,
        d.last_used_step,
    )
    .execute(conn)
    .await?;
    Ok(())
}

/// Records a used step, only if it is newer than the last one (false: a replay, or a
/// concurrent use of the same code won).
pub async fn use_step(
    conn: &mut SqliteConnection,
    id: TotpDeviceId,
    step: i64,
    now: Timestamp,
) -> sqlx::Result<bool> {
    let done = sqlx::query!(
        "update totp_devices set last_used_step = ?, last_used_at = ?
         where id = ? and last_used_step < ?",
        step,
        now,
        id,
        step
    )
    .execute(conn)
    .await?;
    Ok(done.rows_affected() == 1)
}

pub async fn rename_device(
    conn: &mut SqliteConnection,
    account_id: AccountId,
    id: TotpDeviceId,
    name: &str,
) -> sqlx::Result<bool> {
    let done = sqlx::query!(
        "update totp_devices set name = ? where id = ? and account_id = ?",
        name,
        id,
        account_id
    )
    .execute(conn)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// Deletes one device; returns its name, None when it is not the account's.
pub async fn delete_device(
    conn: &mut SqliteConnection,
    account_id: AccountId,
    id: TotpDeviceId,
) -> sqlx::Result<Option<String>> {
    sqlx::query_scalar!(
        r#"delete from totp_devices where id = ? and account_id = ? returning name as "name!""#,
        id,
        account_id
    )
    .fetch_optional(conn)
    .await
}

pub async fn delete_all_devices(
    conn: &mut SqliteConnection,
    account_id: AccountId,
) -> sqlx::Result<u64> {
    let done = sqlx::query!("delete from totp_devices where account_id = ?", account_id)
        .execute(conn)
        .await?;
    Ok(done.rows_affected())
}

pub async fn insert_enrollment(
    conn: &mut SqliteConnection,
    e: &Enrollment,
    now: Timestamp,
) -> sqlx::Result<()> {
    sqlx::query!(
        "insert into totp_enrollments (id, account_id, name, secret_sealed, created_at, expires_at)
         values (?, ?, ?, ?, ?, ?)",
        e.id,
        e.account_id,
        e.name,
        e.secret_sealed,
        now,
        e.expires_at,
    )
    .execute(conn)
    .await?;
    Ok(())
}

pub async fn find_enrollment(
    conn: &mut SqliteConnection,
    account_id: AccountId,
    id: TotpEnrollmentId,
) -> sqlx::Result<Option<Enrollment>> {
    sqlx::query_as!(
        Enrollment,
        r#"select id as "id: TotpEnrollmentId", account_id as "account_id: AccountId", name,
                  secret_sealed, expires_at as "expires_at: Timestamp"
           from totp_enrollments where id = ? and account_id = ?"#,
        id,
        account_id
    )
    .fetch_optional(conn)
    .await
}

/// The newest enrollment of the account that stays open past `open_after`, if any.
pub async fn newest_open_enrollment(
    conn: &mut SqliteConnection,
    account_id: AccountId,
    open_after: Timestamp,
) -> sqlx::Result<Option<TotpEnrollmentId>> {
    sqlx::query_scalar!(
        r#"select id as "id: TotpEnrollmentId" from totp_enrollments
           where account_id = ? and expires_at > ?
           order by created_at desc, id desc limit 1"#,
        account_id,
        open_after
    )
    .fetch_optional(conn)
    .await
}

pub async fn delete_enrollment(
    conn: &mut SqliteConnection,
    id: TotpEnrollmentId,
) -> sqlx::Result<bool> {
    let done = sqlx::query!("delete from totp_enrollments where id = ?", id)
        .execute(conn)
        .await?;
    Ok(done.rows_affected() == 1)
}

pub async fn replace_recovery_codes(
    conn: &mut SqliteConnection,
    account_id: AccountId,
    digests: &[Vec<u8>],
    now: Timestamp,
) -> sqlx::Result<()> {
    delete_recovery_codes(conn, account_id).await?;
    for digest in digests {
        let id = RecoveryCodeId::new();
        sqlx::query!(
            "insert into recovery_codes (id, account_id, code_hash, created_at) values (?, ?, ?, ?)",
            id,
            account_id,
            digest,
            now
        )
        .execute(&mut *conn)
        .await?;
    }
    Ok(())
}

pub async fn delete_recovery_codes(
    conn: &mut SqliteConnection,
    account_id: AccountId,
) -> sqlx::Result<()> {
    sqlx::query!(
        "delete from recovery_codes where account_id = ?",
        account_id
    )
    .execute(conn)
    .await?;
    Ok(())
}

/// Uses up a recovery code; false when it is unknown or used.
pub async fn use_recovery_code(
    conn: &mut SqliteConnection,
    account_id: AccountId,
    digest: &[u8],
    now: Timestamp,
) -> sqlx::Result<bool> {
    let done = sqlx::query!(
        "update recovery_codes set used_at = ?
         where account_id = ? and code_hash = ? and used_at is null",
        now,
        account_id,
        digest
    )
    .execute(conn)
    .await?;
    Ok(done.rows_affected() == 1)
}

pub async fn remaining_recovery_codes(
    conn: &mut SqliteConnection,
    account_id: AccountId,
) -> sqlx::Result<i64> {
    sqlx::query_scalar!(
        r#"select count(*) as "n!: i64" from recovery_codes where account_id = ? and used_at is null"#,
        account_id
    )
    .fetch_one(conn)
    .await
}
