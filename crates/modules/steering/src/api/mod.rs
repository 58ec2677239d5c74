//! The committees' JSON API under `/api/v1`: the committee and its members are public, as is a
//! signed-off report; everything else needs `steering.view`. Writes need a session and its token
//! in the `X-CSRF-Token` header, and the same permissions as the pages.

mod committees_api;
mod meetings_api;
mod plans_api;
mod reports_api;

pub(crate) use committees_api::*;
pub(crate) use meetings_api::*;
pub(crate) use plans_api::*;
pub(crate) use reports_api::*;

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
