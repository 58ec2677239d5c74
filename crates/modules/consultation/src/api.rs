//! The consultation's JSON API under `/api/v1`, read only and public: a unit's consultations,
//! and one consultation with its parts, its versions, its comments and their answers (never a contact: the
//! type skips it) and the counts of its synthesis. Writing goes through the officers' pages.

use axum::extract::{Path, State};
use axum::routing::get;
use axum::{Extension, Json, Router};
use dinh_platform::web::{AppError, AppState};
use serde::Serialize;
use utoipa::{OpenApi, ToSchema};

use crate::ConsultationModule;
use crate::store::{self, Comment, Consultation, Part, Version};
use crate::synthesis::{self, ChannelCount, Counts, PartCount};

/// The consultation's part of the OpenAPI document.
#[derive(OpenApi)]
#[openapi(
    paths(list, one),
    components(schemas(
        Consultation,
        Part,
        Comment,
        Counts,
        ChannelCount,
        PartCount,
        Version,
        ConsultationJson
    ))
)]
pub struct ApiDoc;

pub(crate) fn routes() -> Router<AppState> {
    Router::new()
        .route("/units/{code}/consultations", get(list))
        .route("/consultations/{id}", get(one))
}

/// A consultation with its draft, its comments with their answers, and the synthesis counts.
#[derive(Serialize, ToSchema)]
pub struct ConsultationJson {
    /// The consultation.
    pub consultation: Consultation,
    /// The parts of the current version of the draft, in order.
    pub parts: Vec<Part>,
    /// Every version of the draft with its date, oldest first.
    pub versions: Vec<Version>,
    /// Every comment by number (no contact).
    pub comments: Vec<Comment>,
    /// Counts by channel and by part.
    pub counts: Counts,
}

/// The consultations of a unit and the units under it, newest first.
#[utoipa::path(get, path = "/api/v1/units/{code}/consultations", params(("code" = String, Path)), responses((status = 200, body = Vec<Consultation>), (status = 404)))]
pub(crate) async fn list(
    State(s): State<AppState>,
    Path(code): Path<String>,
) -> Result<Json<Vec<Consultation>>, AppError> {
    let unit = dinh_platform::units::store::by_code(&s.db, &code)
        .await?
        .ok_or_else(AppError::not_found)?;
    Ok(Json(store::for_unit(&s.db, &unit.path, 200).await?))
}

/// One consultation with its draft, comments, answers and counts.
#[utoipa::path(get, path = "/api/v1/consultations/{id}", params(("id" = i64, Path)), responses((status = 200, body = ConsultationJson), (status = 404)))]
pub(crate) async fn one(
    Extension(m): Extension<ConsultationModule>,
    State(s): State<AppState>,
    Path(id): Path<i64>,
) -> Result<Json<ConsultationJson>, AppError> {
    let consultation = store::by_id(&s.db, id)
        .await?
        .ok_or_else(AppError::not_found)?;
    let pack = m
        .rules()
        .get(&consultation.rule_pack_id)
        .map_err(|e| AppError::from(anyhow::anyhow!("{e}")))?;
    let counts = synthesis::counts(&s.db, pack, &consultation).await?;
    Ok(Json(ConsultationJson {
        parts: store::parts(&s.db, id).await?,
        versions: store::versions(&s.db, id).await?,
        comments: store::comments(&s.db, id, false).await?,
        counts,
        consultation,
    }))
}
