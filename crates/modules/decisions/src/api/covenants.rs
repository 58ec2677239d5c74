//! Hương ước (Nghị định 61/2023): a thôn's list, the draft with its drafting team posted for
//! comments, the adoption vote, the recognition file, and UBND xã's recognition, refusal,
//! suspension or repeal; each with its yearly review day.

use axum::extract::{Path, State};
use axum::http::HeaderMap;
use axum::{Extension, Json};
use dinh_platform::time::today_vn;
use dinh_platform::web::{AppState, Ctx};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use super::{ApiResult, unit_by_code, writer};
use crate::covenants::{Covenant, CovenantInput};
use crate::{DecisionsModule, Matter};

/// A draft hương ước of a thôn.
#[derive(Deserialize, ToSchema)]
pub struct DraftInput {
    /// Title.
    #[serde(default)]
    pub title: String,
    /// Members of the drafting team (tổ soạn thảo).
    #[serde(default)]
    pub drafting_team: Vec<String>,
    /// Day the draft was posted for comment (dd/mm/yyyy).
    #[serde(default)]
    pub draft_posted_on: String,
}

/// A hương ước with its next yearly review day.
#[derive(Serialize, ToSchema)]
pub struct CovenantDetail {
    /// The hương ước.
    pub covenant: Covenant,
    /// Next yearly review day (ISO; 18 November in the shipped packs).
    pub next_review_on: Option<String>,
}

/// The day the recognition file reached UBND xã.
#[derive(Deserialize, ToSchema)]
pub struct FileInput {
    /// dd/mm/yyyy.
    #[serde(default)]
    pub filed_on: String,
}

/// The file as recorded, with the recognition's last day.
#[derive(Serialize, ToSchema)]
pub struct Filed {
    /// The hương ước.
    pub covenant: Covenant,
    /// UBND xã recognises or refuses by this day (ISO).
    pub recognition_due_on: String,
    /// The file reached UBND xã after its own last day.
    pub filed_late: bool,
}

/// A decision of UBND xã.
#[derive(Deserialize, ToSchema)]
pub struct DecisionInput {
    /// `recognise`, `refuse`, `suspend` or `repeal`.
    #[serde(default)]
    pub action: String,
    /// dd/mm/yyyy (default: today in Vietnam).
    #[serde(default)]
    pub on: String,
    /// Reasons (required for all but recognition).
    #[serde(default)]
    pub reason: String,
}

/// The hương ước of a thôn, newest first (public).
#[utoipa::path(get, path = "/api/v1/units/{code}/covenants", params(("code" = String, Path, description = "Thôn code")),
    responses((status = 200, body = [Covenant]), (status = 404)), tag = "decisions")]
pub async fn list(
    State(s): State<AppState>,
    ctx: Ctx,
    Path(code): Path<String>,
) -> ApiResult<Vec<Covenant>> {
    let unit = unit_by_code(&s, &code).await?;
    Ok(Json(
        crate::covenants::list(&s.db, unit.id)
            .await
            .map_err(|e| e.into_app(ctx.tr))?,
    ))
}

/// Records a draft and its posting for comments (`decisions.propose`).
#[utoipa::path(post, path = "/api/v1/units/{code}/covenants", params(("code" = String, Path, description = "Thôn code")), request_body = DraftInput,
    responses((status = 200, body = Covenant), (status = 401, description = "Not signed in"),
        (status = 403, description = "No X-CSRF-Token, or out of scope"), (status = 422, description = "Bad input, named")), tag = "decisions")]
pub async fn create(
    Extension(m): Extension<DecisionsModule>,
    State(s): State<AppState>,
    ctx: Ctx,
    headers: HeaderMap,
    Path(code): Path<String>,
    Json(d): Json<DraftInput>,
) -> ApiResult<Covenant> {
    writer(&ctx, &headers)?;
    let input = CovenantInput {
        unit_code: code,
        title: d.title,
        drafting_team: d.drafting_team,
        draft_posted_on: d.draft_posted_on,
    };
    Ok(Json(
        crate::covenants::create(&m, &s.db, ctx.principal.as_ref(), &input, today_vn())
            .await
            .map_err(|e| e.into_app(ctx.tr))?,
    ))
}

/// A hương ước and its next yearly review day (public).
#[utoipa::path(get, path = "/api/v1/covenants/{id}", params(("id" = i64, Path)),
    responses((status = 200, body = CovenantDetail), (status = 404)), tag = "decisions")]
pub async fn detail(
    Extension(m): Extension<DecisionsModule>,
    State(s): State<AppState>,
    ctx: Ctx,
    Path(id): Path<i64>,
) -> ApiResult<CovenantDetail> {
    let covenant = crate::covenants::get(&s.db, id)
        .await
        .map_err(|e| e.into_app(ctx.tr))?;
    let review =
        crate::covenants::next_review(&m, &covenant, today_vn()).map_err(|e| e.into_app(ctx.tr))?;
    Ok(Json(CovenantDetail {
        covenant,
        next_review_on: review.map(|d| d.to_string()),
    }))
}

/// Opens the adoption vote once the draft was posted long enough; answers its matter.
#[utoipa::path(post, path = "/api/v1/covenants/{id}/vote", params(("id" = i64, Path)),
    responses((status = 200, body = Matter), (status = 401, description = "Not signed in"),
        (status = 403, description = "No X-CSRF-Token, or out of scope"), (status = 422, description = "Refused, named")), tag = "decisions")]
pub async fn open_vote(
    Extension(m): Extension<DecisionsModule>,
    State(s): State<AppState>,
    ctx: Ctx,
    headers: HeaderMap,
    Path(id): Path<i64>,
) -> ApiResult<Matter> {
    writer(&ctx, &headers)?;
    Ok(Json(
        crate::covenants::open_vote(&m, &s.db, ctx.principal.as_ref(), id, today_vn())
            .await
            .map_err(|e| e.into_app(ctx.tr))?,
    ))
}

/// The recognition file (hồ sơ đề nghị công nhận) reached UBND xã.
#[utoipa::path(post, path = "/api/v1/covenants/{id}/file", params(("id" = i64, Path)), request_body = FileInput,
    responses((status = 200, body = Filed), (status = 401, description = "Not signed in"),
        (status = 403, description = "No X-CSRF-Token, or out of scope"), (status = 422, description = "Bad input, named")), tag = "decisions")]
pub async fn file(
    Extension(m): Extension<DecisionsModule>,
    State(s): State<AppState>,
    ctx: Ctx,
    headers: HeaderMap,
    Path(id): Path<i64>,
    Json(input): Json<FileInput>,
) -> ApiResult<Filed> {
    writer(&ctx, &headers)?;
    let (covenant, due, late) =
        crate::covenants::file(&m, &s.db, ctx.principal.as_ref(), id, &input.filed_on)
            .await
            .map_err(|e| e.into_app(ctx.tr))?;
    Ok(Json(Filed {
        covenant,
        recognition_due_on: due.to_string(),
        filed_late: late,
    }))
}

/// UBND xã recognises, refuses, suspends or repeals (`decisions.recognise`; reasons for all but
/// recognition).
#[utoipa::path(post, path = "/api/v1/covenants/{id}/decision", params(("id" = i64, Path)), request_body = DecisionInput,
    responses((status = 200, body = Covenant), (status = 401, description = "Not signed in"),
        (status = 403, description = "No X-CSRF-Token, or out of scope"), (status = 422, description = "Bad input, named")), tag = "decisions")]
pub async fn decide(
    State(s): State<AppState>,
    ctx: Ctx,
    headers: HeaderMap,
    Path(id): Path<i64>,
    Json(input): Json<DecisionInput>,
) -> ApiResult<Covenant> {
    writer(&ctx, &headers)?;
    Ok(Json(
        crate::covenants::decide_typed(
            &s.db,
            ctx.principal.as_ref(),
            id,
            &input.action,
            &input.on,
            &input.reason,
            today_vn(),
        )
        .await
        .map_err(|e| e.into_app(ctx.tr))?,
    ))
}
