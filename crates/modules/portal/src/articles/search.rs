//! News in the site search: an article is in the index exactly while the public may read it
//! (published, its time come), with its title, summary and text. Every write that changes that
//! calls [`sync`] in its own transaction.

use dinh_platform::db::{DbResult, Tx, query};
use dinh_platform::search::{self, Doc, KIND_ARTICLE};

use super::{Article, COLUMNS};

/// The source of articles in the search index.
pub const SOURCE: &str = "article";

/// The article as a document of the index.
pub fn doc(a: &Article) -> Doc {
    doc_of(
        a.id,
        a.unit_id,
        &a.title,
        &a.summary,
        &a.body_text,
        a.published_at.as_deref(),
    )
}

/// An article's parts as a document of the index (for writes that hold no [`Article`], such
/// as the WordPress import).
pub fn doc_of(
    id: i64,
    unit_id: i64,
    title: &str,
    summary: &str,
    body_text: &str,
    published_at: Option<&str>,
) -> Doc {
    Doc {
        source: SOURCE,
        reference: id.to_string(),
        unit_id,
        kind_key: KIND_ARTICLE,
        title: title.to_owned(),
        body: format!("{summary}\n{body_text}"),
        href: super::href(id),
        published_at: published_at
            .and_then(dinh_platform::time::in_vietnam)
            .map(|t| t.date()),
    }
}

/// Writes article `id` into the index if the public may read it now, removes it otherwise
/// (a draft, one scheduled for later, one taken down).
pub async fn sync(tx: &mut Tx, id: i64) -> DbResult<()> {
    let article: Option<Article> = tx
        .fetch_optional(
            &query(format!(
                "SELECT {COLUMNS} FROM portal_articles a JOIN portal_categories c ON c.id = a.category_id
                 WHERE a.id = $1"
            ))
            .bind(id),
        )
        .await?;
    let now = dinh_platform::time::now_rfc3339();
    match article {
        Some(a) if a.is_public(&now) => search::index(tx, &doc(&a)).await,
        _ => search::remove(tx, SOURCE, &id.to_string()).await.map(drop),
    }
}
