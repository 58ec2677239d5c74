//! The decision document (văn bản ghi nhận kết quả, Điều 20) on the work page: drafting it from
//! the closed result, recording that it was sent, recognition or a written refusal; and the
//! downloads: the document as DOCX or PDF (public, like the result) and the printable household
//! ballots (officers only: they name each household's representative).

use axum::Extension;
use axum::extract::{Path, State};
use axum::response::{IntoResponse, Redirect, Response};
use dinh_platform::documents::{Download, DownloadKind};
use dinh_platform::time::today_vn;
use dinh_platform::web::{AppError, AppState, Ctx, Form};
use serde::Deserialize;

use crate::{DecisionsModule, DocumentInput, matters};

fn back(id: i64, done: &str) -> Response {
    Redirect::to(&format!("/matters/{id}/work?done={done}")).into_response()
}

/// What the officers add to the result: the day, the decision and the four signatories.
#[derive(Deserialize)]
pub(crate) struct DocumentForm {
    #[serde(default)]
    held_on: String,
    #[serde(default)]
    decision: String,
    #[serde(default)]
    village_head: String,
    #[serde(default)]
    front_head: String,
    #[serde(default)]
    household_rep_1: String,
    #[serde(default)]
    household_rep_2: String,
}

/// `POST /matters/{id}/work/document`.
pub(crate) async fn create(
    Extension(m): Extension<DecisionsModule>,
    State(s): State<AppState>,
    ctx: Ctx,
    Path(id): Path<i64>,
    Form(f): Form<DocumentForm>,
) -> Result<Response, AppError> {
    let input = DocumentInput {
        held_on: f.held_on,
        decision: f.decision,
        village_head: f.village_head,
        front_head: f.front_head,
        household_rep_1: f.household_rep_1,
        household_rep_2: f.household_rep_2,
    };
    crate::document::create(&m, &s.db, ctx.principal.as_ref(), id, &input)
        .await
        .map_err(|e| e.into_app(ctx.tr))?;
    Ok(back(id, "document"))
}

/// The day the document was sent.
#[derive(Deserialize)]
pub(crate) struct SentForm {
    #[serde(default)]
    sent_on: String,
}

/// `POST /matters/{id}/work/document/sent`.
pub(crate) async fn sent(
    Extension(m): Extension<DecisionsModule>,
    State(s): State<AppState>,
    ctx: Ctx,
    Path(id): Path<i64>,
    Form(f): Form<SentForm>,
) -> Result<Response, AppError> {
    crate::document::sent(&m, &s.db, ctx.principal.as_ref(), id, &f.sent_on)
        .await
        .map_err(|e| e.into_app(ctx.tr))?;
    Ok(back(id, "sent"))
}

/// Recognition (`recognise`) or written refusal (`refuse`, with reasons).
#[derive(Deserialize)]
pub(crate) struct RecognitionForm {
    #[serde(default)]
    decision: String,
    #[serde(default)]
    on: String,
    #[serde(default)]
    reason: String,
}

/// `POST /matters/{id}/work/document/recognition`.
pub(crate) async fn recognise(
    State(s): State<AppState>,
    ctx: Ctx,
    Path(id): Path<i64>,
    Form(f): Form<RecognitionForm>,
) -> Result<Response, AppError> {
    crate::document::decide(
        &s.db,
        ctx.principal.as_ref(),
        id,
        &f.decision,
        &f.on,
        &f.reason,
        today_vn(),
    )
    .await
    .map_err(|e| e.into_app(ctx.tr))?;
    Ok(back(id, "recognition"))
}

async fn named(s: &AppState, ctx: &Ctx, id: i64) -> Result<String, AppError> {
    let matter = matters::get(&s.db, id)
        .await
        .map_err(|e| e.into_app(ctx.tr))?;
    Ok(format!("Van ban ghi nhan ket qua {}", matter.title))
}

/// `GET /matters/{id}/document.docx`.
pub(crate) async fn docx(
    State(s): State<AppState>,
    ctx: Ctx,
    Path(id): Path<i64>,
) -> Result<Download, AppError> {
    let bytes = crate::document::docx(&s.db, id)
        .await
        .map_err(|e| e.into_app(ctx.tr))?;
    Ok(Download {
        bytes,
        kind: DownloadKind::Docx,
        name: named(&s, &ctx, id).await?,
    })
}

/// `GET /matters/{id}/document.pdf`.
pub(crate) async fn pdf(
    State(s): State<AppState>,
    ctx: Ctx,
    Path(id): Path<i64>,
) -> Result<Download, AppError> {
    let bytes = crate::document::pdf(&s.db, id)
        .await
        .map_err(|e| e.into_app(ctx.tr))?;
    Ok(Download {
        bytes,
        kind: DownloadKind::Pdf,
        name: named(&s, &ctx, id).await?,
    })
}

/// `GET /matters/{id}/ballots.docx`: one ballot page per household of the thôn (officers).
pub(crate) async fn ballots(
    m: Extension<DecisionsModule>,
    s: State<AppState>,
    ctx: Ctx,
    id: Path<i64>,
) -> Result<Download, AppError> {
    ballots_as(m, s, ctx, id, DownloadKind::Docx).await
}

/// `GET /matters/{id}/ballots.pdf`: the same ballots as PDF.
pub(crate) async fn ballots_pdf(
    m: Extension<DecisionsModule>,
    s: State<AppState>,
    ctx: Ctx,
    id: Path<i64>,
) -> Result<Download, AppError> {
    ballots_as(m, s, ctx, id, DownloadKind::Pdf).await
}

async fn ballots_as(
    Extension(m): Extension<DecisionsModule>,
    State(s): State<AppState>,
    ctx: Ctx,
    Path(id): Path<i64>,
    kind: DownloadKind,
) -> Result<Download, AppError> {
    let (bytes, title) = crate::ballot_paper::printable(
        &m,
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
