//! The admin API's view of the mail outbox, and the retry of a mail that failed.

use poem::Request;
use poem::web::Data;
use poem_openapi::param::{Path, Query};
use poem_openapi::payload::Json;
use poem_openapi::{ApiResponse, Enum, Object, OpenApi};
use time::OffsetDateTime;
use uuid::Uuid;

use super::AdminAuth;
use crate::api::{ApiResult, ApiTags};
use crate::clock::Timestamp;
use crate::db::outbox::MailStatus as Stored;
use crate::http::client::client_info;
use crate::ids::OutboxId;
use crate::service::Page;
use crate::service::admin;
use crate::state::AppState;

pub struct OutboxApi;

#[derive(Debug, Clone, Copy, Enum)]
#[oai(rename_all = "snake_case")]
pub enum MailStatus {
    /// Waiting for its first try or its next one.
    Pending,
    Sent,
    /// Every try failed, or the server refused it for good: retry it once fixed.
    Failed,
    /// Nothing to send any more (its link was used or replaced first).
    Skipped,
}

impl MailStatus {
    fn as_str(self) -> &'static str {
        match self {
            MailStatus::Pending => "pending",
            MailStatus::Sent => "sent",
            MailStatus::Failed => "failed",
            MailStatus::Skipped => "skipped",
        }
    }
}

/// A mail of the outbox.
#[derive(Debug, Object)]
pub struct OutboxMail {
    pub id: Uuid,
    pub account_id: Option<Uuid>,
    pub recipient: String,
    /// Which mail it is, e.g. `verify_email`, `invite`.
    pub template: String,
    pub status: MailStatus,
    pub attempts: i64,
    /// Why the last try failed.
    pub last_error: Option<String>,
    /// When a pending mail is tried next.
    pub next_attempt_at: OffsetDateTime,
    pub created_at: OffsetDateTime,
    pub sent_at: Option<OffsetDateTime>,
}

impl From<crate::db::admin::OutboxMail> for OutboxMail {
    fn from(m: crate::db::admin::OutboxMail) -> Self {
        Self {
            id: m.id.0,
            account_id: m.account_id.map(|a| a.0),
            recipient: m.recipient,
            template: m.template,
            status: match m.status {
                Stored::Pending => MailStatus::Pending,
                Stored::Sent => MailStatus::Sent,
                Stored::Failed => MailStatus::Failed,
                Stored::Skipped => MailStatus::Skipped,
            },
            attempts: m.attempts,
            last_error: m.last_error,
            next_attempt_at: m.next_attempt_at.to_datetime(),
            created_at: m.created_at.to_datetime(),
            sent_at: m.sent_at.map(Timestamp::to_datetime),
        }
    }
}

#[derive(Debug, Object)]
pub struct OutboxMailList {
    pub items: Vec<OutboxMail>,
    pub next_cursor: Option<String>,
}

#[derive(ApiResponse)]
pub enum OutboxMailListResponse {
    #[oai(status = 200)]
    Ok(Json<OutboxMailList>),
}

#[derive(ApiResponse)]
pub enum OutboxMailResponse {
    /// Queued again with a fresh set of tries.
    #[oai(status = 202)]
    Accepted(Json<OutboxMail>),
}

#[OpenApi(prefix_path = "/api/v1/admin", tag = "ApiTags::Admin")]
impl OutboxApi {
    /// The mail outbox
    ///
    /// Newest first; `?status=failed` lists the mail that needs an operator.
    #[oai(path = "/emails", method = "get", operation_id = "admin_list_emails")]
    async fn emails(
        &self,
        state: Data<&AppState>,
        _auth: AdminAuth,
        status: Query<Option<MailStatus>>,
        /// Items per page, 1 to 200 (default 50).
        #[oai(validator(minimum(value = "1"), maximum(value = "200")))]
        limit: Query<Option<u32>>,
        /// The `next_cursor` of the previous page.
        #[oai(validator(max_length = 100))]
        cursor: Query<Option<String>>,
    ) -> ApiResult<OutboxMailListResponse> {
        let (items, next) = admin::emails(
            &state,
            status.0.map(MailStatus::as_str),
            Page::new(limit.0, cursor.0),
        )
        .await?;
        Ok(OutboxMailListResponse::Ok(Json(OutboxMailList {
            items: items.into_iter().map(Into::into).collect(),
            next_cursor: next.map(|id| id.to_string()),
        })))
    }

    /// Retry a failed mail
    ///
    /// Queues it again with a fresh set of tries (after fixing what made it fail, e.g.
    /// the SMTP settings). 409 `mail_not_failed` for a mail that is not failed.
    #[oai(
        path = "/emails/:id/retry",
        method = "post",
        operation_id = "admin_retry_email"
    )]
    async fn retry_email(
        &self,
        state: Data<&AppState>,
        req: &Request,
        auth: AdminAuth,
        id: Path<Uuid>,
    ) -> ApiResult<OutboxMailResponse> {
        let mail = admin::retry_email(&state, &auth.0, OutboxId(id.0), &client_info(req)).await?;
        Ok(OutboxMailResponse::Accepted(Json(mail.into())))
    }
}
