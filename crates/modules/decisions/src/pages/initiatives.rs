//! Citizen initiatives on the pages (sáng kiến, Luật 10/2022 Điều 16): a thôn's initiatives with
//! their support against all households, and for officers the forms for support given in
//! writing and for the Front work team's approval of an initiative below the pack's share.

use askama::Template;
use axum::Extension;
use axum::extract::{Path, State};
use axum::response::{IntoResponse, Redirect, Response};
use dinh_platform::accounts::authorize;
use dinh_platform::time::{show_date, today_vn};
use dinh_platform::web::{AppError, AppState, Chrome, Ctx, Form, render};
use serde::Deserialize;

use crate::initiatives::Initiative;
use crate::{DecisionsModule, permissions};

/// An initiative as shown.
struct Row {
    id: i64,
    title: String,
    matter: i64,
    status: String,
    supporters: i64,
    opened_on: String,
    expires_on: String,
    front_approved_on: String,
}

impl Row {
    fn of(i: Initiative) -> Self {
        Self {
            id: i.id,
            matter: i.matter,
            status: i.status,
            supporters: i.supporters,
            opened_on: show_date(&i.opened_on),
            expires_on: show_date(&i.expires_on),
            front_approved_on: i
                .front_approved_on
                .as_deref()
                .map(show_date)
                .unwrap_or_default(),
            title: i.title,
        }
    }
}

#[derive(Template)]
#[template(path = "decisions/initiatives.html")]
struct ListPage {
    c: Chrome,
    code: String,
    households: i64,
    share: String,
    rows: Vec<Row>,
    notice: Option<String>,
    can_run: bool,
    can_approve: bool,
}

/// `?done=…`.
#[derive(Deserialize)]
pub(crate) struct Done {
    done: Option<String>,
}

/// `GET /units/{code}/initiatives`: the thôn's initiatives (public), with the officers' forms.
pub(crate) async fn list(
    Extension(m): Extension<DecisionsModule>,
    State(s): State<AppState>,
    ctx: Ctx,
    Path(code): Path<String>,
    axum::extract::Query(q): axum::extract::Query<Done>,
) -> Result<Response, AppError> {
    let tr = ctx.tr;
    let unit = dinh_platform::units::store::by_code(&s.db, &code)
        .await?
        .ok_or_else(AppError::not_found)?;
    let rows = crate::initiatives::list(&s.db, unit.id)
        .await
        .map_err(|e| e.into_app(tr))?;
    let today = today_vn();
    let pack = m
        .rules()
        .in_force_on(today)
        .map_err(|e| crate::Error::from(e).into_app(tr))?;
    let share = &pack.decisions.citizen_initiative;
    let who = ctx.principal.as_ref();
    let page = ListPage {
        c: ctx.chrome(format!("{} · {}", tr.t("decisions_initiatives"), unit.name)),
        households: dinh_platform::households::count_at(&s.db, unit.id, today).await?,
        share: crate::initiatives::share_text(share),
        rows: rows.into_iter().map(Row::of).collect(),
        notice: q.done.is_some().then(|| tr.t("decisions_saved").to_owned()),
        can_run: authorize(who, &permissions::RUN, Some(&unit)).is_ok(),
        can_approve: authorize(who, &permissions::FRONT_APPROVE, Some(&unit)).is_ok(),
        code: unit.code,
    };
    Ok(render(&page)?.into_response())
}

async fn back(s: &AppState, ctx: &Ctx, id: i64) -> Result<Response, AppError> {
    let i = crate::initiatives::get(&s.db, id)
        .await
        .map_err(|e| e.into_app(ctx.tr))?;
    let unit = dinh_platform::units::store::by_id(&s.db, i.unit_id)
        .await?
        .ok_or_else(AppError::not_found)?;
    Ok(Redirect::to(&format!("/units/{}/initiatives?done=1", unit.code)).into_response())
}

/// Support given in writing or at a meeting.
#[derive(Deserialize)]
pub(crate) struct SupportForm {
    #[serde(default)]
    household: String,
}

/// `POST /initiatives/{id}/support`: an officer enters a household's written support.
pub(crate) async fn support(
    Extension(m): Extension<DecisionsModule>,
    State(s): State<AppState>,
    ctx: Ctx,
    Path(id): Path<i64>,
    Form(f): Form<SupportForm>,
) -> Result<Response, AppError> {
    crate::initiatives::support_written(
        &m,
        &s.db,
        ctx.principal.as_ref(),
        id,
        &f.household,
        today_vn(),
    )
    .await
    .map_err(|e| e.into_app(ctx.tr))?;
    back(&s, &ctx, id).await
}

/// No field but the token.
#[derive(Deserialize)]
pub(crate) struct Empty {}

/// `POST /initiatives/{id}/front-approval`: the Front work team approves an initiative below
/// the pack's share.
pub(crate) async fn approve(
    Extension(m): Extension<DecisionsModule>,
    State(s): State<AppState>,
    ctx: Ctx,
    Path(id): Path<i64>,
    Form(_): Form<Empty>,
) -> Result<Response, AppError> {
    crate::initiatives::approve_by_front(&m, &s.db, ctx.principal.as_ref(), id, today_vn())
        .await
        .map_err(|e| e.into_app(ctx.tr))?;
    back(&s, &ctx, id).await
}
