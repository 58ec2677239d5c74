//! The limit on public submissions (chống gửi đơn hàng loạt): the public form and
//! `POST /api/v1/petitions` accept at most `Config::public_submit_per_hour` petitions from one
//! client in a clock hour. The client is named as for the tracking-code lookups
//! ([`dinh_platform::web::Client`]); the counts live beside the lookup failures
//! (`petition_lookup_failures`, bucket `submit:<client>`).

use axum::Json;
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use chrono::{Timelike, Utc};
use dinh_platform::db::{Db, query};
use dinh_platform::web::Ctx;

fn window() -> String {
    Utc::now().format("%Y-%m-%dT%H:00").to_string()
}

fn bucket(client: &str) -> String {
    format!("submit:{client}")
}

/// Seconds until the current hour ends (for `Retry-After`).
pub fn retry_after() -> u32 {
    let now = Utc::now();
    3600 - (now.minute() * 60 + now.second()).min(3599)
}

/// Whether `client` has used up its submissions for this hour.
pub async fn exhausted(db: &Db, client: &str, per_hour: i64) -> anyhow::Result<bool> {
    let n: Option<i64> = db
        .scalar_optional(
            &query("SELECT failures FROM petition_lookup_failures WHERE bucket = $1 AND window_start = $2")
                .bind(bucket(client))
                .bind(window()),
        )
        .await?;
    Ok(n.unwrap_or(0) >= per_hour)
}

/// Counts an accepted submission against `client`.
pub async fn count(db: &Db, client: &str) -> anyhow::Result<()> {
    db.execute(
        &query(
            "INSERT INTO petition_lookup_failures (bucket, window_start, failures) VALUES ($1, $2, CAST(1 AS BIGINT))
             ON CONFLICT (bucket, window_start) DO UPDATE SET failures = petition_lookup_failures.failures + 1",
        )
        .bind(bucket(client))
        .bind(window()),
    )
    .await?;
    Ok(())
}

/// The refusal, in the visitor's language with both languages in the detail.
pub fn message(ctx: &Ctx, per_hour: i64) -> String {
    format!(
        "{} ({per_hour}/giờ · {per_hour}/hour)",
        ctx.tr.t("pet_submit_limited")
    )
}

/// The 429 answer of the API, shaped like the platform's errors, with `Retry-After`.
pub fn api_refusal(ctx: &Ctx, per_hour: i64) -> Response {
    let body = serde_json::json!({"error": {
        "status": 429,
        "message": message(ctx, per_hour),
        "detail": format!("Quá nhiều đơn từ một nơi gửi: tối đa {per_hour} đơn mỗi giờ, hãy thử lại sau. Too many petitions from one sender: at most {per_hour} an hour, try again later."),
    }});
    (
        StatusCode::TOO_MANY_REQUESTS,
        [(header::RETRY_AFTER, retry_after().to_string())],
        Json(body),
    )
        .into_response()
}
