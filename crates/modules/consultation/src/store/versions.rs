//! Versions of the draft (dự thảo sửa đổi, bổ sung): an officer publishes a new text, split
//! into parts the same way as at opening; versions are numbered with their date; the parts of
//! every version are kept so any two can be compared, and the current one's are the parts
//! people comment on.

use chrono::NaiveDate;
use dinh_platform::audit::{self, Change};
use dinh_platform::db::ids::next_id;
use dinh_platform::db::{Db, DbResult, Tx, query};
use dinh_platform::write::{Actor, WriteError};
use serde::Serialize;
use serde_json::json;

use super::{BODY_MAX, Part, date_field, dmy, split_parts};
use crate::permissions::MANAGE;

/// Parts written per statement.
const PART_BATCH: usize = 200;

/// A version of the draft (bản dự thảo số N) and the day it was published.
#[derive(Debug, Clone, Serialize, sqlx::FromRow, utoipa::ToSchema)]
pub struct Version {
    /// Its number (1 is the text published at opening).
    pub number: i64,
    /// The day it was published (ISO).
    pub published_on: String,
    /// What changed, in the officer's words (possibly empty).
    pub note: String,
}

/// What an officer fills in to publish a new version of the draft.
#[derive(Debug, Clone, Default)]
pub struct VersionInput {
    /// The new text, split into parts as at opening (parts separated by an empty line).
    pub draft: String,
    /// The day of publication (dd/mm/yyyy).
    pub published_on: String,
    /// What changed and why (optional).
    pub note: String,
}

/// The versions of a consultation, oldest first.
pub async fn versions(db: &Db, consultation: i64) -> DbResult<Vec<Version>> {
    db.fetch_all(
        &query(
            "SELECT number, published_on, note FROM consultation_versions
             WHERE consultation_id = $1 ORDER BY number",
        )
        .bind(consultation),
    )
    .await
}

/// The parts of version `version` of a consultation, in order (empty when there is no such
/// version).
pub async fn version_parts(db: &Db, consultation: i64, version: i64) -> DbResult<Vec<Part>> {
    db.fetch_all(
        &query(
            "SELECT number, heading, body FROM consultation_version_parts
             WHERE consultation_id = $1 AND version = $2 ORDER BY number",
        )
        .bind(consultation)
        .bind(version),
    )
    .await
}

/// Writes `parts` as version `version` of `consultation`, and as its current parts.
pub(crate) async fn write_parts(
    tx: &mut Tx,
    consultation: i64,
    version: i64,
    parts: &[(String, String)],
) -> Result<(), WriteError> {
    tx.execute(
        &query("DELETE FROM consultation_parts WHERE consultation_id = $1").bind(consultation),
    )
    .await?;
    for table in ["consultation_parts", "consultation_version_parts"] {
        let versioned = table == "consultation_version_parts";
        let width = if versioned { 6 } else { 5 };
        for (c, chunk) in parts.chunks(PART_BATCH).enumerate() {
            let values: Vec<String> = (0..chunk.len())
                .map(|i| {
                    let cols: Vec<String> =
                        (1..=width).map(|k| format!("${}", i * width + k)).collect();
                    format!("({})", cols.join(", "))
                })
                .collect();
            let columns = if versioned {
                "id, consultation_id, version, number, heading, body"
            } else {
                "id, consultation_id, number, heading, body"
            };
            let mut q = query(format!(
                "INSERT INTO {table} ({columns}) VALUES {}",
                values.join(", ")
            ));
            for (i, (heading, body)) in chunk.iter().enumerate() {
                let number = i64::try_from(c * PART_BATCH + i + 1).unwrap_or(i64::MAX);
                q = q.bind(next_id()).bind(consultation);
                if versioned {
                    q = q.bind(version);
                }
                q = q.bind(number).bind(heading.as_str()).bind(body.as_str());
            }
            tx.execute(&q).await?;
        }
    }
    Ok(())
}

/// Records version `number` of `consultation`, published on `published_on`.
pub(crate) async fn write_version(
    tx: &mut Tx,
    consultation: i64,
    number: i64,
    published_on: NaiveDate,
    note: &str,
    who: &str,
) -> Result<(), WriteError> {
    tx.execute(
        &query(
            "INSERT INTO consultation_versions (id, consultation_id, number, published_on, note,
               created_by, created_at)
             VALUES ($1, $2, $3, $4, $5, $6, $7)",
        )
        .bind(next_id())
        .bind(consultation)
        .bind(number)
        .bind(published_on)
        .bind(note)
        .bind(who)
        .bind(dinh_platform::time::now_rfc3339()),
    )
    .await?;
    Ok(())
}

/// The draft's text split into parts, refused (naming `draft`) when empty or too long.
pub(crate) fn draft_parts(draft: &str) -> Result<Vec<(String, String)>, WriteError> {
    let parts = split_parts(draft);
    if parts.is_empty() {
        return Err(WriteError::invalid(
            "draft",
            "ghi nội dung dự thảo, mỗi phần (điều, khoản, đoạn) cách nhau một dòng trống",
        ));
    }
    if parts.len() > super::PARTS_MAX {
        return Err(WriteError::invalid(
            "draft",
            format!("dự thảo có quá {} phần: gộp bớt các đoạn", super::PARTS_MAX),
        ));
    }
    Ok(parts)
}

/// Publishes a new version of the draft of an open consultation; returns its number. Refused,
/// with nothing written, when the text is empty or the same as the current version's, or the
/// day is before the current version's or after `today`.
pub async fn publish_version(
    db: &Db,
    actor: Actor<'_>,
    consultation: i64,
    input: &VersionInput,
    today: NaiveDate,
) -> Result<i64, WriteError> {
    let c = super::by_id(db, consultation)
        .await?
        .ok_or(WriteError::NotFound)?;
    actor.may(&MANAGE, &c.unit())?;
    if !c.is_open() {
        return Err(WriteError::invalid(
            "consultation",
            "đợt lấy ý kiến đã kết thúc: không công khai thêm bản dự thảo",
        ));
    }
    let published_on = date_field("published_on", &input.published_on)?;
    let current = versions(db, c.id).await?;
    let last_day = current
        .last()
        .and_then(|v| dinh_platform::time::parse_date(&v.published_on))
        .or_else(|| c.opens())
        .unwrap_or(published_on);
    if published_on < last_day || published_on > today {
        return Err(WriteError::invalid(
            "published_on",
            format!(
                "ngày công khai bản mới phải từ ngày của bản số {} ({}) đến hôm nay ({})",
                c.version,
                dmy(last_day),
                dmy(today)
            ),
        ));
    }
    let note = input.note.trim();
    if note.chars().count() > BODY_MAX {
        return Err(WriteError::invalid(
            "note",
            format!("ghi chú dài quá {BODY_MAX} ký tự: rút gọn lại"),
        ));
    }
    let parts = draft_parts(&input.draft)?;
    let now: Vec<(String, String)> = super::parts(db, c.id)
        .await?
        .into_iter()
        .map(|p| (p.heading, p.body))
        .collect();
    if now == parts {
        return Err(WriteError::invalid(
            "draft",
            format!(
                "nội dung giống hệt bản số {}: sửa dự thảo trước khi công khai bản mới",
                c.version
            ),
        ));
    }
    let number = c.version + 1;
    let who = actor.audit();
    let mut tx = db.begin().await?;
    // The consultation must still be open and at the version read above (two officers
    // publishing at once get two numbers, never one twice).
    let moved = tx
        .execute(
            &query(
                "UPDATE consultations SET version = $1
                 WHERE id = $2 AND version = $3 AND status = 'open'",
            )
            .bind(number)
            .bind(c.id)
            .bind(c.version),
        )
        .await?;
    if moved == 0 {
        return Err(WriteError::invalid(
            "draft",
            "một bản dự thảo khác vừa được công khai: tải lại trang rồi làm lại",
        ));
    }
    write_version(&mut tx, c.id, number, published_on, note, &who).await?;
    write_parts(&mut tx, c.id, number, &parts).await?;
    audit::record(
        &mut tx,
        Change {
            actor: &who,
            action: "consultation.version",
            object_type: "consultation",
            object_id: &c.id.to_string(),
            before: Some(json!({"version": c.version, "parts": now.len()})),
            after: Some(json!({
                "version": number, "published_on": published_on.to_string(),
                "note": note, "parts": parts.len(),
            })),
        },
    )
    .await?;
    tx.commit().await?;
    Ok(number)
}
