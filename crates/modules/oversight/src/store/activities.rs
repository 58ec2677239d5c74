//! Recording an inspection or supervision with the notice it was given, checked against the
//! pack's clock (an inspection plan reaches the Front, the chairman and the subject at least
//! the pack's working days before; the investor is notified at least the pack's days before a
//! supervision), and the findings of an activity.

use dinh_platform::audit::{self, Change};
use dinh_platform::db::ids::next_id;
use dinh_platform::db::{Db, query};
use dinh_platform::write::{Actor, WriteError};
use serde_json::json;

use super::{BODY_MAX, TITLE_MAX, date_field, dmy, id_field, kind, text_field};
use crate::OversightModule;
use crate::permissions::INSPECT;

/// What a board member fills in to record an activity.
#[derive(Debug, Clone, Default)]
pub struct ActivityInput {
    /// The board, by id.
    pub board_id: String,
    /// Who or what is inspected or supervised.
    pub subject: String,
    /// What is looked at (nội dung, phạm vi).
    pub scope: String,
    /// Day the plan (or the investor's notice) was sent (dd/mm/yyyy).
    pub notice_on: String,
    /// First day (dd/mm/yyyy).
    pub starts_on: String,
    /// Last day (dd/mm/yyyy).
    pub ends_on: String,
}

/// What a board member fills in to record a finding.
#[derive(Debug, Clone, Default)]
pub struct FindingInput {
    /// The activity, by id.
    pub activity_id: String,
    /// What was found.
    pub body: String,
    /// The evidence: minutes, photos, documents (described).
    pub evidence: String,
    /// Day it was found (dd/mm/yyyy).
    pub found_on: String,
}

/// Records an activity of a board; returns its id. Refused, with nothing written, when the
/// notice was sent later than the pack allows before the first day.
pub async fn record_activity(
    m: &OversightModule,
    db: &Db,
    actor: Actor<'_>,
    input: &ActivityInput,
) -> Result<i64, WriteError> {
    let board_id = id_field("board_id", &input.board_id, "Ban")?;
    let board = super::read::board(db, board_id)
        .await?
        .ok_or(WriteError::NotFound)?;
    let unit = dinh_platform::units::store::by_id(db, board.unit_id)
        .await?
        .ok_or(WriteError::NotFound)?;
    actor.may(&INSPECT, &unit)?;
    let subject = text_field(
        "subject",
        &input.subject,
        TITLE_MAX,
        "đối tượng kiểm tra, giám sát",
    )?;
    let scope = text_field("scope", &input.scope, BODY_MAX, "nội dung, phạm vi")?;
    let notice_on = date_field("notice_on", &input.notice_on)?;
    let starts_on = date_field("starts_on", &input.starts_on)?;
    let ends_on = date_field("ends_on", &input.ends_on)?;
    if ends_on < starts_on {
        return Err(WriteError::invalid(
            "ends_on",
            "ngày kết thúc sớm hơn ngày bắt đầu",
        ));
    }
    let pack = m.rules().in_force_on(starts_on).map_err(|e| {
        WriteError::invalid("starts_on", format!("không có bộ quy tắc áp dụng: {e}"))
    })?;
    let (rule, what) = if board.kind == kind::INSPECTION {
        (
            &pack.oversight.inspection_board.plan_notice,
            "Kế hoạch kiểm tra phải gửi Ban Thường trực Ủy ban MTTQ, Chủ tịch UBND xã và đối tượng kiểm tra",
        )
    } else {
        (
            &pack.oversight.investment_board.investor_notice,
            "Chủ đầu tư phải được thông báo",
        )
    };
    let deadline = m
        .calendar()
        .latest_before(starts_on, rule.period())
        .map_err(|e| WriteError::invalid("starts_on", e.to_string()))?;
    if notice_on > deadline.due {
        let why = deadline.explain(m.calendar());
        return Err(WriteError::invalid(
            "notice_on",
            format!(
                "{what} trước ít nhất {} ({}): bắt đầu ngày {} thì chậm nhất ngày {} phải gửi, nhưng ngày gửi là {}. {}",
                rule.period().describe_vi(),
                rule.citation(),
                dmy(starts_on),
                dmy(deadline.due),
                dmy(notice_on),
                why.vi
            ),
        ));
    }
    let id = next_id();
    let who = actor.audit();
    let mut tx = db.begin().await?;
    tx.execute(
        &query(
            "INSERT INTO oversight_activities (id, board_id, unit_id, subject, scope, notice_on,
               notice_due, starts_on, ends_on, rule_pack_id, created_by, created_at)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)",
        )
        .bind(id)
        .bind(board.id)
        .bind(board.unit_id)
        .bind(subject.as_str())
        .bind(scope.as_str())
        .bind(notice_on)
        .bind(deadline.due)
        .bind(starts_on)
        .bind(ends_on)
        .bind(pack.id.as_str())
        .bind(who.as_str())
        .bind(dinh_platform::time::now_rfc3339()),
    )
    .await?;
    audit::record(
        &mut tx,
        Change {
            actor: &who,
            action: "oversight.activity",
            object_type: "oversight_activity",
            object_id: &id.to_string(),
            before: None,
            after: Some(json!({
                "board": board.id, "subject": subject, "notice_on": notice_on.to_string(),
                "notice_due": deadline.due.to_string(), "starts_on": starts_on.to_string(),
                "ends_on": ends_on.to_string(), "rule_pack": pack.id,
            })),
        },
    )
    .await?;
    tx.commit().await?;
    Ok(id)
}

/// Records a finding of an activity; returns its id.
pub async fn record_finding(
    db: &Db,
    actor: Actor<'_>,
    input: &FindingInput,
) -> Result<i64, WriteError> {
    let activity_id = id_field("activity_id", &input.activity_id, "cuộc kiểm tra, giám sát")?;
    let activity = super::read::activity(db, activity_id)
        .await?
        .ok_or(WriteError::NotFound)?;
    let unit = dinh_platform::units::store::by_id(db, activity.unit_id)
        .await?
        .ok_or(WriteError::NotFound)?;
    actor.may(&INSPECT, &unit)?;
    let body = text_field("body", &input.body, BODY_MAX, "kết quả kiểm tra, giám sát")?;
    let evidence = input.evidence.trim();
    if evidence.chars().count() > BODY_MAX {
        return Err(WriteError::invalid("evidence", "phần chứng cứ dài quá"));
    }
    let found_on = date_field("found_on", &input.found_on)?;
    if found_on.to_string() < activity.starts_on {
        return Err(WriteError::invalid(
            "found_on",
            format!(
                "ngày ghi nhận sớm hơn ngày bắt đầu cuộc kiểm tra, giám sát ({})",
                dinh_platform::time::show_date(&activity.starts_on)
            ),
        ));
    }
    let id = next_id();
    let who = actor.audit();
    let mut tx = db.begin().await?;
    tx.execute(
        &query(
            "INSERT INTO oversight_findings (id, activity_id, body, evidence, found_on, created_by, created_at)
             VALUES ($1, $2, $3, $4, $5, $6, $7)",
        )
        .bind(id)
        .bind(activity.id)
        .bind(body.as_str())
        .bind(evidence)
        .bind(found_on)
        .bind(who.as_str())
        .bind(dinh_platform::time::now_rfc3339()),
    )
    .await?;
    audit::record(
        &mut tx,
        Change {
            actor: &who,
            action: "oversight.finding",
            object_type: "oversight_finding",
            object_id: &id.to_string(),
            before: None,
            after: Some(json!({ "activity": activity.id, "found_on": found_on.to_string() })),
        },
    )
    .await?;
    tx.commit().await?;
    Ok(id)
}
