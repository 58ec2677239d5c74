//! The pages of legal time: the month calendar, the time-limit form and the rules in force.
//! Server-rendered, no JavaScript; text in the page language.

use askama::Template;
use axum::Extension;
use axum::extract::Query;
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use chrono::{Datelike, NaiveDate};
use dinh_calendar::fmt::dmy;
use dinh_platform::time::today_vn;
use dinh_platform::web::i18n::Lang;
use dinh_platform::web::{AppError, Chrome, Ctx, render};
use serde::Deserialize;

use crate::LegalTimeModule;
use crate::api::{DeadlineQuery, RulesQuery};
use crate::input::{BadInput, parse_count, parse_date, parse_direction, parse_month, parse_unit};
use crate::labels::rule_unit;
use crate::month::MonthGrid;
use crate::views::{DeadlineView, PackView, RulesView, ScheduleView};

/// `?month=yyyy-mm`.
#[derive(Deserialize)]
pub(crate) struct MonthQuery {
    month: Option<String>,
}

#[derive(Template)]
#[template(path = "legal_time/month.html")]
struct MonthPage {
    c: Chrome,
    caption: String,
    grid: MonthGrid,
    prev: Option<String>,
    next: Option<String>,
    month: String,
    year: i32,
    schedule: Option<ScheduleView>,
}

fn month_code(d: NaiveDate) -> String {
    format!("{:04}-{:02}", d.year(), d.month())
}

/// `/calendar?month=yyyy-mm`: the month grid (default: this month in Vietnam).
pub(crate) async fn month(
    Extension(m): Extension<LegalTimeModule>,
    ctx: Ctx,
    Query(q): Query<MonthQuery>,
) -> Result<Response, AppError> {
    let today = today_vn();
    let first = match q.month.as_deref().filter(|s| !s.trim().is_empty()) {
        Some(text) => parse_month("month", text)?,
        None => today.with_day(1).unwrap_or(today),
    };
    let in_range = |d: &NaiveDate| crate::input::YEARS.contains(&d.year());
    let prev = first
        .checked_sub_months(chrono::Months::new(1))
        .filter(in_range);
    let next = crate::input::next_month(first).filter(in_range);
    let title = format!(
        "{} {:02}/{}",
        ctx.tr.pick("Lịch tháng", "Calendar for"),
        first.month(),
        first.year()
    );
    let grid = MonthGrid::build(m.calendar(), ctx.tr.lang, first, today);
    let page = MonthPage {
        caption: format!("{title} ({})", grid.lunar_span),
        c: ctx.chrome(title),
        grid,
        prev: prev.map(month_code),
        next: next.map(month_code),
        month: month_code(first),
        year: first.year(),
        schedule: ScheduleView::of(m.calendar(), first.year()),
    };
    Ok(render(&page)?.into_response())
}

#[derive(Template)]
#[template(path = "legal_time/deadline.html")]
struct DeadlinePage {
    c: Chrome,
    start: String,
    days: String,
    unit: String,
    direction: String,
    result: Option<DeadlineView>,
    explanation: String,
    error: Option<String>,
}

/// `/calendar/deadline?start=&days=&unit=&direction=`: the time-limit form and its answer.
pub(crate) async fn deadline(
    Extension(m): Extension<LegalTimeModule>,
    ctx: Ctx,
    Query(q): Query<DeadlineQuery>,
) -> Result<Response, AppError> {
    let value = |v: &Option<String>, default: &str| {
        v.as_deref()
            .map_or_else(|| default.to_owned(), |s| s.trim().to_owned())
    };
    let mut page = DeadlinePage {
        c: ctx.chrome(ctx.tr.pick("Tính thời hạn", "Compute a time limit")),
        start: value(&q.start, ""),
        days: value(&q.days, ""),
        unit: value(&q.unit, "working"),
        direction: value(&q.direction, "after"),
        result: None,
        explanation: String::new(),
        error: None,
    };
    if q.start.is_none() && q.days.is_none() {
        return Ok(render(&page)?.into_response());
    }
    let computed = (|| -> Result<DeadlineView, BadInput> {
        let start = parse_date("start", &page.start)?;
        let count = parse_count("days", &page.days)?;
        let unit = parse_unit("unit", &page.unit)?;
        let direction = parse_direction("direction", &page.direction)?;
        DeadlineView::compute(m.calendar(), start, count, unit, direction)
    })();
    match computed {
        Ok(view) => {
            page.explanation = match ctx.tr.lang {
                Lang::Vi => view.explanation_vi.clone(),
                Lang::En => view.explanation_en.clone(),
            };
            page.result = Some(view);
            Ok(render(&page)?.into_response())
        }
        Err(e) => {
            page.error = Some(e.0);
            Ok((StatusCode::UNPROCESSABLE_ENTITY, render(&page)?).into_response())
        }
    }
}

/// A rule row with its unit in words.
struct RuleLine {
    /// The key path split at its dots (the page lets long keys wrap there).
    key_parts: Vec<String>,
    value: String,
    unit: String,
    unit_label: &'static str,
    citation: String,
    verified: bool,
}

#[derive(Template)]
#[template(path = "legal_time/rules.html")]
struct RulesPage {
    c: Chrome,
    date: String,
    pack: Option<PackView>,
    rows: Vec<RuleLine>,
    unverified: usize,
    packs: Vec<PackView>,
    error: Option<String>,
}

/// `/rules?date=dd/mm/yyyy`: the rule pack in force (default: today) and the list of packs.
pub(crate) async fn rules(
    Extension(m): Extension<LegalTimeModule>,
    ctx: Ctx,
    Query(q): Query<RulesQuery>,
) -> Result<Response, AppError> {
    let lang = ctx.tr.lang;
    let mut page = RulesPage {
        c: ctx.chrome(
            ctx.tr
                .pick("Quy tắc pháp lý đang áp dụng", "Rules in force"),
        ),
        date: dmy(today_vn()),
        pack: None,
        rows: Vec::new(),
        unverified: 0,
        packs: PackView::list(m.rules()),
        error: None,
    };
    let date = match q.date.as_deref().filter(|s| !s.trim().is_empty()) {
        None => today_vn(),
        Some(text) => match parse_date("date", text) {
            Ok(d) => d,
            Err(e) => {
                page.date = text.trim().to_owned();
                page.error = Some(e.0);
                return Ok((StatusCode::UNPROCESSABLE_ENTITY, render(&page)?).into_response());
            }
        },
    };
    page.date = dmy(date);
    match RulesView::of(m.rules(), date) {
        Ok(view) => {
            page.rows = view
                .rows
                .into_iter()
                .map(|r| RuleLine {
                    unit_label: rule_unit(lang, &r.unit),
                    key_parts: r.key.split('.').map(str::to_owned).collect(),
                    value: r.value,
                    unit: r.unit,
                    citation: r.citation,
                    verified: r.verified,
                })
                .collect();
            page.unverified = page.rows.iter().filter(|r| !r.verified).count();
            page.pack = Some(view.pack);
        }
        Err(e) => page.error = Some(e.0),
    }
    Ok(render(&page)?.into_response())
}

/// `/static/legal-time.css`: the few styles of these pages (CSP allows only `'self'`).
pub(crate) async fn stylesheet() -> Response {
    (
        [
            (header::CONTENT_TYPE, "text/css; charset=utf-8"),
            (header::CACHE_CONTROL, "public, max-age=86400"),
        ],
        include_str!("../static/legal-time.css"),
    )
        .into_response()
}
