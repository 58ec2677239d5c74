//! Tally of a commune-wide matter (việc toàn xã) over 10,000 households in 30 thôn, on SQLite
//! and PostgreSQL: median and p99 of 100 counts.
//!
//! `cargo run --release -p dinh-decisions --example bench_tally`
//! (with `DINH_BENCH_POSTGRES_URL=postgres://…` for PostgreSQL too).
#![allow(clippy::unwrap_used, clippy::expect_used, missing_docs)]

#[path = "bench_support/mod.rs"]
mod support;

use std::time::Instant;

use dinh_decisions::{DecisionsModule, NewMatter, Origin, close, matters};
use dinh_platform::db::query;

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    let m = DecisionsModule::shipped()?;
    let today = dinh_platform::time::today_vn();
    for engine in support::engines(&m).await? {
        let db = engine.db.clone();
        support::commune(&db, 30, 334).await?;
        let households: i64 = db.scalar(&query("SELECT COUNT(*) FROM households")).await?;
        let officer = support::officer(&db).await?;
        let matter = matters::create(
            &m,
            &db,
            Some(&officer),
            &NewMatter {
                unit_code: "B1-X".into(),
                matter: 1,
                title: "Bê tông hóa đường liên thôn".into(),
                content: "Mức đóng góp".into(),
                origin: Origin::Chairman,
                secret: false,
                election: false,
                initiative_id: None,
            },
            today,
        )
        .await?;
        // Every household votes: 70% agree, set in one statement.
        db.execute(&query(
            "INSERT INTO decision_votes (id, matter_id, household_id, unit_id, channel, choice, recorded_by, confirmed_by, recorded_at)
             SELECT h.id, $1, h.id, h.unit_id, 'ballot', CASE WHEN h.id % 10 < 7 THEN 'agree' ELSE 'disagree' END, 'bench', 'bench2', '2025-09-15T00:00:00Z'
             FROM households h",
        ).bind(matter.id)).await?;
        // The running counts the vote transactions keep, filled the same way.
        db.execute(&query(
            "INSERT INTO decision_counts (matter_id, unit_id, choice, n)
             SELECT matter_id, unit_id, choice, COUNT(*) FROM decision_votes WHERE matter_id = $1 GROUP BY matter_id, unit_id, choice
             UNION ALL SELECT matter_id, unit_id, '_participants', COUNT(*) FROM decision_votes WHERE matter_id = $1 GROUP BY matter_id, unit_id",
        ).bind(matter.id)).await?;
        let open = matters::get(&db, matter.id).await?;
        // Provisional count of the open matter: households counted now.
        let mut provisional = Vec::new();
        for _ in 0..30 {
            let t = Instant::now();
            close::tally(&m, &db, &open, today).await?;
            provisional.push(t.elapsed());
        }
        // Closing: the full recount from the register, stored with its explanation.
        let t = Instant::now();
        close::close(&m, &db, Some(&officer), matter.id, today).await?;
        let closing = t.elapsed();
        let matter = matters::get(&db, matter.id).await?;
        for _ in 0..5 {
            close::tally(&m, &db, &matter, today).await?;
        }
        let mut times = Vec::new();
        let mut last = None;
        for _ in 0..100 {
            let t = Instant::now();
            last = Some(close::tally(&m, &db, &matter, today).await?);
            times.push(t.elapsed());
        }
        println!(
            "{:<10} provisional count while open: {} | closing with full recount: {:.2} ms",
            engine.name,
            support::summary(provisional),
            closing.as_secs_f64() * 1000.0
        );
        let t = last.unwrap();
        println!(
            "{:<10} result of the closed matter, {households} households in {} thôn: {} | {}",
            engine.name,
            t.villages.len(),
            support::summary(times),
            t.explanation_en
        );
        engine.close().await?;
    }
    Ok(())
}
