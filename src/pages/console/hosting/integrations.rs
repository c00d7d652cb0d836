//! A host's integrations: add one (kind, name, settings as JSON), edit its name and
//! settings, delete it. Settings that are not JSON are the settings field's error, shown
//! beside it with the text kept as typed.

use poem::http::StatusCode;
use poem::web::{Data, Form, Path, Query, Redirect};
use poem::{IntoResponse, Request, Response, Route, get, handler, post};
use serde::Deserialize;
use serde_json::Value;

use super::{Confirm, DoneQuery, confirm_page, done_notice, parse_id, person_and_host};
use crate::db::hosting::{Host, Integration};
use crate::i18n::text;
use crate::ids::IntegrationId;
use crate::pages::console::{
    CsrfForm, FormErrors, Person, Terms, error_page, form_failure, form_person, page, signed_in,
};
use crate::pages::render::{say, time};
use crate::service::Error;
use crate::service::hosting::{self, IntegrationInput};
use crate::state::AppState;

const TEMPLATE: &str = "console/hosting_integration.html";

pub fn routes(route: Route) -> Route {
    route
        .at("/hosting/hosts/:id/integrations/new", get(new_form))
        .at("/hosting/hosts/:id/integrations", post(add))
        .at("/hosting/integrations/:id", get(edit_form).post(edit))
        .at(
            "/hosting/integrations/:id/delete",
            get(delete_form).post(delete),
        )
}

#[derive(Debug, Deserialize)]
pub struct IntegrationForm {
    #[serde(default)]
    csrf: String,
    #[serde(default)]
    kind: String,
    #[serde(default)]
    name: String,
    #[serde(default)]
    settings: String,
}

impl IntegrationForm {
    fn values(&self) -> minijinja::Value {
        minijinja::context! { kind => self.kind, name => self.name, settings => self.settings }
    }

    /// The settings typed: empty is `{}`; anything but JSON is the field's error.
    fn settings(&self, state: &AppState) -> Result<Value, FormErrors> {
        let raw = self.settings.trim();
        if raw.is_empty() {
            return Ok(Value::Object(Default::default()));
        }
        serde_json::from_str(raw).map_err(|e| {
            let words = text("invalid-settings-json")
                .with("line", e.line())
                .with("column", e.column());
            FormErrors::field("settings", say(state, words))
        })
    }
}

/// The add or edit form (`integration` set when editing), with errors if any.
fn render_form(
    state: &AppState,
    person: &Person,
    host: &Host,
    integration: Option<&Integration>,
    form: Option<(&FormErrors, minijinja::Value)>,
    notice: Option<&str>,
) -> Response {
    let values = match (&form, integration) {
        (Some((_, values)), _) => values.clone(),
        (None, Some(i)) => minijinja::context! {
            kind => i.kind, name => i.name, settings => pretty(&i.settings),
        },
        (None, None) => minijinja::context! { settings => "{}" },
    };
    let ctx = minijinja::context! {
        nav => "hosting",
        host => minijinja::context! { id => host.id.to_string(), name => host.name },
        integration => integration.map(|i| minijinja::context! {
            id => i.id.to_string(), kind => i.kind, created => time(i.created_at),
            updated => time(i.updated_at),
        }),
        values,
        notice,
    };
    match form {
        Some((errors, _)) => errors.render(state, Some(person), TEMPLATE, ctx),
        None => page(state, Some(person), StatusCode::OK, TEMPLATE, ctx),
    }
}

/// Stored settings as people edit them: indented JSON.
fn pretty(stored: &str) -> String {
    serde_json::from_str::<Value>(stored)
        .ok()
        .and_then(|v| serde_json::to_string_pretty(&v).ok())
        .unwrap_or_else(|| stored.to_owned())
}

/// The person's integration named in the path, and its host; 404 for another's.
async fn integration_of(
    state: &AppState,
    req: &Request,
    person: Result<Person, Response>,
    id: &str,
) -> Result<(Person, Integration, Host), Response> {
    let person = person?;
    let id: IntegrationId = parse_id(state, req, &person, id)?;
    let found = async {
        let integration = hosting::integration(state, &person.auth, id).await?;
        let host = hosting::host(state, &person.auth, integration.host_id).await?;
        Ok::<_, Error>((integration, host))
    };
    match found.await {
        Ok((integration, host)) => Ok((person, integration, host)),
        Err(e) => Err(error_page(state, req, Some(&person), e)),
    }
}

#[handler]
async fn new_form(state: Data<&AppState>, req: &Request, Path(id): Path<String>) -> Response {
    let person = signed_in(&state, req, Terms::MustBeAccepted).await;
    match person_and_host(&state, req, person, &id).await {
        Ok((person, host)) => render_form(&state, &person, &host, None, None, None),
        Err(response) => response,
    }
}

#[handler]
async fn add(
    state: Data<&AppState>,
    req: &Request,
    Path(id): Path<String>,
    Form(f): Form<IntegrationForm>,
) -> Response {
    let person = form_person(&state, req, &f.csrf, Terms::MustBeAccepted).await;
    let (person, host) = match person_and_host(&state, req, person, &id).await {
        Ok(found) => found,
        Err(response) => return response,
    };
    let settings = match f.settings(&state) {
        Ok(settings) => settings,
        Err(errors) => {
            return render_form(
                &state,
                &person,
                &host,
                None,
                Some((&errors, f.values())),
                None,
            );
        }
    };
    let input = IntegrationInput {
        kind: Some(f.kind.trim().to_owned()),
        name: Some(f.name.clone()),
        settings: Some(settings),
    };
    match hosting::create_integration(&state, &person.auth, host.id, input).await {
        Ok(_) => Redirect::see_other(format!("/hosting/hosts/{}?done=integration-added", host.id))
            .into_response(),
        Err(e) => match form_failure(
            &state,
            req,
            Some(&person),
            e,
            &format!("/hosting/hosts/{id}"),
        ) {
            Ok(errors) => render_form(
                &state,
                &person,
                &host,
                None,
                Some((&errors, f.values())),
                None,
            ),
            Err(response) => response,
        },
    }
}

#[handler]
async fn edit_form(
    state: Data<&AppState>,
    req: &Request,
    Path(id): Path<String>,
    Query(q): Query<DoneQuery>,
) -> Response {
    let person = signed_in(&state, req, Terms::MustBeAccepted).await;
    match integration_of(&state, req, person, &id).await {
        Ok((person, integration, host)) => render_form(
            &state,
            &person,
            &host,
            Some(&integration),
            None,
            done_notice(&state, q.done.as_deref()).as_deref(),
        ),
        Err(response) => response,
    }
}

#[handler]
async fn edit(
    state: Data<&AppState>,
    req: &Request,
    Path(id): Path<String>,
    Form(f): Form<IntegrationForm>,
) -> Response {
    let person = form_person(&state, req, &f.csrf, Terms::MustBeAccepted).await;
    let (person, integration, host) = match integration_of(&state, req, person, &id).await {
        Ok(found) => found,
        Err(response) => return response,
    };
    // the kind is shown, never sent back: it can't change
    let values = minijinja::context! { kind => integration.kind, ..f.values() };
    let form = |errors: &FormErrors| {
        render_form(
            &state,
            &person,
            &host,
            Some(&integration),
            Some((errors, values.clone())),
            None,
        )
    };
    let settings = match f.settings(&state) {
        Ok(settings) => settings,
        Err(errors) => return form(&errors),
    };
    let input = IntegrationInput {
        kind: None,
        name: Some(f.name.clone()),
        settings: Some(settings),
    };
    let back = format!("/hosting/integrations/{}", integration.id);
    match hosting::update_integration(&state, &person.auth, integration.id, input).await {
        Ok(_) => Redirect::see_other(format!("{back}?done=integration-saved")).into_response(),
        Err(e) => match form_failure(&state, req, Some(&person), e, &back) {
            Ok(errors) => form(&errors),
            Err(response) => response,
        },
    }
}

/// "Delete integration" asks first, as deleting a host or cancelling a subscription
/// does: one stray press must not lose a configured integration.
#[handler]
async fn delete_form(state: Data<&AppState>, req: &Request, Path(id): Path<String>) -> Response {
    let person = signed_in(&state, req, Terms::MustBeAccepted).await;
    let (person, integration, host) = match integration_of(&state, req, person, &id).await {
        Ok(found) => found,
        Err(response) => return response,
    };
    confirm_page(
        &state,
        &person,
        Confirm {
            title: text("hosting-delete-integration"),
            what: text("confirm-delete-integration")
                .with("name", integration.name.as_str())
                .with("kind", integration.kind.as_str())
                .with("host", host.name.as_str()),
            goes_too: Vec::new(),
            action: format!("/hosting/integrations/{}/delete", integration.id),
            button: text("hosting-delete-integration"),
            keep_label: text("confirm-keep-integration"),
            keep_href: format!("/hosting/integrations/{}", integration.id),
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
    let (person, integration, host) = match integration_of(&state, req, person, &id).await {
        Ok(found) => found,
        Err(response) => return response,
    };
    match hosting::delete_integration(&state, &person.auth, integration.id).await {
        Ok(()) => Redirect::see_other(format!(
            "/hosting/hosts/{}?done=integration-deleted",
            host.id
        ))
        .into_response(),
        Err(e) => error_page(&state, req, Some(&person), e),
    }
}
