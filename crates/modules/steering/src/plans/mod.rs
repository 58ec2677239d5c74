//! Plans (kế hoạch năm, 6 tháng) and their tasks (nhiệm vụ). A task assigned to lower
//! committees appears in each of their plans as a child task and reports its progress back
//! up; the parent sees each lower committee's state and who is late.
//!
//! - `read.rs`: a plan, a committee's plans, a plan's tasks with their copies below, who is late;
//! - `write.rs`: new plans and tasks, cascading to lower committees' plans;
//! - `progress.rs`: progress notes with evidence links, rolling up;
//! - `reminders.rs`: the committee's own tasks due soon or overdue;
//! - `templates.rs`: task templates for recurring work, instantiated into a plan.

mod progress;
mod read;
mod reminders;
pub mod templates;
mod write;

pub use progress::{notes, record_progress};
pub use read::{late, plan, plans, tasks};
pub use reminders::{DUE_SOON_DAYS, Reminders, reminders};
pub(crate) use write::add_task_in;
pub use write::{add_task, create_plan};

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

/// A plan of a committee.
#[derive(Debug, Clone, Serialize, sqlx::FromRow, ToSchema)]
pub struct Plan {
    /// Id.
    pub id: i64,
    /// Committee.
    pub committee_id: i64,
    /// `year` or `half` (or `quarter`).
    pub kind: String,
    /// Title ("Kế hoạch thực hiện QCDC ở cơ sở 6 tháng đầu năm 2026").
    pub title: String,
    /// First day (ISO).
    pub period_from: String,
    /// Last day (ISO).
    pub period_to: String,
}

/// Input for a new plan.
#[derive(Debug, Clone, Deserialize, ToSchema)]
pub struct NewPlan {
    /// `year`, `half` or `quarter`.
    pub kind: String,
    /// Title.
    pub title: String,
    /// First day.
    pub period_from: NaiveDate,
    /// Last day.
    pub period_to: NaiveDate,
}

/// Input for a new task.
#[derive(Debug, Clone, Default, Deserialize, ToSchema)]
pub struct NewTask {
    /// What is to be done.
    pub content: String,
    /// Who answers for it: a member or a body.
    pub owner: String,
    /// Due date, within the plan's period.
    pub due_on: Option<NaiveDate>,
    /// Codes of the units whose committees it is assigned to (strictly below this one).
    #[serde(default)]
    pub assign_to: Vec<String>,
}

/// A progress report on a task.
#[derive(Debug, Clone, Deserialize, ToSchema)]
pub struct Progress {
    /// Day of the report.
    pub noted_on: NaiveDate,
    /// Per cent done, 0-100; 100 marks the task done.
    pub progress: i64,
    /// What was done.
    pub note: String,
    /// A link to the evidence (document, photo, news item), if any.
    #[serde(default)]
    pub evidence_url: String,
}

/// A task as a plan shows it, with its lower committees' copies.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct TaskView {
    /// Id.
    pub id: i64,
    /// Content.
    pub content: String,
    /// Owner.
    pub owner: String,
    /// Due date (ISO).
    pub due_on: String,
    /// `open` or `done`.
    pub status: String,
    /// Per cent done (for a cascaded task: the mean of the lower committees').
    pub progress: i64,
    /// Day it was done (ISO).
    pub done_on: Option<String>,
    /// Unit code of the committee that holds it.
    pub unit_code: String,
    /// Unit name of the committee that holds it.
    pub unit_name: String,
    /// Open past its due date.
    pub late: bool,
    /// The meeting whose conclusion it came from.
    pub meeting_id: Option<i64>,
    /// The task it was assigned from, if any.
    pub parent_task_id: Option<i64>,
    /// Its copies in lower committees' plans.
    #[schema(no_recursion)]
    pub lower: Vec<TaskView>,
}

#[derive(sqlx::FromRow)]
struct TaskRow {
    id: i64,
    parent_task_id: Option<i64>,
    meeting_id: Option<i64>,
    content: String,
    owner: String,
    due_on: String,
    status: String,
    progress: i32,
    done_on: Option<String>,
    code: String,
    unit_name: String,
}

impl TaskRow {
    fn view(self, today: &str) -> TaskView {
        TaskView {
            late: self.status != "done" && self.due_on.as_str() < today,
            id: self.id,
            content: self.content,
            owner: self.owner,
            due_on: self.due_on,
            status: self.status,
            progress: i64::from(self.progress),
            done_on: self.done_on,
            unit_code: self.code,
            unit_name: self.unit_name,
            meeting_id: self.meeting_id,
            parent_task_id: self.parent_task_id,
            lower: Vec::new(),
        }
    }
}

const TASK_SELECT: &str = "SELECT t.id, t.parent_task_id, t.meeting_id, t.content, t.owner,
        t.due_on, t.status, t.progress, t.done_on, u.code, u.name AS unit_name
    FROM steering_tasks t JOIN steering_committees c ON c.id = t.committee_id
    JOIN units u ON u.id = c.unit_id";
