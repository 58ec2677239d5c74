//! Citizen initiatives (sáng kiến, Luật 10/2022 Điều 16): opened and supported online by a
//! household representative, support given in writing entered by an officer, the Front work
//! team's approval below the pack's share, and a thôn's list.

use axum::extract::{Path, State};
use axum::http::HeaderMap;
use axum::{Extension, Json};
use dinh_platform::time::today_vn;
use dinh_platform::web::{AppState, Ctx};
use serde::Deserialize;
use utoipa::ToSchema;

use super::{ApiResult, unit_by_code, writer};
use crate::initiatives::Standing;
use crate::{DecisionsModule, Initiative, InitiativeInput};

/// A household's support given in writing or at a meeting.
#[derive(Deserialize, ToSchema)]
pub struct WrittenSupport {
    /// Household code.
    #[serde(default)]
    pub household: String,
}

/// The initiatives of a thôn with their support against all its households today, newest
/// first (public, as the page).
#[utoipa::path(get, path = "/api/v1/units/{code}/initiatives", params(("code" = String, Path, description = "Thôn code")),
    responses((status = 200, body = [Standing]), (status = 404)), tag = "decisions")]
pub async fn list(
    Extension(m): Extension<DecisionsModule>,
    State(s): State<AppState>,
    ctx: Ctx,
    Path(code): Path<String>,
) -> ApiResult<Vec<Standing>> {
    let unit = unit_by_code(&s, &code).await?;
    let found = async {
        let list = crate::initiatives::list(&s.db, unit.id).await?;
        crate::initiatives::standing(&m, &s.db, list, today_vn()).await
    };
    Ok(Json(found.await.map_err(|e| e.into_app(ctx.tr))?))
}

/// An initiative with its support against all the thôn's households today (public).
#[utoipa::path(get, path = "/api/v1/initiatives/{id}", params(("id" = i64, Path)),
    responses((status = 200, body = Standing), (status = 404)), tag = "decisions")]
pub async fn detail(
    Extension(m): Extension<DecisionsModule>,
    State(s): State<AppState>,
    ctx: Ctx,
    Path(id): Path<i64>,
) -> ApiResult<Standing> {
    let found = async {
        let one = crate::initiatives::get(&s.db, id).await?;
        let mut standing = crate::initiatives::standing(&m, &s.db, vec![one], today_vn()).await?;
        standing.pop().ok_or(crate::Error::NotFound("initiative"))
    };
    Ok(Json(found.await.map_err(|e| e.into_app(ctx.tr))?))
}

/// Opens an initiative in the signed-in representative's thôn; the household supports it.
#[utoipa::path(post, path = "/api/v1/initiatives", request_body = InitiativeInput,
    responses((status = 200, body = Initiative), (status = 401, description = "Not signed in"),
        (status = 403, description = "No X-CSRF-Token, or not a household representative"), (status = 422, description = "Bad input, named")), tag = "decisions")]
pub async fn open(
    Extension(m): Extension<DecisionsModule>,
    State(s): State<AppState>,
    ctx: Ctx,
    headers: HeaderMap,
    Json(input): Json<InitiativeInput>,
) -> ApiResult<Initiative> {
    writer(&ctx, &headers)?;
    Ok(Json(
        crate::initiatives::open(&m, &s.db, ctx.principal.as_ref(), &input, today_vn())
            .await
            .map_err(|e| e.into_app(ctx.tr))?,
    ))
}

/// The signed-in representative's household supports the initiative (online).
#[utoipa::path(post, path = "/api/v1/initiatives/{id}/support", params(("id" = i64, Path)),
    responses((status = 200, body = Initiative), (status = 401, description = "Not signed in"),
        (status = 403, description = "No X-CSRF-Token, or not a representative of the thôn"), (status = 422, description = "Refused, named")), tag = "decisions")]
pub async fn support(
    Extension(m): Extension<DecisionsModule>,
    State(s): State<AppState>,
    ctx: Ctx,
    headers: HeaderMap,
    Path(id): Path<i64>,
) -> ApiResult<Initiative> {
    writer(&ctx, &headers)?;
    Ok(Json(
        crate::initiatives::support(&m, &s.db, ctx.principal.as_ref(), id, today_vn())
            .await
            .map_err(|e| e.into_app(ctx.tr))?,
    ))
}

/// Support given in writing or at a meeting, entered by an officer (`decisions.run`).
#[utoipa::path(post, path = "/api/v1/initiatives/{id}/written-support", params(("id" = i64, Path)), request_body = WrittenSupport,
    responses((status = 200, body = Initiative), (status = 401, description = "Not signed in"),
        (status = 403, description = "No X-CSRF-Token, or out of scope"), (status = 422, description = "Refused, named")), tag = "decisions")]
pub async fn support_written(
    Extension(m): Extension<DecisionsModule>,
    State(s): State<AppState>,
    ctx: Ctx,
    headers: HeaderMap,
    Path(id): Path<i64>,
    Json(input): Json<WrittenSupport>,
) -> ApiResult<Initiative> {
    writer(&ctx, &headers)?;
    Ok(Json(
        crate::initiatives::support_written(
            &m,
            &s.db,
            ctx.principal.as_ref(),
            id,
            &input.household,
            today_vn(),
        )
        .await
        .map_err(|e| e.into_app(ctx.tr))?,
    ))
}

/// The Front work team approves an initiative below the pack's share (`decisions.front_approve`).
#[utoipa::path(post, path = "/api/v1/initiatives/{id}/front-approval", params(("id" = i64, Path)),
    responses((status = 200, body = Initiative), (status = 401, description = "Not signed in"),
        (status = 403, description = "No X-CSRF-Token, or not the Front work team of the thôn"), (status = 422, description = "Refused, named")), tag = "decisions")]
pub async fn approve(
    Extension(m): Extension<DecisionsModule>,
    State(s): State<AppState>,
    ctx: Ctx,
    headers: HeaderMap,
    Path(id): Path<i64>,
) -> ApiResult<Initiative> {
    writer(&ctx, &headers)?;
    Ok(Json(
        crate::initiatives::approve_by_front(&m, &s.db, ctx.principal.as_ref(), id, today_vn())
            .await
            .map_err(|e| e.into_app(ctx.tr))?,
    ))
}
