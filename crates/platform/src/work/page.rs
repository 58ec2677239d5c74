//! The work home page (`/viec-cua-toi`): every module's items for the signed-in person,
//! grouped by urgency, and their work areas.

use super::{Urgency, WorkArea, WorkItem, WorkScope};
use crate::web::{AppError, AppState, Chrome, Ctx, render, urlencode};
use askama::Template;
use axum::Router;
use axum::extract::State;
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::get;

/// Where the work home is; signing in lands here.
pub const PATH: &str = "/viec-cua-toi";

/// Most items shown under one heading (the rest are on the module's own pages).
const SHOWN_PER_GROUP: usize = 50;

/// The work home's route.
pub fn routes() -> Router<AppState> {
    Router::new().route(PATH, get(home))
}

/// Items of one urgency.
struct Group {
    urgency: Urgency,
    items: Vec<WorkItem>,
    more: usize,
}

impl Group {
    fn css(&self) -> &'static str {
        match self.urgency {
            Urgency::Overdue => "overdue",
            Urgency::Today => "today",
            Urgency::ThisWeek => "week",
            Urgency::Awaiting => "awaiting",
        }
    }
}

#[derive(Template)]
#[template(path = "work/home.html")]
struct WorkHome {
    c: Chrome,
    roles: Vec<(String, String)>,
    groups: Vec<Group>,
    areas: Vec<WorkArea>,
}

async fn home(State(state): State<AppState>, ctx: Ctx) -> Result<Response, AppError> {
    let Some(principal) = ctx.principal.clone() else {
        return Ok(Redirect::to(&format!("/login?next={}", urlencode(PATH))).into_response());
    };
    let roles = principal
        .grants
        .iter()
        .map(|g| {
            (
                ctx.tr.pick(g.role.label_vi(), g.role.label_en()).to_owned(),
                g.unit_name
                    .clone()
                    .unwrap_or_else(|| ctx.tr.t("whole_country").to_owned()),
            )
        })
        .collect();
    let scope = WorkScope::load(&state.db, principal, crate::time::today_vn()).await?;
    let works = futures_util::future::try_join_all(
        state
            .registry
            .modules()
            .iter()
            .map(|m| m.work(&state.db, &scope, ctx.tr)),
    )
    .await?;
    let mut items = Vec::new();
    let mut areas = Vec::new();
    for work in works {
        items.extend(work.items);
        areas.extend(work.areas);
    }
    let page = WorkHome {
        c: ctx.chrome(ctx.tr.t("work_home")),
        roles,
        groups: group(items, scope.today),
        areas,
    };
    Ok(render(&page)?.into_response())
}

/// Sorts items by urgency, then by last day (earliest first), then by title.
fn group(mut items: Vec<WorkItem>, today: chrono::NaiveDate) -> Vec<Group> {
    items.sort_by(|a, b| {
        (Urgency::of(a.due, today), a.due.is_none(), a.due, &a.title).cmp(&(
            Urgency::of(b.due, today),
            b.due.is_none(),
            b.due,
            &b.title,
        ))
    });
    let mut groups: Vec<Group> = Vec::new();
    for item in items {
        let urgency = Urgency::of(item.due, today);
        match groups.last_mut() {
            Some(g) if g.urgency == urgency => {
                if g.items.len() < SHOWN_PER_GROUP {
                    g.items.push(item);
                } else {
                    g.more += 1;
                }
            }
            _ => groups.push(Group {
                urgency,
                items: vec![item],
                more: 0,
            }),
        }
    }
    groups
}
