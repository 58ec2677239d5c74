//! Unit pages: the tree, lineage both ways, household counts, and the officers' household list.

use super::permissions::VIEW_HOUSEHOLDS;
use super::store::{self, LineageLink, Unit};
use crate::accounts::authorize;
use crate::households::{self, Household};
use crate::web::{AppError, AppState, Chrome, Ctx, render};
use askama::Template;
use axum::extract::{Path, Query, State};
use axum::response::{IntoResponse, Response};
use serde::Deserialize;

const PAGE_SIZE: i64 = 100;

/// `?page=N` (1-based), and on the households page `?q=` (words to find a household by).
#[derive(Deserialize)]
pub(super) struct PageQuery {
    #[serde(default)]
    page: Option<i64>,
    #[serde(default)]
    q: Option<String>,
}

impl PageQuery {
    fn page(&self) -> i64 {
        self.page.unwrap_or(1).clamp(1, 100_000)
    }
}

#[derive(Template)]
#[template(path = "units/unit.html")]
struct UnitPage {
    c: Chrome,
    unit: Unit,
    ancestors: Vec<Unit>,
    children: Vec<Unit>,
    child_count: i64,
    successors: Vec<LineageLink>,
    predecessors: Vec<LineageLink>,
    households: Option<i64>,
    can_list_households: bool,
    page: i64,
    has_next: bool,
    sections: Vec<crate::module::UnitSection>,
    /// The unit's contact details, if recorded.
    contact: Option<super::contact::UnitContact>,
    /// Whether the person may edit them.
    can_edit_contact: bool,
}

pub(super) async fn unit_page(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(code): Path<String>,
    Query(q): Query<PageQuery>,
) -> Result<Response, AppError> {
    let cache_key = ctx.public_cache_key();
    if let Some(html) = cache_key.as_deref().and_then(|k| state.pages.get(k)) {
        return Ok(axum::response::Html(html.to_string()).into_response());
    }
    let db = &state.db;
    let unit = store::by_code(db, &code)
        .await?
        .ok_or_else(AppError::not_found)?;
    let page = q.page();
    let children = store::children(db, Some(unit.id), PAGE_SIZE, (page - 1) * PAGE_SIZE).await?;
    let child_count = store::count_children(db, Some(unit.id)).await?;
    let kind = unit.unit_kind();
    // Counted live for a commune and below; provinces get theirs from the roll-ups.
    let households = if kind.is_some_and(|k| k.is_commune_level() || k.is_residential_community()) {
        Some(households::count_at(db, unit.id, crate::time::today_vn()).await?)
    } else {
        None
    };
    let can_list_households = kind.is_some_and(super::UnitKind::is_residential_community)
        && authorize(ctx.principal.as_ref(), &VIEW_HOUSEHOLDS, Some(&unit)).is_ok();
    let mut sections: Vec<crate::module::UnitSection> = futures_util::future::try_join_all(
        state
            .registry
            .modules()
            .iter()
            .map(|m| m.unit_sections(db, &unit, ctx.tr)),
    )
    .await?
    .into_iter()
    .flatten()
    .collect();
    sections.sort_by_key(|s| s.order);
    let contact = super::contact::of_unit(db, unit.id).await?;
    let can_edit_contact = authorize(
        ctx.principal.as_ref(),
        &super::permissions::MANAGE_UNITS,
        Some(&unit),
    )
    .is_ok();
    let page = UnitPage {
        sections,
        contact,
        can_edit_contact,
        c: ctx.chrome(unit.name.clone()),
        ancestors: store::ancestors(db, &unit).await?,
        successors: store::successors(db, unit.id).await?,
        predecessors: store::predecessors(db, unit.id).await?,
        has_next: page * PAGE_SIZE < child_count,
        unit,
        children,
        child_count,
        households,
        can_list_households,
        page,
    };
    let html = render(&page)?;
    if let Some(key) = cache_key {
        state.pages.put(key, std::sync::Arc::from(html.0.as_str()));
    }
    Ok(html.into_response())
}

#[derive(Template)]
#[template(path = "units/households.html")]
struct HouseholdsPage {
    c: Chrome,
    unit: Unit,
    households: Vec<Household>,
    total: i64,
    page: i64,
    has_next: bool,
    /// The words searched for, when the list is a search over the unit's whole subtree.
    q: String,
    /// For a commune (whose households live in its thôn): the thôn, to list one of them.
    communities: Vec<Unit>,
}

/// How many households a search shows.
const FOUND_MOST: usize = 50;

pub(super) async fn households_page(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(code): Path<String>,
    Query(q): Query<PageQuery>,
) -> Result<Response, AppError> {
    let db = &state.db;
    let unit = store::by_code(db, &code)
        .await?
        .ok_or_else(AppError::not_found)?;
    authorize(ctx.principal.as_ref(), &VIEW_HOUSEHOLDS, Some(&unit))?;
    let today = crate::time::today_vn();
    let page = q.page();
    let words = q.q.as_deref().unwrap_or("").trim().to_owned();
    let total = households::count_at(db, unit.id, today).await?;
    let (list, has_next) = if words.is_empty() {
        let list = households::list(db, unit.id, today, PAGE_SIZE, (page - 1) * PAGE_SIZE).await?;
        (list, page * PAGE_SIZE < total)
    } else {
        (
            households::search(db, unit.id, &words, today, FOUND_MOST).await?,
            false,
        )
    };
    let communities = if words.is_empty()
        && !unit
            .unit_kind()
            .is_some_and(super::UnitKind::is_residential_community)
    {
        store::children(db, Some(unit.id), PAGE_SIZE, 0).await?
    } else {
        Vec::new()
    };
    let title = format!("{} — {}", ctx.tr.t("households"), unit.name);
    let page = HouseholdsPage {
        c: ctx.chrome(title),
        communities,
        has_next,
        unit,
        households: list,
        total,
        page,
        q: words,
    };
    Ok(render(&page)?.into_response())
}
