//! JSON API of household decisions (`/api/v1/matters/…`). Refusals answer 422 naming the field;
//! a vote is committed before its 200 answer.

use axum::extract::{Path, Query, State};
use axum::{Extension, Json};
use dinh_platform::accounts::authorize;
use dinh_platform::db::query;
use dinh_platform::time::today_vn;
use dinh_platform::web::{AppError, AppState, Ctx};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

use crate::ballots::{BallotPlanInput, BallotPlanView};
use crate::meetings::{
    AttendanceInput, MeetingInput, MeetingView, ProceduralInput, ProceduralView,
};
use crate::online::ConsentView;
use crate::secret::{BoxCheck, SecretCount};
use crate::tally::{CandidateTally, Tally, VillageTally};
use crate::votes::{VoteInput, VoteReceipt};
use crate::{DecisionsModule, Matter, NewMatter, Origin, close, matters, permissions};

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

type ApiResult<T> = Result<Json<T>, AppError>;

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

fn hide_open(m: &mut Matter) {
    if m.is_open() {
        m.result_vi = None;
        m.result_en = None;
    }
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
    responses((status = 200, body = Matter), (status = 403), (status = 422, description = "Bad input, named")), tag = "decisions")]
pub async fn create(
    Extension(m): Extension<DecisionsModule>,
    State(s): State<AppState>,
    ctx: Ctx,
    Json(input): Json<NewMatter>,
) -> ApiResult<Matter> {
    Ok(Json(
        matters::create(&m, &s.db, ctx.principal.as_ref(), &input, today_vn())
            .await
            .map_err(|e| e.into_app(ctx.tr))?,
    ))
}

/// Records a vote at a meeting or from a household ballot.
#[utoipa::path(post, path = "/api/v1/matters/{id}/votes", params(("id" = i64, Path)), request_body = VoteInput,
    responses((status = 200, body = VoteReceipt), (status = 422, description = "Refused: already counted, closed, outside the thôn, …")), tag = "decisions")]
pub async fn vote(
    Extension(m): Extension<DecisionsModule>,
    State(s): State<AppState>,
    ctx: Ctx,
    Path(id): Path<i64>,
    Json(input): Json<VoteInput>,
) -> ApiResult<VoteReceipt> {
    Ok(Json(
        crate::votes::record(&m, &s.db, ctx.principal.as_ref(), id, &input, today_vn())
            .await
            .map_err(|e| e.into_app(ctx.tr))?,
    ))
}

/// The second team member's check of a paper ballot.
#[utoipa::path(post, path = "/api/v1/matters/{id}/votes/check", params(("id" = i64, Path)), request_body = HouseholdRef,
    responses((status = 200), (status = 422)), tag = "decisions")]
pub async fn check(
    State(s): State<AppState>,
    ctx: Ctx,
    Path(id): Path<i64>,
    Json(input): Json<HouseholdRef>,
) -> ApiResult<()> {
    crate::votes::confirm(&s.db, ctx.principal.as_ref(), id, &input.household)
        .await
        .map_err(|e| e.into_app(ctx.tr))?;
    Ok(Json(()))
}

/// The signed-in household representative's online vote.
#[utoipa::path(post, path = "/api/v1/matters/{id}/online-vote", params(("id" = i64, Path)), request_body = OnlineVote,
    responses((status = 200, body = VoteReceipt), (status = 422)), tag = "decisions")]
pub async fn online_vote(
    Extension(m): Extension<DecisionsModule>,
    State(s): State<AppState>,
    ctx: Ctx,
    Path(id): Path<i64>,
    Json(input): Json<OnlineVote>,
) -> ApiResult<VoteReceipt> {
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
    responses((status = 200, body = ConsentView), (status = 422)), tag = "decisions")]
pub async fn consent(
    Extension(m): Extension<DecisionsModule>,
    State(s): State<AppState>,
    ctx: Ctx,
    Path(id): Path<i64>,
    Json(input): Json<Households>,
) -> ApiResult<ConsentView> {
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

/// Records a meeting (warns of late notice).
#[utoipa::path(post, path = "/api/v1/matters/{id}/meetings", params(("id" = i64, Path)), request_body = MeetingInput,
    responses((status = 200, body = MeetingView), (status = 422)), tag = "decisions")]
pub async fn meeting(
    Extension(m): Extension<DecisionsModule>,
    State(s): State<AppState>,
    ctx: Ctx,
    Path(id): Path<i64>,
    Json(input): Json<MeetingInput>,
) -> ApiResult<MeetingView> {
    Ok(Json(
        crate::meetings::create(&m, &s.db, ctx.principal.as_ref(), id, &input)
            .await
            .map_err(|e| e.into_app(ctx.tr))?,
    ))
}

/// Records a household present.
#[utoipa::path(post, path = "/api/v1/matters/{id}/meetings/{meeting}/attendance", params(("id" = i64, Path), ("meeting" = i64, Path)), request_body = AttendanceInput,
    responses((status = 200), (status = 422)), tag = "decisions")]
pub async fn attend(
    State(s): State<AppState>,
    ctx: Ctx,
    Path((id, meeting)): Path<(i64, i64)>,
    Json(input): Json<AttendanceInput>,
) -> ApiResult<()> {
    crate::meetings::attend(&s.db, ctx.principal.as_ref(), id, meeting, &input)
        .await
        .map_err(|e| e.into_app(ctx.tr))?;
    Ok(Json(()))
}

/// A procedural vote of the meeting.
#[utoipa::path(post, path = "/api/v1/matters/{id}/meetings/{meeting}/procedural", params(("id" = i64, Path), ("meeting" = i64, Path)), request_body = ProceduralInput,
    responses((status = 200, body = ProceduralView), (status = 422)), tag = "decisions")]
pub async fn procedural(
    Extension(m): Extension<DecisionsModule>,
    State(s): State<AppState>,
    ctx: Ctx,
    Path((id, meeting)): Path<(i64, i64)>,
    Json(input): Json<ProceduralInput>,
) -> ApiResult<ProceduralView> {
    Ok(Json(
        crate::meetings::procedural(&m, &s.db, ctx.principal.as_ref(), id, meeting, &input)
            .await
            .map_err(|e| e.into_app(ctx.tr))?,
    ))
}

/// The household ballot plan.
#[utoipa::path(post, path = "/api/v1/matters/{id}/ballot-plan", params(("id" = i64, Path)), request_body = BallotPlanInput,
    responses((status = 200, body = BallotPlanView), (status = 422)), tag = "decisions")]
pub async fn ballot_plan(
    Extension(m): Extension<DecisionsModule>,
    State(s): State<AppState>,
    ctx: Ctx,
    Path(id): Path<i64>,
    Json(input): Json<BallotPlanInput>,
) -> ApiResult<BallotPlanView> {
    Ok(Json(
        crate::ballots::plan(&m, &s.db, ctx.principal.as_ref(), id, &input)
            .await
            .map_err(|e| e.into_app(ctx.tr))?,
    ))
}

/// The count of a secret ballot box.
#[utoipa::path(post, path = "/api/v1/matters/{id}/secret-count", params(("id" = i64, Path)), request_body = SecretCount,
    responses((status = 200, body = BoxCheck), (status = 422)), tag = "decisions")]
pub async fn secret_count(
    Extension(m): Extension<DecisionsModule>,
    State(s): State<AppState>,
    ctx: Ctx,
    Path(id): Path<i64>,
    Json(input): Json<SecretCount>,
) -> ApiResult<BoxCheck> {
    Ok(Json(
        crate::secret::record_count(&m, &s.db, ctx.principal.as_ref(), id, &input)
            .await
            .map_err(|e| e.into_app(ctx.tr))?,
    ))
}

/// Closes the vote and records the result.
#[utoipa::path(post, path = "/api/v1/matters/{id}/close", params(("id" = i64, Path)), request_body = CloseInput,
    responses((status = 200, body = Tally), (status = 422)), tag = "decisions")]
pub async fn close_vote(
    Extension(m): Extension<DecisionsModule>,
    State(s): State<AppState>,
    ctx: Ctx,
    Path(id): Path<i64>,
    Json(input): Json<CloseInput>,
) -> ApiResult<Tally> {
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

/// The OpenAPI part of this module.
#[derive(utoipa::OpenApi)]
#[openapi(
    paths(list, detail, create, vote, check, online_vote, consent, meeting, attend, procedural, ballot_plan, secret_count, close_vote, participants),
    components(schemas(Matter, MatterDetail, NewMatter, Origin, VoteInput, VoteReceipt, OnlineVote, Households, HouseholdRef,
        CloseInput, Participant, Tally, VillageTally, CandidateTally, ConsentView, MeetingInput, MeetingView, AttendanceInput,
        ProceduralInput, ProceduralView, BallotPlanInput, BallotPlanView, SecretCount, crate::secret::CandidateCount, BoxCheck, crate::Channel)),
    tags((name = "decisions", description = "Household decisions (Nhân dân bàn và quyết định): matters, meetings, ballots, online votes, results"))
)]
pub struct ApiDoc;
