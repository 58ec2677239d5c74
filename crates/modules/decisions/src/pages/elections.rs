//! Village-head elections on the officers' pages (bầu trưởng thôn, Nghị định 59/2023 Điều
//! 6-9): the commune's plan with the team, notice and candidate-list days (each checked
//! against the pack), nominations at the meeting, and the re-vote when nobody won.

use askama::Template;
use axum::Extension;
use axum::extract::{Path, State};
use axum::response::{IntoResponse, Redirect, Response};
use dinh_platform::accounts::authorize;
use dinh_platform::time::today_vn;
use dinh_platform::web::{AppError, AppState, Chrome, Ctx, Form, render};
use serde::Deserialize;

use super::lines;
use crate::{DecisionsModule, ElectionInput, permissions};

#[derive(Template)]
#[template(path = "decisions/election_new.html")]
struct NewPage {
    c: Chrome,
    code: String,
    unit_name: String,
}

/// `GET /units/{code}/elections/new`: the election plan form (those who may propose there).
pub(crate) async fn form(
    State(s): State<AppState>,
    ctx: Ctx,
    Path(code): Path<String>,
) -> Result<Response, AppError> {
    let unit = dinh_platform::units::store::by_code(&s.db, &code)
        .await?
        .ok_or_else(AppError::not_found)?;
    authorize(ctx.principal.as_ref(), &permissions::PROPOSE, Some(&unit))?;
    let page = NewPage {
        c: ctx.chrome(format!(
            "{} · {}",
            ctx.tr.t("decisions_election_new"),
            unit.name
        )),
        code: unit.code,
        unit_name: unit.name,
    };
    Ok(render(&page)?.into_response())
}

/// The election plan as typed.
#[derive(Deserialize)]
pub(crate) struct ElectionForm {
    #[serde(default)]
    election_on: String,
    #[serde(default)]
    plan_on: String,
    #[serde(default)]
    team_on: String,
    #[serde(default)]
    notice_on: String,
    #[serde(default)]
    candidates_on: String,
    #[serde(default)]
    candidates: String,
    #[serde(default)]
    dismissal_on: String,
}

/// `POST /units/{code}/elections`: organises the election and opens its secret vote.
pub(crate) async fn create(
    Extension(m): Extension<DecisionsModule>,
    State(s): State<AppState>,
    ctx: Ctx,
    Path(code): Path<String>,
    Form(f): Form<ElectionForm>,
) -> Result<Response, AppError> {
    let input = ElectionInput {
        unit_code: code,
        election_on: f.election_on,
        plan_on: f.plan_on,
        team_on: f.team_on,
        notice_on: f.notice_on,
        candidates_on: f.candidates_on,
        candidates: lines(&f.candidates),
        dismissal_on: f.dismissal_on,
    };
    let matter = crate::elections::create(&m, &s.db, ctx.principal.as_ref(), &input, today_vn())
        .await
        .map_err(|e| e.into_app(ctx.tr))?;
    Ok(Redirect::to(&format!("/matters/{}/work?done=election", matter.id)).into_response())
}

/// A candidate nominated at the meeting.
#[derive(Deserialize)]
pub(crate) struct NominateForm {
    #[serde(default)]
    name: String,
}

/// `POST /matters/{id}/work/candidates`.
pub(crate) async fn nominate(
    State(s): State<AppState>,
    ctx: Ctx,
    Path(id): Path<i64>,
    Form(f): Form<NominateForm>,
) -> Result<Response, AppError> {
    crate::elections::nominate(&s.db, ctx.principal.as_ref(), id, &f.name)
        .await
        .map_err(|e| e.into_app(ctx.tr))?;
    Ok(Redirect::to(&format!("/matters/{id}/work?done=candidate")).into_response())
}

/// The day of the re-vote.
#[derive(Deserialize)]
pub(crate) struct RevoteForm {
    #[serde(default)]
    election_on: String,
}

/// `POST /matters/{id}/work/revote`: the commune decides a re-vote (bầu lại).
pub(crate) async fn revote(
    Extension(m): Extension<DecisionsModule>,
    State(s): State<AppState>,
    ctx: Ctx,
    Path(id): Path<i64>,
    Form(f): Form<RevoteForm>,
) -> Result<Response, AppError> {
    let matter = crate::elections::revote(
        &m,
        &s.db,
        ctx.principal.as_ref(),
        id,
        &f.election_on,
        today_vn(),
    )
    .await
    .map_err(|e| e.into_app(ctx.tr))?;
    Ok(Redirect::to(&format!("/matters/{}/work?done=revote", matter.id)).into_response())
}
