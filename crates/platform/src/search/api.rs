//! JSON API of the search: `GET /api/v1/search?q=…&unit=CODE&limit=N`.

use axum::Json;
use axum::extract::{Query, State};
use serde::Deserialize;
use utoipa::IntoParams;

use super::Hit;
use crate::web::{AppError, AppState};

/// Hits answered when no limit is asked for.
const DEFAULT_LIMIT: i64 = 20;

/// Query of the search.
#[derive(Deserialize, IntoParams)]
pub struct SearchParams {
    /// Words to find, with or without diacritics ("quyet toan" finds "quyết toán"). Only letters
    /// and digits count; without any, nothing is found.
    pub q: Option<String>,
    /// Code of a unit: only what belongs to it and the units within it.
    pub unit: Option<String>,
    /// At most this many hits (default 20, at most 100).
    pub limit: Option<i64>,
}

/// Public documents (units, disclosures, matters, news, pages) matching every word, best first,
/// each with a highlighted snippet. Nothing confidential is ever searched: petitions,
/// denunciations and the people behind them are not in the index.
#[utoipa::path(get, path = "/api/v1/search", params(SearchParams),
    responses((status = 200, body = Vec<Hit>), (status = 404, description = "No unit with this code")),
    tag = "search")]
pub async fn search(
    State(state): State<AppState>,
    Query(p): Query<SearchParams>,
) -> Result<Json<Vec<Hit>>, AppError> {
    let within = super::page::unit_param(&state, p.unit.as_deref()).await?;
    let limit = p.limit.unwrap_or(DEFAULT_LIMIT);
    Ok(Json(
        super::find(
            &state.db,
            p.q.as_deref().unwrap_or_default(),
            within.as_ref(),
            limit,
        )
        .await?,
    ))
}

/// The OpenAPI part of the search.
#[derive(utoipa::OpenApi)]
#[openapi(
    paths(search),
    components(schemas(Hit)),
    tags((name = "search", description = "One search across the site's public documents"))
)]
pub struct ApiDoc;
