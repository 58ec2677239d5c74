//! 1,000 concurrent online votes in one commune (biểu quyết trực tuyến): every vote recorded
//! exactly once, latency per vote (median, p99), on SQLite and PostgreSQL.
//!
//! `cargo run --release -p dinh-decisions --example bench_votes`
//! (with `DINH_BENCH_POSTGRES_URL=postgres://…` for PostgreSQL too). `DINH_BENCH_IN_FLIGHT`
//! limits how many votes are in flight at once (default: all 1,000).
#![allow(clippy::unwrap_used, clippy::expect_used, missing_docs)]

#[path = "bench_support/mod.rs"]
mod support;

use std::sync::Arc;
use std::time::Instant;

use dinh_decisions::{DecisionsModule, NewMatter, Origin, matters, online};
use dinh_platform::db::query;
use tokio::sync::Semaphore;

const VILLAGES: usize = 5;
const PER_VILLAGE: u32 = 200;

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    let m = DecisionsModule::shipped()?;
    let in_flight: usize = std::env::var("DINH_BENCH_IN_FLIGHT")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(1000);
    let today = dinh_platform::time::today_vn();
    for engine in support::engines(&m).await? {
        let db = engine.db.clone();
        support::commune(&db, VILLAGES, PER_VILLAGE).await?;
        let voters = support::representatives(&db).await?;
        let officer = support::officer(&db).await?;
        // One matter 6 per thôn, with more than half of its households agreeing to vote online.
        let mut matter_of = std::collections::HashMap::new();
        for v in 1..=VILLAGES {
            let code = format!("B1-X-{v:02}");
            let matter = matters::create(
                &m,
                &db,
                Some(&officer),
                &NewMatter {
                    unit_code: code.clone(),
                    matter: 6,
                    title: "Giờ mở cửa nhà văn hóa".into(),
                    content: "Biểu quyết trực tuyến".into(),
                    origin: Origin::VillageHead,
                    secret: false,
                    election: false,
                    initiative_id: None,
                },
                today,
            )
            .await?;
            let consent: Vec<String> = (1..=PER_VILLAGE / 2 + 1)
                .map(|h| format!("{code}-{h:04}"))
                .collect();
            online::record_consent(&m, &db, Some(&officer), matter.id, &consent, today).await?;
            let unit: i64 = db
                .scalar(&query("SELECT id FROM units WHERE code = $1").bind(code))
                .await?;
            matter_of.insert(unit, matter.id);
        }
        let gate = Arc::new(Semaphore::new(in_flight));
        let start = Instant::now();
        let mut tasks = Vec::new();
        for who in voters.iter().cloned() {
            let (m, db, gate) = (m.clone(), db.clone(), gate.clone());
            let matter = matter_of[&who.grants[0].unit_id.unwrap()];
            tasks.push(tokio::spawn(async move {
                let _permit = gate.acquire().await.unwrap();
                let t = Instant::now();
                let r = online::vote(&m, &db, Some(&who), matter, "agree", "", today).await;
                (t.elapsed(), r.err().map(|e| e.to_string()))
            }));
        }
        let mut times = Vec::new();
        let mut ok = 0;
        let mut errors = std::collections::BTreeMap::new();
        for t in tasks {
            let (d, err) = t.await?;
            times.push(d);
            match err {
                None => ok += 1,
                Some(e) => *errors.entry(e).or_insert(0) += 1,
            }
        }
        for (e, n) in &errors {
            println!("{:<10} {n} votes failed: {e}", engine.name);
        }
        let wall = start.elapsed();
        let stored: i64 = db
            .scalar(&query("SELECT COUNT(*) FROM decision_votes"))
            .await?;
        // Every household again, at once: all refused, nothing added.
        let mut again = Vec::new();
        for who in voters.iter().take(200).cloned() {
            let (m, db) = (m.clone(), db.clone());
            let matter = matter_of[&who.grants[0].unit_id.unwrap()];
            again.push(tokio::spawn(async move {
                online::vote(&m, &db, Some(&who), matter, "disagree", "", today)
                    .await
                    .is_ok()
            }));
        }
        let mut second = 0;
        for t in again {
            second += usize::from(t.await?);
        }
        let after: i64 = db
            .scalar(&query("SELECT COUNT(*) FROM decision_votes"))
            .await?;
        println!(
            "{:<10} {} votes, {in_flight} in flight: accepted {ok}, stored {stored}, {} | wall {:.2} s ({:.0} votes/s) | repeats accepted {second}, stored after {after}",
            engine.name,
            voters.len(),
            support::summary(times),
            wall.as_secs_f64(),
            voters.len() as f64 / wall.as_secs_f64()
        );
        assert_eq!(
            (ok, stored, second, after),
            (voters.len(), voters.len() as i64, 0, voters.len() as i64)
        );
        engine.close().await?;
    }
    Ok(())
}
