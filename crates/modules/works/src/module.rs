//! Community works as a [`Module`].

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

use crate::{WorksModule, api, permissions, web};

impl Module for WorksModule {
    fn name(&self) -> &'static str {
        "works"
    }

    fn migrations(&self) -> &'static [Migration] {
        &[Migration {
            version: 1,
            name: "community works, shares, reductions, pledges, payments, progress, spending",
            sql: include_str!("../migrations/001_works.sql"),
            postgres: None,
        }]
    }

    fn pages(&self) -> Router<AppState> {
        Router::new()
            .route("/units/{code}/works", get(web::unit_page).post(web::create))
            .route("/units/{code}/works/work", get(web::unit_work))
            .route("/works/{id}", get(web::work_page))
            .route("/works/{id}/work", get(web::work_work))
            .route(
                "/works/{id}/households/{household}",
                get(web::household_page),
            )
            .route("/works/{id}/contributions.csv", get(web::export_csv))
            .route("/works/{id}/contributions.xlsx", get(web::export_xlsx))
            .route("/works/receipts/{id}", get(web::receipt_pdf))
            .route("/works/{id}/reductions", post(web::reduce))
            .route("/works/{id}/pledges", post(web::pledge))
            .route("/works/{id}/payments", post(web::pay))
            .route("/works/{id}/import", post(web::import))
            .route("/works/receipts/{id}/correct", post(web::correct))
            .route("/works/{id}/milestones", post(web::milestone))
            .route("/works/{id}/spendings", post(web::spend))
            .route("/works/{id}/publish", post(web::publish))
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

    fn indicator_ratio(&self, key: &str) -> Option<(&'static str, &'static str)> {
        crate::indicators::ratio(key)
    }

    fn tables(&self) -> &'static [(&'static str, &'static str)] {
        &[
            ("works", "id"),
            ("works_shares", "work_id"),
            ("works_reductions", "id"),
            ("works_pledges", "id"),
            ("works_payments", "id"),
            ("works_milestones", "id"),
            ("works_spendings", "id"),
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

    fn demo<'a>(&'a self, db: &'a Db, today: NaiveDate) -> BoxFuture<'a, anyhow::Result<()>> {
        Box::pin(crate::demo::build(self, db, today))
    }

    fn duties_since<'a>(
        &'a self,
        db: &'a Db,
        since: &'a str,
    ) -> BoxFuture<'a, anyhow::Result<Vec<DisclosureDuty>>> {
        Box::pin(crate::duties::since(self, db, since))
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
