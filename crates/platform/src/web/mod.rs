//! The web shell: routing, sessions, CSRF, languages, error pages, layout, health and metrics.
//! Modules bring their own pages and API routes through [`crate::module::Module`].

pub mod cache;
mod client;
mod ctx;
mod error;
mod form_problem;
pub mod i18n;
mod jobs;
mod metrics;
mod numbers;
mod pack_ref;
mod permits;
mod shell;

pub use client::{Client, client_address};
pub use ctx::{Chrome, Ctx, Form, chrome_with_session, render, urlencode};
pub use error::{AppError, ErrorKind};
pub use jobs::spawn_jobs;
pub use metrics::Metrics;
pub use pack_ref::PackRef;

use crate::config::Config;
use crate::db::Db;
use crate::module::Registry;
use axum::Router;
use std::sync::Arc;

/// What every handler can reach. Cloned for every request and every layer, so it is one
/// shared pointer: a clone is one reference count, whatever the state holds.
#[derive(Clone)]
pub struct AppState(Arc<SharedState>);

/// The parts of [`AppState`], reached through it (`state.db`, `state.registry`, …).
pub struct SharedState {
    /// The database pool.
    pub db: Db,
    /// The configuration.
    pub config: Arc<Config>,
    /// The modules of this build.
    pub registry: Registry,
    /// Request counters for `/metrics`.
    pub metrics: Arc<Metrics>,
    /// Public pages as anonymous visitors see them, for a few seconds.
    pub pages: Arc<cache::PageCache>,
    /// The unit that runs the site, for a few seconds.
    pub site_owner: Arc<cache::SiteOwnerCache>,
    /// The channels notices are sent by (`[mail]`, `[sms]`).
    pub channels: Arc<crate::notify::sender::Channels>,
}

impl std::ops::Deref for AppState {
    type Target = SharedState;

    fn deref(&self) -> &SharedState {
        &self.0
    }
}

impl AppState {
    /// Builds the state.
    pub fn new(db: Db, config: Config, registry: Registry) -> Self {
        let channels = Arc::new(crate::notify::sender::Channels::from_config(&config));
        Self(Arc::new(SharedState {
            db,
            channels,
            config: Arc::new(config),
            registry,
            metrics: Arc::new(Metrics::default()),
            pages: Arc::default(),
            site_owner: Arc::default(),
        }))
    }
}

/// An address no route answers: a module's redirect for an address of the site this one
/// replaced, or "not found".
async fn old_address(
    axum::extract::State(state): axum::extract::State<AppState>,
    uri: axum::http::Uri,
) -> Result<axum::response::Response, AppError> {
    match moved_to(&state, &uri).await? {
        Some(moved) => Ok(moved),
        None => Err(AppError::not_found()),
    }
}

/// A permanent redirect to where a module says an old address (path and query) now lives.
pub(crate) async fn moved_to(
    state: &AppState,
    uri: &axum::http::Uri,
) -> Result<Option<axum::response::Response>, AppError> {
    use axum::response::IntoResponse;
    let path = uri.path_and_query().map_or(uri.path(), |p| p.as_str());
    for m in state.registry.modules() {
        if let Some(to) = m.old_address(&state.db, path).await? {
            return Ok(Some(
                axum::response::Redirect::permanent(&to).into_response(),
            ));
        }
    }
    Ok(None)
}

/// The whole application: shell routes, every module's pages, and the API under `/api/v1`.
pub fn router(state: AppState) -> Router {
    let mut pages = shell::routes()
        .merge(crate::work::routes())
        .merge(crate::notify::routes());
    let mut api = Router::new();
    for m in state.registry.modules() {
        pages = pages.merge(m.pages());
        api = api.merge(m.api());
    }
    pages
        .nest("/api/v1", api)
        .fallback(old_address)
        .layer(axum::middleware::from_fn(error::render_errors))
        .layer(axum::middleware::from_fn_with_state(state.clone(), metrics::track))
        .layer(tower_http::set_header::SetResponseHeaderLayer::if_not_present(
            axum::http::header::X_CONTENT_TYPE_OPTIONS,
            axum::http::HeaderValue::from_static("nosniff"),
        ))
        .layer(tower_http::set_header::SetResponseHeaderLayer::if_not_present(
            axum::http::header::X_FRAME_OPTIONS,
            axum::http::HeaderValue::from_static("DENY"),
        ))
        .layer(tower_http::set_header::SetResponseHeaderLayer::if_not_present(
            axum::http::header::CONTENT_SECURITY_POLICY,
            axum::http::HeaderValue::from_static("default-src 'self'; img-src 'self' data:; style-src 'self'; form-action 'self'; frame-ancestors 'none'"),
        ))
        .layer(tower_http::compression::CompressionLayer::new())
        .layer(tower_http::catch_panic::CatchPanicLayer::new())
        .with_state(state)
}
