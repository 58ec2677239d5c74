//! The work home (`/viec-cua-toi`) and the unit home page's sections, through the router, with
//! a small module that contributes both through the registry.

use crate::support::small_tree;
use axum::body::Body;
use axum::http::{Request, StatusCode, header};
use dinh_platform::accounts::{Permission, Role, session, store};
use dinh_platform::config::Config;
use dinh_platform::db::{Db, migrate::Migration};
use dinh_platform::module::{BoxFuture, Module, Registry, SectionItem, SectionLink, UnitSection};
use dinh_platform::testing::each_engine as each_engine_with;
use dinh_platform::units::{Unit, UnitsModule};
use dinh_platform::web::i18n::Tr;
use dinh_platform::web::{AppState, router};
use dinh_platform::work::{Work, WorkArea, WorkItem, WorkScope};
use http_body_util::BodyExt;
use tower::ServiceExt;

const ACT: Permission = Permission {
    action: "probe.act",
    roles: &[Role::VillageHead],
    description_vi: "Thử",
    description_en: "Probe",
};

/// A module that shows, for every unit where its permission is held, one overdue item and
/// one area, and on every unit page one section naming the unit.
struct Probe;

impl Module for Probe {
    fn name(&self) -> &'static str {
        "probe"
    }
    fn migrations(&self) -> &'static [Migration] {
        &[]
    }
    fn pages(&self) -> axum::Router<AppState> {
        axum::Router::new()
    }
    fn api(&self) -> axum::Router<AppState> {
        axum::Router::new()
    }
    fn openapi(&self) -> utoipa::openapi::OpenApi {
        utoipa::openapi::OpenApi::default()
    }
    fn permissions(&self) -> &'static [Permission] {
        &[ACT]
    }
    fn unit_sections<'a>(
        &'a self,
        _db: &'a Db,
        unit: &'a Unit,
        _tr: Tr,
    ) -> BoxFuture<'a, anyhow::Result<Vec<UnitSection>>> {
        Box::pin(async move {
            Ok(vec![UnitSection {
                order: 5,
                title_key: "probe_section",
                summary: Some(format!("Mục thử của {}", unit.name)),
                items: vec![SectionItem {
                    label: "<b>Tin thử</b>".into(),
                    href: "/probe/1".into(),
                    note: None,
                }],
                links: vec![SectionLink::new("probe_more", "/probe")],
            }])
        })
    }
    fn work<'a>(
        &'a self,
        _db: &'a Db,
        scope: &'a WorkScope,
        _tr: Tr,
    ) -> BoxFuture<'a, anyhow::Result<Work>> {
        Box::pin(async move {
            let mut work = Work::default();
            for unit in scope.units(&ACT) {
                work.items.push(WorkItem {
                    title: format!("Việc quá hạn ở {}", unit.name),
                    unit: unit.name.clone(),
                    due: Some(scope.today - chrono::Duration::days(2)),
                    clock: Some("Điều 1".into()),
                    href: format!("/probe/{}", unit.code),
                });
                work.items.push(WorkItem {
                    title: format!("Việc tuần này ở {}", unit.name),
                    unit: unit.name.clone(),
                    due: Some(scope.today + chrono::Duration::days(3)),
                    clock: None,
                    href: "/probe/week".into(),
                });
                work.areas.push(WorkArea {
                    title_key: "probe_area",
                    unit: unit.name.clone(),
                    note: None,
                    href: format!("/probe/{}/area", unit.code),
                });
            }
            Ok(work)
        })
    }
}

fn registry() -> Registry {
    Registry::default().with(UnitsModule).with(Probe)
}

async fn get(db: &Db, uri: &str, cookie: Option<&str>) -> (StatusCode, Option<String>, String) {
    let app = router(AppState::new(db.clone(), Config::default(), registry()));
    let mut req = Request::get(uri).header(header::ACCEPT_ENCODING, "identity");
    if let Some(c) = cookie {
        req = req.header(header::COOKIE, c);
    }
    let res = app.oneshot(req.body(Body::empty()).unwrap()).await.unwrap();
    let status = res.status();
    let location = res
        .headers()
        .get(header::LOCATION)
        .map(|v| v.to_str().unwrap().to_owned());
    let body = res.into_body().collect().await.unwrap().to_bytes();
    (
        status,
        location,
        String::from_utf8_lossy(&body).into_owned(),
    )
}

async fn signed_in(db: &Db, login: &str) -> String {
    let id: i64 = db
        .scalar(&dinh_platform::db::query("SELECT id FROM accounts WHERE login = $1").bind(login))
        .await
        .unwrap();
    let (token, _) = session::create(db, Some(id), 1).await.unwrap();
    format!("{}={token}", session::COOKIE)
}

#[tokio::test]
async fn work_home_gathers_every_module_for_the_units_in_scope() {
    each_engine_with(&registry(), |db| async move {
        small_tree(&db).await?;
        store::create_account(&db, "head@x.vn", "Trưởng Thôn", "mat-khau-du-dai", "test").await?;
        store::grant(&db, "head@x.vn", Role::VillageHead, Some("T1"), "test").await?;
        store::create_account(&db, "dan@x.vn", "Người Dân", "mat-khau-du-dai", "test").await?;
        store::grant(&db, "dan@x.vn", Role::Resident, Some("T1"), "test").await?;

        // Anonymous: sent to sign in, and brought back.
        let (status, location, _) = get(&db, "/viec-cua-toi", None).await;
        assert_eq!(status, StatusCode::SEE_OTHER);
        assert_eq!(location.as_deref(), Some("/login?next=%2Fviec-cua-toi"));

        let head = signed_in(&db, "head@x.vn").await;
        let (status, _, html) = get(&db, "/viec-cua-toi", Some(&head)).await;
        assert_eq!(status, StatusCode::OK);
        // Overdue first, then this week, each with its date and clock; the area; the badge.
        let overdue = html.find("Quá hạn (1)").expect("overdue heading");
        let week = html
            .find("Đến hạn trong 7 ngày tới (1)")
            .expect("this week heading");
        assert!(overdue < week);
        assert!(html.contains("href=\"/probe/T1\""));
        assert!(html.contains("Điều 1"));
        let due = (dinh_platform::time::today_vn() - chrono::Duration::days(2))
            .format("%d/%m/%Y")
            .to_string();
        assert!(html.contains(&due), "due date shown dd/mm/yyyy");
        assert!(html.contains("href=\"/probe/T1/area\""));
        assert!(html.contains("class=\"badge\">Trưởng thôn / Tổ trưởng TDP · "));
        assert!(
            html.contains("href=\"/viec-cua-toi\""),
            "header links the work home"
        );

        // A person whose roles the module does not know sees nothing of it.
        let resident = signed_in(&db, "dan@x.vn").await;
        let (status, _, html) = get(&db, "/viec-cua-toi", Some(&resident)).await;
        assert_eq!(status, StatusCode::OK);
        assert!(!html.contains("/probe/"));
        assert!(html.contains("Không có việc nào quá hạn"));
        Ok(())
    })
    .await;
}

#[tokio::test]
async fn unit_page_shows_every_module_section_escaped() {
    each_engine_with(&registry(), |db| async move {
        small_tree(&db).await?;
        let (status, _, html) = get(&db, "/units/T1", None).await;
        assert_eq!(status, StatusCode::OK);
        assert!(html.contains("Mục thử của"));
        assert!(
            !html.contains("<b>Tin thử</b>") && html.contains("Tin thử"),
            "titles are escaped: {html}"
        );
        assert!(html.contains("href=\"/probe/1\"") && html.contains("href=\"/probe\""));
        Ok(())
    })
    .await;
}

#[tokio::test]
async fn pages_are_compressed_when_the_client_accepts_it() {
    each_engine_with(&registry(), |db| async move {
        small_tree(&db).await?;
        for encoding in ["gzip", "br"] {
            let app = router(AppState::new(db.clone(), Config::default(), registry()));
            let req = Request::get("/").header(header::ACCEPT_ENCODING, encoding);
            let res = app.oneshot(req.body(Body::empty()).unwrap()).await.unwrap();
            assert_eq!(
                res.headers()
                    .get(header::CONTENT_ENCODING)
                    .map(|v| v.to_str().unwrap()),
                Some(encoding)
            );
        }
        Ok(())
    })
    .await;
}
