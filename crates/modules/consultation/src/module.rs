//! Consultation as a [`Module`].

use axum::routing::{get, post};
use axum::{Extension, Router};
use chrono::NaiveDate;
use dinh_platform::accounts::Permission;
use dinh_platform::db::{Db, migrate::Migration};
use dinh_platform::module::{BoxFuture, DisclosureDuty, Indicator, Module, Period, UnitSection};
use dinh_platform::units::Unit;
use dinh_platform::web::AppState;
use dinh_platform::web::i18n::Tr;
use dinh_platform::work::{Work, WorkScope};

use crate::web::{public, versions, work};
use crate::{ConsultationModule, api, permissions};

impl Module for ConsultationModule {
    fn name(&self) -> &'static str {
        "consultation"
    }

    fn migrations(&self) -> &'static [Migration] {
        &[
            Migration {
                version: 1,
                name: "consultations, their parts, comments and answers",
                sql: include_str!("../migrations/001_consultation.sql"),
                postgres: None,
            },
            Migration {
                version: 2,
                name: "the hearing of a named citizen",
                sql: include_str!("../migrations/002_hearings.sql"),
                postgres: None,
            },
            Migration {
                version: 3,
                name: "versions of the draft",
                sql: include_str!("../migrations/003_versions.sql"),
                postgres: None,
            },
        ]
    }

    fn pages(&self) -> Router<AppState> {
        Router::new()
            .route("/units/{code}/consultations", get(public::list))
            .route("/consultations/{id}", get(public::show))
            .route("/consultations/{id}/parts/{number}", get(public::part))
            .route(
                "/consultations/{id}/comment",
                get(public::comment_form).post(public::comment),
            )
            .route(
                "/consultations/{id}/versions",
                get(versions::list).post(versions::publish),
            )
            .route("/consultations/{id}/versions/{number}", get(versions::show))
            .route("/consultations/{id}/diff", get(versions::compare))
            .route("/consultations/{id}/synthesis", get(public::synthesis_page))
            .route(
                "/consultations/{id}/synthesis.docx",
                get(public::synthesis_docx),
            )
            .route(
                "/consultations/{id}/synthesis.pdf",
                get(public::synthesis_pdf),
            )
            .route("/units/{code}/consultations/work", get(work::work_list))
            .route(
                "/units/{code}/consultations/new",
                get(work::new_form).post(work::create),
            )
            .route("/consultations/{id}/work", get(work::page))
            .route("/consultations/{id}/enter", post(work::enter))
            .route("/consultations/{id}/answer", post(work::answer))
            .route("/consultations/{id}/close", post(work::close))
            .route("/consultations/{id}/hearing", post(work::hearing))
            .layer(Extension(self.clone()))
    }

    fn api(&self) -> Router<AppState> {
        api::routes().layer(Extension(self.clone()))
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

    fn indicator_ratio(&self, key: &str) -> Option<(&'static str, &'static str)> {
        crate::indicators::ratio(key)
    }

    fn tables(&self) -> &'static [(&'static str, &'static str)] {
        &[
            ("consultations", "id"),
            ("consultation_parts", "id"),
            ("consultation_comments", "id"),
            ("consultation_hearings", "id"),
            ("consultation_versions", "id"),
            ("consultation_version_parts", "id"),
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
        Box::pin(crate::sections::unit_sections(
            db,
            unit,
            tr,
            dinh_platform::time::today_vn(),
        ))
    }

    fn work<'a>(
        &'a self,
        db: &'a Db,
        scope: &'a WorkScope,
        tr: Tr,
    ) -> BoxFuture<'a, anyhow::Result<Work>> {
        Box::pin(crate::work::work(self, db, scope, tr))
    }

    fn duties_since<'a>(
        &'a self,
        db: &'a Db,
        since: &'a str,
    ) -> BoxFuture<'a, anyhow::Result<Vec<DisclosureDuty>>> {
        Box::pin(crate::duties::since(self, db, since))
    }

    fn demo<'a>(&'a self, db: &'a Db, today: NaiveDate) -> BoxFuture<'a, anyhow::Result<()>> {
        Box::pin(crate::demo::build(self, db, today))
    }
}
