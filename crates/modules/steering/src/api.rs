//! The committees' JSON API under `/api/v1`: the committee and its members are public, as is a
//! signed-off report; everything else needs `steering.view`. Writes need a session and its token
//! in the `X-CSRF-Token` header, and the same permissions as the pages.

use axum::extract::{Path, Query, State};
use axum::http::HeaderMap;
use axum::routing::{get, post};
use axum::{Json, Router};
use chrono::NaiveDate;
use dinh_platform::accounts::authorize;
use dinh_platform::time::today_vn;
use dinh_platform::units::Unit;
use dinh_platform::web::{AppError, AppState, Ctx};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, OpenApi, ToSchema};

use crate::committees::{self, Committee, Member, NewCommittee, NewMember};
use crate::inspections::{self, NewInspection, Recommendation};
use crate::meetings::{self, Meeting, NewMeeting};
use crate::pages::unit;
use crate::permissions::VIEW;
use crate::plans::{self, NewPlan, NewTask, Plan, Progress, TaskView};
use crate::report::{self, Figures, Narrative, NewReport, ReportPeriod, ReportRow, Version};
use crate::{Actor, StoreError};

/// The committees' part of the OpenAPI document.
#[derive(OpenApi)]
#[openapi(
    paths(
        committee,
        create_committee,
        add_member,
        plans_of,
        create_plan,
        tasks_of,
        add_task,
        task_templates,
        apply_template,
        record_progress,
        late,
        meetings_of,
        record_meeting,
        publish_meeting,
        figures,
        create_report,
        report_of,
        revise_report,
        sign_report,
        create_inspection,
        recommendations_of,
        answer_recommendation
    ),
    components(schemas(
        crate::plans::templates::TaskTemplate,
        crate::plans::templates::TemplateTask,
        TemplateChoice,
        CreatedMany,
        CommitteeJson,
        Committee,
        Member,
        NewCommittee,
        NewMember,
        crate::committees::Position,
        Plan,
        NewPlan,
        NewTask,
        TaskView,
        Progress,
        Meeting,
        NewMeeting,
        crate::meetings::Conclusion,
        Figures,
        crate::report::FigureRow,
        crate::report::LowerRow,
        crate::report::Inherited,
        ReportPeriod,
        crate::report::PeriodKind,
        NewReport,
        Narrative,
        ReportJson,
        ReportRow,
        Version,
        Revision,
        SignOff,
        NewInspection,
        crate::inspections::NewRecommendation,
        Recommendation,
        Answer,
        Created
    ))
)]
pub(crate) struct ApiDoc;

/// The routes.
pub(crate) fn routes() -> Router<AppState> {
    Router::new()
        .route(
            "/units/{code}/steering",
            get(committee).post(create_committee),
        )
        .route("/units/{code}/steering/figures", get(figures))
        .route("/steering/{id}/members", post(add_member))
        .route("/steering/{id}/plans", get(plans_of).post(create_plan))
        .route("/steering/{id}/late", get(late))
        .route(
            "/steering/{id}/meetings",
            get(meetings_of).post(record_meeting),
        )
        .route("/steering/{id}/reports", post(create_report))
        .route("/steering/{id}/inspections", post(create_inspection))
        .route("/steering/{id}/recommendations", get(recommendations_of))
        .route("/steering/plans/{id}/tasks", get(tasks_of).post(add_task))
        .route("/steering/plans/{id}/template", post(apply_template))
        .route("/steering/task-templates", get(task_templates))
        .route("/steering/tasks/{id}/progress", post(record_progress))
        .route("/steering/meetings/{id}/publish", post(publish_meeting))
        .route("/steering/reports/{id}", get(report_of))
        .route("/steering/reports/{id}/versions", post(revise_report))
        .route("/steering/reports/{id}/sign", post(sign_report))
        .route(
            "/steering/recommendations/{id}/answer",
            post(answer_recommendation),
        )
}

/// The id of what was created.
#[derive(Serialize, ToSchema)]
pub(crate) struct Created {
    id: i64,
}

/// A committee with its members.
#[derive(Serialize, ToSchema)]
pub(crate) struct CommitteeJson {
    committee: Committee,
    members: Vec<Member>,
}

fn writer<'a>(ctx: &'a Ctx, headers: &HeaderMap) -> Result<Actor<'a>, AppError> {
    let principal = ctx
        .principal
        .as_ref()
        .ok_or_else(|| AppError::from(dinh_platform::accounts::Denied::NotSignedIn))?;
    let token = headers
        .get("x-csrf-token")
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default();
    ctx.check_csrf(token)?;
    Ok(Actor::Person(principal))
}

async fn viewable(
    state: &AppState,
    ctx: &Ctx,
    committee_id: i64,
) -> Result<(Committee, Unit), AppError> {
    let (c, u) = committees::with_unit(&state.db, committee_id).await?;
    authorize(ctx.principal.as_ref(), &VIEW, Some(&u))?;
    Ok((c, u))
}

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

/// `?kind=quarter|half|year|custom&year=&number=&from=&to=`.
#[derive(Deserialize, IntoParams)]
pub(crate) struct PeriodQuery {
    /// `quarter`, `half`, `year` or `custom`.
    kind: String,
    /// Year (quarter, half, year).
    year: Option<i32>,
    /// Quarter 1-4 or half 1-2.
    number: Option<u32>,
    /// First day (custom).
    from: Option<NaiveDate>,
    /// Last day (custom).
    to: Option<NaiveDate>,
}

impl PeriodQuery {
    fn period(&self) -> Result<ReportPeriod, StoreError> {
        let year = || {
            self.year
                .ok_or_else(|| StoreError::invalid("year", "is required"))
        };
        let number = || {
            self.number
                .ok_or_else(|| StoreError::invalid("number", "is required"))
        };
        match self.kind.as_str() {
            "quarter" => ReportPeriod::quarter(year()?, number()?),
            "half" => ReportPeriod::half(year()?, number()?),
            "year" => ReportPeriod::year(year()?),
            "custom" => ReportPeriod::custom(
                self.from
                    .ok_or_else(|| StoreError::invalid("from", "is required"))?,
                self.to
                    .ok_or_else(|| StoreError::invalid("to", "is required"))?,
            ),
            _ => Err(StoreError::invalid("kind", "quarter, half, year or custom")),
        }
    }
}

/// Live figures of a unit for a period, from every module's indicators.
#[utoipa::path(get, path = "/api/v1/units/{code}/steering/figures", params(("code" = String, Path), PeriodQuery), responses((status = 200, body = Figures), (status = 400), (status = 403)))]
pub(crate) async fn figures(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(code): Path<String>,
    Query(q): Query<PeriodQuery>,
) -> Result<Json<Figures>, AppError> {
    let unit = unit(&state, &code).await?;
    authorize(ctx.principal.as_ref(), &VIEW, Some(&unit))?;
    let period = q.period()?;
    Ok(Json(
        report::figures_for(&state.db, &state.registry, &unit, period).await?,
    ))
}

/// Creates a review report (version 1).
#[utoipa::path(post, path = "/api/v1/steering/{id}/reports", params(("id" = i64, Path)), request_body = NewReport, responses((status = 200, body = Created), (status = 400), (status = 403)))]
pub(crate) async fn create_report(
    State(state): State<AppState>,
    ctx: Ctx,
    headers: HeaderMap,
    Path(id): Path<i64>,
    Json(input): Json<NewReport>,
) -> Result<Json<Created>, AppError> {
    let actor = writer(&ctx, &headers)?;
    let id = report::create(&state.db, &state.registry, actor, id, input).await?;
    Ok(Json(Created { id }))
}

/// A report with one version.
#[derive(Serialize, ToSchema)]
pub(crate) struct ReportJson {
    report: ReportRow,
    version: Version,
}

/// `?version=`.
#[derive(Deserialize, IntoParams)]
pub(crate) struct VersionQuery {
    /// Version number; the latest when absent.
    version: Option<i32>,
}

/// A report (a signed-off version is public; drafts need `steering.view`).
#[utoipa::path(get, path = "/api/v1/steering/reports/{id}", params(("id" = i64, Path), VersionQuery), responses((status = 200, body = ReportJson), (status = 403), (status = 404)))]
pub(crate) async fn report_of(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<i64>,
    Query(q): Query<VersionQuery>,
) -> Result<Json<ReportJson>, AppError> {
    let r = report::load(&state.db, id, q.version).await?;
    if r.row.signed_version != Some(r.version.version) {
        authorize(ctx.principal.as_ref(), &VIEW, Some(&r.unit))?;
    }
    Ok(Json(ReportJson {
        report: r.row,
        version: r.version,
    }))
}

/// A new version of a report.
#[derive(Deserialize, ToSchema)]
pub(crate) struct Revision {
    narrative: Narrative,
    /// Recompute the figures.
    #[serde(default)]
    refresh: bool,
}

/// Writes a new version.
#[utoipa::path(post, path = "/api/v1/steering/reports/{id}/versions", params(("id" = i64, Path)), request_body = Revision, responses((status = 200, body = Created), (status = 400), (status = 403)))]
pub(crate) async fn revise_report(
    State(state): State<AppState>,
    ctx: Ctx,
    headers: HeaderMap,
    Path(id): Path<i64>,
    Json(input): Json<Revision>,
) -> Result<Json<Created>, AppError> {
    let actor = writer(&ctx, &headers)?;
    let v = report::revise(
        &state.db,
        &state.registry,
        actor,
        id,
        input.narrative,
        input.refresh,
    )
    .await?;
    Ok(Json(Created { id: i64::from(v) }))
}

/// A sign-off.
#[derive(Deserialize, ToSchema)]
pub(crate) struct SignOff {
    /// The member signing (head or deputy head).
    member_id: i64,
    /// Day signed.
    signed_on: NaiveDate,
}

/// Signs off the latest version.
#[utoipa::path(post, path = "/api/v1/steering/reports/{id}/sign", params(("id" = i64, Path)), request_body = SignOff, responses((status = 200, body = Created), (status = 400), (status = 403)))]
pub(crate) async fn sign_report(
    State(state): State<AppState>,
    ctx: Ctx,
    headers: HeaderMap,
    Path(id): Path<i64>,
    Json(input): Json<SignOff>,
) -> Result<Json<Created>, AppError> {
    let actor = writer(&ctx, &headers)?;
    report::sign_off(&state.db, actor, id, input.member_id, input.signed_on).await?;
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
