//! The figures of a review report (số liệu báo cáo), from every indicator of every module in
//! the registry: for the unit's subtree, plus what it inherited through the 2025 lineage for
//! the part of the period before it existed; for the previous period; and per lower unit
//! (thôn → xã → tỉnh). Missing data stays missing (None), never zero.

use chrono::{Duration, NaiveDate};
use dinh_platform::db::{Db, query};
use dinh_platform::module::{BoxFuture, Indicator, Period, Registry};
use dinh_platform::units::Unit;
use dinh_platform::units::store::SUBTREE_CTE;
use futures_util::{StreamExt, TryStreamExt, stream};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

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
    /// True when a rate was combined from several units (unweighted mean of their rates).
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

/// A piece of the figures: one unit's subtree over part of the period.
#[derive(Debug, Clone, Copy)]
struct Part {
    unit_id: i64,
    from: NaiveDate,
    to: NaiveDate,
}

fn iso(d: NaiveDate) -> String {
    d.format("%Y-%m-%d").to_string()
}

fn date(s: &str) -> Option<NaiveDate> {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").ok()
}

/// The parts making up `unit` over `from..=to`: its own subtree while it existed, and the
/// old units outside its subtree that went into it (or into a unit below it), before they did.
async fn parts(
    db: &Db,
    unit: &Unit,
    from: NaiveDate,
    to: NaiveDate,
    inherited: Option<&mut Vec<Inherited>>,
) -> Result<Vec<Part>, StoreError> {
    let mut out = Vec::new();
    let own_from = unit
        .valid_from
        .as_deref()
        .and_then(date)
        .map_or(from, |f| f.max(from));
    let own_to = unit
        .valid_to
        .as_deref()
        .and_then(date)
        .map_or(to, |t| t.min(to));
    if own_from <= own_to {
        out.push(Part {
            unit_id: unit.id,
            from: own_from,
            to: own_to,
        });
    }
    let links: Vec<(i64, String, String, String, String, String)> = db
        .fetch_all(
            &query(format!(
                "{SUBTREE_CTE}
                 SELECT DISTINCT o.id, o.code, o.name, l.kind, l.effective_on, o.path
                 FROM unit_lineage l JOIN subtree s ON s.id = l.to_unit_id
                 JOIN units o ON o.id = l.from_unit_id
                 WHERE o.path NOT LIKE $2 AND l.effective_on > $3
                 ORDER BY o.path"
            ))
            .bind(unit.id)
            .bind(format!("{}%", unit.path))
            .bind(iso(from)),
        )
        .await?;
    // An old unit merged whole (a province into a province) stands for its subtree, so the
    // old units below it are not counted again; one split among several new units is counted
    // through its own links' old units below it when there are any.
    let mut kept: Vec<String> = Vec::new();
    let mut record = inherited;
    for (i, (id, code, name, link, effective, path)) in links.iter().enumerate() {
        let Some(eff) = date(effective) else { continue };
        let end = (eff - Duration::days(1)).min(to);
        if end < from || kept.iter().any(|k| path.starts_with(k.as_str())) {
            continue;
        }
        let has_linked_below = links
            .iter()
            .skip(i + 1)
            .any(|other| other.5.starts_with(path.as_str()) && other.5 != *path);
        if link == "split_into" && has_linked_below {
            continue;
        }
        kept.push(path.clone());
        let (id, code, name, link) = (*id, code.clone(), name.clone(), link.clone());
        out.push(Part {
            unit_id: id,
            from,
            to: end,
        });
        if let Some(list) = record.as_deref_mut() {
            list.push(Inherited {
                code,
                name,
                link,
                from: iso(from),
                to: iso(end),
            });
        }
    }
    Ok(out)
}

/// Combines one indicator over the parts: counts add up; rates from several parts are
/// averaged and marked approximate; parts without data are left out, and no data at all is None.
async fn combine(
    db: &Db,
    registry: &Registry,
    key: &str,
    unit_label: &str,
    parts: &[Part],
) -> Result<(Option<f64>, bool), StoreError> {
    let mut found = Vec::new();
    for p in parts {
        let v = registry
            .indicator_value(
                db,
                key,
                p.unit_id,
                Period {
                    from: p.from,
                    to: p.to,
                },
            )
            .await?;
        if let Some(v) = v {
            found.push(v);
        }
    }
    if found.is_empty() {
        return Ok((None, false));
    }
    let sum: f64 = found.iter().sum();
    if unit_label == "%" {
        let n = f64::from(u32::try_from(found.len()).unwrap_or(1));
        Ok((Some(sum / n), found.len() > 1))
    } else {
        Ok((Some(sum), false))
    }
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

/// How many indicator computations run at once (the pool has 8 connections on SQLite).
const CONCURRENCY: usize = 8;

/// Computes the figures of `unit` for `period` from every indicator in `registry`: the unit's
/// rows for this and the previous period, then each lower unit's, several at a time.
pub fn compute<'a>(
    db: &'a Db,
    registry: &'a Registry,
    unit: &'a Unit,
    period: ReportPeriod,
) -> BoxFuture<'a, Result<Figures, StoreError>> {
    Box::pin(compute_concurrently(db, registry, unit, period))
}

async fn compute_concurrently(
    db: &Db,
    registry: &Registry,
    unit: &Unit,
    period: ReportPeriod,
) -> Result<Figures, StoreError> {
    let previous = period.previous();
    let mut inherited = Vec::new();
    let now_parts = parts(db, unit, period.from, period.to, Some(&mut inherited)).await?;
    let prev_parts = parts(db, unit, previous.from, previous.to, None).await?;
    let indicators: Vec<(&'static str, Indicator)> = registry
        .indicators()
        .iter()
        .map(|(m, i)| (m.name(), *i))
        .collect();
    let count = indicators.len();
    let rows: Vec<FigureRow> = stream::iter(0..count)
        .map(|i| {
            let (now_parts, prev_parts) = (&now_parts, &prev_parts);
            let entry = indicators.get(i).copied();
            async move {
                let (module, ind) = entry.ok_or(StoreError::NotFound)?;
                let (value, approximate) =
                    combine(db, registry, ind.key, ind.unit, now_parts).await?;
                let (previous, _) = combine(db, registry, ind.key, ind.unit, prev_parts).await?;
                Ok::<_, StoreError>(FigureRow {
                    key: ind.key.to_owned(),
                    module: module.to_owned(),
                    name_vi: ind.name_vi.to_owned(),
                    name_en: ind.name_en.to_owned(),
                    unit: ind.unit.to_owned(),
                    value,
                    previous,
                    approximate,
                })
            }
        })
        .buffered(CONCURRENCY)
        .try_collect()
        .await?;
    let end = unit
        .valid_to
        .as_deref()
        .and_then(date)
        .map_or(period.to, |t| t.min(period.to));
    let children = lower_units(db, unit, end).await?;
    let lower: Vec<LowerRow> = stream::iter(children)
        .map(|child| {
            let indicators = &indicators;
            async move {
                let child_parts = parts(db, &child, period.from, period.to, None).await?;
                let values: Vec<Option<f64>> = stream::iter(0..count)
                    .map(|i| {
                        let child_parts = &child_parts;
                        let entry = indicators.get(i).copied();
                        async move {
                            let (_, ind) = entry.ok_or(StoreError::NotFound)?;
                            Ok::<_, StoreError>(
                                combine(db, registry, ind.key, ind.unit, child_parts)
                                    .await?
                                    .0,
                            )
                        }
                    })
                    .buffered(2)
                    .try_collect()
                    .await?;
                Ok::<_, StoreError>(LowerRow {
                    code: child.code,
                    name: child.name,
                    values,
                })
            }
        })
        .buffered(CONCURRENCY / 2)
        .try_collect()
        .await?;
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
