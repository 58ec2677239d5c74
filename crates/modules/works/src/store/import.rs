//! Payments imported from a CSV file (the collectors' sheet): one line a payment, columns
//! `household_code, receipt_no, paid_on` and optionally `kind` (cash / labour), `amount`,
//! `days`, `note`. Every line is checked as a payment entered by hand (the household on the
//! work's list, a receipt number used nowhere else in the work or the file, no more than the
//! household still owes without a note); on any bad line the whole file is refused, naming each
//! line and column, and nothing is written.

use std::collections::{HashMap, HashSet};
use std::io::Read;

use dinh_platform::audit::{self, Change};
use dinh_platform::csvio::{self, ImportErrors};
use dinh_platform::db::ids::next_id;
use dinh_platform::db::{Db, query};
use dinh_platform::write::{Actor, WriteError};

use super::payments::{Checked, PaymentInput, audited, check, insert};
use crate::permissions::COLLECT;

const REQUIRED: [&str; 3] = ["household_code", "receipt_no", "paid_on"];
const OPTIONAL: [&str; 4] = ["kind", "amount", "days", "note"];

/// What an import recorded.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ImportSummary {
    /// Payments recorded.
    pub payments: u64,
    /// Their total value, đồng.
    pub amount: i64,
}

/// The form field a payment's refusal names, as the file's column.
fn column(field: &str) -> &'static str {
    match field {
        "household_code" => "household_code",
        "receipt_no" => "receipt_no",
        "paid_on" => "paid_on",
        "kind" => "kind",
        "days" => "days",
        "note" => "note",
        _ => "amount",
    }
}

/// The refusal of a whole file, every error named by line and column, in Vietnamese.
fn refused(errors: &ImportErrors) -> WriteError {
    let mut lines: Vec<String> = errors
        .errors
        .iter()
        .map(|e| match &e.field {
            Some(f) => format!("dòng {}, cột “{f}”: {}", e.line, e.message),
            None => format!("dòng {}: {}", e.line, e.message),
        })
        .collect();
    if errors.more > 0 {
        lines.push(format!("và {} lỗi khác", errors.more));
    }
    WriteError::invalid(
        "file",
        format!(
            "tệp bị từ chối, không ghi khoản nào; sửa rồi nhập lại: {}",
            lines.join("; ")
        ),
    )
}

/// Imports the payments of `input` into a work in one transaction; refused whole on any bad
/// line.
pub async fn import_payments<R: Read>(
    db: &Db,
    actor: Actor<'_>,
    work_id: i64,
    input: R,
) -> Result<ImportSummary, WriteError> {
    let work = super::read::work(db, work_id)
        .await?
        .ok_or(WriteError::NotFound)?;
    actor.may(&COLLECT, &work.unit(db).await?)?;
    let mut table = csvio::open(input, &REQUIRED, &OPTIONAL).map_err(|e| refused(&e))?;
    let mut balance: HashMap<String, i64> = super::read::accounts(db, work_id)
        .await?
        .into_iter()
        .map(|a| (a.household_code.clone(), a.balance()))
        .collect();
    let used: Vec<(String,)> = db
        .fetch_all(&query("SELECT receipt_no FROM works_payments WHERE work_id = $1").bind(work_id))
        .await?;
    let mut used: HashSet<String> = used.into_iter().map(|(r,)| r).collect();
    let mut errors = ImportErrors::default();
    let mut payments: Vec<Checked> = Vec::new();
    while let Some(line) = table.next_line() {
        let line = line.map_err(|e| refused(&e))?;
        let p = PaymentInput {
            household_code: line.get(&table, "household_code").to_owned(),
            receipt_no: line.get(&table, "receipt_no").to_owned(),
            kind: line.get(&table, "kind").to_owned(),
            amount: line.get(&table, "amount").to_owned(),
            days: line.get(&table, "days").to_owned(),
            paid_on: line.get(&table, "paid_on").to_owned(),
            note: line.get(&table, "note").to_owned(),
        };
        let code = p.household_code.trim().to_owned();
        let Some(left) = balance.get(&code).copied() else {
            errors.push(
                line.number,
                Some("household_code"),
                super::works::outside_message(&work, &code),
            );
            continue;
        };
        match check(&work, &p, left) {
            Ok(c) => {
                if !used.insert(c.receipt_no.clone()) {
                    errors.push(
                        line.number,
                        Some("receipt_no"),
                        format!(
                            "số phiếu thu “{}” đã dùng (trong công trình hoặc ở dòng trước của tệp): mỗi phiếu thu một số",
                            c.receipt_no
                        ),
                    );
                    continue;
                }
                balance.insert(code, left - c.amount);
                payments.push(c);
            }
            Err(WriteError::Invalid { field, message }) => {
                errors.push(line.number, Some(column(field)), message);
            }
            Err(other) => return Err(other),
        }
    }
    if !errors.is_empty() {
        return Err(refused(&errors));
    }
    if payments.is_empty() {
        return Err(WriteError::invalid("file", "tệp không có dòng nào"));
    }
    let who = actor.audit();
    let name = actor.name();
    let ids: Vec<i64> = payments.iter().map(|_| next_id()).collect();
    let id_texts: Vec<String> = ids.iter().map(i64::to_string).collect();
    let mut tx = db.begin().await?;
    let mut summary = ImportSummary::default();
    for (p, id) in payments.iter().zip(&ids) {
        tx.execute(&insert(*id, work_id, p, None, &name)).await?;
        summary.payments += 1;
        summary.amount += p.amount;
    }
    let changes: Vec<Change<'_>> = payments
        .iter()
        .zip(&id_texts)
        .map(|(p, id)| Change {
            actor: &who,
            action: "works.import_payment",
            object_type: "work_payment",
            object_id: id,
            before: None,
            after: Some(audited(p)),
        })
        .collect();
    audit::record_many(&mut tx, &changes).await?;
    tx.commit().await?;
    Ok(summary)
}
