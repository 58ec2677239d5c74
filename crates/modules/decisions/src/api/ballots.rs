//! Household ballots: the plan, paper ballots awaiting their second check and the check, the
//! printable ballots, and the count of a secret ballot box.

use axum::extract::{Path, State};
use axum::http::HeaderMap;
use axum::{Extension, Json};
use dinh_platform::documents::{Download, DownloadKind};
use dinh_platform::time::today_vn;
use dinh_platform::web::{AppError, AppState, Ctx};

use super::{ApiResult, HouseholdRef, matter_for, writer};
use crate::ballots::{AwaitingCheck, BallotPlanInput, BallotPlanView};
use crate::secret::{BoxCheck, SecretCount};
use crate::{DecisionsModule, permissions};

/// The second team member's check of a paper ballot.
#[utoipa::path(post, path = "/api/v1/matters/{id}/votes/check", params(("id" = i64, Path)), request_body = HouseholdRef,
    responses((status = 401, description = "Not signed in"), (status = 403, description = "No X-CSRF-Token, or out of scope"), (status = 200), (status = 422)), tag = "decisions")]
pub async fn check(
    State(s): State<AppState>,
    ctx: Ctx,
    headers: HeaderMap,
    Path(id): Path<i64>,
    Json(input): Json<HouseholdRef>,
) -> ApiResult<()> {
    writer(&ctx, &headers)?;
    crate::votes::confirm(&s.db, ctx.principal.as_ref(), id, &input.household)
        .await
        .map_err(|e| e.into_app(ctx.tr))?;
    Ok(Json(()))
}

/// The household ballot plan.
#[utoipa::path(post, path = "/api/v1/matters/{id}/ballot-plan", params(("id" = i64, Path)), request_body = BallotPlanInput,
    responses((status = 401, description = "Not signed in"), (status = 403, description = "No X-CSRF-Token, or out of scope"), (status = 200, body = BallotPlanView), (status = 422)), tag = "decisions")]
pub async fn ballot_plan(
    Extension(m): Extension<DecisionsModule>,
    State(s): State<AppState>,
    ctx: Ctx,
    headers: HeaderMap,
    Path(id): Path<i64>,
    Json(input): Json<BallotPlanInput>,
) -> ApiResult<BallotPlanView> {
    writer(&ctx, &headers)?;
    Ok(Json(
        crate::ballots::plan(&m, &s.db, ctx.principal.as_ref(), id, &input)
            .await
            .map_err(|e| e.into_app(ctx.tr))?,
    ))
}

/// The count of a secret ballot box.
#[utoipa::path(post, path = "/api/v1/matters/{id}/secret-count", params(("id" = i64, Path)), request_body = SecretCount,
    responses((status = 401, description = "Not signed in"), (status = 403, description = "No X-CSRF-Token, or out of scope"), (status = 200, body = BoxCheck), (status = 422)), tag = "decisions")]
pub async fn secret_count(
    Extension(m): Extension<DecisionsModule>,
    State(s): State<AppState>,
    ctx: Ctx,
    headers: HeaderMap,
    Path(id): Path<i64>,
    Json(input): Json<SecretCount>,
) -> ApiResult<BoxCheck> {
    writer(&ctx, &headers)?;
    Ok(Json(
        crate::secret::record_count(&m, &s.db, ctx.principal.as_ref(), id, &input)
            .await
            .map_err(|e| e.into_app(ctx.tr))?,
    ))
}

/// Paper ballots entered by the team and awaiting a second member's check (those who may see
/// the register, as on the work page).
#[utoipa::path(get, path = "/api/v1/matters/{id}/votes/awaiting-check", params(("id" = i64, Path)),
    responses((status = 200, body = [AwaitingCheck]), (status = 401), (status = 403), (status = 404)), tag = "decisions")]
pub async fn awaiting(
    State(s): State<AppState>,
    ctx: Ctx,
    Path(id): Path<i64>,
) -> ApiResult<Vec<AwaitingCheck>> {
    matter_for(&s, &ctx, id, &permissions::VIEW_REGISTER).await?;
    Ok(Json(
        crate::ballots::awaiting_check(&s.db, id)
            .await
            .map_err(|e| e.into_app(ctx.tr))?,
    ))
}

async fn printable(
    m: &DecisionsModule,
    s: &AppState,
    ctx: &Ctx,
    id: i64,
    kind: DownloadKind,
) -> Result<Download, AppError> {
    let (bytes, title) = crate::ballot_paper::printable(
        m,
        &s.db,
        ctx.principal.as_ref(),
        id,
        kind == DownloadKind::Pdf,
        today_vn(),
    )
    .await
    .map_err(|e| e.into_app(ctx.tr))?;
    Ok(Download {
        bytes,
        kind,
        name: format!("Phieu lay y kien {title}"),
    })
}

/// The printable household ballots, one page per household of the thôn on the distribution
/// day, as DOCX (those who run the matter: they name each representative).
#[utoipa::path(get, path = "/api/v1/matters/{id}/ballots.docx", params(("id" = i64, Path)),
    responses((status = 200, description = "DOCX", content_type = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
        (status = 401), (status = 403), (status = 404)), tag = "decisions")]
pub async fn docx(
    Extension(m): Extension<DecisionsModule>,
    State(s): State<AppState>,
    ctx: Ctx,
    Path(id): Path<i64>,
) -> Result<Download, AppError> {
    printable(&m, &s, &ctx, id, DownloadKind::Docx).await
}

/// The same ballots as PDF.
#[utoipa::path(get, path = "/api/v1/matters/{id}/ballots.pdf", params(("id" = i64, Path)),
    responses((status = 200, description = "PDF", content_type = "application/pdf"), (status = 401), (status = 403), (status = 404)), tag = "decisions")]
pub async fn pdf(
    Extension(m): Extension<DecisionsModule>,
    State(s): State<AppState>,
    ctx: Ctx,
    Path(id): Path<i64>,
) -> Result<Download, AppError> {
    printable(&m, &s, &ctx, id, DownloadKind::Pdf).await
}
