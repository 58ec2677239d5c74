//! `dinh serve` and `dinh demo`.

use dinh_platform::config::Config;
use dinh_platform::db::{self, Db, query};
use dinh_platform::demo::{DEMO_PASSWORD, DemoAccount};
use dinh_platform::module::Registry;
use dinh_platform::web::{AppState, router, spawn_jobs};

/// Serves pages and API until Ctrl-C.
pub async fn serve(db: Db, config: Config, registry: Registry) -> anyhow::Result<()> {
    let bind = config.bind;
    dinh_platform::notify::start_checks(&config)?;
    let state = AppState::new(db, config, registry);
    spawn_jobs(&state);
    let listener = tokio::net::TcpListener::bind(bind)
        .await
        .map_err(|e| anyhow::anyhow!("cannot listen on {bind}: {e}"))?;
    tracing::info!(
        engine = state.db.engine().name(),
        "Đình is serving on http://{bind}/"
    );
    let app = router(state);
    // The connection's address names the client for the public limits (`web::Client`).
    axum::serve(
        listener,
        app.into_make_service_with_connect_info::<std::net::SocketAddr>(),
    )
    .with_graceful_shutdown(async {
        let _ = tokio::signal::ctrl_c().await;
    })
    .await?;
    Ok(())
}

/// Beside the SQLite file, says the file holds the demo (so the next `dinh demo` may replace it).
pub const DEMO_MARKER: &str = "dinh.sqlite.demo";

/// A fresh database for the demo: the SQLite file `dinh.sqlite` under the data directory — the
/// one every other command opens, so `dinh audit verify` or `dinh backup` after the demo work on
/// its data — or the PostgreSQL database of `DINH_DATABASE_URL`, which must be empty. An
/// existing `dinh.sqlite` is replaced only when an earlier demo made it; real data is refused.
pub async fn demo_database(config: &Config) -> anyhow::Result<Db> {
    match config.database_url.as_deref() {
        Some(url) if url.starts_with("postgres") => {
            let db = db::connect(Some(url), &config.data_dir).await?;
            let has_units: Option<i64> = db
                .scalar_optional(&query("SELECT CAST(1 AS BIGINT) FROM information_schema.tables WHERE table_name = 'units' AND table_schema = current_schema()"))
                .await?;
            if has_units.is_some() {
                anyhow::bail!(
                    "the PostgreSQL database already has Đình tables; give the demo an empty database"
                );
            }
            Ok(db)
        }
        _ => {
            std::fs::create_dir_all(&config.data_dir)?;
            let path = config.data_dir.join(db::SQLITE_FILE);
            let marker = config.data_dir.join(DEMO_MARKER);
            if path.exists() && !marker.exists() {
                anyhow::bail!(
                    "{} holds data that the demo did not make; the demo will not replace it. \
                     Give the demo another data directory (--data DIR)",
                    path.display()
                );
            }
            for suffix in ["", "-wal", "-shm"] {
                let file = std::path::PathBuf::from(format!("{}{suffix}", path.display()));
                if file.exists() {
                    std::fs::remove_file(&file)?;
                }
            }
            std::fs::write(
                &marker,
                "Built by `dinh demo`; the next demo may replace dinh.sqlite.\n",
            )?;
            db::connect(
                Some(&format!("sqlite://{}", path.display())),
                &config.data_dir,
            )
            .await
        }
    }
}

/// Prints where the demo is and how to sign in.
pub fn print_demo(config: &Config, accounts: &[DemoAccount]) {
    println!("Đình demo — Xã Phù Đổng, Thành phố Hà Nội");
    println!("Mở / open: http://{}/units/00541", config.bind);
    println!("Mật khẩu mọi tài khoản / password of every account: {DEMO_PASSWORD}");
    for a in accounts {
        println!("  {:<26} {:<36} {}", a.login, a.role.label_vi(), a.unit);
    }
}
