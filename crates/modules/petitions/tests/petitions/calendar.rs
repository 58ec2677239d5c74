//! A head's own calendar: the month's reception days (planned, held, cancelled, received by
//! someone else) and the year's months against the pack's frequency; public, linked from the
//! schedule; a head of another unit or a bad month refused.

use dinh_platform::db::query;
use dinh_platform::module::Module;

use crate::support::*;

#[tokio::test]
async fn a_heads_calendar_shows_the_month_and_the_years_compliance() {
    each_engine(|db| async move {
        dinh_platform::demo::build(&db).await?;
        module().demo(&db, d(2026, 11, 23)).await?;
        let head = |position: &'static str| {
            let db = db.clone();
            async move {
                db.scalar::<i64>(
                    &query("SELECT id FROM petition_heads WHERE position = $1").bind(position),
                )
                .await
                .unwrap()
            }
        };
        let chair = head("commune_chairman").await;
        let secretary = head("commune_party_secretary").await;
        let (s, html) = call(
            &db,
            &nobody(),
            "GET",
            &format!("/units/00541/reception/heads/{chair}?month=2026-10"),
            None,
        )
        .await;
        assert!(s.is_success(), "{s}");
        assert!(
            html.contains("Nguyễn Văn Phú") && html.contains("Tháng 10/2026"),
            "{html}"
        );
        assert!(html.contains("/10/2026</th>"), "days as dd/mm/yyyy");
        assert!(
            html.contains("<caption>") && html.contains("scope=\"col\""),
            "an accessible table"
        );
        assert!(!html.contains("<script"), "no JavaScript");
        // A month of a year before any rule pack was in force answers, with nothing judged.
        let (old_status, old_year) = call(
            &db,
            &nobody(),
            "GET",
            &format!("/units/00541/reception/heads/{chair}?month=2023-12"),
            None,
        )
        .await;
        assert!(old_status.is_success(), "{old_status}: {old_year}");
        assert!(old_year.contains("Tháng 12/2023"));
        let october = &html[html.find("aria-current=\"page\"").unwrap()..];
        let october = &october[..october.find("</tr>").unwrap()];
        assert!(
            october.contains("Đạt") && !october.contains("Chưa đạt"),
            "{october}"
        );
        let (_, html) = call(
            &db,
            &nobody(),
            "GET",
            &format!("/units/00541/reception/heads/{secretary}?month=2026-10"),
            None,
        )
        .await;
        let october = &html[html.find("aria-current=\"page\"").unwrap()..];
        let october = &october[..october.find("</tr>").unwrap()];
        assert!(october.contains("Chưa đạt"), "{october}");
        assert!(
            html.contains("Người khác tiếp thay")
                || html.contains("Đã hủy")
                || html.contains("Đã tiếp")
        );
        // The schedule links to each head's calendar.
        let (_, schedule) = call(
            &db,
            &nobody(),
            "GET",
            "/units/00541/reception/schedule",
            None,
        )
        .await;
        assert!(schedule.contains(&format!("/units/00541/reception/heads/{chair}")));
        // A head under another unit's code, an unknown head, a bad month: refused.
        let (s, _) = call(
            &db,
            &nobody(),
            "GET",
            &format!("/units/00541-01/reception/heads/{chair}"),
            None,
        )
        .await;
        assert_eq!(s.as_u16(), 404);
        let (s, _) = call(
            &db,
            &nobody(),
            "GET",
            "/units/00541/reception/heads/1",
            None,
        )
        .await;
        assert_eq!(s.as_u16(), 404);
        let (s, html) = call(
            &db,
            &nobody(),
            "GET",
            &format!("/units/00541/reception/heads/{chair}?month=10-2026"),
            None,
        )
        .await;
        assert_eq!(s.as_u16(), 422);
        assert!(html.contains("month"));
        Ok(())
    })
    .await;
}
