//! Figures for the steering reports: consultations held (đợt lấy ý kiến), comments received,
//! the share of comments answered (tiếp thu, giải trình) and the share accepted, each over a
//! unit's subtree and a period. The two rates name the counts they divide, so reports over many
//! units add the counts and divide once.

use dinh_platform::db::{Db, query};
use dinh_platform::module::{Indicator, Period};

/// Consultations published in the period.
pub const HELD: &str = "consultation.held";
/// Comments received in the period.
pub const COMMENTS: &str = "consultation.comments";
/// Of those, the ones answered.
pub const ANSWERED: &str = "consultation.answered";
/// Of those, the ones accepted wholly or partly.
pub const ACCEPTED: &str = "consultation.accepted";
/// Answered ÷ received, in %.
pub const ANSWERED_RATE: &str = "consultation.answered_rate";
/// Accepted ÷ answered, in %.
pub const ACCEPTED_RATE: &str = "consultation.accepted_rate";

/// The indicators listed for the reports.
pub const ALL: &[Indicator] = &[
    Indicator {
        key: HELD,
        name_vi: "Số đợt lấy ý kiến Nhân dân",
        name_en: "Consultations held",
        unit: "đợt",
    },
    Indicator {
        key: COMMENTS,
        name_vi: "Số ý kiến Nhân dân nhận được",
        name_en: "Comments received",
        unit: "ý kiến",
    },
    Indicator {
        key: ANSWERED_RATE,
        name_vi: "Tỷ lệ ý kiến được tiếp thu, giải trình",
        name_en: "Share of comments answered",
        unit: "%",
    },
    Indicator {
        key: ACCEPTED_RATE,
        name_vi: "Tỷ lệ ý kiến được tiếp thu",
        name_en: "Share of comments accepted",
        unit: "%",
    },
];

/// The counts a rate divides: numerator, then denominator.
pub(crate) fn ratio(key: &str) -> Option<(&'static str, &'static str)> {
    match key {
        ANSWERED_RATE => Some((ANSWERED, COMMENTS)),
        ACCEPTED_RATE => Some((ACCEPTED, ANSWERED)),
        _ => None,
    }
}

/// A count as a figure (counts stay far below 2^52).
#[allow(clippy::cast_precision_loss)]
fn float(n: i64) -> f64 {
    n as f64
}

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
    let comments = |extra: &str| {
        format!(
            "SELECT CAST(COUNT(*) AS BIGINT) FROM consultation_comments k
             JOIN consultations c ON c.id = k.consultation_id JOIN units u ON u.id = c.unit_id
             WHERE u.path LIKE $1 AND k.received_on >= $2 AND k.received_on <= $3 {extra}"
        )
    };
    let answered = "AND k.disposition IS NOT NULL";
    let accepted = "AND k.disposition IN ('accepted', 'partly')";
    let n = match key {
        HELD => count(
            db,
            "SELECT CAST(COUNT(*) AS BIGINT) FROM consultations c JOIN units u ON u.id = c.unit_id
                 WHERE u.path LIKE $1 AND c.opens_on >= $2 AND c.opens_on <= $3",
            &unit.path,
            p,
        )
        .await?,
        COMMENTS => count(db, &comments(""), &unit.path, p).await?,
        ANSWERED => count(db, &comments(answered), &unit.path, p).await?,
        ACCEPTED => count(db, &comments(accepted), &unit.path, p).await?,
        ANSWERED_RATE | ACCEPTED_RATE => {
            let (num, den) = if key == ANSWERED_RATE {
                (answered, "")
            } else {
                (accepted, answered)
            };
            let den = count(db, &comments(den), &unit.path, p).await?;
            if den == 0 {
                return Ok(None);
            }
            let num = count(db, &comments(num), &unit.path, p).await?;
            return Ok(Some(100.0 * float(num) / float(den)));
        }
        _ => return Ok(None),
    };
    Ok((n > 0).then_some(float(n)))
}
