//! The passkeys and passkey_challenges tables: registered WebAuthn credentials and the
//! ceremonies under way.

use sqlx::PgConnection;
use steward_store::Timestamp;
use steward_store::ids::{AccountId, PasskeyChallengeId, PasskeyId};
use steward_store::passkeys::*;

/// Fails with a unique violation when the credential is registered already.
pub async fn insert(conn: &mut PgConnection, p: &NewPasskey<'_>) -> sqlx::Result<()> {
    sqlx::query!(
        "insert into passkeys (id, account_id, credential_id, name, passkey, sign_count,
                               backup_eligible, backup_state, transports, created_at)
         values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)",
        p.id as _,
        p.account_id as _,
        p.credential_id as _,
        p.name as _,
        p.passkey as _,
        p.sign_count as _,
        p.backup_eligible as _,
        p.backup_state as _,
        p.transports as _,
        p.now as _,
    )
    .execute(conn)
    .await?;
    Ok(())
}

pub async fn list(conn: &mut PgConnection, account_id: AccountId) -> sqlx::Result<Vec<Passkey>> {
    sqlx::query_as!(
        Passkey,
        r#"select id as "id: PasskeyId", account_id as "account_id: AccountId", name, passkey,
                  sign_count, backup_eligible as "backup_eligible: bool",
                  backup_state as "backup_state: bool", transports,
                  created_at as "created_at: Timestamp",
                  last_used_at as "last_used_at: Timestamp"
           from passkeys where account_id = $1 order by id"#,
        account_id as _
    )
    .fetch_all(conn)
    .await
}

pub async fn find_by_credential(
    conn: &mut PgConnection,
    credential_id: &[u8],
) -> sqlx::Result<Option<Passkey>> {
    sqlx::query_as!(
        Passkey,
        r#"select id as "id: PasskeyId", account_id as "account_id: AccountId", name, passkey,
                  sign_count, backup_eligible as "backup_eligible: bool",
                  backup_state as "backup_state: bool", transports,
                  created_at as "created_at: Timestamp",
                  last_used_at as "last_used_at: Timestamp"
           from passkeys where credential_id = $1"#,
        credential_id as _
    )
    .fetch_optional(conn)
    .await
}

pub async fn count(conn: &mut PgConnection, account_id: AccountId) -> sqlx::Result<i64> {
    sqlx::query_scalar!(
        r#"select count(*) as "n!: i64" from passkeys where account_id = $1"#,
        account_id as _
    )
    .fetch_one(conn)
    .await
}

/// Records a use: the updated record, counter and backup state.
pub async fn record_use(
    conn: &mut PgConnection,
    id: PasskeyId,
    passkey: &str,
    sign_count: i64,
    backup_state: bool,
    now: Timestamp,
) -> sqlx::Result<()> {
    sqlx::query!(
        "update passkeys set passkey = $1, sign_count = $2, backup_state = $3, last_used_at = $4
         where id = $5",
        passkey as _,
        sign_count as _,
        backup_state as _,
        now as _,
        id as _
    )
    .execute(conn)
    .await?;
    Ok(())
}

pub async fn rename(
    conn: &mut PgConnection,
    account_id: AccountId,
    id: PasskeyId,
    name: &str,
) -> sqlx::Result<bool> {
    let done = sqlx::query!(
        "update passkeys set name = $1 where id = $2 and account_id = $3",
        name as _,
        id as _,
        account_id as _
    )
    .execute(conn)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// Deletes one passkey of the account; its name, or None when there is no such passkey.
pub async fn delete(
    conn: &mut PgConnection,
    account_id: AccountId,
    id: PasskeyId,
) -> sqlx::Result<Option<String>> {
    sqlx::query_scalar!(
        "delete from passkeys where id = $1 and account_id = $2 returning name",
        id as _,
        account_id as _
    )
    .fetch_optional(conn)
    .await
}

/// Deletes every passkey of the account (an admin removing every second factor).
pub async fn delete_all(conn: &mut PgConnection, account_id: AccountId) -> sqlx::Result<u64> {
    let done = sqlx::query!(
        "delete from passkeys where account_id = $1",
        account_id as _
    )
    .execute(conn)
    .await?;
    Ok(done.rows_affected())
}

pub async fn insert_challenge(
    conn: &mut PgConnection,
    c: &Challenge,
    now: Timestamp,
) -> sqlx::Result<()> {
    sqlx::query!(
        "insert into passkey_challenges (id, account_id, purpose, challenge, name, state,
                                         created_at, expires_at)
         values ($1, $2, $3, $4, $5, $6, $7, $8)",
        c.id as _,
        c.account_id as _,
        c.purpose as _,
        c.challenge as _,
        c.name as _,
        c.state as _,
        now as _,
        c.expires_at as _,
    )
    .execute(conn)
    .await?;
    Ok(())
}

/// Takes a ceremony by its id, purpose and account (none for a sign-in): the row is gone
/// afterwards, so an answer is checked once.
pub async fn take_challenge(
    conn: &mut PgConnection,
    id: PasskeyChallengeId,
    purpose: Purpose,
    account_id: Option<AccountId>,
) -> sqlx::Result<Option<Challenge>> {
    sqlx::query_as!(
        Challenge,
        r#"delete from passkey_challenges where id = $1 and purpose = $2 and account_id is not distinct from $3
           returning id as "id!: PasskeyChallengeId", account_id as "account_id: AccountId",
                     purpose as "purpose!: Purpose", challenge as "challenge!", name,
                     state as "state!", expires_at as "expires_at!: Timestamp""#,
        id as _,
        purpose as _,
        account_id as _
    )
    .fetch_optional(conn)
    .await
}

/// Takes a ceremony by the challenge its answer signed.
pub async fn take_by_challenge(
    conn: &mut PgConnection,
    challenge: &str,
) -> sqlx::Result<Option<Challenge>> {
    sqlx::query_as!(
        Challenge,
        r#"delete from passkey_challenges where challenge = $1
           returning id as "id!: PasskeyChallengeId", account_id as "account_id: AccountId",
                     purpose as "purpose!: Purpose", challenge as "challenge!", name,
                     state as "state!", expires_at as "expires_at!: Timestamp""#,
        challenge as _
    )
    .fetch_optional(conn)
    .await
}

/// Expired ceremonies.
pub async fn purge(conn: &mut PgConnection, now: Timestamp) -> sqlx::Result<u64> {
    let done = sqlx::query!(
        "delete from passkey_challenges where expires_at <= $1",
        now as _
    )
    .execute(conn)
    .await?;
    Ok(done.rows_affected())
}
