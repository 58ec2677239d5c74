//! A unit's emblem: its administrator uploads a picture on the contact page; once the unit runs
//! the site, every page's header shows it beside the body's name. A file that is not a picture
//! (whatever its name), one too large, a form without its token and another unit's
//! administrator are refused, and nothing is kept.

use crate::client::{csrf_of, send, sign_in};
use crate::support::{each_engine, registry, small_tree};
use axum::body::Body;
use axum::http::{Request, StatusCode, header};
use dinh_platform::accounts::{Role, store};
use dinh_platform::config::Config;
use dinh_platform::db::{Db, query};
use dinh_platform::units::contact::{self, UnitContact};
use dinh_platform::web::{AppState, router};
use http_body_util::BodyExt;
use std::path::{Path, PathBuf};
use tower::ServiceExt;

const PASSWORD: &str = "mat-khau-du-dai";
/// The smallest PNG: one transparent pixel.
const PNG: &[u8] = &[
    0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0x00, 0x00, 0x00, 0x0D, 0x49, 0x48, 0x44, 0x52,
    0x00, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x01, 0x08, 0x06, 0x00, 0x00, 0x00, 0x1F, 0x15, 0xC4,
    0x89, 0x00, 0x00, 0x00, 0x0D, 0x49, 0x44, 0x41, 0x54, 0x78, 0x9C, 0x63, 0x00, 0x01, 0x00, 0x00,
    0x05, 0x00, 0x01, 0x0D, 0x0A, 0x2D, 0xB4, 0x00, 0x00, 0x00, 0x00, 0x49, 0x45, 0x4E, 0x44, 0xAE,
    0x42, 0x60, 0x82,
];

/// Sends a multipart form with one file to the router over a data directory of its own.
async fn post_file(
    db: &Db,
    data: &Path,
    uri: &str,
    cookie: &str,
    fields: &[(&str, &str)],
    file: Option<(&str, &[u8])>,
) -> (StatusCode, String) {
    let boundary = "dinh-logo-boundary";
    let mut body = Vec::new();
    for (name, value) in fields {
        body.extend_from_slice(
            format!(
                "--{boundary}\r\nContent-Disposition: form-data; name=\"{name}\"\r\n\r\n{value}\r\n"
            )
            .as_bytes(),
        );
    }
    if let Some((file_name, bytes)) = file {
        body.extend_from_slice(format!("--{boundary}\r\nContent-Disposition: form-data; name=\"logo\"; filename=\"{file_name}\"\r\nContent-Type: application/octet-stream\r\n\r\n").as_bytes());
        body.extend_from_slice(bytes);
        body.extend_from_slice(b"\r\n");
    }
    body.extend_from_slice(format!("--{boundary}--\r\n").as_bytes());
    let config = Config {
        data_dir: data.to_path_buf(),
        ..Config::default()
    };
    let app = router(AppState::new(db.clone(), config, registry()));
    let req = Request::builder()
        .method("POST")
        .uri(uri)
        .header(header::COOKIE, cookie)
        .header(
            header::CONTENT_TYPE,
            format!("multipart/form-data; boundary={boundary}"),
        )
        .body(Body::from(body))
        .unwrap();
    let res = app.oneshot(req).await.unwrap();
    let status = res.status();
    let text =
        String::from_utf8_lossy(&res.into_body().collect().await.unwrap().to_bytes()).into_owned();
    (status, text)
}

/// The emblem as served, with its media type.
async fn fetch(db: &Db, data: &Path, uri: &str) -> (StatusCode, Option<String>, Vec<u8>) {
    let config = Config {
        data_dir: data.to_path_buf(),
        ..Config::default()
    };
    let app = router(AppState::new(db.clone(), config, registry()));
    let res = app
        .oneshot(Request::builder().uri(uri).body(Body::empty()).unwrap())
        .await
        .unwrap();
    let status = res.status();
    let kind = res
        .headers()
        .get(header::CONTENT_TYPE)
        .map(|v| v.to_str().unwrap().to_owned());
    (
        status,
        kind,
        res.into_body().collect().await.unwrap().to_bytes().to_vec(),
    )
}

fn files_in(dir: &Path) -> usize {
    std::fs::read_dir(dir.join("logos")).map_or(0, |d| d.count())
}

#[tokio::test]
async fn a_unit_administrator_gives_the_site_its_emblem() {
    each_engine(|db| async move {
        small_tree(&db).await?;
        let data: PathBuf = std::env::temp_dir().join(format!(
            "dinh-logo-{}-{}",
            std::process::id(),
            dinh_platform::db::ids::next_id()
        ));
        for (login, unit) in [("qtxa@x.vn", "C1"), ("qtkhac@x.vn", "C2")] {
            store::create_account(&db, login, login, PASSWORD, "test").await?;
            store::grant(&db, login, Role::SystemAdmin, Some(unit), "test").await?;
        }
        let c1 = dinh_platform::units::store::by_code(&db, "C1")
            .await?
            .unwrap();
        let runs = UnitContact {
            body_name: "UBND phường Cầu Giấy".into(),
            runs_site: true,
            ..UnitContact::default()
        };
        contact::save(&db, &c1, &runs, "test").await?;
        let admin = sign_in(&db, "qtxa@x.vn", PASSWORD).await.cookie.unwrap();
        let page = send(&db, "GET", "/units/C1/contact", Some(&admin), None).await;
        assert!(
            page.body.contains("action=\"/units/C1/logo\""),
            "{}",
            page.body
        );
        let csrf = csrf_of(&page.body);

        // A PDF named .png, a text file, and a missing file are refused; nothing is kept.
        let pdf = b"%PDF-1.4\n%fake\n";
        let (status, body) = post_file(
            &db,
            &data,
            "/units/C1/logo",
            &admin,
            &[("csrf", &csrf)],
            Some(("logo.png", pdf)),
        )
        .await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
        assert!(
            body.contains("logo") && body.contains("PNG, JPEG hoặc WebP"),
            "{body}"
        );
        let (status, body) = post_file(
            &db,
            &data,
            "/units/C1/logo",
            &admin,
            &[("csrf", &csrf)],
            Some(("logo.png", b"not a picture")),
        )
        .await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
        let (status, body) = post_file(
            &db,
            &data,
            "/units/C1/logo",
            &admin,
            &[("csrf", &csrf)],
            None,
        )
        .await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
        assert!(body.contains("Chưa chọn tệp ảnh biểu trưng"), "{body}");
        // Too large.
        let mut big = PNG.to_vec();
        big.resize(600 * 1024, 0);
        let (status, _) = post_file(
            &db,
            &data,
            "/units/C1/logo",
            &admin,
            &[("csrf", &csrf)],
            Some(("big.png", &big)),
        )
        .await;
        assert!(status.is_client_error(), "{status}");
        // Without the token; by another unit's administrator.
        let (status, _) = post_file(
            &db,
            &data,
            "/units/C1/logo",
            &admin,
            &[],
            Some(("logo.png", PNG)),
        )
        .await;
        assert_eq!(status, StatusCode::FORBIDDEN);
        let other = sign_in(&db, "qtkhac@x.vn", PASSWORD).await.cookie.unwrap();
        let other_csrf = csrf_of(
            &send(&db, "GET", "/units/C2/contact", Some(&other), None)
                .await
                .body,
        );
        let (status, _) = post_file(
            &db,
            &data,
            "/units/C1/logo",
            &other,
            &[("csrf", &other_csrf)],
            Some(("logo.png", PNG)),
        )
        .await;
        assert_eq!(status, StatusCode::FORBIDDEN);
        let kept: i64 = db.scalar(&query("SELECT COUNT(*) FROM unit_logos")).await?;
        assert_eq!(
            (kept, files_in(&data)),
            (0, 0),
            "nothing kept after refusals"
        );

        // A real picture: saved, audited, served, and in every page's header.
        let (status, body) = post_file(
            &db,
            &data,
            "/units/C1/logo",
            &admin,
            &[("csrf", &csrf)],
            Some(("logo.png", PNG)),
        )
        .await;
        assert_eq!(status, StatusCode::SEE_OTHER, "{body}");
        assert_eq!(files_in(&data), 1);
        let audited: i64 = db
            .scalar(&query(
                "SELECT COUNT(*) FROM audit_log WHERE action = 'units.logo'",
            ))
            .await?;
        assert_eq!(audited, 1);
        let home = send(&db, "GET", "/", None, None).await.body;
        let src = home
            .split("<img class=\"logo\" src=\"")
            .nth(1)
            .and_then(|s| s.split('"').next())
            .unwrap_or_else(|| panic!("no emblem in the header: {home}"))
            .replace("&#x3f;", "?")
            .replace("&#x3d;", "=");
        assert!(src.starts_with("/units/C1/logo?v="), "{src}");
        let (status, kind, bytes) = fetch(&db, &data, &src).await;
        assert_eq!(
            (status, kind.as_deref()),
            (StatusCode::OK, Some("image/png"))
        );
        assert_eq!(bytes, PNG);

        // Removed: the header has no picture, the address answers 404.
        let (status, _) = post_file(
            &db,
            &data,
            "/units/C1/logo",
            &admin,
            &[("csrf", &csrf), ("remove", "1")],
            None,
        )
        .await;
        assert_eq!(status, StatusCode::SEE_OTHER);
        assert!(
            !send(&db, "GET", "/", None, None)
                .await
                .body
                .contains("class=\"logo\"")
        );
        assert_eq!(
            fetch(&db, &data, "/units/C1/logo").await.0,
            StatusCode::NOT_FOUND
        );
        let _ = std::fs::remove_dir_all(&data);
        Ok(())
    })
    .await;
}
