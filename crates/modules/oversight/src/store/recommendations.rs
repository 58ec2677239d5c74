//! Recommendations (kiến nghị): sent from a finding to the authority, with the answer's last day
//! from the pack (UBND xã answers within the pack's days); answered by an officer of the unit in
//! Đình and published with the recommendation; the board may reject the answer, which puts the
//! recommendation back to the authority.

use dinh_platform::audit::{self, Change};
use dinh_platform::db::ids::next_id;
use dinh_platform::db::{Db, query};
use dinh_platform::write::{Actor, WriteError};
use serde_json::json;

use super::{BODY_MAX, TITLE_MAX, date_field, kind, status, text_field};
use crate::OversightModule;
use crate::permissions::{ANSWER, INSPECT};

/// What a board member fills in to send a recommendation.
#[derive(Debug, Clone, Default)]
pub struct RecommendationInput {
    /// The finding it follows from, by id (required: no recommendation without a finding).
    pub finding_id: String,
    /// The authority it is sent to (default: UBND of the commune).
    pub authority: String,
    /// The recommendation.
    pub body: String,
    /// Day it was sent (dd/mm/yyyy).
    pub sent_on: String,
}

/// What the authority writes to answer (or the board, to reject an answer).
#[derive(Debug, Clone, Default)]
pub struct AnswerInput {
    /// The text.
    pub text: String,
    /// The day (dd/mm/yyyy); today when empty.
    pub on: String,
}

fn day_or_today(field: &'static str, text: &str) -> Result<chrono::NaiveDate, WriteError> {
    if text.trim().is_empty() {
        Ok(dinh_platform::time::today_vn())
    } else {
        date_field(field, text)
    }
}

/// Sends a recommendation; returns its id. Refused without a finding.
pub async fn recommend(
    m: &OversightModule,
    db: &Db,
    actor: Actor<'_>,
    input: &RecommendationInput,
) -> Result<i64, WriteError> {
    let no_finding = || {
        WriteError::invalid(
            "finding_id",
            "kiến nghị phải dựa trên một kết quả kiểm tra, giám sát đã ghi nhận: chọn kết quả",
        )
    };
    let finding_id: i64 = input.finding_id.trim().parse().map_err(|_| no_finding())?;
    let Some((activity_id,)): Option<(i64,)> = db
        .fetch_optional(
            &query("SELECT activity_id FROM oversight_findings WHERE id = $1").bind(finding_id),
        )
        .await?
    else {
        return Err(no_finding());
    };
    let activity = super::read::activity(db, activity_id)
        .await?
        .ok_or(WriteError::NotFound)?;
    let unit = dinh_platform::units::store::by_id(db, activity.unit_id)
        .await?
        .ok_or(WriteError::NotFound)?;
    actor.may(&INSPECT, &unit)?;
    let body = text_field("body", &input.body, BODY_MAX, "nội dung kiến nghị")?;
    let authority = if input.authority.trim().is_empty() {
        format!("UBND {}", unit.name)
    } else {
        text_field(
            "authority",
            &input.authority,
            TITLE_MAX,
            "cơ quan nhận kiến nghị",
        )?
    };
    let sent_on = date_field("sent_on", &input.sent_on)?;
    let pack = m
        .rules()
        .in_force_on(sent_on)
        .map_err(|e| WriteError::invalid("sent_on", format!("không có bộ quy tắc áp dụng: {e}")))?;
    let rule = if activity.board_kind == kind::INSPECTION {
        &pack.oversight.inspection_board.answer
    } else {
        &pack.oversight.investment_board.answer
    };
    let due = m
        .calendar()
        .due_after(sent_on, rule.period())
        .map_err(|e| WriteError::invalid("sent_on", e.to_string()))?
        .due;
    let id = next_id();
    let who = actor.audit();
    let mut tx = db.begin().await?;
    tx.execute(
        &query(
            "INSERT INTO oversight_recommendations (id, finding_id, board_id, unit_id, authority,
               body, sent_on, due_on, rule_pack_id, status, created_by, created_at)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)",
        )
        .bind(id)
        .bind(finding_id)
        .bind(activity.board_id)
        .bind(unit.id)
        .bind(authority.as_str())
        .bind(body.as_str())
        .bind(sent_on)
        .bind(due)
        .bind(pack.id.as_str())
        .bind(status::DUE)
        .bind(who.as_str())
        .bind(dinh_platform::time::now_rfc3339()),
    )
    .await?;
    audit::record(
        &mut tx,
        Change {
            actor: &who,
            action: "oversight.recommend",
            object_type: "oversight_recommendation",
            object_id: &id.to_string(),
            before: None,
            after: Some(json!({
                "finding": finding_id, "authority": authority, "sent_on": sent_on.to_string(),
                "due_on": due.to_string(), "rule_pack": pack.id,
            })),
        },
    )
    .await?;
    tx.commit().await?;
    Ok(id)
}

/// The authority answers a recommendation (again, after the board rejected an answer).
/// Refused (403) unless the actor is an officer of the unit.
pub async fn answer(
    db: &Db,
    actor: Actor<'_>,
    id: i64,
    input: &AnswerInput,
) -> Result<(), WriteError> {
    let rec = super::read::recommendation(db, id)
        .await?
        .ok_or(WriteError::NotFound)?;
    let unit = dinh_platform::units::store::by_id(db, rec.unit_id)
        .await?
        .ok_or(WriteError::NotFound)?;
    actor.may(&ANSWER, &unit)?;
    if rec.status == status::ANSWERED {
        return Err(WriteError::invalid(
            "text",
            "kiến nghị đã được trả lời; chỉ trả lời lại khi Ban không chấp nhận trả lời",
        ));
    }
    let text = text_field("text", &input.text, BODY_MAX, "nội dung trả lời")?;
    let on = day_or_today("on", &input.on)?;
    if on.to_string() < rec.sent_on {
        return Err(WriteError::invalid(
            "on",
            "ngày trả lời sớm hơn ngày nhận kiến nghị",
        ));
    }
    let who = actor.audit();
    let name = actor.name();
    let mut tx = db.begin().await?;
    tx.execute(
        &query(
            "UPDATE oversight_recommendations SET status = $1, answer = $2, answered_on = $3,
               answered_by = $4 WHERE id = $5",
        )
        .bind(status::ANSWERED)
        .bind(text.as_str())
        .bind(on)
        .bind(name.as_str())
        .bind(id),
    )
    .await?;
    audit::record(
        &mut tx,
        Change {
            actor: &who,
            action: "oversight.answer",
            object_type: "oversight_recommendation",
            object_id: &id.to_string(),
            before: Some(json!({ "status": rec.status, "answer": rec.answer })),
            after: Some(json!({ "status": status::ANSWERED, "answer": text, "answered_on": on.to_string() })),
        },
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

/// The board does not accept the answer, with its reason; the recommendation goes back to the
/// authority.
pub async fn reject_answer(
    db: &Db,
    actor: Actor<'_>,
    id: i64,
    input: &AnswerInput,
) -> Result<(), WriteError> {
    let rec = super::read::recommendation(db, id)
        .await?
        .ok_or(WriteError::NotFound)?;
    let unit = dinh_platform::units::store::by_id(db, rec.unit_id)
        .await?
        .ok_or(WriteError::NotFound)?;
    actor.may(&INSPECT, &unit)?;
    if rec.status != status::ANSWERED {
        return Err(WriteError::invalid(
            "text",
            "kiến nghị chưa được trả lời: chưa có gì để không chấp nhận",
        ));
    }
    let text = text_field("text", &input.text, BODY_MAX, "lý do không chấp nhận")?;
    let who = actor.audit();
    let mut tx = db.begin().await?;
    tx.execute(
        &query("UPDATE oversight_recommendations SET status = $1, rejection = $2 WHERE id = $3")
            .bind(status::REJECTED)
            .bind(text.as_str())
            .bind(id),
    )
    .await?;
    audit::record(
        &mut tx,
        Change {
            actor: &who,
            action: "oversight.reject_answer",
            object_type: "oversight_recommendation",
            object_id: &id.to_string(),
            before: Some(json!({ "status": rec.status })),
            after: Some(json!({ "status": status::REJECTED, "reason": text })),
        },
    )
    .await?;
    tx.commit().await?;
    Ok(())
}
