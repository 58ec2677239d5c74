//! Figures for the steering reports (chỉ tiêu báo cáo Ban Chỉ đạo), per unit subtree and period.
//! The first three are over the matters whose vote closed in the period (no closed matter: no
//! figure, missing rather than zero); overdue recognitions are over the recognitions that fell
//! due in the period (none due: no figure). Each indicator is one query, for one unit or for
//! many at once (`values`), giving the same answers.

use chrono::NaiveDate;
use dinh_platform::db::{Db, query};
use dinh_platform::module::{Indicator, Period};

/// Matters decided (số việc đã quyết định).
pub const MATTERS_DECIDED: Indicator = Indicator {
    key: "decisions.matters_decided",
    name_vi: "Số việc Nhân dân đã bàn và quyết định",
    name_en: "Matters decided by households",
    unit: "việc",
};
/// Share of decided matters that passed (tỷ lệ thông qua).
pub const PASS_RATE: Indicator = Indicator {
    key: "decisions.pass_rate",
    name_vi: "Tỷ lệ việc được thông qua",
    name_en: "Share of matters passed",
    unit: "%",
};
/// Households taking part over all households, across decided matters (tỷ lệ hộ tham gia).
pub const PARTICIPATION: Indicator = Indicator {
    key: "decisions.participation",
    name_vi: "Tỷ lệ hộ tham gia biểu quyết",
    name_en: "Household participation",
    unit: "%",
};
/// Recognitions (công nhận, Luật 10/2022 Điều 21(2)) due in the period that were neither
/// given nor refused in writing by their last day.
pub const OVERDUE_RECOGNITIONS: Indicator = Indicator {
    key: "decisions.overdue_recognitions",
    name_vi: "Số kết quả chậm công nhận hoặc từ chối công nhận",
    name_en: "Recognitions overdue",
    unit: "việc",
};

/// Every indicator of the module.
pub const ALL: &[Indicator] = &[
    MATTERS_DECIDED,
    PASS_RATE,
    PARTICIPATION,
    OVERDUE_RECOGNITIONS,
];

/// Counts the two rates divide (not listed as indicators, answered all the same), so reports
/// combine the rates exactly over several units or periods (`Module::indicator_ratio`).
pub const PASSED: &str = "decisions.passed";
/// Households taking part, summed over decided matters.
pub const PARTICIPANTS: &str = "decisions.participants";
/// All households on the closing day, summed over decided matters.
pub const HOUSEHOLDS: &str = "decisions.households";

/// The counts a rate divides: numerator, then denominator.
pub fn ratio(key: &str) -> Option<(&'static str, &'static str)> {
    match key {
        "decisions.pass_rate" => Some((PASSED, MATTERS_DECIDED.key)),
        "decisions.participation" => Some((PARTICIPANTS, HOUSEHOLDS)),
        _ => None,
    }
}

/// Units per query when many are asked at once (well under both engines' bind limits).
const CHUNK: usize = 500;

#[derive(sqlx::FromRow)]
struct Sums {
    unit_id: i64,
    decided: i64,
    passed: Option<i64>,
    participants: Option<i64>,
    households: Option<i64>,
}

#[derive(sqlx::FromRow)]
struct Overdue {
    unit_id: i64,
    due: i64,
    overdue: Option<i64>,
}

/// `$first, $first+1, …` for `n` units after the fixed parameters.
fn placeholders(first: usize, n: usize) -> String {
    (0..n)
        .map(|i| format!("${}", i + first))
        .collect::<Vec<_>>()
        .join(", ")
}

/// The figure of `key` for each unit's subtree, in the order of `unit_ids`.
pub async fn values(
    db: &Db,
    key: &str,
    unit_ids: &[i64],
    period: Period,
    today: NaiveDate,
) -> anyhow::Result<Vec<Option<f64>>> {
    if !ALL.iter().any(|i| i.key == key) && ![PASSED, PARTICIPANTS, HOUSEHOLDS].contains(&key) {
        anyhow::bail!("decisions does not publish indicator '{key}'");
    }
    let mut out = Vec::with_capacity(unit_ids.len());
    for chunk in unit_ids.chunks(CHUNK) {
        let found = if key == OVERDUE_RECOGNITIONS.key {
            overdue(db, chunk, period, today).await?
        } else {
            sums(db, key, chunk, period).await?
        };
        out.extend(
            chunk
                .iter()
                .map(|id| found.iter().find(|(u, _)| u == id).and_then(|(_, v)| *v)),
        );
    }
    Ok(out)
}

/// One unit's figure (the batch of one).
pub async fn value(
    db: &Db,
    key: &str,
    unit_id: i64,
    period: Period,
    today: NaiveDate,
) -> anyhow::Result<Option<f64>> {
    Ok(values(db, key, &[unit_id], period, today)
        .await?
        .into_iter()
        .next()
        .flatten())
}

#[allow(clippy::cast_precision_loss)]
fn pct(a: i64, b: i64) -> Option<f64> {
    (b > 0).then(|| a as f64 * 100.0 / b as f64)
}

async fn sums(
    db: &Db,
    key: &str,
    units: &[i64],
    period: Period,
) -> anyhow::Result<Vec<(i64, Option<f64>)>> {
    let mut q = query(format!(
        "SELECT r.id AS unit_id, COUNT(*) AS decided,
            CAST(SUM(CASE WHEN m.passed THEN 1 ELSE 0 END) AS BIGINT) AS passed,
            CAST(SUM(m.participants) AS BIGINT) AS participants,
            CAST(SUM(m.households) AS BIGINT) AS households
         FROM units r JOIN units u ON u.path LIKE r.path || '%'
         JOIN decision_matters m ON m.unit_id = u.id
         WHERE m.status = 'closed' AND m.closed_on >= $1 AND m.closed_on <= $2
           AND r.id IN ({})
         GROUP BY r.id",
        placeholders(3, units.len())
    ))
    .bind(period.from)
    .bind(period.to);
    for id in units {
        q = q.bind(*id);
    }
    let rows: Vec<Sums> = db.fetch_all(&q).await?;
    Ok(rows
        .into_iter()
        .filter(|s| s.decided > 0)
        .map(|s| {
            let v = match key {
                "decisions.matters_decided" => {
                    #[allow(clippy::cast_precision_loss)]
                    let n = s.decided as f64;
                    Some(n)
                }
                "decisions.pass_rate" => pct(s.passed.unwrap_or(0), s.decided),
                #[allow(clippy::cast_precision_loss)]
                PASSED => Some(s.passed.unwrap_or(0) as f64),
                #[allow(clippy::cast_precision_loss)]
                PARTICIPANTS => Some(s.participants.unwrap_or(0) as f64),
                #[allow(clippy::cast_precision_loss)]
                HOUSEHOLDS => Some(s.households.unwrap_or(0) as f64),
                _ => pct(s.participants.unwrap_or(0), s.households.unwrap_or(0)),
            };
            (s.unit_id, v)
        })
        .collect())
}

async fn overdue(
    db: &Db,
    units: &[i64],
    period: Period,
    today: NaiveDate,
) -> anyhow::Result<Vec<(i64, Option<f64>)>> {
    let mut q = query(format!(
        "SELECT r.id AS unit_id, COUNT(*) AS due,
            CAST(SUM(CASE WHEN (d.recognised_on IS NULL AND d.refused_on IS NULL AND d.recognition_due_on < $1)
                            OR d.recognised_on > d.recognition_due_on OR d.refused_on > d.recognition_due_on
                     THEN 1 ELSE 0 END) AS BIGINT) AS overdue
         FROM units r JOIN units u ON u.path LIKE r.path || '%'
         JOIN decision_matters m ON m.unit_id = u.id
         JOIN decision_documents d ON d.matter_id = m.id
         WHERE d.recognition_due_on >= $2 AND d.recognition_due_on <= $3
           AND r.id IN ({})
         GROUP BY r.id",
        placeholders(4, units.len())
    ))
    .bind(today)
    .bind(period.from)
    .bind(period.to);
    for id in units {
        q = q.bind(*id);
    }
    let rows: Vec<Overdue> = db.fetch_all(&q).await?;
    #[allow(clippy::cast_precision_loss)]
    Ok(rows
        .into_iter()
        .filter(|o| o.due > 0)
        .map(|o| (o.unit_id, Some(o.overdue.unwrap_or(0) as f64)))
        .collect())
}
