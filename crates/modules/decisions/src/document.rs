//! The decision document (văn bản ghi nhận kết quả, Điều 20): date, total households, present,
//! absent, content, form, results, decision and four signatures; sent to the commune People's
//! Committee and Front within the pack's working days; recognised (matters 3-4 by UBND xã,
//! matter 5 by UBMTTQ xã) or refused in writing within the pack's working days. Each clock is
//! computed with the holiday calendar and shown.

use chrono::NaiveDate;
use dinh_platform::accounts::{Principal, authorize};
use dinh_platform::audit::{self, Change};
use dinh_platform::db::{Db, is_unique_violation, query};
use dinh_platform::documents::{AdministrativeDocument, Block, Signature};
use serde::{Deserialize, Serialize};
use serde_json::json;

use crate::dates::{dmy, parse};
use crate::error::{Error, Result, refuse};
use crate::matters::{self, Matter};
use crate::{DecisionsModule, permissions};

/// What the officers add to the figures of a closed matter.
#[derive(Debug, Clone, Deserialize, utoipa::ToSchema)]
pub struct DocumentInput {
    /// Day of the meeting or of the end of the ballot (dd/mm/yyyy).
    pub held_on: String,
    /// The decision, in words.
    pub decision: String,
    /// Trưởng thôn.
    pub village_head: String,
    /// Trưởng Ban công tác Mặt trận.
    pub front_head: String,
    /// First household representative signing.
    pub household_rep_1: String,
    /// Second household representative signing.
    pub household_rep_2: String,
}

/// The document with its clocks.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema, sqlx::FromRow)]
pub struct DecisionDocument {
    /// The matter.
    pub matter_id: i64,
    /// Day of the meeting or end of ballot (ISO).
    pub held_on: String,
    /// All households.
    pub total: i64,
    /// Households taking part.
    pub present: i64,
    /// Households absent.
    pub absent: i64,
    /// Form of the decision.
    pub form: String,
    /// Results, with the explanation.
    pub results: String,
    /// The decision.
    pub decision: String,
    /// Village head.
    pub village_head: String,
    /// Front work team head.
    pub front_head: String,
    /// First household representative.
    pub household_rep_1: String,
    /// Second household representative.
    pub household_rep_2: String,
    /// Must reach UBND xã and UBMTTQ xã by this day (ISO).
    pub send_due_on: String,
    /// Day it was sent.
    pub sent_on: Option<String>,
    /// Recognition or written refusal due by (ISO), for matters that need it.
    pub recognition_due_on: Option<String>,
    /// `ubnd` (matters 3-4) or `ubmttq` (matter 5).
    pub recognition_by: Option<String>,
    /// Day recognised.
    pub recognised_on: Option<String>,
    /// Day refused.
    pub refused_on: Option<String>,
    /// Reasons of a refusal.
    pub refusal_reason: Option<String>,
}

const SELECT: &str = "SELECT matter_id, held_on, total, present, absent, form, results, decision, village_head, front_head,
    household_rep_1, household_rep_2, send_due_on, sent_on, recognition_due_on, recognition_by, recognised_on, refused_on, refusal_reason
    FROM decision_documents WHERE matter_id = $1";

/// The document of a matter.
pub async fn get(db: &Db, matter_id: i64) -> Result<DecisionDocument> {
    db.fetch_optional(&query(SELECT).bind(matter_id))
        .await?
        .ok_or(Error::NotFound("document"))
}

fn form_of(matter: &Matter, channels: &[String]) -> String {
    let mut parts = Vec::new();
    for (c, vi) in [
        ("meeting", "biểu quyết tại hội nghị"),
        ("ballot", "phát phiếu lấy ý kiến hộ gia đình"),
        ("online", "biểu quyết trực tuyến"),
    ] {
        if channels.iter().any(|x| x == c) {
            parts.push(vi);
        }
    }
    let mut s = parts.join(", ");
    if matter.secret {
        s.push_str(" (bỏ phiếu kín)");
    }
    s
}

/// Drafts the document of a closed matter from its stored result.
pub async fn create(
    m: &DecisionsModule,
    db: &Db,
    who: Option<&Principal>,
    matter_id: i64,
    input: &DocumentInput,
) -> Result<DecisionDocument> {
    let matter = matters::get(db, matter_id).await?;
    let unit = matters::unit_of(db, &matter).await?;
    authorize(who, &permissions::RUN, Some(&unit))?;
    let pack = m.pack(&matter.rule_pack_id)?;
    let (Some(closed), Some(households), Some(participants), Some(result)) = (
        matter
            .closed_on
            .as_deref()
            .and_then(dinh_platform::time::parse_date),
        matter.households,
        matter.participants,
        matter.result_vi.clone(),
    ) else {
        return refuse(
            "matter",
            "chỉ lập văn bản khi đã kết thúc biểu quyết",
            "the document is drawn up once voting has closed",
        );
    };
    let held_on = parse("held_on", &input.held_on)?;
    let names = [
        ("village_head", &input.village_head),
        ("front_head", &input.front_head),
        ("household_rep_1", &input.household_rep_1),
        ("household_rep_2", &input.household_rep_2),
        ("decision", &input.decision),
    ];
    for (field, v) in names {
        if v.trim().is_empty() {
            return refuse(field, "không được để trống", "must not be empty");
        }
    }
    let channels: Vec<(String,)> = db
        .fetch_all(
            &query("SELECT DISTINCT channel FROM decision_votes WHERE matter_id = $1")
                .bind(matter.id),
        )
        .await?;
    let channels: Vec<String> = channels.into_iter().map(|c| c.0).collect();
    let send_due = m
        .calendar()
        .due_date(closed, pack.decisions.decision_document.period())?;
    let actor = who.map(Principal::actor).unwrap_or_default();
    let mut tx = db.begin().await?;
    let r = tx
        .execute(
            &query(
                "INSERT INTO decision_documents (matter_id, held_on, total, present, absent, form, results, decision, village_head,
                    front_head, household_rep_1, household_rep_2, send_due_on, created_at)
                 VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)",
            )
            .bind(matter.id)
            .bind(held_on)
            .bind(households)
            .bind(participants)
            .bind(households - participants)
            .bind(form_of(&matter, &channels))
            .bind(result)
            .bind(input.decision.trim())
            .bind(input.village_head.trim())
            .bind(input.front_head.trim())
            .bind(input.household_rep_1.trim())
            .bind(input.household_rep_2.trim())
            .bind(send_due)
            .bind(dinh_platform::time::now_rfc3339()),
        )
        .await;
    match r {
        Ok(_) => {}
        Err(e) if is_unique_violation(&e) => {
            return refuse(
                "matter",
                "việc này đã có văn bản ghi nhận kết quả",
                "this matter already has its document",
            );
        }
        Err(e) => return Err(e.into()),
    }
    audit::record(&mut tx, Change { actor: &actor, action: "decisions.document", object_type: "decision_matter", object_id: &matter.id.to_string(),
        before: None, after: Some(json!({"held_on": held_on, "send_due_on": send_due, "decision": input.decision.trim()})) }).await?;
    tx.commit().await?;
    get(db, matter.id).await
}

/// Records that the document was sent; starts the recognition clock for matters 3-5.
pub async fn sent(
    m: &DecisionsModule,
    db: &Db,
    who: Option<&Principal>,
    matter_id: i64,
    sent_on: &str,
) -> Result<DecisionDocument> {
    let matter = matters::get(db, matter_id).await?;
    let unit = matters::unit_of(db, &matter).await?;
    authorize(who, &permissions::RUN, Some(&unit))?;
    let pack = m.pack(&matter.rule_pack_id)?;
    let day = parse("sent_on", sent_on)?;
    let by = match matter.matter {
        3 | 4 => Some("ubnd"),
        5 => Some("ubmttq"),
        _ => None,
    };
    let due = match by {
        Some(_) => Some(
            m.calendar()
                .due_date(day, pack.decisions.recognition.period())?,
        ),
        None => None,
    };
    let actor = who.map(Principal::actor).unwrap_or_default();
    let mut tx = db.begin().await?;
    let n = tx
        .execute(&query("UPDATE decision_documents SET sent_on = $2, recognition_due_on = $3, recognition_by = $4 WHERE matter_id = $1 AND sent_on IS NULL")
            .bind(matter.id).bind(day).bind(due).bind(by))
        .await?;
    if n == 0 {
        return refuse(
            "matter",
            "chưa có văn bản, hoặc văn bản đã được gửi",
            "there is no document, or it was already sent",
        );
    }
    audit::record(
        &mut tx,
        Change {
            actor: &actor,
            action: "decisions.document_sent",
            object_type: "decision_matter",
            object_id: &matter.id.to_string(),
            before: None,
            after: Some(json!({"sent_on": day, "recognition_due_on": due, "recognition_by": by})),
        },
    )
    .await?;
    tx.commit().await?;
    get(db, matter.id).await
}

/// Recognition (công nhận) or a written refusal with reasons (`reason` not empty).
pub async fn recognise(
    db: &Db,
    who: Option<&Principal>,
    matter_id: i64,
    on: NaiveDate,
    refusal: Option<&str>,
) -> Result<DecisionDocument> {
    let matter = matters::get(db, matter_id).await?;
    let unit = matters::unit_of(db, &matter).await?;
    authorize(who, &permissions::RECOGNISE, Some(&unit))?;
    let doc = get(db, matter_id).await?;
    if doc.recognition_by.is_none() {
        return refuse(
            "matter",
            "việc này không cần công nhận, hoặc văn bản chưa được gửi",
            "this matter needs no recognition, or its document was not sent",
        );
    }
    if doc.recognised_on.is_some() || doc.refused_on.is_some() {
        return refuse(
            "matter",
            "đã có quyết định công nhận hoặc từ chối",
            "already recognised or refused",
        );
    }
    let reason = refusal.map(str::trim);
    if reason == Some("") {
        return refuse(
            "reason",
            "từ chối công nhận phải nêu rõ lý do bằng văn bản",
            "a refusal must give its reasons in writing",
        );
    }
    let actor = who.map(Principal::actor).unwrap_or_default();
    let mut tx = db.begin().await?;
    match reason {
        None => tx.execute(&query("UPDATE decision_documents SET recognised_on = $2 WHERE matter_id = $1").bind(matter_id).bind(on)).await?,
        Some(r) => tx.execute(&query("UPDATE decision_documents SET refused_on = $2, refusal_reason = $3 WHERE matter_id = $1").bind(matter_id).bind(on).bind(r)).await?,
    };
    let late = doc
        .recognition_due_on
        .as_deref()
        .is_some_and(|d| on.format("%Y-%m-%d").to_string().as_str() > d);
    audit::record(
        &mut tx,
        Change {
            actor: &actor,
            action: "decisions.recognise",
            object_type: "decision_matter",
            object_id: &matter_id.to_string(),
            before: None,
            after: Some(json!({"on": on, "refused": reason, "late": late})),
        },
    )
    .await?;
    tx.commit().await?;
    get(db, matter_id).await
}

/// The document in the administrative format of Nghị định 30/2020 (DOCX).
pub async fn docx(db: &Db, matter_id: i64) -> Result<Vec<u8>> {
    Ok(administrative(db, matter_id).await?.docx()?)
}

/// The same document as PDF (the font embedded, for printing and archiving as sent).
pub async fn pdf(db: &Db, matter_id: i64) -> Result<Vec<u8>> {
    Ok(administrative(db, matter_id).await?.pdf()?)
}

/// The Điều 20 fields laid out as an administrative document.
async fn administrative(db: &Db, matter_id: i64) -> Result<AdministrativeDocument> {
    let matter = matters::get(db, matter_id).await?;
    let d = get(db, matter_id).await?;
    let held = dinh_platform::time::parse_date(&d.held_on).unwrap_or_default();
    let doc = AdministrativeDocument {
        parent_body: None,
        issuing_body: matter.unit_name.clone(),
        number: String::new(),
        place: matter.unit_name.clone(),
        date: held,
        kind: "Văn bản".into(),
        subject: format!(
            "Ghi nhận kết quả Nhân dân bàn và quyết định: {}",
            matter.title
        ),
        body: vec![
            Block::Paragraph(format!(
                "Thời gian: ngày {}. Hình thức: {}.",
                dmy(held),
                d.form
            )),
            Block::Table {
                headers: vec![
                    "Tổng số hộ".into(),
                    "Số hộ tham gia".into(),
                    "Số hộ vắng".into(),
                ],
                rows: vec![vec![
                    d.total.to_string(),
                    d.present.to_string(),
                    d.absent.to_string(),
                ]],
            },
            Block::Heading("Nội dung".into()),
            Block::Paragraph(matter.content.clone()),
            Block::Heading("Kết quả".into()),
            Block::Paragraph(d.results.clone()),
            Block::Heading("Quyết định".into()),
            Block::Paragraph(d.decision.clone()),
        ],
        signatures: vec![
            Signature {
                authority: None,
                title: "Trưởng thôn".into(),
                name: d.village_head.clone(),
            },
            Signature {
                authority: None,
                title: "Trưởng Ban công tác Mặt trận".into(),
                name: d.front_head.clone(),
            },
            Signature {
                authority: None,
                title: "Đại diện hộ".into(),
                name: d.household_rep_1.clone(),
            },
            Signature {
                authority: None,
                title: "Đại diện hộ".into(),
                name: d.household_rep_2.clone(),
            },
        ],
        recipients: vec![
            "UBND xã".into(),
            "Ban Thường trực UBMTTQ xã".into(),
            "Lưu".into(),
        ],
    };
    Ok(doc)
}

/// Recognition or refusal as typed: `decision` is `recognise` or `refuse` (with `reason`), `on`
/// is dd/mm/yyyy or empty for `today`.
pub async fn decide(
    db: &Db,
    who: Option<&Principal>,
    matter_id: i64,
    decision: &str,
    on: &str,
    reason: &str,
    today: NaiveDate,
) -> Result<DecisionDocument> {
    let on = crate::dates::parse_optional("on", on)?.unwrap_or(today);
    let refusal = match decision {
        "recognise" => None,
        "refuse" => Some(reason),
        other => {
            return refuse(
                "decision",
                format!("'{other}' không phải công nhận hay từ chối"),
                format!("'{other}' is neither recognise nor refuse"),
            );
        }
    };
    recognise(db, who, matter_id, on, refusal).await
}
