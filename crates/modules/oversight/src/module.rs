//! Oversight as a [`Module`].

use axum::routing::{get, post};
use axum::{Extension, Router};
use chrono::NaiveDate;
use dinh_platform::accounts::Permission;
use dinh_platform::db::{Db, migrate::Migration};
use dinh_platform::module::{BoxFuture, Indicator, Module, Period, UnitSection};
use dinh_platform::units::Unit;
use dinh_platform::web::AppState;
use dinh_platform::web::i18n::Tr;
use dinh_platform::work::{Work, WorkScope};

use crate::{OversightModule, api, permissions, web};

impl Module for OversightModule {
    fn name(&self) -> &'static str {
        "oversight"
    }

    fn migrations(&self) -> &'static [Migration] {
        &[Migration {
            version: 1,
            name: "projects, boards and members, activities, findings, recommendations",
            sql: include_str!("../migrations/001_oversight.sql"),
            postgres: None,
        }]
    }

    fn pages(&self) -> Router<AppState> {
        Router::new()
            .route("/units/{code}/oversight", get(web::unit_page))
            .route("/oversight/boards/{id}", get(web::board_page))
            .route("/oversight/projects/{id}", get(web::project_page))
            .route("/oversight/activities/{id}", get(web::activity_page))
            .route(
                "/oversight/recommendations/{id}",
                get(web::recommendation_page),
            )
            .route("/units/{code}/oversight/work", get(web::work_page))
            .route(
                "/units/{code}/oversight/projects",
                post(web::create_project),
            )
            .route("/units/{code}/oversight/boards", post(web::create_board))
            .route("/oversight/activities", post(web::create_activity))
            .route("/oversight/findings", post(web::create_finding))
            .route(
                "/oversight/recommendations",
                post(web::create_recommendation),
            )
            .route(
                "/oversight/recommendations/{id}/work",
                get(web::recommendation_work),
            )
            .route("/oversight/recommendations/{id}/answer", post(web::answer))
            .route("/oversight/recommendations/{id}/reject", post(web::reject))
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
            ("oversight_projects", "id"),
            ("oversight_boards", "id"),
            ("oversight_members", "id"),
            ("oversight_activities", "id"),
            ("oversight_findings", "id"),
            ("oversight_recommendations", "id"),
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

    fn demo<'a>(&'a self, db: &'a Db, today: NaiveDate) -> BoxFuture<'a, anyhow::Result<()>> {
        Box::pin(crate::demo::build(self, db, today))
    }
}
