//! JSON API of legal time (`/api/v1/calendar/…`, `/api/v1/rules`). Bad input answers 422
//! with a message naming the field and the part that is wrong.

use axum::extract::{Path, Query};
use axum::{Extension, Json};
use dinh_platform::time::today_vn;
use dinh_platform::web::AppError;
use serde::Deserialize;
use utoipa::IntoParams;

use crate::LegalTimeModule;
use crate::input::{
    BadInput, MAX_RANGE_DAYS, day_range, parse_bool, parse_count, parse_date, parse_direction,
    parse_lunar, parse_unit, parse_year,
};
use crate::views::{
    DayOffView, DeadlineView, HolidayYear, LunarDay, LunarDays, PackView, RowView, RulesView,
    ScheduleView, SkippedView, WorkingDayView,
};

/// `?date=` for one day, or `?from=&to=` for a range (at most 366 days).
#[derive(Deserialize, IntoParams)]
pub struct LunarQuery {
    /// One date, dd/mm/yyyy (default: today in Vietnam).
    pub date: Option<String>,
    /// First day of a range, dd/mm/yyyy.
    pub from: Option<String>,
    /// Last day of a range, dd/mm/yyyy (inclusive).
    pub to: Option<String>,
}

/// A lunar date to convert.
#[derive(Deserialize, IntoParams)]
pub struct SolarQuery {
    /// Lunar date, dd/mm/yyyy.
    pub lunar: Option<String>,
    /// Whether the month is the leap month (tháng nhuận): true or false (default false).
    pub leap: Option<String>,
}

/// A time limit to compute.
#[derive(Deserialize, IntoParams)]
pub struct DeadlineQuery {
    /// The day counted from (or the event for `before`), dd/mm/yyyy.
    pub start: Option<String>,
    /// How many days, 1-3650.
    pub days: Option<String>,
    /// `working` (ngày làm việc) or `calendar` (ngày); default working.
    pub unit: Option<String>,
    /// `after` (default) or `before`.
    pub direction: Option<String>,
}

/// A date.
#[derive(Deserialize, IntoParams)]
pub struct RulesQuery {
    /// Date, dd/mm/yyyy (default: today in Vietnam).
    pub date: Option<String>,
}

fn required<'a>(value: &'a Option<String>, field: &str) -> Result<&'a str, BadInput> {
    value
        .as_deref()
        .filter(|v| !v.trim().is_empty())
        .ok_or_else(|| BadInput(format!("{field}: required")))
}

/// The lunar date of a solar date, or of every day of a range.
#[utoipa::path(get, path = "/api/v1/calendar/lunar", params(LunarQuery),
    responses((status = 200, body = LunarDays), (status = 422, description = "Bad date or range")), tag = "calendar")]
pub async fn lunar(
    Extension(m): Extension<LegalTimeModule>,
    Query(q): Query<LunarQuery>,
) -> Result<Json<LunarDays>, AppError> {
    let dates = match (&q.date, &q.from, &q.to) {
        (Some(d), None, None) => vec![parse_date("date", d)?],
        (None, Some(f), Some(t)) => {
            day_range(parse_date("from", f)?, parse_date("to", t)?, MAX_RANGE_DAYS)?
        }
        (None, None, None) => vec![today_vn()],
        _ => {
            return Err(AppError::bad_request(
                "date: give either date, or both from and to",
            ));
        }
    };
    let days = dates
        .into_iter()
        .map(|d| LunarDay::of(m.calendar(), d))
        .collect::<Result<_, _>>()?;
    Ok(Json(LunarDays { days }))
}

/// The solar date of a lunar date.
#[utoipa::path(get, path = "/api/v1/calendar/solar", params(SolarQuery),
    responses((status = 200, body = LunarDay), (status = 422, description = "No such lunar date")), tag = "calendar")]
pub async fn solar(
    Extension(m): Extension<LegalTimeModule>,
    Query(q): Query<SolarQuery>,
) -> Result<Json<LunarDay>, AppError> {
    let leap = parse_bool("leap", q.leap.as_deref().unwrap_or("false"))?;
    let lunar = parse_lunar("lunar", required(&q.lunar, "lunar")?, leap)?;
    let date = lunar
        .to_solar()
        .map_err(|e| BadInput(format!("lunar: {e}")))?;
    Ok(Json(LunarDay::of(m.calendar(), date)?))
}

/// Days off (statutory, compensatory, announced) and swapped working days of a year.
#[utoipa::path(get, path = "/api/v1/calendar/holidays/{year}", params(("year" = String, Path, description = "Year, 1800-2199")),
    responses((status = 200, body = HolidayYear), (status = 422, description = "Year out of range")), tag = "calendar")]
pub async fn holidays(
    Extension(m): Extension<LegalTimeModule>,
    Path(year): Path<String>,
) -> Result<Json<HolidayYear>, AppError> {
    let year = parse_year("year", &year)?;
    Ok(Json(HolidayYear::of(m.calendar(), year)?))
}

/// A statutory time limit (thời hạn), with its explanation in Vietnamese and English.
#[utoipa::path(get, path = "/api/v1/calendar/deadline", params(DeadlineQuery),
    responses((status = 200, body = DeadlineView), (status = 422, description = "Bad start, count, unit or direction")), tag = "calendar")]
pub async fn deadline(
    Extension(m): Extension<LegalTimeModule>,
    Query(q): Query<DeadlineQuery>,
) -> Result<Json<DeadlineView>, AppError> {
    let start = parse_date("start", required(&q.start, "start")?)?;
    let count = parse_count("days", required(&q.days, "days")?)?;
    let unit = parse_unit("unit", q.unit.as_deref().unwrap_or("working"))?;
    let direction = parse_direction("direction", q.direction.as_deref().unwrap_or("after"))?;
    Ok(Json(DeadlineView::compute(
        m.calendar(),
        start,
        count,
        unit,
        direction,
    )?))
}

/// The rule pack in force on a date, every rule as a row.
#[utoipa::path(get, path = "/api/v1/rules", params(RulesQuery),
    responses((status = 200, body = RulesView), (status = 422, description = "Bad date, or no pack in force")), tag = "rules")]
pub async fn rules(
    Extension(m): Extension<LegalTimeModule>,
    Query(q): Query<RulesQuery>,
) -> Result<Json<RulesView>, AppError> {
    let date = match &q.date {
        Some(d) => parse_date("date", d)?,
        None => today_vn(),
    };
    Ok(Json(RulesView::of(m.rules(), date)?))
}

/// The OpenAPI part of this module.
#[derive(utoipa::OpenApi)]
#[openapi(
    paths(lunar, solar, holidays, deadline, rules),
    components(schemas(LunarDay, LunarDays, HolidayYear, ScheduleView, DayOffView, WorkingDayView,
        DeadlineView, SkippedView, RulesView, PackView, RowView)),
    tags((name = "calendar", description = "Lunar calendar, holidays and statutory time limits (thời hạn)"),
        (name = "rules", description = "Rule packs: the legal numbers in force, with citations"))
)]
pub struct ApiDoc;
