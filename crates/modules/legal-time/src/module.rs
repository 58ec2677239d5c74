//! Legal time as a [`Module`]: public read-only pages and API; no tables, no migrations.

use axum::routing::get;
use axum::{Extension, Router};
use dinh_platform::accounts::Permission;
use dinh_platform::db::Db;
use dinh_platform::db::migrate::Migration;
use dinh_platform::module::{BoxFuture, Module, SectionLink, UnitSection};
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

    fn search_pages(&self) -> &'static [dinh_platform::search::SitePage] {
        PAGES
    }

    fn messages(&self) -> &'static str {
        include_str!("../locales/messages.toml")
    }

    /// Every unit's home page ends with the calendar and the rules its clocks are counted by.
    fn unit_sections<'a>(
        &'a self,
        _db: &'a Db,
        _unit: &'a dinh_platform::units::Unit,
        tr: dinh_platform::web::i18n::Tr,
    ) -> BoxFuture<'a, anyhow::Result<Vec<UnitSection>>> {
        Box::pin(async move {
            Ok(vec![UnitSection {
                order: 90,
                title_key: "legal_time_section",
                summary: Some(tr.t("legal_time_summary").to_owned()),
                items: Vec::new(),
                links: vec![
                    SectionLink::new("legal_time_calendar", "/calendar"),
                    SectionLink::new("legal_time_deadline", "/calendar/deadline"),
                    SectionLink::new("legal_time_rules", "/rules"),
                ],
            }])
        })
    }

    /// Public, read-only pages: nothing to grant.
    fn permissions(&self) -> &'static [Permission] {
        &[]
    }
}

/// The module's public pages the site search finds.
const PAGES: &[dinh_platform::search::SitePage] = &[
    dinh_platform::search::SitePage {
        href: "/calendar",
        title: "Lịch âm dương và ngày nghỉ lễ",
        body: "Lịch âm lịch, dương lịch Việt Nam theo tháng; ngày lễ, Tết, ngày nghỉ bù, ngày làm việc của cơ quan nhà nước.",
    },
    dinh_platform::search::SitePage {
        href: "/calendar/deadline",
        title: "Tính thời hạn theo ngày làm việc",
        body: "Tính ngày hết hạn theo ngày làm việc hoặc ngày lịch, trừ thứ Bảy, Chủ nhật và ngày nghỉ lễ, theo Bộ luật Dân sự.",
    },
    dinh_platform::search::SitePage {
        href: "/rules",
        title: "Quy định pháp luật áp dụng",
        body: "Các con số luật định kèm điều khoản và ngày hiệu lực: thời hạn công khai, tỷ lệ biểu quyết, thời hạn giải quyết khiếu nại, tố cáo, kiến nghị.",
    },
];
