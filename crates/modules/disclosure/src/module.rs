//! The disclosure register as a [`Module`].

use std::time::Duration;

use axum::extract::DefaultBodyLimit;
use axum::routing::{get, post};
use axum::{Extension, Router};
use dinh_platform::accounts::Permission;
use dinh_platform::db::{Db, migrate::Migration};
use dinh_platform::module::{BoxFuture, Indicator, Job, Module, Period};
use dinh_platform::web::AppState;

use crate::{DisclosureModule, api, indicators, pages, permissions};

/// Upload routes read files themselves, each held to the configured limit while it streams;
/// this only bounds a whole request (a few files at the largest limit).
const REQUEST_LIMIT: usize = 256 * 1024 * 1024;

impl Module for DisclosureModule {
    fn name(&self) -> &'static str {
        "disclosure"
    }

    fn migrations(&self) -> &'static [Migration] {
        &[
            Migration {
                version: 1,
                name: "disclosure register",
                sql: include_str!("../migrations/001_disclosure.sql"),
                postgres: None,
            },
            Migration {
                version: 2,
                name: "disclosure duties raised by events",
                sql: include_str!("../migrations/002_event_duties.sql"),
                postgres: None,
            },
        ]
    }

    fn pages(&self) -> Router<AppState> {
        Router::new()
            .route(
                "/units/{code}/disclosures",
                get(pages::list).post(pages::publish),
            )
            .route("/units/{code}/disclosures.atom", get(pages::atom))
            .route("/units/{code}/disclosures/new", get(pages::compose))
            .route("/units/{code}/disclosures/missing", get(pages::missing))
            .route("/units/{code}/disclosures/register", get(pages::register))
            .route("/units/{code}/disclosures/dashboard", get(pages::dashboard))
            .route("/disclosures/{id}", get(pages::detail))
            .route("/disclosures/{id}/correct", get(pages::correct_form))
            .route("/disclosures/{id}/corrections", post(pages::correct))
            .route("/disclosures/{id}/proofs", post(pages::record))
            .route("/disclosures/proofs/{id}/end", post(pages::end_posting))
            .route("/disclosures/files/{id}", get(pages::download))
            .layer(DefaultBodyLimit::max(REQUEST_LIMIT))
            .layer(Extension(self.clone()))
    }

    fn api(&self) -> Router<AppState> {
        Router::new()
            .route(
                "/units/{code}/disclosures",
                get(api::list).post(api::publish),
            )
            .route("/units/{code}/disclosures/missing", get(api::missing))
            .route("/units/{code}/disclosures/register", get(api::register))
            .route("/units/{code}/disclosures/dashboard", get(api::dashboard))
            .route("/disclosures/{id}", get(api::detail))
            .route("/disclosures/{id}/proofs", post(api::record_proof))
            .route("/disclosure/requirements", get(api::requirements))
            .layer(Extension(self.clone()))
    }

    fn openapi(&self) -> utoipa::openapi::OpenApi {
        <api::ApiDoc as utoipa::OpenApi>::openapi()
    }

    fn permissions(&self) -> &'static [Permission] {
        permissions::ALL
    }

    fn indicators(&self) -> &'static [Indicator] {
        indicators::INDICATORS
    }

    fn indicator_value<'a>(
        &'a self,
        db: &'a Db,
        key: &'a str,
        unit_id: i64,
        period: Period,
    ) -> BoxFuture<'a, anyhow::Result<Option<f64>>> {
        Box::pin(indicators::value(db, key, unit_id, period))
    }

    fn indicator_values<'a>(
        &'a self,
        db: &'a Db,
        key: &'a str,
        unit_ids: &'a [i64],
        period: Period,
    ) -> BoxFuture<'a, anyhow::Result<Vec<Option<f64>>>> {
        Box::pin(indicators::values(db, key, unit_ids, period))
    }

    fn indicator_ratio(&self, key: &str) -> Option<(&'static str, &'static str)> {
        indicators::ratio(key)
    }

    fn jobs(&self) -> Vec<Job> {
        let module = self.clone();
        let gatherer = self.clone();
        vec![
            Job::new(
                "disclosure.clocks",
                Duration::from_secs(3600),
                move |state| {
                    let module = module.clone();
                    Box::pin(async move {
                        crate::jobs::run_clocks(&state.db, &module, dinh_platform::time::today_vn())
                            .await
                            .map(drop)
                    })
                },
            ),
            Job::new(
                "disclosure.gather_duties",
                Duration::from_secs(60),
                move |state| {
                    let module = gatherer.clone();
                    Box::pin(async move {
                        crate::store::gather_duties(&state.db, &module, &state.registry)
                            .await
                            .map(drop)
                    })
                },
            ),
        ]
    }

    fn file_dirs(&self) -> &'static [&'static str] {
        &["disclosure-files"]
    }

    fn tables(&self) -> &'static [(&'static str, &'static str)] {
        &[
            ("disclosure_files", "id"),
            ("disclosure_items", "id"),
            ("disclosure_versions", "id"),
            ("disclosure_attachments", "item_id, version, file_id"),
            ("disclosure_obligations", "id"),
            ("disclosure_proofs", "id"),
            ("disclosure_expected", "id"),
            ("disclosure_notices", "id"),
        ]
    }

    fn unit_sections<'a>(
        &'a self,
        db: &'a Db,
        unit: &'a dinh_platform::units::Unit,
        tr: dinh_platform::web::i18n::Tr,
    ) -> BoxFuture<'a, anyhow::Result<Vec<dinh_platform::module::UnitSection>>> {
        Box::pin(crate::front::section(db, unit, tr))
    }

    fn work<'a>(
        &'a self,
        db: &'a Db,
        scope: &'a dinh_platform::work::WorkScope,
        tr: dinh_platform::web::i18n::Tr,
    ) -> BoxFuture<'a, anyhow::Result<dinh_platform::work::Work>> {
        Box::pin(crate::front::work(db, scope, tr))
    }

    fn gather_duties<'a>(
        &'a self,
        db: &'a Db,
        registry: &'a dinh_platform::module::Registry,
    ) -> BoxFuture<'a, anyhow::Result<u64>> {
        Box::pin(crate::store::gather_duties(db, self, registry))
    }

    fn messages(&self) -> &'static str {
        include_str!("../locales/messages.toml")
    }

    fn demo<'a>(
        &'a self,
        db: &'a Db,
        today: chrono::NaiveDate,
    ) -> BoxFuture<'a, anyhow::Result<()>> {
        Box::pin(crate::demo::build(db, self, today))
    }
}
