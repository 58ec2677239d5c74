//! Pages, API and indicators through the router, without sockets.

use axum::body::Body;
use axum::http::{Request, StatusCode, header};
use dinh_decisions::{Origin, close, matters};
use dinh_platform::config::Config;
use dinh_platform::module::Period;
use dinh_platform::web::{AppState, router};
use http_body_util::BodyExt;
use tower::ServiceExt;

use crate::support::*;

async fn call(
    db: &dinh_platform::db::Db,
    method: &str,
    uri: &str,
    body: &str,
    lang: &str,
) -> (StatusCode, String) {
    let app = router(AppState::new(db.clone(), Config::default(), registry()));
    let mut req = Request::builder().method(method).uri(uri).header(
        header::CONTENT_TYPE,
        if uri.starts_with("/api") {
            "application/json"
        } else {
            "application/x-www-form-urlencoded"
        },
    );
    if lang == "en" {
        req = req.header(header::COOKIE, "dinh_lang=en");
    }
    let res = app
        .oneshot(req.body(Body::from(body.to_owned())).unwrap())
        .await
        .unwrap();
    let status = res.status();
    let bytes = res.into_body().collect().await.unwrap().to_bytes().to_vec();
    (status, String::from_utf8(bytes).unwrap())
}

#[tokio::test]
async fn pages_api_and_indicators() {
    each_engine(|db| async move {
        let f = setup(&db).await?;
        let m = module();
        let matter = matters::create(&m, &db, Some(&f.head), &new_matter("T9-X-01", 1, Origin::VillageHead), today()).await?;
        let (s, html) = call(&db, "GET", "/units/T9-X-01/matters", "", "vi").await;
        assert_eq!(s, StatusCode::OK);
        assert!(html.contains("Việc số 1") && html.contains("Đang lấy ý kiến"), "{html}");
        let (s, json) = call(&db, "GET", &format!("/api/v1/matters/{}", matter.id), "", "vi").await;
        assert_eq!(s, StatusCode::OK);
        let v: serde_json::Value = serde_json::from_str(&json)?;
        assert!(v["result"].is_null(), "hidden while open");
        let unit = dinh_platform::units::store::by_code(&db, "T9-X").await?.unwrap();
        let period = Period { from: day(2025, 1, 1), to: day(2025, 12, 31) };
        assert_eq!(m_value(&db, "decisions.pass_rate", unit.id, period).await, None, "no data: missing, not zero");
        meeting_votes(&db, &f, matter.id, "T9-X-01", &village(1, 9), 6).await?;
        close::close(&m, &db, Some(&f.officer), matter.id, today()).await?;
        let (_, html) = call(&db, "GET", &format!("/matters/{}", matter.id), "", "vi").await;
        assert!(html.contains("Thông qua: 6 trên 9 hộ đồng ý (66,7 %), cần từ 2/3 tổng số hộ trở lên"), "{html}");
        let (_, html) = call(&db, "GET", &format!("/matters/{}", matter.id), "", "en").await;
        assert!(html.contains("Passed: 6 of 9 households agreed (66.7 %); at least 2/3 of all households needed"), "{html}");
        // Anonymous writes are refused; forms without the CSRF token too.
        let (s, _) = call(&db, "POST", "/api/v1/matters", r#"{"unit_code":"T9-X-01","matter":1,"title":"x","content":"y","origin":"village_head"}"#, "vi").await;
        assert_eq!(s, StatusCode::UNAUTHORIZED);
        let (s, _) = call(&db, "POST", &format!("/matters/{}/vote", matter.id), "choice=agree", "vi").await;
        assert_eq!(s, StatusCode::FORBIDDEN);
        let (s, body) = call(&db, "GET", &format!("/api/v1/matters/{}/participants", matter.id), "", "vi").await;
        assert_eq!(s, StatusCode::UNAUTHORIZED, "{body}");
        let (_, doc) = call(&db, "GET", "/api/openapi.json", "", "vi").await;
        assert!(doc.contains("/api/v1/matters/{id}/online-vote"));
        assert_eq!(m_value(&db, "decisions.matters_decided", unit.id, period).await, Some(1.0));
        assert_eq!(m_value(&db, "decisions.pass_rate", unit.id, period).await, Some(100.0));
        assert_eq!(m_value(&db, "decisions.participation", unit.id, period).await, Some(100.0));
        Ok(())
    })
    .await;
}

async fn m_value(db: &dinh_platform::db::Db, key: &str, unit: i64, p: Period) -> Option<f64> {
    registry().indicator_value(db, key, unit, p).await.unwrap()
}
