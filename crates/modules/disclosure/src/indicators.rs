//! Figures for the steering reports (chỉ tiêu báo cáo), per unit subtree and period: computed
//! live from the register, and missing (None) where the subtree published nothing and expected
//! nothing in the period — never a zero that was not counted.

use dinh_platform::db::{Db, query};
use dinh_platform::module::{Indicator, Period};
use dinh_platform::units::store::SUBTREE_CTE;

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

/// Computes one indicator for the subtree of `unit_id` over `period` (as of its last day).
pub(crate) async fn value(
    db: &Db,
    key: &str,
    unit_id: i64,
    period: Period,
) -> anyhow::Result<Option<f64>> {
    let (published, on_time, complete) =
        crate::store::totals(db, unit_id, period.from, period.to, period.to)
            .await?
            .iter()
            .fold((0, 0, 0), |(p, o, c), t| {
                (p + t.published, o + t.on_time, c + t.complete)
            });
    let (expected, missing): (i64, i64) = db
        .fetch_optional(
            &query(format!(
                "{SUBTREE_CTE}
                 SELECT CAST(COUNT(*) AS BIGINT),
                        CAST(COALESCE(SUM(CASE WHEN e.item_id IS NULL OR e.fulfilled_on > e.due_on THEN 1 ELSE 0 END), 0) AS BIGINT)
                 FROM disclosure_expected e JOIN subtree s ON s.id = e.unit_id
                 WHERE e.due_on >= $2 AND e.due_on <= $3"
            ))
            .bind(unit_id)
            .bind(period.from)
            .bind(period.to),
        )
        .await?
        .unwrap_or((0, 0));
    let rate = |part: i64| (published > 0).then(|| (part as f64) * 100.0 / (published as f64));
    Ok(match key {
        "disclosure.published" if published > 0 || expected > 0 => Some(published as f64),
        "disclosure.on_time_rate" => rate(on_time),
        "disclosure.channel_completeness" => rate(complete),
        "disclosure.missing_recurring" if expected > 0 => Some(missing as f64),
        _ => None,
    })
}
