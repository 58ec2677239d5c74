//! Polls (thăm dò ý kiến): a question with a few answers, open for a period, one answer per
//! visitor (a cookie) and a limit per sender. A poll is not a vote: it binds no one, unlike a
//! household decision (biểu quyết của hộ gia đình), and its page says so.

use dinh_platform::audit::{self, Change};
use dinh_platform::db::ids::next_id;
use dinh_platform::db::{Db, DbResult, is_unique_violation, query};
use dinh_platform::units::Unit;
use dinh_platform::write::{Actor, WriteError};
use serde::Serialize;
use serde_json::json;

use crate::permissions::POLLS;

/// Answers accepted from one sender (address) per poll: a commune's shared connection carries
/// many households, so the limit is generous; the cookie keeps one answer per browser.
pub const PER_CLIENT: i64 = 50;
/// Fewest and most answers a poll offers.
pub const OPTIONS: std::ops::RangeInclusive<usize> = 2..=10;

/// A poll.
#[derive(Debug, Clone, Serialize, sqlx::FromRow, utoipa::ToSchema)]
pub struct Poll {
    /// Id.
    pub id: i64,
    /// The unit.
    pub unit_id: i64,
    /// The question.
    pub question: String,
    /// First instant it takes answers (RFC 3339).
    pub opens_at: String,
    /// When it stops (RFC 3339).
    pub closes_at: String,
    /// When an officer closed it early.
    pub closed_early_at: Option<String>,
}

impl Poll {
    /// Whether it takes answers at `now`.
    pub fn is_open(&self, now: &str) -> bool {
        self.closed_early_at.is_none()
            && self.opens_at.as_str() <= now
            && now < self.closes_at.as_str()
    }

    /// When it closes (or closed), dd/mm/yyyy HH:MM in Vietnam.
    pub fn closes(&self) -> String {
        dinh_platform::time::show_instant(
            self.closed_early_at.as_deref().unwrap_or(&self.closes_at),
        )
    }

    /// Its public path.
    pub fn href(&self) -> String {
        format!("/tham-do/{}", self.id)
    }
}

/// An answer and how many chose it.
#[derive(Debug, Clone, Serialize, sqlx::FromRow, utoipa::ToSchema)]
pub struct Tally {
    /// The option's id.
    pub id: i64,
    /// Its text.
    pub label: String,
    /// Answers.
    pub answers: i64,
}

/// What an officer opens.
#[derive(Debug, Clone, Default)]
pub struct PollInput {
    /// The question.
    pub question: String,
    /// The answers, one per line.
    pub options: Vec<String>,
    /// Opening instant (RFC 3339).
    pub opens_at: String,
    /// Closing instant (RFC 3339).
    pub closes_at: String,
}

/// Opens a poll at `unit`; returns its id.
pub async fn open(
    db: &Db,
    actor: Actor<'_>,
    unit: &Unit,
    input: &PollInput,
) -> Result<i64, WriteError> {
    actor.may(&POLLS, unit)?;
    let question = input.question.trim();
    if question.is_empty() || question.chars().count() > 300 {
        return Err(WriteError::invalid(
            "question",
            "write the question (at most 300 characters)",
        ));
    }
    let options: Vec<&str> = input
        .options
        .iter()
        .map(|o| o.trim())
        .filter(|o| !o.is_empty())
        .collect();
    if !OPTIONS.contains(&options.len()) {
        return Err(WriteError::invalid(
            "options",
            format!(
                "give between {} and {} answers, one per line",
                OPTIONS.start(),
                OPTIONS.end()
            ),
        ));
    }
    if input.closes_at <= input.opens_at {
        return Err(WriteError::invalid(
            "closes_at",
            "the poll must close after it opens",
        ));
    }
    let id = next_id();
    let now = dinh_platform::time::now_rfc3339();
    let actor_s = actor.audit();
    let mut tx = db.begin().await?;
    tx.execute(
        &query(
            "INSERT INTO portal_polls (id, unit_id, question, opens_at, closes_at, created_by, created_at)
             VALUES ($1, $2, $3, $4, $5, $6, $7)",
        )
        .bind(id)
        .bind(unit.id)
        .bind(question)
        .bind(input.opens_at.as_str())
        .bind(input.closes_at.as_str())
        .bind(actor_s.as_str())
        .bind(now.as_str()),
    )
    .await?;
    for (i, label) in options.iter().enumerate() {
        tx.execute(
            &query("INSERT INTO portal_poll_options (id, poll_id, label, position) VALUES ($1, $2, $3, $4)")
                .bind(next_id())
                .bind(id)
                .bind(*label)
                .bind(i as i64),
        )
        .await?;
    }
    audit::record(
        &mut tx,
        Change {
            actor: &actor_s,
            action: "portal.poll.open",
            object_type: "portal_poll",
            object_id: &id.to_string(),
            before: None,
            after: Some(
                json!({"unit": unit.code, "question": question, "options": options,
                               "opens_at": input.opens_at, "closes_at": input.closes_at}),
            ),
        },
    )
    .await?;
    tx.commit().await?;
    Ok(id)
}

/// Closes a poll before its time.
pub async fn close(db: &Db, actor: Actor<'_>, unit: &Unit, poll_id: i64) -> Result<(), WriteError> {
    actor.may(&POLLS, unit)?;
    let now = dinh_platform::time::now_rfc3339();
    let actor_s = actor.audit();
    let mut tx = db.begin().await?;
    let n = tx
        .execute(
            &query(
                "UPDATE portal_polls SET closed_early_at = $1
                 WHERE id = $2 AND unit_id = $3 AND closed_early_at IS NULL AND closes_at > $1",
            )
            .bind(now.as_str())
            .bind(poll_id)
            .bind(unit.id),
        )
        .await?;
    if n == 0 {
        return Err(WriteError::invalid("poll", "the poll is already closed"));
    }
    audit::record(
        &mut tx,
        Change {
            actor: &actor_s,
            action: "portal.poll.close",
            object_type: "portal_poll",
            object_id: &poll_id.to_string(),
            before: None,
            after: Some(json!({"closed_early_at": now})),
        },
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

/// One poll.
pub async fn by_id(db: &Db, id: i64) -> DbResult<Option<Poll>> {
    db.fetch_optional(
        &query(
            "SELECT id, unit_id, question, opens_at, closes_at, closed_early_at FROM portal_polls
             WHERE id = $1",
        )
        .bind(id),
    )
    .await
}

/// The polls of a unit, latest closing first.
pub async fn of_unit(db: &Db, unit_id: i64, limit: i64) -> DbResult<Vec<Poll>> {
    db.fetch_all(
        &query(
            "SELECT id, unit_id, question, opens_at, closes_at, closed_early_at FROM portal_polls
             WHERE unit_id = $1 ORDER BY closes_at DESC, id DESC LIMIT $2",
        )
        .bind(unit_id)
        .bind(limit),
    )
    .await
}

/// The answers of a poll with their counts, in their order.
pub async fn tally(db: &Db, poll_id: i64) -> DbResult<Vec<Tally>> {
    db.fetch_all(
        &query(
            "SELECT o.id, o.label, CAST(COUNT(a.option_id) AS BIGINT) AS answers
             FROM portal_poll_options o
             LEFT JOIN portal_poll_answers a ON a.option_id = o.id
             WHERE o.poll_id = $1 GROUP BY o.id, o.label, o.position ORDER BY o.position",
        )
        .bind(poll_id),
    )
    .await
}

/// Whether `visitor` (the cookie) already answered.
pub async fn answered(db: &Db, poll_id: i64, visitor: &str) -> DbResult<bool> {
    let n: i64 = db
        .scalar(
            &query(
                "SELECT CAST(COUNT(*) AS BIGINT) FROM portal_poll_answers WHERE poll_id = $1 AND visitor = $2",
            )
            .bind(poll_id)
            .bind(visitor),
        )
        .await?;
    Ok(n > 0)
}

/// Records `visitor`'s answer; refused when the poll is not open, the answer is not one of the
/// poll's, the visitor already answered, or the sender sent [`PER_CLIENT`] answers already.
pub async fn answer(
    db: &Db,
    poll: &Poll,
    visitor: &str,
    client: &str,
    option_id: i64,
) -> Result<(), WriteError> {
    let now = dinh_platform::time::now_rfc3339();
    if !poll.is_open(&now) {
        return Err(WriteError::invalid("poll", "this poll is not open"));
    }
    let belongs: Option<i64> = db
        .scalar_optional(
            &query("SELECT id FROM portal_poll_options WHERE id = $1 AND poll_id = $2")
                .bind(option_id)
                .bind(poll.id),
        )
        .await?;
    if belongs.is_none() {
        return Err(WriteError::invalid("option", "choose one of the answers"));
    }
    let from_client: i64 = db
        .scalar(
            &query(
                "SELECT CAST(COUNT(*) AS BIGINT) FROM portal_poll_answers WHERE poll_id = $1 AND client_hash = $2",
            )
            .bind(poll.id)
            .bind(client),
        )
        .await?;
    if from_client >= PER_CLIENT {
        return Err(WriteError::invalid(
            "option",
            "too many answers from this connection",
        ));
    }
    let r = db
        .execute(
            &query(
                "INSERT INTO portal_poll_answers (poll_id, visitor, option_id, client_hash, answered_at)
                 VALUES ($1, $2, $3, $4, $5)",
            )
            .bind(poll.id)
            .bind(visitor)
            .bind(option_id)
            .bind(client)
            .bind(now.as_str()),
        )
        .await;
    match r {
        Ok(_) => Ok(()),
        Err(e) if is_unique_violation(&e) => Err(WriteError::invalid(
            "option",
            "you already answered this poll",
        )),
        Err(e) => Err(e.into()),
    }
}
