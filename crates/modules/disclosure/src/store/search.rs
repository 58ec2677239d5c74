//! Disclosures in the site search: every published disclosure, with the title and text of its
//! latest version (a correction replaces what is found) and the number and issuer of the
//! document behind it. Written in the transaction that publishes or corrects it. The register
//! has no withdrawal; a module change that adds one removes the document there
//! ([`dinh_platform::search::remove`] with [`SOURCE`]).

use dinh_platform::db::{DbResult, Tx, query};
use dinh_platform::search::{self, Doc, KIND_DISCLOSURE};

/// The source of disclosures in the search index.
pub const SOURCE: &str = "disclosure";

#[derive(sqlx::FromRow)]
struct Published {
    unit_id: i64,
    title: String,
    published_on: String,
    body: String,
    doc_number: String,
    doc_issuer: String,
}

/// Writes disclosure `id` (as its latest version reads) into the index.
pub(crate) async fn sync(tx: &mut Tx, id: i64) -> DbResult<()> {
    let row: Option<Published> = tx
        .fetch_optional(
            &query(
                "SELECT i.unit_id, v.title, i.published_on, v.body, v.doc_number, v.doc_issuer
                 FROM disclosure_items i
                 JOIN disclosure_versions v ON v.item_id = i.id AND v.version = i.version
                 WHERE i.id = $1",
            )
            .bind(id),
        )
        .await?;
    let Some(p) = row else {
        return search::remove(tx, SOURCE, &id.to_string()).await.map(drop);
    };
    search::index(
        tx,
        &Doc {
            source: SOURCE,
            reference: id.to_string(),
            unit_id: p.unit_id,
            kind_key: KIND_DISCLOSURE,
            title: p.title,
            body: format!("{}\nSố {} — {}", p.body, p.doc_number, p.doc_issuer),
            href: format!("/disclosures/{id}"),
            published_at: super::iso(&p.published_on),
        },
    )
    .await
}
