//! The morning digest (bản tin buổi sáng): to everyone who holds a role, once a day from the
//! configured hour, what is overdue and what falls due today and this week over the units of
//! their scope, read from every module's part of their work home, with a link to it.

use super::{Notice, Recipient};
use crate::accounts::store;
use crate::db::{Db, query};
use crate::module::{Job, Registry};
use crate::web::i18n::{Lang, Tr};
use crate::work::{Urgency, WorkItem, WorkScope};
use chrono::{NaiveDate, Timelike};
use std::sync::{Arc, Mutex};
use std::time::Duration;

/// The kind of the digest.
pub const KIND: &str = "work.digest";
/// Most items written out in one digest (the rest are on the work home).
const LISTED: usize = 10;

/// The scheduled job: every ten minutes, acting once a day per person from the digest hour.
pub fn job() -> Job {
    // The day this node last composed the digest: later looks that day do nothing (the
    // once-only keys keep another node, or a restart, from sending it twice).
    let done: Arc<Mutex<Option<NaiveDate>>> = Arc::default();
    Job::new("notify.digest", Duration::from_secs(600), move |state| {
        let done = Arc::clone(&done);
        Box::pin(async move {
            let local = chrono::Utc::now() + chrono::Duration::hours(7);
            let today = local.date_naive();
            let already = *done
                .lock()
                .unwrap_or_else(std::sync::PoisonError::into_inner);
            if local.hour() < state.channels.config.digest_hour || already == Some(today) {
                return Ok(());
            }
            run(&state.db, &state.registry, today).await?;
            *done
                .lock()
                .unwrap_or_else(std::sync::PoisonError::into_inner) = Some(today);
            Ok(())
        })
    })
}

/// Queues the digest of `today` for everyone holding a live role who has something due;
/// returns how many people it was queued for. Someone already sent today's is skipped.
pub async fn run(db: &Db, registry: &Registry, today: NaiveDate) -> anyhow::Result<usize> {
    let accounts: Vec<(i64,)> = db
        .fetch_all(&query(
            "SELECT DISTINCT g.account_id FROM role_grants g JOIN accounts a ON a.id = g.account_id \
             WHERE g.revoked_at IS NULL AND NOT a.disabled ORDER BY g.account_id",
        ))
        .await?;
    let mut notices = Vec::new();
    for (account_id,) in accounts {
        if let Some(n) = compose(db, registry, account_id, today).await? {
            notices.push(n);
        }
    }
    let people = notices.len();
    for chunk in notices.chunks(2_000) {
        let mut tx = db.begin().await?;
        super::queue(&mut tx, "system", chunk).await?;
        tx.commit().await?;
    }
    Ok(people)
}

/// One person's digest of `today`, or None when nothing is overdue or due within the week.
pub async fn compose(
    db: &Db,
    registry: &Registry,
    account_id: i64,
    today: NaiveDate,
) -> anyhow::Result<Option<Notice>> {
    let Some(principal) = store::principal(db, account_id).await? else {
        return Ok(None);
    };
    let tr = Tr { lang: Lang::Vi };
    let scope = WorkScope::load(db, principal, today).await?;
    let mut items: Vec<WorkItem> = Vec::new();
    for m in registry.modules() {
        items.extend(m.work(db, &scope, tr).await?.items);
    }
    items.retain(|i| Urgency::of(i.due, today) != Urgency::Awaiting);
    if items.is_empty() {
        return Ok(None);
    }
    items.sort_by(|a, b| (a.due, &a.title).cmp(&(b.due, &b.title)));
    let count = |u: Urgency| {
        items
            .iter()
            .filter(|i| Urgency::of(i.due, today) == u)
            .count()
    };
    let mut list = String::new();
    for item in items.iter().take(LISTED) {
        let due = item
            .due
            .map(|d| d.format("%d/%m/%Y").to_string())
            .unwrap_or_default();
        list.push_str(&format!("- {} ({}) — {due}\n", item.title, item.unit));
    }
    if items.len() > LISTED {
        list.push_str(&format!("… +{}\n", items.len() - LISTED));
    }
    Ok(Some(
        Notice::new(KIND, Recipient::Account(account_id))
            .value("overdue", count(Urgency::Overdue).to_string())
            .value("today", count(Urgency::Today).to_string())
            .value("week", count(Urgency::ThisWeek).to_string())
            .value("date", today.format("%d/%m/%Y").to_string())
            .value("list", list)
            .link(crate::work::PATH)
            .once(format!("digest:{account_id}:{today}")),
    ))
}
