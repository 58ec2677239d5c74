//! `dinh import lineage FILE`: the old-to-new mapping of the 2025 reorganisation.
//!
//! Columns: `old_province,old_district,old_ward,new_province,new_ward`. The pre-2025 units the
//! file names are created (valid until 30/06/2025) under their old province and district; a
//! province that kept its name is the same unit in both eras. Each old commune is linked to the
//! new commune(s) it went into: `merged_into` when it went whole into one, `split_into` when it
//! was divided. The new units must already be imported (`dinh import units`).

use super::{UnitKind, import::UNIT_COLUMNS};
use crate::audit::{self, Change};
use crate::csvio::{self, ImportErrors};
use crate::db::{Arg, Db, bulk, ids::next_id, query};
use crate::text::{fold, slug};
use serde_json::json;
use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::io::Read;

/// The day the two-level local government took effect.
pub const REORGANISATION_DAY: &str = "2025-07-01";
/// The last day of the pre-2025 units.
pub const LAST_OLD_DAY: &str = "2025-06-30";

/// What a lineage import did.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct LineageSummary {
    /// Pre-2025 units created (provinces, districts, communes).
    pub old_units_created: usize,
    /// Lineage links created.
    pub links_created: usize,
}

#[derive(sqlx::FromRow)]
struct Known {
    id: i64,
    code: String,
    name_folded: String,
    kind: String,
    parent_id: Option<i64>,
    path: String,
    depth: i32,
}

/// A commune's name for matching: folded, with dashes and the spaces around them made one
/// ("Cam Ly-Đà Lạt", "Cam Ly - Đà Lạt" and "Cam Ly – Đà Lạt" match).
fn commune_key(name: &str) -> String {
    fold(name)
        .split('-')
        .map(str::trim)
        .collect::<Vec<_>>()
        .join("-")
}

/// A province's name for matching: folded, without "tỉnh" / "thành phố" in front
/// ("Tỉnh An Giang" and "An Giang" match).
fn province_key(name: &str) -> String {
    let folded = fold(name);
    for prefix in ["thanh pho ", "tinh "] {
        if let Some(rest) = folded.strip_prefix(prefix) {
            return rest.to_owned();
        }
    }
    folded
}

struct Mapping {
    old: [String; 3],
    new_province: i64,
    new_ward: i64,
}

/// Imports the mapping; on any error nothing is written and every error is returned.
pub async fn import_lineage<R: Read>(
    db: &Db,
    input: R,
    actor: &str,
) -> anyhow::Result<LineageSummary> {
    let mut table = csvio::open(
        input,
        &[
            "old_province",
            "old_district",
            "old_ward",
            "new_province",
            "new_ward",
        ],
        &[],
    )?;
    let known: Vec<Known> = db
        .fetch_all(&query(
            "SELECT id, code, name_folded, kind, parent_id, path, depth FROM units",
        ))
        .await?;
    let current_provinces: HashMap<String, &Known> = known
        .iter()
        .filter(|u| {
            u.parent_id.is_none()
                && UnitKind::from_stored(&u.kind).is_some_and(UnitKind::is_province_level)
                && !u.code.starts_with("cu-")
        })
        .map(|u| (province_key(&u.name_folded), u))
        .collect();
    let communes: HashMap<(i64, String), &Known> = known
        .iter()
        .filter(|u| {
            UnitKind::from_stored(&u.kind).is_some_and(UnitKind::is_commune_level)
                && !u.code.starts_with("cu-")
        })
        .filter_map(|u| u.parent_id.map(|p| ((p, commune_key(&u.name_folded)), u)))
        .collect();
    let mut by_code: HashMap<String, (i64, String, i32)> = known
        .iter()
        .map(|u| (u.code.clone(), (u.id, u.path.clone(), u.depth)))
        .collect();

    let mut errors = ImportErrors::default();
    let mut mappings = Vec::new();
    while let Some(line) = table.next_line() {
        let line = line?;
        let get = |c: &str| line.get(&table, c).to_owned();
        let old = [get("old_province"), get("old_district"), get("old_ward")];
        // An island district with no communes (Côn Đảo, Lý Sơn, …) leaves old_ward empty.
        for (value, field) in old.iter().take(2).zip(["old_province", "old_district"]) {
            if value.is_empty() {
                errors.push(line.number, Some(field), "empty name");
            }
        }
        let new_province_name = get("new_province");
        let Some(province) = current_provinces.get(&province_key(&new_province_name)) else {
            errors.push(
                line.number,
                Some("new_province"),
                format!(
                    "no current province named '{new_province_name}': import the unit list first"
                ),
            );
            continue;
        };
        let new_ward_name = get("new_ward");
        let Some(ward) = communes.get(&(province.id, commune_key(&new_ward_name))) else {
            errors.push(
                line.number,
                Some("new_ward"),
                format!("no commune named '{new_ward_name}' in {new_province_name}"),
            );
            continue;
        };
        mappings.push(Mapping {
            old,
            new_province: province.id,
            new_ward: ward.id,
        });
    }
    if !errors.is_empty() {
        return Err(errors.into());
    }

    let now = crate::time::now_rfc3339();
    let mut summary = LineageSummary::default();
    let mut new_units: Vec<Vec<Arg>> = Vec::new();
    let mut created: Vec<(String, serde_json::Value)> = Vec::new();
    // Creates (or finds) a pre-2025 unit; returns its id.
    let mut ensure = |code: String,
                      name: &str,
                      kind: UnitKind,
                      parent: Option<&str>,
                      by_code: &mut HashMap<String, (i64, String, i32)>|
     -> i64 {
        if let Some((id, _, _)) = by_code.get(&code) {
            return *id;
        }
        let (parent_id, parent_path, parent_depth) = match parent.and_then(|p| by_code.get(p)) {
            Some((id, path, depth)) => (Some(*id), path.clone(), *depth),
            None => (None, "/".to_owned(), -1),
        };
        let id = next_id();
        let path = format!("{parent_path}{id}/");
        new_units.push(vec![
            id.into(),
            code.as_str().into(),
            name.into(),
            fold(name).into(),
            kind.as_str().into(),
            kind.label_vi().into(),
            parent_id.into(),
            path.as_str().into(),
            (parent_depth + 1).into(),
            Arg::Text(None),
            LAST_OLD_DAY.into(),
            now.as_str().into(),
        ]);
        created.push((
            code.clone(),
            json!({"name": name, "kind": kind.as_str(), "valid_to": LAST_OLD_DAY}),
        ));
        by_code.insert(code, (id, path, parent_depth + 1));
        id
    };

    let mut ward_targets: BTreeMap<i64, BTreeSet<i64>> = BTreeMap::new();
    let mut province_links: BTreeSet<(i64, i64)> = BTreeSet::new();
    for m in &mappings {
        let [old_province, old_district, old_ward] = &m.old;
        let province_code = match current_provinces.get(&province_key(old_province)) {
            Some(p) => p.code.clone(),
            None => {
                let code = format!("cu-{}", slug(old_province));
                let kind = UnitKind::from_name(old_province)
                    .filter(|k| k.is_province_level())
                    .unwrap_or(UnitKind::Province);
                let id = ensure(code.clone(), old_province, kind, None, &mut by_code);
                province_links.insert((id, m.new_province));
                code
            }
        };
        let district_code = format!("cu-{}-{}", slug(old_province), slug(old_district));
        let district_id = ensure(
            district_code.clone(),
            old_district,
            UnitKind::District,
            Some(&province_code),
            &mut by_code,
        );
        let ward_id = if old_ward.is_empty() {
            district_id
        } else {
            let ward_code = format!("{district_code}-{}", slug(old_ward));
            let kind = UnitKind::from_name(old_ward)
                .filter(|k| k.is_commune_level())
                .unwrap_or(UnitKind::Commune);
            ensure(
                ward_code,
                old_ward,
                kind,
                Some(&district_code),
                &mut by_code,
            )
        };
        ward_targets.entry(ward_id).or_default().insert(m.new_ward);
    }
    summary.old_units_created = new_units.len();

    let mut tx = db.begin().await?;
    bulk::insert_rows(&mut tx, "units", &UNIT_COLUMNS, new_units).await?;
    let mut links: Vec<(i64, i64, &str)> = province_links
        .iter()
        .map(|&(f, t)| (f, t, "merged_into"))
        .collect();
    for (from, targets) in &ward_targets {
        let kind = if targets.len() > 1 {
            "split_into"
        } else {
            "merged_into"
        };
        links.extend(targets.iter().map(|&t| (*from, t, kind)));
    }
    for chunk in links.chunks(500) {
        let mut sql = String::from(
            "INSERT INTO unit_lineage (from_unit_id, to_unit_id, kind, effective_on) VALUES ",
        );
        let mut q_args: Vec<Arg> = Vec::new();
        for (i, (from, to, kind)) in chunk.iter().enumerate() {
            let b = i * 4;
            sql.push_str(&format!(
                "{}(${}, ${}, ${}, ${})",
                if i > 0 { ", " } else { "" },
                b + 1,
                b + 2,
                b + 3,
                b + 4
            ));
            q_args.extend([
                (*from).into(),
                (*to).into(),
                (*kind).into(),
                REORGANISATION_DAY.into(),
            ]);
        }
        sql.push_str(" ON CONFLICT (from_unit_id, to_unit_id) DO NOTHING");
        let mut q = query(sql);
        for a in q_args {
            q.push(a);
        }
        summary.links_created += usize::try_from(tx.execute(&q).await?).unwrap_or(0);
    }
    // A new commune that replaced old ones came into being on the reorganisation day.
    tx.execute(&query(
        "UPDATE units SET valid_from = $1 WHERE valid_from IS NULL AND id IN
         (SELECT to_unit_id FROM unit_lineage l JOIN units o ON o.id = l.from_unit_id WHERE o.depth > 0)",
    ).bind(REORGANISATION_DAY)).await?;
    super::search::refresh(&mut tx).await?;
    let mut audit_entries: Vec<Change<'_>> = created
        .iter()
        .map(|(code, after)| Change {
            actor,
            action: "units.create",
            object_type: "unit",
            object_id: code,
            before: None,
            after: Some(after.clone()),
        })
        .collect();
    let link_summary =
        json!({"links_created": summary.links_created, "effective_on": REORGANISATION_DAY});
    audit_entries.push(Change {
        actor,
        action: "units.lineage_import",
        object_type: "unit_lineage",
        object_id: "2025",
        before: None,
        after: Some(link_summary),
    });
    audit::record_many(&mut tx, &audit_entries).await?;
    tx.commit().await?;
    Ok(summary)
}
