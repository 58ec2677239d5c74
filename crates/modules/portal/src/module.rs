//! The portal as a [`Module`].

use axum::extract::DefaultBodyLimit;
use axum::routing::{get, post};
use axum::{Extension, Router};
use dinh_platform::accounts::Permission;
use dinh_platform::db::{Db, migrate::Migration};
use dinh_platform::module::{BoxFuture, Job, Module, UnitSection};
use dinh_platform::units::Unit;
use dinh_platform::web::AppState;
use dinh_platform::web::i18n::Tr;
use dinh_platform::work::{Work, WorkScope};
use std::time::Duration;

use crate::{PortalModule, api, permissions, web};

/// Largest request that adds a picture (the file itself is held to the configured limit).
const PICTURE_REQUEST_LIMIT: usize = 64 * 1024 * 1024;

impl Module for PortalModule {
    fn name(&self) -> &'static str {
        "portal"
    }

    fn migrations(&self) -> &'static [Migration] {
        &[
            Migration {
                version: 1,
                name: "portal: news, comments, polls, counters",
                sql: include_str!("../migrations/001_portal.sql"),
                postgres: None,
            },
            Migration {
                version: 2,
                name: "portal: pictures in several widths",
                sql: include_str!("../migrations/002_portal_images.sql"),
                postgres: None,
            },
            Migration {
                version: 3,
                name: "portal: the numbers WordPress gave imported posts",
                sql: include_str!("../migrations/003_portal_wordpress_posts.sql"),
                postgres: None,
            },
        ]
    }

    fn pages(&self) -> Router<AppState> {
        Router::new()
            .route("/units/{code}/tin-tuc", get(web::news))
            .route("/units/{code}/tin-tuc/rss.xml", get(web::rss))
            .route("/units/{code}/tin-tuc/atom.xml", get(web::atom))
            .route("/units/{code}/tin-tuc/quan-ly", get(web::manage))
            .route(
                "/units/{code}/tin-tuc/moi",
                get(web::article_form).post(web::create_article),
            )
            .route("/tin-tuc/{id}", get(web::article))
            .route(
                "/tin-tuc/{id}/binh-luan",
                get(web::comment_form).post(web::comment),
            )
            .route(
                "/tin-tuc/{id}/sua",
                get(web::edit_article).post(web::update_article),
            )
            .route("/tin-tuc/{id}/dang", post(web::publish_article))
            .route("/tin-tuc/{id}/go", post(web::unpublish_article))
            .route("/units/{code}/binh-luan", get(web::queue))
            .route("/units/{code}/binh-luan/cai-dat", post(web::settings))
            .route("/binh-luan/{id}/duyet", post(web::moderate))
            .route("/units/{code}/tham-do", get(web::polls))
            .route(
                "/units/{code}/tham-do/moi",
                get(web::new_poll).post(web::open_poll),
            )
            .route("/tham-do/{id}", get(web::poll).post(web::answer_poll))
            .route("/tham-do/{id}/dong", post(web::close_poll))
            .route(
                "/tin-tuc/{id}/anh",
                post(web::add_picture).layer(DefaultBodyLimit::max(PICTURE_REQUEST_LIMIT)),
            )
            .route("/anh/{id}", get(web::picture))
            .route("/sitemap.xml", get(web::sitemap))
            .route("/robots.txt", get(web::robots))
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

    fn jobs(&self) -> Vec<Job> {
        vec![
            Job::new(
                "portal.gather_news",
                Duration::from_secs(60),
                |state: AppState| {
                    Box::pin(async move {
                        crate::articles::gather::gather(&state.db, &state.registry).await?;
                        Ok(())
                    })
                },
            ),
            Job::new(
                "portal.publish_due",
                Duration::from_secs(60),
                |state: AppState| {
                    Box::pin(async move {
                        crate::articles::write::publish_due(&state.db).await?;
                        Ok(())
                    })
                },
            ),
        ]
    }

    fn gather_news<'a>(
        &'a self,
        db: &'a Db,
        registry: &'a dinh_platform::module::Registry,
    ) -> BoxFuture<'a, anyhow::Result<u64>> {
        Box::pin(crate::articles::gather::gather(db, registry))
    }

    fn tables(&self) -> &'static [(&'static str, &'static str)] {
        &[
            ("portal_categories", "id"),
            ("portal_articles", "id"),
            ("portal_images", "id"),
            ("portal_image_files", "id"),
            ("portal_settings", "unit_id"),
            (
                "portal_comments",
                "CASE WHEN parent_id IS NULL THEN 0 ELSE 1 END, id",
            ),
            ("portal_polls", "id"),
            ("portal_poll_options", "id"),
            ("portal_poll_answers", "poll_id, visitor"),
            ("portal_presence", "visitor"),
            ("portal_counters", "name"),
        ]
    }

    fn file_dirs(&self) -> &'static [&'static str] {
        &[crate::images::DIR]
    }

    fn old_address<'a>(
        &'a self,
        db: &'a Db,
        path: &'a str,
    ) -> BoxFuture<'a, anyhow::Result<Option<String>>> {
        Box::pin(async move {
            let found = match crate::wordpress::post_number(path) {
                Some(post) => crate::articles::by_wordpress_post(db, post).await?,
                None => crate::articles::by_old_path(db, path).await?,
            };
            Ok(found.map(crate::articles::href))
        })
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
        Box::pin(crate::demo::build(db, today, &self.data_dir))
    }
}
