//! A plan's tasks with their lower committees' copies, and the progress form.

use askama::Template;
use axum::extract::{Path, State};
use axum::response::{Html, Response};
use dinh_platform::accounts::authorize;
use dinh_platform::time::{parse_date, today_vn};
use dinh_platform::units::Unit;
use dinh_platform::web::{AppError, AppState, Chrome, Ctx, Form, render};
use serde::Deserialize;

use super::actor;
use crate::StoreError;
use crate::committees::{self, Committee};
use crate::permissions::{MANAGE, REPORT_PROGRESS, VIEW};
use crate::plans::templates::TaskTemplate;
use crate::plans::{self, Plan, Progress, TaskView};

#[derive(Template)]
#[template(path = "steering/plan.html")]
struct PlanPage {
    c: Chrome,
    unit: Unit,
    committee: Committee,
    plan: Plan,
    tasks: Vec<TaskView>,
    may_report: bool,
    /// May add tasks (and assign them to the lower committees listed).
    may_manage: bool,
    lower: Vec<Unit>,
    /// Task templates for recurring work.
    templates: Vec<TaskTemplate>,
    today: String,
}

/// `GET /steering/plans/{id}`.
pub(crate) async fn plan(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<i64>,
) -> Result<Html<String>, AppError> {
    let plan = plans::plan(&state.db, id)
        .await?
        .ok_or_else(AppError::not_found)?;
    let (committee, unit) = committees::with_unit(&state.db, plan.committee_id).await?;
    authorize(ctx.principal.as_ref(), &VIEW, Some(&unit))?;
    let tasks = plans::tasks(&state.db, plan.id, today_vn()).await?;
    let may_report = authorize(ctx.principal.as_ref(), &REPORT_PROGRESS, Some(&unit)).is_ok();
    let may_manage = authorize(ctx.principal.as_ref(), &MANAGE, Some(&unit)).is_ok();
    let lower = if may_manage {
        committees::below(&state.db, &unit)
            .await?
            .into_iter()
            .map(|(_, u)| u)
            .collect()
    } else {
        Vec::new()
    };
    render(&PlanPage {
        c: ctx.chrome(plan.title.clone()),
        unit,
        committee,
        plan,
        tasks,
        may_report,
        may_manage,
        lower,
        templates: if may_manage {
            plans::templates::all()?
        } else {
            Vec::new()
        },
        today: today_vn().format("%Y-%m-%d").to_string(),
    })
}

/// The progress form.
#[derive(Deserialize)]
pub(crate) struct ProgressForm {
    progress: String,
    note: String,
    #[serde(default)]
    evidence_url: String,
    #[serde(default)]
    noted_on: String,
}

/// `POST /steering/tasks/{id}/progress`.
pub(crate) async fn progress(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<i64>,
    Form(form): Form<ProgressForm>,
) -> Result<Response, AppError> {
    let actor = actor(&ctx)?;
    let pct: i64 = form.progress.trim().parse().map_err(|_| {
        AppError::from(StoreError::invalid(
            "progress",
            "write a whole number from 0 to 100",
        ))
    })?;
    let noted_on = if form.noted_on.trim().is_empty() {
        today_vn()
    } else {
        parse_date(&form.noted_on).ok_or_else(|| {
            AppError::from(StoreError::invalid(
                "noted_on",
                "write the date as dd/mm/yyyy",
            ))
        })?
    };
    plans::record_progress(
        &state.db,
        actor,
        id,
        Progress {
            noted_on,
            progress: pct,
            note: form.note,
            evidence_url: form.evidence_url,
        },
    )
    .await?;
    let (plan_id,): (i64,) = state
        .db
        .fetch_optional(
            &dinh_platform::db::query("SELECT plan_id FROM steering_tasks WHERE id = $1").bind(id),
        )
        .await?
        .ok_or_else(AppError::not_found)?;
    ctx.redirect_with_flash(
        &state.db,
        &format!("/steering/plans/{plan_id}"),
        ctx.tr.t("flash_saved"),
    )
    .await
}
