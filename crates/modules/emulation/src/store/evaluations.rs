//! An evaluation (khảo sát, đánh giá) of a model by the board: a score for each criterion
//! within its weight, the evaluator, the day and the conclusion; the model is recognised,
//! kept for review, or not recognised with the reason. Nobody evaluates a model they recorded
//! or whose registration they recorded.

use dinh_platform::audit::{self, Change};
use dinh_platform::db::ids::next_id;
use dinh_platform::db::{Db, query};
use dinh_platform::write::{Actor, WriteError};
use serde_json::json;

use super::{BODY_MAX, date_field, status};
use crate::permissions::EVALUATE;

/// What the board fills in to evaluate a model.
#[derive(Debug, Clone, Default)]
pub struct EvaluationInput {
    /// The model.
    pub model_id: i64,
    /// The day (dd/mm/yyyy).
    pub evaluated_on: String,
    /// The score of each criterion, in the campaign's order.
    pub scores: Vec<String>,
    /// [`status::RECOGNISED`], [`status::KEPT`] or [`status::REJECTED`].
    pub verdict: String,
    /// The conclusion; the reason when not recognised.
    pub conclusion: String,
}

/// The field of the score of the criterion at `position` (`score_1`, `score_2`, …).
pub fn score_field(position: i64) -> &'static str {
    const NAMES: [&str; super::CRITERIA_MAX] = [
        "score_1", "score_2", "score_3", "score_4", "score_5", "score_6", "score_7", "score_8",
        "score_9", "score_10", "score_11", "score_12", "score_13", "score_14", "score_15",
        "score_16", "score_17", "score_18", "score_19", "score_20", "score_21", "score_22",
        "score_23", "score_24", "score_25", "score_26", "score_27", "score_28", "score_29",
        "score_30",
    ];
    usize::try_from(position - 1)
        .ok()
        .and_then(|i| NAMES.get(i))
        .copied()
        .unwrap_or("scores")
}

/// Records an evaluation and the model's new standing; returns the evaluation's id.
pub async fn evaluate(
    db: &Db,
    actor: Actor<'_>,
    input: &EvaluationInput,
) -> Result<i64, WriteError> {
    let model = super::model(db, input.model_id)
        .await?
        .ok_or(WriteError::NotFound)?;
    let unit = model.unit(db).await?;
    actor.may(&EVALUATE, &unit)?;
    if let Some(me) = actor.account_id()
        && (model.registered_by_account == Some(me) || model.created_by_account == Some(me))
    {
        return Err(WriteError::invalid(
            "evaluator",
            "người ghi nhận đăng ký hoặc mô hình này không được tự chấm điểm: \
             để thành viên khác của Ban đánh giá",
        ));
    }
    let criteria = super::criteria(db, model.campaign_id).await?;
    if input.scores.len() != criteria.len() {
        return Err(WriteError::invalid(
            "scores",
            format!("chấm đủ {} tiêu chí của phong trào", criteria.len()),
        ));
    }
    let mut scores = Vec::with_capacity(criteria.len());
    for (c, text) in criteria.iter().zip(&input.scores) {
        let field = score_field(c.position);
        let score = text
            .trim()
            .parse::<i64>()
            .ok()
            .filter(|s| (0..=c.weight).contains(s))
            .ok_or_else(|| {
                WriteError::invalid(
                    field,
                    format!(
                        "điểm tiêu chí “{}” phải là số nguyên từ 0 đến {} (đã ghi “{}”)",
                        c.name,
                        c.weight,
                        text.trim()
                    ),
                )
            })?;
        scores.push((c.position, score));
    }
    let total: i64 = scores.iter().map(|(_, s)| s).sum();
    let on = date_field("evaluated_on", &input.evaluated_on)?;
    if dinh_platform::time::parse_date(&model.started_on).is_some_and(|s| on < s) {
        return Err(WriteError::invalid(
            "evaluated_on",
            "ngày đánh giá phải sau ngày mô hình bắt đầu",
        ));
    }
    let verdict = match input.verdict.trim() {
        status::RECOGNISED => status::RECOGNISED,
        status::KEPT => status::KEPT,
        status::REJECTED => status::REJECTED,
        _ => {
            return Err(WriteError::invalid(
                "verdict",
                "chọn kết luận: công nhận, tiếp tục theo dõi, hoặc không công nhận",
            ));
        }
    };
    let conclusion = input.conclusion.trim().to_owned();
    if conclusion.is_empty() {
        return Err(WriteError::invalid(
            "conclusion",
            if verdict == status::REJECTED {
                "ghi lý do không công nhận"
            } else {
                "ghi nhận xét, kết luận của Ban"
            },
        ));
    }
    if conclusion.chars().count() > BODY_MAX {
        return Err(WriteError::invalid(
            "conclusion",
            format!("kết luận dài quá {BODY_MAX} ký tự: rút gọn lại"),
        ));
    }
    let id = next_id();
    let who = actor.audit();
    let mut tx = db.begin().await?;
    tx.execute(
        &query(
            "INSERT INTO emulation_evaluations (id, model_id, evaluator, evaluator_account,
               evaluated_on, total, verdict, conclusion, created_at)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
        )
        .bind(id)
        .bind(model.id)
        .bind(actor.name())
        .bind(actor.account_id())
        .bind(on)
        .bind(total)
        .bind(verdict)
        .bind(conclusion.as_str())
        .bind(dinh_platform::time::now_rfc3339()),
    )
    .await?;
    for (position, score) in &scores {
        tx.execute(
            &query(
                "INSERT INTO emulation_scores (evaluation_id, position, score)
                 VALUES ($1, $2, $3)",
            )
            .bind(id)
            .bind(*position)
            .bind(*score),
        )
        .await?;
    }
    tx.execute(
        &query(
            "UPDATE emulation_models SET status = $1, status_reason = $2, status_on = $3
             WHERE id = $4",
        )
        .bind(verdict)
        .bind(conclusion.as_str())
        .bind(on)
        .bind(model.id),
    )
    .await?;
    audit::record(
        &mut tx,
        Change {
            actor: &who,
            action: "emulation.evaluate",
            object_type: "emulation_model",
            object_id: &model.id.to_string(),
            before: Some(json!({ "status": model.status })),
            after: Some(json!({
                "evaluation": id, "evaluated_on": on.to_string(), "scores": scores,
                "total": total, "status": verdict, "conclusion": conclusion,
            })),
        },
    )
    .await?;
    tx.commit().await?;
    Ok(id)
}
