//! Readers' comments on articles (bình luận): a name, an e-mail that is never shown except to
//! the unit's moderators, and the text. Held for moderation or published at once as the unit
//! chooses; limited per sender and per e-mail; a hidden field catches robots; replies of the
//! unit's officers are marked official (trả lời chính thức).

use dinh_platform::audit::{self, Change};
use dinh_platform::db::ids::next_id;
use dinh_platform::db::{Db, DbResult, query};
use dinh_platform::units::Unit;
use dinh_platform::write::{Actor, WriteError};
use serde::Serialize;
use serde_json::json;

use crate::articles::{self, Article};
use crate::permissions::MODERATE;
use crate::sanitize;

/// Comments one sender (address) may leave in [`WINDOW_MINUTES`].
pub const PER_CLIENT: i64 = 5;
/// Comments one e-mail address may leave in [`WINDOW_MINUTES`].
pub const PER_EMAIL: i64 = 5;
/// The window of the limits, in minutes.
pub const WINDOW_MINUTES: i64 = 10;
/// Longest comment, in characters.
pub const BODY_MAX: usize = 4_000;

/// States of a comment.
pub mod state {
    /// Waiting for a moderator.
    pub const HELD: &str = "held";
    /// Shown under the article.
    pub const PUBLISHED: &str = "published";
    /// Refused by a moderator.
    pub const REJECTED: &str = "rejected";
}

/// A comment as the public sees it: there is no e-mail in this type.
#[derive(Debug, Clone, Serialize, sqlx::FromRow, utoipa::ToSchema)]
pub struct PublicComment {
    /// Id.
    pub id: i64,
    /// The comment it answers, if any.
    pub parent_id: Option<i64>,
    /// The name the commenter gave.
    pub author_name: String,
    /// Text.
    pub body: String,
    /// A reply of the unit's officer.
    pub official: bool,
    /// When it was written (RFC 3339).
    pub created_at: String,
}

impl PublicComment {
    /// When it was written, `HH:MM dd/mm/yyyy`.
    pub fn written(&self) -> String {
        dinh_platform::time::show_instant(&self.created_at)
    }
}

/// A comment as a moderator sees it, with the commenter's e-mail.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct HeldComment {
    /// Id.
    pub id: i64,
    /// The article.
    pub article_id: i64,
    /// The article's title.
    pub article_title: String,
    /// The name given.
    pub author_name: String,
    /// The e-mail given (moderators only).
    pub email: Option<String>,
    /// Text.
    pub body: String,
    /// When (RFC 3339).
    pub created_at: String,
}

impl HeldComment {
    /// When it was written, `HH:MM dd/mm/yyyy`.
    pub fn written(&self) -> String {
        dinh_platform::time::show_instant(&self.created_at)
    }
}

/// What a reader sends.
#[derive(Debug, Clone, Default)]
pub struct CommentInput {
    /// Their name.
    pub name: String,
    /// Their e-mail (required, never shown).
    pub email: String,
    /// The text.
    pub body: String,
    /// The comment answered, if any.
    pub parent_id: Option<i64>,
    /// The hidden field people leave empty; robots fill it.
    pub trap: String,
}

/// What became of a comment sent.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Sent {
    /// Shown at once.
    Published,
    /// Waiting for a moderator.
    Held,
    /// Dropped without a word (the hidden field was filled).
    Dropped,
}

fn since(minutes: i64) -> String {
    (chrono::Utc::now() - chrono::Duration::minutes(minutes))
        .to_rfc3339_opts(chrono::SecondsFormat::Millis, true)
}

fn valid_email(email: &str) -> bool {
    let Some((local, domain)) = email.split_once('@') else {
        return false;
    };
    !local.is_empty()
        && domain.contains('.')
        && !domain.starts_with('.')
        && !domain.ends_with('.')
        && !email
            .chars()
            .any(|c| c.is_whitespace() || c == '<' || c == '>')
        && email.len() <= 254
}

/// Whether comments at `unit` are held for moderation (they are unless the unit chose not).
pub async fn holds(db: &Db, unit_id: i64) -> DbResult<bool> {
    let v: Option<bool> = db
        .scalar_optional(
            &query("SELECT hold_comments FROM portal_settings WHERE unit_id = $1").bind(unit_id),
        )
        .await?;
    Ok(v.unwrap_or(true))
}

/// Sets whether comments at `unit` are held for moderation.
pub async fn set_holds(
    db: &Db,
    actor: Actor<'_>,
    unit: &Unit,
    hold: bool,
) -> Result<(), WriteError> {
    actor.may(&MODERATE, unit)?;
    let mut tx = db.begin().await?;
    tx.execute(
        &query(
            "INSERT INTO portal_settings (unit_id, hold_comments) VALUES ($1, $2)
             ON CONFLICT (unit_id) DO UPDATE SET hold_comments = excluded.hold_comments",
        )
        .bind(unit.id)
        .bind(hold),
    )
    .await?;
    let actor_s = actor.audit();
    audit::record(
        &mut tx,
        Change {
            actor: &actor_s,
            action: "portal.settings",
            object_type: "unit",
            object_id: &unit.code,
            before: None,
            after: Some(json!({"hold_comments": hold})),
        },
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

/// Sends a comment on `article` from the client whose keyed address is `client`. A signed-in
/// moderator of the unit replies officially and is published at once.
pub async fn send(
    db: &Db,
    article: &Article,
    unit: &Unit,
    actor: Option<Actor<'_>>,
    client: &str,
    input: &CommentInput,
) -> Result<Sent, WriteError> {
    if !input.trap.trim().is_empty() {
        return Ok(Sent::Dropped);
    }
    if !article.is_public(&dinh_platform::time::now_rfc3339()) {
        return Err(WriteError::NotFound);
    }
    if !article.comments_open {
        return Err(WriteError::invalid(
            "body",
            "comments on this article are closed",
        ));
    }
    let official = actor.is_some_and(|a| a.may(&MODERATE, unit).is_ok());
    let name = match (official, actor) {
        (true, Some(a)) => a.name(),
        _ => input.name.trim().to_owned(),
    };
    if name.is_empty() || name.chars().count() > 100 {
        return Err(WriteError::invalid(
            "name",
            "write your name (at most 100 characters)",
        ));
    }
    let email = input.email.trim().to_lowercase();
    if !official && !valid_email(&email) {
        return Err(WriteError::invalid(
            "email",
            "write an e-mail address like ten@vidu.vn; it is never shown",
        ));
    }
    let body = sanitize::plain_text(&input.body);
    if body.is_empty() {
        return Err(WriteError::invalid("body", "write your comment"));
    }
    if body.chars().count() > BODY_MAX {
        return Err(WriteError::invalid(
            "body",
            format!("a comment has at most {BODY_MAX} characters"),
        ));
    }
    if let Some(parent) = input.parent_id {
        let ok: Option<i64> = db
            .scalar_optional(
                &query(
                    "SELECT id FROM portal_comments WHERE id = $1 AND article_id = $2 AND state = $3",
                )
                .bind(parent)
                .bind(article.id)
                .bind(state::PUBLISHED),
            )
            .await?;
        if ok.is_none() {
            return Err(WriteError::invalid(
                "parent_id",
                "the comment answered is not shown here",
            ));
        }
    }
    if !official {
        let from = since(WINDOW_MINUTES);
        let by_client: i64 = db
            .scalar(
                &query(
                    "SELECT CAST(COUNT(*) AS BIGINT) FROM portal_comments
                     WHERE client_hash = $1 AND created_at >= $2",
                )
                .bind(client)
                .bind(from.as_str()),
            )
            .await?;
        let by_email: i64 = db
            .scalar(
                &query(
                    "SELECT CAST(COUNT(*) AS BIGINT) FROM portal_comments
                     WHERE email = $1 AND created_at >= $2",
                )
                .bind(email.as_str())
                .bind(from.as_str()),
            )
            .await?;
        if by_client >= PER_CLIENT || by_email >= PER_EMAIL {
            return Err(WriteError::invalid(
                "body",
                format!(
                    "too many comments in a short time: wait {WINDOW_MINUTES} minutes and send it again"
                ),
            ));
        }
    }
    let held = !official && holds(db, unit.id).await?;
    let new_state = if held { state::HELD } else { state::PUBLISHED };
    let id = next_id();
    let now = dinh_platform::time::now_rfc3339();
    let mut tx = db.begin().await?;
    tx.execute(
        &query(
            "INSERT INTO portal_comments (id, article_id, unit_id, parent_id, author_name, email,
               client_hash, body, state, official, account_id, created_at)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)",
        )
        .bind(id)
        .bind(article.id)
        .bind(unit.id)
        .bind(input.parent_id)
        .bind(name.as_str())
        .bind((!email.is_empty()).then_some(email.as_str()))
        .bind(client)
        .bind(body.as_str())
        .bind(new_state)
        .bind(official)
        .bind(actor.and_then(|a| a.account_id()))
        .bind(now.as_str()),
    )
    .await?;
    // The audit keeps who wrote what, never the e-mail.
    let actor_s = actor.map_or_else(|| "public".to_owned(), |a| a.audit());
    audit::record(
        &mut tx,
        Change {
            actor: &actor_s,
            action: "portal.comment.send",
            object_type: "portal_comment",
            object_id: &id.to_string(),
            before: None,
            after: Some(json!({"article": article.id, "name": name, "body": body,
                               "state": new_state, "official": official})),
        },
    )
    .await?;
    tx.commit().await?;
    Ok(if held { Sent::Held } else { Sent::Published })
}

/// Publishes or rejects a held comment (kiểm duyệt).
pub async fn moderate(
    db: &Db,
    actor: Actor<'_>,
    unit: &Unit,
    comment_id: i64,
    publish: bool,
) -> Result<(), WriteError> {
    actor.may(&MODERATE, unit)?;
    let new_state = if publish {
        state::PUBLISHED
    } else {
        state::REJECTED
    };
    let now = dinh_platform::time::now_rfc3339();
    let actor_s = actor.audit();
    let mut tx = db.begin().await?;
    let n = tx
        .execute(
            &query(
                "UPDATE portal_comments SET state = $1, moderated_at = $2, moderated_by = $3
                 WHERE id = $4 AND unit_id = $5 AND state = $6",
            )
            .bind(new_state)
            .bind(now.as_str())
            .bind(actor_s.as_str())
            .bind(comment_id)
            .bind(unit.id)
            .bind(state::HELD),
        )
        .await?;
    if n == 0 {
        return Err(WriteError::NotFound);
    }
    audit::record(
        &mut tx,
        Change {
            actor: &actor_s,
            action: "portal.comment.moderate",
            object_type: "portal_comment",
            object_id: &comment_id.to_string(),
            before: Some(json!({"state": state::HELD})),
            after: Some(json!({"state": new_state})),
        },
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

/// The published comments of an article, oldest first.
pub async fn published(db: &Db, article_id: i64) -> DbResult<Vec<PublicComment>> {
    db.fetch_all(
        &query(
            "SELECT id, parent_id, author_name, body, official, created_at FROM portal_comments
             WHERE article_id = $1 AND state = $2 ORDER BY created_at, id",
        )
        .bind(article_id)
        .bind(state::PUBLISHED),
    )
    .await
}

/// The comments waiting for a moderator at unit `unit_id`, oldest first, at most `limit`.
pub async fn held(db: &Db, unit_id: i64, limit: i64) -> DbResult<Vec<HeldComment>> {
    db.fetch_all(
        &query(
            "SELECT m.id, m.article_id, a.title AS article_title, m.author_name, m.email, m.body,
                    m.created_at
             FROM portal_comments m JOIN portal_articles a ON a.id = m.article_id
             WHERE m.unit_id = $1 AND m.state = $2 ORDER BY m.created_at, m.id LIMIT $3",
        )
        .bind(unit_id)
        .bind(state::HELD)
        .bind(limit),
    )
    .await
}

/// How many comments wait for a moderator at unit `unit_id`.
pub async fn held_count(db: &Db, unit_id: i64) -> DbResult<i64> {
    db.scalar(
        &query(
            "SELECT CAST(COUNT(*) AS BIGINT) FROM portal_comments WHERE unit_id = $1 AND state = $2",
        )
        .bind(unit_id)
        .bind(state::HELD),
    )
    .await
}

/// The article a comment is on.
pub async fn article_of(db: &Db, comment_id: i64) -> DbResult<Option<Article>> {
    let id: Option<i64> = db
        .scalar_optional(
            &query("SELECT article_id FROM portal_comments WHERE id = $1").bind(comment_id),
        )
        .await?;
    match id {
        Some(id) => articles::by_id(db, id).await,
        None => Ok(None),
    }
}
