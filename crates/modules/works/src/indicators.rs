//! Figures for the steering reports over a unit's subtree: the works under way (every work
//! decided by the end of the period: the module records no handover yet), the households that
//! owe a share after exemptions, those that paid it in full by the end of the period, and the
//! share paid. The rate names the counts it divides, so reports over many units add the counts
//! and divide once. Each figure is one query over the subtree.

use dinh_platform::db::{Db, query};
use dinh_platform::module::{Indicator, Period};

/// Works decided by the end of the period.
pub const WORKS: &str = "works.in_progress";
/// Households owing a share (after exemptions and reductions) of those works.
pub const DUE: &str = "works.households_due";
/// Of those, the ones that paid their share in full by the end of the period.
pub const PAID: &str = "works.households_paid";
/// Paid in full ÷ owing, in %.
pub const PAID_RATE: &str = "works.households_paid_rate";

/// The indicators listed for the reports.
pub const ALL: &[Indicator] = &[
    Indicator {
        key: WORKS,
        name_vi: "Số công trình do Nhân dân đóng góp đang thực hiện",
        name_en: "Community works under way",
        unit: "công trình",
    },
    Indicator {
        key: DUE,
        name_vi: "Số hộ phải đóng góp xây dựng công trình",
        name_en: "Households owing a contribution",
        unit: "hộ",
    },
    Indicator {
        key: PAID,
        name_vi: "Số hộ đã đóng góp đủ",
        name_en: "Households that paid in full",
        unit: "hộ",
    },
    Indicator {
        key: PAID_RATE,
        name_vi: "Tỷ lệ hộ đã đóng góp đủ",
        name_en: "Share of households that paid in full",
        unit: "%",
    },
];

/// The counts a rate divides: numerator, then denominator.
pub(crate) fn ratio(key: &str) -> Option<(&'static str, &'static str)> {
    match key {
        PAID_RATE => Some((PAID, DUE)),
        _ => None,
    }
}

/// A count as a figure (counts stay far below 2^52).
#[allow(clippy::cast_precision_loss)]
fn float(n: i64) -> f64 {
    n as f64
}

const REDUCED: &str = "COALESCE((SELECT SUM(r.amount) FROM works_reductions r
    WHERE r.work_id = s.work_id AND r.household_code = s.household_code), 0)";
const PAID_BY: &str = "COALESCE((SELECT SUM(p.amount) FROM works_payments p
    WHERE p.work_id = s.work_id AND p.household_code = s.household_code AND p.paid_on <= $2), 0)";

fn shares(paid: bool) -> String {
    let extra = if paid {
        format!("AND s.owed - {REDUCED} - {PAID_BY} <= 0")
    } else {
        String::new()
    };
    format!(
        "SELECT CAST(COUNT(*) AS BIGINT) FROM works_shares s JOIN works w ON w.id = s.work_id
         JOIN units u ON u.id = w.unit_id
         WHERE u.path LIKE $1 AND w.decided_on <= $2 AND s.owed - {REDUCED} > 0 {extra}"
    )
}

async fn count(db: &Db, sql: String, path: &str, p: Period) -> anyhow::Result<i64> {
    Ok(db
        .scalar(&query(sql).bind(format!("{path}%")).bind(p.to))
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
    let works = || {
        "SELECT CAST(COUNT(*) AS BIGINT) FROM works w JOIN units u ON u.id = w.unit_id
         WHERE u.path LIKE $1 AND w.decided_on <= $2"
            .to_owned()
    };
    let n = match key {
        WORKS => count(db, works(), &unit.path, p).await?,
        DUE => count(db, shares(false), &unit.path, p).await?,
        PAID => count(db, shares(true), &unit.path, p).await?,
        PAID_RATE => {
            let den = count(db, shares(false), &unit.path, p).await?;
            if den == 0 {
                return Ok(None);
            }
            let num = count(db, shares(true), &unit.path, p).await?;
            return Ok(Some(100.0 * float(num) / float(den)));
        }
        _ => return Ok(None),
    };
    Ok((n > 0).then_some(float(n)))
}
