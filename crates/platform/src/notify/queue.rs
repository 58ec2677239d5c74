//! Writing notices to the outbox inside the caller's transaction: a notice is queued exactly
//! when the write that caused it commits, and never for one that rolled back.

use super::catalogue::{self, Kind};
use super::settings::{self, Settings};
use super::{Channel, Notice, Recipient};
use crate::accounts::login_name;
use crate::audit::{self, Change};
use crate::db::{Arg, Tx, bulk, ids::next_id, query};
use crate::units::store::SUBTREE_CTE;
use crate::web::i18n::Lang;
use chrono::{Duration, Timelike};
use std::collections::{HashMap, HashSet};

/// One message to write: a notice resolved to a channel and an address.
struct Row {
    id: i64,
    kind: &'static str,
    channel: Channel,
    account_id: Option<i64>,
    address: Option<String>,
    sealed_ref: Option<String>,
    lang: Lang,
    subject: String,
    body: String,
    link: Option<String>,
    confidential: bool,
    unsubscribe_token: Option<String>,
    once_key: Option<String>,
    not_before: String,
}

/// Queues `notices` in `tx`, each by the channels its recipients chose and may be reached by;
/// returns how many messages were written. Every message is audited under `actor` (who, what
/// kind, which channel; the subject only when the kind is not confidential, the body never).
/// An unknown kind, or a kind that is not legally required sent to a bare address (which has no
/// account to unsubscribe from), is an error.
pub async fn queue(tx: &mut Tx, actor: &str, notices: &[Notice]) -> anyhow::Result<usize> {
    let now = chrono::Utc::now();
    // The settings of every person named directly, one query per kind and 500 people (the
    // morning digest names thousands).
    let mut named: HashMap<&'static str, Vec<i64>> = HashMap::new();
    for notice in notices {
        if let Recipient::Account(id) = notice.to {
            named.entry(notice.kind).or_default().push(id);
        }
    }
    let mut known: HashMap<&'static str, HashMap<i64, Settings>> = HashMap::new();
    for (kind, ids) in named {
        known.insert(kind, settings::for_accounts(tx, &ids, kind).await?);
    }
    let mut rows = Vec::new();
    for notice in notices {
        let kind = catalogue::kind(notice.kind)
            .ok_or_else(|| anyhow::anyhow!("unknown kind of notice '{}'", notice.kind))?;
        resolve(tx, notice, &kind, known.get(notice.kind), now, &mut rows).await?;
    }
    let keys: Vec<&str> = rows.iter().filter_map(|r| r.once_key.as_deref()).collect();
    let taken = taken_keys(tx, &keys).await?;
    rows.retain(|r| r.once_key.as_ref().is_none_or(|k| !taken.contains(k)));
    write(tx, actor, rows).await
}

async fn resolve(
    tx: &mut Tx,
    notice: &Notice,
    kind: &Kind,
    known: Option<&HashMap<i64, Settings>>,
    now: chrono::DateTime<chrono::Utc>,
    rows: &mut Vec<Row>,
) -> anyhow::Result<()> {
    let at = now.to_rfc3339_opts(chrono::SecondsFormat::Millis, true);
    let make = &|channel: Channel,
                 account_id: Option<i64>,
                 address: Option<String>,
                 sealed_ref: Option<String>,
                 lang: Lang,
                 not_before: String| {
        let body = catalogue::fill(
            match channel {
                Channel::Sms => kind.sms.pick(lang),
                _ => kind.text.pick(lang),
            },
            &notice.values,
        );
        Row {
            id: next_id(),
            kind: notice.kind,
            channel,
            account_id,
            address,
            sealed_ref,
            lang,
            subject: catalogue::fill(kind.subject.pick(lang), &notice.values),
            body,
            link: notice.link.clone(),
            confidential: kind.confidential,
            unsubscribe_token: (account_id.is_some()
                && !kind.required
                && channel != Channel::Inbox)
                .then(crate::accounts::session::random_token),
            once_key: notice
                .once
                .as_ref()
                .map(|k| format!("{}:{}", k, channel.as_str())),
            not_before,
        }
    };
    match &notice.to {
        Recipient::Account(id) => match known {
            Some(all) => push_accounts(notice, kind, all, &[*id], now, rows, make),
            None => for_accounts(tx, notice, kind, &[*id], now, rows, make).await?,
        },
        Recipient::RoleAt { role, unit_id } => {
            let ids: Vec<i64> = tx
                .fetch_all(
                    &query("SELECT DISTINCT account_id FROM role_grants WHERE role = $1 AND unit_id = $2 AND revoked_at IS NULL ORDER BY account_id")
                        .bind(role.as_str())
                        .bind(*unit_id),
                )
                .await?
                .into_iter()
                .map(|(id,): (i64,)| id)
                .collect();
            for_accounts(tx, notice, kind, &ids, now, rows, make).await?;
        }
        Recipient::Household(household_id) => {
            let reps: Vec<(Option<i64>, Option<String>)> = tx
                .fetch_all(
                    &query(format!(
                        "SELECT {REPRESENTATIVE} FROM households h WHERE h.id = $1"
                    ))
                    .bind(*household_id),
                )
                .await?;
            representatives(tx, notice, kind, reps, now, rows, make).await?;
        }
        Recipient::Households { unit_id, on } => {
            let reps: Vec<(Option<i64>, Option<String>)> = tx
                .fetch_all(
                    &query(format!(
                        "{SUBTREE_CTE} SELECT {REPRESENTATIVE} FROM households h JOIN subtree s ON h.unit_id = s.id \
                         WHERE h.formed_on <= $2 AND (h.dissolved_on IS NULL OR h.dissolved_on > $2) ORDER BY h.id"
                    ))
                    .bind(*unit_id)
                    .bind(*on),
                )
                .await?;
            representatives(tx, notice, kind, reps, now, rows, make).await?;
        }
        Recipient::Address { address, lang } => {
            if !kind.required {
                anyhow::bail!(
                    "notice '{}' is not legally required and cannot go to a bare address",
                    notice.kind
                );
            }
            if let Ok(a) = login_name::normalise(address) {
                let channel = if a.contains('@') {
                    Channel::Email
                } else {
                    Channel::Sms
                };
                if kind.channels.contains(&channel) {
                    rows.push(make(channel, None, Some(a), None, *lang, at.clone()));
                }
            }
        }
        Recipient::Sealed {
            module,
            reference,
            channel,
            lang,
        } => {
            rows.push(make(
                *channel,
                None,
                None,
                Some(format!("{module}:{reference}")),
                *lang,
                at.clone(),
            ));
        }
    }
    Ok(())
}

/// A household's representative: their account, and the phone they consented to.
const REPRESENTATIVE: &str = "(SELECT a.id FROM accounts a WHERE a.person_id = h.representative_id AND NOT a.disabled ORDER BY a.id LIMIT 1), \
     (SELECT c.address FROM notification_consents c WHERE c.person_id = h.representative_id AND c.withdrawn_on IS NULL)";

/// Representatives: by their accounts' choices, and by text message to the phone they consented
/// to (once, even when their account has the same phone).
async fn representatives(
    tx: &mut Tx,
    notice: &Notice,
    kind: &Kind,
    reps: Vec<(Option<i64>, Option<String>)>,
    now: chrono::DateTime<chrono::Utc>,
    rows: &mut Vec<Row>,
    make: &Make<'_>,
) -> anyhow::Result<()> {
    let at = now.to_rfc3339_opts(chrono::SecondsFormat::Millis, true);
    let before = rows.len();
    let accounts: Vec<i64> = reps.iter().filter_map(|r| r.0).collect();
    for_accounts(tx, notice, kind, &accounts, now, rows, make).await?;
    if !kind.channels.contains(&Channel::Sms) {
        return Ok(());
    }
    let mut texted: HashSet<String> = rows[before..]
        .iter()
        .filter(|r| r.channel == Channel::Sms)
        .filter_map(|r| r.address.clone())
        .collect();
    for (_, phone) in reps {
        if let Some(phone) = phone
            && texted.insert(phone.clone())
        {
            rows.push(make(
                Channel::Sms,
                None,
                Some(phone),
                None,
                Lang::Vi,
                at.clone(),
            ));
        }
    }
    Ok(())
}

type Make<'a> =
    dyn Fn(Channel, Option<i64>, Option<String>, Option<String>, Lang, String) -> Row + Sync + 'a;

async fn for_accounts(
    tx: &mut Tx,
    notice: &Notice,
    kind: &Kind,
    ids: &[i64],
    now: chrono::DateTime<chrono::Utc>,
    rows: &mut Vec<Row>,
    make: &Make<'_>,
) -> anyhow::Result<()> {
    if ids.is_empty() {
        return Ok(());
    }
    let all = settings::for_accounts(tx, ids, notice.kind).await?;
    push_accounts(notice, kind, &all, ids, now, rows, make);
    Ok(())
}

/// The messages to accounts `ids` by the channels their settings `all` want and reach.
fn push_accounts(
    notice: &Notice,
    kind: &Kind,
    all: &HashMap<i64, Settings>,
    ids: &[i64],
    now: chrono::DateTime<chrono::Utc>,
    rows: &mut Vec<Row>,
    make: &Make<'_>,
) {
    let at = now.to_rfc3339_opts(chrono::SecondsFormat::Millis, true);
    for id in ids {
        let Some(s) = all.get(id) else { continue };
        for channel in Channel::ALL {
            if !s.wants(notice.kind, kind, channel) {
                continue;
            }
            let address = match channel {
                Channel::Inbox => None,
                Channel::Email if !s.email.is_empty() => Some(s.email.clone()),
                Channel::Sms if !s.phone.is_empty() => Some(s.phone.clone()),
                _ => continue,
            };
            let not_before = if channel == Channel::Inbox {
                at.clone()
            } else {
                after_quiet(s, now)
            };
            rows.push(make(
                channel,
                Some(*id),
                address,
                None,
                if channel == Channel::Inbox {
                    Lang::Vi
                } else {
                    s.lang
                },
                not_before,
            ));
        }
    }
}

/// When a message may first be sent: now, or the end of the person's quiet hours.
fn after_quiet(s: &Settings, now: chrono::DateTime<chrono::Utc>) -> String {
    let fmt =
        |t: chrono::DateTime<chrono::Utc>| t.to_rfc3339_opts(chrono::SecondsFormat::Millis, true);
    let (Some(from), Some(to)) = (s.quiet_from, s.quiet_to) else {
        return fmt(now);
    };
    let local = now + Duration::hours(7);
    let hour = local.hour();
    let quiet = if from <= to {
        hour >= from && hour < to
    } else {
        hour >= from || hour < to
    };
    if !quiet || from == to {
        return fmt(now);
    }
    let mut end = local
        .date_naive()
        .and_hms_opt(to, 0, 0)
        .map_or(local, |t| t.and_utc());
    if end <= local {
        end += Duration::days(1);
    }
    fmt(end - Duration::hours(7))
}

async fn taken_keys(tx: &mut Tx, keys: &[&str]) -> sqlx::Result<HashSet<String>> {
    let mut taken = HashSet::new();
    for chunk in keys.chunks(500) {
        let mut q = String::from("SELECT once_key FROM notifications WHERE once_key IN (");
        for i in 0..chunk.len() {
            if i > 0 {
                q.push_str(", ");
            }
            q.push_str(&format!("${}", i + 1));
        }
        q.push(')');
        let mut query = query(q);
        for k in chunk {
            query = query.bind(*k);
        }
        let found: Vec<(String,)> = tx.fetch_all(&query).await?;
        taken.extend(found.into_iter().map(|(k,)| k));
    }
    Ok(taken)
}

const COLUMNS: [&str; 19] = [
    "id",
    "kind",
    "channel",
    "account_id",
    "address",
    "sealed_ref",
    "lang",
    "subject",
    "body",
    "link",
    "confidential",
    "unsubscribe_token",
    "once_key",
    "state",
    "attempts",
    "next_attempt_at",
    "created_at",
    "sent_at",
    "read_at",
];

async fn write(tx: &mut Tx, actor: &str, rows: Vec<Row>) -> anyhow::Result<usize> {
    if rows.is_empty() {
        return Ok(0);
    }
    let now = crate::time::now_rfc3339();
    let ids: Vec<String> = rows.iter().map(|r| r.id.to_string()).collect();
    let audits: Vec<serde_json::Value> = rows
        .iter()
        .map(|r| {
            let mut v = serde_json::json!({
                "kind": r.kind,
                "channel": r.channel.as_str(),
                "account": r.account_id,
                "to": if r.sealed_ref.is_some() { "sealed" } else if r.account_id.is_some() { "account" } else { "address" },
            });
            if !r.confidential {
                v["subject"] = serde_json::json!(r.subject);
            }
            v
        })
        .collect();
    let changes: Vec<Change<'_>> = audits
        .into_iter()
        .zip(&ids)
        .map(|(after, id)| Change {
            actor,
            action: "notify.queue",
            object_type: "notification",
            object_id: id,
            before: None,
            after: Some(after),
        })
        .collect();
    audit::record_many(tx, &changes).await?;
    let n = rows.len();
    let values: Vec<Vec<Arg>> = rows
        .into_iter()
        .map(|r| {
            let inbox = r.channel == Channel::Inbox;
            vec![
                r.id.into(),
                r.kind.into(),
                r.channel.as_str().into(),
                r.account_id.into(),
                r.address.into(),
                r.sealed_ref.into(),
                r.lang.code().into(),
                r.subject.into(),
                r.body.into(),
                r.link.into(),
                r.confidential.into(),
                r.unsubscribe_token.into(),
                r.once_key.into(),
                if inbox { "sent" } else { "queued" }.into(),
                0_i64.into(),
                r.not_before.into(),
                now.as_str().into(),
                inbox.then(|| now.clone()).into(),
                Option::<String>::None.into(),
            ]
        })
        .collect();
    bulk::insert_rows(tx, "notifications", &COLUMNS, values).await?;
    Ok(n)
}
