//! The sender (gửi thông báo): takes the messages that are due from the outbox, sends them by
//! their channel, and marks each sent, failed with its reason (tried again later, each time
//! after a longer wait), or given up after the last attempt. A message is held while it is
//! being sent; a sender that dies between sending and marking leaves it held until the hold
//! runs out, and the next sender sends it once more with the same `Message-ID`.

use super::Channel;
use super::config::NotifyConfig;
use super::mail::Mailer;
use super::sms::Gateway;
use crate::audit::{self, Change};
use crate::config::Config;
use crate::db::{Db, Engine, query};
use crate::module::Job;
use crate::web::AppState;
use futures_util::StreamExt;
use std::time::Duration;

/// Most messages taken at a time.
const BATCH: i64 = 500;

/// The channels this node can send by, built once from the configuration.
pub struct Channels {
    mail: Option<Result<Mailer, String>>,
    sms: Option<Result<Gateway, String>>,
    /// Links, attempts, holds.
    pub config: NotifyConfig,
}

impl Channels {
    /// Builds the channels that `[mail]` and `[sms]` describe (a bad one is kept as its error,
    /// which every message of that channel then fails with; `dinh serve` refuses to start with it).
    pub fn from_config(config: &Config) -> Self {
        Self {
            mail: config
                .mail
                .as_ref()
                .map(|m| Mailer::new(m).map_err(|e| format!("{e:#}"))),
            sms: config
                .sms
                .as_ref()
                .map(|s| Gateway::new(s).map_err(|e| format!("{e:#}"))),
            config: config.notify.clone(),
        }
    }

    /// The channels this node sends by (a channel without its section is left queued until
    /// one is configured).
    pub fn configured(&self) -> Vec<Channel> {
        let mut out = Vec::new();
        if self.mail.is_some() {
            out.push(Channel::Email);
        }
        if self.sms.is_some() {
            out.push(Channel::Sms);
        }
        out
    }

    /// The first configuration error of a channel, if any.
    pub fn problem(&self) -> Option<String> {
        [
            self.mail.as_ref().and_then(|m| m.as_ref().err()),
            self.sms.as_ref().and_then(|s| s.as_ref().err()),
        ]
        .into_iter()
        .flatten()
        .next()
        .cloned()
    }
}

/// A message taken from the outbox to be sent.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct Outgoing {
    /// Its id (also in its `Message-ID`).
    pub id: i64,
    /// Kind.
    pub kind: String,
    /// Channel name.
    pub channel: String,
    /// Address or phone, when stored.
    pub address: Option<String>,
    /// `module:reference` of a sealed address.
    pub sealed_ref: Option<String>,
    /// Language code.
    pub lang: String,
    /// Subject.
    pub subject: String,
    /// Body.
    pub body: String,
    /// Local link.
    pub link: Option<String>,
    /// Unsubscribe token.
    pub unsubscribe_token: Option<String>,
    /// Attempts so far, this one included.
    pub attempts: i64,
    /// Whether the body is confidential (then never logged).
    pub confidential: bool,
}

/// What one pass of the sender did.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Outcome {
    /// Messages sent.
    pub sent: usize,
    /// Messages that failed and will be tried again.
    pub failed: usize,
    /// Messages given up after their last attempt.
    pub given_up: usize,
}

/// The scheduled job: every five seconds, one node at a time.
pub fn job() -> Job {
    Job::new("notify.send", Duration::from_secs(5), |state| {
        Box::pin(async move { send_due(&state).await.map(drop) })
    })
}

/// Sends everything that is due, batch after batch, until nothing is left.
pub async fn send_due(state: &AppState) -> anyhow::Result<Outcome> {
    let mut total = Outcome::default();
    loop {
        let batch = claim(
            &state.db,
            &state.channels.configured(),
            state.channels.config.lease_minutes,
            BATCH,
        )
        .await?;
        if batch.is_empty() {
            return Ok(total);
        }
        let results = deliver(state, &batch).await;
        let o = mark(
            &state.db,
            &batch,
            &results,
            state.channels.config.max_attempts,
        )
        .await?;
        total.sent += o.sent;
        total.failed += o.failed;
        total.given_up += o.given_up;
    }
}

/// Takes up to `limit` due messages of `channels` and holds them for `lease_minutes` (their attempt is
/// counted now, so a sender that dies still uses one up). On PostgreSQL rows another node holds
/// are skipped (`FOR UPDATE SKIP LOCKED`); on SQLite the write lock does the same.
pub async fn claim(
    db: &Db,
    channels: &[Channel],
    lease_minutes: i64,
    limit: i64,
) -> anyhow::Result<Vec<Outgoing>> {
    if channels.is_empty() {
        return Ok(Vec::new());
    }
    let names = channels
        .iter()
        .map(|c| format!("'{}'", c.as_str()))
        .collect::<Vec<_>>()
        .join(", ");
    let now = crate::time::now_rfc3339();
    let hold = (chrono::Utc::now() + chrono::Duration::minutes(lease_minutes))
        .to_rfc3339_opts(chrono::SecondsFormat::Millis, true);
    let lock = match db.engine() {
        Engine::Postgres => " FOR UPDATE SKIP LOCKED",
        Engine::Sqlite => "",
    };
    let sql = format!(
        "UPDATE notifications SET state = 'sending', attempts = attempts + 1, next_attempt_at = $1 \
         WHERE id IN (SELECT id FROM notifications WHERE state IN ('queued', 'failed', 'sending') \
         AND channel IN ({names}) AND next_attempt_at <= $2 ORDER BY next_attempt_at, id LIMIT $3{lock}) \
         RETURNING id, kind, channel, address, sealed_ref, lang, subject, body, link, \
         unsubscribe_token, attempts, confidential"
    );
    let mut rows: Vec<Outgoing> = db
        .fetch_all(&query(sql).bind(hold).bind(now).bind(limit))
        .await?;
    rows.sort_by_key(|r| r.id);
    Ok(rows)
}

/// Sends each message by its channel, several at once; returns each one's result in order.
pub async fn deliver(state: &AppState, batch: &[Outgoing]) -> Vec<Result<(), String>> {
    let channels = &state.channels;
    let public_url = channels.config.public_url.as_str();
    let mail = channels
        .mail
        .as_ref()
        .and_then(|m| m.as_ref().ok())
        .map_or(1, |m| m.parallel);
    let sms = channels
        .sms
        .as_ref()
        .and_then(|s| s.as_ref().ok())
        .map_or(1, |s| s.parallel);
    let parallel = mail.max(sms);
    let sends: Vec<_> = batch
        .iter()
        .map(|m| deliver_one(state, channels, public_url, m))
        .collect();
    futures_util::stream::iter(sends)
        .buffered(parallel)
        .collect()
        .await
}

async fn deliver_one(
    state: &AppState,
    channels: &Channels,
    public_url: &str,
    m: &Outgoing,
) -> Result<(), String> {
    let address = match (&m.address, &m.sealed_ref) {
        (Some(a), _) => Some(a.clone()),
        (None, Some(r)) => sealed_address(state, r).await?,
        (None, None) => None,
    };
    let Some(to) = address else {
        return Err("no address to send to".to_owned());
    };
    let result = match Channel::parse(&m.channel) {
        Some(Channel::Email) => match &channels.mail {
            Some(Ok(mailer)) => mailer.send(m, &to, public_url).await,
            Some(Err(e)) => Err(format!("[mail] is wrong: {e}")),
            None => Err("no [mail] server is configured".to_owned()),
        },
        Some(Channel::Sms) => match &channels.sms {
            Some(Ok(gateway)) => gateway.send(m, &to, public_url).await,
            Some(Err(e)) => Err(format!("[sms] is wrong: {e}")),
            None => Err("no [sms] gateway is configured".to_owned()),
        },
        _ => Err(format!("channel '{}' is not sent", m.channel)),
    };
    // A refusal may quote the address: it is never kept or logged with the reason.
    result.map_err(|e| e.replace(to.as_str(), "<recipient>"))
}

/// The address a module keeps sealed (`petitions:123`), asked of that module.
async fn sealed_address(state: &AppState, reference: &str) -> Result<Option<String>, String> {
    let (module, rest) = reference
        .split_once(':')
        .ok_or_else(|| "malformed sealed reference".to_owned())?;
    let Some(m) = state.registry.modules().iter().find(|m| m.name() == module) else {
        return Err(format!("no module '{module}' holds this address"));
    };
    m.notice_address(&state.db, rest)
        .await
        .map_err(|e| format!("the address cannot be unsealed: {e:#}"))
}

/// Records each result: sent, failed (tried again after 1, 2, 4 … minutes, at most six hours)
/// or given up after `max_attempts`; audited without the body.
pub async fn mark(
    db: &Db,
    batch: &[Outgoing],
    results: &[Result<(), String>],
    max_attempts: i64,
) -> anyhow::Result<Outcome> {
    let now = crate::time::now_rfc3339();
    let mut outcome = Outcome::default();
    let mut tx = db.begin().await?;
    let sent: Vec<i64> = batch
        .iter()
        .zip(results)
        .filter(|(_, r)| r.is_ok())
        .map(|(m, _)| m.id)
        .collect();
    for chunk in sent.chunks(500) {
        tx.execute(
            &query(format!(
                "UPDATE notifications SET state = 'sent', sent_at = $1, last_error = NULL WHERE id IN ({})",
                crate::module::id_list(chunk.iter().copied())
            ))
            .bind(now.as_str()),
        )
        .await?;
    }
    outcome.sent = sent.len();
    let mut states = Vec::with_capacity(batch.len());
    for (m, r) in batch.iter().zip(results) {
        let state = match r {
            Ok(()) => "sent",
            Err(e) => {
                let give_up = m.attempts >= max_attempts;
                let wait = chrono::Duration::minutes(1_i64 << (m.attempts - 1).clamp(0, 9))
                    .min(chrono::Duration::hours(6));
                let next = (chrono::Utc::now() + wait)
                    .to_rfc3339_opts(chrono::SecondsFormat::Millis, true);
                let state = if give_up { "given_up" } else { "failed" };
                tx.execute(
                    &query("UPDATE notifications SET state = $1, last_error = $2, next_attempt_at = $3 WHERE id = $4")
                        .bind(state)
                        .bind(e.as_str())
                        .bind(next)
                        .bind(m.id),
                )
                .await?;
                tracing::warn!(
                    notification = m.id,
                    kind = m.kind.as_str(),
                    channel = m.channel.as_str(),
                    attempt = m.attempts,
                    error = e.as_str(),
                    "notice not sent"
                );
                if give_up {
                    outcome.given_up += 1;
                } else {
                    outcome.failed += 1;
                }
                state
            }
        };
        states.push((m, state, r.as_ref().err()));
    }
    let ids: Vec<String> = states.iter().map(|(m, _, _)| m.id.to_string()).collect();
    let changes: Vec<Change<'_>> = states
        .iter()
        .zip(&ids)
        .map(|((m, state, error), id)| Change {
            actor: "system",
            action: "notify.send",
            object_type: "notification",
            object_id: id,
            before: None,
            after: Some(serde_json::json!({
                "kind": m.kind, "channel": m.channel, "state": state,
                "attempt": m.attempts, "error": error,
            })),
        })
        .collect();
    audit::record_many(&mut tx, &changes).await?;
    tx.commit().await?;
    Ok(outcome)
}
