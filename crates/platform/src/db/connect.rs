//! Opening a pool on the engine the configuration names.

use super::Db;
use sqlx::postgres::PgPoolOptions;
use sqlx::sqlite::{SqliteConnectOptions, SqliteJournalMode, SqlitePoolOptions, SqliteSynchronous};
use std::path::Path;
use std::str::FromStr;
use std::time::Duration;

/// The two supported database engines.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Engine {
    /// Embedded SQLite (default).
    Sqlite,
    /// PostgreSQL server.
    Postgres,
}

impl Engine {
    /// Lower-case engine name, as shown in `/healthz` and logs.
    pub fn name(self) -> &'static str {
        match self {
            Engine::Sqlite => "sqlite",
            Engine::Postgres => "postgresql",
        }
    }
}

/// The SQLite file under the data directory that every command opens (and `dinh demo` writes).
pub const SQLITE_FILE: &str = "dinh.sqlite";

/// Opens a pool: PostgreSQL when `database_url` starts with `postgres`, otherwise the SQLite
/// file `dinh.sqlite` under `data_dir` (created if missing, WAL mode, foreign keys on).
pub async fn connect(database_url: Option<&str>, data_dir: &Path) -> anyhow::Result<Db> {
    match database_url {
        Some(url) if url.starts_with("postgres") => connect_postgres(url, None).await,
        Some(url) => connect_sqlite_url(url).await,
        None => {
            std::fs::create_dir_all(data_dir).map_err(|e| {
                anyhow::anyhow!("cannot create data directory {}: {e}", data_dir.display())
            })?;
            connect_sqlite_file(&data_dir.join(SQLITE_FILE)).await
        }
    }
}

/// Opens a SQLite file with the settings Đình relies on.
pub async fn connect_sqlite_file(path: &Path) -> anyhow::Result<Db> {
    let options = SqliteConnectOptions::new().filename(path);
    open_sqlite(options).await
}

async fn connect_sqlite_url(url: &str) -> anyhow::Result<Db> {
    let options = SqliteConnectOptions::from_str(url)?;
    open_sqlite(options).await
}

async fn open_sqlite(options: SqliteConnectOptions) -> anyhow::Result<Db> {
    let options = options
        .create_if_missing(true)
        .journal_mode(SqliteJournalMode::Wal)
        .synchronous(SqliteSynchronous::Normal)
        .foreign_keys(true)
        .busy_timeout(Duration::from_secs(10))
        .pragma("cache_size", "-32000");
    let pool = SqlitePoolOptions::new()
        .max_connections(8)
        .min_connections(1)
        .connect_with(options)
        .await?;
    Ok(Db::Sqlite(pool))
}

/// Opens a PostgreSQL pool; with `schema`, every connection works inside that schema
/// (each test gets its own).
pub async fn connect_postgres(url: &str, schema: Option<&str>) -> anyhow::Result<Db> {
    let mut options = sqlx::postgres::PgConnectOptions::from_str(url)?;
    if let Some(schema) = schema {
        options = options.options([("search_path", schema)]);
    }
    let pool = PgPoolOptions::new()
        .max_connections(16)
        .acquire_timeout(Duration::from_secs(10))
        .connect_with(options)
        .await
        .map_err(|e| anyhow::anyhow!("cannot reach PostgreSQL: {e}"))?;
    Ok(Db::Postgres(pool))
}
