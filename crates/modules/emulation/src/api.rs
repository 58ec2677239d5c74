//! The emulation JSON API under `/api/v1`, read only and public: the campaigns a unit's people
//! take part in; one campaign with its criteria, its counts, its recognised models and its award
//! decisions with their lists; a unit's history of awards. Models not yet recognised stay out
//! of it. Writing goes through the work pages.

use axum::extract::{Path, State};
use axum::routing::get;
use axum::{Json, Router};
use dinh_platform::web::{AppError, AppState};
use serde::Serialize;
use utoipa::{OpenApi, ToSchema};

use crate::store::{
    self, Award, AwardDecision, Campaign, CountRow, Counts, Criterion, Model, status,
};

/// The emulation part of the OpenAPI document.
#[derive(OpenApi)]
#[openapi(
    paths(unit, campaign, awards),
    components(schemas(
        Campaign,
        Criterion,
        Counts,
        CountRow,
        Model,
        AwardDecision,
        Award,
        CampaignJson,
        DecisionJson
    ))
)]
pub struct ApiDoc;

/// Most rows a list returns.
const LISTED: i64 = 500;

pub(crate) fn routes() -> Router<AppState> {
    Router::new()
        .route("/units/{code}/emulation", get(unit))
        .route("/units/{code}/emulation/awards", get(awards))
        .route("/emulation/{id}", get(campaign))
}

/// An award decision with its annexed list.
#[derive(Serialize, ToSchema)]
pub struct DecisionJson {
    /// The decision.
    pub decision: AwardDecision,
    /// Its list.
    pub awards: Vec<Award>,
}

/// A campaign as the public sees it (phong trào thi đua).
#[derive(Serialize, ToSchema)]
pub struct CampaignJson {
    /// The campaign.
    pub campaign: Campaign,
    /// Its criteria.
    pub criteria: Vec<Criterion>,
    /// Registrations, models and awards counted.
    pub counts: Counts,
    /// Its recognised models.
    pub recognised: Vec<Model>,
    /// Its award decisions, newest first.
    pub decisions: Vec<DecisionJson>,
}

async fn unit_of(s: &AppState, code: &str) -> Result<dinh_platform::units::Unit, AppError> {
    dinh_platform::units::store::by_code(&s.db, code)
        .await?
        .ok_or_else(AppError::not_found)
}

/// The campaigns a unit's people take part in, newest first.
#[utoipa::path(get, path = "/api/v1/units/{code}/emulation", params(("code" = String, Path)), responses((status = 200, body = Vec<Campaign>), (status = 404)))]
pub(crate) async fn unit(
    State(s): State<AppState>,
    Path(code): Path<String>,
) -> Result<Json<Vec<Campaign>>, AppError> {
    let unit = unit_of(&s, &code).await?;
    Ok(Json(store::campaigns_for_unit(&s.db, &unit, LISTED).await?))
}

/// The awards of a unit's collectives and individuals.
#[utoipa::path(get, path = "/api/v1/units/{code}/emulation/awards", params(("code" = String, Path)), responses((status = 200, body = Vec<Award>), (status = 404)))]
pub(crate) async fn awards(
    State(s): State<AppState>,
    Path(code): Path<String>,
) -> Result<Json<Vec<Award>>, AppError> {
    let unit = unit_of(&s, &code).await?;
    Ok(Json(
        store::awards_for_unit(&s.db, &unit.path, LISTED).await?,
    ))
}

/// One campaign with its counts, recognised models and award decisions.
#[utoipa::path(get, path = "/api/v1/emulation/{id}", params(("id" = i64, Path)), responses((status = 200, body = CampaignJson), (status = 404)))]
pub(crate) async fn campaign(
    State(s): State<AppState>,
    Path(id): Path<i64>,
) -> Result<Json<CampaignJson>, AppError> {
    let campaign = store::campaign(&s.db, id)
        .await?
        .ok_or_else(AppError::not_found)?;
    let unit = campaign.unit(&s.db).await?;
    let mut decisions = Vec::new();
    for d in store::decisions_of(&s.db, id).await? {
        decisions.push(DecisionJson {
            awards: store::decision_awards(&s.db, d.id).await?,
            decision: d,
        });
    }
    Ok(Json(CampaignJson {
        criteria: store::criteria(&s.db, id).await?,
        counts: store::counts(&s.db, &campaign).await?,
        recognised: store::models_of(&s.db, id, &unit.path, Some(status::RECOGNISED), LISTED, 0)
            .await?,
        decisions,
        campaign,
    }))
}
