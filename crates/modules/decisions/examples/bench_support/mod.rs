//! Shared set-up of the decisions benchmarks: a fresh database per engine (SQLite in a temporary
//! directory; PostgreSQL in a schema of its own when `DINH_BENCH_POSTGRES_URL` is set), a commune
//! with its thôn and households, one account per household representative.
#![allow(dead_code)]

use std::fmt::Write as _;
use std::time::Duration;

use dinh_decisions::DecisionsModule;
use dinh_platform::accounts::{Grant, Principal, Role};
use dinh_platform::db::{self, Db, query};
use dinh_platform::module::Registry;
use dinh_platform::units::UnitsModule;
use rand::SeedableRng;
use rand::rngs::StdRng;

pub struct Engine {
    pub name: &'static str,
    pub db: Db,
    cleanup: Option<(Db, String)>,
}

impl Engine {
    pub async fn close(self) -> anyhow::Result<()> {
        self.db.close().await;
        if let Some((admin, schema)) = self.cleanup {
            admin
                .execute_script(&format!("DROP SCHEMA {schema} CASCADE"))
                .await?;
            admin.close().await;
        }
        Ok(())
    }
}

pub fn registry(m: &DecisionsModule) -> Registry {
    Registry::default().with(UnitsModule).with(m.clone())
}

/// A migrated SQLite database, then (if configured) a PostgreSQL one.
pub async fn engines(m: &DecisionsModule) -> anyhow::Result<Vec<Engine>> {
    let dir = std::env::temp_dir().join(format!("dinh-bench-{:016x}", rand::random::<u64>()));
    let sqlite = db::connect(None, &dir).await?;
    registry(m).migrate(&sqlite).await?;
    let mut out = vec![Engine {
        name: "SQLite",
        db: sqlite,
        cleanup: None,
    }];
    if let Ok(url) = std::env::var("DINH_BENCH_POSTGRES_URL") {
        let schema = format!("bench_{:016x}", rand::random::<u64>());
        let admin = db::connect(Some(&url), &dir).await?;
        admin
            .execute_script(&format!("CREATE SCHEMA {schema}"))
            .await?;
        let pg = db::connect_postgres(&url, Some(&schema)).await?;
        registry(m).migrate(&pg).await?;
        out.push(Engine {
            name: "PostgreSQL",
            db: pg,
            cleanup: Some((admin, schema)),
        });
    }
    Ok(out)
}

/// A province `B1`, a commune `B1-X` and `villages` thôn `B1-X-01…` of `per_village` households.
pub async fn commune(db: &Db, villages: usize, per_village: u32) -> anyhow::Result<()> {
    let mut units =
        String::from("code,name,kind,parent_code\nB1,Tỉnh Thử,tỉnh,\nB1-X,Xã Thử,xã,B1\n");
    for v in 1..=villages {
        writeln!(units, "B1-X-{v:02},Thôn {v},thôn,B1-X")?;
    }
    dinh_platform::units::import_units(db, units.as_bytes(), "bench").await?;
    let mut rng = StdRng::seed_from_u64(7);
    let csv =
        dinh_platform::demo::households_csv(&mut rng, "B1-X", villages, per_village..=per_village);
    dinh_platform::households::import_households(db, csv.as_bytes(), "bench", |_| {}).await?;
    Ok(())
}

/// One account per household, linked to its representative; returns them as signed-in people.
pub async fn representatives(db: &Db) -> anyhow::Result<Vec<Principal>> {
    db.execute(&query(
        "INSERT INTO accounts (id, login, display_name, password_hash, person_id, created_at)
         SELECT h.id, 'b' || h.code, h.code, 'x', h.representative_id, '2025-01-01T00:00:00Z' FROM households h",
    ))
    .await?;
    let rows: Vec<(i64, String, i64)> = db
        .fetch_all(&query(
            "SELECT h.id, h.code, h.unit_id FROM households h ORDER BY h.code",
        ))
        .await?;
    Ok(rows
        .into_iter()
        .map(|(id, code, unit)| Principal {
            account_id: id,
            login: format!("b{code}"),
            display_name: code,
            grants: vec![Grant {
                role: Role::Resident,
                unit_id: Some(unit),
                unit_code: None,
                unit_name: None,
            }],
        })
        .collect())
}

/// A village head of the commune (for opening and closing matters).
pub async fn officer(db: &Db) -> anyhow::Result<Principal> {
    let unit: i64 = db
        .scalar(&query("SELECT id FROM units WHERE code = 'B1-X'"))
        .await?;
    Ok(Principal {
        account_id: 1,
        login: "canbo".into(),
        display_name: "Cán bộ".into(),
        grants: vec![Grant {
            role: Role::CommuneOfficer,
            unit_id: Some(unit),
            unit_code: None,
            unit_name: None,
        }],
    })
}

/// Median, 99th percentile and maximum of a set of durations, in milliseconds.
pub fn summary(mut d: Vec<Duration>) -> String {
    d.sort();
    let at = |q: f64| {
        let i = ((d.len() as f64 - 1.0) * q).round() as usize;
        d.get(i).map_or(0.0, |x| x.as_secs_f64() * 1000.0)
    };
    format!(
        "n={} median={:.2} ms p99={:.2} ms max={:.2} ms",
        d.len(),
        at(0.5),
        at(0.99),
        at(1.0)
    )
}
