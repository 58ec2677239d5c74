//! Public pages of household decisions: what is being decided in a thôn, a matter with its result and
//! explanation, the online vote form, and closing. Server-rendered, no JavaScript; forms POST
//! with the CSRF token.

use askama::Template;
use axum::Extension;
use axum::extract::{Path, Query, State};
use axum::response::{IntoResponse, Redirect, Response};
use dinh_platform::time::{show_date, today_vn};
use dinh_platform::web::{AppError, AppState, Chrome, Ctx, Form, render};
use serde::Deserialize;

use crate::tally::Tally;
use crate::{DecisionsModule, Matter, close, matters, permissions};
use dinh_platform::accounts::authorize;

#[derive(Template)]
#[template(path = "decisions/list.html")]
struct ListPage {
    c: Chrome,
    code: String,
    rows: Vec<Row>,
    /// Signed in with the register in scope: work links and raised clocks shown.
    officer: bool,
    can_propose: bool,
    overdue: Vec<String>,
    overdue_ids: Vec<i64>,
    /// For a commune: its thôn and tổ dân phố in force (code, name), each with its own list.
    villages: Vec<(String, String)>,
}

/// Most thôn a commune's list links to (a commune has a few dozen).
const VILLAGES_LISTED: i64 = 500;

/// A matter as one line of the list.
struct Row {
    id: i64,
    title: String,
    matter: i64,
    opened_on: String,
    open: bool,
    passed: Option<bool>,
}

/// `/units/{code}/matters`: matters of the unit's subtree (public: results are published).
pub(crate) async fn list(
    State(s): State<AppState>,
    ctx: Ctx,
    Path(code): Path<String>,
) -> Result<Response, AppError> {
    let unit = dinh_platform::units::store::by_code(&s.db, &code)
        .await?
        .ok_or_else(AppError::not_found)?;
    let list = matters::list(&s.db, &unit, 100, 0)
        .await
        .map_err(|e| e.into_app(ctx.tr))?;
    let who = ctx.principal.as_ref();
    let officer = authorize(who, &permissions::VIEW_REGISTER, Some(&unit)).is_ok();
    let raised = if officer {
        crate::clocks::raised_in(&s.db, unit.id)
            .await
            .map_err(|e| e.into_app(ctx.tr))?
    } else {
        Vec::new()
    };
    let villages = if unit
        .unit_kind()
        .is_some_and(dinh_platform::units::UnitKind::is_commune_level)
    {
        dinh_platform::units::store::children(&s.db, Some(unit.id), VILLAGES_LISTED, 0)
            .await?
            .into_iter()
            .filter(|u| {
                u.valid_to.is_none()
                    && u.unit_kind()
                        .is_some_and(dinh_platform::units::UnitKind::is_residential_community)
            })
            .map(|u| (u.code, u.name))
            .collect()
    } else {
        Vec::new()
    };
    let page = ListPage {
        villages,
        c: ctx.chrome(format!("{} · {}", ctx.tr.t("decisions_title"), unit.name)),
        code: unit.code.clone(),
        officer,
        can_propose: authorize(who, &permissions::PROPOSE, Some(&unit)).is_ok(),
        overdue_ids: raised.iter().map(|r| r.matter_id).collect(),
        overdue: raised
            .iter()
            .map(|r| {
                let what = if r.kind == "send" {
                    ctx.tr.pick(
                        "Chưa gửi văn bản ghi nhận kết quả",
                        "Decision document not sent",
                    )
                } else {
                    ctx.tr.pick(
                        "Chưa công nhận hoặc từ chối công nhận",
                        "Not recognised or refused",
                    )
                };
                format!(
                    "{what} — {} {} ({})",
                    ctx.tr.pick("hạn", "due"),
                    show_date(&r.due_on),
                    r.title
                )
            })
            .collect(),
        rows: list
            .into_iter()
            .map(|m| Row {
                id: m.id,
                open: m.is_open(),
                passed: m.passed,
                title: m.title,
                matter: m.matter,
                opened_on: show_date(&m.opened_on),
            })
            .collect(),
    };
    Ok(render(&page)?.into_response())
}

#[derive(Template)]
#[template(path = "decisions/matter.html")]
struct MatterPage {
    c: Chrome,
    m: Matter,
    matter_name: String,
    opened_on: String,
    closed_on: String,
    result: Option<Tally>,
    explanation: String,
    can_vote_online: bool,
    /// The signed-in representative's household has voted on this open matter.
    household_voted: bool,
    notice: Option<String>,
    /// The decision document has been drawn up (its DOCX and PDF are public).
    has_document: bool,
    /// The rule pack the matter was opened under, by its title.
    pack: dinh_platform::web::PackRef,
}

/// `?done=voted|closed`.
#[derive(Deserialize)]
pub(crate) struct Done {
    done: Option<String>,
}

/// `/matters/{id}`: the matter, and its result with the explanation once closed.
pub(crate) async fn detail(
    Extension(m): Extension<DecisionsModule>,
    State(s): State<AppState>,
    ctx: Ctx,
    Path(id): Path<i64>,
    Query(q): Query<Done>,
) -> Result<Response, AppError> {
    let matter = matters::get(&s.db, id)
        .await
        .map_err(|e| e.into_app(ctx.tr))?;
    let pack = m
        .pack(&matter.rule_pack_id)
        .map_err(|e| e.into_app(ctx.tr))?;
    let matter_name = matter
        .article15()
        .ok()
        .and_then(|a| pack.decisions.matter(a))
        .map(|r| ctx.tr.pick(&r.name_vi, &r.name_en).to_owned())
        .unwrap_or_default();
    let result = if matter.is_open() {
        None
    } else {
        Some(
            close::tally(&m, &s.db, &matter, today_vn())
                .await
                .map_err(|e| e.into_app(ctx.tr))?,
        )
    };
    let explanation = result
        .as_ref()
        .map(|r| ctx.tr.pick(&r.explanation_vi, &r.explanation_en).to_owned())
        .unwrap_or_default();
    let notice = match q.done.as_deref() {
        Some("voted") => Some(ctx.tr.t("decisions_vote_recorded").to_owned()),
        Some("closed") => Some(ctx.tr.t("decisions_closed_notice").to_owned()),
        _ => None,
    };
    let has_document = match crate::document::get(&s.db, matter.id).await {
        Ok(_) => true,
        Err(crate::Error::NotFound(_)) => false,
        Err(e) => return Err(e.into_app(ctx.tr)),
    };
    // A representative whose household has voted (by any channel) is told so, not asked again.
    let household_voted = match &ctx.principal {
        Some(p) if matter.is_open() && matter.online_allowed => {
            match crate::households::of_account(&mut s.db.clone(), p.account_id).await {
                Ok(rep) => {
                    let votes: i64 =
                        s.db.scalar(
                            &dinh_platform::db::query(
                                "SELECT COUNT(*) FROM decision_votes
                                 WHERE matter_id = $1 AND household_id = $2",
                            )
                            .bind(matter.id)
                            .bind(rep.id),
                        )
                        .await
                        .map_err(anyhow::Error::from)?;
                    votes > 0
                }
                Err(crate::Error::Refused(_)) => false,
                Err(e) => return Err(e.into_app(ctx.tr)),
            }
        }
        _ => false,
    };
    let page = MatterPage {
        pack: dinh_platform::web::PackRef::of(pack, ctx.tr),
        has_document,
        c: ctx.chrome(matter.title.clone()),
        household_voted,
        can_vote_online: matter.is_open()
            && matter.online_allowed
            && ctx.principal.is_some()
            && !household_voted,
        opened_on: show_date(&matter.opened_on),
        closed_on: matter
            .closed_on
            .as_deref()
            .map(show_date)
            .unwrap_or_default(),
        matter_name,
        m: matter,
        result,
        explanation,
        notice,
    };
    Ok(render(&page)?.into_response())
}

/// The online vote form.
#[derive(Deserialize)]
pub(crate) struct VoteForm {
    choice: String,
    #[serde(default)]
    opinion: String,
}

/// `POST /matters/{id}/vote`: the representative's online vote; committed before the redirect.
pub(crate) async fn vote(
    Extension(m): Extension<DecisionsModule>,
    State(s): State<AppState>,
    ctx: Ctx,
    Path(id): Path<i64>,
    Form(form): Form<VoteForm>,
) -> Result<Response, AppError> {
    crate::online::vote(
        &m,
        &s.db,
        ctx.principal.as_ref(),
        id,
        &form.choice,
        &form.opinion,
        today_vn(),
    )
    .await
    .map_err(|e| e.into_app(ctx.tr))?;
    Ok(Redirect::to(&format!("/matters/{id}?done=voted")).into_response())
}

/// Closing form (no fields but the token).
#[derive(Deserialize)]
pub(crate) struct Empty {}

/// `POST /matters/{id}/close`: closes the vote today.
pub(crate) async fn close_vote(
    Extension(m): Extension<DecisionsModule>,
    State(s): State<AppState>,
    ctx: Ctx,
    Path(id): Path<i64>,
    Form(_): Form<Empty>,
) -> Result<Response, AppError> {
    close::close(&m, &s.db, ctx.principal.as_ref(), id, today_vn())
        .await
        .map_err(|e| e.into_app(ctx.tr))?;
    Ok(Redirect::to(&format!("/matters/{id}?done=closed")).into_response())
}
