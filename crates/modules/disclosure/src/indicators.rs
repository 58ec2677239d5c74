//! Figures for the steering reports (chỉ tiêu báo cáo), per unit subtree and period, for one
//! unit or many at once (the communes of a province report, in a few queries): whole months
//! from the per-unit monthly summary, other periods from the register itself; missing (None)
//! where the subtree published nothing and expected nothing in the period — never a zero that
//! was not counted.

use std::collections::HashMap;

use chrono::{Datelike, NaiveDate};
use dinh_platform::db::{Db, query};
use dinh_platform::module::{Indicator, Period};

/// The indicators this module publishes.
pub(crate) const INDICATORS: &[Indicator] = &[
    Indicator {
        key: "disclosure.published",
        name_vi: "Số thông tin đã công khai",
        name_en: "Disclosures published",
        unit: "thông tin",
    },
    Indicator {
        key: "disclosure.on_time_rate",
        name_vi: "Tỷ lệ công khai đúng hạn (5 ngày làm việc)",
        name_en: "Published on time",
        unit: "%",
    },
    Indicator {
        key: "disclosure.channel_completeness",
        name_vi: "Tỷ lệ thông tin công khai đủ hình thức theo luật",
        name_en: "Disclosures with every channel's duty met",
        unit: "%",
    },
    Indicator {
        key: "disclosure.missing_recurring",
        name_vi: "Nội dung công khai định kỳ chưa thực hiện đúng hạn",
        name_en: "Recurring disclosures missing at their due date",
        unit: "nội dung",
    },
];

/// Disclosures published by their due date (numerator of `disclosure.on_time_rate`).
const ON_TIME: &str = "disclosure.on_time";
/// Disclosures with every channel's duty met (numerator of `disclosure.channel_completeness`).
const COMPLETE: &str = "disclosure.complete";

/// The counts a rate divides (numerator, denominator), so that reports combine it exactly.
pub(crate) fn ratio(key: &str) -> Option<(&'static str, &'static str)> {
    match key {
        "disclosure.on_time_rate" => Some((ON_TIME, "disclosure.published")),
        "disclosure.channel_completeness" => Some((COMPLETE, "disclosure.published")),
        _ => None,
    }
}

/// What a subtree did in a period.
#[derive(Debug, Clone, Copy, Default)]
struct Counts {
    published: i64,
    on_time: i64,
    complete: i64,
    expected: i64,
    missing: i64,
}

impl Counts {
    fn add(&mut self, other: Counts) {
        self.published += other.published;
        self.on_time += other.on_time;
        self.complete += other.complete;
        self.expected += other.expected;
        self.missing += other.missing;
    }

    fn value(&self, key: &str) -> Option<f64> {
        let (published, expected) = (self.published, self.expected);
        let rate = |part: i64| (published > 0).then(|| (part as f64) * 100.0 / (published as f64));
        match key {
            "disclosure.published" if published > 0 || expected > 0 => Some(published as f64),
            "disclosure.on_time_rate" => rate(self.on_time),
            "disclosure.channel_completeness" => rate(self.complete),
            "disclosure.missing_recurring" if expected > 0 => Some(self.missing as f64),
            ON_TIME if published > 0 => Some(self.on_time as f64),
            COMPLETE if published > 0 => Some(self.complete as f64),
            _ => None,
        }
    }
}

/// Computes one indicator for the subtree of `unit_id` over `period` (as of its last day).
pub(crate) async fn value(
    db: &Db,
    key: &str,
    unit_id: i64,
    period: Period,
) -> anyhow::Result<Option<f64>> {
    Ok(values(db, key, &[unit_id], period)
        .await?
        .into_iter()
        .next()
        .flatten())
}

/// Computes one indicator for the subtree of each of `unit_ids` over `period` (as of its last
/// day), in their order; the subtrees may overlap (a province and its communes).
pub(crate) async fn values(
    db: &Db,
    key: &str,
    unit_ids: &[i64],
    period: Period,
) -> anyhow::Result<Vec<Option<f64>>> {
    if unit_ids.is_empty() {
        return Ok(Vec::new());
    }
    // Which requested units each unit of the subtrees counts towards.
    let towards = dinh_platform::module::subtree_roots(db, unit_ids).await?;
    if towards.is_empty() {
        return Ok(vec![None; unit_ids.len()]);
    }
    // The data is read for the subtrees' ids written out: with the recursive query inside,
    // PostgreSQL cannot tell how many units there are and scans the whole table.
    let ids = dinh_platform::module::id_list(towards.keys().copied());
    let mut per_root: HashMap<i64, Counts> = HashMap::new();
    let mut count = |unit_id: i64, c: Counts| {
        for root in towards.get(&unit_id).into_iter().flatten() {
            per_root.entry(*root).or_default().add(c);
        }
    };
    // Only what the key needs: postings still running are looked for only for completeness,
    // recurring duties only for the counts that use them.
    let needs_complete = matches!(key, COMPLETE | "disclosure.channel_completeness");
    if key != "disclosure.missing_recurring" {
        for (unit_id, published, on_time, complete) in
            published(db, &ids, period, needs_complete).await?
        {
            count(
                unit_id,
                Counts {
                    published,
                    on_time,
                    complete,
                    ..Counts::default()
                },
            );
        }
    }
    if matches!(key, "disclosure.published" | "disclosure.missing_recurring") {
        for (unit_id, expected, missing) in expected(db, &ids, period).await? {
            count(
                unit_id,
                Counts {
                    expected,
                    missing,
                    ..Counts::default()
                },
            );
        }
    }
    Ok(unit_ids
        .iter()
        .map(|id| per_root.get(id).and_then(|c| c.value(key)))
        .collect())
}

fn month(d: NaiveDate) -> String {
    d.format("%Y-%m").to_string()
}

/// Published, on time and complete (as of the period's last day) per unit of the subtrees.
/// Whole months are read from the monthly summary, less — when `complete` is asked for — the
/// postings of the period still running on its last day; other periods from the disclosures.
async fn published(
    db: &Db,
    ids: &str,
    period: Period,
    complete: bool,
) -> sqlx::Result<Vec<(i64, i64, i64, i64)>> {
    let (from, to) = (period.from, period.to);
    let whole_months = from.day() == 1 && to.succ_opt().is_some_and(|d| d.day() == 1);
    if !whole_months {
        return db
            .fetch_all(
                &query(format!(
                    "                     SELECT i.unit_id, CAST(COUNT(*) AS BIGINT), CAST(SUM(i.on_time) AS BIGINT),
                            CAST(SUM(CASE WHEN i.complete_on <= $3 THEN 1 ELSE 0 END) AS BIGINT)
                     FROM disclosure_items i
                     WHERE i.unit_id IN ({ids})
                       AND i.published_on >= $1 AND i.published_on <= $2
                     GROUP BY i.unit_id"
                ))
                .bind(from)
                .bind(to)
                .bind(to),
            )
            .await;
    }
    let mut rows: Vec<(i64, i64, i64, i64)> = db
        .fetch_all(
            &query(format!(
                "                 SELECT m.unit_id, CAST(SUM(m.published) AS BIGINT), CAST(SUM(m.on_time) AS BIGINT),
                        CAST(SUM(m.complete) AS BIGINT)
                 FROM disclosure_unit_months m
                 WHERE m.unit_id IN ({ids}) AND m.month >= $1 AND m.month <= $2
                 GROUP BY m.unit_id"
            ))
            .bind(month(from))
            .bind(month(to)),
        )
        .await?;
    if !complete {
        return Ok(rows);
    }
    // Read through the (unit_id, published_on) index: the subtrees' disclosures of the period
    // only. (Through the complete_on index, a past year would walk every later disclosure.)
    // Only the units that published in the period are named: with every thôn of a province in
    // the list, PostgreSQL expects most of the table and scans all of it.
    let publishers: Vec<i64> = rows.iter().filter(|r| r.3 > 0).map(|r| r.0).collect();
    if publishers.is_empty() {
        return Ok(rows);
    }
    let ids = dinh_platform::module::id_list(publishers);
    let running: HashMap<i64, i64> = db
        .fetch_all::<(i64, i64)>(
            &query(format!(
                "                 SELECT i.unit_id, CAST(COUNT(*) AS BIGINT)
                 FROM disclosure_items i
                 WHERE i.unit_id IN ({ids})
                   AND i.published_on >= $1 AND i.published_on <= $2 AND i.complete_on > $2
                 GROUP BY i.unit_id"
            ))
            .bind(from)
            .bind(to),
        )
        .await?
        .into_iter()
        .collect();
    for r in &mut rows {
        r.3 -= running.get(&r.0).copied().unwrap_or(0);
    }
    Ok(rows)
}

/// Recurring disclosures expected in the period and those missing at their due date, per unit.
async fn expected(db: &Db, ids: &str, period: Period) -> sqlx::Result<Vec<(i64, i64, i64)>> {
    db.fetch_all(
        &query(format!(
            "             SELECT e.unit_id, CAST(COUNT(*) AS BIGINT),
                    CAST(SUM(CASE WHEN e.item_id IS NULL OR e.fulfilled_on > e.due_on THEN 1 ELSE 0 END) AS BIGINT)
             FROM disclosure_expected e
             WHERE e.unit_id IN ({ids}) AND e.due_on >= $1 AND e.due_on <= $2
             GROUP BY e.unit_id"
        ))
        .bind(period.from)
        .bind(period.to),
    )
    .await
}
