//! The web shell through the router, without sockets.

use crate::client::{csrf_of, send, sign_in};
use crate::support::{SMALL_HOUSEHOLDS, each_engine, registry, small_tree};
use axum::body::Body;
use axum::http::{Request, StatusCode, header};
use dinh_platform::accounts::{Role, store};
use dinh_platform::config::Config;
use dinh_platform::db::{Db, query};
use dinh_platform::web::{AppState, router};
use tower::ServiceExt;

async fn setup(db: &Db) -> anyhow::Result<()> {
    small_tree(db).await?;
    dinh_platform::households::import_households(db, SMALL_HOUSEHOLDS.as_bytes(), "test", |_| {})
        .await?;
    store::create_account(
        db,
        "truongthon@x.vn",
        "Trưởng Thôn Một",
        "mat-khau-du-dai",
        "test",
    )
    .await?;
    store::grant(db, "truongthon@x.vn", Role::VillageHead, Some("T1"), "test").await?;
    Ok(())
}

#[tokio::test]
async fn public_pages_and_api_answer_without_sign_in() {
    each_engine(|db| async move {
        setup(&db).await?;
        let home = send(&db, "GET", "/", None, None).await;
        assert_eq!(home.status, StatusCode::OK);
        assert!(home.body.contains("<html lang=\"vi\">") && home.body.contains("Tỉnh Thử Nghiệm"));
        let unit = send(&db, "GET", "/units/C1", None, None).await;
        assert_eq!(unit.status, StatusCode::OK);
        assert!(
            unit.body.contains("Thôn Một") && unit.body.contains("<dd>3</dd>"),
            "household count of C1"
        );
        let search = send(&db, "GET", "/search?q=cau+giay", None, None).await;
        assert!(search.body.contains("Xã Cầu Giấy"));
        let english = send(&db, "GET", "/units/C1", Some("dinh_lang=en"), None).await;
        assert!(
            english.body.contains("<html lang=\"en\">") && english.body.contains("Units within")
        );
        let missing = send(&db, "GET", "/units/NOPE", None, None).await;
        assert_eq!(missing.status, StatusCode::NOT_FOUND);
        assert!(missing.body.contains("Không tìm thấy trang này"));
        // Text from the database is escaped.
        let evil = "code,name,kind,parent_code\nX,<script>alert(1)</script>,xã,P\n";
        dinh_platform::units::import_units(&db, evil.as_bytes(), "test").await?;
        let page = send(&db, "GET", "/units/X", None, None).await;
        assert!(
            !page.body.contains("<script>") && page.body.contains("&#60;script&#62;")
                || page.body.contains("&lt;script&gt;")
        );

        let api = send(&db, "GET", "/api/v1/units/T1/lineage", None, None).await;
        assert_eq!(api.status, StatusCode::OK);
        let count = send(
            &db,
            "GET",
            "/api/v1/units/C1/household-count?date=01/01/2026",
            None,
            None,
        )
        .await;
        assert!(count.body.contains("\"households\":3"), "{}", count.body);
        let bad = send(
            &db,
            "GET",
            "/api/v1/units/C1/household-count?date=31/02/2026",
            None,
            None,
        )
        .await;
        assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(
            bad.body.contains("date: '31/02/2026' is not a date"),
            "{}",
            bad.body
        );
        let doc = send(&db, "GET", "/api/openapi.json", None, None).await;
        let doc: serde_json::Value = serde_json::from_str(&doc.body)?;
        assert!(doc["paths"]["/api/v1/units/{code}/lineage"].is_object());
        let health = send(&db, "GET", "/healthz", None, None).await;
        assert!(health.body.contains("\"status\":\"ok\""));
        let metrics = send(&db, "GET", "/metrics", None, None).await;
        assert!(
            metrics
                .body
                .contains("dinh_http_request_duration_seconds_count")
        );
        Ok(())
    })
    .await;
}

#[tokio::test]
async fn sign_in_csrf_scope_expiry_and_lockout() {
    each_engine(|db| async move {
        setup(&db).await?;
        // Not signed in: 401 page with a sign-in link; JSON under /api.
        let anon = send(&db, "GET", "/units/T1/households", None, None).await;
        assert_eq!(anon.status, StatusCode::UNAUTHORIZED);
        assert!(anon.body.contains("/login?next="));
        let anon_api = send(&db, "GET", "/api/v1/units/T1/households", None, None).await;
        assert_eq!(anon_api.status, StatusCode::UNAUTHORIZED);
        assert!(anon_api.body.starts_with("{\"error\""));

        // A form without its CSRF token is refused.
        let page = send(&db, "GET", "/login", None, None).await;
        let cookie = page.cookie.clone().unwrap();
        let no_csrf = send(
            &db,
            "POST",
            "/login",
            Some(&cookie),
            Some("login=truongthon%40x.vn&password=mat-khau-du-dai"),
        )
        .await;
        assert_eq!(no_csrf.status, StatusCode::FORBIDDEN);
        assert!(no_csrf.body.contains("Biểu mẫu đã hết hạn"));
        // A form with a field left out names the field, in Vietnamese.
        let no_password = send(
            &db,
            "POST",
            "/login",
            Some(&cookie),
            Some(&format!(
                "csrf={}&login=truongthon%40x.vn",
                csrf_of(&page.body)
            )),
        )
        .await;
        assert_eq!(no_password.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(
            no_password.body.contains("Biểu mẫu thiếu ô «password»")
                && !no_password.body.contains("Failed to deserialize"),
            "{}",
            no_password.body
        );

        // Wrong password: 401 and the form again.
        let wrong = sign_in(&db, "truongthon@x.vn", "sai-mat-khau").await;
        assert_eq!(wrong.status, StatusCode::UNAUTHORIZED);
        assert!(wrong.body.contains("Sai số điện thoại"));

        // Right password: redirected, with a new session cookie that is HttpOnly and SameSite=Lax.
        let ok = sign_in(&db, "truongthon@x.vn", "mat-khau-du-dai").await;
        assert_eq!(ok.status, StatusCode::SEE_OTHER);
        assert_eq!(ok.location.as_deref(), Some("/units/T1"));
        let session = ok.cookie.unwrap();
        let own = send(&db, "GET", "/units/T1/households", Some(&session), None).await;
        assert_eq!(own.status, StatusCode::OK);
        assert!(own.body.contains("Nguyễn Văn An"));
        let api = send(
            &db,
            "GET",
            "/api/v1/units/T1/households",
            Some(&session),
            None,
        )
        .await;
        assert!(api.body.contains("\"representative\":\"Nguyễn Văn An\""));
        // Out of scope: the neighbouring thôn.
        let other = send(&db, "GET", "/units/T2/households", Some(&session), None).await;
        assert_eq!(other.status, StatusCode::FORBIDDEN);
        assert!(other.body.contains("không có quyền"));
        assert_eq!(
            send(
                &db,
                "GET",
                "/api/v1/units/T2/households",
                Some(&session),
                None
            )
            .await
            .status,
            StatusCode::FORBIDDEN
        );

        // An expired session counts as none.
        db.execute(&query(
            "UPDATE sessions SET expires_at = '2000-01-01T00:00:00.000Z'",
        ))
        .await?;
        assert_eq!(
            send(&db, "GET", "/units/T1/households", Some(&session), None)
                .await
                .status,
            StatusCode::UNAUTHORIZED
        );

        // Five failures lock the account, even against the right password.
        for _ in 0..4 {
            assert_eq!(
                sign_in(&db, "truongthon@x.vn", "sai-mat-khau").await.status,
                StatusCode::UNAUTHORIZED
            );
        }
        let locked = sign_in(&db, "truongthon@x.vn", "sai-mat-khau").await;
        assert_eq!(locked.status, StatusCode::TOO_MANY_REQUESTS);
        assert!(locked.body.contains("tạm khóa"));
        assert_eq!(
            sign_in(&db, "truongthon@x.vn", "mat-khau-du-dai")
                .await
                .status,
            StatusCode::TOO_MANY_REQUESTS
        );
        Ok(())
    })
    .await;
}

#[test]
fn session_cookie_flags() {
    // Checked on a real reply: HttpOnly, SameSite=Lax, Path=/.
    let rt = tokio::runtime::Runtime::new().unwrap();
    rt.block_on(each_engine(|db| async move {
        let app = router(AppState::new(db.clone(), Config::default(), registry()));
        let res = app
            .oneshot(Request::get("/login").body(Body::empty()).unwrap())
            .await
            .unwrap();
        let cookie = res
            .headers()
            .get(header::SET_COOKIE)
            .unwrap()
            .to_str()
            .unwrap()
            .to_owned();
        assert!(
            cookie.contains("HttpOnly")
                && cookie.contains("SameSite=Lax")
                && cookie.contains("Path=/"),
            "{cookie}"
        );
        assert!(!cookie.contains("Secure"), "not behind TLS by default");
        Ok(())
    }));
}

#[tokio::test]
async fn a_flash_message_is_shown_once_to_its_own_session() {
    each_engine(|db| async move {
        setup(&db).await?;
        let (mine, session) = dinh_platform::accounts::session::create(&db, None, 1).await?;
        let (other, _) = dinh_platform::accounts::session::create(&db, None, 1).await?;
        dinh_platform::accounts::session::set_flash(&db, &session, "Đã lưu <b>kế hoạch</b>.")
            .await?;
        let cookie = format!("{}={mine}", dinh_platform::accounts::session::COOKIE);
        let other = format!("{}={other}", dinh_platform::accounts::session::COOKIE);
        // Another session never sees it.
        let elsewhere = send(&db, "GET", "/", Some(&other), None).await;
        assert!(!elsewhere.body.contains("kế hoạch"));
        // The next page of its own session shows it, escaped, as a status message.
        let first = send(&db, "GET", "/", Some(&cookie), None).await;
        assert_eq!(first.status, StatusCode::OK);
        assert!(
            first.body.contains(
                "<p class=\"flash\" role=\"status\">Đã lưu &#60;b&#62;kế hoạch&#60;/b&#62;.</p>"
            ),
            "{}",
            first.body
        );
        // Once only.
        let second = send(&db, "GET", "/", Some(&cookie), None).await;
        assert!(!second.body.contains("class=\"flash\""));
        Ok(())
    })
    .await;
}
