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

/// A lineage link into a report's subtree: an old unit and the unit it went into.
#[derive(Debug, Clone, sqlx::FromRow)]
pub(super) struct Link {
    id: i64,
    code: String,
    name: String,
    kind: String,
    effective_on: String,
    path: String,
    to_path: String,
}

/// Every lineage link into the subtree of `unit` that took effect after `from`, read once for
/// the unit and all its lower units (ordered by the old unit's path).
pub(super) async fn links_into(
    db: &Db,
    unit: &Unit,
    from: NaiveDate,
) -> Result<Vec<Link>, StoreError> {
    Ok(db
        .fetch_all(
            &query(format!(
                "{SUBTREE_CTE}
                 SELECT o.id, o.code, o.name, l.kind, l.effective_on, o.path, t.path AS to_path
                 FROM unit_lineage l JOIN units o ON o.id = l.from_unit_id
                 JOIN units t ON t.id = l.to_unit_id
                 WHERE l.to_unit_id IN (SELECT id FROM subtree) AND l.effective_on > $2
                 ORDER BY o.path, t.path"
            ))
            .bind(unit.id)
            .bind(iso(from)),
        )
        .await?)
}

/// The parts making up `unit` over `from..=to`: its own subtree while it existed, and the
/// old units outside its subtree that went into it (or into a unit below it), before they did.
/// `links` are those of [`links_into`] for the unit or one above it.
pub(super) fn parts(
    unit: &Unit,
    from: NaiveDate,
    to: NaiveDate,
    links: &[Link],
    inherited: Option<&mut Vec<Inherited>>,
) -> Vec<Part> {
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
    let since = iso(from);
    let mut links: Vec<&Link> = links
        .iter()
        .filter(|l| {
            l.to_path.starts_with(unit.path.as_str())
                && !l.path.starts_with(unit.path.as_str())
                && l.effective_on > since
        })
        .collect();
    // One old unit may go into several units of the subtree: counted once.
    links.dedup_by(|a, b| a.id == b.id && a.kind == b.kind && a.effective_on == b.effective_on);
    // An old unit merged whole (a province into a province) stands for its subtree, so the
    // old units below it are not counted again; one split among several new units is counted
    // through its own links' old units below it when there are any.
    let mut kept: Vec<String> = Vec::new();
    let mut record = inherited;
    for (i, l) in links.iter().enumerate() {
        let Some(eff) = date(&l.effective_on) else {
            continue;
        };
        let end = (eff - Duration::days(1)).min(to);
        if end < from || kept.iter().any(|k| l.path.starts_with(k.as_str())) {
            continue;
        }
        let has_linked_below = links
            .iter()
            .skip(i + 1)
            .any(|other| other.path.starts_with(l.path.as_str()) && other.path != l.path);
        if l.kind == "split_into" && has_linked_below {
            continue;
        }
        kept.push(l.path.clone());
        out.push(Part {
            unit_id: l.id,
            from,
            to: end,
        });
        if let Some(list) = record.as_deref_mut() {
            list.push(Inherited {
                code: l.code.clone(),
                name: l.name.clone(),
                link: l.kind.clone(),
                from: iso(from),
                to: iso(end),
            });
        }
    }
    out
}
