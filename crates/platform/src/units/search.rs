//! The units in the site search: every unit in force, by its name and code, with its parent's
//! name and the names of the units it came from, so the name of an old commune finds the
//! commune it became. Written by the unit and lineage imports in their own transaction.

use crate::db::{DbResult, Tx, query};
use crate::search::{self, Doc, KIND_UNIT};
use std::collections::HashMap;

/// The source of units in the search index.
pub const SOURCE: &str = "unit";

#[derive(sqlx::FromRow)]
struct Current {
    id: i64,
    code: String,
    name: String,
    kind_label: String,
    parent_name: Option<String>,
}

/// Makes the units in the index exactly the units in force (a unit that ended leaves it).
/// Returns how many rows changed.
pub(crate) async fn refresh(tx: &mut Tx) -> DbResult<usize> {
    let units: Vec<Current> = tx
        .fetch_all(&query(
            "SELECT u.id, u.code, u.name, u.kind_label, p.name AS parent_name
             FROM units u LEFT JOIN units p ON p.id = u.parent_id
             WHERE u.valid_to IS NULL",
        ))
        .await?;
    let links: Vec<(i64, String, Option<String>)> = tx
        .fetch_all(&query(
            "SELECT l.to_unit_id, o.name, op.name
             FROM unit_lineage l JOIN units o ON o.id = l.from_unit_id
             LEFT JOIN units op ON op.id = o.parent_id
             ORDER BY o.name, op.name",
        ))
        .await?;
    let mut former: HashMap<i64, Vec<String>> = HashMap::new();
    for (to, name, parent) in links {
        former.entry(to).or_default().push(match parent {
            Some(p) => format!("{name} ({p})"),
            None => name,
        });
    }
    let docs: Vec<Doc> = units
        .into_iter()
        .map(|u| {
            let mut body = format!("{} · mã {}", u.kind_label, u.code);
            if let Some(p) = &u.parent_name {
                body.push_str(" · ");
                body.push_str(p);
            }
            if let Some(names) = former.get(&u.id) {
                body.push_str(" · Hình thành ngày 01/07/2025 từ: ");
                body.push_str(&names.join(", "));
            }
            Doc {
                source: SOURCE,
                reference: u.id.to_string(),
                unit_id: u.id,
                kind_key: KIND_UNIT,
                title: u.name,
                body,
                href: format!("/units/{}", crate::web::urlencode(&u.code)),
                published_at: None,
            }
        })
        .collect();
    search::replace(tx, SOURCE, &docs).await
}
