//! The demo's reception: two heads over the last months (the chairman compliant, the party
//! secretary not), the published schedule ahead and the reception book.

use super::{Seed, err};
use crate::store::reception;
use crate::store::reception::NewEntry;
use chrono::Datelike;
use chrono::Duration;
use chrono::Weekday;

pub(super) async fn reception_months(s: &Seed<'_>) -> anyhow::Result<()> {
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
