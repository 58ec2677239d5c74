//! The emulation movement as a [`Module`].

use axum::routing::{get, post};
use axum::{Extension, Router};
use chrono::NaiveDate;
use dinh_platform::accounts::Permission;
use dinh_platform::db::{Db, migrate::Migration};
use dinh_platform::module::{BoxFuture, Indicator, Module, NewsItem, Period, UnitSection};
use dinh_platform::units::Unit;
use dinh_platform::web::AppState;
use dinh_platform::web::i18n::Tr;
use dinh_platform::work::{Work, WorkScope};

use crate::{EmulationModule, api, permissions, web};

impl Module for EmulationModule {
    fn name(&self) -> &'static str {
        "emulation"
    }

    fn migrations(&self) -> &'static [Migration] {
        &[Migration {
            version: 1,
            name: "emulation campaigns, registrations, models, evaluations, proposals, award decisions",
            sql: include_str!("../migrations/001_emulation.sql"),
            postgres: None,
        }]
    }

    fn pages(&self) -> Router<AppState> {
        Router::new()
            .route(
                "/units/{code}/emulation",
                get(web::public::unit_page).post(web::forms::open),
            )
            .route("/units/{code}/emulation/work", get(web::work::unit_work))
            .route(
                "/units/{code}/emulation/awards",
                get(web::public::awards_page),
            )
            .route("/emulation/{id}", get(web::public::campaign_page))
            .route("/emulation/{id}/work", get(web::work::campaign_work))
            .route("/emulation/{id}/registrations", post(web::forms::register))
            .route(
                "/emulation/{id}/registrations.xlsx",
                get(web::exports::registrations_xlsx),
            )
            .route(
                "/emulation/{id}/evaluations.xlsx",
                get(web::exports::evaluations_xlsx),
            )
            .route("/emulation/{id}/decisions", post(web::forms::decide))
            .route("/emulation/{id}/models", post(web::forms::model))
            .route("/emulation/models/{id}", get(web::public::model_page))
            .route("/emulation/models/{id}/work", get(web::work::model_work))
            .route(
                "/emulation/models/{id}/evaluations",
                post(web::forms::evaluate),
            )
            .route(
                "/emulation/models/{id}/proposals",
                post(web::forms::propose),
            )
            .route("/emulation/proposals/{id}/vote", post(web::forms::vote))
            .route(
                "/emulation/decisions/{id}/document.docx",
                get(web::exports::decision_docx),
            )
            .route(
                "/emulation/decisions/{id}/document.pdf",
                get(web::exports::decision_pdf),
            )
            .layer(Extension(self.clone()))
    }

    fn api(&self) -> Router<AppState> {
        api::routes()
    }

    fn openapi(&self) -> utoipa::openapi::OpenApi {
        <api::ApiDoc as utoipa::OpenApi>::openapi()
    }

    fn permissions(&self) -> &'static [Permission] {
        permissions::ALL
    }

    fn indicators(&self) -> &'static [Indicator] {
        crate::indicators::ALL
    }

    fn indicator_value<'a>(
        &'a self,
        db: &'a Db,
        key: &'a str,
        unit_id: i64,
        period: Period,
    ) -> BoxFuture<'a, anyhow::Result<Option<f64>>> {
        Box::pin(crate::indicators::value(db, key, unit_id, period))
    }

    fn indicator_values<'a>(
        &'a self,
        db: &'a Db,
        key: &'a str,
        unit_ids: &'a [i64],
        period: Period,
    ) -> BoxFuture<'a, anyhow::Result<Vec<Option<f64>>>> {
        Box::pin(crate::indicators::values(db, key, unit_ids, period))
    }

    fn tables(&self) -> &'static [(&'static str, &'static str)] {
        &[
            ("emulation_campaigns", "id"),
            ("emulation_criteria", "campaign_id"),
            ("emulation_registrations", "id"),
            (
                "emulation_tallies",
                "campaign_id, area_unit_id, field, kind",
            ),
            ("emulation_models", "id"),
            ("emulation_evaluations", "id"),
            ("emulation_scores", "evaluation_id"),
            ("emulation_proposals", "id"),
            ("emulation_decisions", "id"),
        ]
    }

    fn messages(&self) -> &'static str {
        include_str!("../locales/messages.toml")
    }

    fn unit_sections<'a>(
        &'a self,
        db: &'a Db,
        unit: &'a Unit,
        tr: Tr,
    ) -> BoxFuture<'a, anyhow::Result<Vec<UnitSection>>> {
        Box::pin(crate::sections::unit_sections(db, unit, tr))
    }

    fn news_since<'a>(
        &'a self,
        db: &'a Db,
        since: &'a str,
    ) -> BoxFuture<'a, anyhow::Result<Vec<NewsItem>>> {
        Box::pin(crate::web::news::since(self, db, since))
    }

    fn demo<'a>(&'a self, db: &'a Db, today: NaiveDate) -> BoxFuture<'a, anyhow::Result<()>> {
        Box::pin(crate::demo::build(self, db, today))
    }

    fn work<'a>(
        &'a self,
        db: &'a Db,
        scope: &'a WorkScope,
        tr: Tr,
    ) -> BoxFuture<'a, anyhow::Result<Work>> {
        Box::pin(crate::work::work(db, scope, tr))
    }
}
