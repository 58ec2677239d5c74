//! Writing plans and tasks (lập kế hoạch, giao nhiệm vụ): a task assigned to lower committees
//! gets a copy in each of their plans for the same period, made when missing; everything is
//! checked before anything is written, and audited in the same transaction.

use chrono::NaiveDate;
use dinh_platform::accounts::Role;
use dinh_platform::audit::{self, Change};
use dinh_platform::db::{Db, Tx, ids::next_id, query};
use dinh_platform::notify::{self, Notice, Recipient};
use serde_json::json;

use crate::committees::{self, Committee};
use crate::permissions::MANAGE;
use crate::{Actor, StoreError};

use super::*;

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
        // The lower committee's members are told, with the link to the plan that now holds it.
        let notice = Notice::new(
            "steering.task_assigned",
            Recipient::RoleAt {
                role: Role::SteeringMember,
                unit_id: lower_unit.id,
            },
        )
        .value("task", content.clone())
        .value("from", committee.name.clone())
        .value("due", due.format("%d/%m/%Y").to_string())
        .link(format!("/steering/plans/{lower_plan}"));
        notify::queue(tx, &actor_s, &[notice]).await?;
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
