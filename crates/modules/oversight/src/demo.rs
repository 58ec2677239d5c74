//! The module's part of the demonstration in Xã Phù Đổng (00541): the commune's People's
//! Inspection Board (one member per thôn, at least five, headed by the demo account 0912000003),
//! an inspection of the commune's handling of land files with two recommendations to UBND xã,
//! one overdue and one answered by the commune officer; and the road project of the commune
//! with its Community Investment Supervision Board in the middle of its supervision. Everything
//! goes through the same procedures the pages use.

use chrono::{Duration, NaiveDate};
use dinh_platform::accounts::store as accounts;
use dinh_platform::write::Actor;

use crate::OversightModule;
use crate::store::{
    self, ActivityInput, AnswerInput, BoardInput, FindingInput, MemberInput, ProjectInput,
    RecommendationInput, position,
};

const COMMUNE: &str = dinh_platform::demo::DEMO_COMMUNE;

fn dmy(d: NaiveDate) -> String {
    d.format("%d/%m/%Y").to_string()
}

const NAMES: [&str; 12] = [
    "Nguyễn Thị Mai",
    "Trần Văn Hùng",
    "Lê Thị Nga",
    "Phạm Văn Bình",
    "Hoàng Thị Thu",
    "Vũ Văn Khoa",
    "Đặng Thị Hương",
    "Bùi Văn Tâm",
    "Ngô Thị Yến",
    "Dương Văn Lực",
    "Lý Thị Hằng",
    "Trịnh Văn Sơn",
];

fn member(name: &str, pos: &str, represents: &str) -> MemberInput {
    MemberInput {
        name: name.to_owned(),
        position: pos.to_owned(),
        represents: represents.to_owned(),
        relative: Some(false),
        ..MemberInput::default()
    }
}

/// Builds the demonstration on `today`.
pub(crate) async fn build(
    m: &OversightModule,
    db: &dinh_platform::db::Db,
    today: NaiveDate,
) -> anyhow::Result<()> {
    let Some(commune) = dinh_platform::units::store::by_code(db, COMMUNE).await? else {
        return Ok(());
    };
    let demo = Actor::System("demo");
    let villages: Vec<String> =
        dinh_platform::units::store::children(db, Some(commune.id), 10_000, 0)
            .await?
            .into_iter()
            .filter(|c| {
                c.valid_to.is_none() && c.unit_kind().is_some_and(|k| k.is_residential_community())
            })
            .map(|c| c.name)
            .collect();
    let size = villages.len().max(5);
    let mut members = Vec::new();
    for i in 0..size {
        let represents = villages.get(i).cloned().unwrap_or_default();
        let mut mem = if i == 0 {
            MemberInput {
                login: "0912000003".to_owned(),
                ..member("Đỗ Quang Vinh", position::HEAD, &represents)
            }
        } else {
            let pos = if i <= 2 {
                position::DEPUTY
            } else {
                position::MEMBER
            };
            let name = NAMES
                .get(i % NAMES.len())
                .map_or_else(|| format!("Thành viên {i}"), |n| (*n).to_owned());
            member(&name, pos, &represents)
        };
        mem.relative = None;
        members.push(mem);
    }
    let w = |e: dinh_platform::write::WriteError| anyhow::anyhow!("{e}");
    let board = store::record_board(
        m,
        db,
        demo,
        &BoardInput {
            unit_code: COMMUNE.to_owned(),
            kind: store::kind::INSPECTION.to_owned(),
            term_from: dmy(today - Duration::days(400)),
            term_to: dmy(today + Duration::days(900)),
            recognition: format!(
                "Quyết định số 12/QĐ-MTTQ ngày {} của Ban Thường trực Ủy ban MTTQ xã",
                dmy(today - Duration::days(395))
            ),
            members,
            ..BoardInput::default()
        },
    )
    .await
    .map_err(w)?;
    let starts = today - Duration::days(70);
    let activity = store::record_activity(
        m,
        db,
        demo,
        &ActivityInput {
            board_id: board.to_string(),
            subject: "Bộ phận một cửa UBND xã Phù Đổng".to_owned(),
            scope: "Việc giải quyết hồ sơ cấp giấy chứng nhận quyền sử dụng đất quý III: thời hạn, phí, lệ phí, công khai thủ tục.".to_owned(),
            notice_on: dmy(starts - Duration::days(30)),
            starts_on: dmy(starts),
            ends_on: dmy(starts + Duration::days(2)),
        },
    )
    .await
    .map_err(w)?;
    let late = store::record_finding(
        db,
        demo,
        &FindingInput {
            activity_id: activity.to_string(),
            body: "12 trong 40 hồ sơ giải quyết quá hạn từ 5 đến 20 ngày, không có văn bản xin lỗi người dân.".to_owned(),
            evidence: "Biên bản kiểm tra; sổ theo dõi hồ sơ quý III.".to_owned(),
            found_on: dmy(starts + Duration::days(1)),
        },
    )
    .await
    .map_err(w)?;
    let posted = store::record_finding(
        db,
        demo,
        &FindingInput {
            activity_id: activity.to_string(),
            body:
                "Bảng niêm yết thủ tục hành chính tại bộ phận một cửa chưa cập nhật mức lệ phí mới."
                    .to_owned(),
            evidence: "Ảnh chụp bảng niêm yết.".to_owned(),
            found_on: dmy(starts + Duration::days(1)),
        },
    )
    .await
    .map_err(w)?;
    // Sent long enough ago that its answer is overdue.
    store::recommend(
        m,
        db,
        demo,
        &RecommendationInput {
            finding_id: late.to_string(),
            body: "Đề nghị UBND xã kiểm điểm việc giải quyết hồ sơ quá hạn và gửi văn bản xin lỗi người dân theo quy định.".to_owned(),
            sent_on: dmy(starts + Duration::days(5)),
            ..RecommendationInput::default()
        },
    )
    .await
    .map_err(w)?;
    let answered = store::recommend(
        m,
        db,
        demo,
        &RecommendationInput {
            finding_id: posted.to_string(),
            body: "Đề nghị cập nhật ngay bảng niêm yết mức lệ phí tại bộ phận một cửa.".to_owned(),
            sent_on: dmy(starts + Duration::days(5)),
            ..RecommendationInput::default()
        },
    )
    .await
    .map_err(w)?;
    let officer = match accounts::account_by_login(db, "canbo.phudong@dinh.demo").await {
        Ok((id, _)) => accounts::principal(db, id).await?,
        Err(_) => None,
    };
    let officer_actor = officer.as_ref().map_or(demo, Actor::Person);
    store::answer(
        db,
        officer_actor,
        answered,
        &AnswerInput {
            text: "UBND xã đã cập nhật bảng niêm yết theo mức lệ phí mới từ ngày nhận kiến nghị; giao bộ phận một cửa rà soát hằng tháng.".to_owned(),
            on: dmy(starts + Duration::days(12)),
        },
    )
    .await
    .map_err(w)?;

    let project = store::record_project(
        db,
        demo,
        &ProjectInput {
            unit_code: COMMUNE.to_owned(),
            name: "Cứng hóa đường trục thôn, đoạn từ đình làng đến trường tiểu học".to_owned(),
            investor: "UBND xã Phù Đổng".to_owned(),
            funding: "Ngân sách xã 70%, Nhân dân đóng góp 30%".to_owned(),
            budget: "2.450.000.000 đồng".to_owned(),
            place: "Đường trục thôn, xã Phù Đổng".to_owned(),
            starts_on: dmy(today - Duration::days(40)),
            ends_on: dmy(today + Duration::days(200)),
            contractors: "Công ty TNHH Xây dựng Đông Anh".to_owned(),
        },
    )
    .await
    .map_err(w)?;
    let supervision = store::record_board(
        m,
        db,
        demo,
        &BoardInput {
            unit_code: COMMUNE.to_owned(),
            kind: store::kind::INVESTMENT.to_owned(),
            project_id: project.to_string(),
            term_from: dmy(today - Duration::days(90)),
            term_to: dmy(today + Duration::days(300)),
            recognition: "Quyết định số 21/QĐ-MTTQ của Ban Thường trực Ủy ban MTTQ xã".to_owned(),
            members: vec![
                member("Nguyễn Văn Quý", position::HEAD, "Ủy ban MTTQ xã"),
                member("Trần Thị Lan", position::DEPUTY, "Ban Thanh tra nhân dân"),
                MemberInput {
                    resident: true,
                    ..member("Phạm Văn Dũng", position::MEMBER, "Người dân thôn")
                },
                MemberInput {
                    resident: true,
                    ..member("Lê Thị Hoa", position::MEMBER, "Người dân thôn")
                },
                MemberInput {
                    resident: true,
                    ..member("Đỗ Văn Thắng", position::MEMBER, "Người dân thôn")
                },
            ],
        },
    )
    .await
    .map_err(w)?;
    let sup_starts = today - Duration::days(10);
    store::record_activity(
        m,
        db,
        demo,
        &ActivityInput {
            board_id: supervision.to_string(),
            subject: "Thi công cứng hóa đường trục thôn".to_owned(),
            scope: "Khối lượng, chất lượng bê tông mặt đường, tiến độ; công khai đóng góp của Nhân dân.".to_owned(),
            notice_on: dmy(sup_starts - Duration::days(60)),
            starts_on: dmy(sup_starts),
            ends_on: dmy(today + Duration::days(60)),
        },
    )
    .await
    .map_err(w)?;
    Ok(())
}
