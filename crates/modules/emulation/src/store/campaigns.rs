//! Opening a campaign (phát động phong trào thi đua): its period, its criteria with their
//! weights (from the launching document), the fields it covers and who may register.

use dinh_platform::audit::{self, Change};
use dinh_platform::db::ids::next_id;
use dinh_platform::db::{Db, query};
use dinh_platform::write::{Actor, WriteError};
use serde_json::json;

use super::{BODY_MAX, CRITERIA_MAX, TITLE_MAX, date_field, eligible, text_field};
use crate::EmulationModule;
use crate::permissions::RUN;

/// What the Mass Mobilisation Board fills in to open a campaign.
#[derive(Debug, Clone, Default)]
pub struct CampaignInput {
    /// The unit whose board runs it, by code.
    pub unit_code: String,
    /// Title.
    pub title: String,
    /// The launching document (kế hoạch, hướng dẫn số …).
    pub document: String,
    /// What it asks for.
    pub description: String,
    /// First day (dd/mm/yyyy).
    pub period_from: String,
    /// Last day (dd/mm/yyyy).
    pub period_to: String,
    /// Last day to register (dd/mm/yyyy); blank: the last day of the period.
    pub register_until: String,
    /// collectives | individuals | both.
    pub eligible: String,
    /// The field codes it covers (of the rule pack's `[emulation] fields`).
    pub fields: Vec<String>,
    /// The criteria, one a line: "name | weight".
    pub criteria: String,
}

/// The criteria written one a line as "name | weight" (the weight is the highest score);
/// a refusal names the line.
pub fn parse_criteria(text: &str) -> Result<Vec<(String, i64)>, WriteError> {
    let mut out = Vec::new();
    for (n, line) in text.lines().enumerate() {
        let line = line.trim();
        if line.is_empty() {
            continue;
        }
        let (name, weight) = line.rsplit_once('|').ok_or_else(|| {
            WriteError::invalid(
                "criteria",
                format!(
                    "dòng {}: ghi “tên tiêu chí | điểm tối đa”, ví dụ “Hiệu quả thiết thực | 40”",
                    n + 1
                ),
            )
        })?;
        let name = name.trim();
        if name.is_empty() || name.chars().count() > TITLE_MAX {
            return Err(WriteError::invalid(
                "criteria",
                format!(
                    "dòng {}: ghi tên tiêu chí (tối đa {TITLE_MAX} ký tự)",
                    n + 1
                ),
            ));
        }
        let weight = weight
            .trim()
            .parse::<i64>()
            .ok()
            .filter(|w| (1..=1000).contains(w))
            .ok_or_else(|| {
                WriteError::invalid(
                    "criteria",
                    format!(
                        "dòng {}: điểm tối đa “{}” phải là số nguyên từ 1 đến 1000",
                        n + 1,
                        weight.trim()
                    ),
                )
            })?;
        out.push((name.to_owned(), weight));
    }
    if out.is_empty() {
        return Err(WriteError::invalid(
            "criteria",
            "ghi ít nhất một tiêu chí, mỗi dòng “tên tiêu chí | điểm tối đa”",
        ));
    }
    if out.len() > CRITERIA_MAX {
        return Err(WriteError::invalid(
            "criteria",
            format!("nhiều nhất {CRITERIA_MAX} tiêu chí"),
        ));
    }
    Ok(out)
}

/// Opens a campaign with its criteria; returns its id.
pub async fn open_campaign(
    m: &EmulationModule,
    db: &Db,
    actor: Actor<'_>,
    input: &CampaignInput,
) -> Result<i64, WriteError> {
    let unit = dinh_platform::units::store::by_code(db, input.unit_code.trim())
        .await?
        .ok_or(WriteError::NotFound)?;
    actor.may(&RUN, &unit)?;
    let title = text_field("title", &input.title, TITLE_MAX, "tên phong trào")?;
    let document = text_field(
        "document",
        &input.document,
        TITLE_MAX,
        "văn bản phát động (kế hoạch, hướng dẫn)",
    )?;
    let description = input.description.trim().to_owned();
    if description.chars().count() > BODY_MAX {
        return Err(WriteError::invalid(
            "description",
            format!("nội dung dài quá {BODY_MAX} ký tự: rút gọn lại"),
        ));
    }
    let from = date_field("period_from", &input.period_from)?;
    let to = date_field("period_to", &input.period_to)?;
    if to < from {
        return Err(WriteError::invalid(
            "period_to",
            "ngày kết thúc phải sau ngày bắt đầu",
        ));
    }
    let until = if input.register_until.trim().is_empty() {
        to
    } else {
        date_field("register_until", &input.register_until)?
    };
    if until < from || until > to {
        return Err(WriteError::invalid(
            "register_until",
            "hạn đăng ký phải nằm trong thời gian của phong trào",
        ));
    }
    let who_may = match input.eligible.trim() {
        "" | eligible::BOTH => eligible::BOTH,
        eligible::COLLECTIVES => eligible::COLLECTIVES,
        eligible::INDIVIDUALS => eligible::INDIVIDUALS,
        _ => {
            return Err(WriteError::invalid(
                "eligible",
                "chọn đối tượng: tập thể, cá nhân, hoặc cả hai",
            ));
        }
    };
    let pack = m
        .rules()
        .in_force_on(from)
        .map_err(|e| WriteError::invalid("period_from", e.to_string()))?;
    let mut fields = Vec::new();
    for f in &input.fields {
        let f = f.trim();
        if f.is_empty() || fields.contains(&f) {
            continue;
        }
        if pack.emulation.field(f).is_none() {
            return Err(WriteError::invalid(
                "fields",
                format!("lĩnh vực “{f}” không có trong bộ quy tắc {}", pack.id),
            ));
        }
        fields.push(f);
    }
    if fields.is_empty() {
        return Err(WriteError::invalid(
            "fields",
            "chọn ít nhất một lĩnh vực của phong trào",
        ));
    }
    let criteria = parse_criteria(&input.criteria)?;
    let id = next_id();
    let who = actor.audit();
    let mut tx = db.begin().await?;
    tx.execute(
        &query(
            "INSERT INTO emulation_campaigns (id, unit_id, title, document, description,
               period_from, period_to, register_until, eligible, fields, rule_pack_id,
               created_by, created_at)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)",
        )
        .bind(id)
        .bind(unit.id)
        .bind(title.as_str())
        .bind(document.as_str())
        .bind(description.as_str())
        .bind(from)
        .bind(to)
        .bind(until)
        .bind(who_may)
        .bind(fields.join(","))
        .bind(pack.id.as_str())
        .bind(who.as_str())
        .bind(dinh_platform::time::now_rfc3339()),
    )
    .await?;
    for (i, (name, weight)) in criteria.iter().enumerate() {
        tx.execute(
            &query(
                "INSERT INTO emulation_criteria (campaign_id, position, name, weight)
                 VALUES ($1, $2, $3, $4)",
            )
            .bind(id)
            .bind(i64::try_from(i + 1).unwrap_or(i64::MAX))
            .bind(name.as_str())
            .bind(*weight),
        )
        .await?;
    }
    audit::record(
        &mut tx,
        Change {
            actor: &who,
            action: "emulation.open",
            object_type: "emulation_campaign",
            object_id: &id.to_string(),
            before: None,
            after: Some(json!({
                "unit": unit.code, "title": title, "document": document,
                "period": [from.to_string(), to.to_string()], "register_until": until.to_string(),
                "eligible": who_may, "fields": fields, "criteria": criteria,
                "rule_pack": pack.id,
            })),
        },
    )
    .await?;
    tx.commit().await?;
    Ok(id)
}
