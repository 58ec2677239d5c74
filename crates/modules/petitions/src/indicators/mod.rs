//! Figures for the steering reports, per unit subtree and period; `None` when there is no
//! data (missing, never zero).

use chrono::{Datelike, NaiveDate};
use dinh_platform::db::{Db, query};
use dinh_platform::module::{Indicator, Period};
use dinh_platform::units::store::SUBTREE_CTE;

use crate::PetitionsModule;

mod batch;

pub use batch::values;

/// The counts each rate divides (numerator, then denominator): not listed as indicators, but
/// answered like them, so the steering reports combine the rates exactly over several units
/// or periods (`Module::indicator_ratio`).
const RATIOS: &[(&str, &str, &str)] = &[
    (
        "petitions.resolved_on_time_rate",
        "petitions.resolved_on_time",
        "petitions.resolved",
    ),
    (
        "petitions.reception_compliance_rate",
        "petitions.reception_months_met",
        "petitions.reception_months",
    ),
    (
        "petitions.commitments_kept_rate",
        "petitions.commitments_kept",
        "petitions.commitments_due",
    ),
    (
        "petitions.mediation_settled_rate",
        "petitions.mediations_settled",
        "petitions.mediations_closed",
    ),
];

/// The counts the rate `key` divides: numerator, then denominator.
pub fn ratio(key: &str) -> Option<(&'static str, &'static str)> {
    RATIOS
        .iter()
        .find(|(rate, _, _)| *rate == key)
        .map(|(_, n, d)| (*n, *d))
}

/// The rate a count of [`ratio`] belongs to, if `key` is one.
fn rate_of(key: &str) -> Option<&'static str> {
    RATIOS
        .iter()
        .find(|(_, n, d)| *n == key || *d == key)
        .map(|(rate, _, _)| *rate)
}

/// Every indicator of the module.
pub const ALL: &[Indicator] = &[
    Indicator {
        key: "petitions.received",
        name_vi: "Số đơn thư tiếp nhận",
        name_en: "Petitions received",
        unit: "đơn",
    },
    Indicator {
        key: "petitions.complaints",
        name_vi: "Số đơn khiếu nại",
        name_en: "Complaints received",
        unit: "đơn",
    },
    Indicator {
        key: "petitions.denunciations",
        name_vi: "Số đơn tố cáo",
        name_en: "Denunciations received",
        unit: "đơn",
    },
    Indicator {
        key: "petitions.recommendations_reports",
        name_vi: "Số kiến nghị, phản ánh",
        name_en: "Recommendations and reports received",
        unit: "đơn",
    },
    Indicator {
        key: "petitions.resolved_on_time_rate",
        name_vi: "Tỷ lệ giải quyết đúng hạn",
        name_en: "Resolved on time",
        unit: "%",
    },
    Indicator {
        key: "petitions.overdue",
        name_vi: "Số vụ việc quá hạn (cuối kỳ)",
        name_en: "Overdue cases (end of period)",
        unit: "vụ việc",
    },
    Indicator {
        key: "petitions.reception_compliance_rate",
        name_vi: "Tỷ lệ người đứng đầu tiếp dân đúng quy định",
        name_en: "Heads meeting their reception duty",
        unit: "%",
    },
    Indicator {
        key: "petitions.dialogues_held",
        name_vi: "Số hội nghị đối thoại",
        name_en: "Dialogue conferences held",
        unit: "hội nghị",
    },
    Indicator {
        key: "petitions.commitments_kept_rate",
        name_vi: "Tỷ lệ cam kết thực hiện đúng hạn",
        name_en: "Commitments kept on time",
        unit: "%",
    },
    Indicator {
        key: "petitions.mediation_settled_rate",
        name_vi: "Tỷ lệ hòa giải thành",
        name_en: "Mediations settled",
        unit: "%",
    },
];

fn in_subtree(table_alias: &str) -> String {
    format!("{table_alias}.unit_id IN (SELECT id FROM subtree)")
}

async fn count(db: &Db, sql: &str, unit_id: i64, p: Period) -> anyhow::Result<i64> {
    Ok(db
        .scalar(
            &query(format!("{SUBTREE_CTE} {sql}"))
                .bind(unit_id)
                .bind(p.from)
                .bind(p.to),
        )
        .await?)
}

fn rate(num: i64, den: i64) -> Option<f64> {
    (den > 0).then(|| 100.0 * num as f64 / den as f64)
}

/// Computes indicator `key` for the subtree of `unit_id` over `period`.
pub async fn value(
    m: &PetitionsModule,
    db: &Db,
    key: &str,
    unit_id: i64,
    p: Period,
) -> anyhow::Result<Option<f64>> {
    if rate_of(key).is_some() {
        // The counts behind a rate: the same code as for many units.
        return Ok(values(m, db, key, &[unit_id], p).await?.pop().flatten());
    }
    let cases = in_subtree("c");
    let received = |extra: &str| {
        format!(
            "SELECT COUNT(*) FROM petition_cases c WHERE {cases} AND c.received_on >= $2 AND c.received_on <= $3 {extra}"
        )
    };
    let n = |v: i64| Some(v as f64);
    Ok(match key {
        "petitions.received" => nonzero(count(db, &received(""), unit_id, p).await?),
        "petitions.complaints" => {
            guard(
                db,
                unit_id,
                p,
                count(db, &received("AND c.kind = 'complaint'"), unit_id, p).await?,
            )
            .await?
        }
        "petitions.denunciations" => {
            guard(
                db,
                unit_id,
                p,
                count(db, &received("AND c.kind = 'denunciation'"), unit_id, p).await?,
            )
            .await?
        }
        "petitions.recommendations_reports" => {
            guard(
                db,
                unit_id,
                p,
                count(
                    db,
                    &received("AND c.kind IN ('recommendation', 'report')"),
                    unit_id,
                    p,
                )
                .await?,
            )
            .await?
        }
        "petitions.resolved_on_time_rate" => {
            let base = format!(
                "FROM petition_clocks k JOIN petition_cases c ON c.id = k.case_id WHERE {cases} AND k.clock IN ('complaint.resolve', 'denunciation.resolve', 'answer') AND k.done_on >= $2 AND k.done_on <= $3"
            );
            let all = count(db, &format!("SELECT COUNT(*) {base}"), unit_id, p).await?;
            let on_time = count(
                db,
                &format!("SELECT COUNT(*) {base} AND k.done_on <= k.due_on"),
                unit_id,
                p,
            )
            .await?;
            rate(on_time, all)
        }
        "petitions.overdue" => {
            let total = count(
                db,
                &received(""),
                unit_id,
                Period {
                    from: NaiveDate::from_ymd_opt(1, 1, 1).unwrap_or(p.from),
                    to: p.to,
                },
            )
            .await?;
            if total == 0 {
                None
            } else {
                let sql = format!(
                    "SELECT COUNT(*) FROM petition_clocks k JOIN petition_cases c ON c.id = k.case_id WHERE {cases} AND k.started_on <= $3 AND k.due_on < $3 AND (k.done_on IS NULL OR k.done_on > $3) AND $2 <= $3"
                );
                n(count(db, &sql, unit_id, p).await?)
            }
        }
        "petitions.reception_compliance_rate" => compliance_rate(m, db, unit_id, p).await?,
        "petitions.dialogues_held" => {
            let planned = count(db, &format!("SELECT COUNT(*) FROM petition_dialogues d WHERE {} AND d.planned_on <= $3 AND d.planned_on >= $2", in_subtree("d")), unit_id, p).await?;
            let held = count(db, &format!("SELECT COUNT(*) FROM petition_dialogues d WHERE {} AND d.held_on >= $2 AND d.held_on <= $3", in_subtree("d")), unit_id, p).await?;
            (planned + held > 0).then_some(held as f64)
        }
        "petitions.commitments_kept_rate" => {
            let base = format!(
                "FROM petition_commitments k JOIN petition_dialogues d ON d.id = k.dialogue_id WHERE {} AND k.due_on >= $2 AND k.due_on <= $3",
                in_subtree("d")
            );
            let all = count(db, &format!("SELECT COUNT(*) {base}"), unit_id, p).await?;
            let kept = count(
                db,
                &format!(
                    "SELECT COUNT(*) {base} AND k.done_on IS NOT NULL AND k.done_on <= k.due_on"
                ),
                unit_id,
                p,
            )
            .await?;
            rate(kept, all)
        }
        "petitions.mediation_settled_rate" => {
            let base = format!(
                "FROM petition_mediations x WHERE {} AND x.closed_on >= $2 AND x.closed_on <= $3",
                in_subtree("x")
            );
            let all = count(db, &format!("SELECT COUNT(*) {base}"), unit_id, p).await?;
            let settled = count(
                db,
                &format!("SELECT COUNT(*) {base} AND x.outcome = 'settled'"),
                unit_id,
                p,
            )
            .await?;
            rate(settled, all)
        }
        _ => None,
    })
}

fn nonzero(v: i64) -> Option<f64> {
    (v > 0).then_some(v as f64)
}

/// A count by type is a real zero when cases of other types exist in the period.
async fn guard(db: &Db, unit_id: i64, p: Period, v: i64) -> anyhow::Result<Option<f64>> {
    let any = count(db, &format!("SELECT COUNT(*) FROM petition_cases c WHERE {} AND c.received_on >= $2 AND c.received_on <= $3", in_subtree("c")), unit_id, p).await?;
    Ok((any > 0).then_some(v as f64))
}

async fn compliance_rate(
    m: &PetitionsModule,
    db: &Db,
    unit_id: i64,
    p: Period,
) -> anyhow::Result<Option<f64>> {
    let units: Vec<i64> = db.fetch_all::<(i64,)>(&query(format!("{SUBTREE_CTE} SELECT DISTINCT h.unit_id FROM petition_heads h WHERE h.unit_id IN (SELECT id FROM subtree)")).bind(unit_id)).await?.into_iter().map(|r| r.0).collect();
    let (mut met, mut all) = (0_i64, 0_i64);
    for id in units {
        let Some(unit) = dinh_platform::units::store::by_id(db, id).await? else {
            continue;
        };
        let mut month = p.from.with_day(1).unwrap_or(p.from);
        while month <= p.to {
            for c in crate::store::reception::compliance(m, db, &unit, month).await? {
                all += 1;
                met += i64::from(c.compliant);
            }
            month = month
                .checked_add_months(chrono::Months::new(1))
                .unwrap_or(NaiveDate::MAX);
        }
    }
    Ok(rate(met, all))
}
