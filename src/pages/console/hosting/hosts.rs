//! Hosts: "Add host" (from the overview), a host's page (rename it, its integrations)
//! and "Delete host", confirmed on a page of its own.

use poem::http::StatusCode;
use poem::web::{Data, Form, Path, Query, Redirect};
use poem::{IntoResponse, Request, Response, Route, get, handler, post};
use serde::Deserialize;

use super::{
    Confirm, DoneQuery, all_integrations, confirm_page, done_notice, named_host, person_and_host,
    render_overview,
};
use crate::db::hosting::Host;
use crate::i18n::text;
use crate::ids::{HostId, SubscriptionId};
use crate::pages::console::{
    CsrfForm, FormErrors, Person, Terms, error_page, form_failure, form_person, page, said,
    signed_in,
};
use crate::pages::render::time;
use crate::service::Error;
use crate::service::hosting::{self, HostUpdate, NewHost};
use crate::state::AppState;

const TEMPLATE: &str = "console/hosting_host.html";

pub fn routes(route: Route) -> Route {
    route
        .at("/hosting/hosts", post(add))
        .at("/hosting/hosts/:id", get(show).post(rename))
        .at("/hosting/hosts/:id/delete", get(delete_form).post(delete))
}

fn host_path(id: HostId) -> String {
    format!("/hosting/hosts/{id}")
}

/// A domain taken by another host is the domain field's fault: say it beside it.
fn host_failure(
    state: &AppState,
    req: &Request,
    person: &Person,
    err: Error,
    back: &str,
) -> Result<FormErrors, Response> {
    match err {
        Error::DomainTaken => Ok(FormErrors {
            status: StatusCode::CONFLICT,
            ..FormErrors::field("domain", said(state, Error::DomainTaken))
        }),
        e => form_failure(state, req, Some(person), e, back),
    }
}

#[derive(Debug, Deserialize)]
pub struct HostForm {
    #[serde(default)]
    csrf: String,
    #[serde(default)]
    subscription_id: String,
    #[serde(default)]
    name: String,
    #[serde(default)]
    domain: String,
}

impl HostForm {
    fn values(&self) -> minijinja::Value {
        minijinja::context! {
            subscription_id => self.subscription_id,
            name => self.name,
            domain => self.domain,
        }
    }

    fn domain(&self) -> Option<String> {
        Some(self.domain.trim().to_owned()).filter(|d| !d.is_empty())
    }
}

#[handler]
async fn add(state: Data<&AppState>, req: &Request, Form(f): Form<HostForm>) -> Response {
    let person = match form_person(&state, req, &f.csrf, Terms::MustBeAccepted).await {
        Ok(person) => person,
        Err(response) => return response,
    };
    let result = match f.subscription_id.parse::<SubscriptionId>() {
        Ok(subscription_id) => {
            let input = NewHost {
                subscription_id,
                name: f.name.clone(),
                domain: f.domain(),
            };
            hosting::create_host(&state, &person.auth, input).await
        }
        Err(_) => Err(Error::field(
            "subscription_id",
            text("hosting-choose-subscription"),
        )),
    };
    match result {
        Ok(host) => {
            Redirect::see_other(format!("{}?done=host-added", host_path(host.id))).into_response()
        }
        Err(e) => match host_failure(&state, req, &person, e, "/hosting") {
            Ok(errors) => {
                render_overview(&state, req, &person, Some((&errors, f.values())), None).await
            }
            Err(response) => response,
        },
    }
}

/// The host's page, with the rename form's errors and what was typed, if any.
async fn render_host(
    state: &AppState,
    req: &Request,
    person: &Person,
    host: &Host,
    form: Option<(&FormErrors, minijinja::Value)>,
    notice: Option<&str>,
) -> Response {
    let integrations = match all_integrations(state, &person.auth, host.id).await {
        Ok(found) => found,
        Err(e) => return error_page(state, req, Some(person), e),
    };
    let integrations: Vec<_> = integrations
        .iter()
        .map(|i| {
            minijinja::context! {
                id => i.id.to_string(), kind => i.kind, name => i.name,
                updated => time(i.updated_at),
            }
        })
        .collect();
    let values = match &form {
        Some((_, values)) => values.clone(),
        None => minijinja::context! { name => host.name, domain => host.domain },
    };
    let ctx = minijinja::context! {
        nav => "hosting",
        host => minijinja::context! {
            id => host.id.to_string(), name => host.name, domain => host.domain,
            created => time(host.created_at),
        },
        integrations,
        values,
        notice,
    };
    match form {
        Some((errors, _)) => errors.render(state, Some(person), TEMPLATE, ctx),
        None => page(state, Some(person), StatusCode::OK, TEMPLATE, ctx),
    }
}

#[handler]
async fn show(
    state: Data<&AppState>,
    req: &Request,
    Path(id): Path<String>,
    Query(q): Query<DoneQuery>,
) -> Response {
    let person = signed_in(&state, req, Terms::MustBeAccepted).await;
    match person_and_host(&state, req, person, &id).await {
        Ok((person, host)) => {
            render_host(
                &state,
                req,
                &person,
                &host,
                None,
                done_notice(&state, q.done.as_deref()).as_deref(),
            )
            .await
        }
        Err(response) => response,
    }
}

#[handler]
async fn rename(
    state: Data<&AppState>,
    req: &Request,
    Path(id): Path<String>,
    Form(f): Form<HostForm>,
) -> Response {
    let person = form_person(&state, req, &f.csrf, Terms::MustBeAccepted).await;
    let (person, host) = match person_and_host(&state, req, person, &id).await {
        Ok(found) => found,
        Err(response) => return response,
    };
    let update = HostUpdate {
        name: Some(f.name.clone()),
        // an emptied field removes the domain
        domain: Some(f.domain()),
    };
    match hosting::update_host(&state, &person.auth, host.id, update).await {
        Ok(host) => {
            Redirect::see_other(format!("{}?done=host-saved", host_path(host.id))).into_response()
        }
        Err(e) => match host_failure(&state, req, &person, e, &host_path(host.id)) {
            Ok(errors) => {
                render_host(
                    &state,
                    req,
                    &person,
                    &host,
                    Some((&errors, f.values())),
                    None,
                )
                .await
            }
            Err(response) => response,
        },
    }
}

#[handler]
async fn delete_form(state: Data<&AppState>, req: &Request, Path(id): Path<String>) -> Response {
    let person = signed_in(&state, req, Terms::MustBeAccepted).await;
    let (person, host) = match person_and_host(&state, req, person, &id).await {
        Ok(found) => found,
        Err(response) => return response,
    };
    let integrations = match all_integrations(&state, &person.auth, host.id).await {
        Ok(found) => found,
        Err(e) => return error_page(&state, req, Some(&person), e),
    };
    confirm_page(
        &state,
        &person,
        Confirm {
            title: text("hosting-delete-host"),
            what: text("confirm-delete-host").with("host", named_host(&host)),
            goes_too: integrations
                .iter()
                .map(|i| {
                    text("confirm-goes-integration")
                        .with("name", i.name.as_str())
                        .with("kind", i.kind.as_str())
                })
                .collect(),
            action: format!("{}/delete", host_path(host.id)),
            button: text("hosting-delete-host"),
            keep_label: text("confirm-keep-host"),
            keep_href: host_path(host.id),
        },
    )
}

#[handler]
async fn delete(
    state: Data<&AppState>,
    req: &Request,
    Path(id): Path<String>,
    Form(f): Form<CsrfForm>,
) -> Response {
    let person = form_person(&state, req, &f.csrf, Terms::MustBeAccepted).await;
    let (person, host) = match person_and_host(&state, req, person, &id).await {
        Ok(found) => found,
        Err(response) => return response,
    };
    match hosting::delete_host(&state, &person.auth, host.id).await {
        Ok(()) => Redirect::see_other("/hosting?done=host-deleted").into_response(),
        Err(e) => error_page(&state, req, Some(&person), e),
    }
}
