//! Test harness for every module: run a test on both engines, each on a fresh database.
//!
//! `each_engine(registry, test)` runs `test` on a new SQLite file, then, when
//! `DINH_TEST_POSTGRES_URL` is set, on PostgreSQL inside a schema of its own that is dropped
//! afterwards. The database is migrated with the modules of `registry`. A failure names the engine.

use crate::db::{self, Db};
use crate::module::Registry;
use std::future::Future;

/// Runs `test` once per engine on a fresh, migrated database; panics with the engine's name
/// when the test fails (this is for tests).
pub async fn each_engine<F, Fut>(registry: &Registry, test: F)
where
    F: Fn(Db) -> Fut,
    Fut: Future<Output = anyhow::Result<()>>,
{
    if let Err(e) = try_each_engine(registry, test).await {
        panic!("{e:#}");
    }
}

async fn try_each_engine<F, Fut>(registry: &Registry, test: F) -> anyhow::Result<()>
where
    F: Fn(Db) -> Fut,
    Fut: Future<Output = anyhow::Result<()>>,
{
    let dir = std::env::temp_dir().join(format!("dinh-test-{:016x}", rand::random::<u64>()));
    std::fs::create_dir_all(&dir)?;
    let sqlite = db::connect(None, &dir).await?;
    registry.migrate(&sqlite).await?;
    let result = test(sqlite.clone()).await;
    sqlite.close().await;
    let _ = std::fs::remove_dir_all(&dir);
    result.map_err(|e| e.context("on SQLite"))?;

    if let Ok(url) = std::env::var("DINH_TEST_POSTGRES_URL") {
        let schema = format!("t_{:016x}", rand::random::<u64>());
        let admin = db::connect(Some(&url), &dir).await?;
        admin
            .execute_script(&format!("CREATE SCHEMA {schema}"))
            .await?;
        let pg = db::connect_postgres(&url, Some(&schema)).await?;
        let result = match registry.migrate(&pg).await {
            Ok(_) => test(pg.clone()).await,
            Err(e) => Err(e),
        };
        pg.close().await;
        admin
            .execute_script(&format!("DROP SCHEMA {schema} CASCADE"))
            .await?;
        admin.close().await;
        result.map_err(|e| e.context("on PostgreSQL"))?;
    }
    Ok(())
}

pub mod client;
mod gateway;
mod smtp;
pub use client::{Answer, Client};
pub use gateway::{GatewayRequest, HttpGateway};
pub use smtp::SmtpServer;
