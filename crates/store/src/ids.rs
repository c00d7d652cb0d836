//! Typed identifiers: UUIDv7, stored as hyphenated TEXT on SQLite and as uuid on
//! PostgreSQL.

use std::fmt;
use std::str::FromStr;

use sqlx::encode::IsNull;
use sqlx::error::BoxDynError;
use sqlx::postgres::{PgArgumentBuffer, PgTypeInfo, PgValueRef};
use sqlx::sqlite::{SqliteArgumentsBuffer, SqliteTypeInfo, SqliteValueRef};
use sqlx::{Decode, Encode, Postgres, Sqlite, Type};
use uuid::Uuid;

macro_rules! id_type {
    ($($(#[$doc:meta])* $name:ident;)*) => {$(
        $(#[$doc])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
        #[serde(transparent)]
        pub struct $name(pub Uuid);

        impl $name {
            /// A new time-ordered id.
            pub fn new() -> Self {
                Self(Uuid::now_v7())
            }
        }

        impl Default for $name {
            fn default() -> Self {
                Self::new()
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                self.0.as_hyphenated().fmt(f)
            }
        }

        impl FromStr for $name {
            type Err = uuid::Error;
            fn from_str(s: &str) -> Result<Self, Self::Err> {
                Uuid::parse_str(s).map(Self)
            }
        }

        impl Type<Sqlite> for $name {
            fn type_info() -> SqliteTypeInfo {
                <String as Type<Sqlite>>::type_info()
            }
            fn compatible(ty: &SqliteTypeInfo) -> bool {
                <String as Type<Sqlite>>::compatible(ty)
            }
        }

        impl Encode<'_, Sqlite> for $name {
            fn encode_by_ref(&self, buf: &mut SqliteArgumentsBuffer) -> Result<IsNull, BoxDynError> {
                <String as Encode<'_, Sqlite>>::encode(self.to_string(), buf)
            }
        }

        impl<'r> Decode<'r, Sqlite> for $name {
            fn decode(value: SqliteValueRef<'r>) -> Result<Self, BoxDynError> {
                let text = <&str as Decode<'r, Sqlite>>::decode(value)?;
                Ok(Self(Uuid::parse_str(text)?))
            }
        }

        impl Type<Postgres> for $name {
            fn type_info() -> PgTypeInfo {
                <Uuid as Type<Postgres>>::type_info()
            }
            fn compatible(ty: &PgTypeInfo) -> bool {
                <Uuid as Type<Postgres>>::compatible(ty)
            }
        }

        impl Encode<'_, Postgres> for $name {
            fn encode_by_ref(&self, buf: &mut PgArgumentBuffer) -> Result<IsNull, BoxDynError> {
                <Uuid as Encode<'_, Postgres>>::encode_by_ref(&self.0, buf)
            }
        }

        impl<'r> Decode<'r, Postgres> for $name {
            fn decode(value: PgValueRef<'r>) -> Result<Self, BoxDynError> {
                <Uuid as Decode<'r, Postgres>>::decode(value).map(Self)
            }
        }
    )*};
}

id_type! {
    /// An account (a person who can sign in).
    AccountId;
    /// One signed-in device.
    SessionId;
    /// A mail waiting in, or sent from, the outbox.
    OutboxId;
    /// A pending email-link token.
    EmailTokenId;
    /// A link that lets a person set a password (invitation, reset by an admin).
    PasswordLinkId;
    /// One entry of the audit trail.
    AuditEventId;
    /// An authenticator app of an account.
    TotpDeviceId;
    /// An authenticator app being added.
    TotpEnrollmentId;
    /// A single-use recovery code.
    RecoveryCodeId;
    /// A sign-in waiting for its second factor.
    MfaTicketId;
    /// A password reset by email.
    PasswordResetId;
    /// A subscription to a plan.
    SubscriptionId;
    /// A host under a subscription.
    HostId;
    /// An integration on a host.
    IntegrationId;
    /// An admin API token.
    ApiTokenId;
    /// A webhook endpoint registered by an admin.
    WebhookEndpointId;
    /// One event's delivery to one endpoint.
    WebhookDeliveryId;
    /// One event (the `webhook-id` header), shared by its deliveries.
    WebhookEventId;
    /// A passkey (WebAuthn credential) of an account.
    PasskeyId;
    /// A passkey ceremony under way (registration or authentication).
    PasskeyChallengeId;
}
