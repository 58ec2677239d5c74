//! The decision document (văn bản ghi nhận kết quả, Luật 10/2022 Điều 20): its fields, drafting
//! it from the closed result, sending, recognition or a written refusal with reasons, the DOCX
//! and PDF downloads; and the clocks officers see (each running clock of a matter, the overdue
//! sendings and recognitions raised in a unit's subtree).

use axum::extract::{Path, State};
use axum::http::HeaderMap;
use axum::{Extension, Json};
use dinh_platform::accounts::authorize;
use dinh_platform::documents::{Download, DownloadKind};
use dinh_platform::time::today_vn;
use dinh_platform::web::{AppError, AppState, Ctx};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use super::{ApiResult, matter_for, unit_by_code, writer};
use crate::{DecisionDocument, DecisionsModule, DocumentInput, matters, permissions};

/// The day the document was sent to UBND xã and UBMTTQ xã.
#[derive(Deserialize, ToSchema)]
pub struct SentInput {
    /// dd/mm/yyyy.
    #[serde(default)]
    pub sent_on: String,
}

/// Recognition or a written refusal.
#[derive(Deserialize, ToSchema)]
pub struct RecognitionInput {
    /// `recognise` or `refuse`.
    #[serde(default)]
    pub decision: String,
    /// dd/mm/yyyy (default: today in Vietnam).
    #[serde(default)]
    pub on: String,
    /// Reasons of a refusal (required to refuse).
    #[serde(default)]
    pub reason: String,
}

/// A running clock of a matter's document.
#[derive(Serialize, ToSchema)]
pub struct Clock {
    /// `send` (gửi văn bản) or `recognition` (công nhận).
    pub kind: String,
    /// Last day (ISO).
    pub due_on: String,
    /// Past its last day.
    pub overdue: bool,
    /// What it asks, in Vietnamese.
    pub text_vi: String,
    /// What it asks, in English.
    pub text_en: String,
}

/// An overdue clock raised by the clocks job and still running.
#[derive(Serialize, ToSchema)]
pub struct Overdue {
    /// The matter.
    pub matter_id: i64,
    /// Its title.
    pub title: String,
    /// `send` or `recognition`.
    pub kind: String,
    /// Last day (ISO).
    pub due_on: String,
}

/// The document of a matter with its fields and clock days (public, like its DOCX and PDF).
#[utoipa::path(get, path = "/api/v1/matters/{id}/document", params(("id" = i64, Path)),
    responses((status = 200, body = DecisionDocument), (status = 404, description = "No document yet")), tag = "decisions")]
pub async fn detail(
    State(s): State<AppState>,
    ctx: Ctx,
    Path(id): Path<i64>,
) -> ApiResult<DecisionDocument> {
    Ok(Json(
        crate::document::get(&s.db, id)
            .await
            .map_err(|e| e.into_app(ctx.tr))?,
    ))
}

/// Drafts the document of a closed matter from its stored result (`decisions.run`).
#[utoipa::path(post, path = "/api/v1/matters/{id}/document", params(("id" = i64, Path)), request_body = DocumentInput,
    responses((status = 200, body = DecisionDocument), (status = 401, description = "Not signed in"),
        (status = 403, description = "No X-CSRF-Token, or out of scope"), (status = 422, description = "Bad input, named")), tag = "decisions")]
pub async fn create(
    Extension(m): Extension<DecisionsModule>,
    State(s): State<AppState>,
    ctx: Ctx,
    headers: HeaderMap,
    Path(id): Path<i64>,
    Json(input): Json<DocumentInput>,
) -> ApiResult<DecisionDocument> {
    writer(&ctx, &headers)?;
    Ok(Json(
        crate::document::create(&m, &s.db, ctx.principal.as_ref(), id, &input)
            .await
            .map_err(|e| e.into_app(ctx.tr))?,
    ))
}

/// Records the day the document was sent; starts the recognition clock where one is needed.
#[utoipa::path(post, path = "/api/v1/matters/{id}/document/sent", params(("id" = i64, Path)), request_body = SentInput,
    responses((status = 200, body = DecisionDocument), (status = 401, description = "Not signed in"),
        (status = 403, description = "No X-CSRF-Token, or out of scope"), (status = 422, description = "Bad input, named")), tag = "decisions")]
pub async fn sent(
    Extension(m): Extension<DecisionsModule>,
    State(s): State<AppState>,
    ctx: Ctx,
    headers: HeaderMap,
    Path(id): Path<i64>,
    Json(input): Json<SentInput>,
) -> ApiResult<DecisionDocument> {
    writer(&ctx, &headers)?;
    Ok(Json(
        crate::document::sent(&m, &s.db, ctx.principal.as_ref(), id, &input.sent_on)
            .await
            .map_err(|e| e.into_app(ctx.tr))?,
    ))
}

/// Recognition (UBND xã for matters 3-4, UBMTTQ xã for board members) or a written refusal
/// with its reasons (`decisions.recognise`).
#[utoipa::path(post, path = "/api/v1/matters/{id}/document/recognition", params(("id" = i64, Path)), request_body = RecognitionInput,
    responses((status = 200, body = DecisionDocument), (status = 401, description = "Not signed in"),
        (status = 403, description = "No X-CSRF-Token, or out of scope"), (status = 422, description = "Bad input, named")), tag = "decisions")]
pub async fn recognise(
    State(s): State<AppState>,
    ctx: Ctx,
    headers: HeaderMap,
    Path(id): Path<i64>,
    Json(input): Json<RecognitionInput>,
) -> ApiResult<DecisionDocument> {
    writer(&ctx, &headers)?;
    Ok(Json(
        crate::document::decide(
            &s.db,
            ctx.principal.as_ref(),
            id,
            &input.decision,
            &input.on,
            &input.reason,
            today_vn(),
        )
        .await
        .map_err(|e| e.into_app(ctx.tr))?,
    ))
}

async fn download(
    s: &AppState,
    ctx: &Ctx,
    id: i64,
    kind: DownloadKind,
) -> Result<Download, AppError> {
    let bytes = if kind == DownloadKind::Pdf {
        crate::document::pdf(&s.db, id).await
    } else {
        crate::document::docx(&s.db, id).await
    }
    .map_err(|e| e.into_app(ctx.tr))?;
    let matter = matters::get(&s.db, id)
        .await
        .map_err(|e| e.into_app(ctx.tr))?;
    Ok(Download {
        bytes,
        kind,
        name: format!("Van ban ghi nhan ket qua {}", matter.title),
    })
}

/// The document as DOCX (public, like the result).
#[utoipa::path(get, path = "/api/v1/matters/{id}/document.docx", params(("id" = i64, Path)),
    responses((status = 200, description = "DOCX", content_type = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"), (status = 404)), tag = "decisions")]
pub async fn docx(
    State(s): State<AppState>,
    ctx: Ctx,
    Path(id): Path<i64>,
) -> Result<Download, AppError> {
    download(&s, &ctx, id, DownloadKind::Docx).await
}

/// The document as PDF (public, like the result).
#[utoipa::path(get, path = "/api/v1/matters/{id}/document.pdf", params(("id" = i64, Path)),
    responses((status = 200, description = "PDF", content_type = "application/pdf"), (status = 404)), tag = "decisions")]
pub async fn pdf(
    State(s): State<AppState>,
    ctx: Ctx,
    Path(id): Path<i64>,
) -> Result<Download, AppError> {
    download(&s, &ctx, id, DownloadKind::Pdf).await
}

/// The running clocks of a matter today (sending, recognition), as on its work page.
#[utoipa::path(get, path = "/api/v1/matters/{id}/clocks", params(("id" = i64, Path)),
    responses((status = 200, body = [Clock]), (status = 401), (status = 403), (status = 404)), tag = "decisions")]
pub async fn clocks(
    Extension(m): Extension<DecisionsModule>,
    State(s): State<AppState>,
    ctx: Ctx,
    Path(id): Path<i64>,
) -> ApiResult<Vec<Clock>> {
    let (matter, _) = matter_for(&s, &ctx, id, &permissions::VIEW_REGISTER).await?;
    let list = crate::clocks::reminders_for(&m, &s.db, &matter, today_vn())
        .await
        .map_err(|e| e.into_app(ctx.tr))?;
    Ok(Json(
        list.into_iter()
            .map(|r| Clock {
                kind: r.kind.to_owned(),
                due_on: r.due_on.to_string(),
                overdue: r.overdue,
                text_vi: r.vi,
                text_en: r.en,
            })
            .collect(),
    ))
}

/// Overdue sendings and recognitions raised in a unit's subtree and still running, as on the
/// unit's list for officers (`decisions.view_register`).
#[utoipa::path(get, path = "/api/v1/units/{code}/overdue", params(("code" = String, Path, description = "Unit code")),
    responses((status = 200, body = [Overdue]), (status = 401), (status = 403), (status = 404)), tag = "decisions")]
pub async fn overdue(
    State(s): State<AppState>,
    ctx: Ctx,
    Path(code): Path<String>,
) -> ApiResult<Vec<Overdue>> {
    let unit = unit_by_code(&s, &code).await?;
    authorize(
        ctx.principal.as_ref(),
        &permissions::VIEW_REGISTER,
        Some(&unit),
    )?;
    let raised = crate::clocks::raised_in(&s.db, unit.id)
        .await
        .map_err(|e| e.into_app(ctx.tr))?;
    Ok(Json(
        raised
            .into_iter()
            .map(|r| Overdue {
                matter_id: r.matter_id,
                title: r.title,
                kind: r.kind,
                due_on: r.due_on,
            })
            .collect(),
    ))
}
