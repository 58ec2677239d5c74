//! Legal time as a [`Module`]: public read-only pages and API; no tables, no migrations.

use axum::routing::get;
use axum::{Extension, Router};
use dinh_platform::accounts::Permission;
use dinh_platform::db::migrate::Migration;
use dinh_platform::module::Module;
use dinh_platform::web::AppState;

use crate::{LegalTimeModule, api, pages};

impl Module for LegalTimeModule {
    fn name(&self) -> &'static str {
        "legal_time"
    }

    fn migrations(&self) -> &'static [Migration] {
        &[]
    }

    fn pages(&self) -> Router<AppState> {
        Router::new()
            .route("/calendar", get(pages::month))
            .route("/calendar/deadline", get(pages::deadline))
            .route("/rules", get(pages::rules))
            .route("/static/legal-time.css", get(pages::stylesheet))
            .layer(Extension(self.clone()))
    }

    fn api(&self) -> Router<AppState> {
        Router::new()
            .route("/calendar/lunar", get(api::lunar))
            .route("/calendar/solar", get(api::solar))
            .route("/calendar/holidays/{year}", get(api::holidays))
            .route("/calendar/deadline", get(api::deadline))
            .route("/rules", get(api::rules))
            .layer(Extension(self.clone()))
    }

    fn openapi(&self) -> utoipa::openapi::OpenApi {
        <api::ApiDoc as utoipa::OpenApi>::openapi()
    }

    /// Public, read-only pages: nothing to grant.
    fn permissions(&self) -> &'static [Permission] {
        &[]
    }
}
