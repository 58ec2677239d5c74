//! The module's part of the demonstration: the province's "Dân vận khéo" campaign of the year
//! with registrations from Xã Phù Đổng (00541) and a neighbouring commune, three models of Phù
//! Đổng (the commune's disclosure on time and the first thôn's road, both backed by the live
//! figures the other modules' demos hold, and one awaiting its evaluation), the council's vote
//! and the award decision, and a second proposal awaiting the council. Everything goes
//! through the same procedures the pages use.

use chrono::{Datelike, Duration, NaiveDate};
use dinh_platform::db::Db;
use dinh_platform::write::Actor;

use crate::EmulationModule;
use crate::store::{
    self, CampaignInput, DecisionInput, EvaluationInput, ModelInput, ProposalInput,
    RegistrationInput, VoteInput, kind, status,
};

fn dmy(d: NaiveDate) -> String {
    d.format("%d/%m/%Y").to_string()
}

struct Entry<'a> {
    unit: &'a str,
    kind: &'a str,
    collective: &'a str,
    name: String,
    field: &'a str,
    commitment: &'a str,
}

/// Builds the demonstration on `today`.
pub(crate) async fn build(m: &EmulationModule, db: &Db, today: NaiveDate) -> anyhow::Result<()> {
    let commune_code = dinh_platform::demo::DEMO_COMMUNE;
    let Some(commune) = dinh_platform::units::store::by_code(db, commune_code).await? else {
        return Ok(());
    };
    let Some(province_id) = commune.parent_id else {
        return Ok(());
    };
    let Some(province) = dinh_platform::units::store::by_id(db, province_id).await? else {
        return Ok(());
    };
    let neighbour = dinh_platform::units::store::children(db, Some(province.id), 2, 0)
        .await?
        .into_iter()
        .find(|u| u.id != commune.id);
    let demo = Actor::System("demo");
    let from = today - Duration::days(330);
    let to = today + Duration::days(30);
    let campaign = store::open_campaign(
        m,
        db,
        demo,
        &CampaignInput {
            unit_code: province.code.clone(),
            title: format!("Phong trào thi đua “Dân vận khéo” năm {}", from.year()),
            document: format!(
                "Kế hoạch số 12-KH/BDV ngày {} của Ban Dân vận {}",
                dmy(from - Duration::days(10)),
                province.name
            ),
            description:
                "Mỗi tập thể, cá nhân đăng ký ít nhất một việc làm cụ thể trong thực hiện \
                dân chủ ở cơ sở; các mô hình được khảo sát, đánh giá theo kết quả thực tế."
                    .into(),
            period_from: dmy(from),
            period_to: dmy(to),
            register_until: dmy(to),
            eligible: store::eligible::BOTH.into(),
            fields: [
                "economy",
                "culture",
                "administrative_reform",
                "digital",
                "grassroots_democracy",
            ]
            .map(str::to_owned)
            .to_vec(),
            criteria: "Hiệu quả thiết thực, được Nhân dân đồng tình | 40\n\
                Cách làm sáng tạo, dễ nhân rộng | 30\n\
                Phát huy quyền làm chủ của Nhân dân | 30"
                .into(),
        },
    )
    .await?;
    let v1 = format!("{commune_code}-01");
    let v2 = format!("{commune_code}-02");
    let v3 = format!("{commune_code}-03");
    let mut entries = vec![
        Entry {
            unit: commune_code,
            kind: kind::COLLECTIVE,
            collective: "agency",
            name: format!("Ủy ban nhân dân {}", commune.name),
            field: "grassroots_democracy",
            commitment: "Công khai đầy đủ, đúng hạn các nội dung Nhân dân được biết",
        },
        Entry {
            unit: commune_code,
            kind: kind::COLLECTIVE,
            collective: "mass_organisation",
            name: format!("Hội Liên hiệp Phụ nữ {}", commune.name),
            field: "culture",
            commitment: "Mỗi chi hội một tuyến đường xanh, sạch, đẹp",
        },
        Entry {
            unit: &v1,
            kind: kind::COLLECTIVE,
            collective: "village",
            name: "Thôn Đông Đình".into(),
            field: "grassroots_democracy",
            commitment: "Dân bàn, dân làm, dân giám sát đường trục thôn",
        },
        Entry {
            unit: &v2,
            kind: kind::COLLECTIVE,
            collective: "party_cell",
            name: "Chi bộ thôn Trung Hòa".into(),
            field: "economy",
            commitment: "Vận động 20 hộ chuyển đổi sang trồng rau an toàn",
        },
        Entry {
            unit: &v3,
            kind: kind::INDIVIDUAL,
            collective: "",
            name: "Ông Lê Văn Hiếu".into(),
            field: "digital",
            commitment: "Hướng dẫn 100 người cao tuổi dùng dịch vụ công trực tuyến",
        },
        Entry {
            unit: &v1,
            kind: kind::INDIVIDUAL,
            collective: "",
            name: "Bà Phạm Thị Hòa".into(),
            field: "administrative_reform",
            commitment: "Tiếp nhận, chuyển đúng nơi mọi ý kiến của bà con trong thôn",
        },
    ];
    if let Some(n) = &neighbour {
        entries.push(Entry {
            unit: &n.code,
            kind: kind::COLLECTIVE,
            collective: "school",
            name: format!("Trường Tiểu học {}", n.name.trim_start_matches("Xã ")),
            field: "culture",
            commitment: "Thư viện xanh mở cửa cho Nhân dân vào cuối tuần",
        });
        entries.push(Entry {
            unit: &n.code,
            kind: kind::INDIVIDUAL,
            collective: "",
            name: "Ông Đinh Công Sơn".into(),
            field: "economy",
            commitment: "Hiến 200 m² đất mở rộng đường liên thôn",
        });
    }
    let mut registrations = Vec::new();
    for (i, e) in entries.iter().enumerate() {
        let id = store::register(
            db,
            demo,
            &RegistrationInput {
                campaign_id: campaign,
                unit_code: e.unit.to_owned(),
                kind: e.kind.into(),
                collective_kind: e.collective.into(),
                name: e.name.clone(),
                field: e.field.into(),
                commitment: e.commitment.into(),
                registered_on: dmy(from + Duration::days(10 + i64::try_from(i).unwrap_or(0) * 7)),
            },
        )
        .await?;
        registrations.push(id);
    }
    let model =
        |registration: i64, title: &str, description: &str, results: &str, days: i64| ModelInput {
            registration_id: registration,
            title: title.into(),
            description: description.into(),
            started_on: dmy(from + Duration::days(days)),
            results: results.into(),
        };
    let disclosure = store::record_model(
        db,
        demo,
        &model(
            registrations[0],
            "Công khai đúng hạn, giải đáp tận nơi",
            "Mọi nội dung phải công khai được đăng trên cổng thông tin, niêm yết tại trụ sở và \
             thông báo trên loa truyền thanh trong thời hạn luật định; cán bộ xã giải đáp thắc \
             mắc tại nhà văn hóa các thôn mỗi tháng một lần.",
            "Tỷ lệ công khai đúng hạn và đủ hình thức được theo dõi trực tiếp trên Đình.",
            20,
        ),
    )
    .await?;
    let road = store::record_model(
        db,
        demo,
        &model(
            registrations[2],
            "Dân bàn, dân làm đường trục thôn",
            "Các hộ bàn và biểu quyết mức đóng góp, tự tổ chức thi công và cử người giám sát; \
             thu, chi được công khai cho từng hộ.",
            "Đường trục thôn được bê tông hóa; các hộ đóng góp bằng tiền và ngày công.",
            40,
        ),
    )
    .await?;
    store::record_model(
        db,
        demo,
        &model(
            registrations[1],
            "Tổ phụ nữ tự quản vệ sinh môi trường",
            "Mỗi chi hội nhận một tuyến đường, trồng hoa và thu gom rác hằng tuần.",
            "Năm tuyến đường hoa, 120 hội viên tham gia.",
            60,
        ),
    )
    .await?;
    let evaluated_on = dmy(today - Duration::days(40));
    for (id, scores, conclusion) in [
        (
            disclosure,
            ["36", "25", "27"],
            "Kết quả công khai đúng hạn được đối chiếu với số liệu trên Đình; cách làm dễ nhân rộng.",
        ),
        (
            road,
            ["38", "26", "29"],
            "Các hộ tham gia biểu quyết, đóng góp và giám sát; tài chính công khai đầy đủ.",
        ),
    ] {
        store::evaluate(
            db,
            demo,
            &EvaluationInput {
                model_id: id,
                evaluated_on: evaluated_on.clone(),
                scores: scores.map(str::to_owned).to_vec(),
                verdict: status::RECOGNISED.into(),
                conclusion: conclusion.into(),
            },
        )
        .await?;
    }
    let award = "bang_khen_tinh";
    let mut proposals = Vec::new();
    for (id, reason) in [
        (
            disclosure,
            "Mô hình tiêu biểu về công khai, minh bạch ở cấp xã",
        ),
        (
            road,
            "Mô hình tiêu biểu về Nhân dân bàn và quyết định, cùng làm",
        ),
    ] {
        proposals.push(
            store::propose(
                m,
                db,
                demo,
                &ProposalInput {
                    model_id: id,
                    award: award.into(),
                    reason: reason.into(),
                    proposed_on: dmy(today - Duration::days(30)),
                },
            )
            .await?,
        );
    }
    store::record_vote(
        m,
        db,
        demo,
        &VoteInput {
            proposal_id: proposals[0],
            council_members: "9".into(),
            votes_for: "8".into(),
            voted_on: dmy(today - Duration::days(20)),
        },
    )
    .await?;
    store::issue_decision(
        m,
        db,
        demo,
        &DecisionInput {
            campaign_id: campaign,
            award: award.into(),
            number: "125/QĐ-UBND".into(),
            signed_on: dmy(today - Duration::days(14)),
            signer: "Trần Văn Minh".into(),
            signer_title: "Chủ tịch".into(),
        },
    )
    .await?;
    Ok(())
}
