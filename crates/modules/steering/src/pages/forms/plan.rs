//! Forms: a plan (kế hoạch) for a period, and a task in it assigned down to lower committees.

use axum::extract::{Path, State};
use axum::response::Response;
use dinh_platform::web::{AppError, AppState, Ctx};

use super::committee_page;
use crate::StoreError;
use crate::committees;
use crate::pages::actor;
use crate::pages::fields::{Fields, outcome};
use crate::plans::{self, NewPlan, NewTask};

/// `POST /steering/committees/{id}/plans`: a year, half-year or quarter plan.
pub(crate) async fn create_plan(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<i64>,
    axum::Form(pairs): axum::Form<Vec<(String, String)>>,
) -> Result<Response, AppError> {
    let f = Fields::checked(&ctx, pairs)?;
    let actor = actor(&ctx)?;
    let (_, unit) = committees::with_unit(&state.db, id).await?;
    let back = committee_page(&unit);
    let result = async {
        let input = NewPlan {
            kind: f.text("kind"),
            title: f.text("title"),
            period_from: f.required_date("period_from")?,
            period_to: f.required_date("period_to")?,
        };
        let plan = plans::create_plan(&state.db, actor, id, input).await?;
        Ok::<_, StoreError>(format!("/steering/plans/{plan}"))
    }
    .await;
    outcome(&ctx, &state.db, &back, result).await
}

/// `POST /steering/plans/{id}/tasks`: a task with its owner, due date and the lower units
/// whose committees get a copy.
pub(crate) async fn add_task(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<i64>,
    axum::Form(pairs): axum::Form<Vec<(String, String)>>,
) -> Result<Response, AppError> {
    let f = Fields::checked(&ctx, pairs)?;
    let actor = actor(&ctx)?;
    let back = format!("/steering/plans/{id}");
    let result = async {
        let input = NewTask {
            content: f.text("content"),
            owner: f.text("owner"),
            due_on: f.date("due_on")?,
            assign_to: f.all("assign_to"),
        };
        plans::add_task(&state.db, actor, id, input).await?;
        Ok::<_, StoreError>(back.clone())
    }
    .await;
    outcome(&ctx, &state.db, &back, result).await
}

/// `POST /steering/plans/{id}/template`: adds the tasks of a template for recurring work.
pub(crate) async fn apply_template(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<i64>,
    axum::Form(pairs): axum::Form<Vec<(String, String)>>,
) -> Result<Response, AppError> {
    let f = Fields::checked(&ctx, pairs)?;
    let actor = actor(&ctx)?;
    let back = format!("/steering/plans/{id}");
    let result = async {
        plans::templates::instantiate(&state.db, actor, id, &f.text("template")).await?;
        Ok::<_, StoreError>(back.clone())
    }
    .await;
    outcome(&ctx, &state.db, &back, result).await
}
