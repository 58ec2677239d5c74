//! Task templates for recurring work (mẫu nhiệm vụ thường kỳ): the yearly and six-month
//! reviews, the heads' citizen reception plans, consolidating the lower committees' reports.
//! They are data (`data/task_templates.toml`, shipped with the module); one is added to a plan
//! at once, with due dates counted from the plan's period, in one transaction.

use chrono::{Days, NaiveDate};
use dinh_platform::db::Db;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use super::{NewTask, add_task_in, plan};
use crate::committees;
use crate::permissions::MANAGE;
use crate::{Actor, StoreError};

/// The templates shipped with the module.
const SHIPPED: &str = include_str!("../../data/task_templates.toml");

/// A set of recurring tasks.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct TaskTemplate {
    /// Stable key (`yearly_review`).
    pub key: String,
    /// Name in Vietnamese.
    pub name_vi: String,
    /// Name in English.
    pub name_en: String,
    /// Its tasks.
    #[serde(rename = "task")]
    pub tasks: Vec<TemplateTask>,
}

/// One task of a template.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct TemplateTask {
    /// What is to be done.
    pub content: String,
    /// Who answers for it.
    pub owner: String,
    /// When, from the plan's period: `start+N`, `end-N` or `end`.
    pub due: String,
    /// Also given to every lower committee.
    #[serde(default)]
    pub assign_down: bool,
}

#[derive(Deserialize)]
struct File {
    template: Vec<TaskTemplate>,
}

/// Every template, in the file's order.
pub fn all() -> Result<Vec<TaskTemplate>, StoreError> {
    toml::from_str::<File>(SHIPPED)
        .map(|f| f.template)
        .map_err(|e| StoreError::Other(anyhow::anyhow!("task templates: {e}")))
}

/// The due date `spec` means for a plan running `from..=to`, kept inside the period.
pub fn due_on(spec: &str, from: NaiveDate, to: NaiveDate) -> Option<NaiveDate> {
    let spec = spec.trim();
    let day = if spec == "end" {
        to
    } else if spec == "start" {
        from
    } else if let Some(n) = spec.strip_prefix("start+") {
        from.checked_add_days(Days::new(n.parse().ok()?))?
    } else if let Some(n) = spec.strip_prefix("end-") {
        to.checked_sub_days(Days::new(n.parse().ok()?))?
    } else {
        return None;
    };
    Some(day.clamp(from, to))
}

/// Adds the tasks of template `key` to plan `plan_id`; those marked `assign_down` go to every
/// lower committee whose unit exists at the plan's end. Returns the new tasks' ids.
pub async fn instantiate(
    db: &Db,
    actor: Actor<'_>,
    plan_id: i64,
    key: &str,
) -> Result<Vec<i64>, StoreError> {
    let plan = plan(db, plan_id).await?.ok_or(StoreError::NotFound)?;
    let (_, unit) = committees::with_unit(db, plan.committee_id).await?;
    actor.may(&MANAGE, &unit)?;
    let template = all()?
        .into_iter()
        .find(|t| t.key == key)
        .ok_or_else(|| StoreError::invalid("template", format!("no template is named '{key}'")))?;
    let date = |iso: &str| {
        NaiveDate::parse_from_str(iso, "%Y-%m-%d")
            .map_err(|_| StoreError::invalid("plan", format!("stored date '{iso}' is not ISO")))
    };
    let (from, to) = (date(&plan.period_from)?, date(&plan.period_to)?);
    let lower: Vec<String> = committees::below(db, &unit)
        .await?
        .into_iter()
        .filter(|(_, u)| u.existed_on(to))
        .map(|(_, u)| u.code)
        .collect();
    let mut tx = db.begin().await?;
    let mut ids = Vec::with_capacity(template.tasks.len());
    for task in template.tasks {
        let due = due_on(&task.due, from, to).ok_or_else(|| {
            StoreError::invalid("template", format!("'{}' is not a due date rule", task.due))
        })?;
        let input = NewTask {
            content: task.content,
            owner: task.owner,
            due_on: Some(due),
            assign_to: if task.assign_down {
                lower.clone()
            } else {
                Vec::new()
            },
        };
        ids.push(add_task_in(db, &mut tx, actor, plan_id, input, None).await?);
    }
    tx.commit().await?;
    Ok(ids)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_shipped_templates_parse_and_every_due_date_rule_is_understood() {
        let all = all().unwrap_or_default();
        assert!(all.len() >= 4);
        let (from, to) = (
            NaiveDate::from_ymd_opt(2026, 7, 1).unwrap_or_default(),
            NaiveDate::from_ymd_opt(2026, 12, 31).unwrap_or_default(),
        );
        for t in &all {
            assert!(!t.tasks.is_empty(), "{}", t.key);
            for task in &t.tasks {
                assert!(
                    due_on(&task.due, from, to).is_some(),
                    "{}: {}",
                    t.key,
                    task.due
                );
            }
        }
        assert_eq!(
            due_on("end-45", from, to),
            NaiveDate::from_ymd_opt(2026, 11, 16)
        );
        assert_eq!(
            due_on("start+15", from, to),
            NaiveDate::from_ymd_opt(2026, 7, 16)
        );
        // A quarter is shorter than the rule: kept inside the period.
        let q = NaiveDate::from_ymd_opt(2026, 10, 1).unwrap_or_default();
        assert_eq!(due_on("end-200", q, to), Some(q));
        assert_eq!(due_on("next week", from, to), None);
    }
}
