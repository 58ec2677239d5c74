//! Figures for the steering reports (chỉ tiêu báo cáo Ban Chỉ đạo), per unit subtree and period,
//! over the matters whose vote closed in the period. No closed matter: no figure (missing, not zero).

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

/// Every indicator of the module.
pub const ALL: &[Indicator] = &[MATTERS_DECIDED, PASS_RATE, PARTICIPATION];

#[derive(sqlx::FromRow)]
struct Sums {
    decided: i64,
    passed: Option<i64>,
    participants: Option<i64>,
    households: Option<i64>,
}

/// Computes one indicator; Ok(None) when no matter closed in the subtree during the period.
pub async fn value(
    db: &Db,
    key: &str,
    unit_id: i64,
    period: Period,
) -> anyhow::Result<Option<f64>> {
    let s: Sums = db
        .fetch_optional(
            &query(
                "SELECT COUNT(*) AS decided,
                    CAST(SUM(CASE WHEN m.passed THEN 1 ELSE 0 END) AS BIGINT) AS passed,
                    CAST(SUM(m.participants) AS BIGINT) AS participants,
                    CAST(SUM(m.households) AS BIGINT) AS households
                 FROM decision_matters m JOIN units u ON u.id = m.unit_id
                 WHERE m.status = 'closed' AND m.closed_on >= $2 AND m.closed_on <= $3
                   AND u.path LIKE (SELECT path FROM units WHERE id = $1) || '%'",
            )
            .bind(unit_id)
            .bind(period.from)
            .bind(period.to),
        )
        .await?
        .ok_or_else(|| anyhow::anyhow!("no row"))?;
    if s.decided == 0 {
        return Ok(None);
    }
    #[allow(clippy::cast_precision_loss)]
    let pct = |a: i64, b: i64| (b > 0).then(|| a as f64 * 100.0 / b as f64);
    Ok(match key {
        #[allow(clippy::cast_precision_loss)]
        "decisions.matters_decided" => Some(s.decided as f64),
        "decisions.pass_rate" => pct(s.passed.unwrap_or(0), s.decided),
        "decisions.participation" => pct(s.participants.unwrap_or(0), s.households.unwrap_or(0)),
        other => anyhow::bail!("decisions does not publish indicator '{other}'"),
    })
}
