//! The read side: one function, two engines, the same answers.

use std::collections::HashSet;

use super::index::unit_token;
use super::{Hit, LIMIT_MAX, fold};
use crate::db::{Db, DbResult, Engine, query};
use crate::units::Unit;

/// Words of body shown around the words found.
const SNIPPET_WORDS: usize = 30;
/// Words shown before the first word found, when the snippet starts inside the body.
const SNIPPET_LEAD: usize = 6;

#[derive(sqlx::FromRow)]
struct Row {
    kind: String,
    title: String,
    body: String,
    href: String,
    published_at: Option<String>,
    unit_id: i64,
}

/// The SQLite FTS5 query of `terms`: every term, quoted, in the title or the body, and the
/// unit's token in the scope column when the search is within a unit. Terms hold letters and
/// digits only ([`fold::terms`]), so the quotes cannot be broken out of.
fn fts5_query(terms: &[String], within: Option<i64>) -> String {
    let words = terms
        .iter()
        .map(|t| format!("\"{t}\""))
        .collect::<Vec<_>>()
        .join(" AND ");
    match within {
        Some(id) => format!(
            "{{title_words body_words}} : ({words}) AND scope : \"{}\"",
            unit_token(id)
        ),
        None => format!("{{title_words body_words}} : ({words})"),
    }
}

/// The documents matching every word of `query` (with or without diacritics), best first, at
/// most `limit` (up to [`super::LIMIT_MAX`]); only those of `within`'s subtree when given. A
/// title match ranks before a body match. A query without a word (empty, or only quotes,
/// stars, brackets) finds nothing; no query is an error.
pub async fn find(
    db: &Db,
    query_text: &str,
    within: Option<&Unit>,
    limit: i64,
) -> DbResult<Vec<Hit>> {
    let terms = fold::terms(query_text);
    if terms.is_empty() {
        return Ok(Vec::new());
    }
    let limit = limit.clamp(1, LIMIT_MAX);
    let within = within.map(|u| u.id);
    let rows: Vec<Row> = match db.engine() {
        Engine::Sqlite => {
            db.fetch_all(
                &query(
                    "SELECT d.kind, d.title, d.body, d.href, d.published_at, d.unit_id
                     FROM (SELECT rowid AS id, rank FROM search_fts WHERE search_fts MATCH $1
                           ORDER BY rank LIMIT $2) f
                     JOIN search_documents d ON d.id = f.id
                     ORDER BY f.rank, d.published_at DESC, d.id DESC",
                )
                .bind(fts5_query(&terms, within))
                .bind(limit),
            )
            .await?
        }
        Engine::Postgres => {
            // Plain words only: plainto_tsquery ANDs them and never fails to parse. The unit
            // token joins them as one more word (weight D, which the ranking ignores).
            let mut words = terms.join(" ");
            if let Some(id) = within {
                words.push(' ');
                words.push_str(&unit_token(id));
            }
            db.fetch_all(
                &query(
                    "SELECT d.kind, d.title, d.body, d.href, d.published_at, d.unit_id
                     FROM search_documents d, plainto_tsquery('simple', $1) q
                     WHERE d.terms @@ q
                     ORDER BY ts_rank('{0, 0.1, 0.2, 1.0}', d.terms, q) DESC,
                              d.published_at DESC NULLS LAST, d.id DESC
                     LIMIT $2",
                )
                .bind(words)
                .bind(limit),
            )
            .await?
        }
    };
    let wanted: HashSet<&str> = terms.iter().map(String::as_str).collect();
    Ok(rows
        .into_iter()
        .map(|r| Hit {
            snippet_html: snippet(&r.body, &wanted),
            title: r.title,
            href: r.href,
            kind_key: r.kind,
            published_at: r.published_at.as_deref().and_then(crate::time::parse_date),
            unit_id: r.unit_id,
        })
        .collect())
}

/// Escapes text for HTML (element content and attribute values).
pub(crate) fn escape(text: &str, out: &mut String) {
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
}

/// About [`SNIPPET_WORDS`] words of `body` around the most words of `wanted` found close
/// together, escaped, each word found in `<mark>`; the body's start when none is in it (the
/// title matched).
pub(crate) fn snippet(body: &str, wanted: &HashSet<&str>) -> String {
    let words = fold::words(body);
    if words.is_empty() {
        let mut out = String::new();
        escape(body.trim(), &mut out);
        return out;
    }
    let found: Vec<usize> = words
        .iter()
        .enumerate()
        .filter(|(_, (_, w))| wanted.contains(w.as_str()))
        .map(|(i, _)| i)
        .collect();
    // The window holding the most different words found; the earliest among equals.
    let mut start = 0;
    let mut best = 0;
    for &at in &found {
        let from = at.saturating_sub(SNIPPET_LEAD);
        let distinct: HashSet<&str> = words[from..(from + SNIPPET_WORDS).min(words.len())]
            .iter()
            .map(|(_, w)| w.as_str())
            .filter(|w| wanted.contains(w))
            .collect();
        if distinct.len() > best {
            best = distinct.len();
            start = from;
        }
    }
    let end = (start + SNIPPET_WORDS).min(words.len());
    let mut out = String::new();
    if start > 0 {
        out.push_str("… ");
    }
    let mut at = words[start].0.start;
    for (range, folded) in &words[start..end] {
        escape(&body[at..range.start], &mut out);
        if wanted.contains(folded.as_str()) {
            out.push_str("<mark>");
            escape(&body[range.clone()], &mut out);
            out.push_str("</mark>");
        } else {
            escape(&body[range.clone()], &mut out);
        }
        at = range.end;
    }
    if end < words.len() {
        out.push_str(" …");
    } else {
        escape(body[at..].trim_end(), &mut out);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fts5_queries_quote_every_word() {
        assert_eq!(
            fts5_query(&["quyet".into(), "toan".into()], None),
            "{title_words body_words} : (\"quyet\" AND \"toan\")"
        );
        assert_eq!(
            fts5_query(&["and".into()], Some(7)),
            "{title_words body_words} : (\"and\") AND scope : \"u7\""
        );
    }

    #[test]
    fn snippets_mark_the_words_found_and_escape_the_rest() {
        let wanted: HashSet<&str> = ["quyet", "toan"].into_iter().collect();
        let s = snippet("Báo cáo <b>quyết toán</b> & thu chi.", &wanted);
        assert_eq!(
            s,
            "Báo cáo &lt;b&gt;<mark>quyết</mark> <mark>toán</mark>&lt;/b&gt; &amp; thu chi."
        );
        let long: String =
            (0..200).map(|i| format!("từ{i} ")).collect::<String>() + "quyết toán cuối.";
        let s = snippet(&long, &wanted);
        assert!(s.starts_with("… ") && s.contains("<mark>quyết</mark> <mark>toán</mark>"));
        assert_eq!(snippet("Chỉ tiêu đề khớp", &wanted), "Chỉ tiêu đề khớp");
        assert_eq!(snippet("", &wanted), "");
    }
}
