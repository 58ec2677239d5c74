//! The write side: documents upserted by (source, reference) inside the caller's transaction.
//!
//! A document's row holds its text as shown (for the snippet) and as searched (folded words),
//! and the tokens of its unit's path. Writing only what changed keeps a re-import of the unit
//! list from rewriting thousands of unchanged rows; a changed row is deleted and inserted again
//! (on SQLite the triggers keep the FTS5 index in step, on PostgreSQL the `tsvector` is
//! generated).

use std::collections::{HashMap, HashSet};

use super::{Doc, SITE_WIDE, fold};
use crate::db::{Arg, DbResult, Tx, bulk, ids::next_id, query};

const COLUMNS: [&str; 12] = [
    "id",
    "source",
    "reference",
    "unit_id",
    "kind",
    "title",
    "body",
    "href",
    "published_at",
    "scope",
    "title_words",
    "body_words",
];

/// Longest title indexed, in characters.
const TITLE_MAX: usize = 1_000;
/// Rows named in one statement.
const CHUNK: usize = 500;

/// The unit tokens of a materialised path: `/1/5/9/` → `u1 u5 u9`.
pub(crate) fn scope_of(path: &str) -> String {
    path.split('/')
        .filter(|s| !s.is_empty())
        .map(|id| format!("u{id}"))
        .collect::<Vec<_>>()
        .join(" ")
}

/// The token a search within unit `id` adds.
pub(crate) fn unit_token(id: i64) -> String {
    format!("u{id}")
}

fn cut(text: &str, max_chars: usize) -> &str {
    text.char_indices()
        .nth(max_chars)
        .map_or(text, |(at, _)| &text[..at])
}

/// A document as stored (without its id).
#[derive(Debug, PartialEq, Eq, sqlx::FromRow)]
struct Stored {
    reference: String,
    unit_id: i64,
    kind: String,
    title: String,
    body: String,
    href: String,
    published_at: Option<String>,
    scope: String,
}

impl Stored {
    fn of(doc: &Doc, scope: String) -> Self {
        Stored {
            reference: doc.reference.clone(),
            unit_id: doc.unit_id,
            kind: doc.kind_key.to_owned(),
            title: cut(doc.title.trim(), TITLE_MAX).to_owned(),
            body: cut(doc.body.trim(), fold::BODY_MAX).to_owned(),
            href: doc.href.clone(),
            published_at: doc.published_at.map(|d| d.format("%Y-%m-%d").to_string()),
            scope,
        }
    }

    fn row(self, source: &str) -> Vec<Arg> {
        let title_words = fold::index_text(&self.title, TITLE_MAX);
        let body_words = fold::index_text(&self.body, fold::BODY_MAX);
        vec![
            next_id().into(),
            source.into(),
            self.reference.into(),
            self.unit_id.into(),
            self.kind.into(),
            self.title.into(),
            self.body.into(),
            self.href.into(),
            self.published_at.into(),
            self.scope.into(),
            title_words.into(),
            body_words.into(),
        ]
    }
}

/// `$from, $from+1, …` for `n` values.
fn placeholders(from: usize, n: usize) -> String {
    (from..from + n)
        .map(|i| format!("${i}"))
        .collect::<Vec<_>>()
        .join(", ")
}

/// The paths of the units `ids`, by id.
async fn paths(tx: &mut Tx, ids: &[i64]) -> DbResult<HashMap<i64, String>> {
    let mut out = HashMap::new();
    for chunk in ids.chunks(CHUNK) {
        let list = crate::module::id_list(chunk.iter().copied());
        let rows: Vec<(i64, String)> = tx
            .fetch_all(&query(format!(
                "SELECT id, path FROM units WHERE id IN ({list})"
            )))
            .await?;
        out.extend(rows);
    }
    Ok(out)
}

async fn delete_references(tx: &mut Tx, source: &str, references: &[String]) -> DbResult<u64> {
    let mut removed = 0;
    for chunk in references.chunks(CHUNK) {
        let mut q = query(format!(
            "DELETE FROM search_documents WHERE source = $1 AND reference IN ({})",
            placeholders(2, chunk.len())
        ))
        .bind(source);
        for r in chunk {
            q.push(r.as_str());
        }
        removed += tx.execute(&q).await?;
    }
    Ok(removed)
}

/// Writes (or rewrites) one document; a document with the same source and reference is
/// replaced.
pub async fn index(tx: &mut Tx, doc: &Doc) -> DbResult<()> {
    index_many(tx, std::slice::from_ref(doc)).await.map(drop)
}

/// Writes many documents at once (imports, the demo); for a source and reference given twice,
/// the last one counts. Documents already stored as given are left alone. Returns how many
/// rows were written.
pub async fn index_many(tx: &mut Tx, docs: &[Doc]) -> DbResult<usize> {
    if docs.is_empty() {
        return Ok(0);
    }
    let mut unit_ids: Vec<i64> = docs
        .iter()
        .map(|d| d.unit_id)
        .filter(|id| *id != SITE_WIDE)
        .collect();
    unit_ids.sort_unstable();
    unit_ids.dedup();
    let paths = paths(tx, &unit_ids).await?;
    // By source, then reference: the last document given wins.
    let mut by_source: HashMap<&'static str, HashMap<&str, &Doc>> = HashMap::new();
    for d in docs {
        by_source
            .entry(d.source)
            .or_default()
            .insert(d.reference.as_str(), d);
    }
    let mut written = 0;
    for (source, docs) in by_source {
        let references: Vec<&str> = docs.keys().copied().collect();
        let mut existing: HashMap<String, Stored> = HashMap::new();
        for chunk in references.chunks(CHUNK) {
            let mut q = query(format!(
                "SELECT reference, unit_id, kind, title, body, href, published_at, scope
                 FROM search_documents WHERE source = $1 AND reference IN ({})",
                placeholders(2, chunk.len())
            ))
            .bind(source);
            for r in chunk {
                q.push(*r);
            }
            let rows: Vec<Stored> = tx.fetch_all(&q).await?;
            existing.extend(rows.into_iter().map(|s| (s.reference.clone(), s)));
        }
        let mut stale = Vec::new();
        let mut rows = Vec::new();
        for doc in docs.values() {
            let scope = match doc.unit_id {
                SITE_WIDE => String::new(),
                id => paths.get(&id).map(|p| scope_of(p)).unwrap_or_default(),
            };
            let wanted = Stored::of(doc, scope);
            match existing.get(&doc.reference) {
                Some(now) if *now == wanted => continue,
                Some(_) => stale.push(doc.reference.clone()),
                None => {}
            }
            rows.push(wanted.row(source));
        }
        delete_references(tx, source, &stale).await?;
        written += rows.len();
        bulk::insert_rows(tx, "search_documents", &COLUMNS, rows).await?;
    }
    Ok(written)
}

/// Removes a document (it was withdrawn, unpublished…); true when there was one.
pub async fn remove(tx: &mut Tx, source: &str, reference: &str) -> DbResult<bool> {
    Ok(delete_references(tx, source, &[reference.to_owned()]).await? > 0)
}

/// Makes the documents of `source` exactly `docs`: writes them ([`index_many`]) and removes the
/// source's others. Returns how many rows were written or removed.
pub async fn replace(tx: &mut Tx, source: &'static str, docs: &[Doc]) -> DbResult<usize> {
    let keep: HashSet<&str> = docs
        .iter()
        .filter(|d| d.source == source)
        .map(|d| d.reference.as_str())
        .collect();
    let stored: Vec<(String,)> = tx
        .fetch_all(&query("SELECT reference FROM search_documents WHERE source = $1").bind(source))
        .await?;
    let gone: Vec<String> = stored
        .into_iter()
        .map(|(r,)| r)
        .filter(|r| !keep.contains(r.as_str()))
        .collect();
    let removed = delete_references(tx, source, &gone).await?;
    let written = index_many(tx, docs).await?;
    Ok(written + usize::try_from(removed).unwrap_or(0))
}

/// Brings every document's unit tokens in line with its unit's path, after units moved in the
/// tree (a unit import that changes a parent). Returns how many units' documents changed.
pub async fn rescope(tx: &mut Tx) -> DbResult<usize> {
    let rows: Vec<(i64, String, String)> = tx
        .fetch_all(&query(
            "SELECT DISTINCT d.unit_id, u.path, d.scope FROM search_documents d
             JOIN units u ON u.id = d.unit_id",
        ))
        .await?;
    let mut changed = 0;
    for (unit_id, path, scope) in rows {
        let wanted = scope_of(&path);
        if wanted != scope {
            tx.execute(
                &query("UPDATE search_documents SET scope = $1 WHERE unit_id = $2 AND scope = $3")
                    .bind(wanted)
                    .bind(unit_id)
                    .bind(scope),
            )
            .await?;
            changed += 1;
        }
    }
    Ok(changed)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scopes_are_the_path_as_tokens() {
        assert_eq!(scope_of("/1/57/903/"), "u1 u57 u903");
        assert_eq!(scope_of("/"), "");
        assert_eq!(unit_token(57), "u57");
        assert_eq!(cut("ấp bắc", 3), "ấp ");
    }
}
