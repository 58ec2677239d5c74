//! Village-head elections (bầu trưởng thôn, Nghị định 59/2023 Điều 6-9): the commune's plan
//! with the team, notice and candidate-list days (a dismissal day when the election follows a
//! dismissal), the election with its candidates, nominations at the meeting, and the re-vote
//! when nobody won. Board members recognised by the Front go through the decision document.

use axum::extract::{Path, State};
use axum::http::HeaderMap;
use axum::{Extension, Json};
use dinh_platform::time::today_vn;
use dinh_platform::web::{AppState, Ctx};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use super::{ApiResult, matter_for, writer};
use crate::elections::ElectionView;
use crate::{DecisionsModule, ElectionInput, Matter, permissions};

/// The election plan of a thôn (days dd/mm/yyyy).
#[derive(Deserialize, ToSchema)]
pub struct ElectionPlan {
    /// Day of the election meeting.
    #[serde(default)]
    pub election_on: String,
    /// Day the commune issued its plan.
    #[serde(default)]
    pub plan_on: String,
    /// Day the election team was set up.
    #[serde(default)]
    pub team_on: String,
    /// Day of the public notice.
    #[serde(default)]
    pub notice_on: String,
    /// Day the candidate list went to the commune.
    #[serde(default)]
    pub candidates_on: String,
    /// Candidates on the list.
    #[serde(default)]
    pub candidates: Vec<String>,
    /// Day the previous village head was dismissed, if the election follows a dismissal.
    #[serde(default)]
    pub dismissal_on: String,
}

/// A candidate.
#[derive(Serialize, ToSchema)]
pub struct Candidate {
    /// Id.
    pub id: i64,
    /// Full name.
    pub name: String,
    /// Nominated at the meeting (not on the commune's list).
    pub at_meeting: bool,
}

/// An election with its candidates and result.
#[derive(Serialize, ToSchema)]
pub struct Election {
    /// The matter (matter 4, secret).
    pub matter_id: i64,
    /// Day of the election (ISO).
    pub election_on: String,
    /// Candidates.
    pub candidates: Vec<Candidate>,
    /// The winner's candidate id, once counted.
    pub winner_id: Option<i64>,
    /// The re-vote of this election, if one was decided.
    pub revote_id: Option<i64>,
}

impl From<ElectionView> for Election {
    fn from(v: ElectionView) -> Self {
        Self {
            matter_id: v.matter_id,
            election_on: v.election_on,
            candidates: v
                .candidates
                .into_iter()
                .map(|(id, name, at_meeting)| Candidate {
                    id,
                    name,
                    at_meeting,
                })
                .collect(),
            winner_id: v.winner_id,
            revote_id: v.revote_id,
        }
    }
}

/// A candidate nominated at the meeting.
#[derive(Deserialize, ToSchema)]
pub struct Nomination {
    /// Full name.
    #[serde(default)]
    pub name: String,
}

/// The day of the re-vote.
#[derive(Deserialize, ToSchema)]
pub struct RevoteInput {
    /// dd/mm/yyyy.
    #[serde(default)]
    pub election_on: String,
}

/// Organises an election in a thôn and opens its secret vote (`decisions.propose`); each day is
/// checked against the pack (plan, team, notice, candidate list; 60 days after a dismissal).
#[utoipa::path(post, path = "/api/v1/units/{code}/elections", params(("code" = String, Path, description = "Thôn code")), request_body = ElectionPlan,
    responses((status = 200, body = Matter), (status = 401, description = "Not signed in"),
        (status = 403, description = "No X-CSRF-Token, or out of scope"), (status = 422, description = "Bad input, named")), tag = "decisions")]
pub async fn create(
    Extension(m): Extension<DecisionsModule>,
    State(s): State<AppState>,
    ctx: Ctx,
    headers: HeaderMap,
    Path(code): Path<String>,
    Json(p): Json<ElectionPlan>,
) -> ApiResult<Matter> {
    writer(&ctx, &headers)?;
    let input = ElectionInput {
        unit_code: code,
        election_on: p.election_on,
        plan_on: p.plan_on,
        team_on: p.team_on,
        notice_on: p.notice_on,
        candidates_on: p.candidates_on,
        candidates: p.candidates,
        dismissal_on: p.dismissal_on,
    };
    Ok(Json(
        crate::elections::create(&m, &s.db, ctx.principal.as_ref(), &input, today_vn())
            .await
            .map_err(|e| e.into_app(ctx.tr))?,
    ))
}

/// The election of a matter with its candidates (those who may see the register, as the work page).
#[utoipa::path(get, path = "/api/v1/matters/{id}/election", params(("id" = i64, Path)),
    responses((status = 200, body = Election), (status = 401), (status = 403), (status = 404)), tag = "decisions")]
pub async fn detail(
    State(s): State<AppState>,
    ctx: Ctx,
    Path(id): Path<i64>,
) -> ApiResult<Election> {
    matter_for(&s, &ctx, id, &permissions::VIEW_REGISTER).await?;
    Ok(Json(
        crate::elections::view(&s.db, id)
            .await
            .map_err(|e| e.into_app(ctx.tr))?
            .into(),
    ))
}

/// A candidate nominated at the election meeting; answers the election.
#[utoipa::path(post, path = "/api/v1/matters/{id}/candidates", params(("id" = i64, Path)), request_body = Nomination,
    responses((status = 200, body = Election), (status = 401, description = "Not signed in"),
        (status = 403, description = "No X-CSRF-Token, or out of scope"), (status = 422, description = "Bad input, named")), tag = "decisions")]
pub async fn nominate(
    State(s): State<AppState>,
    ctx: Ctx,
    headers: HeaderMap,
    Path(id): Path<i64>,
    Json(input): Json<Nomination>,
) -> ApiResult<Election> {
    writer(&ctx, &headers)?;
    crate::elections::nominate(&s.db, ctx.principal.as_ref(), id, &input.name)
        .await
        .map_err(|e| e.into_app(ctx.tr))?;
    Ok(Json(
        crate::elections::view(&s.db, id)
            .await
            .map_err(|e| e.into_app(ctx.tr))?
            .into(),
    ))
}

/// The commune decides a re-vote when nobody won (bầu lại); answers the new election's matter.
#[utoipa::path(post, path = "/api/v1/matters/{id}/revote", params(("id" = i64, Path)), request_body = RevoteInput,
    responses((status = 200, body = Matter), (status = 401, description = "Not signed in"),
        (status = 403, description = "No X-CSRF-Token, or out of scope"), (status = 422, description = "Bad input, named")), tag = "decisions")]
pub async fn revote(
    Extension(m): Extension<DecisionsModule>,
    State(s): State<AppState>,
    ctx: Ctx,
    headers: HeaderMap,
    Path(id): Path<i64>,
    Json(input): Json<RevoteInput>,
) -> ApiResult<Matter> {
    writer(&ctx, &headers)?;
    Ok(Json(
        crate::elections::revote(
            &m,
            &s.db,
            ctx.principal.as_ref(),
            id,
            &input.election_on,
            today_vn(),
        )
        .await
        .map_err(|e| e.into_app(ctx.tr))?,
    ))
}
