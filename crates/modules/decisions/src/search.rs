//! Matters put to the households in the site search: every matter, open for a vote or closed,
//! with its content and, once closed, its result. Written in the transaction that opens it and
//! in the one that closes it.

use dinh_platform::db::{DbResult, Tx, query};
use dinh_platform::search::{self, Doc, KIND_MATTER};

/// The source of matters in the search index.
pub const SOURCE: &str = "matter";

#[derive(sqlx::FromRow)]
struct Stored {
    unit_id: i64,
    title: String,
    content: String,
    opened_on: String,
    result_vi: Option<String>,
}

/// Writes matter `id` into the index as it now stands.
pub(crate) async fn sync(tx: &mut Tx, id: i64) -> DbResult<()> {
    let row: Option<Stored> = tx
        .fetch_optional(
            &query(
                "SELECT unit_id, title, content, opened_on, result_vi FROM decision_matters
                 WHERE id = $1",
            )
            .bind(id),
        )
        .await?;
    let Some(m) = row else {
        return search::remove(tx, SOURCE, &id.to_string()).await.map(drop);
    };
    let mut body = m.content;
    if let Some(result) = m.result_vi {
        body.push('\n');
        body.push_str(&result);
    }
    search::index(
        tx,
        &Doc {
            source: SOURCE,
            reference: id.to_string(),
            unit_id: m.unit_id,
            kind_key: KIND_MATTER,
            title: m.title,
            body,
            href: format!("/matters/{id}"),
            published_at: dinh_platform::time::parse_date(&m.opened_on),
        },
    )
    .await
}
