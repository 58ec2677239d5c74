//! The search page, `/search?q=…&unit=CODE` (Tìm kiếm): a form that works without JavaScript,
//! the hits labelled by kind with their snippet, unit and date, and the filter to one commune.

use std::collections::HashMap;

use askama::Template;
use axum::extract::{Query, State};
use axum::response::{IntoResponse, Response};
use serde::Deserialize;

use crate::units::{Unit, store};
use crate::web::{AppError, AppState, Chrome, Ctx, render, urlencode};

/// Hits shown on the page.
const PAGE_HITS: i64 = 30;
/// Communes offered to narrow a search to.
const NARROW_MOST: usize = 5;
/// Characters of the query echoed back in the form.
const ECHO_MAX: usize = 500;

/// The page's query.
#[derive(Deserialize, Default)]
pub(crate) struct SearchQuery {
    #[serde(default)]
    q: String,
    #[serde(default)]
    unit: Option<String>,
}

/// One hit as the page shows it.
struct HitView {
    kind_key: String,
    title: String,
    href: String,
    snippet_html: String,
    date: Option<String>,
    unit_name: Option<String>,
}

#[derive(Template)]
#[template(path = "search.html")]
struct SearchPage {
    c: Chrome,
    q: String,
    within: Option<Unit>,
    searched: bool,
    hits: Vec<HitView>,
    found: String,
    /// Communes among the hits, each with the address of the same search within it.
    narrow: Vec<(String, String)>,
    /// The same search over the whole site (when within a unit).
    widen: String,
}

/// The unit named by `?unit=CODE`: none for an empty code, 404 for an unknown one.
pub(crate) async fn unit_param(
    state: &AppState,
    code: Option<&str>,
) -> Result<Option<Unit>, AppError> {
    match code.map(str::trim).filter(|c| !c.is_empty()) {
        None => Ok(None),
        Some(code) => Ok(Some(
            store::by_code(&state.db, code)
                .await?
                .ok_or_else(AppError::not_found)?,
        )),
    }
}

/// The commune (or ward, special zone) a unit belongs to, or the unit itself when it is one.
fn commune_of<'a>(unit: &'a Unit, units: &'a HashMap<i64, Unit>) -> Option<&'a Unit> {
    let is_commune = |u: &Unit| {
        u.unit_kind()
            .is_some_and(crate::units::UnitKind::is_commune_level)
    };
    if is_commune(unit) {
        return Some(unit);
    }
    unit.ancestor_ids()
        .iter()
        .rev()
        .filter_map(|id| units.get(id))
        .find(|u| is_commune(u))
}

/// `GET /search`.
pub(crate) async fn page(
    State(state): State<AppState>,
    ctx: Ctx,
    Query(params): Query<SearchQuery>,
) -> Result<Response, AppError> {
    let within = unit_param(&state, params.unit.as_deref()).await?;
    let q: String = params.q.chars().take(ECHO_MAX).collect();
    let searched = !q.trim().is_empty();
    let hits = super::find(&state.db, &params.q, within.as_ref(), PAGE_HITS).await?;
    // The units of the hits and their ancestors, in two reads, for names and communes.
    let mut ids: Vec<i64> = hits.iter().map(|h| h.unit_id).collect();
    ids.sort_unstable();
    ids.dedup();
    let mut units = store::by_ids(&state.db, &ids).await?;
    let above: Vec<i64> = units
        .values()
        .flat_map(Unit::ancestor_ids)
        .filter(|id| !units.contains_key(id))
        .collect();
    units.extend(store::by_ids(&state.db, &above).await?);
    let mut narrow: Vec<(String, String)> = Vec::new();
    if within.is_none() {
        for h in &hits {
            let Some(commune) = units.get(&h.unit_id).and_then(|u| commune_of(u, &units)) else {
                continue;
            };
            let href = format!(
                "/search?q={}&unit={}",
                urlencode(&q),
                urlencode(&commune.code)
            );
            if narrow.len() < NARROW_MOST && !narrow.iter().any(|(_, h)| *h == href) {
                narrow.push((commune.name.clone(), href));
            }
        }
    }
    let shown = i64::try_from(hits.len()).unwrap_or(PAGE_HITS);
    let found = match shown {
        0 => String::new(),
        n if n >= PAGE_HITS => ctx
            .tr
            .t("search_found_first")
            .replace("{n}", &ctx.tr.number(n)),
        n => ctx.tr.t("search_found").replace("{n}", &ctx.tr.number(n)),
    };
    let hits = hits
        .into_iter()
        .map(|h| HitView {
            unit_name: units.get(&h.unit_id).map(|u| u.name.clone()),
            date: h.published_at.map(|d| d.format("%d/%m/%Y").to_string()),
            kind_key: h.kind_key,
            title: h.title,
            href: h.href,
            snippet_html: h.snippet_html,
        })
        .collect();
    let title = if searched {
        format!("{}: {}", ctx.tr.t("search_title"), q.trim())
    } else {
        ctx.tr.t("search_title").to_owned()
    };
    let page = SearchPage {
        c: ctx.chrome(title),
        widen: format!("/search?q={}", urlencode(&q)),
        q,
        within,
        searched,
        hits,
        found,
        narrow,
    };
    Ok(render(&page)?.into_response())
}
