//! Closing a consultation (kết thúc lấy ý kiến): only after its last day, only when every
//! comment has its answer, and with the reason written when the draft goes against most of the
//! comments on a part.

use chrono::NaiveDate;
use dinh_platform::audit::{self, Change};
use dinh_platform::db::{Db, query};
use dinh_platform::write::{Actor, WriteError};
use serde_json::json;

use super::{BODY_MAX, disposition, dmy, status};
use crate::ConsultationModule;
use crate::permissions::MANAGE;

/// What an officer gives when closing.
#[derive(Debug, Clone, Default)]
pub struct CloseInput {
    /// Why the draft keeps what most comments on a part asked to change (required then).
    pub reason: String,
}

/// The parts (None: the whole draft) where more than half of the comments that bear on the
/// draft were explained rather than accepted.
pub(crate) async fn against_majority(
    db: &Db,
    consultation: i64,
) -> Result<Vec<Option<i64>>, WriteError> {
    let rows: Vec<(Option<i64>, i64, i64)> = db
        .fetch_all(
            &query(
                "SELECT part_number,
                        CAST(SUM(CASE WHEN disposition = $2 THEN 1 ELSE 0 END) AS BIGINT),
                        CAST(COUNT(*) AS BIGINT)
                 FROM consultation_comments
                 WHERE consultation_id = $1 AND (disposition IS NULL OR disposition <> $3)
                 GROUP BY part_number ORDER BY part_number",
            )
            .bind(consultation)
            .bind(disposition::EXPLAINED)
            .bind(disposition::OUT_OF_SCOPE),
        )
        .await?;
    Ok(rows
        .into_iter()
        .filter(|(_, explained, total)| explained * 2 > *total)
        .map(|(part, _, _)| part)
        .collect())
}

fn part_names(parts: &[Option<i64>]) -> String {
    parts
        .iter()
        .map(|p| match p {
            Some(n) => format!("phần {n}"),
            None => "toàn văn dự thảo".to_owned(),
        })
        .collect::<Vec<_>>()
        .join(", ")
}

/// Closes the consultation on `today`. Refused, with nothing written, before its last day has
/// passed, while any comment lacks an answer, or without the reason a decision against the
/// majority of comments on a part needs, or, for a draft decision that burdens a named person,
/// before that person's hearing is recorded (Điều 27).
pub async fn close(
    m: &ConsultationModule,
    db: &Db,
    actor: Actor<'_>,
    consultation: i64,
    input: &CloseInput,
    today: NaiveDate,
) -> Result<(), WriteError> {
    let c = super::by_id(db, consultation)
        .await?
        .ok_or(WriteError::NotFound)?;
    actor.may(&MANAGE, &c.unit())?;
    if !c.is_open() {
        return Err(WriteError::invalid(
            "consultation",
            "đợt lấy ý kiến đã kết thúc",
        ));
    }
    if let Some(last) = c.closes()
        && today <= last
    {
        return Err(WriteError::invalid(
            "closed_on",
            format!(
                "đang trong thời gian lấy ý kiến (đến hết ngày {}): chỉ kết thúc từ ngày hôm sau",
                dmy(last)
            ),
        ));
    }
    if super::hearing::requires_hearing(m, &c)
        && super::hearing::hearings(db, c.id).await?.is_empty()
    {
        return Err(WriteError::invalid(
            "hearing",
            "dự thảo quyết định làm phát sinh nghĩa vụ hoặc hạn chế quyền của công dân cụ thể: ghi việc lấy ý kiến người đó (ngày, hình thức, ý kiến) trước khi kết thúc (Luật 10/2022/QH15, Điều 27)",
        ));
    }
    let open = super::unanswered_numbers(db, c.id).await?;
    if !open.is_empty() {
        let shown: Vec<String> = open.iter().take(20).map(ToString::to_string).collect();
        let more = if open.len() > 20 { ", …" } else { "" };
        return Err(WriteError::invalid(
            "comments",
            format!(
                "còn {} ý kiến chưa được tiếp thu hoặc giải trình (số {}{more}): trả lời từng ý kiến trước khi kết thúc",
                open.len(),
                shown.join(", ")
            ),
        ));
    }
    let against = against_majority(db, c.id).await?;
    let reason = input.reason.trim();
    if !against.is_empty() && reason.is_empty() {
        return Err(WriteError::invalid(
            "reason",
            format!(
                "dự thảo giữ nguyên nội dung mà đa số ý kiến về {} đề nghị sửa: ghi rõ lý do",
                part_names(&against)
            ),
        ));
    }
    if reason.chars().count() > BODY_MAX {
        return Err(WriteError::invalid(
            "reason",
            format!("lý do dài quá {BODY_MAX} ký tự: rút gọn lại"),
        ));
    }
    let who = actor.audit();
    let mut tx = db.begin().await?;
    // Inside the transaction again: a comment that came in meanwhile keeps it open.
    let late: Vec<(i64,)> = tx.fetch_all(&super::read::unanswered_query(c.id)).await?;
    if !late.is_empty() {
        return Err(WriteError::invalid(
            "comments",
            "có ý kiến mới chưa được trả lời: trả lời rồi kết thúc",
        ));
    }
    tx.execute(
        &query(
            "UPDATE consultations SET status = $1, closed_on = $2, closing_reason = $3
             WHERE id = $4 AND status = $5",
        )
        .bind(status::CLOSED)
        .bind(today)
        .bind((!reason.is_empty()).then_some(reason))
        .bind(c.id)
        .bind(status::OPEN),
    )
    .await?;
    audit::record(
        &mut tx,
        Change {
            actor: &who,
            action: "consultation.close",
            object_type: "consultation",
            object_id: &c.id.to_string(),
            before: Some(json!({"status": status::OPEN})),
            after: Some(json!({
                "status": status::CLOSED, "closed_on": today.to_string(),
                "comments": c.comment_count, "reason": reason,
            })),
        },
    )
    .await?;
    tx.commit().await?;
    Ok(())
}
