//! The accounts table.

use sqlx::SqliteConnection;
use steward_store::Timestamp;
use steward_store::accounts::*;
use steward_store::ids::AccountId;

pub async fn insert(conn: &mut SqliteConnection, new: &NewAccount<'_>) -> sqlx::Result<()> {
    sqlx::query!(
        "insert into accounts (id, email, password_hash, display_name, terms_version_accepted,
                               locale, created_at, updated_at)
         values (?, ?, ?, ?, ?, ?, ?, ?)",
        new.id,
        new.email,
        new.password_hash,
        new.display_name,
        new.terms_version_accepted,
        new.locale,
        new.now,
        new.now,
    )
    .execute(conn)
    .await?;
    Ok(())
}

pub async fn find_by_email(
    conn: &mut SqliteConnection,
    email: &str,
) -> sqlx::Result<Option<Account>> {
    sqlx::query_as!(
        Account,
        r#"select id as "id: AccountId", email,
                  email_verified_at as "email_verified_at: Timestamp",
                  password_hash, display_name, is_admin as "is_admin: bool", status as "status: AccountStatus",
                  terms_version_accepted, locale, created_at as "created_at: Timestamp"
           from accounts where email = ?"#,
        email
    )
    .fetch_optional(conn)
    .await
}

pub async fn find(conn: &mut SqliteConnection, id: AccountId) -> sqlx::Result<Option<Account>> {
    sqlx::query_as!(
        Account,
        r#"select id as "id: AccountId", email,
                  email_verified_at as "email_verified_at: Timestamp",
                  password_hash, display_name, is_admin as "is_admin: bool", status as "status: AccountStatus",
                  terms_version_accepted, locale, created_at as "created_at: Timestamp"
           from accounts where id = ?"#,
        id
    )
    .fetch_optional(conn)
    .await
}

/// Marks the address verified and, when the verification carried the password of its
/// registration, sets that password.
pub async fn mark_verified(
    conn: &mut SqliteConnection,
    id: AccountId,
    password_hash: Option<&str>,
    now: Timestamp,
) -> sqlx::Result<()> {
    sqlx::query!(
        "update accounts
         set email_verified_at = coalesce(email_verified_at, ?),
             password_hash = coalesce(?, password_hash),
             updated_at = ?
         where id = ?",
        now,
        password_hash,
        now,
        id
    )
    .execute(conn)
    .await?;
    Ok(())
}

pub async fn set_display_name(
    conn: &mut SqliteConnection,
    id: AccountId,
    display_name: Option<&str>,
    now: Timestamp,
) -> sqlx::Result<()> {
    sqlx::query!(
        "update accounts set display_name = ?, updated_at = ? where id = ?",
        display_name,
        now,
        id
    )
    .execute(conn)
    .await?;
    Ok(())
}

pub async fn set_locale(
    conn: &mut SqliteConnection,
    id: AccountId,
    locale: &str,
    now: Timestamp,
) -> sqlx::Result<()> {
    sqlx::query!(
        "update accounts set locale = ?, updated_at = ? where id = ?",
        locale,
        now,
        id
    )
    .execute(conn)
    .await?;
    Ok(())
}

/// An account's language as stored (`None`: the default, or no such account).
pub async fn locale(conn: &mut SqliteConnection, id: AccountId) -> sqlx::Result<Option<String>> {
    let found = sqlx::query_scalar!("select locale from accounts where id = ?", id)
        .fetch_optional(conn)
        .await?;
    Ok(found.flatten())
}

pub async fn set_password(
    conn: &mut SqliteConnection,
    id: AccountId,
    password_hash: &str,
    now: Timestamp,
) -> sqlx::Result<()> {
    sqlx::query!(
        "update accounts set password_hash = ?, updated_at = ? where id = ?",
        password_hash,
        now,
        id
    )
    .execute(conn)
    .await?;
    Ok(())
}

/// Moves the account to a new (verified) address. Fails with a unique violation when
/// another account has it.
pub async fn set_email(
    conn: &mut SqliteConnection,
    id: AccountId,
    email: &str,
    now: Timestamp,
) -> sqlx::Result<()> {
    sqlx::query!(
        "update accounts set email = ?, email_verified_at = ?, updated_at = ? where id = ?",
        email,
        now,
        now,
        id
    )
    .execute(conn)
    .await?;
    Ok(())
}

/// Marks an account for deletion; false when it is not active (already going).
pub async fn mark_deleting(
    conn: &mut SqliteConnection,
    id: AccountId,
    now: Timestamp,
) -> sqlx::Result<bool> {
    let done = sqlx::query!(
        "update accounts set status = 'deleting', deletion_requested_at = ?, updated_at = ?
         where id = ? and status != 'deleting'",
        now,
        now,
        id
    )
    .execute(conn)
    .await?;
    Ok(done.rows_affected() == 1)
}

pub async fn deleting(conn: &mut SqliteConnection, limit: i64) -> sqlx::Result<Vec<AccountId>> {
    sqlx::query_scalar!(
        r#"select id as "id!: AccountId" from accounts where status = 'deleting' limit ?"#,
        limit
    )
    .fetch_all(conn)
    .await
}

/// Deletes the account row (what still hangs on it goes by cascade); 0 when gone already.
pub async fn delete(conn: &mut SqliteConnection, id: AccountId) -> sqlx::Result<u64> {
    let done = sqlx::query!("delete from accounts where id = ?", id)
        .execute(conn)
        .await?;
    Ok(done.rows_affected())
}

pub async fn set_terms(
    conn: &mut SqliteConnection,
    id: AccountId,
    version: &str,
    now: Timestamp,
) -> sqlx::Result<()> {
    sqlx::query!(
        "update accounts set terms_version_accepted = ?, updated_at = ? where id = ?",
        version,
        now,
        id
    )
    .execute(conn)
    .await?;
    Ok(())
}
