//! A stand-in module, "added later": the steering reports must list its indicators without
//! any change. It keeps its figures current per unit and month (events, and those that went
//! well), as a module does that counts as events happen, and answers many units at once.
//! Shared by the tests and the report benchmark (`examples/bench_report.rs`).

use axum::Router;
use chrono::NaiveDate;
use dinh_platform::accounts::Permission;
use dinh_platform::db::{Db, migrate::Migration, query};
use dinh_platform::module::{BoxFuture, Indicator, Module, Period};
use dinh_platform::web::AppState;
use std::collections::HashMap;

macro_rules! ind {
    ($k:literal, $vi:literal, $u:literal) => {
        Indicator {
            key: $k,
            name_vi: $vi,
            name_en: $k,
            unit: $u,
        }
    };
}

/// Its indicators: the tests use the first two; the benchmark as many as the modules it stands
/// in for publish. Even positions count events, odd ones are rates (no numerator and
/// denominator given, so a rate combined over lineage is a mean, marked approximate).
pub const EVENT_INDICATORS: &[Indicator] = &[
    ind!("fake.events", "Số sự việc", "việc"),
    ind!("fake.ok_rate", "Tỷ lệ sự việc đạt", "%"),
    ind!("fake.cases", "Số vụ việc", "vụ việc"),
    ind!("fake.resolved_rate", "Tỷ lệ giải quyết đúng hạn", "%"),
    ind!("fake.complaints", "Số khiếu nại", "vụ việc"),
    ind!("fake.reception_rate", "Tỷ lệ tiếp công dân định kỳ", "%"),
    ind!("fake.denunciations", "Số tố cáo", "vụ việc"),
    ind!("fake.commitments_rate", "Tỷ lệ cam kết thực hiện", "%"),
    ind!("fake.dialogues", "Số cuộc đối thoại", "cuộc"),
    ind!("fake.mediation_rate", "Tỷ lệ hòa giải thành", "%"),
    ind!("fake.decided", "Số vấn đề đã quyết định", "vấn đề"),
    ind!("fake.pass_rate", "Tỷ lệ thông qua", "%"),
    ind!("fake.overdue", "Số vụ việc quá hạn", "vụ việc"),
];

/// The stand-in module, publishing the first `count` of [`EVENT_INDICATORS`].
#[derive(Clone, Copy)]
pub struct EventsModule {
    count: usize,
}

impl EventsModule {
    /// With the two indicators of the tests.
    pub fn new() -> Self {
        Self::with_indicators(2)
    }

    /// With the first `count` indicators.
    pub fn with_indicators(count: usize) -> Self {
        Self {
            count: count.min(EVENT_INDICATORS.len()),
        }
    }
}

impl Default for EventsModule {
    fn default() -> Self {
        Self::new()
    }
}

impl Module for EventsModule {
    fn name(&self) -> &'static str {
        "fake"
    }
    fn migrations(&self) -> &'static [Migration] {
        &[Migration {
            version: 1,
            name: "events per unit and month",
            sql: "CREATE TABLE fake_monthly (unit_id BIGINT NOT NULL, month TEXT NOT NULL,
                    events BIGINT NOT NULL, ok BIGINT NOT NULL, PRIMARY KEY (unit_id, month));",
            postgres: None,
        }]
    }
    fn pages(&self) -> Router<AppState> {
        Router::new()
    }
    fn api(&self) -> Router<AppState> {
        Router::new()
    }
    fn openapi(&self) -> utoipa::openapi::OpenApi {
        utoipa::openapi::OpenApiBuilder::new().build()
    }
    fn permissions(&self) -> &'static [Permission] {
        &[]
    }
    fn indicators(&self) -> &'static [Indicator] {
        EVENT_INDICATORS.get(..self.count).unwrap_or_default()
    }
    fn indicator_value<'a>(
        &'a self,
        db: &'a Db,
        key: &'a str,
        unit_id: i64,
        period: Period,
    ) -> BoxFuture<'a, anyhow::Result<Option<f64>>> {
        Box::pin(async move {
            Ok(values(db, key, &[unit_id], period)
                .await?
                .into_iter()
                .next()
                .flatten())
        })
    }
    fn indicator_values<'a>(
        &'a self,
        db: &'a Db,
        key: &'a str,
        unit_ids: &'a [i64],
        period: Period,
    ) -> BoxFuture<'a, anyhow::Result<Vec<Option<f64>>>> {
        Box::pin(values(db, key, unit_ids, period))
    }
    fn tables(&self) -> &'static [(&'static str, &'static str)] {
        &[("fake_monthly", "unit_id, month")]
    }
}

async fn values(
    db: &Db,
    key: &str,
    unit_ids: &[i64],
    period: Period,
) -> anyhow::Result<Vec<Option<f64>>> {
    if unit_ids.is_empty() {
        return Ok(Vec::new());
    }
    let towards = dinh_platform::module::subtree_roots(db, unit_ids).await?;
    if towards.is_empty() {
        return Ok(vec![None; unit_ids.len()]);
    }
    // The data is read for the subtrees' ids written out: with the recursive query inside,
    // PostgreSQL cannot tell how many units there are and scans the whole table.
    let ids = dinh_platform::module::id_list(towards.keys().copied());
    let rows: Vec<(i64, i64, i64)> = db
        .fetch_all(
            &query(format!(
                "SELECT m.unit_id, CAST(SUM(m.events) AS BIGINT), CAST(SUM(m.ok) AS BIGINT)
                 FROM fake_monthly m
                 WHERE m.unit_id IN ({ids}) AND m.month >= $1 AND m.month <= $2
                 GROUP BY m.unit_id"
            ))
            .bind(period.from.format("%Y-%m").to_string())
            .bind(period.to.format("%Y-%m").to_string()),
        )
        .await?;
    let mut per_root: HashMap<i64, (i64, i64)> = HashMap::new();
    for (unit_id, events, ok) in rows {
        for root in towards.get(&unit_id).into_iter().flatten() {
            let e = per_root.entry(*root).or_default();
            e.0 += events;
            e.1 += ok;
        }
    }
    let position = EVENT_INDICATORS.iter().position(|i| i.key == key);
    Ok(unit_ids
        .iter()
        .map(|id| {
            let (events, ok) = per_root.get(id).copied()?;
            match position? % 2 {
                0 => Some(events as f64),
                _ => (events > 0).then(|| ok as f64 * 100.0 / events as f64),
            }
        })
        .collect())
}

/// Counts an event of `unit_id` on `on` in its month.
pub async fn event(db: &Db, unit_id: i64, on: NaiveDate, ok: bool) {
    db.execute(
        &query(
            "INSERT INTO fake_monthly (unit_id, month, events, ok) VALUES ($1, $2, 1, $3)
             ON CONFLICT (unit_id, month) DO UPDATE SET
                events = fake_monthly.events + 1, ok = fake_monthly.ok + excluded.ok",
        )
        .bind(unit_id)
        .bind(on.format("%Y-%m").to_string())
        .bind(i64::from(ok)),
    )
    .await
    .expect("an event is counted");
}
