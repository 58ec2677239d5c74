//! Meetings: notice (late notice warned), attendance per household, procedural votes.

use axum::extract::{Path, State};
use axum::http::HeaderMap;
use axum::{Extension, Json};
use dinh_platform::web::{AppState, Ctx};

use super::{ApiResult, writer};
use crate::DecisionsModule;
use crate::meetings::{
    AttendanceInput, MeetingInput, MeetingView, ProceduralInput, ProceduralView,
};

/// Records a meeting (warns of late notice).
#[utoipa::path(post, path = "/api/v1/matters/{id}/meetings", params(("id" = i64, Path)), request_body = MeetingInput,
    responses((status = 401, description = "Not signed in"), (status = 403, description = "No X-CSRF-Token, or out of scope"), (status = 200, body = MeetingView), (status = 422)), tag = "decisions")]
pub async fn meeting(
    Extension(m): Extension<DecisionsModule>,
    State(s): State<AppState>,
    ctx: Ctx,
    headers: HeaderMap,
    Path(id): Path<i64>,
    Json(input): Json<MeetingInput>,
) -> ApiResult<MeetingView> {
    writer(&ctx, &headers)?;
    Ok(Json(
        crate::meetings::create(&m, &s.db, ctx.principal.as_ref(), id, &input)
            .await
            .map_err(|e| e.into_app(ctx.tr))?,
    ))
}

/// Records a household present.
#[utoipa::path(post, path = "/api/v1/matters/{id}/meetings/{meeting}/attendance", params(("id" = i64, Path), ("meeting" = i64, Path)), request_body = AttendanceInput,
    responses((status = 401, description = "Not signed in"), (status = 403, description = "No X-CSRF-Token, or out of scope"), (status = 200), (status = 422)), tag = "decisions")]
pub async fn attend(
    State(s): State<AppState>,
    ctx: Ctx,
    headers: HeaderMap,
    Path((id, meeting)): Path<(i64, i64)>,
    Json(input): Json<AttendanceInput>,
) -> ApiResult<()> {
    writer(&ctx, &headers)?;
    crate::meetings::attend(&s.db, ctx.principal.as_ref(), id, meeting, &input)
        .await
        .map_err(|e| e.into_app(ctx.tr))?;
    Ok(Json(()))
}

/// A procedural vote of the meeting.
#[utoipa::path(post, path = "/api/v1/matters/{id}/meetings/{meeting}/procedural", params(("id" = i64, Path), ("meeting" = i64, Path)), request_body = ProceduralInput,
    responses((status = 401, description = "Not signed in"), (status = 403, description = "No X-CSRF-Token, or out of scope"), (status = 200, body = ProceduralView), (status = 422)), tag = "decisions")]
pub async fn procedural(
    Extension(m): Extension<DecisionsModule>,
    State(s): State<AppState>,
    ctx: Ctx,
    headers: HeaderMap,
    Path((id, meeting)): Path<(i64, i64)>,
    Json(input): Json<ProceduralInput>,
) -> ApiResult<ProceduralView> {
    writer(&ctx, &headers)?;
    Ok(Json(
        crate::meetings::procedural(&m, &s.db, ctx.principal.as_ref(), id, meeting, &input)
            .await
            .map_err(|e| e.into_app(ctx.tr))?,
    ))
}
