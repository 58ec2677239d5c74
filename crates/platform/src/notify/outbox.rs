//! What operators see of the outbox (`dinh outbox`, `/metrics`): messages by channel and
//! state, the failed ones with their reason, and retrying them.

use crate::db::{Db, query};

/// How many messages are in one channel and state.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct Count {
    /// Channel.
    pub channel: String,
    /// State.
    pub state: String,
    /// Messages.
    pub n: i64,
}

/// Messages by channel and state.
pub async fn counts(db: &Db) -> sqlx::Result<Vec<Count>> {
    db.fetch_all(&query(
        "SELECT channel, state, COUNT(*) AS n FROM notifications GROUP BY channel, state ORDER BY channel, state",
    ))
    .await
}

/// A message that failed, with its reason (never its address or body).
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct Failed {
    /// Id.
    pub id: i64,
    /// Kind.
    pub kind: String,
    /// Channel.
    pub channel: String,
    /// `failed` or `given_up`.
    pub state: String,
    /// Attempts made.
    pub attempts: i64,
    /// The last reason.
    pub last_error: Option<String>,
    /// When it will be tried again (failed) or was last tried.
    pub next_attempt_at: String,
}

/// The latest failed and given-up messages, newest first.
pub async fn failed(db: &Db, limit: i64) -> sqlx::Result<Vec<Failed>> {
    db.fetch_all(
        &query("SELECT id, kind, channel, state, attempts, last_error, next_attempt_at FROM notifications WHERE state IN ('failed', 'given_up') ORDER BY id DESC LIMIT $1")
            .bind(limit),
    )
    .await
}

/// Puts failed and given-up messages (all, or the one with `id`) back in the queue for now,
/// with their attempts counted from zero; returns how many.
pub async fn retry(db: &Db, id: Option<i64>, actor: &str) -> anyhow::Result<u64> {
    let now = crate::time::now_rfc3339();
    let mut tx = db.begin().await?;
    let n = match id {
        Some(id) => tx.execute(
            &query("UPDATE notifications SET state = 'queued', attempts = 0, next_attempt_at = $1 WHERE id = $2 AND state IN ('failed', 'given_up')")
                .bind(now.as_str())
                .bind(id),
        )
        .await?,
        None => tx.execute(
            &query("UPDATE notifications SET state = 'queued', attempts = 0, next_attempt_at = $1 WHERE state IN ('failed', 'given_up')")
                .bind(now.as_str()),
        )
        .await?,
    };
    crate::audit::record(
        &mut tx,
        crate::audit::Change {
            actor,
            action: "notify.retry",
            object_type: "notification",
            object_id: &id.map_or_else(|| "all".to_owned(), |i| i.to_string()),
            before: None,
            after: Some(serde_json::json!({"requeued": n})),
        },
    )
    .await?;
    tx.commit().await?;
    Ok(n)
}

/// The Prometheus lines of `/metrics`: messages by channel and state.
pub async fn metrics(db: &Db) -> sqlx::Result<String> {
    use std::fmt::Write as _;
    let mut out = String::from(
        "# HELP dinh_notifications Notices in the outbox by channel and state.\n# TYPE dinh_notifications gauge\n",
    );
    for c in counts(db).await? {
        let _ = writeln!(
            out,
            "dinh_notifications{{channel=\"{}\",state=\"{}\"}} {}",
            c.channel, c.state, c.n
        );
    }
    Ok(out)
}
