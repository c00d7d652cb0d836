//! The admin page's failed mail: the list, and sending one again.

use poem::web::{Data, Form, Path, Query, Redirect};
use poem::{IntoResponse, Request, Response, handler};
use serde::Deserialize;

use super::{
    CsrfForm, PAGE_SIZE, done_message, failure, form_admin, page, parse_id, signed_in, time,
    to_sign_in,
};
use crate::http::client::client_info;
use crate::ids::OutboxId;
use crate::service::admin;
use crate::service::{Error, Page};
use crate::state::AppState;

#[derive(Debug, Deserialize)]
pub struct MailQuery {
    cursor: Option<String>,
    done: Option<String>,
}

#[handler]
pub async fn mail(state: Data<&AppState>, req: &Request, Query(q): Query<MailQuery>) -> Response {
    let Some(me) = signed_in(&state, req).await else {
        return to_sign_in();
    };
    let found = admin::emails(&state, Some("failed"), Page::new(Some(PAGE_SIZE), q.cursor)).await;
    let (items, next) = match found {
        Ok(found) => found,
        Err(e) => return failure(&state, &me, e, "/admin/mail"),
    };
    let rows: Vec<_> = items
        .iter()
        .map(|m| {
            minijinja::context! {
                id => m.id.to_string(),
                recipient => m.recipient,
                template => m.template,
                attempts => m.attempts,
                last_error => m.last_error,
                created_at => time(m.created_at),
            }
        })
        .collect();
    page(
        &state,
        &me,
        "admin/mail.html",
        minijinja::context! {
            nav => "mail",
            rows,
            next_url => next.map(|id| format!("/admin/mail?cursor={id}")),
            done => done_message(&state, q.done.as_deref()),
        },
    )
}

#[handler]
pub async fn retry_mail(
    state: Data<&AppState>,
    req: &Request,
    Path(id): Path<String>,
    Form(f): Form<CsrfForm>,
) -> Response {
    let me = match form_admin(&state, req, &f.csrf).await {
        Ok(me) => me,
        Err(refused) => return refused,
    };
    let Some(id) = parse_id::<OutboxId>(&id) else {
        return failure(&state, &me, Error::NotFound, "/admin/mail");
    };
    match admin::retry_email(&state, &me.actor, id, &client_info(req)).await {
        Ok(_) => Redirect::see_other("/admin/mail?done=retried").into_response(),
        Err(e) => failure(&state, &me, e, "/admin/mail"),
    }
}
