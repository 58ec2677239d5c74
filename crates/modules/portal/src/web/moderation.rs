//! The moderation queue (kiểm duyệt bình luận): comments waiting at a unit, with the e-mail
//! their senders gave (only here), publish or reject each; and whether the unit holds comments.

use askama::Template;
use axum::extract::{Path, State};
use axum::response::{IntoResponse, Response};
use dinh_platform::units::Unit;
use dinh_platform::web::{AppError, AppState, Chrome, Ctx, Form, render};
use serde::Deserialize;

use super::{actor, unit, unit_by_id};
use crate::comments::{self, HeldComment};
use crate::permissions::MODERATE;

#[derive(Template)]
#[template(path = "portal/moderation.html")]
struct QueuePage {
    c: Chrome,
    unit: Unit,
    held: Vec<HeldComment>,
    holds: bool,
}

/// `GET /units/{code}/binh-luan`: the comments waiting.
pub(crate) async fn queue(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(code): Path<String>,
) -> Result<Response, AppError> {
    let unit = unit(&state, &code).await?;
    dinh_platform::accounts::authorize(ctx.principal.as_ref(), &MODERATE, Some(&unit))?;
    let page = QueuePage {
        c: ctx.chrome(format!("{} · {}", ctx.tr.t("portal_moderation"), unit.name)),
        held: comments::held(&state.db, unit.id, 200).await?,
        holds: comments::holds(&state.db, unit.id).await?,
        unit,
    };
    Ok(render(&page)?.into_response())
}

/// A moderator's decision.
#[derive(Deserialize)]
pub(crate) struct Decision {
    decision: String,
}

/// `POST /binh-luan/{id}/duyet`: publishes or rejects a held comment.
pub(crate) async fn moderate(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<i64>,
    Form(d): Form<Decision>,
) -> Result<Response, AppError> {
    let a = comments::article_of(&state.db, id)
        .await?
        .ok_or_else(AppError::not_found)?;
    let unit = unit_by_id(&state, a.unit_id).await?;
    let publish = match d.decision.as_str() {
        "publish" => true,
        "reject" => false,
        _ => return Err(AppError::bad_request("decision: publish or reject")),
    };
    comments::moderate(&state.db, actor(&ctx)?, &unit, id, publish).await?;
    ctx.redirect_with_flash(
        &state.db,
        &format!(
            "/units/{}/binh-luan",
            dinh_platform::web::urlencode(&unit.code)
        ),
        ctx.tr.t("portal_moderated"),
    )
    .await
}

/// The unit's choice.
#[derive(Deserialize)]
pub(crate) struct Settings {
    #[serde(default)]
    hold: Option<String>,
}

/// `POST /units/{code}/binh-luan/cai-dat`: whether comments are held for moderation.
pub(crate) async fn settings(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(code): Path<String>,
    Form(s): Form<Settings>,
) -> Result<Response, AppError> {
    let unit = unit(&state, &code).await?;
    comments::set_holds(&state.db, actor(&ctx)?, &unit, s.hold.is_some()).await?;
    ctx.redirect_with_flash(
        &state.db,
        &format!(
            "/units/{}/binh-luan",
            dinh_platform::web::urlencode(&unit.code)
        ),
        ctx.tr.t("portal_saved"),
    )
    .await
}
