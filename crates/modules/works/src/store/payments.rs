//! Pledges (đăng ký đóng góp) and payments (nộp đóng góp) of a household: cash, or labour days
//! valued at the work's agreed rate, each with its own receipt number (số phiếu thu), entered
//! by the collector for households that are not online; a payment beyond what is still owed
//! needs a note; a wrong receipt is corrected by a new entry that names it, never edited.

use dinh_platform::audit::{self, Change};
use dinh_platform::db::ids::next_id;
use dinh_platform::db::{Db, query};
use dinh_platform::write::{Actor, WriteError};
use serde_json::json;

use super::amounts::{dong, labour_value, parse_days, parse_money, show_days};
use super::works::outside;
use super::{BODY_MAX, RECEIPT_MAX, Work, date_field, kind, text_field};
use crate::permissions::COLLECT;

/// What a collector fills in for one payment.
#[derive(Debug, Clone, Default)]
pub struct PaymentInput {
    /// The household, by code.
    pub household_code: String,
    /// The receipt's number, unique within the work.
    pub receipt_no: String,
    /// [`kind::CASH`] or [`kind::LABOUR`].
    pub kind: String,
    /// Đồng (cash).
    pub amount: String,
    /// Labour days ("1,5"), valued at the work's rate.
    pub days: String,
    /// The day (dd/mm/yyyy).
    pub paid_on: String,
    /// A note: required when the payment is more than the household still owes.
    pub note: String,
}

/// A payment checked, ready to write.
pub(crate) struct Checked {
    pub household_code: String,
    pub receipt_no: String,
    pub kind: &'static str,
    pub amount: i64,
    pub labour_tenths: i64,
    pub paid_on: chrono::NaiveDate,
    pub note: String,
}

/// The receipt number of `field`, or a refusal.
pub(crate) fn receipt_field(field: &'static str, text: &str) -> Result<String, WriteError> {
    text_field(field, text, RECEIPT_MAX, "số phiếu thu")
}

/// The refusal of a receipt number already used.
pub(crate) fn receipt_used(field: &'static str, receipt: &str) -> WriteError {
    WriteError::invalid(
        field,
        format!(
            "số phiếu thu “{receipt}” đã dùng cho một khoản khác của công trình: mỗi phiếu thu một số"
        ),
    )
}

/// Checks one payment against the work and what the household still owes (`balance`).
pub(crate) fn check(
    work: &Work,
    input: &PaymentInput,
    balance: i64,
) -> Result<Checked, WriteError> {
    let receipt_no = receipt_field("receipt_no", &input.receipt_no)?;
    let (kind, amount, labour_tenths) = match input.kind.trim() {
        kind::CASH | "" | "tien" | "tiền" => {
            let amount = parse_money("amount", &input.amount)?;
            if amount == 0 {
                return Err(WriteError::invalid("amount", "số tiền phải lớn hơn 0"));
            }
            (kind::CASH, amount, 0)
        }
        kind::LABOUR | "ngay_cong" | "ngày công" => {
            let tenths = parse_days("days", &input.days)?;
            (
                kind::LABOUR,
                labour_value(tenths, work.labour_day_value),
                tenths,
            )
        }
        other => {
            return Err(WriteError::invalid(
                "kind",
                format!(
                    "“{other}” không phải là hình thức đóng góp: ghi cash (tiền) hoặc labour (ngày công)"
                ),
            ));
        }
    };
    let paid_on = date_field("paid_on", &input.paid_on)?;
    let note = input.note.trim().to_owned();
    if note.chars().count() > BODY_MAX {
        return Err(WriteError::invalid("note", "ghi chú dài quá: rút gọn lại"));
    }
    if amount > balance && note.is_empty() {
        return Err(WriteError::invalid(
            "amount",
            format!(
                "khoản đóng góp {} lớn hơn số hộ {} còn phải đóng ({}): ghi rõ lý do vào ghi chú (ví dụ hộ tự nguyện đóng thêm) hoặc sửa lại số",
                dong(amount),
                input.household_code.trim(),
                dong(balance.max(0))
            ),
        ));
    }
    Ok(Checked {
        household_code: input.household_code.trim().to_owned(),
        receipt_no,
        kind,
        amount,
        labour_tenths,
        paid_on,
        note,
    })
}

/// True when `receipt` is already used in the work.
pub(crate) async fn receipt_exists(
    db: &Db,
    work_id: i64,
    receipt: &str,
) -> Result<bool, WriteError> {
    let n: i64 = db
        .scalar(
            &query(
                "SELECT CAST(COUNT(*) AS BIGINT) FROM works_payments WHERE work_id = $1 AND receipt_no = $2",
            )
            .bind(work_id)
            .bind(receipt),
        )
        .await?;
    Ok(n > 0)
}

/// The insert of one checked payment (inside the caller's transaction).
pub(crate) fn insert(
    id: i64,
    work_id: i64,
    p: &Checked,
    corrects: Option<i64>,
    entered_by: &str,
) -> dinh_platform::db::Query {
    query(
        "INSERT INTO works_payments (id, work_id, household_code, receipt_no, kind, amount,
           labour_tenths, paid_on, note, corrects_id, entered_by, created_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)",
    )
    .bind(id)
    .bind(work_id)
    .bind(p.household_code.clone())
    .bind(p.receipt_no.clone())
    .bind(p.kind)
    .bind(p.amount)
    .bind(p.labour_tenths)
    .bind(p.paid_on)
    .bind(p.note.clone())
    .bind(corrects)
    .bind(entered_by.to_owned())
    .bind(dinh_platform::time::now_rfc3339())
}

/// The audit entry's content for a payment.
pub(crate) fn audited(p: &Checked) -> serde_json::Value {
    json!({
        "household": p.household_code, "receipt": p.receipt_no, "kind": p.kind,
        "amount": p.amount, "days": show_days(p.labour_tenths), "paid_on": p.paid_on.to_string(),
        "note": p.note,
    })
}

/// Records a payment for a household; returns its id (the receipt's). Refused for a household
/// outside the work's list, a receipt number used before, or more than the household still
/// owes without a note.
pub async fn pay(
    db: &Db,
    actor: Actor<'_>,
    work_id: i64,
    input: &PaymentInput,
) -> Result<i64, WriteError> {
    let work = super::read::work(db, work_id)
        .await?
        .ok_or(WriteError::NotFound)?;
    actor.may(&COLLECT, &work.unit(db).await?)?;
    let account = super::read::account(db, work_id, input.household_code.trim())
        .await?
        .ok_or_else(|| outside(&work, &input.household_code))?;
    let checked = check(&work, input, account.balance())?;
    if receipt_exists(db, work_id, &checked.receipt_no).await? {
        return Err(receipt_used("receipt_no", &checked.receipt_no));
    }
    let id = next_id();
    let who = actor.audit();
    let mut tx = db.begin().await?;
    tx.execute(&insert(id, work_id, &checked, None, &actor.name()))
        .await?;
    audit::record(
        &mut tx,
        Change {
            actor: &who,
            action: "works.pay",
            object_type: "work_payment",
            object_id: &id.to_string(),
            before: None,
            after: Some(audited(&checked)),
        },
    )
    .await?;
    tx.commit().await?;
    Ok(id)
}

/// A correction of a receipt: the right amount (or days), a new receipt number and the reason.
#[derive(Debug, Clone, Default)]
pub struct CorrectionInput {
    /// The right amount in đồng (cash) or days (labour) of the corrected payment.
    pub right: String,
    /// The correcting entry's own receipt number.
    pub receipt_no: String,
    /// Why (required).
    pub note: String,
}

/// Corrects a payment by a new entry of the difference, which names the corrected receipt;
/// returns its id. The corrected payment is never changed.
pub async fn correct(
    db: &Db,
    actor: Actor<'_>,
    payment_id: i64,
    input: &CorrectionInput,
) -> Result<i64, WriteError> {
    let original = super::read::payment(db, payment_id)
        .await?
        .ok_or(WriteError::NotFound)?;
    let work = super::read::work(db, original.work_id)
        .await?
        .ok_or(WriteError::NotFound)?;
    actor.may(&COLLECT, &work.unit(db).await?)?;
    if original.corrects_id.is_some() {
        return Err(WriteError::invalid(
            "right",
            "đây là một khoản điều chỉnh: điều chỉnh phiếu thu gốc",
        ));
    }
    let note = text_field("note", &input.note, BODY_MAX, "lý do điều chỉnh")?;
    let receipt_no = receipt_field("receipt_no", &input.receipt_no)?;
    let (so_far, so_far_tenths): (i64, i64) = db
        .fetch_optional(
            &query(
                "SELECT CAST(COALESCE(SUM(amount), 0) AS BIGINT), CAST(COALESCE(SUM(labour_tenths), 0) AS BIGINT)
                 FROM works_payments WHERE id = $1 OR corrects_id = $1",
            )
            .bind(payment_id),
        )
        .await?
        .unwrap_or((0, 0));
    let (right, right_tenths) = if original.kind == kind::LABOUR {
        let tenths = parse_days("right", &input.right)?;
        (labour_value(tenths, work.labour_day_value), tenths)
    } else {
        (parse_money("right", &input.right)?, 0)
    };
    if right == so_far && right_tenths == so_far_tenths {
        return Err(WriteError::invalid(
            "right",
            "số đúng bằng số đã ghi: không có gì để điều chỉnh",
        ));
    }
    if receipt_exists(db, work.id, &receipt_no).await? {
        return Err(receipt_used("receipt_no", &receipt_no));
    }
    let checked = Checked {
        household_code: original.household_code.clone(),
        receipt_no,
        kind: if original.kind == kind::LABOUR {
            kind::LABOUR
        } else {
            kind::CASH
        },
        amount: right - so_far,
        labour_tenths: right_tenths - so_far_tenths,
        paid_on: dinh_platform::time::today_vn(),
        note,
    };
    let id = next_id();
    let who = actor.audit();
    let mut tx = db.begin().await?;
    tx.execute(&insert(
        id,
        work.id,
        &checked,
        Some(payment_id),
        &actor.name(),
    ))
    .await?;
    audit::record(
        &mut tx,
        Change {
            actor: &who,
            action: "works.correct",
            object_type: "work_payment",
            object_id: &payment_id.to_string(),
            before: Some(json!({ "amount": so_far, "receipt": original.receipt_no })),
            after: Some(json!({ "amount": right, "correction": audited(&checked) })),
        },
    )
    .await?;
    tx.commit().await?;
    Ok(id)
}

/// What a collector fills in for a pledge.
#[derive(Debug, Clone, Default)]
pub struct PledgeInput {
    /// The household, by code.
    pub household_code: String,
    /// Đồng pledged.
    pub amount: String,
    /// The day (dd/mm/yyyy).
    pub pledged_on: String,
}

/// Records a household's pledge; returns its id.
pub async fn pledge(
    db: &Db,
    actor: Actor<'_>,
    work_id: i64,
    input: &PledgeInput,
) -> Result<i64, WriteError> {
    let work = super::read::work(db, work_id)
        .await?
        .ok_or(WriteError::NotFound)?;
    actor.may(&COLLECT, &work.unit(db).await?)?;
    let account = super::read::account(db, work_id, input.household_code.trim())
        .await?
        .ok_or_else(|| outside(&work, &input.household_code))?;
    let amount = parse_money("amount", &input.amount)?;
    if amount == 0 {
        return Err(WriteError::invalid(
            "amount",
            "số tiền đăng ký phải lớn hơn 0",
        ));
    }
    let pledged_on = date_field("pledged_on", &input.pledged_on)?;
    let id = next_id();
    let who = actor.audit();
    let mut tx = db.begin().await?;
    tx.execute(
        &query(
            "INSERT INTO works_pledges (id, work_id, household_code, amount, pledged_on,
               created_by, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7)",
        )
        .bind(id)
        .bind(work_id)
        .bind(account.household_code.as_str())
        .bind(amount)
        .bind(pledged_on)
        .bind(who.as_str())
        .bind(dinh_platform::time::now_rfc3339()),
    )
    .await?;
    audit::record(
        &mut tx,
        Change {
            actor: &who,
            action: "works.pledge",
            object_type: "work_household",
            object_id: &format!("{work_id}:{}", account.household_code),
            before: None,
            after: Some(json!({ "amount": amount, "pledged_on": pledged_on.to_string() })),
        },
    )
    .await?;
    tx.commit().await?;
    Ok(id)
}
