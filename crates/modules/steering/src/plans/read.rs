//! Reading plans and tasks: a plan, a committee's plans, a plan's tasks with their lower
//! copies and rolled-up progress, and who is late below a committee.

use chrono::NaiveDate;
use dinh_platform::db::{Db, query};
use dinh_platform::units::store as units;

use crate::committees::Committee;

use super::*;

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
