//! Procedural votes of a meeting (biểu quyết thủ tục, Nghị định 59/2023 Điều 3): the secretary,
//! the voting method and the counting board of 3–5, each passed by more than half of those
//! present.

use dinh_platform::accounts::{Principal, authorize};
use dinh_platform::audit::{self, Change};
use dinh_platform::db::{Db, ids::next_id, query};
use serde::{Deserialize, Serialize};
use serde_json::json;

use super::meeting_of;
use crate::error::{Result, refuse};
use crate::matters;
use crate::votes::ensure_open;
use crate::{DecisionsModule, permissions};

/// A procedural vote of the meeting.
#[derive(Debug, Clone, Deserialize, utoipa::ToSchema)]
pub struct ProceduralInput {
    /// `secretary`, `voting_method` or `counting_board`.
    pub subject: String,
    /// The proposal: the secretary's name, `show_of_hands` or `secret`, or the board members
    /// separated by commas.
    pub detail: String,
    /// Those present agreeing.
    pub agree: u32,
}

/// A recorded procedural vote.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct ProceduralView {
    /// Passed.
    pub passed: bool,
    /// Explanation in Vietnamese.
    pub explanation_vi: String,
    /// Explanation in English.
    pub explanation_en: String,
}

/// A procedural vote (biểu quyết thủ tục) by more than half of those present.
pub async fn procedural(
    m: &DecisionsModule,
    db: &Db,
    who: Option<&Principal>,
    matter_id: i64,
    meeting_id: i64,
    input: &ProceduralInput,
) -> Result<ProceduralView> {
    let matter = matters::get(db, matter_id).await?;
    let unit = matters::unit_of(db, &matter).await?;
    authorize(who, &permissions::RUN, Some(&unit))?;
    let pack = m.pack(&matter.rule_pack_id)?;
    let detail = input.detail.trim();
    match input.subject.as_str() {
        "secretary" if !detail.is_empty() => {}
        "voting_method" if matches!(detail, "show_of_hands" | "secret") => {}
        "counting_board" => {
            let n = detail.split(',').filter(|s| !s.trim().is_empty()).count();
            let r = &pack.decisions.counting_board;
            if !r.contains(u32::try_from(n).unwrap_or(u32::MAX)) {
                return refuse(
                    "detail",
                    format!(
                        "ban kiểm phiếu gồm {}-{} người ({}), đề xuất có {n}",
                        r.min,
                        r.max,
                        r.citation()
                    ),
                    format!(
                        "the counting board has {}-{} members ({}); {n} proposed",
                        r.min,
                        r.max,
                        r.citation()
                    ),
                );
            }
        }
        "secretary" | "voting_method" => {
            return refuse(
                "detail",
                "nội dung đề xuất không hợp lệ (tên thư ký; show_of_hands hoặc secret)",
                "invalid proposal (the secretary's name; show_of_hands or secret)",
            );
        }
        other => {
            return refuse(
                "subject",
                format!("'{other}' không phải nội dung biểu quyết thủ tục"),
                format!(
                    "'{other}' is not a procedural subject: secretary, voting_method or counting_board"
                ),
            );
        }
    }
    let actor = who.map(Principal::actor).unwrap_or_default();
    let mut tx = db.begin().await?;
    let matter = matters::lock(&mut tx, matter.id).await?;
    ensure_open(&matter)?;
    meeting_of(&mut tx, &matter, meeting_id).await?;
    let present: i64 = tx
        .scalar(
            &query("SELECT COUNT(*) FROM decision_attendance WHERE meeting_id = $1")
                .bind(meeting_id),
        )
        .await?;
    if i64::from(input.agree) > present {
        return refuse(
            "agree",
            format!("{} người đồng ý nhưng chỉ {present} hộ dự họp", input.agree),
            format!(
                "{} agreeing but only {present} households present",
                input.agree
            ),
        );
    }
    let v = pack
        .decisions
        .procedural_vote
        .explain(u64::from(input.agree), u64::try_from(present).unwrap_or(0));
    tx.execute(
        &query(
            "INSERT INTO decision_procedural_votes (id, meeting_id, subject, detail, agree, present, passed, result_vi, result_en)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
        )
        .bind(next_id())
        .bind(meeting_id)
        .bind(input.subject.as_str())
        .bind(detail)
        .bind(i64::from(input.agree))
        .bind(present)
        .bind(v.passed)
        .bind(v.vi.as_str())
        .bind(v.en.as_str()),
    )
    .await?;
    if v.passed && input.subject == "voting_method" {
        tx.execute(
            &query("UPDATE decision_meetings SET voting_method = $2 WHERE id = $1")
                .bind(meeting_id)
                .bind(detail),
        )
        .await?;
        if detail == "secret" && !matter.secret {
            let votes: i64 = tx
                .scalar(
                    &query("SELECT COUNT(*) FROM decision_votes WHERE matter_id = $1")
                        .bind(matter.id),
                )
                .await?;
            if votes > 0 {
                return refuse(
                    "detail",
                    "đã có hộ biểu quyết công khai: không chuyển sang bỏ phiếu kín được nữa",
                    "households have already voted openly: the vote can no longer become secret",
                );
            }
            tx.execute(
                &query("UPDATE decision_matters SET secret = TRUE WHERE id = $1").bind(matter.id),
            )
            .await?;
        }
    }
    audit::record(
        &mut tx,
        Change {
            actor: &actor,
            action: "decisions.procedural_vote",
            object_type: "decision_meeting",
            object_id: &meeting_id.to_string(),
            before: None,
            after: Some(json!({"subject": input.subject, "detail": detail, "agree": input.agree, "present": present, "passed": v.passed})),
        },
    )
    .await?;
    tx.commit().await?;
    Ok(ProceduralView {
        passed: v.passed,
        explanation_vi: v.vi,
        explanation_en: v.en,
    })
}
