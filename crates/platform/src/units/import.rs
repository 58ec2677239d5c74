//! `dinh import units FILE`: loading a list of units (code, name, kind, parent_code).
//!
//! The whole file is checked before anything is written: malformed lines, unknown kinds,
//! duplicate codes, unknown parents and a unit that would become its own ancestor are all
//! reported with their line and field, and the file is rejected whole. A unit already present
//! is updated in place (re-importing the same file changes nothing).

use super::UnitKind;
use crate::audit::{self, Change};
use crate::csvio::{self, ImportErrors};
use crate::db::{Db, bulk, ids::next_id, query};
use crate::text::fold;
use serde_json::json;
use std::collections::HashMap;
use std::io::Read;

/// What an import did.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ImportSummary {
    /// Units created.
    pub inserted: usize,
    /// Units whose name, kind, parent or dates changed.
    pub updated: usize,
    /// Units already present as in the file.
    pub unchanged: usize,
}

struct Row {
    line: u64,
    code: String,
    name: String,
    kind: UnitKind,
    kind_label: String,
    parent_code: Option<String>,
    valid_from: Option<String>,
    valid_to: Option<String>,
}

#[derive(sqlx::FromRow, Clone)]
struct Existing {
    id: i64,
    code: String,
    name: String,
    kind: String,
    kind_label: String,
    parent_id: Option<i64>,
    path: String,
    depth: i32,
    valid_from: Option<String>,
    valid_to: Option<String>,
}

const REQUIRED: [&str; 4] = ["code", "name", "kind", "parent_code"];
const OPTIONAL: [&str; 2] = ["valid_from", "valid_to"];

fn parse_rows<R: Read>(input: R) -> Result<(Vec<Row>, ImportErrors), ImportErrors> {
    let mut table = csvio::open(input, &REQUIRED, &OPTIONAL)?;
    let mut errors = ImportErrors::default();
    let mut rows = Vec::new();
    let mut seen: HashMap<String, u64> = HashMap::new();
    while let Some(line) = table.next_line() {
        let line = line?;
        let n = line.number;
        let code = line.get(&table, "code").to_owned();
        let name = line.get(&table, "name").to_owned();
        let kind_label = line.get(&table, "kind").to_owned();
        if code.is_empty() {
            errors.push(
                n,
                Some("code"),
                "empty code; every unit needs its official code",
            );
        } else if let Some(first) = seen.insert(code.clone(), n) {
            errors.push(
                n,
                Some("code"),
                format!("duplicate code '{code}' (first on line {first})"),
            );
        }
        if name.is_empty() {
            errors.push(n, Some("name"), "empty name");
        }
        let kind = UnitKind::from_label(&kind_label);
        if kind.is_none() {
            errors.push(n, Some("kind"), format!("unknown kind '{kind_label}'; use tỉnh, thành phố trung ương, xã, phường, đặc khu, thôn, tổ dân phố, …"));
        }
        let mut date = |field: &str| {
            let text = line.get(&table, field);
            if text.is_empty() {
                return None;
            }
            match crate::time::parse_date(text) {
                Some(d) => Some(d.format("%Y-%m-%d").to_string()),
                None => {
                    errors.push(
                        n,
                        Some(field),
                        format!("'{text}' is not a date; write dd/mm/yyyy"),
                    );
                    None
                }
            }
        };
        let valid_from = date("valid_from");
        let valid_to = date("valid_to");
        if let (Some(f), Some(t)) = (&valid_from, &valid_to)
            && t < f
        {
            errors.push(n, Some("valid_to"), "valid_to is before valid_from");
        }
        let parent = line.get(&table, "parent_code");
        if let Some(kind) = kind {
            rows.push(Row {
                line: n,
                code,
                name,
                kind,
                kind_label,
                parent_code: (!parent.is_empty()).then(|| parent.to_owned()),
                valid_from,
                valid_to,
            });
        }
    }
    Ok((rows, errors))
}

/// Imports a unit list; on any error nothing is written and every error is returned.
pub async fn import_units<R: Read>(
    db: &Db,
    input: R,
    actor: &str,
) -> anyhow::Result<ImportSummary> {
    let (rows, mut errors) = parse_rows(input)?;
    let existing: Vec<Existing> = db
        .fetch_all(&query("SELECT id, code, name, kind, kind_label, parent_id, path, depth, valid_from, valid_to FROM units"))
        .await?;
    let by_code: HashMap<&str, &Existing> = existing.iter().map(|e| (e.code.as_str(), e)).collect();
    let code_of_id: HashMap<i64, &str> = existing.iter().map(|e| (e.id, e.code.as_str())).collect();
    let in_file: HashMap<&str, &Row> = rows.iter().map(|r| (r.code.as_str(), r)).collect();

    // The parent of every code, as it will be after the import.
    let parent_of = |code: &str| -> Option<String> {
        match in_file.get(code) {
            Some(r) => r.parent_code.clone(),
            None => by_code
                .get(code)
                .and_then(|e| e.parent_id)
                .and_then(|p| code_of_id.get(&p))
                .map(|c| (*c).to_owned()),
        }
    };
    let mut depth: HashMap<&str, usize> = HashMap::new();
    for row in &rows {
        if let Some(p) = &row.parent_code
            && !in_file.contains_key(p.as_str())
            && !by_code.contains_key(p.as_str())
        {
            errors.push(
                row.line,
                Some("parent_code"),
                format!("unknown parent '{p}': add it to the file or import it first"),
            );
            continue;
        }
        let mut chain = vec![row.code.clone()];
        let mut current = row.parent_code.clone();
        while let Some(c) = current {
            if c == row.code {
                chain.push(c);
                errors.push(
                    row.line,
                    Some("parent_code"),
                    format!(
                        "unit '{}' would become its own ancestor ({})",
                        row.code,
                        chain.join(" → ")
                    ),
                );
                break;
            }
            if chain.len() > 64 {
                break;
            }
            current = parent_of(&c);
            chain.push(c);
        }
        depth.insert(row.code.as_str(), chain.len() - 1);
    }
    if !errors.is_empty() {
        return Err(errors.into());
    }

    let mut order: Vec<&Row> = rows.iter().collect();
    order.sort_by_key(|r| depth.get(r.code.as_str()).copied().unwrap_or(0));
    let mut placed: HashMap<String, (i64, String, i32)> = existing
        .iter()
        .map(|e| (e.code.clone(), (e.id, e.path.clone(), e.depth)))
        .collect();
    let now = crate::time::now_rfc3339();
    let mut summary = ImportSummary::default();
    let mut inserts = Vec::new();
    let mut changes = Vec::new();
    let mut moved = false;
    let mut tx = db.begin().await?;
    for row in order {
        let parent = row
            .parent_code
            .as_ref()
            .and_then(|p| placed.get(p).cloned());
        let (parent_id, parent_path, parent_depth) = match parent {
            Some((id, path, d)) => (Some(id), path, d),
            None => (None, "/".to_owned(), -1),
        };
        let after = json!({"code": row.code, "name": row.name, "kind": row.kind.as_str(), "parent_code": row.parent_code,
                           "valid_from": row.valid_from, "valid_to": row.valid_to});
        match by_code.get(row.code.as_str()) {
            None => {
                let id = next_id();
                let path = format!("{parent_path}{id}/");
                placed.insert(row.code.clone(), (id, path.clone(), parent_depth + 1));
                inserts.push(vec![
                    id.into(),
                    row.code.as_str().into(),
                    row.name.as_str().into(),
                    fold(&row.name).into(),
                    row.kind.as_str().into(),
                    row.kind_label.as_str().into(),
                    parent_id.into(),
                    path.into(),
                    (parent_depth + 1).into(),
                    row.valid_from.clone().into(),
                    row.valid_to.clone().into(),
                    now.as_str().into(),
                ]);
                changes.push((row.code.clone(), None, after));
                summary.inserted += 1;
            }
            Some(e) => {
                let same = e.name == row.name
                    && e.kind == row.kind.as_str()
                    && e.kind_label == row.kind_label
                    && e.parent_id == parent_id
                    && e.valid_from == row.valid_from
                    && e.valid_to == row.valid_to;
                if same {
                    summary.unchanged += 1;
                    continue;
                }
                // Flush pending inserts so a moved unit's new parent exists.
                bulk::insert_rows(
                    &mut tx,
                    "units",
                    &UNIT_COLUMNS,
                    std::mem::take(&mut inserts),
                )
                .await?;
                let path = format!("{parent_path}{}/", e.id);
                let new_depth = parent_depth + 1;
                tx.execute(&query("UPDATE units SET name = $1, name_folded = $2, kind = $3, kind_label = $4, parent_id = $5, valid_from = $6, valid_to = $7 WHERE id = $8")
                    .bind(row.name.as_str()).bind(fold(&row.name)).bind(row.kind.as_str()).bind(row.kind_label.as_str())
                    .bind(parent_id).bind(row.valid_from.clone()).bind(row.valid_to.clone()).bind(e.id)).await?;
                if path != e.path {
                    moved = true;
                    // Move the whole subtree: rewrite the path prefix and depth of every descendant.
                    let keep_from = i64::try_from(e.path.len()).unwrap_or(0) + 1;
                    tx.execute(&query("UPDATE units SET path = $1 || substr(path, CAST($2 AS INTEGER)), depth = depth + $3 WHERE path LIKE $4")
                        .bind(path.as_str()).bind(keep_from).bind(i64::from(new_depth - e.depth)).bind(format!("{}%", e.path))).await?;
                }
                placed.insert(row.code.clone(), (e.id, path, new_depth));
                let before = json!({"code": e.code, "name": e.name, "kind": e.kind,
                    "parent_code": e.parent_id.and_then(|p| code_of_id.get(&p)), "valid_from": e.valid_from, "valid_to": e.valid_to});
                changes.push((row.code.clone(), Some(before), after));
                summary.updated += 1;
            }
        }
    }
    bulk::insert_rows(&mut tx, "units", &UNIT_COLUMNS, inserts).await?;
    if summary.inserted + summary.updated > 0 {
        super::search::refresh(&mut tx).await?;
    }
    if moved {
        crate::search::rescope(&mut tx).await?;
    }
    let audit: Vec<Change<'_>> = changes
        .iter()
        .map(|(code, before, after)| Change {
            actor,
            action: if before.is_some() {
                "units.update"
            } else {
                "units.create"
            },
            object_type: "unit",
            object_id: code,
            before: before.clone(),
            after: Some(after.clone()),
        })
        .collect();
    if !audit.is_empty() {
        audit::record_many(&mut tx, &audit).await?;
    }
    tx.commit().await?;
    Ok(summary)
}

/// Columns of a new unit row, in the order imports supply them.
pub(super) const UNIT_COLUMNS: [&str; 12] = [
    "id",
    "code",
    "name",
    "name_folded",
    "kind",
    "kind_label",
    "parent_id",
    "path",
    "depth",
    "valid_from",
    "valid_to",
    "created_at",
];
