//! The oversight JSON API under `/api/v1`, read only and public: a unit's boards, projects and
//! recommendations with their answers; one board with its members and activities; one activity
//! with its findings and recommendations. Writing goes through the work pages.

use axum::extract::{Path, State};
use axum::routing::get;
use axum::{Json, Router};
use dinh_platform::web::{AppError, AppState};
use serde::Serialize;
use utoipa::{OpenApi, ToSchema};

use crate::store::{self, Activity, Board, Finding, Member, Project, Recommendation};

/// The oversight part of the OpenAPI document.
#[derive(OpenApi)]
#[openapi(
    paths(unit, board, activity),
    components(schemas(
        Activity,
        Board,
        Finding,
        Member,
        Project,
        Recommendation,
        UnitOversight,
        BoardJson,
        ActivityJson
    ))
)]
pub struct ApiDoc;

/// Most rows a list returns.
const LISTED: i64 = 500;

pub(crate) fn routes() -> Router<AppState> {
    Router::new()
        .route("/units/{code}/oversight", get(unit))
        .route("/oversight/boards/{id}", get(board))
        .route("/oversight/activities/{id}", get(activity))
}

/// A unit's boards, projects and recommendations.
#[derive(Serialize, ToSchema)]
pub struct UnitOversight {
    /// Boards of the unit and the units under it.
    pub boards: Vec<Board>,
    /// Investment projects.
    pub projects: Vec<Project>,
    /// Recommendations, the ones awaiting an answer first.
    pub recommendations: Vec<Recommendation>,
}

/// A board with its members and activities.
#[derive(Serialize, ToSchema)]
pub struct BoardJson {
    /// The board.
    pub board: Board,
    /// Its members in order.
    pub members: Vec<Member>,
    /// Its activities, newest first.
    pub activities: Vec<Activity>,
}

/// An activity with its findings and recommendations.
#[derive(Serialize, ToSchema)]
pub struct ActivityJson {
    /// The activity.
    pub activity: Activity,
    /// Its findings.
    pub findings: Vec<Finding>,
    /// The recommendations of its findings, with their answers.
    pub recommendations: Vec<Recommendation>,
}

/// The oversight of a unit and the units under it.
#[utoipa::path(get, path = "/api/v1/units/{code}/oversight", params(("code" = String, Path)), responses((status = 200, body = UnitOversight), (status = 404)))]
pub(crate) async fn unit(
    State(s): State<AppState>,
    Path(code): Path<String>,
) -> Result<Json<UnitOversight>, AppError> {
    let unit = dinh_platform::units::store::by_code(&s.db, &code)
        .await?
        .ok_or_else(AppError::not_found)?;
    Ok(Json(UnitOversight {
        boards: store::boards_for_unit(&s.db, &unit.path, LISTED).await?,
        projects: store::projects_for_unit(&s.db, &unit.path, LISTED).await?,
        recommendations: store::recommendations_for_unit(&s.db, &unit.path, LISTED).await?,
    }))
}

/// One board with its members and activities.
#[utoipa::path(get, path = "/api/v1/oversight/boards/{id}", params(("id" = i64, Path)), responses((status = 200, body = BoardJson), (status = 404)))]
pub(crate) async fn board(
    State(s): State<AppState>,
    Path(id): Path<i64>,
) -> Result<Json<BoardJson>, AppError> {
    let board = store::board(&s.db, id)
        .await?
        .ok_or_else(AppError::not_found)?;
    Ok(Json(BoardJson {
        members: store::members(&s.db, id).await?,
        activities: store::activities_of_board(&s.db, id).await?,
        board,
    }))
}

/// One activity with its findings and recommendations.
#[utoipa::path(get, path = "/api/v1/oversight/activities/{id}", params(("id" = i64, Path)), responses((status = 200, body = ActivityJson), (status = 404)))]
pub(crate) async fn activity(
    State(s): State<AppState>,
    Path(id): Path<i64>,
) -> Result<Json<ActivityJson>, AppError> {
    let activity = store::activity(&s.db, id)
        .await?
        .ok_or_else(AppError::not_found)?;
    Ok(Json(ActivityJson {
        findings: store::findings_of_activity(&s.db, id).await?,
        recommendations: store::recommendations_of_activity(&s.db, id).await?,
        activity,
    }))
}
