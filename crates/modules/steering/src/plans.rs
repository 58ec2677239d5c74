//! Plans (kế hoạch năm, 6 tháng) and their tasks (nhiệm vụ). A task assigned to lower
//! committees appears in each of their plans as a child task and reports its progress back
//! up; the parent sees each lower committee's state and who is late.

use chrono::NaiveDate;
use dinh_platform::audit::{self, Change};
use dinh_platform::db::{Db, Tx, ids::next_id, query};
use dinh_platform::units::store as units;
use serde::{Deserialize, Serialize};
use serde_json::json;
use utoipa::ToSchema;

use crate::committees::{self, Committee};
use crate::permissions::{MANAGE, REPORT_PROGRESS};
use crate::{Actor, StoreError};

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

/// A plan by id.
pub async fn plan(db: &Db, id: i64) -> sqlx::Result<Option<Plan>> {
    db.fetch_optional(
        &query(
            "SELECT id, committee_id, kind, title, period_from, period_to FROM steering_plans
             WHERE id = $1",
        )
        .bind(id),
    )
    .await
}

/// Plans of a committee, newest first.
pub async fn plans(db: &Db, committee_id: i64) -> sqlx::Result<Vec<Plan>> {
    db.fetch_all(
        &query(
            "SELECT id, committee_id, kind, title, period_from, period_to FROM steering_plans
             WHERE committee_id = $1 ORDER BY period_from DESC, kind",
        )
        .bind(committee_id),
    )
    .await
}

/// The tasks of a plan with, for each cascaded one, its copies below and a progress that is
/// the mean of theirs; `today` decides lateness.
pub async fn tasks(db: &Db, plan_id: i64, today: NaiveDate) -> sqlx::Result<Vec<TaskView>> {
    let today = today.format("%Y-%m-%d").to_string();
    let own: Vec<TaskRow> = db
        .fetch_all(
            &query(format!(
                "{TASK_SELECT} WHERE t.plan_id = $1 ORDER BY t.due_on, t.id"
            ))
            .bind(plan_id),
        )
        .await?;
    let lower: Vec<TaskRow> = db
        .fetch_all(
            &query(format!(
                "{TASK_SELECT} WHERE t.parent_task_id IN (SELECT id FROM steering_tasks WHERE plan_id = $1)
                 ORDER BY u.name"
            ))
            .bind(plan_id),
        )
        .await?;
    let mut views: Vec<TaskView> = own.into_iter().map(|r| r.view(&today)).collect();
    for row in lower {
        let child = row.view(&today);
        if let Some(parent) = views
            .iter_mut()
            .find(|v| Some(v.id) == child.parent_task_id)
        {
            parent.lower.push(child);
        }
    }
    for v in &mut views {
        if !v.lower.is_empty() && v.status != "done" {
            let sum: i64 = v.lower.iter().map(|c| c.progress).sum();
            v.progress = sum / i64::try_from(v.lower.len()).unwrap_or(1);
        }
    }
    Ok(views)
}

/// Open tasks past their due date in the committee's unit and every unit below: who is late.
pub async fn late(db: &Db, committee: &Committee, today: NaiveDate) -> sqlx::Result<Vec<TaskView>> {
    let unit = units::by_id(db, committee.unit_id).await?;
    let path = unit.map(|u| u.path).unwrap_or_default();
    let today_s = today.format("%Y-%m-%d").to_string();
    let rows: Vec<TaskRow> = db
        .fetch_all(
            &query(format!(
                "{TASK_SELECT} WHERE u.path LIKE $1 AND t.status <> 'done' AND t.due_on < $2
                 ORDER BY u.depth, u.name, t.due_on"
            ))
            .bind(format!("{path}%"))
            .bind(&today_s),
        )
        .await?;
    Ok(rows.into_iter().map(|r| r.view(&today_s)).collect())
}

/// Creates a plan.
pub async fn create_plan(
    db: &Db,
    actor: Actor<'_>,
    committee_id: i64,
    input: NewPlan,
) -> Result<i64, StoreError> {
    let (committee, unit) = committees::with_unit(db, committee_id).await?;
    actor.may(&MANAGE, &unit)?;
    if !matches!(input.kind.as_str(), "year" | "half" | "quarter") {
        return Err(StoreError::invalid(
            "kind",
            "a plan is for a year, a half-year or a quarter",
        ));
    }
    if input.title.trim().is_empty() {
        return Err(StoreError::invalid("title", "is required"));
    }
    if input.period_to < input.period_from {
        return Err(StoreError::invalid(
            "period_to",
            "the plan ends before it starts",
        ));
    }
    let mut tx = db.begin().await?;
    let id = insert_plan(&mut tx, &actor, &committee, &input).await?;
    tx.commit().await?;
    Ok(id)
}

async fn insert_plan(
    tx: &mut Tx,
    actor: &Actor<'_>,
    committee: &Committee,
    input: &NewPlan,
) -> sqlx::Result<i64> {
    let id = next_id();
    tx.execute(
        &query(
            "INSERT INTO steering_plans (id, committee_id, kind, title, period_from, period_to, created_at)
             VALUES ($1, $2, $3, $4, $5, $6, $7)",
        )
        .bind(id)
        .bind(committee.id)
        .bind(&input.kind)
        .bind(input.title.trim())
        .bind(input.period_from)
        .bind(input.period_to)
        .bind(dinh_platform::time::now_rfc3339()),
    )
    .await?;
    let actor_s = actor.audit();
    audit::record(
        tx,
        Change {
            actor: &actor_s,
            action: "steering.plan.create",
            object_type: "steering_plan",
            object_id: &id.to_string(),
            before: None,
            after: Some(
                json!({"committee": committee.id, "kind": input.kind, "title": input.title,
                               "from": input.period_from, "to": input.period_to}),
            ),
        },
    )
    .await?;
    Ok(id)
}

/// Adds a task to a plan; when it is assigned to lower committees, each gets a copy in its
/// plan for the same period (made if missing). Everything is checked before anything is written.
pub async fn add_task(
    db: &Db,
    actor: Actor<'_>,
    plan_id: i64,
    input: NewTask,
) -> Result<i64, StoreError> {
    let mut tx = db.begin().await?;
    let id = add_task_in(db, &mut tx, actor, plan_id, input, None).await?;
    tx.commit().await?;
    Ok(id)
}

/// [`add_task`] inside a transaction (meetings turn conclusions into tasks with it).
pub(crate) async fn add_task_in(
    db: &Db,
    tx: &mut Tx,
    actor: Actor<'_>,
    plan_id: i64,
    input: NewTask,
    meeting_id: Option<i64>,
) -> Result<i64, StoreError> {
    let plan = plan(db, plan_id).await?.ok_or(StoreError::NotFound)?;
    let (committee, unit) = committees::with_unit(db, plan.committee_id).await?;
    actor.may(&MANAGE, &unit)?;
    let content = input.content.trim().to_owned();
    if content.is_empty() {
        return Err(StoreError::invalid("content", "is required"));
    }
    let owner = input.owner.trim().to_owned();
    if owner.is_empty() {
        return Err(StoreError::invalid(
            "owner",
            "name the member or body answering for the task",
        ));
    }
    let due = input
        .due_on
        .ok_or_else(|| StoreError::invalid("due_on", "is required"))?;
    let due_s = due.format("%Y-%m-%d").to_string();
    if due_s < plan.period_from {
        return Err(StoreError::invalid(
            "due_on",
            format!(
                "{} is before the plan starts ({})",
                due.format("%d/%m/%Y"),
                dinh_platform::time::show_date(&plan.period_from)
            ),
        ));
    }
    if due_s > plan.period_to {
        return Err(StoreError::invalid(
            "due_on",
            format!(
                "{} is after the plan ends ({})",
                due.format("%d/%m/%Y"),
                dinh_platform::time::show_date(&plan.period_to)
            ),
        ));
    }
    let mut lower = Vec::new();
    let below = committees::below(db, &unit).await?;
    for code in input
        .assign_to
        .iter()
        .map(|c| c.trim())
        .filter(|c| !c.is_empty())
    {
        let found = below.iter().find(|(_, u)| u.code == code).ok_or_else(|| {
            StoreError::invalid(
                "assign_to",
                format!("unit {code} has no steering committee below {}", unit.name),
            )
        })?;
        if !lower
            .iter()
            .any(|(c, _): &(Committee, _)| c.id == found.0.id)
        {
            lower.push(found.clone());
        }
    }
    let now = dinh_platform::time::now_rfc3339();
    let id = next_id();
    insert_task(
        tx,
        id,
        plan.id,
        committee.id,
        None,
        meeting_id,
        &content,
        &owner,
        &due_s,
        &now,
    )
    .await?;
    let actor_s = actor.audit();
    let codes: Vec<&str> = lower.iter().map(|(_, u)| u.code.as_str()).collect();
    audit::record(
        tx,
        Change {
            actor: &actor_s,
            action: "steering.task.create",
            object_type: "steering_task",
            object_id: &id.to_string(),
            before: None,
            after: Some(json!({"plan": plan.id, "content": content, "owner": owner,
                               "due_on": due_s, "assigned_to": codes, "meeting": meeting_id})),
        },
    )
    .await?;
    for (lower_committee, lower_unit) in &lower {
        let lower_plan: Option<(i64,)> = tx
            .fetch_optional(
                &query(
                    "SELECT id FROM steering_plans WHERE committee_id = $1 AND period_from = $2
                       AND period_to = $3 ORDER BY created_at LIMIT 1",
                )
                .bind(lower_committee.id)
                .bind(&plan.period_from)
                .bind(&plan.period_to),
            )
            .await?;
        let lower_plan = match lower_plan {
            Some((pid,)) => pid,
            None => {
                let new = NewPlan {
                    kind: plan.kind.clone(),
                    title: format!("{} ({} giao)", plan.title, committee.name),
                    period_from: parse(&plan.period_from, "period_from")?,
                    period_to: parse(&plan.period_to, "period_to")?,
                };
                insert_plan(tx, &actor, lower_committee, &new).await?
            }
        };
        let child = next_id();
        insert_task(
            tx,
            child,
            lower_plan,
            lower_committee.id,
            Some(id),
            None,
            &content,
            &format!("Ban Chỉ đạo {}", lower_unit.name),
            &due_s,
            &now,
        )
        .await?;
        audit::record(
            tx,
            Change {
                actor: &actor_s,
                action: "steering.task.assign",
                object_type: "steering_task",
                object_id: &child.to_string(),
                before: None,
                after: Some(json!({"parent_task": id, "unit": lower_unit.code, "due_on": due_s})),
            },
        )
        .await?;
    }
    Ok(id)
}

fn parse(iso: &str, field: &'static str) -> Result<NaiveDate, StoreError> {
    NaiveDate::parse_from_str(iso, "%Y-%m-%d")
        .map_err(|_| StoreError::invalid(field, format!("stored date '{iso}' is not ISO")))
}

#[allow(clippy::too_many_arguments)]
async fn insert_task(
    tx: &mut Tx,
    id: i64,
    plan_id: i64,
    committee_id: i64,
    parent: Option<i64>,
    meeting_id: Option<i64>,
    content: &str,
    owner: &str,
    due: &str,
    now: &str,
) -> sqlx::Result<u64> {
    tx.execute(
        &query(
            "INSERT INTO steering_tasks (id, plan_id, committee_id, parent_task_id, meeting_id,
               content, owner, due_on, status, progress, done_on, created_at, updated_at)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, 'open', 0, NULL, $9, $9)",
        )
        .bind(id)
        .bind(plan_id)
        .bind(committee_id)
        .bind(parent)
        .bind(meeting_id)
        .bind(content)
        .bind(owner)
        .bind(due)
        .bind(now),
    )
    .await
}

/// Records progress on a task of the actor's unit; at 100 % the task is done.
pub async fn record_progress(
    db: &Db,
    actor: Actor<'_>,
    task_id: i64,
    input: Progress,
) -> Result<(), StoreError> {
    let (committee_id, status, before): (i64, String, i32) = db
        .fetch_optional(
            &query("SELECT committee_id, status, progress FROM steering_tasks WHERE id = $1")
                .bind(task_id),
        )
        .await?
        .ok_or(StoreError::NotFound)?;
    let (_, unit) = committees::with_unit(db, committee_id).await?;
    actor.may(&REPORT_PROGRESS, &unit)?;
    if !(0..=100).contains(&input.progress) {
        return Err(StoreError::invalid(
            "progress",
            "write a per cent between 0 and 100",
        ));
    }
    if input.note.trim().is_empty() {
        return Err(StoreError::invalid("note", "say what was done"));
    }
    let url = input.evidence_url.trim();
    let link_like =
        url.starts_with("https://") || url.starts_with("http://") || url.starts_with('/');
    if !url.is_empty() && !link_like {
        return Err(StoreError::invalid(
            "evidence_url",
            "a link starts with https://, http:// or /",
        ));
    }
    if status == "done" {
        return Err(StoreError::invalid("progress", "the task is already done"));
    }
    let done = input.progress == 100;
    let now = dinh_platform::time::now_rfc3339();
    let mut tx = db.begin().await?;
    tx.execute(
        &query(
            "INSERT INTO steering_task_notes (id, task_id, noted_on, progress, note, evidence_url, author, created_at)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
        )
        .bind(next_id())
        .bind(task_id)
        .bind(input.noted_on)
        .bind(input.progress)
        .bind(input.note.trim())
        .bind(url)
        .bind(actor.name())
        .bind(&now),
    )
    .await?;
    tx.execute(
        &query(
            "UPDATE steering_tasks SET progress = $1, status = $2, done_on = $3, updated_at = $4
             WHERE id = $5",
        )
        .bind(input.progress)
        .bind(if done { "done" } else { "open" })
        .bind(done.then_some(input.noted_on))
        .bind(&now)
        .bind(task_id),
    )
    .await?;
    let actor_s = actor.audit();
    audit::record(
        &mut tx,
        Change {
            actor: &actor_s,
            action: "steering.task.progress",
            object_type: "steering_task",
            object_id: &task_id.to_string(),
            before: Some(json!({"progress": before, "status": status})),
            after: Some(
                json!({"progress": input.progress, "done": done, "note": input.note.trim(),
                               "evidence_url": url}),
            ),
        },
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

/// Progress notes of a task, oldest first: (day, per cent, note, evidence link, author).
pub async fn notes(
    db: &Db,
    task_id: i64,
) -> sqlx::Result<Vec<(String, i32, String, String, String)>> {
    db.fetch_all(
        &query(
            "SELECT noted_on, progress, note, evidence_url, author FROM steering_task_notes
             WHERE task_id = $1 ORDER BY noted_on, created_at",
        )
        .bind(task_id),
    )
    .await
}
