//! Opening a consultation (công khai dự thảo để lấy ý kiến): the matter of Điều 25, the draft in
//! numbered parts, the forms of Điều 26, and a closing day no earlier than the pack's minimum
//! from publication (Điều 28(2)), counted by the legal calendar.

use dinh_platform::audit::{self, Change};
use dinh_platform::db::ids::next_id;
use dinh_platform::db::{Db, query};
use dinh_platform::write::{Actor, WriteError};
use serde_json::json;

use super::{TITLE_MAX, date_field, dmy, status, text_field};
use crate::ConsultationModule;
use crate::permissions::MANAGE;

/// What an officer fills in to open a consultation.
#[derive(Debug, Clone, Default)]
pub struct OpenInput {
    /// The unit whose people are consulted (commune or thôn), by code.
    pub unit_code: String,
    /// The matter of Điều 25, by its number in the pack.
    pub matter: String,
    /// Title of the draft.
    pub title: String,
    /// What is asked and why (shown above the draft).
    pub summary: String,
    /// The draft's text: parts separated by an empty line; a part's first line is its heading
    /// when more lines follow.
    pub draft: String,
    /// The day of publication (dd/mm/yyyy), from which the duration is counted.
    pub opens_on: String,
    /// The last day comments are taken (dd/mm/yyyy).
    pub closes_on: String,
    /// The forms used (codes of the pack's channels).
    pub channels: Vec<String>,
}

/// The draft split into numbered parts (heading, body): blocks separated by an empty line; a
/// block's first line is its heading when it is short and more lines follow.
pub fn split_parts(draft: &str) -> Vec<(String, String)> {
    let normalised = draft.replace("\r\n", "\n");
    let mut parts = Vec::new();
    for block in normalised.split("\n\n") {
        let lines: Vec<&str> = block
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty())
            .collect();
        let Some((first, rest)) = lines.split_first() else {
            continue;
        };
        if !rest.is_empty() && first.chars().count() <= 160 {
            parts.push(((*first).to_owned(), rest.join("\n")));
        } else {
            parts.push((String::new(), lines.join("\n")));
        }
    }
    parts
}

/// Opens (publishes) a consultation; returns its id. Refused, with nothing written, when the
/// closing day is earlier than the pack's minimum duration allows.
pub async fn open(
    m: &ConsultationModule,
    db: &Db,
    actor: Actor<'_>,
    input: &OpenInput,
) -> Result<i64, WriteError> {
    let unit = dinh_platform::units::store::by_code(db, input.unit_code.trim())
        .await?
        .ok_or_else(|| WriteError::invalid("unit", "không có đơn vị này"))?;
    actor.may(&MANAGE, &unit)?;
    let title = text_field("title", &input.title, TITLE_MAX, "tên dự thảo")?;
    let summary = input.summary.trim().to_owned();
    let opens_on = date_field("opens_on", &input.opens_on)?;
    let closes_on = date_field("closes_on", &input.closes_on)?;
    let pack = m.rules().in_force_on(opens_on).map_err(|e| {
        WriteError::invalid("opens_on", format!("không có bộ quy tắc áp dụng: {e}"))
    })?;
    let rules = &pack.consultation;
    let matter: u32 = input
        .matter
        .trim()
        .parse()
        .ok()
        .filter(|n| rules.matter(*n).is_some())
        .ok_or_else(|| {
            WriteError::invalid(
                "matter",
                "chọn một nội dung lấy ý kiến của Điều 25 trong danh sách",
            )
        })?;
    let mut channels: Vec<String> = Vec::new();
    for code in &input.channels {
        let code = code.trim();
        if code.is_empty() {
            continue;
        }
        if rules.channel(code).is_none() {
            return Err(WriteError::invalid(
                "channels",
                format!("“{code}” không phải là hình thức lấy ý kiến của Điều 26"),
            ));
        }
        if !channels.iter().any(|c| c == code) {
            channels.push(code.to_owned());
        }
    }
    if channels.is_empty() {
        return Err(WriteError::invalid(
            "channels",
            "chọn ít nhất một hình thức lấy ý kiến (Điều 26)",
        ));
    }
    let deadline = m
        .calendar()
        .due_after(opens_on, rules.min_duration.period())
        .map_err(|e| WriteError::invalid("opens_on", e.to_string()))?;
    if closes_on < deadline.due {
        let why = deadline.explain(m.calendar());
        return Err(WriteError::invalid(
            "closes_on",
            format!(
                "thời gian lấy ý kiến ít nhất {} ngày kể từ ngày công khai {} ({}): ngày kết thúc sớm nhất là {}. {}",
                rules.min_duration.count,
                dmy(opens_on),
                rules.min_duration.citation(),
                dmy(deadline.due),
                why.vi
            ),
        ));
    }
    let parts = super::versions::draft_parts(&input.draft)?;
    let id = next_id();
    let now = dinh_platform::time::now_rfc3339();
    let who = actor.audit();
    let channels_text = channels.join(",");
    let mut tx = db.begin().await?;
    tx.execute(
        &query(
            "INSERT INTO consultations (id, unit_id, matter, title, summary, channels, opens_on,
               closes_on, status, comment_count, rule_pack_id, created_by, created_at, version)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, 0, $10, $11, $12, 1)",
        )
        .bind(id)
        .bind(unit.id)
        .bind(i64::from(matter))
        .bind(title.as_str())
        .bind(summary.as_str())
        .bind(channels_text.as_str())
        .bind(opens_on)
        .bind(closes_on)
        .bind(status::OPEN)
        .bind(pack.id.as_str())
        .bind(who.as_str())
        .bind(now.as_str()),
    )
    .await?;
    super::versions::write_version(&mut tx, id, 1, opens_on, "", &who).await?;
    super::versions::write_parts(&mut tx, id, 1, &parts).await?;
    audit::record(
        &mut tx,
        Change {
            actor: &who,
            action: "consultation.open",
            object_type: "consultation",
            object_id: &id.to_string(),
            before: None,
            after: Some(json!({
                "unit": unit.code, "matter": matter, "title": title,
                "opens_on": opens_on.to_string(), "closes_on": closes_on.to_string(),
                "channels": channels, "parts": parts.len(), "rule_pack": pack.id,
            })),
        },
    )
    .await?;
    tx.commit().await?;
    Ok(id)
}
