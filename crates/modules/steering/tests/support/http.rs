//! Calling the router as a browser or API client would, signed in or not.

use axum::body::Body;
use axum::http::{Request, StatusCode, header};
use dinh_platform::config::Config;
use dinh_platform::web::{AppState, router};
use http_body_util::BodyExt;
use tower::ServiceExt;

use super::registry;

pub async fn call(
    db: &dinh_platform::db::Db,
    method: &str,
    uri: &str,
    session: Option<&(String, String)>,
    body: Option<(&str, String)>,
) -> (StatusCode, Vec<u8>, String) {
    let app = router(AppState::new(db.clone(), Config::default(), registry()));
    let mut req = Request::builder().method(method).uri(uri);
    if let Some((token, csrf)) = session {
        req = req
            .header(header::COOKIE, format!("dinh_session={token}"))
            .header("x-csrf-token", csrf.as_str());
    }
    let req = match body {
        Some((ct, b)) => req
            .header(header::CONTENT_TYPE, ct)
            .body(Body::from(b))
            .unwrap(),
        None => req.body(Body::empty()).unwrap(),
    };
    let res = Box::pin(app.oneshot(req)).await.unwrap();
    let status = res.status();
    let ct = res
        .headers()
        .get(header::CONTENT_TYPE)
        .map(|v| v.to_str().unwrap().to_owned())
        .unwrap_or_default();
    (
        status,
        res.into_body().collect().await.unwrap().to_bytes().to_vec(),
        ct,
    )
}

pub async fn login(
    db: &dinh_platform::db::Db,
    p: &dinh_platform::accounts::Principal,
) -> (String, String) {
    let (token, s) = dinh_platform::accounts::session::create(db, Some(p.account_id), 1)
        .await
        .unwrap();
    (token, s.csrf_token)
}

/// A form body (`application/x-www-form-urlencoded`) with the session's token.
pub fn form(csrf: &str, fields: &[(&str, &str)]) -> (&'static str, String) {
    let mut pairs: Vec<(&str, &str)> = vec![("csrf", csrf)];
    pairs.extend_from_slice(fields);
    let body = pairs
        .iter()
        .map(|(k, v)| format!("{}={}", enc(k), enc(v)))
        .collect::<Vec<_>>()
        .join("&");
    ("application/x-www-form-urlencoded", body)
}

fn enc(s: &str) -> String {
    s.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => {
                (b as char).to_string()
            }
            b' ' => "+".to_owned(),
            _ => format!("%{b:02X}"),
        })
        .collect()
}
