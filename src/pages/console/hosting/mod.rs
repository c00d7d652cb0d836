//! "Hosting" (`/hosting`): the plans to subscribe to, the account's subscriptions
//! ("Cancel subscription", confirmed on a page of its own: its hosts go too), its hosts
//! ("Add host"; hosts.rs) and their integrations (integrations.rs). Another account's
//! id answers the 404 page, as the API's 404.

mod hosts;
mod integrations;

use poem::http::StatusCode;
use poem::web::{Data, Form, Path, Query, Redirect};
use poem::{IntoResponse, Request, Response, Route, get, handler, post};
use serde::Deserialize;

use super::signed_in;
use super::{CsrfForm, FormErrors, Person, Terms, error_page, form_failure, form_person, page};
use crate::db::hosting::{Host, Integration, Subscription, SubscriptionStatus};
use crate::i18n::{Text, text};
use crate::ids::{HostId, SubscriptionId};
use crate::pages::render::{say, time};
use crate::service::{Authenticated, Error, Page, hosting};
use crate::state::AppState;

const PATH: &str = "/hosting";
const TEMPLATE: &str = "console/hosting.html";
const CONFIRM: &str = "console/hosting_confirm.html";

pub fn routes(route: Route) -> Route {
    let route = route
        .at(PATH, get(overview))
        .at("/hosting/subscriptions", post(subscribe))
        .at(
            "/hosting/subscriptions/:id/cancel",
            get(cancel_form).post(cancel),
        );
    let route = hosts::routes(route);
    integrations::routes(route)
}

/// What a page says after a change it redirected from, by the `done` parameter.
fn done_notice(state: &AppState, done: Option<&str>) -> Option<String> {
    let notice = match done? {
        "subscribed" => text("notice-subscribed"),
        "cancelled" => text("notice-subscription-cancelled"),
        "host-added" => text("notice-host-added"),
        "host-saved" => text("notice-host-saved"),
        "host-deleted" => text("notice-host-deleted"),
        "integration-added" => text("notice-integration-added"),
        "integration-saved" => text("notice-integration-saved"),
        "integration-deleted" => text("notice-integration-deleted"),
        _ => return None,
    };
    Some(say(state, notice))
}

#[derive(Debug, Deserialize)]
pub struct DoneQuery {
    done: Option<String>,
}

/// Every subscription of the account (lists are paged; a page holds at most 200).
pub(super) async fn all_subscriptions(
    state: &AppState,
    auth: &Authenticated,
) -> Result<Vec<Subscription>, Error> {
    let (mut out, mut cursor) = (Vec::new(), None);
    loop {
        let page_of = Page::new(Some(Page::MAX_LIMIT as u32), cursor);
        let (items, next) = hosting::subscriptions(state, auth, page_of).await?;
        out.extend(items);
        match next {
            Some(id) => cursor = Some(id.to_string()),
            None => return Ok(out),
        }
    }
}

/// Every host of the account.
pub(super) async fn all_hosts(state: &AppState, auth: &Authenticated) -> Result<Vec<Host>, Error> {
    let (mut out, mut cursor) = (Vec::new(), None);
    loop {
        let page_of = Page::new(Some(Page::MAX_LIMIT as u32), cursor);
        let (items, next) = hosting::hosts(state, auth, page_of).await?;
        out.extend(items);
        match next {
            Some(id) => cursor = Some(id.to_string()),
            None => return Ok(out),
        }
    }
}

/// Every integration of one of the account's hosts (NotFound for another's host).
pub(super) async fn all_integrations(
    state: &AppState,
    auth: &Authenticated,
    host: HostId,
) -> Result<Vec<Integration>, Error> {
    let (mut out, mut cursor) = (Vec::new(), None);
    loop {
        let page_of = Page::new(Some(Page::MAX_LIMIT as u32), cursor);
        let (items, next) = hosting::integrations(state, auth, host, page_of).await?;
        out.extend(items);
        match next {
            Some(id) => cursor = Some(id.to_string()),
            None => return Ok(out),
        }
    }
}

fn plan_name(state: &AppState, plan_id: &str) -> String {
    hosting::plans(state)
        .iter()
        .find(|p| p.id == plan_id)
        .map_or_else(|| plan_id.to_owned(), |p| p.name.clone())
}

/// A host by its name, and its domain if it has one: `Home (matrix.example.org)`.
pub(super) fn named_host(host: &Host) -> String {
    match &host.domain {
        Some(domain) => format!("{} ({domain})", host.name),
        None => host.name.clone(),
    }
}

/// A subscription as the pages show it.
fn subscription_view(state: &AppState, s: &Subscription) -> minijinja::Value {
    let status = match s.status {
        SubscriptionStatus::Active => text("subscription-active"),
        SubscriptionStatus::Trialing => match s.trial_ends_at {
            Some(end) => text("subscription-trial-until").with("date", time(end)),
            None => text("subscription-trial"),
        },
        SubscriptionStatus::Expired => text("subscription-expired"),
        SubscriptionStatus::Cancelling => text("subscription-cancelling"),
    };
    let usable = matches!(
        s.status,
        SubscriptionStatus::Active | SubscriptionStatus::Trialing
    );
    minijinja::context! {
        id => s.id.to_string(),
        plan => plan_name(state, &s.plan_id),
        label => say(
            state,
            text("subscription-label")
                .with("plan", plan_name(state, &s.plan_id))
                .with("date", time(s.created_at)),
        ),
        status => say(state, status),
        usable,
        created => time(s.created_at),
    }
}

/// The signed-in person's host named in the path; otherwise the answer (404 for a host
/// that is not theirs).
pub(super) async fn person_and_host(
    state: &AppState,
    req: &Request,
    person: Result<Person, Response>,
    id: &str,
) -> Result<(Person, Host), Response> {
    let person = person?;
    let id: HostId = parse_id(state, req, &person, id)?;
    match hosting::host(state, &person.auth, id).await {
        Ok(host) => Ok((person, host)),
        Err(e) => Err(error_page(state, req, Some(&person), e)),
    }
}

/// The id in a path, or the 404 page: a malformed id is no one's.
pub(super) fn parse_id<T: std::str::FromStr>(
    state: &AppState,
    req: &Request,
    person: &Person,
    raw: &str,
) -> Result<T, Response> {
    raw.parse()
        .map_err(|_| error_page(state, req, Some(person), Error::NotFound))
}

/// The overview, with the "Add host" form's errors and what was typed, if any.
pub(super) async fn render_overview(
    state: &AppState,
    req: &Request,
    person: &Person,
    form: Option<(&FormErrors, minijinja::Value)>,
    notice: Option<&str>,
) -> Response {
    let found = async {
        let subscriptions = all_subscriptions(state, &person.auth).await?;
        let hosts = all_hosts(state, &person.auth).await?;
        Ok::<_, Error>((subscriptions, hosts))
    };
    let (subscriptions, hosts) = match found.await {
        Ok(found) => found,
        Err(e) => return error_page(state, req, Some(person), e),
    };
    let plans: Vec<_> = hosting::plans(state)
        .iter()
        .map(|p| {
            minijinja::context! {
                id => p.id, name => p.name, max_hosts => p.max_hosts, trial_days => p.trial_days,
            }
        })
        .collect();
    let subscription_views: Vec<_> = subscriptions
        .iter()
        .map(|s| {
            let count = hosts.iter().filter(|h| h.subscription_id == s.id).count();
            minijinja::context! { hosts => count, ..subscription_view(state, s) }
        })
        .collect();
    let host_views: Vec<_> = hosts
        .iter()
        .map(|h| {
            let plan = subscriptions
                .iter()
                .find(|s| s.id == h.subscription_id)
                .map(|s| plan_name(state, &s.plan_id));
            minijinja::context! {
                id => h.id.to_string(), name => h.name, domain => h.domain, plan,
                created => time(h.created_at),
            }
        })
        .collect();
    let usable = subscription_views
        .iter()
        .filter(|s| s.get_attr("usable").is_ok_and(|u| u.is_true()))
        .count();
    let (errors, values) = match &form {
        Some((errors, values)) => (Some(*errors), values.clone()),
        None => (None, minijinja::context! {}),
    };
    let ctx = minijinja::context! {
        nav => "hosting",
        plans,
        subscriptions => subscription_views,
        hosts => host_views,
        can_add_host => usable > 0,
        values,
        notice,
    };
    match errors {
        Some(errors) => errors.render(state, Some(person), TEMPLATE, ctx),
        None => page(state, Some(person), StatusCode::OK, TEMPLATE, ctx),
    }
}

#[handler]
async fn overview(state: Data<&AppState>, req: &Request, Query(q): Query<DoneQuery>) -> Response {
    let person = match signed_in(&state, req, Terms::MustBeAccepted).await {
        Ok(person) => person,
        Err(response) => return response,
    };
    render_overview(
        &state,
        req,
        &person,
        None,
        done_notice(&state, q.done.as_deref()).as_deref(),
    )
    .await
}

#[derive(Debug, Deserialize)]
pub struct SubscribeForm {
    #[serde(default)]
    csrf: String,
    #[serde(default)]
    plan_id: String,
}

#[handler]
async fn subscribe(
    state: Data<&AppState>,
    req: &Request,
    Form(f): Form<SubscribeForm>,
) -> Response {
    let person = match form_person(&state, req, &f.csrf, Terms::MustBeAccepted).await {
        Ok(person) => person,
        Err(response) => return response,
    };
    match hosting::create_subscription(&state, &person.auth, &f.plan_id).await {
        Ok(_) => Redirect::see_other("/hosting?done=subscribed").into_response(),
        Err(e) => match form_failure(&state, req, Some(&person), e, PATH) {
            // the plan is no field of a form here: the message goes above the plans
            Ok(errors) => {
                let errors = FormErrors {
                    message: errors
                        .message
                        .clone()
                        .or_else(|| errors.fields.values().next().cloned()),
                    fields: Default::default(),
                    ..errors
                };
                render_overview(
                    &state,
                    req,
                    &person,
                    Some((&errors, minijinja::context! { form => "plans" })),
                    None,
                )
                .await
            }
            Err(response) => response,
        },
    }
}

/// A page that asks before something irreversible, with what goes with it.
/// Its words are said in the page's language.
pub(super) struct Confirm {
    pub title: Text,
    pub what: Text,
    pub goes_too: Vec<Text>,
    pub action: String,
    pub button: Text,
    pub keep_label: Text,
    pub keep_href: String,
}

pub(super) fn confirm_page(state: &AppState, person: &Person, c: Confirm) -> Response {
    let goes_too: Vec<String> = c.goes_too.into_iter().map(|g| say(state, g)).collect();
    let ctx = minijinja::context! {
        nav => "hosting",
        title => say(state, c.title),
        what => say(state, c.what),
        goes_too,
        action => c.action,
        button => say(state, c.button),
        keep_label => say(state, c.keep_label),
        keep_href => c.keep_href,
    };
    page(state, Some(person), StatusCode::OK, CONFIRM, ctx)
}

#[handler]
async fn cancel_form(state: Data<&AppState>, req: &Request, Path(id): Path<String>) -> Response {
    let person = match signed_in(&state, req, Terms::MustBeAccepted).await {
        Ok(person) => person,
        Err(response) => return response,
    };
    let id: SubscriptionId = match parse_id(&state, req, &person, &id) {
        Ok(id) => id,
        Err(response) => return response,
    };
    let found = async {
        let subscription = hosting::subscription(&state, &person.auth, id).await?;
        let hosts = all_hosts(&state, &person.auth).await?;
        Ok::<_, Error>((subscription, hosts))
    };
    let (subscription, hosts) = match found.await {
        Ok(found) => found,
        Err(e) => return error_page(&state, req, Some(&person), e),
    };
    let goes_too = hosts
        .iter()
        .filter(|h| h.subscription_id == subscription.id)
        .map(|h| text("confirm-goes-host").with("host", named_host(h)))
        .collect();
    confirm_page(
        &state,
        &person,
        Confirm {
            title: text("hosting-cancel-subscription"),
            what: text("confirm-cancel-subscription")
                .with("plan", plan_name(&state, &subscription.plan_id)),
            goes_too,
            action: format!("/hosting/subscriptions/{id}/cancel"),
            button: text("hosting-cancel-subscription"),
            keep_label: text("confirm-keep-subscription"),
            keep_href: PATH.to_owned(),
        },
    )
}

#[handler]
async fn cancel(
    state: Data<&AppState>,
    req: &Request,
    Path(id): Path<String>,
    Form(f): Form<CsrfForm>,
) -> Response {
    let person = match form_person(&state, req, &f.csrf, Terms::MustBeAccepted).await {
        Ok(person) => person,
        Err(response) => return response,
    };
    let id: SubscriptionId = match parse_id(&state, req, &person, &id) {
        Ok(id) => id,
        Err(response) => return response,
    };
    match hosting::cancel_subscription(&state, &person.auth, id).await {
        Ok(()) => Redirect::see_other("/hosting?done=cancelled").into_response(),
        Err(e) => error_page(&state, req, Some(&person), e),
    }
}
