//! Schema migrations: one ordered list per module, portable DDL, applied once each.
//!
//! A migration is plain SQL that both engines accept. In the rare case an engine needs its own
//! DDL, the PostgreSQL twin sits beside it in `postgres`. Each applied migration is recorded in
//! `dinh_migrations` with a checksum; a changed migration that was already applied is an error.

use super::{Db, Engine, query};
use sha2::{Digest, Sha256};

/// One schema change of a module.
#[derive(Debug, Clone, Copy)]
pub struct Migration {
    /// Position in the module's list (1, 2, 3, …); never reused.
    pub version: i64,
    /// Short description, e.g. `"units and lineage"`.
    pub name: &'static str,
    /// SQL for both engines (or for SQLite only, when `postgres` is set).
    pub sql: &'static str,
    /// PostgreSQL's own version of `sql`, when the portable one cannot serve.
    pub postgres: Option<&'static str>,
}

impl Migration {
    fn sql_for(&self, engine: Engine) -> &'static str {
        match (engine, self.postgres) {
            (Engine::Postgres, Some(pg)) => pg,
            _ => self.sql,
        }
    }
}

const LEDGER: &str = "CREATE TABLE IF NOT EXISTS dinh_migrations (
    module TEXT NOT NULL,
    version BIGINT NOT NULL,
    name TEXT NOT NULL,
    checksum TEXT NOT NULL,
    applied_at TEXT NOT NULL,
    PRIMARY KEY (module, version)
)";

/// Applies the module's pending migrations in order, each in its own transaction.
/// Returns how many were applied.
pub async fn run(db: &Db, module: &str, migrations: &[Migration]) -> anyhow::Result<usize> {
    db.execute_script(LEDGER).await?;
    let mut applied = 0;
    for m in migrations {
        let sql = m.sql_for(db.engine());
        let checksum = hex::encode(Sha256::digest(sql.as_bytes()));
        let recorded: Option<String> = db
            .scalar_optional(
                &query("SELECT checksum FROM dinh_migrations WHERE module = $1 AND version = $2")
                    .bind(module)
                    .bind(m.version),
            )
            .await?;
        match recorded {
            Some(c) if c == checksum => continue,
            Some(_) => anyhow::bail!(
                "migration {module}/{} ({}) was changed after it was applied; add a new migration instead",
                m.version,
                m.name
            ),
            None => {}
        }
        let mut tx = db.begin().await?;
        tx.execute_script(sql).await.map_err(|e| {
            anyhow::anyhow!("migration {module}/{} ({}) failed: {e}", m.version, m.name)
        })?;
        tx.execute(
            &query("INSERT INTO dinh_migrations (module, version, name, checksum, applied_at) VALUES ($1, $2, $3, $4, $5)")
                .bind(module)
                .bind(m.version)
                .bind(m.name)
                .bind(checksum)
                .bind(crate::time::now_rfc3339()),
        )
        .await?;
        tx.commit().await?;
        applied += 1;
    }
    Ok(applied)
}
