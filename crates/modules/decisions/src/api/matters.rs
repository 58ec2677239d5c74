//! Matters, votes (meeting, household ballot, online), the online-vote agreement, closing and
//! the participation register.

use axum::extract::{Path, Query, State};
use axum::http::HeaderMap;
use axum::{Extension, Json};
use dinh_platform::accounts::authorize;
use dinh_platform::db::query;
use dinh_platform::time::today_vn;
use dinh_platform::web::{AppError, AppState, Ctx};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

use super::{ApiResult, writer};
use crate::online::ConsentView;
use crate::tally::Tally;
use crate::votes::{VoteInput, VoteReceipt};
use crate::{DecisionsModule, Matter, NewMatter, close, matters, permissions};

/// A matter with its result (hidden while the vote is open).
#[derive(Serialize, ToSchema)]
pub struct MatterDetail {
    /// The matter.
    pub matter: Matter,
    /// The count, once the vote is closed.
    pub result: Option<Tally>,
}

/// A page of a list.
#[derive(Deserialize, IntoParams)]
pub struct PageQuery {
    /// Page, from 1 (50 per page).
    pub page: Option<i64>,
}

/// An online vote.
#[derive(Deserialize, ToSchema)]
pub struct OnlineVote {
    /// `agree`, `disagree` or `other`.
    pub choice: String,
    /// Text of another opinion.
    #[serde(default)]
    pub opinion: String,
}

/// Households, by code.
#[derive(Deserialize, ToSchema)]
pub struct Households {
    /// Household codes.
    pub households: Vec<String>,
}

/// One household.
#[derive(Deserialize, ToSchema)]
pub struct HouseholdRef {
    /// Household code.
    pub household: String,
}

/// The closing day.
#[derive(Deserialize, ToSchema)]
pub struct CloseInput {
    /// dd/mm/yyyy (default: today in Vietnam).
    #[serde(default)]
    pub closed_on: String,
}

/// A household that took part (never how it voted, for a secret vote).
#[derive(Serialize, ToSchema, sqlx::FromRow)]
pub struct Participant {
    /// Household code.
    pub household: String,
    /// Channel.
    pub channel: String,
    /// When it was recorded (RFC 3339).
    pub recorded_at: String,
}

/// Matters of a unit's subtree, newest first. Public: results are published in the thôn (Điều 23).
#[utoipa::path(get, path = "/api/v1/units/{code}/matters", params(("code" = String, Path, description = "Unit code"), PageQuery),
    responses((status = 200, body = [Matter])), tag = "decisions")]
pub async fn list(
    State(s): State<AppState>,
    ctx: Ctx,
    Path(code): Path<String>,
    Query(q): Query<PageQuery>,
) -> ApiResult<Vec<Matter>> {
    let unit = dinh_platform::units::store::by_code(&s.db, &code)
        .await?
        .ok_or_else(AppError::not_found)?;
    let page = q.page.unwrap_or(1).max(1);
    let mut list = matters::list(&s.db, &unit, 50, (page - 1) * 50)
        .await
        .map_err(|e| e.into_app(ctx.tr))?;
    for m in &mut list {
        hide_open(m);
    }
    Ok(Json(list))
}

/// A matter; its count once closed.
#[utoipa::path(get, path = "/api/v1/matters/{id}", params(("id" = i64, Path, description = "Matter id")),
    responses((status = 200, body = MatterDetail), (status = 404)), tag = "decisions")]
pub async fn detail(
    Extension(m): Extension<DecisionsModule>,
    State(s): State<AppState>,
    ctx: Ctx,
    Path(id): Path<i64>,
) -> ApiResult<MatterDetail> {
    let matter = matters::get(&s.db, id)
        .await
        .map_err(|e| e.into_app(ctx.tr))?;
    let result = if matter.is_open() {
        None
    } else {
        Some(
            close::tally(&m, &s.db, &matter, today_vn())
                .await
                .map_err(|e| e.into_app(ctx.tr))?,
        )
    };
    Ok(Json(MatterDetail { matter, result }))
}

/// Proposes a matter (village head for a thôn, commune for commune-wide matters).
#[utoipa::path(post, path = "/api/v1/matters", request_body = NewMatter,
    responses((status = 401, description = "Not signed in"), (status = 403, description = "No X-CSRF-Token, or out of scope"), (status = 200, body = Matter), (status = 422, description = "Bad input, named")), tag = "decisions")]
pub async fn create(
    Extension(m): Extension<DecisionsModule>,
    State(s): State<AppState>,
    ctx: Ctx,
    headers: HeaderMap,
    Json(input): Json<NewMatter>,
) -> ApiResult<Matter> {
    writer(&ctx, &headers)?;
    Ok(Json(
        matters::create(&m, &s.db, ctx.principal.as_ref(), &input, today_vn())
            .await
            .map_err(|e| e.into_app(ctx.tr))?,
    ))
}

/// Records a vote at a meeting or from a household ballot.
#[utoipa::path(post, path = "/api/v1/matters/{id}/votes", params(("id" = i64, Path)), request_body = VoteInput,
    responses((status = 401, description = "Not signed in"), (status = 403, description = "No X-CSRF-Token, or out of scope"), (status = 200, body = VoteReceipt), (status = 422, description = "Refused: already counted, closed, outside the thôn, …")), tag = "decisions")]
pub async fn vote(
    Extension(m): Extension<DecisionsModule>,
    State(s): State<AppState>,
    ctx: Ctx,
    headers: HeaderMap,
    Path(id): Path<i64>,
    Json(input): Json<VoteInput>,
) -> ApiResult<VoteReceipt> {
    writer(&ctx, &headers)?;
    Ok(Json(
        crate::votes::record(&m, &s.db, ctx.principal.as_ref(), id, &input, today_vn())
            .await
            .map_err(|e| e.into_app(ctx.tr))?,
    ))
}

/// The signed-in household representative's online vote.
#[utoipa::path(post, path = "/api/v1/matters/{id}/online-vote", params(("id" = i64, Path)), request_body = OnlineVote,
    responses((status = 401, description = "Not signed in"), (status = 403, description = "No X-CSRF-Token, or out of scope"), (status = 200, body = VoteReceipt), (status = 422)), tag = "decisions")]
pub async fn online_vote(
    Extension(m): Extension<DecisionsModule>,
    State(s): State<AppState>,
    ctx: Ctx,
    headers: HeaderMap,
    Path(id): Path<i64>,
    Json(input): Json<OnlineVote>,
) -> ApiResult<VoteReceipt> {
    writer(&ctx, &headers)?;
    Ok(Json(
        crate::online::vote(
            &m,
            &s.db,
            ctx.principal.as_ref(),
            id,
            &input.choice,
            &input.opinion,
            today_vn(),
        )
        .await
        .map_err(|e| e.into_app(ctx.tr))?,
    ))
}

/// Households agreeing to decide the matter online.
#[utoipa::path(post, path = "/api/v1/matters/{id}/online-consent", params(("id" = i64, Path)), request_body = Households,
    responses((status = 401, description = "Not signed in"), (status = 403, description = "No X-CSRF-Token, or out of scope"), (status = 200, body = ConsentView), (status = 422)), tag = "decisions")]
pub async fn consent(
    Extension(m): Extension<DecisionsModule>,
    State(s): State<AppState>,
    ctx: Ctx,
    headers: HeaderMap,
    Path(id): Path<i64>,
    Json(input): Json<Households>,
) -> ApiResult<ConsentView> {
    writer(&ctx, &headers)?;
    Ok(Json(
        crate::online::record_consent(
            &m,
            &s.db,
            ctx.principal.as_ref(),
            id,
            &input.households,
            today_vn(),
        )
        .await
        .map_err(|e| e.into_app(ctx.tr))?,
    ))
}

/// Closes the vote and records the result.
#[utoipa::path(post, path = "/api/v1/matters/{id}/close", params(("id" = i64, Path)), request_body = CloseInput,
    responses((status = 401, description = "Not signed in"), (status = 403, description = "No X-CSRF-Token, or out of scope"), (status = 200, body = Tally), (status = 422)), tag = "decisions")]
pub async fn close_vote(
    Extension(m): Extension<DecisionsModule>,
    State(s): State<AppState>,
    ctx: Ctx,
    headers: HeaderMap,
    Path(id): Path<i64>,
    Json(input): Json<CloseInput>,
) -> ApiResult<Tally> {
    writer(&ctx, &headers)?;
    let on = if input.closed_on.trim().is_empty() {
        today_vn()
    } else {
        crate::dates::parse("closed_on", &input.closed_on).map_err(|e| e.into_app(ctx.tr))?
    };
    Ok(Json(
        close::close(&m, &s.db, ctx.principal.as_ref(), id, on)
            .await
            .map_err(|e| e.into_app(ctx.tr))?,
    ))
}

/// Who took part (the participation register), for officers.
#[utoipa::path(get, path = "/api/v1/matters/{id}/participants", params(("id" = i64, Path)),
    responses((status = 200, body = [Participant]), (status = 401), (status = 403)), tag = "decisions")]
pub async fn participants(
    State(s): State<AppState>,
    ctx: Ctx,
    Path(id): Path<i64>,
) -> ApiResult<Vec<Participant>> {
    let matter = matters::get(&s.db, id)
        .await
        .map_err(|e| e.into_app(ctx.tr))?;
    let unit = matters::unit_of(&s.db, &matter)
        .await
        .map_err(|e| e.into_app(ctx.tr))?;
    authorize(
        ctx.principal.as_ref(),
        &permissions::VIEW_REGISTER,
        Some(&unit),
    )?;
    Ok(Json(
        s.db.fetch_all(
            &query(
                "SELECT h.code AS household, v.channel, v.recorded_at FROM decision_votes v
                 JOIN households h ON h.id = v.household_id WHERE v.matter_id = $1 ORDER BY h.code",
            )
            .bind(id),
        )
        .await?,
    ))
}

fn hide_open(m: &mut Matter) {
    if m.is_open() {
        m.result_vi = None;
        m.result_en = None;
    }
}
