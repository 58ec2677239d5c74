//! API: plans, tasks cascaded down, templates for recurring work, progress, who is late.

use super::*;

/// Plans of a committee.
#[utoipa::path(get, path = "/api/v1/steering/{id}/plans", params(("id" = i64, Path)), responses((status = 200, body = [Plan]), (status = 403)))]
pub(crate) async fn plans_of(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<i64>,
) -> Result<Json<Vec<Plan>>, AppError> {
    viewable(&state, &ctx, id).await?;
    Ok(Json(plans::plans(&state.db, id).await?))
}

/// Creates a plan.
#[utoipa::path(post, path = "/api/v1/steering/{id}/plans", params(("id" = i64, Path)), request_body = NewPlan, responses((status = 200, body = Created), (status = 400), (status = 403)))]
pub(crate) async fn create_plan(
    State(state): State<AppState>,
    ctx: Ctx,
    headers: HeaderMap,
    Path(id): Path<i64>,
    Json(input): Json<NewPlan>,
) -> Result<Json<Created>, AppError> {
    let actor = writer(&ctx, &headers)?;
    let id = plans::create_plan(&state.db, actor, id, input).await?;
    Ok(Json(Created { id }))
}

/// Tasks of a plan, each with its lower committees' copies.
#[utoipa::path(get, path = "/api/v1/steering/plans/{id}/tasks", params(("id" = i64, Path)), responses((status = 200, body = [TaskView]), (status = 403)))]
pub(crate) async fn tasks_of(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<i64>,
) -> Result<Json<Vec<TaskView>>, AppError> {
    let plan = plans::plan(&state.db, id)
        .await?
        .ok_or_else(AppError::not_found)?;
    viewable(&state, &ctx, plan.committee_id).await?;
    Ok(Json(plans::tasks(&state.db, id, today_vn()).await?))
}

/// Adds a task, cascading it to lower committees.
#[utoipa::path(post, path = "/api/v1/steering/plans/{id}/tasks", params(("id" = i64, Path)), request_body = NewTask, responses((status = 200, body = Created), (status = 400), (status = 403)))]
pub(crate) async fn add_task(
    State(state): State<AppState>,
    ctx: Ctx,
    headers: HeaderMap,
    Path(id): Path<i64>,
    Json(input): Json<NewTask>,
) -> Result<Json<Created>, AppError> {
    let actor = writer(&ctx, &headers)?;
    let id = plans::add_task(&state.db, actor, id, input).await?;
    Ok(Json(Created { id }))
}

/// The task templates for recurring work (yearly review, reception plans, …).
#[utoipa::path(get, path = "/api/v1/steering/task-templates", responses((status = 200, body = Vec<crate::plans::templates::TaskTemplate>)))]
pub(crate) async fn task_templates() -> Result<Json<Vec<plans::templates::TaskTemplate>>, AppError>
{
    Ok(Json(plans::templates::all()?))
}

/// Which template to add to a plan.
#[derive(Deserialize, ToSchema)]
pub(crate) struct TemplateChoice {
    /// The template's key (`yearly_review`).
    template: String,
}

/// The ids of what was created.
#[derive(Serialize, ToSchema)]
pub(crate) struct CreatedMany {
    ids: Vec<i64>,
}

/// Adds a template's tasks to a plan, due dates counted from its period.
#[utoipa::path(post, path = "/api/v1/steering/plans/{id}/template", params(("id" = i64, Path)), request_body = TemplateChoice, responses((status = 200, body = CreatedMany), (status = 400), (status = 403)))]
pub(crate) async fn apply_template(
    State(state): State<AppState>,
    ctx: Ctx,
    headers: HeaderMap,
    Path(id): Path<i64>,
    Json(input): Json<TemplateChoice>,
) -> Result<Json<CreatedMany>, AppError> {
    let actor = writer(&ctx, &headers)?;
    let ids = plans::templates::instantiate(&state.db, actor, id, &input.template).await?;
    Ok(Json(CreatedMany { ids }))
}

/// Reports progress on a task.
#[utoipa::path(post, path = "/api/v1/steering/tasks/{id}/progress", params(("id" = i64, Path)), request_body = Progress, responses((status = 200, body = Created), (status = 400), (status = 403)))]
pub(crate) async fn record_progress(
    State(state): State<AppState>,
    ctx: Ctx,
    headers: HeaderMap,
    Path(id): Path<i64>,
    Json(input): Json<Progress>,
) -> Result<Json<Created>, AppError> {
    let actor = writer(&ctx, &headers)?;
    plans::record_progress(&state.db, actor, id, input).await?;
    Ok(Json(Created { id }))
}

/// Open tasks past their due date here and below.
#[utoipa::path(get, path = "/api/v1/steering/{id}/late", params(("id" = i64, Path)), responses((status = 200, body = [TaskView]), (status = 403)))]
pub(crate) async fn late(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<i64>,
) -> Result<Json<Vec<TaskView>>, AppError> {
    let (c, _) = viewable(&state, &ctx, id).await?;
    Ok(Json(plans::late(&state.db, &c, today_vn()).await?))
}
