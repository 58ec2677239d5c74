//! The Atom feed of a unit's disclosures (the 50 newest), for readers and other systems.

use askama::Template;
use axum::extract::{Path, State};
use axum::http::header;
use axum::response::{IntoResponse, Response};
use dinh_platform::time::today_vn;
use dinh_platform::web::{AppError, AppState};

use super::unit;
use crate::store::{self, ItemRow, ListFilter};

#[derive(Template)]
#[template(path = "disclosure/feed.xml", escape = "xml")]
struct Feed {
    unit_code: String,
    unit_name: String,
    updated: String,
    rows: Vec<ItemRow>,
}

/// `GET /units/{code}/disclosures.atom`.
pub(crate) async fn atom(
    State(state): State<AppState>,
    Path(code): Path<String>,
) -> Result<Response, AppError> {
    let unit = unit(&state, &code).await?;
    let (rows, _) = store::list(&state.db, unit.id, &ListFilter::default(), today_vn()).await?;
    let updated = rows
        .first()
        .map_or_else(|| "2023-07-01".to_owned(), |r| r.published_on.clone());
    let xml = Feed {
        unit_code: unit.code,
        unit_name: unit.name,
        updated,
        rows,
    }
    .render()
    .map_err(|e| anyhow::anyhow!("feed: {e}"))?;
    Ok((
        [(header::CONTENT_TYPE, "application/atom+xml; charset=utf-8")],
        xml,
    )
        .into_response())
}
