//! The passkeys and passkey_challenges tables: registered WebAuthn credentials and the
//! ceremonies under way.

use sqlx::SqliteConnection;
use steward_store::Timestamp;
use steward_store::ids::{AccountId, PasskeyChallengeId, PasskeyId};
use steward_store::passkeys::*;

/// Fails with a unique violation when the credential is registered already.
pub async fn insert(conn: &mut SqliteConnection, p: &NewPasskey<'_>) -> sqlx::Result<()> {
    sqlx::query!(
        "insert into passkeys (id, account_id, credential_id, name, passkey, sign_count,
                               backup_eligible, backup_state, transports, created_at)
         values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        p.id,
        p.account_id,
        p.credential_id,
        p.name,
        p.passkey,
        p.sign_count,
        p.backup_eligible,
        p.backup_state,
        p.transports,
        p.now,
    )
    .execute(conn)
    .await?;
    Ok(())
}

pub async fn list(
    conn: &mut SqliteConnection,
    account_id: AccountId,
) -> sqlx::Result<Vec<Passkey>> {
    sqlx::query_as!(
        Passkey,
        r#"select id as "id: PasskeyId", account_id as "account_id: AccountId", name, passkey,
                  sign_count, backup_eligible as "backup_eligible: bool",
                  backup_state as "backup_state: bool", transports,
                  created_at as "created_at: Timestamp",
                  last_used_at as "last_used_at: Timestamp"
           from passkeys where account_id = ? order by id"#,
        account_id
    )
    .fetch_all(conn)
    .await
}

pub async fn find_by_credential(
    conn: &mut SqliteConnection,
    credential_id: &[u8],
) -> sqlx::Result<Option<Passkey>> {
    sqlx::query_as!(
        Passkey,
        r#"select id as "id: PasskeyId", account_id as "account_id: AccountId", name, passkey,
                  sign_count, backup_eligible as "backup_eligible: bool",
                  backup_state as "backup_state: bool", transports,
                  created_at as "created_at: Timestamp",
                  last_used_at as "last_used_at: Timestamp"
           from passkeys where credential_id = ?"#,
        credential_id
    )
    .fetch_optional(conn)
    .await
}

pub async fn count(conn: &mut SqliteConnection, account_id: AccountId) -> sqlx::Result<i64> {
    sqlx::query_scalar!(
        r#"select count(*) as "n!: i64" from passkeys where account_id = ?"#,
        account_id
    )
    .fetch_one(conn)
    .await
}

/// Records a use: the updated record, counter and backup state.
pub async fn record_use(
    conn: &mut SqliteConnection,
    id: PasskeyId,
    passkey: &str,
    sign_count: i64,
    backup_state: bool,
    now: Timestamp,
) -> sqlx::Result<()> {
    sqlx::query!(
        "update passkeys set passkey = ?, sign_count = ?, backup_state = ?, last_used_at = ?
         where id = ?",
        passkey,
        sign_count,
        backup_state,
        now,
        id
    )
    .execute(conn)
    .await?;
    Ok(())
}

pub async fn rename(
    conn: &mut SqliteConnection,
    account_id: AccountId,
    id: PasskeyId,
    name: &str,
) -> sqlx::Result<bool> {
    let done = sqlx::query!(
        "update passkeys set name = ? where id = ? and account_id = ?",
        name,
        id,
        account_id
    )
    .execute(conn)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// Deletes one passkey of the account; its name, or None when there is no such passkey.
pub async fn delete(
    conn: &mut SqliteConnection,
    account_id: AccountId,
    id: PasskeyId,
) -> sqlx::Result<Option<String>> {
    sqlx::query_scalar!(
        "delete from passkeys where id = ? and account_id = ? returning name",
        id,
        account_id
    )
    .fetch_optional(conn)
    .await
}

/// Deletes every passkey of the account (an admin removing every second factor).
pub async fn delete_all(conn: &mut SqliteConnection, account_id: AccountId) -> sqlx::Result<u64> {
    let done = sqlx::query!("delete from passkeys where account_id = ?", account_id)
        .execute(conn)
        .await?;
    Ok(done.rows_affected())
}

pub async fn insert_challenge(
    conn: &mut SqliteConnection,
    c: &Challenge,
    now: Timestamp,
) -> sqlx::Result<()> {
    sqlx::query!(
        "insert into passkey_challenges (id, account_id, purpose, challenge, name, state,
                                         created_at, expires_at)
         values (?, ?, ?, ?, ?, ?, ?, ?)",
        c.id,
        c.account_id,
        c.purpose,
        c.challenge,
        c.name,
        c.state,
        now,
        c.expires_at,
    )
    .execute(conn)
    .await?;
    Ok(())
}

/// Takes a ceremony by its id, purpose and account (none for a sign-in): the row is gone
/// afterwards, so an answer is checked once.
pub async fn take_challenge(
    conn: &mut SqliteConnection,
    id: PasskeyChallengeId,
    purpose: Purpose,
    account_id: Option<AccountId>,
) -> sqlx::Result<Option<Challenge>> {
    sqlx::query_as!(
        Challenge,
        r#"delete from passkey_challenges where id = ? and purpose = ? and account_id is ?
           returning id as "id!: PasskeyChallengeId", account_id as "account_id: AccountId",
                     purpose as "purpose!: Purpose", challenge as "challenge!", name,
                     state as "state!", expires_at as "expires_at!: Timestamp""#,
        id,
        purpose,
        account_id
    )
    .fetch_optional(conn)
    .await
}

/// Takes a ceremony by the challenge its answer signed.
pub async fn take_by_challenge(
    conn: &mut SqliteConnection,
    challenge: &str,
) -> sqlx::Result<Option<Challenge>> {
    sqlx::query_as!(
        Challenge,
        r#"delete from passkey_challenges where challenge = ?
           returning id as "id!: PasskeyChallengeId", account_id as "account_id: AccountId",
                     purpose as "purpose!: Purpose", challenge as "challenge!", name,
                     state as "state!", expires_at as "expires_at!: Timestamp""#,
        challenge
    )
    .fetch_optional(conn)
    .await
}

/// Expired ceremonies.
pub async fn purge(conn: &mut SqliteConnection, now: Timestamp) -> sqlx::Result<u64> {
    let done = sqlx::query!("delete from passkey_challenges where expires_at <= ?", now)
        .execute(conn)
        .await?;
    Ok(done.rows_affected())
}
