//! `/units/{code}/danh-gia`: the public form where a citizen rates a service of the unit
//! (Bộ phận một cửa, tiếp công dân, công khai thông tin, họp thôn), and the section of the
//! unit's home page that leads to it with the figures of the last twelve months.

use super::{COMMENT_MAX, Rating, SERVICES, figures, record, subject};
use crate::db::Db;
use crate::module::{SectionLink, UnitSection};
use crate::units::{Unit, store};
use crate::web::Client;
use crate::web::i18n::Tr;
use crate::web::{AppError, AppState, Chrome, Ctx, Form, render, urlencode};
use crate::write::WriteError;
use askama::Template;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use serde::Deserialize;

/// Where the section stands on the unit's home page (after the others, before the calendar).
pub const SECTION_ORDER: u16 = 80;

/// The address of `code`'s rating form.
pub fn path(code: &str) -> String {
    format!("/units/{}/danh-gia", urlencode(code))
}

#[derive(Template)]
#[template(path = "units/satisfaction.html")]
struct RatePage {
    c: Chrome,
    unit: Unit,
    services: Vec<(&'static str, String)>,
    chosen: String,
    score: String,
    comment: String,
    comment_max: usize,
    error: Option<String>,
    summary: Option<String>,
}

/// What the form sends.
#[derive(Deserialize, Default)]
pub struct RateFields {
    #[serde(default)]
    service: String,
    #[serde(default)]
    score: String,
    #[serde(default)]
    comment: String,
}

/// "12 lượt đánh giá · 83,3% hài lòng" over the last twelve months, or None.
async fn summary(db: &Db, unit: &Unit, tr: Tr) -> anyhow::Result<Option<String>> {
    let to = crate::time::today_vn();
    let from = to - chrono::Duration::days(365);
    let (n, satisfied, _) = figures(db, unit.id, from, to).await?;
    Ok((n > 0).then(|| {
        format!(
            "{} {} · {} {}",
            tr.number(n),
            tr.t("sat_ratings"),
            tr.percent(100.0 * satisfied as f64 / n as f64),
            tr.t("sat_satisfied")
        )
    }))
}

async fn page(
    state: &AppState,
    ctx: &Ctx,
    unit: Unit,
    f: RateFields,
    error: Option<String>,
) -> Result<axum::response::Html<String>, AppError> {
    let summary = summary(&state.db, &unit, ctx.tr).await?;
    let page = RatePage {
        c: ctx.chrome(format!("{} — {}", ctx.tr.t("sat_title"), unit.name)),
        services: SERVICES
            .iter()
            .map(|(k, label)| (*k, ctx.tr.t(label).to_owned()))
            .collect(),
        unit,
        chosen: f.service,
        score: f.score,
        comment: f.comment,
        comment_max: COMMENT_MAX,
        error,
        summary,
    };
    render(&page)
}

async fn unit(state: &AppState, code: &str) -> Result<Unit, AppError> {
    store::by_code(&state.db, code)
        .await?
        .ok_or_else(AppError::not_found)
}

/// `GET /units/{code}/danh-gia`.
pub async fn form(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(code): Path<String>,
) -> Result<Response, AppError> {
    let unit = unit(&state, &code).await?;
    Ok(page(&state, &ctx, unit, RateFields::default(), None)
        .await?
        .into_response())
}

/// `POST /units/{code}/danh-gia`: records the rating, or shows the form again with what was
/// written and what to correct.
pub async fn rate(
    State(state): State<AppState>,
    ctx: Ctx,
    Client(client): Client,
    Path(code): Path<String>,
    Form(f): Form<RateFields>,
) -> Result<Response, AppError> {
    let unit = unit(&state, &code).await?;
    let result = record(
        &state.db,
        Rating {
            unit_id: unit.id,
            subject: subject::SERVICE,
            reference: f.service.trim(),
            score: &f.score,
            comment: &f.comment,
            client: &client,
        },
    )
    .await;
    match result {
        Ok(_) => {
            ctx.redirect_with_flash(&state.db, &path(&unit.code), ctx.tr.t("sat_thanks"))
                .await
        }
        Err(WriteError::Invalid { message, .. }) => {
            let html = page(&state, &ctx, unit, f, Some(message)).await?;
            Ok((StatusCode::UNPROCESSABLE_ENTITY, html).into_response())
        }
        Err(e) => Err(e.into()),
    }
}

/// The section of the unit's home page: the figures and the form.
pub async fn section(db: &Db, unit: &Unit, tr: Tr) -> anyhow::Result<UnitSection> {
    Ok(UnitSection {
        order: SECTION_ORDER,
        title_key: "sat_title",
        summary: summary(db, unit, tr).await?,
        items: Vec::new(),
        links: vec![SectionLink::new("sat_rate_service", path(&unit.code))],
    })
}
