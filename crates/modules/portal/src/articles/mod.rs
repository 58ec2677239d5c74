//! News articles (tin bài) of a unit's portal: reading them as the public and the unit's
//! officers see them. Writing is in [`write`]; the view counter in [`crate::views`].
//!
//! An article is a draft, scheduled (its time not come yet), published, or unpublished with a
//! reason. The public sees it once it is published or scheduled *and* its time has come, so a
//! scheduled article appears on the minute even before the job marks it published.

pub mod gather;
pub mod search;
pub mod write;

use dinh_platform::db::{Db, DbResult, query};
use serde::Serialize;

/// States of an article.
pub mod state {
    /// Being written; only the unit's officers see it.
    pub const DRAFT: &str = "draft";
    /// To be shown at its publication time.
    pub const SCHEDULED: &str = "scheduled";
    /// Shown to the public.
    pub const PUBLISHED: &str = "published";
    /// Taken down, with its reason.
    pub const UNPUBLISHED: &str = "unpublished";
}

/// A news article.
#[derive(Debug, Clone, Serialize, sqlx::FromRow, utoipa::ToSchema)]
pub struct Article {
    /// Id.
    pub id: i64,
    /// The unit whose portal it is on.
    pub unit_id: i64,
    /// Its category's slug.
    pub category: String,
    /// Its category's name in Vietnamese.
    pub category_vi: String,
    /// Its category's name in English.
    pub category_en: String,
    /// Title.
    pub title: String,
    /// Summary (sapo).
    pub summary: String,
    /// Body, sanitised HTML.
    pub body_html: String,
    /// Body as plain text.
    #[serde(skip)]
    pub body_text: String,
    /// Who wrote it.
    pub author_name: String,
    /// `draft`, `scheduled`, `published` or `unpublished`.
    pub state: String,
    /// When it is (or was to be) shown (RFC 3339).
    pub published_at: Option<String>,
    /// When it was taken down.
    pub unpublished_at: Option<String>,
    /// Why it was taken down.
    pub unpublish_reason: Option<String>,
    /// Whether readers may comment.
    pub comments_open: bool,
    /// Times read (lượt xem), as last flushed.
    pub views: i64,
    /// Edit counter, for the form's "someone else saved first" check.
    pub version: i64,
    /// First saved (RFC 3339).
    pub created_at: String,
    /// Last saved (RFC 3339).
    pub updated_at: String,
}

/// The columns of [`Article`], over `a` (articles) joined with `c` (categories).
pub(crate) const COLUMNS: &str = "a.id, a.unit_id, c.slug AS category, c.name_vi AS category_vi,
    c.name_en AS category_en, a.title, a.summary, a.body_html, a.body_text, a.author_name, a.state,
    a.published_at, a.unpublished_at, a.unpublish_reason, a.comments_open, a.views, a.version,
    a.created_at, a.updated_at";

/// The condition for an article the public may read now (`$now` is bound by the caller).
pub(crate) fn public_condition(now_param: &str) -> String {
    format!(
        "a.state IN ('{}', '{}') AND a.published_at <= {now_param}",
        state::PUBLISHED,
        state::SCHEDULED
    )
}

impl Article {
    /// Whether the public may read it at `now` (RFC 3339).
    pub fn is_public(&self, now: &str) -> bool {
        (self.state == state::PUBLISHED || self.state == state::SCHEDULED)
            && self.published_at.as_deref().is_some_and(|t| t <= now)
    }

    /// "Ngày đăng 23/07/2021 | 16:22", the way the communes' portals write it; empty for a draft.
    pub fn posted(&self) -> String {
        self.published_at
            .as_deref()
            .and_then(dinh_platform::time::in_vietnam)
            .map(|t| t.format("%d/%m/%Y | %H:%M").to_string())
            .unwrap_or_default()
    }

    /// The publication day, dd/mm/yyyy.
    pub fn posted_day(&self) -> String {
        self.published_at
            .as_deref()
            .and_then(dinh_platform::time::in_vietnam)
            .map(|t| t.format("%d/%m/%Y").to_string())
            .unwrap_or_default()
    }

    /// The public path of the article.
    pub fn href(&self) -> String {
        href(self.id)
    }
}

/// The public path of article `id`.
pub fn href(id: i64) -> String {
    format!("/tin-tuc/{id}")
}

/// A category of news (chuyên mục).
#[derive(Debug, Clone, Serialize, sqlx::FromRow, utoipa::ToSchema)]
pub struct Category {
    /// Id.
    pub id: i64,
    /// Stable slug (`cong-tac-dang`).
    pub slug: String,
    /// Name in Vietnamese.
    pub name_vi: String,
    /// Name in English.
    pub name_en: String,
}

/// Every category, in their order.
pub async fn categories(db: &Db) -> DbResult<Vec<Category>> {
    db.fetch_all(&query(
        "SELECT id, slug, name_vi, name_en FROM portal_categories ORDER BY position, id",
    ))
    .await
}

/// One article by id, in any state (callers decide who may see it).
pub async fn by_id(db: &Db, id: i64) -> DbResult<Option<Article>> {
    db.fetch_optional(
        &query(format!(
            "SELECT {COLUMNS} FROM portal_articles a JOIN portal_categories c ON c.id = a.category_id
             WHERE a.id = $1"
        ))
        .bind(id),
    )
    .await
}

/// Whether the public may read article `id` now (its pictures are shown to anyone then).
pub async fn is_public(db: &Db, id: i64) -> DbResult<bool> {
    let now = dinh_platform::time::now_rfc3339();
    let found: Option<i64> = db
        .scalar_optional(
            &query(format!(
                "SELECT a.id FROM portal_articles a WHERE a.id = $1 AND {}",
                public_condition("$2")
            ))
            .bind(id)
            .bind(now.as_str()),
        )
        .await?;
    Ok(found.is_some())
}

/// The article that replaced an old portal's path (a WordPress permalink), if any.
pub async fn by_old_path(db: &Db, path: &str) -> DbResult<Option<i64>> {
    db.scalar_optional(&query("SELECT id FROM portal_articles WHERE old_path = $1").bind(path))
        .await
}

/// The article imported from the WordPress post numbered `post`, when one site's import has it
/// (two imported sites with the same number leave the address unanswered: it is ambiguous).
pub async fn by_wordpress_post(db: &Db, post: i64) -> DbResult<Option<i64>> {
    let ids: Vec<(i64,)> = db
        .fetch_all(
            &query("SELECT id FROM portal_articles WHERE wordpress_post = $1 LIMIT 2").bind(post),
        )
        .await?;
    Ok(match ids.as_slice() {
        [(id,)] => Some(*id),
        _ => None,
    })
}

/// What a list of public news asks for.
#[derive(Debug, Clone, Default)]
pub struct Listing<'a> {
    /// The unit (its own articles only).
    pub unit_id: i64,
    /// Only this category (its slug).
    pub category: Option<&'a str>,
    /// Most read first, instead of newest first.
    pub most_read: bool,
    /// Page size.
    pub limit: i64,
    /// Rows skipped.
    pub offset: i64,
}

/// Public articles of a unit, newest (or most read) first, and how many there are in all.
pub async fn public_list(db: &Db, l: &Listing<'_>) -> DbResult<(Vec<Article>, i64)> {
    let now = dinh_platform::time::now_rfc3339();
    let mut filter = format!("a.unit_id = $1 AND {}", public_condition("$2"));
    if l.category.is_some() {
        filter.push_str(" AND c.slug = $3");
    }
    let next = if l.category.is_some() { 4 } else { 3 };
    let order = if l.most_read {
        "a.views DESC, a.published_at DESC, a.id DESC"
    } else {
        "a.published_at DESC, a.id DESC"
    };
    let from = "FROM portal_articles a JOIN portal_categories c ON c.id = a.category_id";
    let mut rows_q = query(format!(
        "SELECT {COLUMNS} {from} WHERE {filter} ORDER BY {order} LIMIT ${next} OFFSET ${}",
        next + 1
    ))
    .bind(l.unit_id)
    .bind(now.as_str());
    let mut count_q = query(format!(
        "SELECT CAST(COUNT(*) AS BIGINT) {from} WHERE {filter}"
    ))
    .bind(l.unit_id)
    .bind(now.as_str());
    if let Some(cat) = l.category {
        rows_q = rows_q.bind(cat);
        count_q = count_q.bind(cat);
    }
    let rows = db.fetch_all(&rows_q.bind(l.limit).bind(l.offset)).await?;
    let total = db.scalar(&count_q).await?;
    Ok((rows, total))
}

/// Every article of a unit for its officers (drafts, scheduled, unpublished too), newest first.
pub async fn all_of_unit(db: &Db, unit_id: i64, limit: i64) -> DbResult<Vec<Article>> {
    db.fetch_all(
        &query(format!(
            "SELECT {COLUMNS} FROM portal_articles a JOIN portal_categories c ON c.id = a.category_id
             WHERE a.unit_id = $1 ORDER BY a.updated_at DESC, a.id DESC LIMIT $2"
        ))
        .bind(unit_id)
        .bind(limit),
    )
    .await
}
