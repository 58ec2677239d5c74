//! Pages, feed, register files, API and the officers' forms through the router.

use axum::body::Body;
use axum::http::{Request, StatusCode, header};
use dinh_platform::config::Config;
use dinh_platform::web::{AppState, router};
use http_body_util::BodyExt;
use tower::ServiceExt;

use super::support::*;

#[tokio::test]
async fn pages_feed_register_and_api() {
    dinh_platform::testing::each_engine(&registry(), |db| async move {
        let w = world(&db).await;
        let id = publish(&db, &w, draft(7, d(2026, 8, 3), d(2026, 8, 4)), vec![]).await?;
        let (s, body, _) = get(&db, "/units/91001/disclosures?category=7&year=2026&quarter=3").await;
        assert_eq!(s, StatusCode::OK);
        let html = String::from_utf8(body)?;
        assert!(html.contains("Thông tin nội dung 7"));
        let (s, body, _) = get(&db, "/units/91001/disclosures?q=noi%20dung").await;
        assert_eq!(s, StatusCode::OK);
        assert!(String::from_utf8(body)?.contains(&format!("/disclosures/{id}")));
        let (s, body, _) = get(&db, &format!("/disclosures/{id}")).await;
        assert_eq!(s, StatusCode::OK);
        assert!(String::from_utf8(body)?.contains("Thôn Tây"));
        let (s, body, ct) = get(&db, "/units/91001/disclosures.atom").await;
        assert_eq!(s, StatusCode::OK);
        assert!(ct.starts_with("application/atom+xml"));
        assert!(String::from_utf8(body)?.contains("<entry>"));
        for (format, magic) in [("docx", b"PK".as_slice()), ("xlsx", b"PK"), ("csv", b"\xEF\xBB\xBF")] {
            let (s, body, _) = get(&db, &format!("/units/91001/disclosures/register?quarter=2026-Q3&format={format}")).await;
            assert_eq!(s, StatusCode::OK, "{format}");
            assert!(body.starts_with(magic), "{format}");
        }
        let (s, _, _) = get(&db, "/units/91001/disclosures/register?quarter=2026-Q5").await;
        assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY);
        let (s, body, _) = get(&db, "/api/v1/units/91001/disclosures").await;
        assert_eq!(s, StatusCode::OK);
        let json: serde_json::Value = serde_json::from_slice(&body)?;
        assert_eq!(json["total"], 1);
        let (s, body, _) = get(&db, "/api/v1/disclosure/requirements?unit=91001&category=4&decided_on=2026-03-06").await;
        assert_eq!(s, StatusCode::OK);
        let json: serde_json::Value = serde_json::from_slice(&body)?;
        assert_eq!(json["due_on"], "2026-03-13");
        // The dashboard is not public; writes need a session and its token.
        assert_eq!(get(&db, "/units/91001/disclosures/dashboard").await.0, StatusCode::UNAUTHORIZED);
        assert_eq!(get(&db, "/api/v1/units/91001/disclosures/dashboard").await.0, StatusCode::UNAUTHORIZED);
        let app = router(AppState::new(db.clone(), Config::default(), registry()));
        let res = app
            .oneshot(
                Request::builder()
                    .method("POST")
                    .uri("/api/v1/units/91001/disclosures")
                    .header(header::CONTENT_TYPE, "application/json")
                    .body(Body::from(r#"{"category":7,"title":"x","doc_number":"1","doc_date":"2026-03-06","doc_issuer":"x"}"#))
                    .unwrap(),
            )
            .await
            .unwrap();
        assert_eq!(res.status(), StatusCode::UNAUTHORIZED);
        // The commune's public page links to its register.
        let (_, body, _) = get(&db, "/units/91001").await;
        assert!(String::from_utf8(body)?.contains("href=\"/units/91001/disclosures\""));
        let (_, body, _) = get(&db, "/api/openapi.json").await;
        assert!(String::from_utf8(body)?.contains("/api/v1/disclosure/requirements"));
        Ok(())
    })
    .await;
}

#[tokio::test]
async fn officers_publish_and_record_through_the_forms() {
    dinh_platform::testing::each_engine(&registry(), |db| async move {
        let w = world(&db).await;
        let (token, session) =
            dinh_platform::accounts::session::create(&db, Some(w.officer.account_id), 1).await?;
        let config = Config {
            data_dir: w.dir.clone(),
            ..Config::default()
        };
        let app = router(AppState::new(db.clone(), config, registry()));
        let cookie = format!("dinh_session={token}");
        let send = |req: Request<Body>| app.clone().oneshot(req);
        let res = send(
            Request::builder()
                .uri("/units/91001/disclosures/new")
                .header(header::COOKIE, &cookie)
                .body(Body::empty())?,
        )
        .await?;
        assert_eq!(res.status(), StatusCode::OK);
        let fields = [
            ("csrf", session.csrf_token.as_str()),
            ("category", "7"),
            ("title", "Danh sách hỗ trợ <b>gạo</b>"),
            ("doc_number", "5/QĐ-UBND"),
            ("doc_date", "2026-03-06"),
            ("doc_issuer", "UBND xã"),
            ("published_on", "2026-03-09"),
            ("body", "Nội dung"),
        ];
        // Without the form's token: refused, nothing written.
        let (ct, body) = multipart(&fields[1..], Some(("attachments", "qd.pdf", b"%PDF-1.4 x")));
        let res = send(
            Request::builder()
                .method("POST")
                .uri("/units/91001/disclosures")
                .header(header::COOKIE, &cookie)
                .header(header::CONTENT_TYPE, ct)
                .body(Body::from(body))?,
        )
        .await?;
        assert_eq!(res.status(), StatusCode::FORBIDDEN);
        assert_eq!(count(&db, "disclosure_items").await, 0);
        // With it: published with its attachment, and the title is escaped on the page.
        let (ct, body) = multipart(&fields, Some(("attachments", "qd.pdf", b"%PDF-1.4 x")));
        let res = send(
            Request::builder()
                .method("POST")
                .uri("/units/91001/disclosures")
                .header(header::COOKIE, &cookie)
                .header(header::CONTENT_TYPE, ct)
                .body(Body::from(body))?,
        )
        .await?;
        assert_eq!(res.status(), StatusCode::SEE_OTHER);
        let location = res.headers()[header::LOCATION].to_str()?.to_owned();
        let res = send(
            Request::builder()
                .uri(&location)
                .header(header::COOKIE, &cookie)
                .body(Body::empty())?,
        )
        .await?;
        let html = String::from_utf8(res.into_body().collect().await?.to_bytes().to_vec())?;
        assert!(
            html.contains("gạo") && !html.contains("<b>gạo</b>"),
            "the title is not escaped"
        );
        assert!(html.contains("qd.pdf"));
        // A proof with its photo through the form.
        let id = location.trim_start_matches("/disclosures/");
        let png = b"\x89PNG\r\n\x1a\n0000";
        let (ct, body) = multipart(
            &[
                ("csrf", session.csrf_token.as_str()),
                ("duty", "notice_board|91001-02"),
                ("started_on", "09/03/2026"),
                ("note", "Bảng tin thôn"),
            ],
            Some(("photo", "anh.png", png)),
        );
        let res = send(
            Request::builder()
                .method("POST")
                .uri(format!("/disclosures/{id}/proofs"))
                .header(header::COOKIE, &cookie)
                .header(header::CONTENT_TYPE, ct)
                .body(Body::from(body))?,
        )
        .await?;
        assert_eq!(res.status(), StatusCode::SEE_OTHER);
        assert_eq!(count(&db, "disclosure_files").await, 2);
        // A bad date names its field.
        let (ct, body) = multipart(
            &[
                ("csrf", session.csrf_token.as_str()),
                ("duty", "notice_board|91001-03"),
                ("started_on", "31/02/2026"),
            ],
            None,
        );
        let res = send(
            Request::builder()
                .method("POST")
                .uri(format!("/disclosures/{id}/proofs"))
                .header(header::COOKIE, &cookie)
                .header(header::CONTENT_TYPE, ct)
                .body(Body::from(body))?,
        )
        .await?;
        assert_eq!(res.status(), StatusCode::UNPROCESSABLE_ENTITY);
        let _ = std::fs::remove_dir_all(&w.dir);
        Ok(())
    })
    .await;
}
