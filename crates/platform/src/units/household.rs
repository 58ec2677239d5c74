//! One household's page for officers (hộ gia đình): its facts and what an officer may do for
//! it when it is not online (làm thay cho hộ), gathered from every module of the registry.

use super::permissions::VIEW_HOUSEHOLDS;
use super::store::{self, Unit};
use crate::accounts::authorize;
use crate::households::{self, Household};
use crate::module::SectionItem;
use crate::web::{AppError, AppState, Chrome, Ctx, render};
use crate::work::WorkScope;
use askama::Template;
use axum::extract::{Path, State};
use axum::response::{IntoResponse, Response};

#[derive(Template)]
#[template(path = "units/household.html")]
struct HouseholdPage {
    c: Chrome,
    household: Household,
    unit: Unit,
    actions: Vec<SectionItem>,
}

/// `GET /households/{code}`: behind the household list's permission at the household's thôn.
pub(super) async fn page(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(code): Path<String>,
) -> Result<Response, AppError> {
    let db = &state.db;
    let principal = ctx
        .principal
        .clone()
        .ok_or(crate::accounts::Denied::NotSignedIn)?;
    let (household, unit_id) = households::by_code(db, &code)
        .await?
        .ok_or_else(AppError::not_found)?;
    let unit = store::by_id(db, unit_id)
        .await?
        .ok_or_else(AppError::not_found)?;
    authorize(Some(&principal), &VIEW_HOUSEHOLDS, Some(&unit))?;
    let scope = WorkScope::load(db, principal, crate::time::today_vn()).await?;
    let actions: Vec<SectionItem> = futures_util::future::try_join_all(
        state
            .registry
            .modules()
            .iter()
            .map(|m| m.household_actions(db, &household, &unit, &scope, ctx.tr)),
    )
    .await?
    .into_iter()
    .flatten()
    .collect();
    let title = format!("{} — {}", household.representative, household.code);
    Ok(render(&HouseholdPage {
        c: ctx.chrome(title),
        household,
        unit,
        actions,
    })?
    .into_response())
}
