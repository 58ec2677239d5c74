//! The unit's one news list: the news items other modules publish (a steering committee's
//! meetings) become published articles here, once each (by their origin), in the category
//! "Tin tức hoạt động", so they are read, counted, commented and found like any other (the
//! site search among them).

use dinh_platform::audit::{self, Change};
use dinh_platform::db::ids::next_id;
use dinh_platform::db::{Db, query};
use dinh_platform::module::Registry;
use serde_json::json;

use super::state;
use crate::sanitize;

/// The category of the news taken from other modules.
const CATEGORY: &str = "tin-tuc-hoat-dong";

/// Takes the news items the modules of `registry` published since the last one taken;
/// returns how many became articles (the `portal.gather_news` job, and the demo).
pub async fn gather(db: &Db, registry: &Registry) -> anyhow::Result<u64> {
    let since: String = db
        .scalar(&query(
            "SELECT COALESCE(MAX(published_at), '') FROM portal_articles
             WHERE origin IS NOT NULL AND origin NOT LIKE 'wordpress:%'",
        ))
        .await?;
    let items = registry.news_since(db, &since).await?;
    if items.is_empty() {
        return Ok(0);
    }
    let category: i64 = db
        .scalar(&query("SELECT id FROM portal_categories WHERE slug = $1").bind(CATEGORY))
        .await?;
    let mut taken = 0;
    let mut tx = db.begin().await?;
    for item in items {
        let known: Option<i64> = tx
            .scalar_optional(
                &query("SELECT id FROM portal_articles WHERE origin = $1").bind(&item.origin),
            )
            .await?;
        if known.is_some() {
            continue;
        }
        let body_html = sanitize::article_html(&item.body_html);
        let body_text = sanitize::plain_text(&body_html);
        let id = next_id();
        tx.execute(
            &query(
                "INSERT INTO portal_articles (id, unit_id, category_id, title, summary, body_html,
                   body_text, author_name, state, published_at, comments_open, origin, version,
                   created_at, updated_at)
                 VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, 1, $10, $10)",
            )
            .bind(id)
            .bind(item.unit_id)
            .bind(category)
            .bind(item.title.as_str())
            .bind(item.summary.as_str())
            .bind(body_html.as_str())
            .bind(body_text.as_str())
            .bind(item.author.as_str())
            .bind(state::PUBLISHED)
            .bind(item.published_at.as_str())
            .bind(true)
            .bind(item.origin.as_str()),
        )
        .await?;
        audit::record(
            &mut tx,
            Change {
                actor: "system",
                action: "portal.article.gather",
                object_type: "portal_article",
                object_id: &id.to_string(),
                before: None,
                after: Some(json!({"origin": item.origin, "title": item.title,
                                   "published_at": item.published_at})),
            },
        )
        .await?;
        super::search::sync(&mut tx, id).await?;
        taken += 1;
    }
    tx.commit().await?;
    Ok(taken)
}
