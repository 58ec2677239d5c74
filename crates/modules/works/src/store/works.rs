//! A community work (công trình do Nhân dân đóng góp) and what follows its decision: each
//! household's share on the decision day, exemptions and reductions (miễn, giảm) with their
//! reasons, milestones of progress (tiến độ), spending by item (chi), and the publication of
//! the accounts (công khai tài chính, Luật 10/2022/QH15 Điều 11 khoản 5).

use dinh_platform::audit::{self, Change};
use dinh_platform::db::ids::next_id;
use dinh_platform::db::{Db, query};
use dinh_platform::write::{Actor, WriteError};
use serde_json::json;

use super::amounts::{dong, parse_money};
use super::{BODY_MAX, TITLE_MAX, date_field, reduction, rule, text_field};
use crate::WorksModule;
use crate::permissions::MANAGE;

/// What an officer fills in to record a work the households decided.
#[derive(Debug, Clone, Default)]
pub struct WorkInput {
    /// The thôn or commune, by code.
    pub unit_code: String,
    /// Name of the work ("Đường bê tông xóm Chùa").
    pub name: String,
    /// Its purpose and scale.
    pub purpose: String,
    /// The estimate (dự toán), in đồng.
    pub estimate: String,
    /// Funding (Nhân dân đóng góp, ngân sách, tài trợ).
    pub funding: String,
    /// The decision of the households (biên bản họp, phiếu lấy ý kiến) it rests on.
    pub decision: String,
    /// The decision day (dd/mm/yyyy): the households on that day owe a share.
    pub decided_on: String,
    /// The contribution rule, [`rule::PER_HOUSEHOLD`] or [`rule::PER_PERSON`].
    pub rule: String,
    /// Đồng a household or a person.
    pub rate: String,
    /// The agreed value of one labour day (giá trị một ngày công), in đồng.
    pub labour_day_value: String,
}

/// Records a work and, in the same transaction, the share of every household of the unit on
/// the decision day (the platform's household list); returns the work's id.
pub async fn record_work(db: &Db, actor: Actor<'_>, input: &WorkInput) -> Result<i64, WriteError> {
    let unit = dinh_platform::units::store::by_code(db, input.unit_code.trim())
        .await?
        .ok_or(WriteError::NotFound)?;
    actor.may(&MANAGE, &unit)?;
    let name = text_field("name", &input.name, TITLE_MAX, "tên công trình")?;
    let purpose = text_field("purpose", &input.purpose, BODY_MAX, "mục đích, quy mô")?;
    let estimate = parse_money("estimate", &input.estimate)?;
    let funding = text_field("funding", &input.funding, TITLE_MAX, "nguồn kinh phí")?;
    let decision = text_field(
        "decision",
        &input.decision,
        TITLE_MAX,
        "văn bản quyết định của Nhân dân (biên bản họp, kết quả phát phiếu)",
    )?;
    let decided_on = date_field("decided_on", &input.decided_on)?;
    let rule_code = match input.rule.trim() {
        rule::PER_HOUSEHOLD | "" => rule::PER_HOUSEHOLD,
        rule::PER_PERSON => rule::PER_PERSON,
        _ => {
            return Err(WriteError::invalid(
                "rule",
                "chọn mức đóng góp theo hộ hoặc theo nhân khẩu",
            ));
        }
    };
    let rate = parse_money("rate", &input.rate)?;
    let day_value = parse_money("labour_day_value", &input.labour_day_value)?;
    let households = dinh_platform::households::all_at(db, unit.id, decided_on).await?;
    if households.is_empty() {
        return Err(WriteError::invalid(
            "decided_on",
            format!(
                "{} không có hộ nào vào ngày {}: kiểm tra đơn vị và ngày quyết định",
                unit.name,
                decided_on.format("%d/%m/%Y")
            ),
        ));
    }
    let id = next_id();
    let who = actor.audit();
    let mut tx = db.begin().await?;
    tx.execute(
        &query(
            "INSERT INTO works (id, unit_id, name, purpose, estimate, funding, decision,
               decided_on, rule, rate, labour_day_value, created_by, created_at)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)",
        )
        .bind(id)
        .bind(unit.id)
        .bind(name.as_str())
        .bind(purpose.as_str())
        .bind(estimate)
        .bind(funding.as_str())
        .bind(decision.as_str())
        .bind(decided_on)
        .bind(rule_code)
        .bind(rate)
        .bind(day_value)
        .bind(who.as_str())
        .bind(dinh_platform::time::now_rfc3339()),
    )
    .await?;
    let mut owed_total: i64 = 0;
    for h in &households {
        let owed = if rule_code == rule::PER_PERSON {
            rate.saturating_mul(h.members)
        } else {
            rate
        };
        owed_total = owed_total.saturating_add(owed);
        tx.execute(
            &query(
                "INSERT INTO works_shares (work_id, household_code, representative, members, owed)
                 VALUES ($1, $2, $3, $4, $5)",
            )
            .bind(id)
            .bind(h.code.as_str())
            .bind(h.representative.as_str())
            .bind(h.members)
            .bind(owed),
        )
        .await?;
    }
    audit::record(
        &mut tx,
        Change {
            actor: &who,
            action: "works.record",
            object_type: "work",
            object_id: &id.to_string(),
            before: None,
            after: Some(json!({
                "unit": unit.code, "name": name, "estimate": estimate,
                "decided_on": decided_on.to_string(), "rule": rule_code, "rate": rate,
                "labour_day_value": day_value, "households": households.len(),
                "owed": owed_total,
            })),
        },
    )
    .await?;
    tx.commit().await?;
    Ok(id)
}

/// What an officer fills in to exempt or reduce a household's share.
#[derive(Debug, Clone, Default)]
pub struct ReductionInput {
    /// The household, by code.
    pub household_code: String,
    /// [`reduction::EXEMPT`] (the whole share) or [`reduction::REDUCE`].
    pub kind: String,
    /// The reduction in đồng (for a reduction).
    pub amount: String,
    /// Why (hộ nghèo, gia đình chính sách, …): required.
    pub reason: String,
}

/// Exempts or reduces a household's share (a new entry; a share is never edited); returns its
/// id. Refused for a household outside the work's list, without a reason, or beyond the share.
pub async fn record_reduction(
    db: &Db,
    actor: Actor<'_>,
    work_id: i64,
    input: &ReductionInput,
) -> Result<i64, WriteError> {
    let work = super::read::work(db, work_id)
        .await?
        .ok_or(WriteError::NotFound)?;
    let unit = work.unit(db).await?;
    actor.may(&MANAGE, &unit)?;
    let account = super::read::account(db, work_id, input.household_code.trim())
        .await?
        .ok_or_else(|| outside(&work, &input.household_code))?;
    let reason = text_field(
        "reason",
        &input.reason,
        BODY_MAX,
        "lý do miễn, giảm (hộ nghèo, gia đình chính sách, …)",
    )?;
    let left = account.owed - account.reduced;
    let (kind, amount) = match input.kind.trim() {
        reduction::EXEMPT => (reduction::EXEMPT, left),
        reduction::REDUCE => (reduction::REDUCE, parse_money("amount", &input.amount)?),
        _ => return Err(WriteError::invalid("kind", "chọn miễn hoặc giảm")),
    };
    if amount <= 0 {
        return Err(WriteError::invalid(
            "amount",
            format!(
                "hộ {} không còn khoản phải đóng để miễn, giảm",
                account.household_code
            ),
        ));
    }
    if amount > left {
        return Err(WriteError::invalid(
            "amount",
            format!(
                "số giảm {} lớn hơn số hộ {} còn phải đóng ({}): chọn miễn hoặc giảm ít hơn",
                dong(amount),
                account.household_code,
                dong(left)
            ),
        ));
    }
    let id = next_id();
    let who = actor.audit();
    let mut tx = db.begin().await?;
    tx.execute(
        &query(
            "INSERT INTO works_reductions (id, work_id, household_code, kind, amount, reason,
               created_by, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
        )
        .bind(id)
        .bind(work_id)
        .bind(account.household_code.as_str())
        .bind(kind)
        .bind(amount)
        .bind(reason.as_str())
        .bind(who.as_str())
        .bind(dinh_platform::time::now_rfc3339()),
    )
    .await?;
    audit::record(
        &mut tx,
        Change {
            actor: &who,
            action: "works.reduce",
            object_type: "work_household",
            object_id: &format!("{work_id}:{}", account.household_code),
            before: Some(json!({ "reduced": account.reduced })),
            after: Some(json!({ "kind": kind, "amount": amount, "reason": reason })),
        },
    )
    .await?;
    tx.commit().await?;
    Ok(id)
}

/// The refusal of a household that is not on the work's list.
pub(crate) fn outside(work: &super::Work, code: &str) -> WriteError {
    WriteError::invalid("household_code", outside_message(work, code))
}

/// Why a household that is not on the work's list is refused.
pub(crate) fn outside_message(work: &super::Work, code: &str) -> String {
    format!(
        "hộ “{}” không có trong danh sách hộ của {} vào ngày quyết định {}: kiểm tra mã hộ",
        code.trim(),
        work.unit_name,
        dinh_platform::time::show_date(&work.decided_on)
    )
}

/// A milestone reached (tiến độ).
#[derive(Debug, Clone, Default)]
pub struct MilestoneInput {
    /// The day (dd/mm/yyyy).
    pub reached_on: String,
    /// What was reached ("Khởi công", "Đổ xong mặt đường").
    pub title: String,
    /// Details, the photos' place.
    pub note: String,
}

/// Records a milestone; returns its id.
pub async fn record_milestone(
    db: &Db,
    actor: Actor<'_>,
    work_id: i64,
    input: &MilestoneInput,
) -> Result<i64, WriteError> {
    let work = super::read::work(db, work_id)
        .await?
        .ok_or(WriteError::NotFound)?;
    actor.may(&MANAGE, &work.unit(db).await?)?;
    let reached_on = date_field("reached_on", &input.reached_on)?;
    let title = text_field("title", &input.title, TITLE_MAX, "mốc tiến độ")?;
    let note = input.note.trim().chars().take(BODY_MAX).collect::<String>();
    let id = next_id();
    let who = actor.audit();
    let mut tx = db.begin().await?;
    tx.execute(
        &query(
            "INSERT INTO works_milestones (id, work_id, reached_on, title, note, created_by,
               created_at) VALUES ($1, $2, $3, $4, $5, $6, $7)",
        )
        .bind(id)
        .bind(work_id)
        .bind(reached_on)
        .bind(title.as_str())
        .bind(note.as_str())
        .bind(who.as_str())
        .bind(dinh_platform::time::now_rfc3339()),
    )
    .await?;
    audit::record(
        &mut tx,
        Change {
            actor: &who,
            action: "works.milestone",
            object_type: "work",
            object_id: &work_id.to_string(),
            before: None,
            after: Some(json!({ "reached_on": reached_on.to_string(), "title": title })),
        },
    )
    .await?;
    tx.commit().await?;
    Ok(id)
}

/// Spending on one item, with its document (hóa đơn, chứng từ).
#[derive(Debug, Clone, Default)]
pub struct SpendingInput {
    /// The item ("Xi măng", "Nhân công").
    pub item: String,
    /// Đồng spent.
    pub amount: String,
    /// The day (dd/mm/yyyy).
    pub spent_on: String,
    /// The document (số hóa đơn, chứng từ).
    pub document: String,
}

/// Records spending; returns its id.
pub async fn record_spending(
    db: &Db,
    actor: Actor<'_>,
    work_id: i64,
    input: &SpendingInput,
) -> Result<i64, WriteError> {
    let work = super::read::work(db, work_id)
        .await?
        .ok_or(WriteError::NotFound)?;
    actor.may(&MANAGE, &work.unit(db).await?)?;
    let item = text_field("item", &input.item, TITLE_MAX, "khoản chi")?;
    let amount = parse_money("amount", &input.amount)?;
    if amount == 0 {
        return Err(WriteError::invalid("amount", "số tiền chi phải lớn hơn 0"));
    }
    let spent_on = date_field("spent_on", &input.spent_on)?;
    let document = text_field(
        "document",
        &input.document,
        TITLE_MAX,
        "chứng từ (số hóa đơn, phiếu chi)",
    )?;
    let id = next_id();
    let who = actor.audit();
    let mut tx = db.begin().await?;
    tx.execute(
        &query(
            "INSERT INTO works_spendings (id, work_id, item, amount, spent_on, document,
               created_by, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
        )
        .bind(id)
        .bind(work_id)
        .bind(item.as_str())
        .bind(amount)
        .bind(spent_on)
        .bind(document.as_str())
        .bind(who.as_str())
        .bind(dinh_platform::time::now_rfc3339()),
    )
    .await?;
    audit::record(
        &mut tx,
        Change {
            actor: &who,
            action: "works.spend",
            object_type: "work",
            object_id: &work_id.to_string(),
            before: None,
            after: Some(json!({ "item": item, "amount": amount, "spent_on": spent_on.to_string(), "document": document })),
        },
    )
    .await?;
    tx.commit().await?;
    Ok(id)
}

/// Publishes the work's accounts on the portal on `on` (dd/mm/yyyy; today when empty): from
/// then the public page shows what was collected, owed and spent, and the disclosure duty of
/// the pack in force that day is raised (see [`crate::WorksModule`]'s duties).
pub async fn publish_accounts(
    m: &WorksModule,
    db: &Db,
    actor: Actor<'_>,
    work_id: i64,
    on: &str,
) -> Result<(), WriteError> {
    let work = super::read::work(db, work_id)
        .await?
        .ok_or(WriteError::NotFound)?;
    actor.may(&MANAGE, &work.unit(db).await?)?;
    let on = if on.trim().is_empty() {
        dinh_platform::time::today_vn()
    } else {
        date_field("on", on)?
    };
    if on.to_string() < work.decided_on {
        return Err(WriteError::invalid(
            "on",
            "ngày công khai sớm hơn ngày Nhân dân quyết định công trình",
        ));
    }
    let pack = m
        .rules()
        .in_force_on(on)
        .map_err(|e| WriteError::invalid("on", format!("không có bộ quy tắc áp dụng: {e}")))?;
    let who = actor.audit();
    let mut tx = db.begin().await?;
    tx.execute(
        &query(
            "UPDATE works SET accounts_published_on = $1, accounts_published_at = $2,
               accounts_rule_pack_id = $3 WHERE id = $4",
        )
        .bind(on)
        .bind(dinh_platform::time::now_rfc3339())
        .bind(pack.id.as_str())
        .bind(work_id),
    )
    .await?;
    audit::record(
        &mut tx,
        Change {
            actor: &who,
            action: "works.publish_accounts",
            object_type: "work",
            object_id: &work_id.to_string(),
            before: Some(json!({ "published_on": work.accounts_published_on })),
            after: Some(json!({ "published_on": on.to_string(), "rule_pack": pack.id })),
        },
    )
    .await?;
    tx.commit().await?;
    Ok(())
}
