//! The module's part of the demonstration in Xã Phù Đổng (00541): the concrete road of its
//! first thôn, decided by the households two months ago at one million đồng a household (a
//! labour day worth 250.000 đồng), two households exempted or reduced with their reasons, about
//! half of the households paid (some in labour days), two milestones, three items of spending,
//! and the accounts published. Everything goes through the same procedures the pages use.

use chrono::{Duration, NaiveDate};
use dinh_platform::write::Actor;

use crate::WorksModule;

use crate::store::{
    self, MilestoneInput, PaymentInput, ReductionInput, SpendingInput, WorkInput, reduction, rule,
};

fn dmy(d: NaiveDate) -> String {
    d.format("%d/%m/%Y").to_string()
}

/// Builds the demonstration on `today`.
pub(crate) async fn build(
    m: &WorksModule,
    db: &dinh_platform::db::Db,
    today: NaiveDate,
) -> anyhow::Result<()> {
    let village = format!("{}-01", dinh_platform::demo::DEMO_COMMUNE);
    let Some(unit) = dinh_platform::units::store::by_code(db, &village).await? else {
        return Ok(());
    };
    let demo = Actor::System("demo");
    let decided = today - Duration::days(60);
    let id = store::record_work(
        db,
        demo,
        &WorkInput {
            unit_code: unit.code.clone(),
            name: format!("Đường bê tông trục chính {}", unit.name),
            purpose: "Bê tông hóa 600 m đường trục thôn, rộng 3,5 m, có rãnh thoát nước".into(),
            estimate: "420.000.000".into(),
            funding: "Nhân dân đóng góp; ngân sách xã hỗ trợ xi măng".into(),
            decision: format!("Biên bản họp thôn ngày {}", dmy(decided)),
            decided_on: dmy(decided),
            rule: rule::PER_HOUSEHOLD.into(),
            rate: "1.000.000".into(),
            labour_day_value: "250.000".into(),
        },
    )
    .await?;
    let accounts = store::accounts(db, id).await?;
    let codes: Vec<String> = accounts.into_iter().map(|a| a.household_code).collect();
    let exempt = codes.get(2).cloned().unwrap_or_default();
    let reduced = codes.get(6).cloned().unwrap_or_default();
    store::record_reduction(
        db,
        demo,
        id,
        &ReductionInput {
            household_code: exempt.clone(),
            kind: reduction::EXEMPT.into(),
            reason: "Hộ nghèo năm 2026 (danh sách của UBND xã)".into(),
            ..ReductionInput::default()
        },
    )
    .await?;
    store::record_reduction(
        db,
        demo,
        id,
        &ReductionInput {
            household_code: reduced.clone(),
            kind: reduction::REDUCE.into(),
            amount: "500.000".into(),
            reason: "Gia đình chính sách (thân nhân liệt sĩ)".into(),
        },
    )
    .await?;
    let half = codes.len() / 2;
    let mut receipt = 0;
    for (i, code) in codes.iter().enumerate().take(half) {
        if *code == exempt {
            continue;
        }
        receipt += 1;
        let paid_on = dmy(decided + Duration::days(7 + i64::try_from(i % 30).unwrap_or(0)));
        let full = if *code == reduced {
            "500.000"
        } else {
            "1.000.000"
        };
        let input = if i == 0 {
            // The first household pays half in cash and half in labour days.
            store::pay(
                db,
                demo,
                id,
                &PaymentInput {
                    household_code: code.clone(),
                    receipt_no: format!("PT-{receipt:04}"),
                    kind: store::kind::CASH.into(),
                    amount: "500.000".into(),
                    paid_on: paid_on.clone(),
                    ..PaymentInput::default()
                },
            )
            .await?;
            receipt += 1;
            PaymentInput {
                household_code: code.clone(),
                receipt_no: format!("PT-{receipt:04}"),
                kind: store::kind::LABOUR.into(),
                days: "2".into(),
                paid_on,
                ..PaymentInput::default()
            }
        } else if i % 4 == 1 {
            PaymentInput {
                household_code: code.clone(),
                receipt_no: format!("PT-{receipt:04}"),
                kind: store::kind::LABOUR.into(),
                days: "4".into(),
                paid_on,
                ..PaymentInput::default()
            }
        } else {
            PaymentInput {
                household_code: code.clone(),
                receipt_no: format!("PT-{receipt:04}"),
                kind: store::kind::CASH.into(),
                amount: if i % 5 == 3 { "600.000" } else { full }.into(),
                paid_on,
                ..PaymentInput::default()
            }
        };
        store::pay(db, demo, id, &input).await?;
    }
    for (days, title, note) in [
        (20, "Khởi công", "Ảnh lưu tại nhà văn hóa thôn"),
        (
            50,
            "Đổ xong 300 m mặt đường",
            "Ban giám sát đầu tư của cộng đồng đã kiểm tra",
        ),
    ] {
        store::record_milestone(
            db,
            demo,
            id,
            &MilestoneInput {
                reached_on: dmy(decided + Duration::days(days)),
                title: title.into(),
                note: note.into(),
            },
        )
        .await?;
    }
    for (item, amount, document) in [
        ("Cát, đá", "38.500.000", "Hóa đơn 0001245"),
        ("Thuê máy trộn bê tông", "6.000.000", "Hợp đồng 03/2026"),
        ("Nhân công lành nghề", "12.000.000", "Bảng chấm công tháng"),
    ] {
        store::record_spending(
            db,
            demo,
            id,
            &SpendingInput {
                item: item.into(),
                amount: amount.into(),
                spent_on: dmy(decided + Duration::days(30)),
                document: document.into(),
            },
        )
        .await?;
    }
    store::publish_accounts(m, db, demo, id, &dmy(today - Duration::days(3))).await?;
    Ok(())
}
