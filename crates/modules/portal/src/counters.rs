//! The portal's counters — views of each article (lượt xem), visitors online (đang truy cập)
//! and total visits (tổng lượt truy cập) — counted in memory on each node and flushed to the
//! database in batches, so a read never waits on a write and a page served from the cache still
//! counts.
//!
//! Every node flushes its own counts every [`FLUSH_EVERY`] (a task per database pool, started on
//! the first count); the database sums them: views and visits are added, and a visitor is one
//! row (a keyed hash of address and browser, never the address itself) whatever node saw them,
//! so "online" counts distinct visitors across all nodes. A flush that fails puts its counts
//! back, so none is lost.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use dinh_platform::db::{Db, DbResult, query};
use sha2::{Digest, Sha256};

/// How often each node writes its counts.
pub const FLUSH_EVERY: Duration = Duration::from_secs(2);
/// A visitor seen within this many minutes is online.
pub const ONLINE_MINUTES: i64 = 5;

#[derive(Default)]
struct Pending {
    views: HashMap<i64, i64>,
    visitors: HashMap<String, String>,
    visits: i64,
}

/// One node's counts for one database.
pub struct Counters {
    db: Db,
    salt: tokio::sync::OnceCell<String>,
    pending: Mutex<Pending>,
}

/// The counters of every database this process serves (one in production; several in tests).
static HUB: std::sync::OnceLock<Mutex<HashMap<usize, Arc<Counters>>>> = std::sync::OnceLock::new();

/// This node's counters for `db`, starting their flush task on first use.
pub fn of(db: &Db) -> Arc<Counters> {
    {
        let Ok(mut map) = HUB.get_or_init(Mutex::default).lock() else {
            // A poisoned lock: count into a detached set rather than fail the page.
            return Arc::new(Counters::new(db.clone()));
        };
        Arc::clone(map.entry(db.pool_id()).or_insert_with(|| {
            let counters = Arc::new(Counters::new(db.clone()));
            let flusher = Arc::downgrade(&counters);
            if let Ok(rt) = tokio::runtime::Handle::try_current() {
                rt.spawn(async move {
                    let mut tick = tokio::time::interval(FLUSH_EVERY);
                    loop {
                        tick.tick().await;
                        let Some(c) = flusher.upgrade() else { break };
                        if let Err(e) = c.flush().await {
                            tracing::warn!(error = %e, "portal counters: flush failed, kept for the next");
                        }
                    }
                });
            }
            counters
        }))
    }
}

impl Counters {
    fn new(db: Db) -> Self {
        Self {
            db,
            salt: tokio::sync::OnceCell::new(),
            pending: Mutex::new(Pending::default()),
        }
    }

    /// The key visitors are hashed with: kept in the database, the same on every node.
    async fn salt(&self) -> DbResult<&str> {
        self.salt
            .get_or_try_init(|| async {
                let fresh = i64::from_str_radix(
                    &dinh_platform::accounts::session::random_token()[..15],
                    16,
                )
                .unwrap_or(1);
                self.db
                    .execute(
                        &query(
                            "INSERT INTO portal_counters (name, value) VALUES ('visitor_key', $1)
                             ON CONFLICT (name) DO NOTHING",
                        )
                        .bind(fresh),
                    )
                    .await?;
                let key: i64 = self
                    .db
                    .scalar(&query(
                        "SELECT value FROM portal_counters WHERE name = 'visitor_key'",
                    ))
                    .await?;
                Ok(key.to_string())
            })
            .await
            .map(String::as_str)
    }

    /// `text` hashed with the site's key (a client's address for the rate limits), so that
    /// what is stored cannot be turned back into the address.
    pub async fn keyed(&self, text: &str) -> String {
        let salt = self.salt().await.unwrap_or("");
        hex::encode(Sha256::digest(format!("{salt}|{text}")))
    }

    /// Counts one visit of a portal page by the client at `address` with browser `agent`, and
    /// one view of `article` if it is an article page.
    pub async fn visit(&self, address: &str, agent: &str, article: Option<i64>) {
        let visitor = match self.salt().await {
            Ok(salt) => {
                let day = dinh_platform::time::today_vn();
                hex::encode(Sha256::digest(format!("{salt}|{day}|{address}|{agent}")))
            }
            Err(e) => {
                tracing::warn!(error = %e, "portal counters: no visitor key");
                String::new()
            }
        };
        let now = dinh_platform::time::now_rfc3339();
        if let Ok(mut p) = self.pending.lock() {
            p.visits += 1;
            if let Some(id) = article {
                *p.views.entry(id).or_default() += 1;
            }
            if !visitor.is_empty() {
                p.visitors.insert(visitor, now);
            }
        }
    }

    /// Views of `article` counted on this node and not yet flushed.
    pub fn unflushed_views(&self, article: i64) -> i64 {
        self.pending
            .lock()
            .map(|p| p.views.get(&article).copied().unwrap_or(0))
            .unwrap_or(0)
    }

    /// Writes this node's counts to the database in one transaction; on failure they are kept.
    pub async fn flush(&self) -> DbResult<()> {
        let taken = match self.pending.lock() {
            Ok(mut p) => std::mem::take(&mut *p),
            Err(_) => return Ok(()),
        };
        if taken.visits == 0 && taken.views.is_empty() && taken.visitors.is_empty() {
            return Ok(());
        }
        match self.write(&taken).await {
            Ok(()) => Ok(()),
            Err(e) => {
                if let Ok(mut p) = self.pending.lock() {
                    p.visits += taken.visits;
                    for (id, n) in taken.views {
                        *p.views.entry(id).or_default() += n;
                    }
                    for (v, at) in taken.visitors {
                        p.visitors.entry(v).or_insert(at);
                    }
                }
                Err(e)
            }
        }
    }

    async fn write(&self, p: &Pending) -> DbResult<()> {
        let mut tx = self.db.begin().await?;
        for (id, n) in &p.views {
            tx.execute(
                &query("UPDATE portal_articles SET views = views + $1 WHERE id = $2")
                    .bind(*n)
                    .bind(*id),
            )
            .await?;
        }
        if p.visits > 0 {
            tx.execute(
                &query("UPDATE portal_counters SET value = value + $1 WHERE name = 'visits'")
                    .bind(p.visits),
            )
            .await?;
        }
        let visitors: Vec<(&String, &String)> = p.visitors.iter().collect();
        for chunk in visitors.chunks(200) {
            let mut sql = String::from("INSERT INTO portal_presence (visitor, seen_at) VALUES ");
            let mut q_args = Vec::with_capacity(chunk.len() * 2);
            for (i, (v, at)) in chunk.iter().enumerate() {
                if i > 0 {
                    sql.push_str(", ");
                }
                sql.push_str(&format!("(${}, ${})", 2 * i + 1, 2 * i + 2));
                q_args.push((*v).clone());
                q_args.push((*at).clone());
            }
            sql.push_str(" ON CONFLICT (visitor) DO UPDATE SET seen_at = excluded.seen_at");
            let mut q = query(sql);
            for a in q_args {
                q = q.bind(a);
            }
            tx.execute(&q).await?;
        }
        let stale = (chrono::Utc::now() - chrono::Duration::minutes(ONLINE_MINUTES * 2))
            .to_rfc3339_opts(chrono::SecondsFormat::Millis, true);
        tx.execute(&query("DELETE FROM portal_presence WHERE seen_at < $1").bind(stale))
            .await?;
        tx.commit().await
    }
}

/// Visitors online (seen in the last [`ONLINE_MINUTES`] minutes, on any node) and total visits.
pub async fn figures(db: &Db) -> DbResult<(i64, i64)> {
    let since = (chrono::Utc::now() - chrono::Duration::minutes(ONLINE_MINUTES))
        .to_rfc3339_opts(chrono::SecondsFormat::Millis, true);
    let online: i64 = db
        .scalar(
            &query("SELECT CAST(COUNT(*) AS BIGINT) FROM portal_presence WHERE seen_at >= $1")
                .bind(since),
        )
        .await?;
    let visits: i64 = db
        .scalar(&query(
            "SELECT value FROM portal_counters WHERE name = 'visits'",
        ))
        .await?;
    Ok((online, visits))
}
