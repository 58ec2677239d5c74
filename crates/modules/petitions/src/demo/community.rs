//! The demo's community: mediation in three thôn and a dialogue with one commitment kept and
//! one overdue.

use super::{Seed, err};
use crate::store::{community, unit_by_code};
use chrono::Datelike;
use chrono::Duration;
use dinh_platform::demo::DEMO_COMMUNE;

pub(super) async fn mediation(s: &Seed<'_>) -> anyhow::Result<()> {
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

pub(super) async fn dialogue(s: &Seed<'_>) -> anyhow::Result<()> {
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
