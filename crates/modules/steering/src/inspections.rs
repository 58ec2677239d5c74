//! Inspections of lower committees (kiểm tra Ban Chỉ đạo cấp dưới): findings, and
//! recommendations with due dates that are followed up until answered.

use chrono::NaiveDate;
use dinh_platform::audit::{self, Change};
use dinh_platform::db::{Db, ids::next_id, query};
use serde::{Deserialize, Serialize};
use serde_json::json;
use utoipa::ToSchema;

use crate::committees;
use crate::permissions::{MANAGE, REPORT_PROGRESS};
use crate::{Actor, StoreError};

/// A recommendation (kiến nghị) to the inspected committee.
#[derive(Debug, Clone, Deserialize, ToSchema)]
pub struct NewRecommendation {
    /// What is to be fixed.
    pub content: String,
    /// By when.
    pub due_on: NaiveDate,
}

/// Input for an inspection.
#[derive(Debug, Clone, Deserialize, ToSchema)]
pub struct NewInspection {
    /// Code of the inspected unit (its committee must be below the inspecting one).
    pub target_unit_code: String,
    /// Day of the inspection.
    pub planned_on: NaiveDate,
    /// Subject.
    pub subject: String,
    /// Findings (may be written after the visit).
    #[serde(default)]
    pub findings: String,
    /// Recommendations.
    #[serde(default)]
    pub recommendations: Vec<NewRecommendation>,
}

/// A recommendation as followed up.
#[derive(Debug, Clone, Serialize, sqlx::FromRow, ToSchema)]
pub struct Recommendation {
    /// Id.
    pub id: i64,
    /// Inspection.
    pub inspection_id: i64,
    /// Inspected unit's name.
    pub unit_name: String,
    /// Content.
    pub content: String,
    /// Due (ISO).
    pub due_on: String,
    /// Answered (ISO).
    pub answered_on: Option<String>,
    /// The answer.
    pub answer: String,
}

/// Plans an inspection of a lower committee with its recommendations.
pub async fn create(
    db: &Db,
    actor: Actor<'_>,
    committee_id: i64,
    input: NewInspection,
) -> Result<i64, StoreError> {
    let (committee, unit) = committees::with_unit(db, committee_id).await?;
    actor.may(&MANAGE, &unit)?;
    let target = committees::below(db, &unit)
        .await?
        .into_iter()
        .find(|(_, u)| u.code == input.target_unit_code.trim())
        .ok_or_else(|| {
            StoreError::invalid(
                "target_unit_code",
                format!(
                    "unit {} has no steering committee below {}",
                    input.target_unit_code, unit.name
                ),
            )
        })?;
    if input.subject.trim().is_empty() {
        return Err(StoreError::invalid("subject", "is required"));
    }
    for r in &input.recommendations {
        if r.content.trim().is_empty() {
            return Err(StoreError::invalid(
                "recommendations",
                "a recommendation is empty",
            ));
        }
        if r.due_on < input.planned_on {
            return Err(StoreError::invalid(
                "recommendations",
                "a recommendation is due before the inspection",
            ));
        }
    }
    let id = next_id();
    let mut tx = db.begin().await?;
    tx.execute(
        &query(
            "INSERT INTO steering_inspections (id, committee_id, target_committee_id, planned_on,
               subject, findings, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7)",
        )
        .bind(id)
        .bind(committee.id)
        .bind(target.0.id)
        .bind(input.planned_on)
        .bind(input.subject.trim())
        .bind(input.findings.trim())
        .bind(dinh_platform::time::now_rfc3339()),
    )
    .await?;
    for r in &input.recommendations {
        tx.execute(
            &query(
                "INSERT INTO steering_recommendations (id, inspection_id, content, due_on, answered_on, answer)
                 VALUES ($1, $2, $3, $4, NULL, '')",
            )
            .bind(next_id())
            .bind(id)
            .bind(r.content.trim())
            .bind(r.due_on),
        )
        .await?;
    }
    let actor_s = actor.audit();
    audit::record(
        &mut tx,
        Change {
            actor: &actor_s,
            action: "steering.inspection.create",
            object_type: "steering_inspection",
            object_id: &id.to_string(),
            before: None,
            after: Some(json!({"committee": committee.id, "target": target.1.code,
                               "subject": input.subject.trim(),
                               "recommendations": input.recommendations.len()})),
        },
    )
    .await?;
    tx.commit().await?;
    Ok(id)
}

/// The inspected committee answers a recommendation.
pub async fn answer(
    db: &Db,
    actor: Actor<'_>,
    recommendation_id: i64,
    answered_on: NaiveDate,
    text: &str,
) -> Result<(), StoreError> {
    let (target_committee,): (i64,) = db
        .fetch_optional(
            &query(
                "SELECT i.target_committee_id FROM steering_recommendations r
                 JOIN steering_inspections i ON i.id = r.inspection_id WHERE r.id = $1",
            )
            .bind(recommendation_id),
        )
        .await?
        .ok_or(StoreError::NotFound)?;
    let (_, unit) = committees::with_unit(db, target_committee).await?;
    actor.may(&REPORT_PROGRESS, &unit)?;
    if text.trim().is_empty() {
        return Err(StoreError::invalid("answer", "say what was done"));
    }
    let mut tx = db.begin().await?;
    tx.execute(
        &query("UPDATE steering_recommendations SET answered_on = $1, answer = $2 WHERE id = $3")
            .bind(answered_on)
            .bind(text.trim())
            .bind(recommendation_id),
    )
    .await?;
    let actor_s = actor.audit();
    audit::record(
        &mut tx,
        Change {
            actor: &actor_s,
            action: "steering.recommendation.answer",
            object_type: "steering_recommendation",
            object_id: &recommendation_id.to_string(),
            before: None,
            after: Some(json!({"answered_on": answered_on, "answer": text.trim()})),
        },
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

/// Recommendations of the committee's inspections, unanswered first, by due date.
pub async fn recommendations(db: &Db, committee_id: i64) -> sqlx::Result<Vec<Recommendation>> {
    db.fetch_all(
        &query(
            "SELECT r.id, r.inspection_id, u.name AS unit_name, r.content, r.due_on, r.answered_on, r.answer
             FROM steering_recommendations r JOIN steering_inspections i ON i.id = r.inspection_id
             JOIN steering_committees c ON c.id = i.target_committee_id JOIN units u ON u.id = c.unit_id
             WHERE i.committee_id = $1
             ORDER BY CASE WHEN r.answered_on IS NULL THEN 0 ELSE 1 END, r.due_on",
        )
        .bind(committee_id),
    )
    .await
}

/// Recommendations made to the committee by the inspections of higher committees (what it
/// must answer), unanswered first, by due date.
pub async fn received(db: &Db, committee_id: i64) -> sqlx::Result<Vec<Recommendation>> {
    db.fetch_all(
        &query(
            "SELECT r.id, r.inspection_id, u.name AS unit_name, r.content, r.due_on, r.answered_on, r.answer
             FROM steering_recommendations r JOIN steering_inspections i ON i.id = r.inspection_id
             JOIN steering_committees c ON c.id = i.committee_id JOIN units u ON u.id = c.unit_id
             WHERE i.target_committee_id = $1
             ORDER BY CASE WHEN r.answered_on IS NULL THEN 0 ELSE 1 END, r.due_on",
        )
        .bind(committee_id),
    )
    .await
}
