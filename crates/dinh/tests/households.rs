//! Acting for a household that is not online (làm thay cho hộ): an officer finds it from the
//! work home, opens its page and reaches each module's form with the household filled in; the
//! page is refused to a resident and to a visitor. On both engines, over the demo.
#![allow(clippy::unwrap_used, clippy::expect_used, missing_docs)]

use axum::Router;
use axum::body::Body;
use axum::extract::Request;
use axum::http::{StatusCode, header};
use dinh_platform::config::Config;
use dinh_platform::db::query;
use dinh_platform::testing::each_engine;
use dinh_platform::web::{AppState, router};
use http_body_util::BodyExt;
use tower::ServiceExt;

mod support;
use support::signed_in;

async fn get(app: &Router, uri: &str, cookie: Option<&str>) -> (StatusCode, String) {
    let mut req = Request::get(uri);
    if let Some(c) = cookie {
        req = req.header(header::COOKIE, c);
    }
    let res = app
        .clone()
        .oneshot(req.body(Body::empty()).unwrap())
        .await
        .unwrap();
    let status = res.status();
    let body = res.into_body().collect().await.unwrap().to_bytes();
    (status, String::from_utf8_lossy(&body).into_owned())
}

#[tokio::test]
async fn an_officer_acts_for_a_household_from_the_work_home() {
    let dir = std::env::temp_dir().join(format!("dinh-households-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let registry = dinh::cli::registry(&dir).unwrap();
    each_engine(&registry, |db| {
        let registry = registry.clone();
        async move {
            dinh_platform::demo::build(&db).await?;
            registry.demo(&db, dinh_platform::time::today_vn()).await?;
            let app = router(AppState::new(db.clone(), Config::default(), registry));
            let officer = signed_in(&db, "canbo.phudong@dinh.demo").await;

            let (status, home) = get(&app, "/viec-cua-toi", Some(&officer)).await;
            assert_eq!(status, StatusCode::OK);
            assert!(home.contains("href=\"/units/00541/households\""), "{home}");

            // The commune's page lists its thôn; a search spans them, ignoring diacritics.
            let (status, commune) = get(&app, "/units/00541/households", Some(&officer)).await;
            assert_eq!(status, StatusCode::OK);
            assert!(
                commune.contains("href=\"/units/00541-01/households\""),
                "{commune}"
            );
            let (code, name): (String, String) = db
                .fetch_optional::<(String, String)>(&query(
                    "SELECT h.code, p.full_name FROM households h
                     JOIN people p ON p.id = h.representative_id
                     JOIN units u ON u.id = h.unit_id
                     WHERE u.code = '00541-01' ORDER BY h.code LIMIT 1",
                ))
                .await?
                .unwrap();
            let folded = dinh_platform::text::fold(&name).replace(' ', "+");
            let (status, found) = get(
                &app,
                &format!("/units/00541/households?q={folded}"),
                Some(&officer),
            )
            .await;
            assert_eq!(status, StatusCode::OK);
            assert!(
                found.contains(&format!("href=\"/households/{code}\"")),
                "{found}"
            );

            // Its page offers what the officer may do for it, each form filled in.
            let (status, page) = get(&app, &format!("/households/{code}"), Some(&officer)).await;
            assert_eq!(status, StatusCode::OK, "{page}");
            let petition = format!("/units/00541/petitions/new?household={code}");
            assert!(page.contains(&format!("href=\"{petition}\"")), "{page}");
            let open: i64 = db
                .scalar(&query(
                    "SELECT COUNT(*) FROM decision_matters m JOIN units u ON u.id = m.unit_id
                     WHERE m.status = 'open' AND u.code IN ('00541', '00541-01')",
                ))
                .await?;
            let votes = page.matches("/work?household=").count();
            assert_eq!(votes as i64, open, "one vote link per open matter: {page}");
            let (status, form) = get(&app, &petition, Some(&officer)).await;
            assert_eq!(status, StatusCode::OK);
            assert!(form.contains(&format!("value=\"{name}\"")), "{form}");

            // A resident and a visitor are refused.
            let resident = signed_in(&db, "0912000004").await;
            let (status, _) = get(&app, &format!("/households/{code}"), Some(&resident)).await;
            assert_eq!(status, StatusCode::FORBIDDEN);
            let (status, _) = get(&app, &format!("/households/{code}"), None).await;
            assert_eq!(status, StatusCode::UNAUTHORIZED);
            let (status, _) = get(&app, "/households/no-such-household", Some(&officer)).await;
            assert_eq!(status, StatusCode::NOT_FOUND);
            Ok(())
        }
    })
    .await;
    let _ = std::fs::remove_dir_all(&dir);
}
