//! Figures for the steering reports: activities held (cuộc kiểm tra, giám sát), recommendations
//! made, the share answered on time and the recommendations overdue, each over a unit's subtree
//! and a period. The rate names the counts it divides, so reports over many units add the
//! counts and divide once. Each figure is one query over the subtree (a batch by path).

use dinh_platform::db::{Db, query};
use dinh_platform::module::{Indicator, Period};

/// Activities started in the period.
pub const ACTIVITIES: &str = "oversight.activities";
/// Recommendations sent in the period.
pub const RECOMMENDATIONS: &str = "oversight.recommendations";
/// Of those, answered no later than their last day.
pub const ON_TIME: &str = "oversight.answered_on_time";
/// Of those, unanswered past their last day (at the end of the period).
pub const OVERDUE: &str = "oversight.overdue";
/// Answered on time ÷ sent, in %.
pub const ON_TIME_RATE: &str = "oversight.answered_on_time_rate";

/// The indicators listed for the reports.
pub const ALL: &[Indicator] = &[
    Indicator {
        key: ACTIVITIES,
        name_vi: "Số cuộc kiểm tra, giám sát của Nhân dân",
        name_en: "Inspections and supervisions held",
        unit: "cuộc",
    },
    Indicator {
        key: RECOMMENDATIONS,
        name_vi: "Số kiến nghị của Ban Thanh tra nhân dân, Ban Giám sát đầu tư",
        name_en: "Recommendations made by the boards",
        unit: "kiến nghị",
    },
    Indicator {
        key: ON_TIME_RATE,
        name_vi: "Tỷ lệ kiến nghị được trả lời đúng hạn",
        name_en: "Share of recommendations answered on time",
        unit: "%",
    },
    Indicator {
        key: OVERDUE,
        name_vi: "Số kiến nghị quá hạn chưa được trả lời",
        name_en: "Recommendations overdue",
        unit: "kiến nghị",
    },
];

/// The counts a rate divides: numerator, then denominator.
pub(crate) fn ratio(key: &str) -> Option<(&'static str, &'static str)> {
    match key {
        ON_TIME_RATE => Some((ON_TIME, RECOMMENDATIONS)),
        _ => None,
    }
}

/// A count as a figure (counts stay far below 2^52).
#[allow(clippy::cast_precision_loss)]
fn float(n: i64) -> f64 {
    n as f64
}

/// Recommendations sent in the period, with `extra` conditions.
fn recs(extra: &str) -> String {
    format!(
        "SELECT CAST(COUNT(*) AS BIGINT) FROM oversight_recommendations r
         JOIN units u ON u.id = r.unit_id
         WHERE u.path LIKE $1 AND r.sent_on >= $2 AND r.sent_on <= $3 {extra}"
    )
}

const ON_TIME_SQL: &str = "AND r.answered_on IS NOT NULL AND r.answered_on <= r.due_on";
const OVERDUE_SQL: &str = "AND r.due_on < $3 AND (r.answered_on IS NULL OR r.answered_on > r.due_on) AND r.status <> 'answered'";

async fn count(db: &Db, sql: &str, path: &str, p: Period) -> anyhow::Result<i64> {
    Ok(db
        .scalar(
            &query(sql.to_owned())
                .bind(format!("{path}%"))
                .bind(p.from)
                .bind(p.to),
        )
        .await?)
}

/// One figure for a unit's subtree; None when there is nothing to count (shown as missing).
pub(crate) async fn value(
    db: &Db,
    key: &str,
    unit_id: i64,
    p: Period,
) -> anyhow::Result<Option<f64>> {
    let Some(unit) = dinh_platform::units::store::by_id(db, unit_id).await? else {
        return Ok(None);
    };
    let n = match key {
        ACTIVITIES => {
            count(
                db,
                "SELECT CAST(COUNT(*) AS BIGINT) FROM oversight_activities a
                 JOIN units u ON u.id = a.unit_id
                 WHERE u.path LIKE $1 AND a.starts_on >= $2 AND a.starts_on <= $3",
                &unit.path,
                p,
            )
            .await?
        }
        RECOMMENDATIONS => count(db, &recs(""), &unit.path, p).await?,
        ON_TIME => count(db, &recs(ON_TIME_SQL), &unit.path, p).await?,
        OVERDUE => count(db, &recs(OVERDUE_SQL), &unit.path, p).await?,
        ON_TIME_RATE => {
            let den = count(db, &recs(""), &unit.path, p).await?;
            if den == 0 {
                return Ok(None);
            }
            let num = count(db, &recs(ON_TIME_SQL), &unit.path, p).await?;
            return Ok(Some(100.0 * float(num) / float(den)));
        }
        _ => return Ok(None),
    };
    Ok((n > 0).then_some(float(n)))
}
