//! What the page benchmarks share: a signed-in GET through the router without sockets, its
//! time and size; medians and percentiles; the process's peak memory.
#![allow(dead_code)]

use std::time::Instant;

use axum::body::Body;
use axum::http::{Request, StatusCode, header};
use dinh_platform::accounts::session;
use dinh_platform::db::Db;
use http_body_util::BodyExt;
use tower::ServiceExt;

/// A session cookie for account `id`.
pub async fn cookie(db: &Db, id: i64) -> String {
    let (token, _) = session::create(db, Some(id), 1).await.unwrap();
    format!("{}={token}", session::COOKIE)
}

/// GETs `uri` with `cookie`, checks the 200, and returns the milliseconds and the body's size.
pub async fn get(app: &axum::Router, uri: &str, cookie: &str) -> (f64, usize) {
    let req = Request::get(uri)
        .header(header::COOKIE, cookie)
        .body(Body::empty())
        .unwrap();
    let start = Instant::now();
    let res = app.clone().oneshot(req).await.unwrap();
    assert_eq!(res.status(), StatusCode::OK, "{uri}");
    let body = res.into_body().collect().await.unwrap().to_bytes();
    (start.elapsed().as_secs_f64() * 1000.0, body.len())
}

/// The median.
pub fn median(mut v: Vec<f64>) -> f64 {
    v.sort_by(f64::total_cmp);
    v[v.len() / 2]
}

/// The `p` quantile (0.99 for p99) of times already sorted.
pub fn quantile(sorted: &[f64], p: f64) -> f64 {
    sorted[((sorted.len() as f64 - 1.0) * p).round() as usize]
}

/// The process's peak resident memory so far (VmHWM), in MiB.
pub fn peak_mb() -> f64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("VmHWM:"))
                .and_then(|l| l.split_whitespace().nth(1))
                .and_then(|kb| kb.parse::<f64>().ok())
        })
        .unwrap_or(0.0)
        / 1024.0
}
