//! Hương ước on the officers' pages (Nghị định 61/2023): the thôn's list with the draft form
//! (drafting team, posting for comments), and each hương ước's page with the adoption vote, the
//! file to UBND xã, recognition or refusal, suspension and repeal, and the yearly review day.

use askama::Template;
use axum::Extension;
use axum::extract::{Path, State};
use axum::response::{IntoResponse, Redirect, Response};
use dinh_platform::accounts::authorize;
use dinh_platform::time::{show_date, today_vn};
use dinh_platform::web::{AppError, AppState, Chrome, Ctx, Form, render};
use serde::Deserialize;

use super::lines;
use crate::covenants::{Covenant, CovenantInput};
use crate::{DecisionsModule, permissions};

#[derive(Template)]
#[template(path = "decisions/covenants.html")]
struct ListPage {
    c: Chrome,
    code: String,
    rows: Vec<Row>,
    can_propose: bool,
}

/// A hương ước as one line of the list.
struct Row {
    id: i64,
    title: String,
    posted: String,
    status: String,
}

/// `GET /units/{code}/covenants`: the thôn's hương ước (public), with the draft form for those
/// who may propose.
pub(crate) async fn list(
    State(s): State<AppState>,
    ctx: Ctx,
    Path(code): Path<String>,
) -> Result<Response, AppError> {
    let unit = dinh_platform::units::store::by_code(&s.db, &code)
        .await?
        .ok_or_else(AppError::not_found)?;
    let rows = crate::covenants::list(&s.db, unit.id)
        .await
        .map_err(|e| e.into_app(ctx.tr))?;
    let page = ListPage {
        c: ctx.chrome(format!(
            "{} · {}",
            ctx.tr.t("decisions_covenants"),
            unit.name
        )),
        can_propose: authorize(ctx.principal.as_ref(), &permissions::PROPOSE, Some(&unit)).is_ok(),
        code: unit.code,
        rows: rows
            .into_iter()
            .map(|k| Row {
                posted: show_date(&k.draft_posted_on),
                id: k.id,
                title: k.title,
                status: covenant_status(ctx.tr, &k.status).to_owned(),
            })
            .collect(),
    };
    Ok(render(&page)?.into_response())
}

/// A draft as typed: the drafting team one member a line.
#[derive(Deserialize)]
pub(crate) struct DraftForm {
    #[serde(default)]
    title: String,
    #[serde(default)]
    drafting_team: String,
    #[serde(default)]
    draft_posted_on: String,
}

/// `POST /units/{code}/covenants`: records the draft and its posting.
pub(crate) async fn create(
    Extension(m): Extension<DecisionsModule>,
    State(s): State<AppState>,
    ctx: Ctx,
    Path(code): Path<String>,
    Form(f): Form<DraftForm>,
) -> Result<Response, AppError> {
    let input = CovenantInput {
        unit_code: code,
        title: f.title,
        drafting_team: lines(&f.drafting_team),
        draft_posted_on: f.draft_posted_on,
    };
    let c = crate::covenants::create(&m, &s.db, ctx.principal.as_ref(), &input, today_vn())
        .await
        .map_err(|e| e.into_app(ctx.tr))?;
    Ok(Redirect::to(&format!("/covenants/{}?done=draft", c.id)).into_response())
}

#[derive(Template)]
#[template(path = "decisions/covenant.html")]
struct CovenantPage {
    c: Chrome,
    k: Covenant,
    code: String,
    posted_on: String,
    filed_on: String,
    recognised_on: String,
    review_on: String,
    notice: Option<String>,
    can_propose: bool,
    can_recognise: bool,
    /// The rule pack the hương ước follows, by its title.
    pack: dinh_platform::web::PackRef,
}

impl CovenantPage {
    /// The hương ước's stage in words (the stored code stays out of citizens' sight).
    fn status_label(&self) -> &'static str {
        covenant_status(self.c.tr, &self.k.status)
    }
}

/// A hương ước's stage in the page's language.
fn covenant_status(tr: dinh_platform::web::i18n::Tr, status: &str) -> &'static str {
    tr.t(match status {
        "drafting" => "decisions_covenant_drafting",
        "voting" => "decisions_covenant_voting",
        "filed" => "decisions_covenant_filed",
        "recognised" => "decisions_covenant_recognised",
        "refused" => "decisions_covenant_refused",
        "suspended" => "decisions_covenant_suspended",
        "repealed" => "decisions_covenant_repealed",
        _ => "decisions_covenant_unknown",
    })
}

/// `?done=…`.
#[derive(Deserialize)]
pub(crate) struct Done {
    done: Option<String>,
}

/// `GET /covenants/{id}`: where the hương ước stands and what comes next.
pub(crate) async fn page(
    Extension(m): Extension<DecisionsModule>,
    State(s): State<AppState>,
    ctx: Ctx,
    Path(id): Path<i64>,
    axum::extract::Query(q): axum::extract::Query<Done>,
) -> Result<Response, AppError> {
    let tr = ctx.tr;
    let k = crate::covenants::get(&s.db, id)
        .await
        .map_err(|e| e.into_app(tr))?;
    let unit = dinh_platform::units::store::by_id(&s.db, k.unit_id)
        .await?
        .ok_or_else(AppError::not_found)?;
    let review = crate::covenants::next_review(&m, &k, today_vn()).map_err(|e| e.into_app(tr))?;
    let who = ctx.principal.as_ref();
    let pack =
        dinh_platform::web::PackRef::of(m.pack(&k.rule_pack_id).map_err(|e| e.into_app(tr))?, tr);
    let page = CovenantPage {
        pack,
        c: ctx.chrome(k.title.clone()),
        code: unit.code.clone(),
        posted_on: show_date(&k.draft_posted_on),
        filed_on: k.filed_on.as_deref().map(show_date).unwrap_or_default(),
        recognised_on: k
            .recognised_on
            .as_deref()
            .map(show_date)
            .unwrap_or_default(),
        review_on: review.map(crate::dates::dmy).unwrap_or_default(),
        notice: q.done.is_some().then(|| tr.t("decisions_saved").to_owned()),
        can_propose: authorize(who, &permissions::PROPOSE, Some(&unit)).is_ok(),
        can_recognise: authorize(who, &permissions::RECOGNISE, Some(&unit)).is_ok(),
        k,
    };
    Ok(render(&page)?.into_response())
}

/// Forms without fields but the token.
#[derive(Deserialize)]
pub(crate) struct Empty {}

/// `POST /covenants/{id}/vote`: opens the adoption vote once the draft was posted long enough.
pub(crate) async fn open_vote(
    Extension(m): Extension<DecisionsModule>,
    State(s): State<AppState>,
    ctx: Ctx,
    Path(id): Path<i64>,
    Form(_): Form<Empty>,
) -> Result<Response, AppError> {
    let matter = crate::covenants::open_vote(&m, &s.db, ctx.principal.as_ref(), id, today_vn())
        .await
        .map_err(|e| e.into_app(ctx.tr))?;
    Ok(Redirect::to(&format!("/matters/{}/work?done=vote", matter.id)).into_response())
}

/// The day the file reached UBND xã.
#[derive(Deserialize)]
pub(crate) struct FileForm {
    #[serde(default)]
    filed_on: String,
}

/// `POST /covenants/{id}/file`: the recognition file (hồ sơ đề nghị công nhận).
pub(crate) async fn file(
    Extension(m): Extension<DecisionsModule>,
    State(s): State<AppState>,
    ctx: Ctx,
    Path(id): Path<i64>,
    Form(f): Form<FileForm>,
) -> Result<Response, AppError> {
    crate::covenants::file(&m, &s.db, ctx.principal.as_ref(), id, &f.filed_on)
        .await
        .map_err(|e| e.into_app(ctx.tr))?;
    Ok(Redirect::to(&format!("/covenants/{id}?done=file")).into_response())
}

/// A decision of UBND xã: `recognise`, `refuse`, `suspend` or `repeal`, with its reasons.
#[derive(Deserialize)]
pub(crate) struct DecideForm {
    #[serde(default)]
    action: String,
    #[serde(default)]
    on: String,
    #[serde(default)]
    reason: String,
}

/// `POST /covenants/{id}/decision`.
pub(crate) async fn decide(
    State(s): State<AppState>,
    ctx: Ctx,
    Path(id): Path<i64>,
    Form(f): Form<DecideForm>,
) -> Result<Response, AppError> {
    crate::covenants::decide_typed(
        &s.db,
        ctx.principal.as_ref(),
        id,
        &f.action,
        &f.on,
        &f.reason,
        today_vn(),
    )
    .await
    .map_err(|e| e.into_app(ctx.tr))?;
    Ok(Redirect::to(&format!("/covenants/{id}?done=decision")).into_response())
}
