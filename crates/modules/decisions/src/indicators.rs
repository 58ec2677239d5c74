//! Figures for the steering reports (chỉ tiêu báo cáo Ban Chỉ đạo), per unit subtree and period.
//! The first three are over the matters whose vote closed in the period (no closed matter: no
//! figure, missing rather than zero); overdue recognitions are over the recognitions that fell
//! due in the period (none due: no figure). Each indicator is one query, for one unit or for
//! many at once (`values`), giving the same answers.

use chrono::NaiveDate;
use dinh_platform::db::{Db, query};
use std::collections::HashMap;

use dinh_platform::module::{Indicator, Period, id_list, subtree_roots};

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

/// What the figures are computed from, per unit (or added up for a subtree).
#[derive(Debug, Clone, Copy, Default)]
struct Sums {
    decided: i64,
    passed: i64,
    participants: i64,
    households: i64,
    due: i64,
    overdue: i64,
}

impl Sums {
    fn add(&mut self, o: &Sums) {
        self.decided += o.decided;
        self.passed += o.passed;
        self.participants += o.participants;
        self.households += o.households;
        self.due += o.due;
        self.overdue += o.overdue;
    }

    /// The figure of `key`; None when nothing was decided (or fell due) in the period.
    #[allow(clippy::cast_precision_loss)]
    fn value(&self, key: &str) -> Option<f64> {
        if key == OVERDUE_RECOGNITIONS.key {
            return (self.due > 0).then_some(self.overdue as f64);
        }
        if self.decided == 0 {
            return None;
        }
        match key {
            "decisions.matters_decided" => Some(self.decided as f64),
            "decisions.pass_rate" => pct(self.passed, self.decided),
            PASSED => Some(self.passed as f64),
            PARTICIPANTS => Some(self.participants as f64),
            HOUSEHOLDS => Some(self.households as f64),
            _ => pct(self.participants, self.households),
        }
    }
}

/// The figure of `key` for each unit's subtree, in the order of `unit_ids`: the units under
/// them read level by level (`subtree_roots`), then one query for all of them, rows grouped by
/// unit and added up towards each unit asked about.
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
    let towards = subtree_roots(db, unit_ids).await?;
    if towards.is_empty() {
        return Ok(vec![None; unit_ids.len()]);
    }
    let ids = id_list(towards.keys().copied());
    let rows = if key == OVERDUE_RECOGNITIONS.key {
        overdue(db, &ids, period, today).await?
    } else {
        sums(db, &ids, period).await?
    };
    let mut per_root: HashMap<i64, Sums> = HashMap::new();
    for (unit_id, s) in rows {
        for root in towards.get(&unit_id).into_iter().flatten() {
            per_root.entry(*root).or_default().add(&s);
        }
    }
    Ok(unit_ids
        .iter()
        .map(|id| per_root.get(id).and_then(|s| s.value(key)))
        .collect())
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

/// Matters closed in the period per unit of `ids`.
async fn sums(db: &Db, ids: &str, period: Period) -> anyhow::Result<Vec<(i64, Sums)>> {
    let rows: Vec<(i64, i64, i64, i64, i64)> = db
        .fetch_all(
            &query(format!(
                "SELECT m.unit_id, CAST(COUNT(*) AS BIGINT),
                    CAST(SUM(CASE WHEN m.passed THEN 1 ELSE 0 END) AS BIGINT),
                    CAST(COALESCE(SUM(m.participants), 0) AS BIGINT),
                    CAST(COALESCE(SUM(m.households), 0) AS BIGINT)
                 FROM decision_matters m
                 WHERE m.unit_id IN ({ids}) AND m.status = 'closed'
                   AND m.closed_on >= $1 AND m.closed_on <= $2
                 GROUP BY m.unit_id"
            ))
            .bind(period.from)
            .bind(period.to),
        )
        .await?;
    Ok(rows
        .into_iter()
        .map(|(unit_id, decided, passed, participants, households)| {
            let s = Sums {
                decided,
                passed,
                participants,
                households,
                ..Sums::default()
            };
            (unit_id, s)
        })
        .collect())
}

/// Recognitions falling due in the period per unit of `ids`, and those overdue on `today`
/// (or given late).
async fn overdue(
    db: &Db,
    ids: &str,
    period: Period,
    today: NaiveDate,
) -> anyhow::Result<Vec<(i64, Sums)>> {
    let rows: Vec<(i64, i64, i64)> = db
        .fetch_all(
            &query(format!(
                "SELECT m.unit_id, CAST(COUNT(*) AS BIGINT),
                    CAST(SUM(CASE WHEN (d.recognised_on IS NULL AND d.refused_on IS NULL AND d.recognition_due_on < $1)
                                    OR d.recognised_on > d.recognition_due_on OR d.refused_on > d.recognition_due_on
                             THEN 1 ELSE 0 END) AS BIGINT)
                 FROM decision_matters m
                 JOIN decision_documents d ON d.matter_id = m.id
                 WHERE m.unit_id IN ({ids})
                   AND d.recognition_due_on >= $2 AND d.recognition_due_on <= $3
                 GROUP BY m.unit_id"
            ))
            .bind(today)
            .bind(period.from)
            .bind(period.to),
        )
        .await?;
    Ok(rows
        .into_iter()
        .map(|(unit_id, due, overdue)| {
            let s = Sums {
                due,
                overdue,
                ..Sums::default()
            };
            (unit_id, s)
        })
        .collect())
}
