//! The admin page's webhooks: every endpoint with its failed deliveries, and sending a
//! failed one again. Registering and changing endpoints is the API's and the console's.

use poem::web::{Data, Form, Path, Query, Redirect};
use poem::{IntoResponse, Request, Response, handler};

use super::{
    CsrfForm, DoneQuery, done_message, failure, form_admin, page, parse_id, signed_in, time,
    to_sign_in,
};
use crate::db::webhooks::DeliveryStatus;
use crate::http::client::client_info;
use crate::ids::WebhookDeliveryId;
use crate::service::webhooks::endpoints;
use crate::service::{Error, Page};
use crate::state::AppState;

/// Failed deliveries shown per endpoint (the API pages through them all).
const FAILED_SHOWN: u32 = 20;

#[handler]
pub async fn webhooks(
    state: Data<&AppState>,
    req: &Request,
    Query(q): Query<DoneQuery>,
) -> Response {
    let Some(me) = signed_in(&state, req).await else {
        return to_sign_in();
    };
    let list = match endpoints::list(&state).await {
        Ok(list) => list,
        Err(e) => return failure(&state, &me, e, "/admin/webhooks"),
    };
    let mut rows = Vec::new();
    for endpoint in list {
        let page_of = Page::new(Some(FAILED_SHOWN), None);
        let failed =
            endpoints::deliveries(&state, endpoint.id, Some(DeliveryStatus::Failed), page_of).await;
        let (failed, more) = match failed {
            Ok(found) => found,
            Err(e) => return failure(&state, &me, e, "/admin/webhooks"),
        };
        let failed: Vec<_> = failed
            .iter()
            .map(|d| {
                minijinja::context! {
                    id => d.id.to_string(),
                    event_type => d.event_type,
                    attempts => d.attempts,
                    status_code => d.last_status_code,
                    last_error => d.last_error,
                    created_at => time(d.created_at),
                }
            })
            .collect();
        rows.push(minijinja::context! {
            id => endpoint.id.to_string(),
            url => endpoint.url,
            events => endpoint.events.join(", "),
            description => endpoint.description,
            enabled => endpoint.enabled,
            failed,
            more => more.is_some(),
        });
    }
    page(
        &state,
        &me,
        "admin/webhooks.html",
        minijinja::context! {
            nav => "webhooks",
            rows,
            done => done_message(&state, q.done.as_deref()),
        },
    )
}

#[handler]
pub async fn retry_delivery(
    state: Data<&AppState>,
    req: &Request,
    Path(id): Path<String>,
    Form(f): Form<CsrfForm>,
) -> Response {
    let me = match form_admin(&state, req, &f.csrf).await {
        Ok(me) => me,
        Err(refused) => return refused,
    };
    let Some(id) = parse_id::<WebhookDeliveryId>(&id) else {
        return failure(&state, &me, Error::NotFound, "/admin/webhooks");
    };
    match endpoints::retry_delivery(&state, &me.actor, id, &client_info(req)).await {
        Ok(_) => Redirect::see_other("/admin/webhooks?done=delivery-retried").into_response(),
        Err(e) => failure(&state, &me, e, "/admin/webhooks"),
    }
}
