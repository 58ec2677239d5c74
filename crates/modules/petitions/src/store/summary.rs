//! The monthly summary of each unit's petitions (`petition_unit_months`): received by kind in
//! the month of receipt, resolutions (giải quyết) and those on time in the month they were
//! given. Kept in the transaction of every write that changes them (receipt, closing a clock),
//! so the steering reports read whole months from it instead of the cases
//! ([`crate::indicators::values`]).

use chrono::NaiveDate;
use dinh_platform::db::{Db, Tx, query};

use crate::kinds::CaseKind;

/// The clocks whose closing is a resolution (giải quyết, trả lời).
pub const RESOLUTION_CLOCKS: [&str; 3] = ["complaint.resolve", "denunciation.resolve", "answer"];

/// `yyyy-mm` of an ISO date.
pub fn month(date: &str) -> String {
    date.chars().take(7).collect()
}

/// Counts a petition received at `unit_id` on `on`.
pub(crate) async fn count_received(
    tx: &mut Tx,
    unit_id: i64,
    on: NaiveDate,
    kind: CaseKind,
) -> anyhow::Result<()> {
    let (c, d, r) = match kind {
        CaseKind::Complaint => (1_i64, 0_i64, 0_i64),
        CaseKind::Denunciation => (0, 1, 0),
        CaseKind::Recommendation | CaseKind::Report => (0, 0, 1),
        CaseKind::Dispute => (0, 0, 0),
    };
    tx.execute(
        &query(
            "INSERT INTO petition_unit_months (unit_id, month, received, complaints, denunciations, recommendations_reports, resolved, resolved_on_time)
             VALUES ($1, $2, 1, $3, $4, $5, 0, 0)
             ON CONFLICT (unit_id, month) DO UPDATE SET
                received = petition_unit_months.received + 1,
                complaints = petition_unit_months.complaints + excluded.complaints,
                denunciations = petition_unit_months.denunciations + excluded.denunciations,
                recommendations_reports = petition_unit_months.recommendations_reports + excluded.recommendations_reports",
        )
        .bind(unit_id)
        .bind(month(&on.to_string()))
        .bind(c)
        .bind(d)
        .bind(r),
    )
    .await?;
    Ok(())
}

/// Counts the clocks of case `case_id` just closed on `on` (`closed`: each clock's name and
/// due date) that are resolutions.
pub(crate) async fn count_closed(
    tx: &mut Tx,
    case_id: i64,
    on: NaiveDate,
    closed: &[(String, String)],
) -> anyhow::Result<()> {
    let on_iso = on.format("%Y-%m-%d").to_string();
    let (mut resolved, mut on_time) = (0_i64, 0_i64);
    for (clock, due_on) in closed {
        if RESOLUTION_CLOCKS.contains(&clock.as_str()) {
            resolved += 1;
            on_time += i64::from(on_iso.as_str() <= due_on.as_str());
        }
    }
    if resolved == 0 {
        return Ok(());
    }
    tx.execute(
        &query(
            "INSERT INTO petition_unit_months (unit_id, month, received, complaints, denunciations, recommendations_reports, resolved, resolved_on_time)
             SELECT unit_id, $2, 0, 0, 0, 0, $3, $4 FROM petition_cases WHERE id = $1
             ON CONFLICT (unit_id, month) DO UPDATE SET
                resolved = petition_unit_months.resolved + excluded.resolved,
                resolved_on_time = petition_unit_months.resolved_on_time + excluded.resolved_on_time",
        )
        .bind(case_id)
        .bind(month(&on_iso))
        .bind(resolved)
        .bind(on_time),
    )
    .await?;
    Ok(())
}

/// Rebuilds the summary from the cases and clocks (after a bulk load or a restore).
pub async fn rebuild_summary(db: &Db) -> anyhow::Result<()> {
    let sql = include_str!("../../migrations/005_unit_months.sql");
    let insert = &sql[sql
        .find("INSERT INTO petition_unit_months")
        .ok_or_else(|| anyhow::anyhow!("summary statement missing"))?..];
    let mut tx = db.begin().await?;
    tx.execute(&query("DELETE FROM petition_unit_months"))
        .await?;
    tx.execute(&query(insert.trim().trim_end_matches(';')))
        .await?;
    tx.commit().await?;
    Ok(())
}
