//! The demonstration: a city committee (Thành phố Hà Nội) and the committee of Xã Phù Đổng
//! with members; the city's half-year plan of 9 tasks cascaded to Phù Đổng and Thuận An, with
//! progress (some late); a quarterly briefing and a six-month review whose conclusions became
//! tasks, the review published as news; an inspection with a recommendation; and the commune's
//! six-month report built from the other modules' live figures, signed off.

use chrono::{Datelike, Duration, NaiveDate};
use dinh_platform::db::Db;
use dinh_platform::demo::DEMO_COMMUNE;
use dinh_platform::units::store as units;

use crate::committees::{self, NewCommittee, NewMember, Position};
use crate::meetings::{self, Conclusion, NewMeeting};
use crate::plans::{self, NewPlan, NewTask, Progress};
use crate::report::{self, Narrative, NewReport, ReportPeriod};
use crate::{Actor, SteeringModule, inspections};

const ACTOR: Actor<'static> = Actor::System("demo");
const NEIGHBOUR: &str = "00562";

/// The nine tasks of the half-year, in our own words.
const TASKS: [(&str, &str); 9] = [
    (
        "Tuyên truyền, phổ biến Luật Thực hiện dân chủ ở cơ sở và các văn bản hướng dẫn đến từng thôn, tổ dân phố",
        "Ban Tuyên giáo và Dân vận",
    ),
    (
        "Rà soát, kiện toàn Ban Chỉ đạo cấp xã sau sắp xếp đơn vị hành chính",
        "Ban Dân vận Thành ủy",
    ),
    (
        "Theo dõi, đôn đốc người đứng đầu cấp ủy, chính quyền cấp xã thực hiện kế hoạch tiếp công dân định kỳ",
        "Thường trực Ban Chỉ đạo",
    ),
    (
        "Đối thoại trực tiếp giữa người đứng đầu với Nhân dân ít nhất một lần trong 6 tháng",
        "Ủy ban nhân dân cấp xã",
    ),
    (
        "Công khai đầy đủ, đúng hạn các nội dung theo Điều 11 của Luật; khắc phục tình trạng niêm yết hình thức",
        "Ủy ban nhân dân cấp xã",
    ),
    (
        "Phát huy vai trò giám sát, phản biện xã hội của Mặt trận Tổ quốc và các đoàn thể",
        "Ủy ban MTTQ Việt Nam",
    ),
    (
        "Kiểm tra việc thực hiện dân chủ ở cơ sở tại cấp xã",
        "Thường trực Ban Chỉ đạo",
    ),
    (
        "Tổ chức giao ban quý, triển khai nhiệm vụ quý tiếp theo",
        "Cơ quan thường trực",
    ),
    (
        "Sơ kết 6 tháng, đề xuất khen thưởng tập thể, cá nhân tiêu biểu",
        "Cơ quan thường trực",
    ),
];

fn half_of(day: NaiveDate) -> anyhow::Result<ReportPeriod> {
    Ok(ReportPeriod::half(
        day.year(),
        if day.month() <= 6 { 1 } else { 2 },
    )?)
}

fn member(name: &str, position: Position, body: &str, unit: &str, from: NaiveDate) -> NewMember {
    NewMember {
        full_name: name.into(),
        position,
        body: body.into(),
        unit_code: unit.into(),
        term_from: from,
        term_to: None,
    }
}

/// Builds the module's part of the demonstration.
pub(crate) async fn build(
    db: &Db,
    module: &SteeringModule,
    today: NaiveDate,
) -> anyhow::Result<()> {
    let Some(city) = units::by_code(db, "01").await? else {
        return Ok(());
    };
    let Some(commune) = units::by_code(db, DEMO_COMMUNE).await? else {
        return Ok(());
    };
    let established = NaiveDate::from_ymd_opt(2025, 7, 15).unwrap_or(today);
    let half = half_of(today)?;
    let previous = half.previous();

    let city_c = committees::create(
        db,
        ACTOR,
        &city,
        NewCommittee {
            name: "Ban Chỉ đạo xây dựng và thực hiện Quy chế dân chủ ở cơ sở Thành phố Hà Nội"
                .into(),
            parent_body: "Thành ủy Hà Nội".into(),
            standing_body: "Ban Dân vận Thành ủy".into(),
            decision_number: "102-QĐ/TU".into(),
            established_on: established,
        },
    )
    .await?;
    for (name, pos, body) in [
        (
            "Đồng chí Lương Văn Khải",
            Position::Head,
            "Phó Bí thư Thường trực Thành ủy",
        ),
        (
            "Đồng chí Tạ Thị Minh Nguyệt",
            Position::Deputy,
            "Trưởng Ban Dân vận Thành ủy",
        ),
        (
            "Đồng chí Hồ Quang Trung",
            Position::Deputy,
            "Phó Chủ tịch UBND Thành phố",
        ),
        (
            "Đồng chí Mai Thị Kim Oanh",
            Position::Standing,
            "Phó Trưởng Ban Dân vận Thành ủy",
        ),
        (
            "Đồng chí Chu Văn Lộc",
            Position::Member,
            "Ủy ban MTTQ Việt Nam Thành phố",
        ),
    ] {
        committees::add_member(
            db,
            ACTOR,
            city_c,
            member(name, pos, body, "01", established),
        )
        .await?;
    }
    let commune_c = committees::create(
        db,
        ACTOR,
        &commune,
        NewCommittee {
            name: "Ban Chỉ đạo xây dựng và thực hiện Quy chế dân chủ ở cơ sở xã Phù Đổng".into(),
            parent_body: "Đảng ủy xã Phù Đổng".into(),
            standing_body: "Khối Dân vận Đảng ủy xã".into(),
            decision_number: "08-QĐ/ĐU".into(),
            established_on: established,
        },
    )
    .await?;
    let first_village = format!("{DEMO_COMMUNE}-01");
    for (name, pos, body, unit) in [
        (
            "Bà Nguyễn Thị Thanh Hương",
            Position::Head,
            "Phó Bí thư Thường trực Đảng ủy xã",
            DEMO_COMMUNE,
        ),
        (
            "Ông Lại Văn Tùng",
            Position::Deputy,
            "Phó Chủ tịch UBND xã",
            DEMO_COMMUNE,
        ),
        (
            "Ông Trần Minh Đức",
            Position::Standing,
            "Trưởng Khối Dân vận Đảng ủy xã",
            DEMO_COMMUNE,
        ),
        (
            "Bà Kiều Thị Lụa",
            Position::Member,
            "Chủ tịch Ủy ban MTTQ Việt Nam xã",
            DEMO_COMMUNE,
        ),
        (
            "Bà Tô Thị Hiền",
            Position::Member,
            "Chủ tịch Hội Liên hiệp Phụ nữ xã",
            DEMO_COMMUNE,
        ),
        (
            "Anh Đào Văn Kiên",
            Position::Member,
            "Bí thư Đoàn Thanh niên xã",
            DEMO_COMMUNE,
        ),
        (
            "Ông Nguyễn Văn Thành",
            Position::Member,
            "Trưởng thôn Đông Đình",
            first_village.as_str(),
        ),
    ] {
        committees::add_member(
            db,
            ACTOR,
            commune_c,
            member(name, pos, body, unit, established),
        )
        .await?;
    }
    let mut lower = vec![DEMO_COMMUNE.to_owned()];
    if let Some(neighbour) = units::by_code(db, NEIGHBOUR).await? {
        let c = committees::create(
            db,
            ACTOR,
            &neighbour,
            NewCommittee {
                name: format!(
                    "Ban Chỉ đạo xây dựng và thực hiện Quy chế dân chủ ở cơ sở {}",
                    report::document::lower_first(&neighbour.name)
                ),
                parent_body: format!("Đảng ủy {}", report::document::lower_first(&neighbour.name)),
                standing_body: "Khối Dân vận Đảng ủy xã".into(),
                decision_number: "05-QĐ/ĐU".into(),
                established_on: established,
            },
        )
        .await?;
        committees::add_member(
            db,
            ACTOR,
            c,
            member(
                "Ông Vương Đình Huy",
                Position::Head,
                "Phó Bí thư Thường trực Đảng ủy xã",
                NEIGHBOUR,
                established,
            ),
        )
        .await?;
        lower.push(NEIGHBOUR.to_owned());
    }

    // The city's half-year plan of 9 tasks, cascaded to the communes.
    let plan = plans::create_plan(
        db,
        ACTOR,
        city_c,
        NewPlan {
            kind: "half".into(),
            title: format!("Kế hoạch thực hiện dân chủ ở cơ sở {}", half.name_vi()),
            period_from: half.from,
            period_to: half.to,
        },
    )
    .await?;
    let span = (half.to - half.from).num_days();
    let mut ids = Vec::new();
    for (i, (content, owner)) in TASKS.iter().enumerate() {
        let step = i64::try_from(i).unwrap_or(0) + 1;
        let due = (half.from + Duration::days(span * step / 9)).min(half.to);
        let id = plans::add_task(
            db,
            ACTOR,
            plan,
            NewTask {
                content: (*content).into(),
                owner: (*owner).into(),
                due_on: Some(due),
                assign_to: lower.clone(),
            },
        )
        .await?;
        ids.push((id, due));
    }
    // Phù Đổng reports on the tasks already due; Thuận An on few of them: it is late.
    let commune_plan = plans::plans(db, commune_c).await?;
    if let Some(p) = commune_plan.first() {
        for (n, t) in plans::tasks(db, p.id, today).await?.iter().enumerate() {
            let due = NaiveDate::parse_from_str(&t.due_on, "%Y-%m-%d").unwrap_or(today);
            let on = due.min(today) - Duration::days(2);
            let pct = if due <= today {
                if n % 3 == 2 { 60 } else { 100 }
            } else {
                30
            };
            plans::record_progress(
                db,
                ACTOR,
                t.id,
                Progress {
                    noted_on: on.max(half.from),
                    progress: pct,
                    note: "Đã triển khai tại 10 thôn, tổ dân phố; có báo cáo kết quả.".into(),
                    evidence_url: format!("/units/{DEMO_COMMUNE}/disclosures"),
                },
            )
            .await?;
        }
    }

    // A quarterly briefing at the end of the last quarter and the six-month review of the
    // half before, both of the commune, the review with conclusions that became tasks.
    let own_plan = plans::create_plan(
        db,
        ACTOR,
        commune_c,
        NewPlan {
            kind: "half".into(),
            title: format!("Kế hoạch của Ban Chỉ đạo xã {}", half.name_vi()),
            period_from: half.from,
            period_to: half.to,
        },
    )
    .await?;
    let review_day = (half.from + Duration::days(8)).min(today);
    let review = meetings::record(db, ACTOR, commune_c, NewMeeting {
        kind: "review_half".into(),
        title: format!("Hội nghị sơ kết {} về thực hiện dân chủ ở cơ sở xã Phù Đổng, triển khai nhiệm vụ {}", previous.name_vi(), half.name_vi()),
        held_on: review_day,
        held_at: "14:00".into(),
        place: "Hội trường Đảng ủy xã Phù Đổng".into(),
        chaired_by: "Bà Nguyễn Thị Thanh Hương, Trưởng Ban Chỉ đạo".into(),
        agenda: "Báo cáo sơ kết của Khối Dân vận; thảo luận; kết luận của Trưởng Ban Chỉ đạo.".into(),
        attendees: "Thành viên Ban Chỉ đạo xã; Bí thư chi bộ, trưởng thôn, tổ trưởng tổ dân phố.".into(),
        minutes: "Hội nghị đánh giá việc công khai tại các thôn đã đi vào nền nếp, song một số nơi niêm yết còn hình thức; việc tiếp công dân của người đứng đầu chưa đều.\nHội nghị thống nhất ba nhiệm vụ trọng tâm cho thời gian tới.".into(),
        plan_id: Some(own_plan),
        conclusions: vec![
            Conclusion { content: "Khắc phục việc niêm yết hình thức tại nhà văn hóa các thôn".into(), owner: "Ủy ban nhân dân xã".into(), due_on: Some((half.from + Duration::days(60)).min(half.to)), assign_to: vec![] },
            Conclusion { content: "Người đứng đầu tiếp công dân định kỳ đủ số buổi theo kế hoạch".into(), owner: "Chủ tịch UBND xã".into(), due_on: Some((half.from + Duration::days(90)).min(half.to)), assign_to: vec![] },
            Conclusion { content: "Tổ chức hội nghị đối thoại với Nhân dân về dự án đường liên thôn".into(), owner: "Thường trực Đảng ủy xã".into(), due_on: Some(half.to), assign_to: vec![] },
        ],
    })
    .await?;
    meetings::publish(db, ACTOR, review).await?;
    let quarter_end = ReportPeriod::quarter(today.year(), (today.month0() / 3) + 1)?.previous();
    let briefing = meetings::record(
        db,
        ACTOR,
        commune_c,
        NewMeeting {
            kind: "briefing".into(),
            title: format!("Giao ban Ban Chỉ đạo xã {}", quarter_end.name_vi()),
            held_on: quarter_end.to.min(today).max(established),
            held_at: "08:00".into(),
            place: "Phòng họp UBND xã Phù Đổng".into(),
            chaired_by: "Ông Trần Minh Đức, Ủy viên thường trực".into(),
            agenda: "Tiến độ nhiệm vụ của quý; các việc chậm; nhiệm vụ quý tới.".into(),
            attendees: "Thành viên Ban Chỉ đạo xã.".into(),
            minutes: "Các thôn báo cáo tiến độ; hai nhiệm vụ chậm được giao lại thời hạn.".into(),
            plan_id: None,
            conclusions: vec![],
        },
    )
    .await?;
    meetings::publish(db, ACTOR, briefing).await?;

    // The city inspects Phù Đổng.
    inspections::create(db, ACTOR, city_c, inspections::NewInspection {
        target_unit_code: DEMO_COMMUNE.into(),
        planned_on: review_day,
        subject: "Kiểm tra việc xây dựng và thực hiện dân chủ ở cơ sở tại xã Phù Đổng".into(),
        findings: "Ban Chỉ đạo xã hoạt động nền nếp; sổ theo dõi công khai đầy đủ; một số thôn chưa lưu ảnh niêm yết.".into(),
        recommendations: vec![inspections::NewRecommendation {
            content: "Lưu minh chứng niêm yết (ảnh, biên bản) tại tất cả các thôn".into(),
            due_on: review_day + Duration::days(30),
        }],
    })
    .await?;

    // The commune's six-month report of the half before, from the registry, signed off.
    let registry = module.registry.clone().unwrap_or_default();
    let report_id = match report::create(db, &registry, ACTOR, commune_c, NewReport {
        period: previous,
        number: "12-BC/BCĐ".into(),
        narrative: Narrative {
            results: "Ban Chỉ đạo xã đã ban hành kế hoạch, phân công thành viên phụ trách từng thôn, tổ dân phố.\nViệc công khai, hội nghị thôn và tiếp công dân được theo dõi trên Đình; số liệu dưới đây lấy trực tiếp từ hệ thống.".into(),
            limitations: "Việc niêm yết công khai ở một số thôn còn mang tính hình thức; một số vụ việc giải quyết chậm so với thời hạn.".into(),
            tasks_ahead: "Khắc phục các hạn chế nêu trên; tổ chức giao ban quý; chuẩn bị tổng kết năm.".into(),
        },
    })
    .await
    {
        Ok(id) => id,
        Err(e) => {
            tracing::warn!("steering demo: no six-month report: {e}");
            return Ok(());
        }
    };
    let members = committees::members(db, commune_c).await?;
    if let Some(head) = members.iter().find(|m| m.position == "head") {
        report::sign_off(
            db,
            ACTOR,
            report_id,
            head.id,
            review_day.max(previous.to + Duration::days(1)),
        )
        .await?;
    }
    Ok(())
}
