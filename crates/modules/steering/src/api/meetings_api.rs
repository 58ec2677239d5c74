//! API: meetings (conclusions → tasks, news), inspections and their recommendations.

use super::*;

/// Meetings of a committee.
#[utoipa::path(get, path = "/api/v1/steering/{id}/meetings", params(("id" = i64, Path)), responses((status = 200, body = [Meeting]), (status = 403)))]
pub(crate) async fn meetings_of(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<i64>,
) -> Result<Json<Vec<Meeting>>, AppError> {
    viewable(&state, &ctx, id).await?;
    Ok(Json(meetings::list(&state.db, id).await?))
}

/// Records a meeting; its conclusions become tasks.
#[utoipa::path(post, path = "/api/v1/steering/{id}/meetings", params(("id" = i64, Path)), request_body = NewMeeting, responses((status = 200, body = Created), (status = 400), (status = 403)))]
pub(crate) async fn record_meeting(
    State(state): State<AppState>,
    ctx: Ctx,
    headers: HeaderMap,
    Path(id): Path<i64>,
    Json(input): Json<NewMeeting>,
) -> Result<Json<Created>, AppError> {
    let actor = writer(&ctx, &headers)?;
    let id = meetings::record(&state.db, actor, id, input).await?;
    Ok(Json(Created { id }))
}

/// Publishes a meeting as news.
#[utoipa::path(post, path = "/api/v1/steering/meetings/{id}/publish", params(("id" = i64, Path)), responses((status = 200, body = Created), (status = 400), (status = 403)))]
pub(crate) async fn publish_meeting(
    State(state): State<AppState>,
    ctx: Ctx,
    headers: HeaderMap,
    Path(id): Path<i64>,
) -> Result<Json<Created>, AppError> {
    let actor = writer(&ctx, &headers)?;
    meetings::publish(&state.db, actor, id).await?;
    Ok(Json(Created { id }))
}

/// Plans an inspection of a lower committee.
#[utoipa::path(post, path = "/api/v1/steering/{id}/inspections", params(("id" = i64, Path)), request_body = NewInspection, responses((status = 200, body = Created), (status = 400), (status = 403)))]
pub(crate) async fn create_inspection(
    State(state): State<AppState>,
    ctx: Ctx,
    headers: HeaderMap,
    Path(id): Path<i64>,
    Json(input): Json<NewInspection>,
) -> Result<Json<Created>, AppError> {
    let actor = writer(&ctx, &headers)?;
    let id = inspections::create(&state.db, actor, id, input).await?;
    Ok(Json(Created { id }))
}

/// Recommendations of a committee's inspections.
#[utoipa::path(get, path = "/api/v1/steering/{id}/recommendations", params(("id" = i64, Path)), responses((status = 200, body = [Recommendation]), (status = 403)))]
pub(crate) async fn recommendations_of(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<i64>,
) -> Result<Json<Vec<Recommendation>>, AppError> {
    viewable(&state, &ctx, id).await?;
    Ok(Json(inspections::recommendations(&state.db, id).await?))
}

/// An answer to a recommendation.
#[derive(Deserialize, ToSchema)]
pub(crate) struct Answer {
    answered_on: NaiveDate,
    answer: String,
}

/// The inspected committee answers a recommendation.
#[utoipa::path(post, path = "/api/v1/steering/recommendations/{id}/answer", params(("id" = i64, Path)), request_body = Answer, responses((status = 200, body = Created), (status = 400), (status = 403)))]
pub(crate) async fn answer_recommendation(
    State(state): State<AppState>,
    ctx: Ctx,
    headers: HeaderMap,
    Path(id): Path<i64>,
    Json(input): Json<Answer>,
) -> Result<Json<Created>, AppError> {
    let actor = writer(&ctx, &headers)?;
    inspections::answer(&state.db, actor, id, input.answered_on, &input.answer).await?;
    Ok(Json(Created { id }))
}
