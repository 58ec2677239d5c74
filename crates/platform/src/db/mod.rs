//! One code path for two database engines.
//!
//! SQL is written once, with `$1, $2, …` placeholders that both SQLite and PostgreSQL accept,
//! and run by [`Db`] (a pool) or [`Tx`] (a transaction) on whichever engine is configured.
//! Dates are stored as ISO text (`YYYY-MM-DD`), instants as RFC 3339 UTC text, and ids are
//! 64-bit integers made by the application ([`ids::next_id`]), so no DDL or query depends on
//! an engine's sequence, date or JSON types. Where an engine needs its own SQL (rare), the two
//! versions sit side by side in one function and are both tested.

mod args;
pub mod bulk;
mod connect;
pub mod ids;
pub mod migrate;

pub use args::{Arg, Query, query};
pub use connect::{Engine, SQLITE_FILE, connect, connect_postgres};

use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::{Arc, Mutex, OnceLock};

use sqlx::postgres::{PgPool, PgRow};
use sqlx::sqlite::{SqlitePool, SqliteRow};
use sqlx::{FromRow, Postgres, Sqlite, Transaction};
use tokio::sync::{OwnedSemaphorePermit, Semaphore};

/// A row type that both engines can decode (`#[derive(sqlx::FromRow)]` with portable field types).
pub trait DbRow:
    for<'r> FromRow<'r, SqliteRow> + for<'r> FromRow<'r, PgRow> + Send + Unpin
{
}
impl<T> DbRow for T where
    T: for<'r> FromRow<'r, SqliteRow> + for<'r> FromRow<'r, PgRow> + Send + Unpin
{
}

/// A single value both engines can decode.
pub trait DbScalar:
    for<'r> sqlx::Decode<'r, Sqlite>
    + sqlx::Type<Sqlite>
    + for<'r> sqlx::Decode<'r, Postgres>
    + sqlx::Type<Postgres>
    + Send
    + Unpin
{
}
impl<T> DbScalar for T where
    T: for<'r> sqlx::Decode<'r, Sqlite>
        + sqlx::Type<Sqlite>
        + for<'r> sqlx::Decode<'r, Postgres>
        + sqlx::Type<Postgres>
        + Send
        + Unpin
{
}

/// A connection pool on the configured engine.
#[derive(Clone, Debug)]
pub enum Db {
    /// The embedded default: one SQLite file in WAL mode.
    Sqlite(SqlitePool),
    /// PostgreSQL, for many application nodes and national scale.
    Postgres(PgPool),
}

/// A transaction on the configured engine. Dropped without [`Tx::commit`], it rolls back.
pub enum Tx {
    /// SQLite transaction (opened with `BEGIN IMMEDIATE`, so writers queue instead of failing),
    /// holding its file's write gate until it ends.
    Sqlite(Transaction<'static, Sqlite>, OwnedSemaphorePermit),
    /// PostgreSQL transaction.
    Postgres(Transaction<'static, Postgres>),
}

/// Result of a database call.
pub type DbResult<T> = Result<T, sqlx::Error>;

macro_rules! bind_args {
    ($q:expr, $args:expr) => {{
        let mut q = $q;
        for a in $args {
            q = match a {
                Arg::Int(v) => q.bind(*v),
                Arg::Text(v) => q.bind(v.clone()),
                Arg::Bool(v) => q.bind(*v),
                Arg::Float(v) => q.bind(*v),
            };
        }
        q
    }};
}

/// A borrowed connection on either engine: every query method is written once, here.
enum Conn<'a> {
    Sqlite(&'a mut sqlx::SqliteConnection),
    Postgres(&'a mut sqlx::PgConnection),
}

impl<'a> Conn<'a> {
    async fn execute(self, q: &'a Query) -> DbResult<u64> {
        Ok(match self {
            Conn::Sqlite(c) => bind_args!(sqlx::query::<Sqlite>(q.statement()), q.args())
                .execute(c)
                .await?
                .rows_affected(),
            Conn::Postgres(c) => bind_args!(sqlx::query::<Postgres>(q.statement()), q.args())
                .execute(c)
                .await?
                .rows_affected(),
        })
    }
    async fn fetch_all<T: DbRow>(self, q: &'a Query) -> DbResult<Vec<T>> {
        match self {
            Conn::Sqlite(c) => {
                bind_args!(sqlx::query_as::<Sqlite, T>(q.statement()), q.args())
                    .fetch_all(c)
                    .await
            }
            Conn::Postgres(c) => {
                bind_args!(sqlx::query_as::<Postgres, T>(q.statement()), q.args())
                    .fetch_all(c)
                    .await
            }
        }
    }
    async fn fetch_optional<T: DbRow>(self, q: &'a Query) -> DbResult<Option<T>> {
        match self {
            Conn::Sqlite(c) => {
                bind_args!(sqlx::query_as::<Sqlite, T>(q.statement()), q.args())
                    .fetch_optional(c)
                    .await
            }
            Conn::Postgres(c) => {
                bind_args!(sqlx::query_as::<Postgres, T>(q.statement()), q.args())
                    .fetch_optional(c)
                    .await
            }
        }
    }
    async fn scalar_optional<T: DbScalar>(self, q: &'a Query) -> DbResult<Option<T>> {
        match self {
            Conn::Sqlite(c) => {
                bind_args!(sqlx::query_scalar::<Sqlite, T>(q.statement()), q.args())
                    .fetch_optional(c)
                    .await
            }
            Conn::Postgres(c) => {
                bind_args!(sqlx::query_scalar::<Postgres, T>(q.statement()), q.args())
                    .fetch_optional(c)
                    .await
            }
        }
    }
    async fn execute_script(self, sql: &'a str) -> DbResult<()> {
        match self {
            Conn::Sqlite(c) => sqlx::raw_sql(sqlx::AssertSqlSafe(sql.to_owned()))
                .execute(c)
                .await
                .map(drop),
            Conn::Postgres(c) => sqlx::raw_sql(sqlx::AssertSqlSafe(sql.to_owned()))
                .execute(c)
                .await
                .map(drop),
        }
    }
}

/// A connection checked out of the pool for one call.
enum Pooled {
    Sqlite(sqlx::pool::PoolConnection<Sqlite>),
    Postgres(sqlx::pool::PoolConnection<Postgres>),
}

impl Pooled {
    fn conn(&mut self) -> Conn<'_> {
        match self {
            Pooled::Sqlite(c) => Conn::Sqlite(c),
            Pooled::Postgres(c) => Conn::Postgres(c),
        }
    }
}

impl Db {
    async fn acquire(&self) -> DbResult<Pooled> {
        Ok(match self {
            Db::Sqlite(p) => Pooled::Sqlite(p.acquire().await?),
            Db::Postgres(p) => Pooled::Postgres(p.acquire().await?),
        })
    }

    /// Runs a statement; returns the number of rows it changed.
    pub async fn execute(&self, q: &Query) -> DbResult<u64> {
        self.acquire().await?.conn().execute(q).await
    }

    /// Fetches every row.
    pub async fn fetch_all<T: DbRow>(&self, q: &Query) -> DbResult<Vec<T>> {
        self.acquire().await?.conn().fetch_all(q).await
    }

    /// Fetches at most one row.
    pub async fn fetch_optional<T: DbRow>(&self, q: &Query) -> DbResult<Option<T>> {
        self.acquire().await?.conn().fetch_optional(q).await
    }

    /// Fetches the first column of at most one row.
    pub async fn scalar_optional<T: DbScalar>(&self, q: &Query) -> DbResult<Option<T>> {
        self.acquire().await?.conn().scalar_optional(q).await
    }

    /// Runs several statements with no parameters (DDL, restore scripts).
    pub async fn execute_script(&self, sql: &str) -> DbResult<()> {
        self.acquire().await?.conn().execute_script(sql).await
    }

    /// Refreshes the query planner's statistics of every table (`ANALYZE`). Called after a bulk
    /// load (the demo, an import): until then PostgreSQL plans a commune's subtree with the
    /// sizes the tables had before the load (a scan of every unit instead of the index) when
    /// its autovacuum has not run yet or is turned off, and SQLite has no statistics at all.
    pub async fn refresh_statistics(&self) -> DbResult<()> {
        self.execute_script("ANALYZE").await
    }

    /// Fetches the first column of exactly one row.
    pub async fn scalar<T: DbScalar>(&self, q: &Query) -> DbResult<T> {
        self.scalar_optional(q)
            .await?
            .ok_or(sqlx::Error::RowNotFound)
    }
}

impl Tx {
    fn conn(&mut self) -> Conn<'_> {
        match self {
            Tx::Sqlite(t, _) => Conn::Sqlite(t),
            Tx::Postgres(t) => Conn::Postgres(t),
        }
    }

    /// Runs a statement; returns the number of rows it changed.
    pub async fn execute(&mut self, q: &Query) -> DbResult<u64> {
        self.conn().execute(q).await
    }

    /// Fetches every row.
    pub async fn fetch_all<T: DbRow>(&mut self, q: &Query) -> DbResult<Vec<T>> {
        self.conn().fetch_all(q).await
    }

    /// Fetches at most one row.
    pub async fn fetch_optional<T: DbRow>(&mut self, q: &Query) -> DbResult<Option<T>> {
        self.conn().fetch_optional(q).await
    }

    /// Fetches the first column of at most one row.
    pub async fn scalar_optional<T: DbScalar>(&mut self, q: &Query) -> DbResult<Option<T>> {
        self.conn().scalar_optional(q).await
    }

    /// Runs several statements with no parameters (DDL, restore scripts).
    pub async fn execute_script(&mut self, sql: &str) -> DbResult<()> {
        self.conn().execute_script(sql).await
    }

    /// Fetches the first column of exactly one row.
    pub async fn scalar<T: DbScalar>(&mut self, q: &Query) -> DbResult<T> {
        self.scalar_optional(q)
            .await?
            .ok_or(sqlx::Error::RowNotFound)
    }
}

impl Db {
    /// Which engine this pool runs on.
    pub fn engine(&self) -> Engine {
        match self {
            Db::Sqlite(_) => Engine::Sqlite,
            Db::Postgres(_) => Engine::Postgres,
        }
    }

    /// Identifies the pool (the same for all its clones, different for another pool while
    /// this one is alive): per-pool state such as a writer task is keyed by it.
    pub fn pool_id(&self) -> usize {
        match self {
            Db::Sqlite(p) => Arc::as_ptr(&p.connect_options()) as usize,
            Db::Postgres(p) => Arc::as_ptr(&p.connect_options()) as usize,
        }
    }

    /// Opens a transaction. On SQLite it takes the write lock at once (`BEGIN IMMEDIATE`).
    pub async fn begin(&self) -> DbResult<Tx> {
        Ok(match self {
            Db::Sqlite(p) => {
                // As long as SQLite's own busy handler would wait (`connect`): a transaction
                // opened while this task already holds one fails instead of waiting forever.
                let permit = tokio::time::timeout(
                    std::time::Duration::from_secs(10),
                    write_gate(p).acquire_owned(),
                )
                .await
                .map_err(|_| sqlx::Error::PoolTimedOut)?
                .map_err(|_| sqlx::Error::PoolClosed)?;
                Tx::Sqlite(p.begin_with("BEGIN IMMEDIATE").await?, permit)
            }
            Db::Postgres(p) => Tx::Postgres(p.begin().await?),
        })
    }

    /// Closes every connection (used before a restore and at shutdown).
    pub async fn close(&self) {
        match self {
            Db::Sqlite(p) => p.close().await,
            Db::Postgres(p) => p.close().await,
        }
    }
}

impl Tx {
    /// Which engine this transaction runs on.
    pub fn engine(&self) -> Engine {
        match self {
            Tx::Sqlite(..) => Engine::Sqlite,
            Tx::Postgres(_) => Engine::Postgres,
        }
    }

    /// Makes every write of the transaction durable.
    pub async fn commit(self) -> DbResult<()> {
        match self {
            // The gate opens for the next writer once the commit has returned.
            Tx::Sqlite(t, _permit) => t.commit().await,
            Tx::Postgres(t) => t.commit().await,
        }
    }
}

/// The write gate of a SQLite file in this process: SQLite lets one writer at a time hold the
/// file, and a writer that finds it busy sleeps in the busy handler (1, 2, 5, 10 … 100 ms) before
/// trying again. Queueing writers here instead wakes the next one as soon as the previous
/// transaction ends, in arrival order; other processes on the same file still meet the busy
/// handler.
fn write_gate(pool: &SqlitePool) -> Arc<Semaphore> {
    static GATES: OnceLock<Mutex<HashMap<PathBuf, Arc<Semaphore>>>> = OnceLock::new();
    let file = pool.connect_options().get_filename().to_path_buf();
    let mut gates = GATES
        .get_or_init(Mutex::default)
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner);
    gates
        .entry(file)
        .or_insert_with(|| Arc::new(Semaphore::new(1)))
        .clone()
}

/// True when the error is a violated unique constraint (same code path on both engines).
pub fn is_unique_violation(err: &sqlx::Error) -> bool {
    matches!(err, sqlx::Error::Database(e) if e.is_unique_violation())
}
