//! The officer's reminders (nhắc việc): open clocks of the cases in a unit's scope that run out
//! within the reminder horizon (two working days) or already have, the viewer's own cases
//! first. Read from the clocks themselves, so the list is right even before the hourly
//! reminder job has run.

use chrono::NaiveDate;
use dinh_platform::accounts::Principal;
use dinh_platform::db::{Db, query};
use dinh_platform::units::Unit;
use dinh_platform::web::AppError;
use serde::Serialize;

use super::scope::allow;
use crate::permissions::VIEW;

/// One reminder: a clock that is due soon or overdue.
#[derive(Debug, Clone, Serialize, sqlx::FromRow, utoipa::ToSchema)]
pub struct Reminder {
    /// Case id.
    pub case_id: i64,
    /// Tracking code.
    pub tracking_code: String,
    /// Case kind.
    pub kind: String,
    /// Subject (stripped for a denunciation).
    pub subject: String,
    /// Clock name (`complaint.resolve`, …).
    pub clock: String,
    /// Due date (ISO).
    pub due_on: String,
    /// The case is assigned to the viewer.
    pub mine: bool,
}

impl Reminder {
    /// Overdue on `today`.
    pub fn overdue(&self, today: NaiveDate) -> bool {
        self.due_on.as_str() < today.format("%Y-%m-%d").to_string().as_str()
    }
}

/// The reminders of `unit`'s scope for `principal` (who needs [`VIEW`] there): open clocks due
/// on or before `horizon`, the viewer's own cases first, then by due date; at most `limit`.
pub async fn reminders(
    db: &Db,
    principal: Option<&Principal>,
    unit: &Unit,
    horizon: NaiveDate,
    limit: i64,
) -> Result<Vec<Reminder>, AppError> {
    allow(principal, &VIEW, unit)?;
    let me = principal.map_or(-1, |p| p.account_id);
    let (prefix, scope) = match unit.depth {
        0 => ("", "c.province_id = $1"),
        1 => ("", "c.commune_id = $1"),
        _ => (
            dinh_platform::units::store::SUBTREE_CTE,
            "c.unit_id IN (SELECT id FROM subtree)",
        ),
    };
    let sql = format!(
        "{prefix} SELECT c.id AS case_id, c.tracking_code, c.kind, c.subject, k.clock, k.due_on,
                CASE WHEN c.handler_account_id = $3 THEN TRUE ELSE FALSE END AS mine
         FROM petition_cases c JOIN petition_clocks k ON k.case_id = c.id
         WHERE {scope} AND c.is_open = TRUE AND c.next_due <= $2
           AND k.done_on IS NULL AND k.due_on <= $2
         ORDER BY mine DESC, k.due_on, c.id, k.id
         LIMIT {}",
        limit.clamp(1, 500)
    );
    Ok(db
        .fetch_all(&query(sql).bind(unit.id).bind(horizon).bind(me))
        .await?)
}
