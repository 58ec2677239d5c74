//! Reminders (nhắc hạn) on a committee's workspace: its own open tasks past their due date and
//! those due within the next days. Computed when the page is read from the due dates and
//! statuses, so no scheduled job has to keep anything up to date.

use chrono::{Days, NaiveDate};
use dinh_platform::db::{Db, query};

use super::{TASK_SELECT, TaskRow, TaskView};

/// How many days ahead a task counts as due soon.
pub const DUE_SOON_DAYS: u64 = 7;

/// A committee's open tasks to act on.
#[derive(Debug, Clone, Default)]
pub struct Reminders {
    /// Past their due date, oldest first.
    pub overdue: Vec<TaskView>,
    /// Due from today to [`DUE_SOON_DAYS`] ahead, soonest first.
    pub due_soon: Vec<TaskView>,
}

/// The open tasks of `committee_id` overdue on `today` or due within [`DUE_SOON_DAYS`].
pub async fn reminders(db: &Db, committee_id: i64, today: NaiveDate) -> sqlx::Result<Reminders> {
    let today_s = today.format("%Y-%m-%d").to_string();
    let horizon = today
        .checked_add_days(Days::new(DUE_SOON_DAYS))
        .unwrap_or(today)
        .format("%Y-%m-%d")
        .to_string();
    let rows: Vec<TaskRow> = db
        .fetch_all(
            &query(format!(
                "{TASK_SELECT} WHERE t.committee_id = $1 AND t.status <> 'done' AND t.due_on <= $2
                 ORDER BY t.due_on, t.id"
            ))
            .bind(committee_id)
            .bind(&horizon),
        )
        .await?;
    let mut out = Reminders::default();
    for row in rows {
        let view = row.view(&today_s);
        if view.late {
            out.overdue.push(view);
        } else {
            out.due_soon.push(view);
        }
    }
    Ok(out)
}
