//! The community works JSON API under `/api/v1`, read only and public: a unit's works; one work
//! with its progress and, once published, its accounts and spending by item. No household's
//! account is ever in it. Writing goes through the work pages.

use axum::extract::{Path, State};
use axum::routing::get;
use axum::{Json, Router};
use dinh_platform::web::{AppError, AppState};
use serde::Serialize;
use utoipa::{OpenApi, ToSchema};

use crate::store::{self, Milestone, Spending, Totals, Work};

/// The community works part of the OpenAPI document.
#[derive(OpenApi)]
#[openapi(
    paths(unit, work),
    components(schemas(Work, Milestone, Spending, Totals, WorkJson))
)]
pub struct ApiDoc;

/// Most rows a list returns.
const LISTED: i64 = 500;

pub(crate) fn routes() -> Router<AppState> {
    Router::new()
        .route("/units/{code}/works", get(unit))
        .route("/works/{id}", get(work))
}

/// A work with its progress and published accounts (công khai tài chính).
#[derive(Serialize, ToSchema)]
pub struct WorkJson {
    /// The work.
    pub work: Work,
    /// Its milestones in order.
    pub milestones: Vec<Milestone>,
    /// Its accounts, once published.
    pub accounts: Option<Totals>,
    /// Spending by item, once the accounts are published.
    pub spending: Vec<Spending>,
}

/// The works of a unit and the units under it, newest decision first.
#[utoipa::path(get, path = "/api/v1/units/{code}/works", params(("code" = String, Path)), responses((status = 200, body = Vec<Work>), (status = 404)))]
pub(crate) async fn unit(
    State(s): State<AppState>,
    Path(code): Path<String>,
) -> Result<Json<Vec<Work>>, AppError> {
    let unit = dinh_platform::units::store::by_code(&s.db, &code)
        .await?
        .ok_or_else(AppError::not_found)?;
    Ok(Json(
        store::works_for_unit(&s.db, &unit.path, LISTED).await?,
    ))
}

/// One work with its progress and, once published, its accounts.
#[utoipa::path(get, path = "/api/v1/works/{id}", params(("id" = i64, Path)), responses((status = 200, body = WorkJson), (status = 404)))]
pub(crate) async fn work(
    State(s): State<AppState>,
    Path(id): Path<i64>,
) -> Result<Json<WorkJson>, AppError> {
    let work = store::work(&s.db, id)
        .await?
        .ok_or_else(AppError::not_found)?;
    let published = work.accounts_published_on.is_some();
    Ok(Json(WorkJson {
        milestones: store::milestones(&s.db, id).await?,
        accounts: if published {
            Some(store::totals(&s.db, id).await?)
        } else {
            None
        },
        spending: if published {
            store::spendings(&s.db, id).await?
        } else {
            Vec::new()
        },
        work,
    }))
}
