//! A head's own calendar (lịch tiếp công dân của người đứng đầu): the reception days of one
//! month — planned, held, cancelled, received by someone else — and the year's months with
//! compliance against the frequency of the rule pack in force. Public like the schedule; no
//! JavaScript; dates dd/mm/yyyy.

use askama::Template;
use axum::Extension;
use axum::extract::{Path, Query, State};
use axum::response::{IntoResponse, Response};
use chrono::{Datelike, Duration, Months, NaiveDate, Weekday};
use dinh_platform::time::{show_date, today_vn};
use dinh_platform::web::{AppError, AppState, Chrome, Ctx, render};

use super::reception::position_key;
use crate::PetitionsModule;
use crate::api::{MonthQuery, month_start};
use crate::store::reception::{self, Compliance, SessionRow};
use crate::store::unit_by_code;

struct DayLine {
    day: String,
    weekday: &'static str,
    place: String,
    status: &'static str,
    received_by: String,
    flagged: bool,
    citizens: i64,
}

struct MonthLine {
    month: String,
    label: String,
    required: u32,
    held: u32,
    delegated_forbidden: u32,
    published_late: u32,
    compliant: bool,
    current: bool,
}

#[derive(Template)]
#[template(path = "petitions/head_calendar.html")]
struct CalendarPage {
    c: Chrome,
    unit_code: String,
    head_id: i64,
    head: String,
    position: &'static str,
    month: String,
    month_label: String,
    prev: String,
    next: String,
    days: Vec<DayLine>,
    planned: usize,
    held: usize,
    cancelled: usize,
    delegated: usize,
    year: i32,
    months: Vec<MonthLine>,
    citation: String,
}

pub(crate) fn weekday_key(d: NaiveDate) -> &'static str {
    match d.weekday() {
        Weekday::Mon => "pet_wd_mon",
        Weekday::Tue => "pet_wd_tue",
        Weekday::Wed => "pet_wd_wed",
        Weekday::Thu => "pet_wd_thu",
        Weekday::Fri => "pet_wd_fri",
        Weekday::Sat => "pet_wd_sat",
        Weekday::Sun => "pet_wd_sun",
    }
}

/// The label key of a reception day's state.
fn status_key(s: &SessionRow) -> &'static str {
    match s.status.as_str() {
        "held" if s.delegated => "pet_day_delegated",
        "held" => "pet_held",
        "cancelled" => "pet_day_cancelled",
        _ => "pet_planned",
    }
}

fn ym(d: NaiveDate) -> String {
    d.format("%Y-%m").to_string()
}

/// `GET /units/{code}/reception/heads/{id}?month=yyyy-mm` (public).
pub(crate) async fn page(
    Extension(m): Extension<PetitionsModule>,
    State(state): State<AppState>,
    ctx: Ctx,
    Path((code, id)): Path<(String, i64)>,
    Query(q): Query<MonthQuery>,
) -> Result<Response, AppError> {
    let unit = unit_by_code(&state.db, &code).await?;
    let head = reception::head_of(&state.db, id).await?;
    if head.unit_id != unit.id {
        return Err(AppError::not_found());
    }
    let first = month_start(q.month.as_deref())?;
    let last = first + Months::new(1) - Duration::days(1);
    let tr = ctx.tr;
    let sessions: Vec<SessionRow> = reception::sessions(&state.db, &unit, first, last)
        .await?
        .into_iter()
        .filter(|s| s.head_id == head.id)
        .collect();
    let days = sessions
        .iter()
        .map(|s| DayLine {
            day: show_date(&s.day),
            weekday: dinh_platform::time::parse_date(&s.day).map_or("", |d| tr.t(weekday_key(d))),
            place: s.place.clone(),
            status: tr.t(status_key(s)),
            received_by: s.received_by.clone().unwrap_or_default(),
            flagged: s.delegated && s.delegation_forbidden,
            citizens: s.citizens,
        })
        .collect();
    let count = |f: &dyn Fn(&SessionRow) -> bool| sessions.iter().filter(|s| f(s)).count();
    // The year's months up to this one: later months cannot be judged yet.
    let today = today_vn();
    let mut months = Vec::new();
    let mut citation = String::new();
    let mut month = NaiveDate::from_ymd_opt(first.year(), 1, 1).unwrap_or(first);
    while month.year() == first.year() && month <= today {
        // A month before any rule pack was in force has no frequency to be judged against.
        if m.rules().in_force_on(month).is_err() {
            month = month + Months::new(1);
            continue;
        }
        let rows: Vec<Compliance> = reception::compliance(&m, &state.db, &unit, month).await?;
        if let Some(x) = rows.into_iter().find(|x| x.head_id == head.id) {
            citation = x.citation.clone();
            months.push(MonthLine {
                month: ym(month),
                label: month.format("%m/%Y").to_string(),
                required: x.required,
                held: x.held,
                delegated_forbidden: x.delegated_forbidden,
                published_late: x.published_late,
                compliant: x.compliant,
                current: month == first,
            });
        }
        month = month + Months::new(1);
    }
    let page = CalendarPage {
        c: ctx.chrome(format!(
            "{} · {}",
            tr.t("pet_head_calendar"),
            head.full_name
        )),
        unit_code: unit.code.clone(),
        head_id: head.id,
        head: head.full_name.clone(),
        position: tr.t(position_key(&head.position)),
        month: ym(first),
        month_label: first.format("%m/%Y").to_string(),
        prev: ym(first - Months::new(1)),
        next: ym(first + Months::new(1)),
        days,
        planned: count(&|s| s.status == "planned"),
        held: count(&|s| s.status == "held" && !s.delegated),
        cancelled: count(&|s| s.status == "cancelled"),
        delegated: count(&|s| s.status == "held" && s.delegated),
        year: first.year(),
        months,
        citation,
    };
    Ok(render(&page)?.into_response())
}
