//! The parts of a report's figures (phần số liệu theo kế thừa): a unit's own subtree while it
//! existed, and the pre-2025 units that went into it (or into a unit below it), for the days
//! before they did — the lineage of the 2025 reorganisation.

use chrono::{Duration, NaiveDate};
use dinh_platform::db::{Db, query};
use dinh_platform::units::Unit;
use dinh_platform::units::store::SUBTREE_CTE;

use super::figures::Inherited;
use crate::StoreError;

/// A piece of the figures: one unit's subtree over part of the period.
#[derive(Debug, Clone, Copy)]
pub(super) struct Part {
    /// The unit whose subtree is counted.
    pub unit_id: i64,
    /// First day counted.
    pub from: NaiveDate,
    /// Last day counted.
    pub to: NaiveDate,
}

pub(super) fn iso(d: NaiveDate) -> String {
    d.format("%Y-%m-%d").to_string()
}

pub(super) fn date(s: &str) -> Option<NaiveDate> {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").ok()
}

/// The parts making up `unit` over `from..=to`: its own subtree while it existed, and the
/// old units outside its subtree that went into it (or into a unit below it), before they did.
pub(super) async fn parts(
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
