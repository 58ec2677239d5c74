//! Reading units: by code, the tree around a unit, search, and lineage questions.

use crate::db::{Db, DbResult, query};
use crate::text::fold;
use chrono::NaiveDate;
use serde::Serialize;

/// An administrative unit (đơn vị hành chính), a residential community, or an attached body.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, sqlx::FromRow, utoipa::ToSchema)]
pub struct Unit {
    /// Internal id.
    #[serde(skip)]
    pub id: i64,
    /// Official code (the 2025 list's code) or, for pre-2025 units, a code made from the names.
    pub code: String,
    /// Official name.
    pub name: String,
    /// Stored kind (`province`, `ward`, `village`, …).
    pub kind: String,
    /// The kind as written in the source list ("thành phố trung ương").
    pub kind_label: String,
    /// Parent unit id.
    #[serde(skip)]
    pub parent_id: Option<i64>,
    /// Ids of the ancestors and the unit itself: `/1/5/9/`.
    #[serde(skip)]
    pub path: String,
    /// Depth in the tree (provinces are 0).
    pub depth: i32,
    /// First day the unit existed (ISO), if known.
    pub valid_from: Option<String>,
    /// Last day the unit existed (ISO); None while it exists.
    pub valid_to: Option<String>,
}

impl Unit {
    /// Ids of the ancestors, root first, excluding the unit itself.
    pub fn ancestor_ids(&self) -> Vec<i64> {
        let mut ids: Vec<i64> = self
            .path
            .split('/')
            .filter_map(|s| s.parse().ok())
            .collect();
        ids.pop();
        ids
    }

    /// True when `other_id` is this unit or one of its ancestors.
    pub fn is_within(&self, other_id: i64) -> bool {
        self.path
            .split('/')
            .any(|s| s.parse::<i64>().ok() == Some(other_id))
    }

    /// The unit's kind, when the stored name is known.
    pub fn unit_kind(&self) -> Option<super::UnitKind> {
        super::UnitKind::from_stored(&self.kind)
    }

    /// True when the unit existed on `date`.
    pub fn existed_on(&self, date: NaiveDate) -> bool {
        let iso = date.format("%Y-%m-%d").to_string();
        self.valid_from.as_deref().is_none_or(|f| f <= iso.as_str())
            && self.valid_to.as_deref().is_none_or(|t| t >= iso.as_str())
    }
}

const COLUMNS: &str =
    "id, code, name, kind, kind_label, parent_id, path, depth, valid_from, valid_to";

/// A unit by its code.
pub async fn by_code(db: &Db, code: &str) -> DbResult<Option<Unit>> {
    db.fetch_optional(&query(format!("SELECT {COLUMNS} FROM units WHERE code = $1")).bind(code))
        .await
}

/// A unit by its id.
pub async fn by_id(db: &Db, id: i64) -> DbResult<Option<Unit>> {
    db.fetch_optional(&query(format!("SELECT {COLUMNS} FROM units WHERE id = $1")).bind(id))
        .await
}

/// The units of `ids` that exist, by id, in one query (for work on many units at once).
pub async fn by_ids(db: &Db, ids: &[i64]) -> DbResult<std::collections::HashMap<i64, Unit>> {
    if ids.is_empty() {
        return Ok(std::collections::HashMap::new());
    }
    let list = crate::module::id_list(ids.iter().copied());
    let units: Vec<Unit> = db
        .fetch_all(&query(format!(
            "SELECT {COLUMNS} FROM units WHERE id IN ({list})"
        )))
        .await?;
    Ok(units.into_iter().map(|u| (u.id, u)).collect())
}

/// The ancestors of a unit, root first.
pub async fn ancestors(db: &Db, unit: &Unit) -> DbResult<Vec<Unit>> {
    let ids = unit.ancestor_ids();
    if ids.is_empty() {
        return Ok(Vec::new());
    }
    let list = ids
        .iter()
        .map(i64::to_string)
        .collect::<Vec<_>>()
        .join(", ");
    db.fetch_all(&query(format!(
        "SELECT {COLUMNS} FROM units WHERE id IN ({list}) ORDER BY depth"
    )))
    .await
}

/// The direct children of a unit (or the provinces, for `None`), current units first, by name.
pub async fn children(
    db: &Db,
    parent: Option<i64>,
    limit: i64,
    offset: i64,
) -> DbResult<Vec<Unit>> {
    let order = "ORDER BY CASE WHEN valid_to IS NULL THEN 0 ELSE 1 END, name";
    let q = match parent {
        Some(id) => query(format!(
            "SELECT {COLUMNS} FROM units WHERE parent_id = $3 {order} LIMIT $1 OFFSET $2"
        ))
        .bind(limit)
        .bind(offset)
        .bind(id),
        None => query(format!(
            "SELECT {COLUMNS} FROM units WHERE parent_id IS NULL {order} LIMIT $1 OFFSET $2"
        ))
        .bind(limit)
        .bind(offset),
    };
    db.fetch_all(&q).await
}

/// Number of direct children (or provinces, for `None`).
pub async fn count_children(db: &Db, parent: Option<i64>) -> DbResult<i64> {
    match parent {
        Some(id) => {
            db.scalar(&query("SELECT COUNT(*) FROM units WHERE parent_id = $1").bind(id))
                .await
        }
        None => {
            db.scalar(&query("SELECT COUNT(*) FROM units WHERE parent_id IS NULL"))
                .await
        }
    }
}

/// Units whose name matches `text`, ignoring diacritics and case ("cau giay" finds "Cầu Giấy").
pub async fn search(db: &Db, text: &str, limit: i64) -> DbResult<Vec<Unit>> {
    let folded = fold(text);
    if folded.is_empty() {
        return Ok(Vec::new());
    }
    let escaped = folded
        .replace('\\', "\\\\")
        .replace('%', "\\%")
        .replace('_', "\\_");
    db.fetch_all(
        &query(format!(
            "SELECT {COLUMNS} FROM units WHERE name_folded LIKE $1 ESCAPE '\\'
             ORDER BY CASE WHEN valid_to IS NULL THEN 0 ELSE 1 END, depth, name LIMIT $2"
        ))
        .bind(format!("%{escaped}%"))
        .bind(limit),
    )
    .await
}

/// One lineage link, seen from one side.
#[derive(Debug, Clone, Serialize, sqlx::FromRow, utoipa::ToSchema)]
pub struct LineageLink {
    /// `merged_into` (all of the old unit went into the new one) or `split_into`
    /// (the old unit was divided among several new ones).
    pub kind: String,
    /// Day the change took effect (ISO).
    pub effective_on: String,
    /// Code of the unit on the other side.
    pub code: String,
    /// Name of the unit on the other side.
    pub name: String,
    /// Kind of the unit on the other side.
    pub unit_kind: String,
}

/// "What did this old unit become?": the units it went into.
pub async fn successors(db: &Db, unit_id: i64) -> DbResult<Vec<LineageLink>> {
    db.fetch_all(
        &query(
            "SELECT l.kind, l.effective_on, u.code, u.name, u.kind AS unit_kind
             FROM unit_lineage l JOIN units u ON u.id = l.to_unit_id
             WHERE l.from_unit_id = $1 ORDER BY u.name",
        )
        .bind(unit_id),
    )
    .await
}

/// "What did this new unit come from?": the units that went into it.
pub async fn predecessors(db: &Db, unit_id: i64) -> DbResult<Vec<LineageLink>> {
    db.fetch_all(
        &query(
            "SELECT l.kind, l.effective_on, u.code, u.name, u.kind AS unit_kind
             FROM unit_lineage l JOIN units u ON u.id = l.from_unit_id
             WHERE l.to_unit_id = $1 ORDER BY u.name",
        )
        .bind(unit_id),
    )
    .await
}

/// The SQL of a recursive walk down the tree from `$1`, yielding `subtree(id)`.
pub const SUBTREE_CTE: &str = "WITH RECURSIVE subtree(id) AS (
    SELECT id FROM units WHERE id = $1
    UNION ALL
    SELECT u.id FROM units u JOIN subtree s ON u.parent_id = s.id
)";
