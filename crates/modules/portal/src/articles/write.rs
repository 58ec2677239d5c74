//! Writing news: drafts, edits (each audited with what it was before, which is the article's
//! edit history), publishing now or at a set time, and unpublishing with a reason. Bad input is
//! refused naming its field; nothing is written then. Each write that can change what the public
//! reads brings the site search in line in the same transaction ([`super::search::sync`]).

use dinh_platform::audit::{self, Change};
use dinh_platform::db::ids::next_id;
use dinh_platform::db::{Db, Tx, query};
use dinh_platform::units::Unit;
use dinh_platform::write::{Actor, WriteError};
use serde_json::json;

use super::{Article, by_id, state};
use crate::permissions::{PUBLISH, WRITE};
use crate::sanitize;

/// Longest title accepted, in characters.
pub const TITLE_MAX: usize = 300;
/// Longest summary accepted, in characters.
pub const SUMMARY_MAX: usize = 1_000;
/// Longest body accepted, in bytes of HTML.
pub const BODY_MAX: usize = 500_000;
/// Words of the body taken as summary when none is written.
pub const SUMMARY_WORDS: usize = 40;

/// What an officer writes.
#[derive(Debug, Clone, Default)]
pub struct ArticleInput {
    /// Category slug.
    pub category: String,
    /// Title.
    pub title: String,
    /// Summary; the body's first words when empty.
    pub summary: String,
    /// Body, HTML (sanitised here).
    pub body: String,
    /// Whether readers may comment.
    pub comments_open: bool,
}

/// The input checked and cleaned.
struct Clean {
    category_id: i64,
    title: String,
    summary: String,
    body_html: String,
    body_text: String,
}

async fn clean(db: &Db, input: &ArticleInput) -> Result<Clean, WriteError> {
    let title = input.title.trim().to_owned();
    if title.is_empty() {
        return Err(WriteError::invalid("title", "write a title"));
    }
    if title.chars().count() > TITLE_MAX {
        return Err(WriteError::invalid(
            "title",
            format!("a title has at most {TITLE_MAX} characters"),
        ));
    }
    if input.body.len() > BODY_MAX {
        return Err(WriteError::invalid(
            "body",
            format!("the body is longer than {BODY_MAX} bytes: split it into several articles"),
        ));
    }
    let body_html = sanitize::article_html(&input.body);
    let body_text = sanitize::plain_text(&body_html);
    if body_text.is_empty() {
        return Err(WriteError::invalid(
            "body",
            "write the article's text (only scripts or markup were given)",
        ));
    }
    let summary = match sanitize::plain_text(&input.summary) {
        s if s.is_empty() => sanitize::excerpt(&body_text, SUMMARY_WORDS),
        s if s.chars().count() > SUMMARY_MAX => {
            return Err(WriteError::invalid(
                "summary",
                format!("a summary has at most {SUMMARY_MAX} characters"),
            ));
        }
        s => s,
    };
    let category_id: Option<i64> = db
        .scalar_optional(
            &query("SELECT id FROM portal_categories WHERE slug = $1").bind(input.category.trim()),
        )
        .await?;
    let category_id = category_id
        .ok_or_else(|| WriteError::invalid("category", "choose one of the portal's categories"))?;
    Ok(Clean {
        category_id,
        title,
        summary,
        body_html,
        body_text,
    })
}

fn snapshot(a: &Article) -> serde_json::Value {
    json!({
        "category": a.category, "title": a.title, "summary": a.summary,
        "body_html": a.body_html, "state": a.state, "published_at": a.published_at,
        "comments_open": a.comments_open, "version": a.version,
    })
}

async fn audit_article(
    tx: &mut Tx,
    actor: &Actor<'_>,
    action: &str,
    id: i64,
    before: Option<serde_json::Value>,
    after: serde_json::Value,
) -> Result<(), WriteError> {
    let actor_s = actor.audit();
    audit::record(
        tx,
        Change {
            actor: &actor_s,
            action,
            object_type: "portal_article",
            object_id: &id.to_string(),
            before,
            after: Some(after),
        },
    )
    .await?;
    Ok(())
}

/// Saves a new draft at `unit`; returns its id.
pub async fn create(
    db: &Db,
    actor: Actor<'_>,
    unit: &Unit,
    input: &ArticleInput,
) -> Result<i64, WriteError> {
    actor.may(&WRITE, unit)?;
    let c = clean(db, input).await?;
    let id = next_id();
    let now = dinh_platform::time::now_rfc3339();
    let mut tx = db.begin().await?;
    tx.execute(
        &query(
            "INSERT INTO portal_articles (id, unit_id, category_id, title, summary, body_html,
               body_text, author_name, author_account_id, state, comments_open, version,
               created_at, updated_at)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, 1, $12, $12)",
        )
        .bind(id)
        .bind(unit.id)
        .bind(c.category_id)
        .bind(c.title.as_str())
        .bind(c.summary.as_str())
        .bind(c.body_html.as_str())
        .bind(c.body_text.as_str())
        .bind(actor.name())
        .bind(actor.account_id())
        .bind(state::DRAFT)
        .bind(input.comments_open)
        .bind(now.as_str()),
    )
    .await?;
    audit_article(
        &mut tx,
        &actor,
        "portal.article.create",
        id,
        None,
        json!({"unit": unit.code, "category": input.category.trim(), "title": c.title,
               "summary": c.summary, "body_html": c.body_html, "state": state::DRAFT}),
    )
    .await?;
    tx.commit().await?;
    Ok(id)
}

/// Saves an edit of article `id`, which the editor opened at `version`; refused when someone
/// saved a newer version since (nothing is overwritten).
pub async fn update(
    db: &Db,
    actor: Actor<'_>,
    unit: &Unit,
    id: i64,
    version: i64,
    input: &ArticleInput,
) -> Result<(), WriteError> {
    actor.may(&WRITE, unit)?;
    let before = by_id(db, id).await?.ok_or(WriteError::NotFound)?;
    if before.unit_id != unit.id {
        return Err(WriteError::NotFound);
    }
    let c = clean(db, input).await?;
    let now = dinh_platform::time::now_rfc3339();
    let mut tx = db.begin().await?;
    let n = tx
        .execute(
            &query(
                "UPDATE portal_articles SET category_id = $1, title = $2, summary = $3,
                   body_html = $4, body_text = $5, comments_open = $6, version = version + 1,
                   updated_at = $7
                 WHERE id = $8 AND version = $9",
            )
            .bind(c.category_id)
            .bind(c.title.as_str())
            .bind(c.summary.as_str())
            .bind(c.body_html.as_str())
            .bind(c.body_text.as_str())
            .bind(input.comments_open)
            .bind(now.as_str())
            .bind(id)
            .bind(version),
        )
        .await?;
    if n == 0 {
        return Err(WriteError::invalid(
            "version",
            "someone saved this article after you opened it: open it again and redo your change",
        ));
    }
    audit_article(
        &mut tx,
        &actor,
        "portal.article.edit",
        id,
        Some(snapshot(&before)),
        json!({"category": input.category.trim(), "title": c.title, "summary": c.summary,
               "body_html": c.body_html, "comments_open": input.comments_open,
               "version": version + 1}),
    )
    .await?;
    super::search::sync(&mut tx, id).await?;
    tx.commit().await?;
    Ok(())
}

/// Adds a stored picture at the end of article `a` (its figure with the caption), as an edit
/// of the article: the version moves on and the audit keeps the body before.
pub async fn add_picture(
    db: &Db,
    actor: Actor<'_>,
    unit: &Unit,
    a: &Article,
    picture: &crate::images::Picture,
) -> Result<(), WriteError> {
    actor.may(&WRITE, unit)?;
    if a.unit_id != unit.id {
        return Err(WriteError::NotFound);
    }
    let body_html = sanitize::article_html(&format!("{}{}", a.body_html, picture.figure()));
    if body_html.len() > BODY_MAX {
        return Err(WriteError::invalid(
            "picture",
            format!("the article would be longer than {BODY_MAX} bytes: split it"),
        ));
    }
    let now = dinh_platform::time::now_rfc3339();
    let mut tx = db.begin().await?;
    crate::images::insert(&mut tx, picture, &now).await?;
    let n = tx
        .execute(
            &query(
                "UPDATE portal_articles SET body_html = $1, version = version + 1, updated_at = $2
                 WHERE id = $3 AND version = $4",
            )
            .bind(body_html.as_str())
            .bind(now.as_str())
            .bind(a.id)
            .bind(a.version),
        )
        .await?;
    if n == 0 {
        return Err(WriteError::invalid(
            "version",
            "someone saved this article meanwhile: open it again and add the picture",
        ));
    }
    audit_article(
        &mut tx,
        &actor,
        "portal.article.picture",
        a.id,
        Some(json!({"body_html": a.body_html, "version": a.version})),
        json!({"picture": picture.id, "alt": picture.alt, "widths": picture.files.iter().map(|(w, _)| *w).collect::<Vec<_>>(),
               "version": a.version + 1}),
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

/// Publishes article `id` now, or at `at` (RFC 3339) when that is later (hẹn giờ đăng).
pub async fn publish(
    db: &Db,
    actor: Actor<'_>,
    unit: &Unit,
    id: i64,
    at: Option<&str>,
) -> Result<(), WriteError> {
    actor.may(&PUBLISH, unit)?;
    let before = by_id(db, id).await?.ok_or(WriteError::NotFound)?;
    if before.unit_id != unit.id {
        return Err(WriteError::NotFound);
    }
    if before.state == state::PUBLISHED {
        return Err(WriteError::invalid(
            "state",
            "the article is already published",
        ));
    }
    let now = dinh_platform::time::now_rfc3339();
    let (new_state, when) = match at {
        Some(t) if t > now.as_str() => (state::SCHEDULED, t.to_owned()),
        _ => (state::PUBLISHED, now.clone()),
    };
    let mut tx = db.begin().await?;
    tx.execute(
        &query(
            "UPDATE portal_articles SET state = $1, published_at = $2, unpublished_at = NULL,
               unpublish_reason = NULL, updated_at = $3 WHERE id = $4",
        )
        .bind(new_state)
        .bind(when.as_str())
        .bind(now.as_str())
        .bind(id),
    )
    .await?;
    audit_article(
        &mut tx,
        &actor,
        "portal.article.publish",
        id,
        Some(json!({"state": before.state, "published_at": before.published_at})),
        json!({"state": new_state, "published_at": when}),
    )
    .await?;
    super::search::sync(&mut tx, id).await?;
    tx.commit().await?;
    Ok(())
}

/// Takes article `id` down (gỡ tin); the reason is kept and audited.
pub async fn unpublish(
    db: &Db,
    actor: Actor<'_>,
    unit: &Unit,
    id: i64,
    reason: &str,
) -> Result<(), WriteError> {
    actor.may(&PUBLISH, unit)?;
    let before = by_id(db, id).await?.ok_or(WriteError::NotFound)?;
    if before.unit_id != unit.id {
        return Err(WriteError::NotFound);
    }
    let reason = reason.trim();
    if reason.is_empty() {
        return Err(WriteError::invalid(
            "reason",
            "say why the article is taken down (it is kept in its history)",
        ));
    }
    if before.state != state::PUBLISHED && before.state != state::SCHEDULED {
        return Err(WriteError::invalid(
            "state",
            "only a published article can be taken down",
        ));
    }
    let now = dinh_platform::time::now_rfc3339();
    let mut tx = db.begin().await?;
    tx.execute(
        &query(
            "UPDATE portal_articles SET state = $1, unpublished_at = $2, unpublish_reason = $3,
               updated_at = $2 WHERE id = $4",
        )
        .bind(state::UNPUBLISHED)
        .bind(now.as_str())
        .bind(reason)
        .bind(id),
    )
    .await?;
    audit_article(
        &mut tx,
        &actor,
        "portal.article.unpublish",
        id,
        Some(json!({"state": before.state})),
        json!({"state": state::UNPUBLISHED, "reason": reason}),
    )
    .await?;
    super::search::sync(&mut tx, id).await?;
    tx.commit().await?;
    Ok(())
}

/// Marks the scheduled articles whose time has come as published (the `portal.publish_due`
/// job); returns how many.
pub async fn publish_due(db: &Db) -> Result<u64, WriteError> {
    let now = dinh_platform::time::now_rfc3339();
    let due: Vec<(i64,)> = db
        .fetch_all(
            &query("SELECT id FROM portal_articles WHERE state = $1 AND published_at <= $2")
                .bind(state::SCHEDULED)
                .bind(now.as_str()),
        )
        .await?;
    let mut tx = db.begin().await?;
    for (id,) in &due {
        tx.execute(
            &query("UPDATE portal_articles SET state = $1 WHERE id = $2 AND state = $3")
                .bind(state::PUBLISHED)
                .bind(*id)
                .bind(state::SCHEDULED),
        )
        .await?;
        audit_article(
            &mut tx,
            &Actor::System("job"),
            "portal.article.publish_due",
            *id,
            Some(json!({"state": state::SCHEDULED})),
            json!({"state": state::PUBLISHED}),
        )
        .await?;
        super::search::sync(&mut tx, *id).await?;
    }
    tx.commit().await?;
    Ok(due.len() as u64)
}
