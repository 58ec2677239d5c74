//! A finished meeting published as a news item on the unit's public page.

use askama::Template;
use axum::extract::{Path, State};
use axum::response::{Html, Response};
use dinh_platform::units::Unit;
use dinh_platform::web::{AppError, AppState, Chrome, Ctx, Form, render};
use serde::Deserialize;

use super::actor;
use crate::committees;
use crate::meetings::{self, Meeting};

#[derive(Template)]
#[template(path = "steering/news.html")]
struct NewsPage {
    c: Chrome,
    unit: Unit,
    m: Meeting,
    conclusions: Vec<(String, Option<i64>)>,
    posted: String,
}

impl NewsPage {
    fn kind(&self) -> &'static str {
        meetings::kind_vi(&self.m.kind)
    }
}

/// `GET /steering/meetings/{id}`: public once published; each reading is counted.
pub(crate) async fn news(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<i64>,
) -> Result<Html<String>, AppError> {
    let m = meetings::read_news(&state.db, id)
        .await?
        .ok_or_else(AppError::not_found)?;
    let (_, unit) = committees::with_unit(&state.db, m.committee_id).await?;
    let conclusions = meetings::conclusions(&state.db, id).await?;
    let posted = m
        .published_at
        .as_deref()
        .and_then(dinh_platform::time::in_vietnam)
        .map(|t| t.format("%d/%m/%Y | %H:%M").to_string())
        .unwrap_or_default();
    render(&NewsPage {
        c: ctx.chrome(m.title.clone()),
        unit,
        m,
        conclusions,
        posted,
    })
}

/// Empty form (the token only).
#[derive(Deserialize)]
pub(crate) struct Empty {}

/// `POST /steering/meetings/{id}/publish`.
pub(crate) async fn publish(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<i64>,
    Form(_): Form<Empty>,
) -> Result<Response, AppError> {
    meetings::publish(&state.db, actor(&ctx)?, id).await?;
    ctx.redirect_with_flash(
        &state.db,
        &format!("/steering/meetings/{id}"),
        ctx.tr.t("steering_flash_published"),
    )
    .await
}
