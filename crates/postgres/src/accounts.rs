//! The accounts table.

use sqlx::PgConnection;
use steward_store::Timestamp;
use steward_store::accounts::*;
use steward_store::ids::AccountId;

pub async fn insert(conn: &mut PgConnection, new: &NewAccount<'_>) -> sqlx::Result<()> {
    sqlx::query!(
        "insert into accounts (id, email, password_hash, display_name, terms_version_accepted,
                               locale, created_at, updated_at)
         values ($1, $2, $3, $4, $5, $6, $7, $8)",
        new.id as _,
        new.email as _,
        new.password_hash as _,
        new.display_name as _,
        new.terms_version_accepted as _,
        new.locale as _,
        new.now as _,
        new.now as _,
    )
    .execute(conn)
    .await?;
    Ok(())
}

pub async fn find_by_email(conn: &mut PgConnection, email: &str) -> sqlx::Result<Option<Account>> {
    sqlx::query_as!(
        Account,
        r#"select id as "id: AccountId", email,
                  email_verified_at as "email_verified_at: Timestamp",
                  password_hash, display_name, is_admin as "is_admin: bool", status as "status: AccountStatus",
                  terms_version_accepted, locale, created_at as "created_at: Timestamp"
           from accounts where email = $1::citext"#,
        email as _
    )
    .fetch_optional(conn)
    .await
}

pub async fn find(conn: &mut PgConnection, id: AccountId) -> sqlx::Result<Option<Account>> {
    sqlx::query_as!(
        Account,
        r#"select id as "id: AccountId", email,
                  email_verified_at as "email_verified_at: Timestamp",
                  password_hash, display_name, is_admin as "is_admin: bool", status as "status: AccountStatus",
                  terms_version_accepted, locale, created_at as "created_at: Timestamp"
           from accounts where id = $1"#,
        id as _
    )
    .fetch_optional(conn)
    .await
}

/// Marks the address verified and, when the verification carried the password of its
/// registration, sets that password.
pub async fn mark_verified(
    conn: &mut PgConnection,
    id: AccountId,
    password_hash: Option<&str>,
    now: Timestamp,
) -> sqlx::Result<()> {
    sqlx::query!(
        "update accounts
         set email_verified_at = coalesce(email_verified_at, $1),
             password_hash = coalesce($2, password_hash),
             updated_at = $3
         where id = $4",
        now as _,
        password_hash as _,
        now as _,
        id as _
    )
    .execute(conn)
    .await?;
    Ok(())
}

pub async fn set_display_name(
    conn: &mut PgConnection,
    id: AccountId,
    display_name: Option<&str>,
    now: Timestamp,
) -> sqlx::Result<()> {
    sqlx::query!(
        "update accounts set display_name = $1, updated_at = $2 where id = $3",
        display_name as _,
        now as _,
        id as _
    )
    .execute(conn)
    .await?;
    Ok(())
}

pub async fn set_locale(
    conn: &mut PgConnection,
    id: AccountId,
    locale: &str,
    now: Timestamp,
) -> sqlx::Result<()> {
    sqlx::query!(
        "update accounts set locale = $1, updated_at = $2 where id = $3",
        locale as _,
        now as _,
        id as _
    )
    .execute(conn)
    .await?;
    Ok(())
}

/// An account's language as stored (`None`: the default, or no such account).
pub async fn locale(conn: &mut PgConnection, id: AccountId) -> sqlx::Result<Option<String>> {
    let found = sqlx::query_scalar!("select locale from accounts where id = $1", id as _)
        .fetch_optional(conn)
        .await?;
    Ok(found.flatten())
}

pub async fn set_password(
    conn: &mut PgConnection,
    id: AccountId,
    password_hash: &str,
    now: Timestamp,
) -> sqlx::Result<()> {
    sqlx::query!(
        "update accounts set password_hash = $1, updated_at = $2 where id = $3",
        password_hash as _,
        now as _,
        id as _
    )
    .execute(conn)
    .await?;
    Ok(())
}

/// Moves the account to a new (verified) address. Fails with a unique violation when
/// another account has it.
pub async fn set_email(
    conn: &mut PgConnection,
    id: AccountId,
    email: &str,
    now: Timestamp,
) -> sqlx::Result<()> {
    sqlx::query!(
        "update accounts set email = $1, email_verified_at = $2, updated_at = $3 where id = $4",
        email as _,
        now as _,
        now as _,
        id as _
    )
    .execute(conn)
    .await?;
    Ok(())
}

/// Marks an account for deletion; false when it is not active (already going).
pub async fn mark_deleting(
    conn: &mut PgConnection,
    id: AccountId,
    now: Timestamp,
) -> sqlx::Result<bool> {
    let done = sqlx::query!(
        "update accounts set status = 'deleting', deletion_requested_at = $1, updated_at = $2
         where id = $3 and status != 'deleting'",
        now as _,
        now as _,
        id as _
    )
    .execute(conn)
    .await?;
    Ok(done.rows_affected() == 1)
}

pub async fn deleting(conn: &mut PgConnection, limit: i64) -> sqlx::Result<Vec<AccountId>> {
    sqlx::query_scalar!(
        r#"select id as "id!: AccountId" from accounts where status = 'deleting' limit $1"#,
        limit as _
    )
    .fetch_all(conn)
    .await
}

/// Deletes the account row (what still hangs on it goes by cascade); 0 when gone already.
pub async fn delete(conn: &mut PgConnection, id: AccountId) -> sqlx::Result<u64> {
    let done = sqlx::query!("delete from accounts where id = $1", id as _)
        .execute(conn)
        .await?;
    Ok(done.rows_affected())
}

pub async fn set_terms(
    conn: &mut PgConnection,
    id: AccountId,
    version: &str,
    now: Timestamp,
) -> sqlx::Result<()> {
    sqlx::query!(
        "update accounts set terms_version_accepted = $1, updated_at = $2 where id = $3",
        version as _,
        now as _,
        id as _
    )
    .execute(conn)
    .await?;
    Ok(())
}

/// Takes the account's row lock until the transaction ends (`db::Lock::Account`).
/// `FOR NO KEY UPDATE`, not `FOR UPDATE`: inserts of rows that reference the account
/// take `KEY SHARE` on it and are not held up. Whether the account exists.
pub async fn lock(conn: &mut PgConnection, id: AccountId) -> sqlx::Result<bool> {
    let row = sqlx::query_scalar!(
        "select 1 from accounts where id = $1 for no key update",
        id as _
    )
    .fetch_optional(conn)
    .await?;
    Ok(row.is_some())
}
