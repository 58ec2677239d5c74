//! JSON API of units, lineage and households (`/api/v1/units/…`).

use super::permissions::VIEW_HOUSEHOLDS;
use super::store::{self, LineageLink, Unit};
use crate::accounts::authorize;
use crate::households::{self, Household};
use crate::web::{AppError, AppState, Ctx};
use axum::Json;
use axum::extract::{Path, Query, State};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

/// A unit with its parent and number of children.
#[derive(Serialize, ToSchema)]
pub struct UnitDetail {
    /// The unit.
    pub unit: Unit,
    /// Its parent, if any.
    pub parent: Option<Unit>,
    /// Number of units directly within it.
    pub children: i64,
}

/// What a unit came from and what it became.
#[derive(Serialize, ToSchema)]
pub struct Lineage {
    /// The unit asked about.
    pub unit: Unit,
    /// Units that went into it ("what did this new ward come from?").
    pub predecessors: Vec<LineageLink>,
    /// Units it went into ("what did this old ward become?").
    pub successors: Vec<LineageLink>,
}

/// Household count of a unit's subtree on a date.
#[derive(Serialize, ToSchema)]
pub struct HouseholdCount {
    /// Unit code.
    pub unit: String,
    /// The date (ISO).
    pub date: String,
    /// Households that existed that day.
    pub households: i64,
}

/// Query of the unit list.
#[derive(Deserialize, IntoParams)]
pub struct ListQuery {
    /// Name to search for (diacritics optional); without it, the provinces.
    pub q: Option<String>,
    /// At most this many (default 50, at most 500).
    pub limit: Option<i64>,
}

/// Query with an optional date and page.
#[derive(Deserialize, IntoParams)]
pub struct DateQuery {
    /// Date, dd/mm/yyyy or yyyy-mm-dd (default: today in Vietnam).
    pub date: Option<String>,
    /// Page, from 1 (100 per page).
    pub page: Option<i64>,
}

impl DateQuery {
    fn date(&self) -> Result<chrono::NaiveDate, AppError> {
        match &self.date {
            None => Ok(crate::time::today_vn()),
            Some(text) => crate::time::parse_date(text).ok_or_else(|| {
                AppError::bad_request(format!("date: '{text}' is not a date; write dd/mm/yyyy"))
            }),
        }
    }
}

async fn unit_or_404(state: &AppState, code: &str) -> Result<Unit, AppError> {
    store::by_code(&state.db, code)
        .await?
        .ok_or_else(AppError::not_found)
}

/// Provinces, or units whose name matches `q`.
#[utoipa::path(get, path = "/api/v1/units", params(ListQuery), responses((status = 200, body = Vec<Unit>)), tag = "units")]
pub async fn list_units(
    State(state): State<AppState>,
    Query(q): Query<ListQuery>,
) -> Result<Json<Vec<Unit>>, AppError> {
    let limit = q.limit.unwrap_or(50).clamp(1, 500);
    let units = match q.q.as_deref().filter(|s| !s.trim().is_empty()) {
        Some(text) => store::search(&state.db, text, limit).await?,
        None => store::children(&state.db, None, limit, 0).await?,
    };
    Ok(Json(units))
}

/// One unit.
#[utoipa::path(get, path = "/api/v1/units/{code}", params(("code" = String, Path, description = "Unit code")),
    responses((status = 200, body = UnitDetail), (status = 404, description = "No such unit")), tag = "units")]
pub async fn get_unit(
    State(state): State<AppState>,
    Path(code): Path<String>,
) -> Result<Json<UnitDetail>, AppError> {
    let unit = unit_or_404(&state, &code).await?;
    let parent = match unit.parent_id {
        Some(id) => store::by_id(&state.db, id).await?,
        None => None,
    };
    let children = store::count_children(&state.db, Some(unit.id)).await?;
    Ok(Json(UnitDetail {
        unit,
        parent,
        children,
    }))
}

/// Units directly within a unit.
#[utoipa::path(get, path = "/api/v1/units/{code}/children", params(("code" = String, Path, description = "Unit code"), DateQuery),
    responses((status = 200, body = Vec<Unit>)), tag = "units")]
pub async fn get_children(
    State(state): State<AppState>,
    Path(code): Path<String>,
    Query(q): Query<DateQuery>,
) -> Result<Json<Vec<Unit>>, AppError> {
    let unit = unit_or_404(&state, &code).await?;
    let page = q.page.unwrap_or(1).clamp(1, 100_000);
    Ok(Json(
        store::children(&state.db, Some(unit.id), 100, (page - 1) * 100).await?,
    ))
}

/// What a unit came from and what it became.
#[utoipa::path(get, path = "/api/v1/units/{code}/lineage", params(("code" = String, Path, description = "Unit code")),
    responses((status = 200, body = Lineage), (status = 404, description = "No such unit")), tag = "units")]
pub async fn get_lineage(
    State(state): State<AppState>,
    Path(code): Path<String>,
) -> Result<Json<Lineage>, AppError> {
    let unit = unit_or_404(&state, &code).await?;
    let predecessors = store::predecessors(&state.db, unit.id).await?;
    let successors = store::successors(&state.db, unit.id).await?;
    Ok(Json(Lineage {
        unit,
        predecessors,
        successors,
    }))
}

/// Number of households of a unit's subtree on a date (the denominator of community votes).
#[utoipa::path(get, path = "/api/v1/units/{code}/household-count", params(("code" = String, Path, description = "Unit code"), DateQuery),
    responses((status = 200, body = HouseholdCount), (status = 422, description = "Bad date")), tag = "households")]
pub async fn household_count(
    State(state): State<AppState>,
    Path(code): Path<String>,
    Query(q): Query<DateQuery>,
) -> Result<Json<HouseholdCount>, AppError> {
    let unit = unit_or_404(&state, &code).await?;
    let date = q.date()?;
    let households = households::count_at(&state.db, unit.id, date).await?;
    Ok(Json(HouseholdCount {
        unit: unit.code,
        date: date.to_string(),
        households,
    }))
}

/// Households of a residential community (officers in scope only).
#[utoipa::path(get, path = "/api/v1/units/{code}/households", params(("code" = String, Path, description = "Unit code"), DateQuery),
    responses((status = 200, body = Vec<Household>), (status = 401, description = "Not signed in"), (status = 403, description = "Outside your units")),
    tag = "households")]
pub async fn list_households(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(code): Path<String>,
    Query(q): Query<DateQuery>,
) -> Result<Json<Vec<Household>>, AppError> {
    let unit = unit_or_404(&state, &code).await?;
    authorize(ctx.principal.as_ref(), &VIEW_HOUSEHOLDS, Some(&unit))?;
    let page = q.page.unwrap_or(1).clamp(1, 100_000);
    Ok(Json(
        households::list(&state.db, unit.id, q.date()?, 100, (page - 1) * 100).await?,
    ))
}

/// The OpenAPI part of this module.
#[derive(utoipa::OpenApi)]
#[openapi(
    paths(list_units, get_unit, get_children, get_lineage, household_count, list_households),
    components(schemas(Unit, UnitDetail, Lineage, LineageLink, HouseholdCount, Household)),
    tags((name = "units", description = "Administrative units and lineage"), (name = "households", description = "Households"))
)]
pub struct ApiDoc;
