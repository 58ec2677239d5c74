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

/// Matching documents ranked in one phase of a search: the newest this many. A word found in
/// most documents ("xã", "nhân dân") matches tens of thousands; ranking them all costs hundreds
/// of milliseconds and tells nothing (such a word weighs almost nothing), so the ranking is
/// over the newest matches, which is also what a visitor typing a common word looks for.
/// A query matching fewer documents is ranked whole.
pub const CANDIDATES: i64 = 1_000;

#[derive(sqlx::FromRow)]
struct Row {
    id: i64,
    kind: String,
    title: String,
    body: String,
    href: String,
    published_at: Option<String>,
    unit_id: i64,
}

/// The phases of a search, in the order their hits are shown: the words as typed, side by
/// side in the title ("phu dong" finds Xã Phù Đổng before Xã Đông Phú); every word in the
/// title; every word in the title and body together.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Phase {
    TitlePhrase,
    Title,
    Anywhere,
}

/// The SQLite FTS5 query of `terms` for a phase, with the unit's token in the scope column when
/// the search is within a unit. Terms hold letters and digits only ([`fold::terms`]), so the
/// quotes cannot be broken out of.
fn fts5_query(terms: &[String], within: Option<i64>, phase: Phase) -> String {
    let words = match phase {
        Phase::TitlePhrase => format!("\"{}\"", terms.join(" ")),
        Phase::Title | Phase::Anywhere => terms
            .iter()
            .map(|t| format!("\"{t}\""))
            .collect::<Vec<_>>()
            .join(" AND "),
    };
    let columns = match phase {
        Phase::TitlePhrase | Phase::Title => "title_words",
        Phase::Anywhere => "title_words body_words",
    };
    match within {
        Some(id) => format!(
            "{{{columns}}} : ({words}) AND scope : \"{}\"",
            unit_token(id)
        ),
        None => format!("{{{columns}}} : ({words})"),
    }
}

/// The PostgreSQL `tsquery` of `terms` for a phase: every term quoted as a lexeme (followed
/// by the next, `<->`, for the phrase), and the unit's token when the search is within a unit.
/// The same terms of letters and digits make it always parse.
fn pg_query(terms: &[String], within: Option<i64>, phase: Phase) -> String {
    let quoted: Vec<String> = terms.iter().map(|t| format!("'{t}'")).collect();
    let words = match phase {
        Phase::TitlePhrase => format!("({})", quoted.join(" <-> ")),
        Phase::Title | Phase::Anywhere => quoted.join(" & "),
    };
    match within {
        Some(id) => format!("{words} & '{}'", unit_token(id)),
        None => words,
    }
}

/// One phase of a search: its newest [`CANDIDATES`] matches, best first, at most `limit`.
async fn phase(
    db: &Db,
    terms: &[String],
    within: Option<i64>,
    phase: Phase,
    limit: i64,
) -> DbResult<Vec<Row>> {
    match db.engine() {
        Engine::Sqlite => {
            db.fetch_all(
                &query(
                    "SELECT d.id, d.kind, d.title, d.body, d.href, d.published_at, d.unit_id
                     FROM (SELECT rowid AS id, bm25(search_fts, 10.0, 1.0, 0.0) AS score
                           FROM search_fts WHERE search_fts MATCH $1
                           ORDER BY rowid DESC LIMIT $3) f
                     JOIN search_documents d ON d.id = f.id
                     ORDER BY f.score, d.published_at DESC, d.id DESC
                     LIMIT $2",
                )
                .bind(fts5_query(terms, within, phase))
                .bind(limit)
                .bind(CANDIDATES),
            )
            .await
        }
        Engine::Postgres => {
            // The rank is computed over the candidates only, outside the subquery. Titles are
            // matched in their own small vector, whose statistics the planner reads right.
            // Ranks are divided by 1 + the log of the length, as bm25 favours the shorter of
            // two documents that match alike; the title's vector has no weights (all D).
            let (column, weights) = match phase {
                Phase::TitlePhrase | Phase::Title => ("title_terms", "{1, 1, 1, 1}"),
                Phase::Anywhere => ("terms", "{0, 0.1, 0.2, 1.0}"),
            };
            db.fetch_all(
                &query(format!(
                    "SELECT d.id, d.kind, d.title, d.body, d.href, d.published_at, d.unit_id
                     FROM (SELECT id FROM search_documents
                           WHERE {column} @@ to_tsquery('simple', $1)
                           ORDER BY id DESC LIMIT $3) c
                     JOIN search_documents d ON d.id = c.id
                     ORDER BY ts_rank('{weights}', d.{column}, to_tsquery('simple', $1), 1) DESC,
                              d.published_at DESC NULLS LAST, d.id DESC
                     LIMIT $2"
                ))
                .bind(pg_query(terms, within, phase))
                .bind(limit)
                .bind(CANDIDATES),
            )
            .await
        }
    }
}

/// The documents matching every word of `query` (with or without diacritics), best first, at
/// most `limit` (up to [`super::LIMIT_MAX`]); only those of `within`'s subtree when given.
///
/// First the documents whose title holds the words as typed, side by side; then those whose
/// title holds every word; then those that hold them in the title and body together. Each
/// group is ranked (bm25 on SQLite, `ts_rank` on PostgreSQL, the title weighing most) among its
/// newest [`CANDIDATES`] matches, and a later group is read only while the page is not full.
/// A query without a word (empty, or only quotes, stars, brackets) finds nothing; no query is
/// an error.
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
    let phases: &[Phase] = if terms.len() > 1 {
        &[Phase::TitlePhrase, Phase::Title, Phase::Anywhere]
    } else {
        &[Phase::Title, Phase::Anywhere]
    };
    let accented = accented_words(query_text);
    let mut rows: Vec<Row> = Vec::new();
    let mut seen: HashSet<i64> = HashSet::new();
    for p in phases {
        let found = i64::try_from(rows.len()).unwrap_or(limit);
        if found >= limit {
            break;
        }
        // Those found in an earlier phase are found again: ask for as many more.
        let mut more = phase(db, &terms, within, *p, limit + found).await?;
        if !accented.is_empty() {
            // Typed with diacritics: a title written the same way first ("Phù Đổng" before
            // "Phú Đông"), the engine's order kept among equals.
            more.sort_by_key(|r| std::cmp::Reverse(same_accents(&r.title, &accented)));
        }
        for r in more {
            if rows.len() < usize::try_from(limit).unwrap_or(0) && seen.insert(r.id) {
                rows.push(r);
            }
        }
    }
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

/// The words of a query typed with diacritics (or `đ`), in lower case as typed; none when the
/// query has no diacritics (then every folding of it is as good as another).
fn accented_words(query_text: &str) -> Vec<String> {
    let words = fold::words(query_text);
    words
        .iter()
        .take(fold::QUERY_WORDS_MAX)
        .map(|(range, folded)| (query_text[range.clone()].to_lowercase(), folded))
        .filter(|(typed, folded)| typed != *folded)
        .map(|(typed, _)| typed)
        .collect()
}

/// How many of the accented words `accented` the title holds written the same way.
fn same_accents(title: &str, accented: &[String]) -> usize {
    let words: HashSet<String> = fold::words(title)
        .into_iter()
        .map(|(range, _)| title[range].to_lowercase())
        .collect();
    accented.iter().filter(|w| words.contains(*w)).count()
}

/// About [`SNIPPET_WORDS`] words of `body` around the most words of `wanted` found close
/// together, escaped, each word found in `<mark>`; the body's start when none is in it (the
/// title matched).
pub(crate) fn snippet(body: &str, wanted: &HashSet<&str>) -> String {
    let words = fold::words(body);
    if words.is_empty() {
        let mut out = String::new();
        crate::text::escape_html_into(body.trim(), &mut out);
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
        crate::text::escape_html_into(&body[at..range.start], &mut out);
        if wanted.contains(folded.as_str()) {
            out.push_str("<mark>");
            crate::text::escape_html_into(&body[range.clone()], &mut out);
            out.push_str("</mark>");
        } else {
            crate::text::escape_html_into(&body[range.clone()], &mut out);
        }
        at = range.end;
    }
    if end < words.len() {
        out.push_str(" …");
    } else {
        crate::text::escape_html_into(body[at..].trim_end(), &mut out);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn queries_quote_every_word() {
        let terms = ["quyet".to_owned(), "toan".to_owned()];
        assert_eq!(
            fts5_query(&terms, None, Phase::Anywhere),
            "{title_words body_words} : (\"quyet\" AND \"toan\")"
        );
        assert_eq!(
            fts5_query(&terms, Some(7), Phase::TitlePhrase),
            "{title_words} : (\"quyet toan\") AND scope : \"u7\""
        );
        assert_eq!(
            fts5_query(&["and".into()], Some(7), Phase::Title),
            "{title_words} : (\"and\") AND scope : \"u7\""
        );
        assert_eq!(
            pg_query(&terms, Some(7), Phase::TitlePhrase),
            "('quyet' <-> 'toan') & 'u7'"
        );
        assert_eq!(pg_query(&terms, None, Phase::Anywhere), "'quyet' & 'toan'");
    }

    #[test]
    fn accents_typed_are_preferred() {
        let typed = accented_words("Phù Đổng 2025");
        assert_eq!(typed, ["phù", "đổng"]);
        assert!(accented_words("phu dong").is_empty());
        assert_eq!(same_accents("Xã Phù Đổng", &typed), 2);
        assert_eq!(same_accents("Xã Phú Đông", &typed), 0);
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
