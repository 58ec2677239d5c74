//! The receipt (phiếu thu) of a payment as PDF, laid out as an administrative document: the
//! household, what it paid (cash, or labour days at the agreed value), what it owed and still
//! owes after this receipt, signed by the payer and the collector.

use chrono::NaiveDate;
use dinh_platform::documents::{AdministrativeDocument, Block, Signature};

use crate::store::{self, Account, Payment, Work, dong, kind, show_days};

/// The receipt of `payment` of `work`, with the household's account as it stands now;
/// `corrects` is the number of the receipt a correction corrects.
pub(crate) fn receipt(
    work: &Work,
    payment: &Payment,
    account: &Account,
    corrects: Option<&str>,
) -> AdministrativeDocument {
    let date = dinh_platform::time::parse_date(&payment.paid_on)
        .unwrap_or_else(|| NaiveDate::from_ymd_opt(2000, 1, 1).unwrap_or_default());
    let what = if payment.kind == kind::LABOUR {
        format!(
            "Hình thức: ngày công lao động, {} ngày công × {} = {}.",
            show_days(payment.labour_tenths),
            dong(work.labour_day_value),
            dong(payment.amount)
        )
    } else {
        format!("Hình thức: tiền, số tiền {}.", dong(payment.amount))
    };
    let mut body = vec![
        Block::Paragraph(format!(
            "Hộ: {} — đại diện hộ: {}.",
            account.household_code, account.representative
        )),
        Block::Paragraph(format!(
            "Nội dung: đóng góp xây dựng công trình “{}” theo {} ({}, mức {} {}).",
            work.name,
            work.decision,
            dinh_platform::time::show_date(&work.decided_on),
            dong(work.rate),
            store::rule::name(&work.rule).0
        )),
        Block::Paragraph(what),
    ];
    if let Some(original) = corrects {
        body.push(Block::Paragraph(format!(
            "Khoản điều chỉnh phiếu thu số {original}: {}.",
            payment.note
        )));
    } else if !payment.note.is_empty() {
        body.push(Block::Paragraph(format!("Ghi chú: {}.", payment.note)));
    }
    body.push(Block::Table {
        headers: vec![
            "Phải đóng".into(),
            "Miễn, giảm".into(),
            "Đã đóng".into(),
            "Còn phải đóng".into(),
        ],
        rows: vec![vec![
            dong(account.owed),
            dong(account.reduced),
            dong(account.paid),
            dong(account.balance().max(0)),
        ]],
    });
    AdministrativeDocument {
        parent_body: Some(work.unit_name.to_uppercase()),
        issuing_body: "BAN QUẢN LÝ CÔNG TRÌNH".into(),
        number: payment.receipt_no.clone(),
        place: work.unit_name.clone(),
        date,
        kind: "PHIẾU THU".into(),
        subject: format!("Đóng góp xây dựng {}", work.name),
        body,
        signatures: vec![
            Signature {
                authority: None,
                title: "NGƯỜI NỘP".into(),
                name: account.representative.clone(),
            },
            Signature {
                authority: None,
                title: "NGƯỜI THU".into(),
                name: payment.entered_by.clone(),
            },
        ],
        recipients: vec!["Hộ nộp".into(), "Lưu: Ban quản lý công trình".into()],
    }
}
