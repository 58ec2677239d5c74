//! The steering committees as a [`Module`].

use axum::routing::{get, post};
use axum::{Extension, Router};
use dinh_platform::accounts::Permission;
use dinh_platform::db::{Db, migrate::Migration};
use dinh_platform::module::{BoxFuture, Module, UnitSection};
use dinh_platform::units::Unit;
use dinh_platform::web::AppState;
use dinh_platform::web::i18n::Tr;
use dinh_platform::work::{Work, WorkScope};

use crate::{SteeringModule, api, pages, permissions};

impl Module for SteeringModule {
    fn name(&self) -> &'static str {
        "steering"
    }

    fn migrations(&self) -> &'static [Migration] {
        &[Migration {
            version: 1,
            name: "steering committees",
            sql: include_str!("../migrations/001_steering.sql"),
            postgres: None,
        }]
    }

    fn pages(&self) -> Router<AppState> {
        Router::new()
            .route(
                "/units/{code}/steering",
                get(pages::committee).post(pages::create_committee),
            )
            .route("/steering/committees/{id}/members", post(pages::add_member))
            .route("/steering/committees/{id}/plans", post(pages::create_plan))
            .route(
                "/steering/committees/{id}/meetings",
                post(pages::record_meeting),
            )
            .route(
                "/steering/committees/{id}/inspections",
                post(pages::create_inspection),
            )
            .route(
                "/steering/committees/{id}/reports",
                post(pages::create_report),
            )
            .route("/steering/plans/{id}", get(pages::plan))
            .route("/steering/plans/{id}/tasks", post(pages::add_task))
            .route("/steering/plans/{id}/template", post(pages::apply_template))
            .route("/steering/recommendations/{id}/answer", post(pages::answer))
            .route("/steering/reports/{id}/sign", post(pages::sign_off))
            .route("/steering/tasks/{id}/progress", post(pages::progress))
            .route("/steering/reports/{id}", get(pages::report))
            .route("/steering/reports/{id}/revise", post(pages::revise))
            .route("/steering/reports/{id}/report.docx", get(pages::docx))
            .route("/steering/reports/{id}/figures.xlsx", get(pages::xlsx))
            .route("/steering/reports/{id}/units.xlsx", get(pages::lower_xlsx))
            .route("/steering/meetings/{id}", get(pages::news))
            .route("/steering/meetings/{id}/publish", post(pages::publish))
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

    fn tables(&self) -> &'static [(&'static str, &'static str)] {
        &[
            ("steering_committees", "id"),
            ("steering_members", "id"),
            ("steering_plans", "id"),
            ("steering_meetings", "id"),
            (
                "steering_tasks",
                "CASE WHEN parent_task_id IS NULL THEN 0 ELSE 1 END, id",
            ),
            ("steering_task_notes", "id"),
            ("steering_conclusions", "id"),
            ("steering_reports", "id"),
            ("steering_report_versions", "id"),
            ("steering_inspections", "id"),
            ("steering_recommendations", "id"),
        ]
    }

    fn messages(&self) -> &'static str {
        include_str!("../locales/messages.toml")
    }

    fn notices(&self) -> &'static str {
        include_str!("../locales/notices.toml")
    }

    fn news_since<'a>(
        &'a self,
        db: &'a Db,
        since: &'a str,
    ) -> BoxFuture<'a, anyhow::Result<Vec<dinh_platform::module::NewsItem>>> {
        Box::pin(async move { Ok(crate::meetings::news_since(db, since).await?) })
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
        Box::pin(crate::work::work(db, scope, tr))
    }

    fn demo<'a>(
        &'a self,
        db: &'a Db,
        today: chrono::NaiveDate,
    ) -> BoxFuture<'a, anyhow::Result<()>> {
        Box::pin(crate::demo::build(db, self, today))
    }
}
