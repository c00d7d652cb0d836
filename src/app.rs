//! The running app: its shared state, its routes, and serving HTTP and jobs together
//! until a shutdown signal.

use std::net::SocketAddr;
use std::time::Duration;

use anyhow::Context;
use poem::endpoint::make_sync;
use poem::listener::{Acceptor, Listener, TcpListener};
use poem::{EndpointExt, IntoEndpoint, Route, Server, get, post};
use tokio::task::JoinHandle;
use tokio_util::sync::CancellationToken;

use crate::clock::Clock;
use crate::config::Config;
use crate::crypto::PasswordHasher;
use crate::state::AppState;
use crate::{api, db, jobs, pages};

/// Every route: the API, its documents, the pages.
pub fn routes(state: AppState) -> impl poem::Endpoint {
    let api = api::service();
    let methods = {
        let spec =
            serde_json::from_str(api::COMMITTED_JSON).expect("the committed document is JSON");
        std::sync::Arc::new(api::PathMethods::from_spec(&spec))
    };
    let max_body = state.config.server.max_body_bytes;
    let edge = api::Edge {
        max_body,
        limiter: state.ip_limiter.clone(),
        shared_limit: match (&state.db, state.config.security.sign_in_per_ip_per_minute) {
            (_, 0) | (crate::db::Pool::Sqlite(_), _) => None,
            (pool, per_minute) => Some((pool.clone(), per_minute)),
        },
        metrics: state.metrics.clone(),
        trusted_proxies: std::sync::Arc::new(state.config.trusted_proxies().unwrap_or_default()),
        methods,
        i18n: state.templates.i18n().clone(),
    };
    // The API under /api and its two root paths; the console has the rest, "/" included.
    let api = std::sync::Arc::new(api.into_endpoint());
    let route = Route::new()
        .nest_no_strip("/api", api.clone())
        .at("/healthz", api.clone())
        .at("/readyz", api)
        .at(
            "/openapi.json",
            get(make_sync(move |_| {
                poem::Response::builder()
                    .content_type("application/json")
                    .body(api::COMMITTED_JSON)
            })),
        )
        .at(
            "/openapi.yaml",
            get(make_sync(move |_| {
                poem::Response::builder()
                    .content_type("application/yaml")
                    .body(api::COMMITTED_YAML)
            })),
        )
        .nest("/docs", Docs::default())
        .at(
            "/verify-email",
            get(pages::links::verify_email_form).post(pages::links::verify_email_submit),
        )
        .at(
            "/confirm-email",
            get(pages::links::confirm_email_form).post(pages::links::confirm_email_submit),
        )
        .at(
            "/reset-password",
            get(pages::links::reset_password_form).post(pages::links::reset_password_submit),
        )
        .at(
            "/set-password",
            get(pages::links::set_password_form).post(pages::links::set_password_submit),
        )
        .at("/admin", get(pages::admin::session::index))
        .at(
            "/admin/sign-in",
            get(pages::admin::session::sign_in_form).post(pages::admin::session::sign_in_submit),
        )
        .at("/admin/sign-out", post(pages::admin::session::sign_out))
        .at("/admin/language", post(pages::admin::session::language))
        .at(
            "/admin/users",
            get(pages::admin::users::users).post(pages::admin::users::create_user),
        )
        .at("/admin/users/:id", get(pages::admin::users::user))
        .at(
            "/admin/users/:id/:action",
            post(pages::admin::users::user_action),
        )
        .at("/admin/mail", get(pages::admin::mail::mail))
        .at(
            "/admin/mail/:id/retry",
            post(pages::admin::mail::retry_mail),
        )
        .at("/admin/webhooks", get(pages::admin::webhooks::webhooks))
        .at(
            "/admin/webhooks/deliveries/:id/retry",
            post(pages::admin::webhooks::retry_delivery),
        )
        .at(
            "/admin/tokens",
            get(pages::admin::tokens::tokens).post(pages::admin::tokens::create_token),
        )
        .at(
            "/admin/tokens/:id/revoke",
            post(pages::admin::tokens::revoke_token),
        )
        .at("/assets/steward.css", get(pages::stylesheet))
        .at("/assets/passkeys.js", get(pages::passkeys_script));
    let route = pages::console::routes(route);
    // /metrics here unless it has an address of its own (see `start`)
    let route = if state.config.server.metrics_bind.trim().is_empty() {
        route.at("/metrics", get(pages::metrics))
    } else {
        route
    };
    route
        .data(state)
        .around(move |ep, req| api::around(ep, req, edge.clone()))
}

/// Swagger UI, at /docs: built at its first request. Its page holds the whole document
/// and swagger-ui's script and style (1.5 MB), which a server nobody asks for them
/// need not build and keep from its start.
#[derive(Default)]
struct Docs(std::sync::OnceLock<poem::endpoint::BoxEndpoint<'static, poem::Response>>);

impl poem::Endpoint for Docs {
    type Output = poem::Response;

    async fn call(&self, req: poem::Request) -> poem::Result<poem::Response> {
        use poem::EndpointExt as _;
        let docs = self
            .0
            .get_or_init(|| api::service().swagger_ui().map_to_response().boxed());
        docs.call(req).await
    }
}

/// The OpenAPI document the code describes (JSON), as `steward openapi` writes it:
/// openapi/openapi.json, which the server serves, must be this.
pub fn openapi_json() -> String {
    api::spec_json()
}

pub fn openapi_yaml() -> String {
    api::spec_yaml()
}

/// A started app: where it listens and how to stop it.
pub struct Running {
    pub addr: SocketAddr,
    /// The address of `/metrics` when it has one of its own.
    pub metrics_addr: Option<SocketAddr>,
    pub state: AppState,
    shutdown: CancellationToken,
    task: JoinHandle<anyhow::Result<()>>,
}

impl Running {
    /// Asks the app to stop: no new connections, running requests and jobs finish.
    pub fn shutdown(&self) {
        self.shutdown.cancel();
    }

    /// Waits until the app has stopped.
    pub async fn wait(self) -> anyhow::Result<()> {
        self.task.await.context("the app task panicked")?
    }

    pub async fn stop(self) -> anyhow::Result<()> {
        self.shutdown();
        self.wait().await
    }
}

/// Binds the listener and starts HTTP, the workers and the sweep.
pub async fn start(state: AppState) -> anyhow::Result<Running> {
    let bind = state.config.server.bind;
    let acceptor = TcpListener::bind(bind)
        .into_acceptor()
        .await
        .with_context(|| format!("cannot listen on {bind}"))?;
    let addr = acceptor
        .local_addr()
        .first()
        .and_then(|a| a.as_socket_addr().copied())
        .context("the listener has no address")?;
    let shutdown = state.stopping.clone();
    let metrics_server = match state.config.metrics_bind()? {
        Some(bind) => {
            let acceptor = TcpListener::bind(bind)
                .into_acceptor()
                .await
                .with_context(|| format!("cannot listen on {bind} (server.metrics_bind)"))?;
            let addr = acceptor
                .local_addr()
                .first()
                .and_then(|a| a.as_socket_addr().copied());
            let app = Route::new()
                .at("/metrics", get(pages::metrics))
                .data(state.clone());
            let stop = shutdown.clone();
            tokio::spawn(async move {
                let served = Server::new_with_acceptor(acceptor)
                    .run_with_graceful_shutdown(app, stop.cancelled_owned(), None)
                    .await;
                if let Err(e) = served {
                    tracing::error!(error = %e, "the metrics listener failed");
                }
            });
            tracing::info!(addr = ?addr, "metrics listening");
            addr
        }
        None => None,
    };
    let app = routes(state.clone());
    let jobs = tokio::spawn(jobs::run(state.clone(), shutdown.clone()));
    tokio::spawn(give_back_idle_memory(
        state.hasher.clone(),
        shutdown.clone(),
    ));
    let stop = shutdown.clone();
    let task = tokio::spawn(async move {
        let served = Server::new_with_acceptor(acceptor)
            .run_with_graceful_shutdown(
                app,
                stop.clone().cancelled_owned(),
                Some(Duration::from_secs(30)),
            )
            .await;
        // however HTTP ended, stop the workers and let their jobs finish
        stop.cancel();
        let jobs = jobs.await.context("the job runner panicked")?;
        served.context("the HTTP server failed")?;
        jobs
    });
    tracing::info!(%addr, "listening");
    if !state.config.credentials_used.is_empty() {
        tracing::info!(credentials = ?state.config.credentials_used, "secrets read from systemd credentials");
    }
    Ok(Running {
        addr,
        metrics_addr: metrics_server,
        state,
        shutdown,
        task,
    })
}

/// Every ten seconds, drops the argon2 blocks no sign-in used since the last look and
/// returns free pages (those blocks, whatever a burst left behind, and at start-up what
/// building the routes and the OpenAPI document used) to the system.
async fn give_back_idle_memory(hasher: PasswordHasher, stop: CancellationToken) {
    const IDLE: Duration = Duration::from_secs(10);
    let mut tick = tokio::time::interval(IDLE);
    loop {
        tokio::select! {
            _ = tick.tick() => {}
            _ = stop.cancelled() => return,
        }
        hasher.release_idle(IDLE);
        let _ = tokio::task::spawn_blocking(crate::memory::give_back).await;
    }
}

/// `steward serve`: runs until SIGTERM or SIGINT, then shuts down gracefully.
pub async fn run(config: Config) -> anyhow::Result<()> {
    // listening for the stop signals before READY is told: a SIGTERM right after READY
    // must not meet the default action, which ends the process without a clean stop
    let stop = shutdown_signal();
    let state = AppState::open(config, Clock::system()).await?;
    let running = start(state).await?;
    // Under systemd (Type=notify): ready once migrations ran and the port is bound.
    let _ = sd_notify::notify(&[sd_notify::NotifyState::Ready]);
    let watchdog = sd_notify::watchdog_enabled().map(|every| {
        let db = running.state.db.clone();
        tokio::spawn(async move {
            let mut tick = tokio::time::interval(every / 2);
            loop {
                tick.tick().await;
                // alive means the runtime turns and the database answers
                if db::is_ready(&db).await {
                    let _ = sd_notify::notify(&[sd_notify::NotifyState::Watchdog]);
                }
            }
        })
    });
    stop.await;
    tracing::info!("shutting down: finishing requests and running jobs");
    let _ = sd_notify::notify(&[sd_notify::NotifyState::Stopping]);
    if let Some(watchdog) = watchdog {
        watchdog.abort();
    }
    running.stop().await?;
    tracing::info!("stopped");
    Ok(())
}

/// Resolves at SIGTERM or SIGINT. The handlers are installed when this is called, not
/// when it is first awaited.
fn shutdown_signal() -> impl std::future::Future<Output = ()> {
    #[cfg(unix)]
    {
        use tokio::signal::unix::{SignalKind, signal};
        let streams = signal(SignalKind::terminate())
            .and_then(|term| signal(SignalKind::interrupt()).map(|interrupt| (term, interrupt)));
        async move {
            match streams {
                Ok((mut term, mut interrupt)) => {
                    tokio::select! {
                        _ = term.recv() => {},
                        _ = interrupt.recv() => {},
                    }
                }
                Err(_) => {
                    let _ = tokio::signal::ctrl_c().await;
                }
            }
        }
    }
    #[cfg(not(unix))]
    async {
        let _ = tokio::signal::ctrl_c().await;
    }
}
