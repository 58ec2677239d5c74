//! The hearing of a named citizen (Điều 27): a draft decision that burdens a named person (a
//! matter the pack marks `named_person`) cannot be closed until that person's hearing is
//! recorded — when, in what form, and what they said. The hearing is kept for officers; the
//! public page says only that it took place and when.

use chrono::NaiveDate;
use dinh_platform::audit::{self, Change};
use dinh_platform::db::ids::next_id;
use dinh_platform::db::{Db, DbResult, query};
use dinh_platform::write::{Actor, WriteError};
use serde_json::json;

use super::{BODY_MAX, date_field, dmy, text_field};
use crate::ConsultationModule;
use crate::permissions::MANAGE;

/// The forms a hearing takes: met in person, answered in writing, heard at a meeting.
pub const FORMS: [&str; 3] = ["in_person", "in_writing", "meeting"];

/// The Vietnamese name of a hearing's form.
pub fn form_vi(code: &str) -> &'static str {
    match code {
        "in_person" => "Gặp trực tiếp",
        "in_writing" => "Bằng văn bản",
        "meeting" => "Tại cuộc họp",
        _ => "",
    }
}

/// What an officer records of a hearing.
#[derive(Debug, Clone, Default)]
pub struct HearingInput {
    /// The person heard.
    pub person: String,
    /// The day (dd/mm/yyyy).
    pub heard_on: String,
    /// One of [`FORMS`].
    pub form: String,
    /// What they said.
    pub statement: String,
}

/// A recorded hearing.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct Hearing {
    /// The person heard.
    pub person_name: String,
    /// The day (ISO).
    pub heard_on: String,
    /// Its form (a code of [`FORMS`]).
    pub form: String,
    /// What they said.
    pub statement: String,
}

/// The hearings of a consultation, by day.
pub async fn hearings(db: &Db, consultation: i64) -> DbResult<Vec<Hearing>> {
    db.fetch_all(
        &query(
            "SELECT person_name, heard_on, form, statement FROM consultation_hearings
             WHERE consultation_id = $1 ORDER BY heard_on, id",
        )
        .bind(consultation),
    )
    .await
}

/// Whether the consultation's matter burdens a named person, so a hearing is required.
pub fn requires_hearing(m: &ConsultationModule, c: &super::Consultation) -> bool {
    m.rules().get(&c.rule_pack_id).is_ok_and(|p| {
        p.consultation
            .matter(u32::try_from(c.matter).unwrap_or(0))
            .is_some_and(|r| r.named_person)
    })
}

/// Records the hearing of the person a draft decision burdens, while the consultation is open.
pub async fn hear(
    db: &Db,
    actor: Actor<'_>,
    consultation: i64,
    input: &HearingInput,
    today: NaiveDate,
) -> Result<(), WriteError> {
    let c = super::by_id(db, consultation)
        .await?
        .ok_or(WriteError::NotFound)?;
    actor.may(&MANAGE, &c.unit())?;
    if !c.is_open() {
        return Err(WriteError::invalid(
            "consultation",
            "đợt lấy ý kiến đã kết thúc: không ghi thêm",
        ));
    }
    let person = text_field(
        "person",
        &input.person,
        200,
        "họ và tên người được lấy ý kiến",
    )?;
    let heard = date_field("heard_on", &input.heard_on)?;
    let opens = c.opens().unwrap_or(heard);
    if heard < opens || heard > today {
        return Err(WriteError::invalid(
            "heard_on",
            format!(
                "ngày lấy ý kiến phải từ ngày công khai {} đến hôm nay {}",
                dmy(opens),
                dmy(today)
            ),
        ));
    }
    let form = input.form.trim();
    if !FORMS.contains(&form) {
        return Err(WriteError::invalid(
            "form",
            "chọn hình thức: gặp trực tiếp, bằng văn bản hoặc tại cuộc họp",
        ));
    }
    let statement = text_field(
        "statement",
        &input.statement,
        BODY_MAX,
        "ý kiến của người được lấy ý kiến",
    )?;
    let id = next_id();
    let who = actor.audit();
    let mut tx = db.begin().await?;
    tx.execute(
        &query(
            "INSERT INTO consultation_hearings (id, consultation_id, person_name, heard_on, form,
               statement, recorded_by, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
        )
        .bind(id)
        .bind(c.id)
        .bind(person.as_str())
        .bind(heard)
        .bind(form)
        .bind(statement.as_str())
        .bind(who.as_str())
        .bind(dinh_platform::time::now_rfc3339()),
    )
    .await?;
    audit::record(
        &mut tx,
        Change {
            actor: &who,
            action: "consultation.hear",
            object_type: "consultation_hearing",
            object_id: &id.to_string(),
            before: None,
            after: Some(json!({
                "consultation": c.id, "person": person, "heard_on": heard.to_string(),
                "form": form, "statement": statement,
            })),
        },
    )
    .await?;
    tx.commit().await?;
    Ok(())
}
