//! API: a unit's committee and its members.

use super::*;

/// The committee of a unit and its members (public).
#[utoipa::path(get, path = "/api/v1/units/{code}/steering", params(("code" = String, Path)), responses((status = 200, body = CommitteeJson), (status = 404)))]
pub(crate) async fn committee(
    State(state): State<AppState>,
    Path(code): Path<String>,
) -> Result<Json<CommitteeJson>, AppError> {
    let unit = unit(&state, &code).await?;
    let committee = committees::of_unit(&state.db, unit.id)
        .await?
        .ok_or_else(AppError::not_found)?;
    let members = committees::members(&state.db, committee.id).await?;
    Ok(Json(CommitteeJson { committee, members }))
}

/// Sets up the committee of a unit.
#[utoipa::path(post, path = "/api/v1/units/{code}/steering", params(("code" = String, Path)), request_body = NewCommittee, responses((status = 200, body = Created), (status = 400), (status = 403)))]
pub(crate) async fn create_committee(
    State(state): State<AppState>,
    ctx: Ctx,
    headers: HeaderMap,
    Path(code): Path<String>,
    Json(input): Json<NewCommittee>,
) -> Result<Json<Created>, AppError> {
    let actor = writer(&ctx, &headers)?;
    let unit = unit(&state, &code).await?;
    let id = committees::create(&state.db, actor, &unit, input).await?;
    Ok(Json(Created { id }))
}

/// Adds a member.
#[utoipa::path(post, path = "/api/v1/steering/{id}/members", params(("id" = i64, Path)), request_body = NewMember, responses((status = 200, body = Created), (status = 400), (status = 403)))]
pub(crate) async fn add_member(
    State(state): State<AppState>,
    ctx: Ctx,
    headers: HeaderMap,
    Path(id): Path<i64>,
    Json(input): Json<NewMember>,
) -> Result<Json<Created>, AppError> {
    let actor = writer(&ctx, &headers)?;
    let id = committees::add_member(&state.db, actor, id, input).await?;
    Ok(Json(Created { id }))
}
