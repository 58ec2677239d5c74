//! The demo's year of disclosures at Xã Phù Đổng: on time and late, postings complete, taken
//! down early, a thôn left out, a channel never used, postings still running, a correction,
//! and recurring items published, late and missing.

use chrono::{Datelike, Days, NaiveDate};
use dinh_platform::db::Db;
use dinh_platform::demo::DEMO_COMMUNE;

use crate::DisclosureModule;
use crate::recurring::{period_containing, periods_between};
use crate::store::{self, Actor, Correction, Draft, NewProof, ensure_expected};

const ACTOR: Actor<'static> = Actor::System("demo");

/// How the demo treats one disclosure's channels.
#[derive(Clone, Copy, PartialEq)]
enum Care {
    /// Every duty done on time, postings up for their whole time.
    Full,
    /// One thôn's notice board left out.
    VillageLeftOut,
    /// The posting at one thôn taken down after 12 days.
    EndedEarly,
    /// The loudspeaker never used.
    NoLoudspeaker,
}

fn back(today: NaiveDate, days: u64) -> NaiveDate {
    today.checked_sub_days(Days::new(days)).unwrap_or(today)
}

fn after(day: NaiveDate, days: u64) -> NaiveDate {
    day.checked_add_days(Days::new(days)).unwrap_or(day)
}

/// Builds the demo's register, relative to `today`.
pub(crate) async fn build(
    db: &Db,
    module: &DisclosureModule,
    today: NaiveDate,
) -> anyhow::Result<()> {
    let Some(commune) = dinh_platform::units::store::by_code(db, DEMO_COMMUNE).await? else {
        return Ok(());
    };
    // A year back, but not before the commune was formed (1/7/2025 for the merged communes).
    let formed = commune
        .valid_from
        .as_deref()
        .and_then(store::parse_iso)
        .unwrap_or(today);
    let since = NaiveDate::from_ymd_opt(today.year() - 1, 1, 1)
        .unwrap_or(today)
        .max(formed);
    // (days ago decided, publication delay in days, category, title, care)
    let items: [(u64, u64, u32, &str, Care); 12] = [
        (
            330,
            2,
            7,
            "Danh sách hộ nghèo, hộ cận nghèo năm",
            Care::Full,
        ),
        (
            300,
            3,
            3,
            "Quy hoạch chi tiết khu dân cư thôn Phù Đổng 2",
            Care::Full,
        ),
        (
            270,
            12,
            5,
            "Kết quả vận động đóng góp xây dựng nhà văn hóa",
            Care::Full,
        ),
        (
            240,
            1,
            8,
            "Phân bổ tiền hỗ trợ khắc phục hậu quả mưa bão",
            Care::VillageLeftOut,
        ),
        (
            200,
            4,
            11,
            "Kế hoạch lấy ý kiến Nhân dân về dự thảo quy chế dân chủ",
            Care::EndedEarly,
        ),
        (170, 2, 12, "Mức thu phí, lệ phí năm", Care::NoLoudspeaker),
        (140, 9, 9, "Danh sách công dân gọi nhập ngũ", Care::Full),
        (110, 3, 6, "Kết quả kiểm kê tài sản công", Care::Full),
        (
            80,
            2,
            10,
            "Kết quả lấy phiếu tín nhiệm cán bộ xã",
            Care::Full,
        ),
        (
            45,
            1,
            4,
            "Quy chế thực hiện dân chủ ở xã (sửa đổi)",
            Care::Full,
        ),
        (14, 2, 7, "Danh sách hộ được hỗ trợ nhà ở", Care::Full),
        (
            6,
            1,
            8,
            "Tiếp nhận và phân bổ hàng cứu trợ đợt 2",
            Care::Full,
        ),
    ];
    let mut ids = Vec::new();
    for (ago, delay, category, title, care) in items {
        let decided = back(today, ago);
        let published = after(decided, delay).min(today);
        let id = store::publish(
            db,
            module,
            std::path::Path::new("."),
            0,
            ACTOR,
            &commune,
            Draft {
                category,
                title: format!("{title} {}", decided.year()),
                body: format!("Ủy ban nhân dân xã Phù Đổng công khai: {title}.\nChi tiết xem tệp đính kèm và tại nhà văn hóa các thôn."),
                doc_number: format!("{}/QĐ-UBND", 10 + ago),
                doc_date: decided,
                doc_issuer: "UBND xã Phù Đổng".into(),
                decided_on: None,
                published_on: published,
                period_from: None,
                period_to: None,
                recurring: None,
            },
            Vec::new(),
        )
        .await?;
        prove(db, id, published, today, care).await?;
        ids.push(id);
    }
    if let Some(first) = ids.first() {
        let d = back(today, 320);
        store::correct(
            db,
            std::path::Path::new("."),
            0,
            ACTOR,
            *first,
            Correction {
                title: format!(
                    "Danh sách hộ nghèo, hộ cận nghèo năm {} (bổ sung 2 hộ)",
                    d.year()
                ),
                body: "Bổ sung 2 hộ thôn Phù Đổng 3 sau phúc tra.".into(),
                doc_number: format!("{}/QĐ-UBND", 345),
                doc_date: d,
                doc_issuer: "UBND xã Phù Đổng".into(),
                reason: "Bổ sung 2 hộ sau phúc tra".into(),
                published_on: d,
            },
            Vec::new(),
        )
        .await?;
    }
    recurring(db, module, &commune, since, today).await?;
    crate::jobs::run_clocks(db, module, today).await?;
    Ok(())
}

/// Records the postings of one disclosure as `care` says.
async fn prove(
    db: &Db,
    id: i64,
    published: NaiveDate,
    today: NaiveDate,
    care: Care,
) -> anyhow::Result<()> {
    let Some(d) = store::detail(db, id, today).await? else {
        return Ok(());
    };
    for (n, o) in d.obligations.iter().enumerate() {
        let min = o.min_days.map_or(1, |m| u64::try_from(m).unwrap_or(1));
        let start = after(published, u64::try_from(n % 2).unwrap_or(0));
        if start > today || o.channel == "website" {
            continue;
        }
        let left_out = o.place_code.ends_with("-07");
        let (skip, end) = match (care, o.channel.as_str()) {
            (Care::VillageLeftOut, "notice_board") if left_out => (true, None),
            (Care::NoLoudspeaker, "loudspeaker") => (true, None),
            (Care::EndedEarly, "notice_board") if left_out => (false, Some(after(start, 11))),
            _ => (
                false,
                Some(after(start, min + 2))
                    .filter(|e| *e <= today && !o.permanent && o.min_days.is_some()),
            ),
        };
        if skip {
            continue;
        }
        store::record_proof(
            db,
            std::path::Path::new("."),
            0,
            ACTOR,
            id,
            NewProof {
                channel: o.channel.clone(),
                place_code: o.place_code.clone(),
                started_on: start,
                ended_on: end.filter(|e| *e <= today),
                note: match o.channel.as_str() {
                    "loudspeaker" => "Phát 3 buổi sáng trên loa truyền thanh xã".into(),
                    "village_head" => "Thông báo tại họp thôn và nhóm Zalo của thôn".into(),
                    _ => "Niêm yết tại bảng tin".into(),
                },
            },
            None,
        )
        .await?;
    }
    Ok(())
}

/// The recurring items: the quarterly budget execution (one quarter missing), the quarterly
/// register (one late), the annual plan, estimate and disclosure plan of this year.
async fn recurring(
    db: &Db,
    module: &DisclosureModule,
    commune: &dinh_platform::units::Unit,
    since: NaiveDate,
    today: NaiveDate,
) -> anyhow::Result<()> {
    ensure_expected(db, module, commune, since, today).await?;
    let Ok(pack) = module.rules().in_force_on(today) else {
        return Ok(());
    };
    let current = period_containing(dinh_rules::Per::Quarter, today).map(|p| p.label);
    let quarters = periods_between(dinh_rules::Per::Quarter, since, today);
    let skip = quarters.len().saturating_sub(3);
    for (i, q) in quarters.iter().enumerate() {
        if Some(&q.label) == current.as_ref() {
            continue;
        }
        for key in ["budget_execution", "disclosure_register"] {
            let Some(duty) = pack.disclosure.recurring_duty(key) else {
                continue;
            };
            if key == "budget_execution" && i == skip {
                continue; // missing: never published
            }
            let due = crate::recurring::due_on(duty, q, module.calendar())?;
            let late = key == "disclosure_register" && i == skip;
            let published = if late { after(due, 9) } else { back(due, 2) }.min(today);
            let decided = if late {
                after(q.to, 1)
            } else {
                back(published, 2)
            }
            .min(published);
            let id = store::publish(
                db,
                module,
                std::path::Path::new("."),
                0,
                ACTOR,
                commune,
                Draft {
                    category: duty.category,
                    title: format!(
                        "{} {}",
                        duty.name_vi,
                        crate::recurring::period_name(&q.label, false)
                    ),
                    body: String::new(),
                    doc_number: format!("{}/BC-UBND", 100 + i),
                    doc_date: decided,
                    doc_issuer: "UBND xã Phù Đổng".into(),
                    decided_on: None,
                    published_on: published,
                    period_from: Some(q.from),
                    period_to: Some(q.to),
                    recurring: Some((key.to_owned(), q.label.clone())),
                },
                Vec::new(),
            )
            .await?;
            prove(db, id, published, today, Care::Full).await?;
        }
    }
    // This year's plan and budget estimate, on time; the disclosure plan is left missing.
    let year = period_containing(dinh_rules::Per::Year, today);
    for key in ["annual_plan", "budget_estimate"] {
        let (Some(duty), Some(year)) = (pack.disclosure.recurring_duty(key), year.as_ref()) else {
            continue;
        };
        let published = after(year.from, 20).min(today);
        let id = store::publish(
            db,
            module,
            std::path::Path::new("."),
            0,
            ACTOR,
            commune,
            Draft {
                category: duty.category,
                title: format!("{} {}", duty.name_vi, year.label),
                body: String::new(),
                doc_number: format!("{}/NQ-HĐND", if key == "annual_plan" { 41 } else { 42 }),
                doc_date: after(year.from, 15).min(published),
                doc_issuer: "HĐND xã Phù Đổng".into(),
                decided_on: None,
                published_on: published,
                period_from: Some(year.from),
                period_to: Some(year.to),
                recurring: Some((key.to_owned(), year.label.clone())),
            },
            Vec::new(),
        )
        .await?;
        prove(db, id, published, today, Care::Full).await?;
    }
    Ok(())
}
