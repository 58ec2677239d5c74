//! The demo's part for petitions in Xã Phù Đổng (00541): two heads' reception over the last
//! months (the chairman compliant, the party secretary not), the published schedule ahead, a
//! reception book, cases of every kind in every state (on time, overdue, extended, resolved,
//! transferred, refused, joined) including a protected denunciation, mediation in three thôn,
//! and a dialogue with one commitment kept and one overdue.

use chrono::{Datelike, Duration, NaiveDate, Weekday};
use dinh_platform::accounts::Principal;
use dinh_platform::db::Db;
use dinh_platform::demo::DEMO_COMMUNE;
use dinh_platform::units::Unit;
use dinh_platform::web::AppError;

use crate::PetitionsModule;
use crate::kinds::{CaseKind, Channel};
use crate::protect::Identity;
use crate::store::actions::{Action, apply};
use crate::store::cases::{NewCase, receive};
use crate::store::reception::{self, NewEntry};
use crate::store::{community, system_principal, unit_by_code};

/// The officer who handles the demo's cases.
const HANDLER: &str = "canbo.phudong@dinh.demo";

fn err(e: AppError) -> anyhow::Error {
    anyhow::anyhow!("demo petitions: {:?}", e.kind)
}

fn person(name: &str, village: &str) -> Option<Identity> {
    Some(Identity {
        name: name.to_owned(),
        address: format!("{village}, xã Phù Đổng"),
        contact: "09xx xxx xxx".to_owned(),
        original: String::new(),
    })
}

struct Seed<'a> {
    m: &'a PetitionsModule,
    db: &'a Db,
    p: Principal,
    unit: Unit,
    today: NaiveDate,
}

impl Seed<'_> {
    fn ago(&self, days: i64) -> NaiveDate {
        self.today - Duration::days(days)
    }

    #[allow(clippy::too_many_arguments)]
    async fn case(
        &self,
        kind: CaseKind,
        channel: Channel,
        subject: &str,
        content: &str,
        days_ago: i64,
        who: Option<Identity>,
        complexity: i64,
    ) -> anyhow::Result<i64> {
        let new = NewCase {
            kind,
            channel,
            subject: subject.to_owned(),
            content: content.to_owned(),
            received_on: self.ago(days_ago),
            petitioner: who,
            complexity,
            remote: false,
            second_round: false,
            multiple_places: false,
        };
        Ok(receive(self.m, self.db, Some(&self.p), &self.unit, new)
            .await
            .map_err(err)?
            .id)
    }

    async fn act(&self, id: i64, a: Action) -> anyhow::Result<()> {
        apply(self.m, self.db, Some(&self.p), id, a)
            .await
            .map_err(err)
    }
}

/// Seeds the demo commune; `today` is the demo's "now".
pub(crate) async fn build(m: &PetitionsModule, db: &Db, today: NaiveDate) -> anyhow::Result<()> {
    let unit = unit_by_code(db, DEMO_COMMUNE).await.map_err(err)?;
    let s = Seed {
        m,
        db,
        p: system_principal("demo"),
        unit,
        today,
    };
    reception_months(&s).await?;
    cases(&s).await?;
    mediation(&s).await?;
    dialogue(&s).await?;
    Ok(())
}

async fn reception_months(s: &Seed<'_>) -> anyhow::Result<()> {
    let p = Some(&s.p);
    let chair = reception::add_head(
        s.db,
        p,
        &s.unit,
        "Ông Nguyễn Văn Phú (Chủ tịch UBND xã)",
        "commune_chairman",
    )
    .await
    .map_err(err)?;
    let secretary = reception::add_head(
        s.db,
        p,
        &s.unit,
        "Bà Trần Thị Đổng (Bí thư Đảng ủy xã)",
        "commune_party_secretary",
    )
    .await
    .map_err(err)?;
    // The chairman: every Tuesday from the first Monday of last month to today, in person.
    let last_month = (s.today.with_day(1).unwrap_or(s.today) - Duration::days(1))
        .with_day(1)
        .unwrap_or(s.today);
    let mut day = last_month;
    while day.weekday() != Weekday::Tue {
        day += Duration::days(1);
    }
    let mut n = 0;
    while day < s.today {
        let published =
            s.m.calendar()
                .latest_date_before(
                    day,
                    s.m.rules()
                        .in_force_on(day)?
                        .reception
                        .schedule_posted
                        .period(),
                )
                .unwrap_or(day)
                - Duration::days(1);
        let id = reception::plan(
            s.m,
            s.db,
            p,
            chair,
            day,
            "Phòng tiếp công dân, trụ sở UBND xã",
            published,
        )
        .await
        .map_err(err)?;
        reception::record_held(s.db, p, id, true, None, 2 + (n % 4))
            .await
            .map_err(err)?;
        if n < 4 {
            let entry = NewEntry {
                session_id: Some(id),
                entry_date: Some(day),
                citizen_name: [
                    "Ông Lê Văn Tân",
                    "Bà Ngô Thị Hiền",
                    "Ông Đặng Văn Lực",
                    "Bà Phan Thị Thủy",
                ][n as usize % 4]
                    .to_owned(),
                citizen_address: format!(
                    "Thôn {}, xã Phù Đổng",
                    ["Đông Đình", "Trung Hòa", "Bến Sông", "Gò Gạo"][n as usize % 4]
                ),
                content: [
                    "Đề nghị cấp giấy chứng nhận quyền sử dụng đất",
                    "Phản ánh nước thải chăn nuôi",
                    "Hỏi chế độ người có công",
                    "Đề nghị sửa cống thoát nước",
                ][n as usize % 4]
                    .to_owned(),
                earlier_handling: "Chưa gửi cơ quan nào".to_owned(),
                request: "Đề nghị UBND xã xem xét, trả lời".to_owned(),
                handling: "Tiếp nhận, hướng dẫn; chuyển công chức phụ trách xử lý".to_owned(),
                oral_record: if n == 1 {
                    "Công dân trình bày trực tiếp, không có đơn; đã lập biên bản".to_owned()
                } else {
                    String::new()
                },
                signed: n == 1,
                protected: false,
                case_id: None,
            };
            reception::add_entry(s.db, p, &s.unit, entry)
                .await
                .map_err(err)?;
        }
        n += 1;
        day += Duration::days(7);
    }
    // The secretary (2 days a month): one day posted late, one cancelled, one received by a
    // deputy (counted only where the rules in force allow delegation).
    let a = last_month + Duration::days(9);
    let id = reception::plan(
        s.m,
        s.db,
        p,
        secretary,
        a,
        "Hội trường Đảng ủy xã",
        a - Duration::days(1),
    )
    .await
    .map_err(err)?;
    reception::record_held(s.db, p, id, true, None, 3)
        .await
        .map_err(err)?;
    let b = last_month + Duration::days(23);
    let id = reception::plan(
        s.m,
        s.db,
        p,
        secretary,
        b,
        "Hội trường Đảng ủy xã",
        b - Duration::days(14),
    )
    .await
    .map_err(err)?;
    reception::record_held(s.db, p, id, true, Some("Ông Vũ Đức Phó (Phó Bí thư)"), 2)
        .await
        .map_err(err)?;
    // The schedule ahead (public page).
    for w in 0..4 {
        let mut next = s.today + Duration::days(7 * w + 1);
        while next.weekday() != Weekday::Tue {
            next += Duration::days(1);
        }
        reception::plan(
            s.m,
            s.db,
            p,
            chair,
            next,
            "Phòng tiếp công dân, trụ sở UBND xã",
            s.today,
        )
        .await
        .map_err(err)?;
    }
    let next = s.today + Duration::days(12);
    reception::plan(
        s.m,
        s.db,
        p,
        secretary,
        next,
        "Hội trường Đảng ủy xã",
        s.today,
    )
    .await
    .map_err(err)?;
    Ok(())
}

async fn cases(s: &Seed<'_>) -> anyhow::Result<()> {
    use CaseKind::*;
    use Channel::*;
    let on = |d: i64| s.ago(d);
    // Complaints.
    let c1 = s
        .case(
            Complaint,
            Reception,
            "Khiếu nại quyết định thu hồi đất nông nghiệp",
            "Không đồng ý mức bồi thường khi thu hồi 200 m² đất nông nghiệp tại xứ đồng Bãi Ngô.",
            90,
            person("Ông Hoàng Văn Bình", "Thôn Bãi Ngô"),
            0,
        )
        .await?;
    s.act(c1, Action::Accept { on: on(86) }).await?;
    s.act(c1, Action::Resolve { on: on(60), answer: "Quyết định giải quyết khiếu nại số 45/QĐ-UBND: giữ nguyên mức bồi thường, bổ sung hỗ trợ chuyển đổi nghề.".into() }).await?;
    s.act(c1, Action::Sent { on: on(59) }).await?;
    let c2 = s
        .case(
            Complaint,
            Mail,
            "Khiếu nại việc không cấp giấy phép sửa chữa nhà",
            "Hồ sơ nộp đủ nhưng UBND xã chưa cấp phép.",
            55,
            person("Bà Đinh Thị Mận", "Thôn Cầu Tre"),
            0,
        )
        .await?;
    s.act(c2, Action::Accept { on: on(50) }).await?; // resolve due 20 days ago: overdue
    s.case(
        Complaint,
        Online,
        "Khiếu nại quyết định xử phạt vi phạm hành chính",
        "Đề nghị xem xét lại quyết định xử phạt về trật tự xây dựng.",
        3,
        person("Ông Lý Văn Toàn", "Tổ dân phố Ga"),
        0,
    )
    .await?;
    let c4 = s
        .case(
            Complaint,
            Mail,
            "Khiếu nại về hỗ trợ hộ nghèo",
            "Gia đình đủ điều kiện nhưng không có tên trong danh sách.",
            40,
            person("Bà Dương Thị Lụa", "Thôn Xóm Chùa"),
            0,
        )
        .await?;
    s.act(c4, Action::Reject { on: on(35), reason: "Đã hết thời hiệu khiếu nại (quá 90 ngày); đã hướng dẫn công dân đề nghị xét bổ sung trong đợt rà soát tới.".into() }).await?;
    // Denunciations: one protected and extended, one fresh, one transferred.
    let d1 = s.case(Denunciation, Reception, "Tố cáo cán bộ địa chính cho thuê đất công trái phép", "Cán bộ địa chính xã cho một hộ thuê 500 m² đất công ích không qua đấu giá (nội dung đã bỏ thông tin người tố cáo).", 40, person("Ông Phạm Văn Kín", "Thôn Trung Hòa"), 2).await?;
    s.act(
        d1,
        Action::Assign {
            login: HANDLER.into(),
        },
    )
    .await?;
    s.act(d1, Action::Accept { on: on(35) }).await?;
    s.act(d1, Action::Sent { on: on(33) }).await?;
    s.act(
        d1,
        Action::Extend {
            on: on(7),
            decision: "12/QĐ-UBND gia hạn giải quyết tố cáo".into(),
        },
    )
    .await?;
    let d2 = s
        .case(
            Denunciation,
            Online,
            "Tố cáo thu tiền sai quy định khi cấp giấy xác nhận",
            "Bộ phận một cửa thu 200.000 đồng mỗi giấy xác nhận.",
            2,
            person("Bà Hà Thị Ẩn", "Tổ dân phố Chợ Mới"),
            0,
        )
        .await?;
    s.act(
        d2,
        Action::Assign {
            login: HANDLER.into(),
        },
    )
    .await?;
    let d3 = s
        .case(
            Denunciation,
            Mail,
            "Tố cáo cán bộ ngân hàng chính sách",
            "Nội dung thuộc thẩm quyền của cơ quan cấp trên.",
            12,
            person("Ông Bùi Văn Giấu", "Thôn Đông Đình"),
            0,
        )
        .await?;
    s.act(
        d3,
        Action::Transfer {
            on: on(9),
            to: "Thanh tra thành phố Hà Nội".into(),
        },
    )
    .await?;
    s.case(
        Denunciation,
        Online,
        "Tố cáo nặc danh về xây dựng trái phép",
        "Một hộ xây nhà trên đất nông nghiệp ở thôn Gò Gạo.",
        6,
        None,
        0,
    )
    .await?;
    // Recommendations and reports.
    let r1 = s
        .case(
            Recommendation,
            Online,
            "Kiến nghị lắp đèn chiếu sáng đường trục thôn",
            "Đường trục thôn Bến Sông tối, nhiều người đi làm về muộn.",
            25,
            person("Ông Trần Văn Sáng", "Thôn Bến Sông"),
            0,
        )
        .await?;
    s.act(
        r1,
        Action::Resolve {
            on: on(18),
            answer: "UBND xã đưa vào kế hoạch lắp 20 bóng đèn trong quý này.".into(),
        },
    )
    .await?;
    s.case(
        Recommendation,
        Reception,
        "Kiến nghị nạo vét kênh tiêu",
        "Kênh tiêu xứ đồng Gò Gạo bồi lắng, ngập úng khi mưa.",
        30,
        person("Bà Nguyễn Thị Mưa", "Thôn Gò Gạo"),
        0,
    )
    .await?; // overdue
    let r3 = s
        .case(
            Report,
            Online,
            "Phản ánh rác thải tồn đọng ven đê",
            "Rác tồn đọng đoạn đê gần bến đò hơn một tuần.",
            28,
            person("Ông Vũ Văn Sạch", "Tổ dân phố Hàng Tre"),
            0,
        )
        .await?;
    s.act(
        r3,
        Action::Resolve {
            on: on(5),
            answer: "Đã thu gom và bố trí thêm thùng rác.".into(),
        },
    )
    .await?; // answered late
    let r4 = s
        .case(
            Report,
            Mail,
            "Phản ánh rác thải tồn đọng ven đê (đơn trùng)",
            "Cùng nội dung đơn trước.",
            27,
            person("Bà Vũ Thị Gọn", "Tổ dân phố Hàng Tre"),
            0,
        )
        .await?;
    let code: String =
        s.db.scalar(
            &dinh_platform::db::query("SELECT tracking_code FROM petition_cases WHERE id = $1")
                .bind(r3),
        )
        .await?;
    let r5 = s
        .case(
            Report,
            Online,
            "Phản ánh tiếng ồn karaoke sau 22 giờ",
            "Hộ kinh doanh karaoke ở thôn Xóm Chùa mở nhạc to sau 22 giờ.",
            4,
            person("Ông Đỗ Văn Yên", "Thôn Xóm Chùa"),
            0,
        )
        .await?;
    let r6 = s
        .case(
            Report,
            Online,
            "Phản ánh tiếng ồn karaoke (đơn trùng)",
            "Cùng nội dung.",
            3,
            person("Bà Đỗ Thị Lặng", "Thôn Xóm Chùa"),
            0,
        )
        .await?;
    let code5: String =
        s.db.scalar(
            &dinh_platform::db::query("SELECT tracking_code FROM petition_cases WHERE id = $1")
                .bind(r5),
        )
        .await?;
    s.act(r6, Action::Join { into: code5 }).await?;
    s.act(
        r4,
        Action::Note {
            text: format!("Trùng nội dung với {code}, đã trả lời chung."),
        },
    )
    .await?;
    s.act(
        r4,
        Action::Resolve {
            on: on(5),
            answer: "Đã thu gom và bố trí thêm thùng rác (trả lời chung với đơn cùng nội dung)."
                .into(),
        },
    )
    .await?;
    // A dispute for mediation.
    s.case(
        Dispute,
        Reception,
        "Tranh chấp lối đi chung giữa hai hộ",
        "Hai hộ ở thôn Đông Đình tranh chấp lối đi chung rộng 1,5 m.",
        20,
        person("Ông Nguyễn Văn Lối", "Thôn Đông Đình"),
        0,
    )
    .await?;
    Ok(())
}

async fn mediation(s: &Seed<'_>) -> anyhow::Result<()> {
    let p = Some(&s.p);
    let outcomes = [("settled", 14), ("not_settled", 30), ("referred", 45)];
    for (i, (outcome, days)) in outcomes.iter().enumerate() {
        let thon = unit_by_code(s.db, &format!("{DEMO_COMMUNE}-{:02}", i + 1))
            .await
            .map_err(err)?;
        let team = community::add_team(
            s.db,
            p,
            &thon,
            &format!("Tổ hòa giải {}", thon.name),
            ["Ông Nguyễn Văn Hòa", "Bà Lê Thị Thuận", "Ông Trần Văn Êm"][i],
            5 + i as i64,
        )
        .await
        .map_err(err)?;
        let subject = [
            "Tranh chấp lối đi chung giữa hai hộ",
            "Mâu thuẫn về nước thải chăn nuôi",
            "Tranh chấp ranh giới đất vườn",
        ][i];
        let id = community::open_mediation(s.db, p, team, subject, s.ago(days + 10), None)
            .await
            .map_err(err)?;
        community::close_mediation(s.db, p, id, outcome, s.ago(*days))
            .await
            .map_err(err)?;
        if i == 0 {
            community::open_mediation(
                s.db,
                p,
                team,
                "Mâu thuẫn gia đình về chia tài sản",
                s.ago(3),
                None,
            )
            .await
            .map_err(err)?;
        }
    }
    Ok(())
}

async fn dialogue(s: &Seed<'_>) -> anyhow::Result<()> {
    let p = Some(&s.p);
    let held = s.ago(120);
    let id = community::plan_dialogue(
        s.db,
        p,
        &s.unit,
        &format!(
            "Hội nghị đối thoại giữa Chủ tịch UBND xã với Nhân dân năm {}",
            held.year()
        ),
        held,
        "Ông Nguyễn Văn Phú, Chủ tịch UBND xã",
    )
    .await
    .map_err(err)?;
    community::hold_dialogue(s.db, p, id, held, 146)
        .await
        .map_err(err)?;
    let kept = community::commit(
        s.db,
        p,
        id,
        "Đường liên thôn Đông Đình – Trung Hòa xuống cấp",
        "Sửa chữa trong 60 ngày",
        "Phó Chủ tịch UBND xã phụ trách kinh tế",
        held + Duration::days(60),
    )
    .await
    .map_err(err)?;
    community::commitment_done(s.db, p, kept, held + Duration::days(52))
        .await
        .map_err(err)?;
    community::commit(
        s.db,
        p,
        id,
        "Chợ tạm lấn chiếm hành lang giao thông",
        "Sắp xếp lại chợ tạm",
        "Công chức địa chính – xây dựng",
        s.ago(20),
    )
    .await
    .map_err(err)?;
    community::commit(
        s.db,
        p,
        id,
        "Thiếu sân chơi cho trẻ em thôn Bãi Ngô",
        "Bố trí quỹ đất làm sân chơi",
        "Chủ tịch UBND xã",
        s.today + Duration::days(45),
    )
    .await
    .map_err(err)?;
    community::plan_dialogue(
        s.db,
        p,
        &s.unit,
        &format!("Hội nghị đối thoại năm {}", s.today.year() + 1),
        s.today + Duration::days(200),
        "Chủ tịch UBND xã",
    )
    .await
    .map_err(err)?;
    Ok(())
}
