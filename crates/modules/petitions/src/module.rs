//! Petitions as a [`Module`].

use axum::extract::DefaultBodyLimit;
use axum::routing::{get, post};
use axum::{Extension, Router};
use chrono::NaiveDate;
use dinh_platform::accounts::Permission;
use dinh_platform::db::{Db, migrate::Migration};
use dinh_platform::module::{BoxFuture, Indicator, Job, Module, Period, UnitSection};
use dinh_platform::units::Unit;
use dinh_platform::web::AppState;
use dinh_platform::web::i18n::Tr;
use dinh_platform::work::{Work, WorkScope};

use crate::{PetitionsModule, api, indicators, permissions, web};

/// Upload forms read files themselves, each held to the configured limit while it streams;
/// this only bounds a whole request (two fields of a few files at the largest limit).
const REQUEST_LIMIT: usize = 256 * 1024 * 1024;

impl Module for PetitionsModule {
    fn name(&self) -> &'static str {
        "petitions"
    }

    fn migrations(&self) -> &'static [Migration] {
        &[
            Migration {
                version: 1,
                name: "reception, cases and clocks, protected identities, mediation, dialogues",
                sql: include_str!("../migrations/001_petitions.sql"),
                postgres: None,
            },
            Migration {
                version: 2,
                name: "reminders",
                sql: include_str!("../migrations/002_reminders.sql"),
                postgres: None,
            },
            Migration {
                version: 3,
                name: "open clocks by start",
                sql: include_str!("../migrations/003_recompute_index.sql"),
                postgres: None,
            },
            Migration {
                version: 4,
                name: "case files",
                sql: include_str!("../migrations/004_files.sql"),
                postgres: None,
            },
            Migration {
                version: 5,
                name: "monthly summary per unit",
                sql: include_str!("../migrations/005_unit_months.sql"),
                postgres: None,
            },
            Migration {
                version: 6,
                name: "the unit on each clock",
                sql: include_str!("../migrations/006_clock_units.sql"),
                postgres: None,
            },
        ]
    }

    fn pages(&self) -> Router<AppState> {
        Router::new()
            .route(
                "/petitions/submit",
                get(web::public::form).post(web::public::submit),
            )
            .route(
                "/petitions/track",
                get(web::public::track_form).post(web::public::track),
            )
            .route(
                "/units/{code}/reception/schedule",
                get(web::reception::public_schedule),
            )
            .route(
                "/units/{code}/reception/compliance",
                get(web::reception::compliance),
            )
            .route(
                "/units/{code}/reception/heads/{id}",
                get(web::calendar::page),
            )
            .route("/units/{code}/petitions", get(web::cases::work_list))
            .route(
                "/units/{code}/petitions/export/{ext}",
                get(web::exports::cases),
            )
            .route(
                "/units/{code}/petitions/new",
                get(web::cases::new_form).post(web::cases::create),
            )
            .route("/petitions/cases/{id}", get(web::cases::show))
            .route("/petitions/cases/{id}/act", post(web::cases::act))
            .route(
                "/petitions/cases/{id}/file.docx",
                get(web::exports::case_file),
            )
            .route("/petitions/cases/{id}/identity", get(web::cases::identity))
            .route("/petitions/files/{id}", get(web::cases::file))
            .route(
                "/units/{code}/reception",
                get(web::reception::page).post(web::reception::post),
            )
            .route(
                "/units/{code}/reception/book/{ext}",
                get(web::exports::book),
            )
            .route(
                "/units/{code}/community",
                get(web::community::page).post(web::community::post),
            )
            .layer(DefaultBodyLimit::max(REQUEST_LIMIT))
            .layer(Extension(self.clone()))
    }

    fn api(&self) -> Router<AppState> {
        Router::new()
            .route("/petitions", post(api::submit))
            .route("/petitions/track", post(api::track))
            .route("/units/{code}/petitions", get(api::list))
            .route("/units/{code}/petitions/reminders", get(api::reminders))
            .route("/petitions/cases/{id}", get(api::case))
            .route("/petitions/cases/{id}/identity", get(api::identity))
            .route("/petitions/cases/{id}/files", get(api::files))
            .route("/petitions/files/{id}", get(api::file))
            .route("/units/{code}/reception/compliance", get(api::compliance))
            .route("/units/{code}/reception/book", get(api::book))
            .route("/units/{code}/mediations", get(api::mediations))
            .route("/units/{code}/dialogues", get(api::dialogues))
            .layer(Extension(self.clone()))
    }

    fn openapi(&self) -> utoipa::openapi::OpenApi {
        <api::ApiDoc as utoipa::OpenApi>::openapi()
    }

    fn permissions(&self) -> &'static [Permission] {
        permissions::ALL
    }

    fn indicators(&self) -> &'static [Indicator] {
        indicators::ALL
    }

    fn indicator_value<'a>(
        &'a self,
        db: &'a Db,
        key: &'a str,
        unit_id: i64,
        period: Period,
    ) -> BoxFuture<'a, anyhow::Result<Option<f64>>> {
        Box::pin(indicators::value(self, db, key, unit_id, period))
    }

    fn indicator_values<'a>(
        &'a self,
        db: &'a Db,
        key: &'a str,
        unit_ids: &'a [i64],
        period: Period,
    ) -> BoxFuture<'a, anyhow::Result<Vec<Option<f64>>>> {
        Box::pin(indicators::values(self, db, key, unit_ids, period))
    }

    fn indicator_ratio(&self, key: &str) -> Option<(&'static str, &'static str)> {
        indicators::ratio(key)
    }

    fn jobs(&self) -> Vec<Job> {
        crate::reminders::jobs(self)
    }

    fn file_dirs(&self) -> &'static [&'static str] {
        &["petition-files"]
    }

    fn tables(&self) -> &'static [(&'static str, &'static str)] {
        &[
            ("petition_heads", "id"),
            ("petition_sessions", "id"),
            ("petition_cases", "id"),
            ("petition_clocks", "id"),
            ("petition_events", "id"),
            ("petition_identities", "case_id"),
            ("petition_files", "id"),
            ("petition_lookup_failures", "bucket, window_start"),
            ("petition_unit_months", "unit_id, month"),
            ("petition_book", "id"),
            ("petition_mediation_teams", "id"),
            ("petition_mediations", "id"),
            ("petition_dialogues", "id"),
            ("petition_commitments", "id"),
        ]
    }

    fn search_pages(&self) -> &'static [dinh_platform::search::SitePage] {
        PAGES
    }

    fn messages(&self) -> &'static str {
        include_str!("../locales/messages.toml")
    }

    fn notices(&self) -> &'static str {
        include_str!("../locales/notices.toml")
    }

    fn notice_address<'a>(
        &'a self,
        db: &'a Db,
        reference: &'a str,
    ) -> BoxFuture<'a, anyhow::Result<Option<String>>> {
        Box::pin(crate::notices::address(self, db, reference))
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

    fn household_actions<'a>(
        &'a self,
        db: &'a Db,
        household: &'a dinh_platform::households::Household,
        unit: &'a Unit,
        scope: &'a WorkScope,
        tr: Tr,
    ) -> BoxFuture<'a, anyhow::Result<Vec<dinh_platform::module::SectionItem>>> {
        Box::pin(crate::household_actions::household_actions(
            db, household, unit, scope, tr,
        ))
    }

    fn demo<'a>(&'a self, db: &'a Db, today: NaiveDate) -> BoxFuture<'a, anyhow::Result<()>> {
        Box::pin(crate::demo::build(self, db, today))
    }
}

/// The module's public forms the site search finds (the cases themselves never are).
const PAGES: &[dinh_platform::search::SitePage] = &[
    dinh_platform::search::SitePage {
        href: "/petitions/submit",
        title: "Gửi phản ánh, kiến nghị, khiếu nại, tố cáo",
        body: "Gửi đơn phản ánh, kiến nghị, khiếu nại hoặc tố cáo đến Ủy ban nhân dân xã, phường; người tố cáo được giữ bí mật họ tên, địa chỉ.",
    },
    dinh_platform::search::SitePage {
        href: "/petitions/track",
        title: "Tra cứu kết quả giải quyết đơn",
        body: "Tra cứu tình trạng, thời hạn và kết quả giải quyết đơn phản ánh, kiến nghị, khiếu nại, tố cáo bằng mã hồ sơ và mã bí mật.",
    },
];
