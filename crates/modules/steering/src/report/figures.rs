//! The figures of a review report (số liệu báo cáo), from every indicator of every module in
//! the registry: for the unit's subtree, plus what it inherited through the 2025 lineage for
//! the part of the period before it existed; for the previous period; and per lower unit
//! (thôn → xã → tỉnh). Missing data stays missing (None), never zero. Each module is asked once
//! per indicator and span of days for all the units together (`combine.rs`).

use chrono::NaiveDate;
use dinh_platform::db::{Db, query};
use dinh_platform::module::{BoxFuture, Registry};
use dinh_platform::units::Unit;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use super::combine::{Plan, combine, fetch};
use super::parts::{Part, date, iso, links_into, parts};
use super::period::ReportPeriod;
use crate::StoreError;

/// One indicator of the report.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct FigureRow {
    /// Indicator key (`disclosure.on_time_rate`).
    pub key: String,
    /// Module that publishes it.
    pub module: String,
    /// Name in Vietnamese.
    pub name_vi: String,
    /// Name in English.
    pub name_en: String,
    /// What it counts ("%", "hồ sơ", …).
    pub unit: String,
    /// This period; None = no data.
    pub value: Option<f64>,
    /// The previous period; None = no data.
    pub previous: Option<f64>,
    /// True when a rate was combined from several parts (the unit and what it inherited)
    /// whose module does not give its numerator and denominator: a mean of their rates.
    pub approximate: bool,
}

impl FigureRow {
    /// Change from the previous period, when both are known.
    pub fn change(&self) -> Option<f64> {
        Some(self.value? - self.previous?)
    }
}

/// A lower unit's values, in the order of [`Figures::rows`].
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct LowerRow {
    /// Unit code.
    pub code: String,
    /// Unit name.
    pub name: String,
    /// Values; None = no data.
    pub values: Vec<Option<f64>>,
}

/// A pre-2025 unit whose figures were inherited for part of the period.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct Inherited {
    /// Code of the old unit.
    pub code: String,
    /// Name of the old unit.
    pub name: String,
    /// `merged_into` or `split_into` (a split unit's figures are counted whole).
    pub link: String,
    /// First day counted (ISO).
    pub from: String,
    /// Last day counted (ISO).
    pub to: String,
}

/// Everything the report's tables and charts show, frozen in each version.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct Figures {
    /// The period.
    pub period: ReportPeriod,
    /// The period compared with.
    pub previous: ReportPeriod,
    /// One row per indicator of every module in the registry.
    pub rows: Vec<FigureRow>,
    /// The lower units (thôn of a commune, communes of a province).
    pub lower: Vec<LowerRow>,
    /// Old units whose figures are included.
    pub inherited: Vec<Inherited>,
    /// When they were computed (RFC 3339).
    pub computed_at: String,
}

/// Lower units of `unit` shown in the breakdown: its children existing on `on` (not attached
/// agencies or enterprises).
async fn lower_units(db: &Db, unit: &Unit, on: NaiveDate) -> sqlx::Result<Vec<Unit>> {
    db.fetch_all(
        &query(
            "SELECT id, code, name, kind, kind_label, parent_id, path, depth, valid_from, valid_to
             FROM units WHERE parent_id = $1 AND kind NOT IN ('agency', 'enterprise')
               AND (valid_from IS NULL OR valid_from <= $2) AND (valid_to IS NULL OR valid_to >= $2)
             ORDER BY code",
        )
        .bind(unit.id)
        .bind(iso(on)),
    )
    .await
}

/// Computes the figures of `unit` for `period` from every indicator in `registry`: the unit's
/// rows for this and the previous period and each lower unit's, asking each module once per
/// indicator and span of days for all the units together.
pub fn compute<'a>(
    db: &'a Db,
    registry: &'a Registry,
    unit: &'a Unit,
    period: ReportPeriod,
) -> BoxFuture<'a, Result<Figures, StoreError>> {
    Box::pin(compute_batched(db, registry, unit, period))
}

async fn compute_batched(
    db: &Db,
    registry: &Registry,
    unit: &Unit,
    period: ReportPeriod,
) -> Result<Figures, StoreError> {
    let previous = period.previous();
    let mut inherited = Vec::new();
    let links = links_into(db, unit, period.from.min(previous.from)).await?;
    let now_parts = parts(unit, period.from, period.to, &links, Some(&mut inherited));
    let prev_parts = parts(unit, previous.from, previous.to, &links, None);
    let end = unit
        .valid_to
        .as_deref()
        .and_then(date)
        .map_or(period.to, |t| t.min(period.to));
    let children = lower_units(db, unit, end).await?;
    let child_parts: Vec<Vec<Part>> = children
        .iter()
        .map(|child| parts(child, period.from, period.to, &links, None))
        .collect();
    let plans = Plan::all(registry);
    let every_part: Vec<Part> = now_parts
        .iter()
        .chain(&prev_parts)
        .chain(child_parts.iter().flatten())
        .copied()
        .collect();
    let values = fetch(db, &plans, &every_part).await?;
    let rows = plans
        .iter()
        .map(|plan| {
            let (value, approximate) = combine(&values, plan, &now_parts);
            let ind = plan.indicator;
            FigureRow {
                key: ind.key.to_owned(),
                module: plan.module.name().to_owned(),
                name_vi: ind.name_vi.to_owned(),
                name_en: ind.name_en.to_owned(),
                unit: ind.unit.to_owned(),
                value,
                previous: combine(&values, plan, &prev_parts).0,
                approximate,
            }
        })
        .collect();
    let lower = children
        .into_iter()
        .zip(&child_parts)
        .map(|(child, parts)| LowerRow {
            code: child.code,
            name: child.name,
            values: plans
                .iter()
                .map(|plan| combine(&values, plan, parts).0)
                .collect(),
        })
        .collect();
    Ok(Figures {
        period,
        previous,
        rows,
        lower,
        inherited,
        computed_at: dinh_platform::time::now_rfc3339(),
    })
}

/// A number as Vietnamese write it: thousands with dots, decimals with a comma, one decimal
/// for rates; "—" for missing data.
pub fn show_number(v: Option<f64>, unit: &str) -> String {
    let Some(v) = v else {
        return "—".to_owned();
    };
    let rounded = if unit == "%" {
        (v * 10.0).round() / 10.0
    } else {
        (v * 100.0).round() / 100.0
    };
    let negative = rounded < 0.0;
    let abs = rounded.abs();
    let whole = abs.trunc();
    let frac = abs - whole;
    let digits = format!("{whole:.0}");
    let mut grouped = String::new();
    for (i, ch) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            grouped.push('.');
        }
        grouped.push(ch);
    }
    let mut out = if negative {
        format!("-{grouped}")
    } else {
        grouped
    };
    if frac > 0.0001 {
        let decimals = if unit == "%" { 1 } else { 2 };
        let f = format!("{frac:.decimals$}");
        let tail = f.trim_start_matches('0').trim_start_matches('.');
        let tail = tail.trim_end_matches('0');
        if !tail.is_empty() {
            out.push(',');
            out.push_str(tail);
        }
    }
    if unit == "%" {
        out.push_str(" %");
    }
    out
}
