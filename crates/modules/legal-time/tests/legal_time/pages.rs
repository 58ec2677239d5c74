//! The pages: month calendar, time-limit form, rules in force.

use axum::http::StatusCode;

use crate::support::{cell, each_engine, get, shipped};

#[tokio::test]
async fn month_page_shows_tet_and_lunar_new_year() {
    each_engine(|db| async move {
        let m = shipped();
        let (status, html) = get(&db, &m, "/calendar?month=2026-02", "vi").await;
        assert_eq!(status, StatusCode::OK, "{html}");
        assert!(html.contains("<html lang=\"vi\">") && html.contains("/static/legal-time.css"));
        assert!(
            html.contains(
                "<caption>Lịch tháng 02/2026 (tháng Chạp Ất Tỵ – tháng Giêng Bính Ngọ)</caption>"
            ),
            "{html}"
        );
        assert!(html.contains("<th scope=\"col\"><abbr title=\"Thứ Hai\">T2</abbr></th>"));
        let tet = cell(&html, "2026-02-17");
        assert!(
            tet.contains("ÂL</abbr> 1/1") && tet.contains("(tháng Giêng)"),
            "{tet}"
        );
        assert!(
            tet.contains("Nghỉ theo thông báo: Tết Nguyên đán Bính Ngọ"),
            "{tet}"
        );
        let eve = cell(&html, "2026-02-16");
        assert!(
            eve.contains("ÂL</abbr> 29/12") && eve.contains("Tết Nguyên đán"),
            "{eve}"
        );
        assert!(cell(&html, "2026-02-23").contains("Làm việc"));
        assert!(
            cell(&html, "2026-02-01").contains("(tháng Chạp)"),
            "month named on the 1st"
        );
        assert!(cell(&html, "2026-02-28").contains("Nghỉ hằng tuần"));
        assert!(
            html.contains("href=\"/calendar?month=2026-01\"")
                && html.contains("href=\"/calendar?month=2026-03\"")
        );
        assert!(html.contains("Chú giải") && html.contains("Làm bù"));
        // Swapped Saturday, compensatory day, leap month.
        let (_, jan) = get(&db, &m, "/calendar?month=2026-01", "vi").await;
        assert!(cell(&jan, "2026-01-10").contains("Làm bù: Làm bù cho thứ Sáu 02/01/2026"));
        let (_, apr) = get(&db, &m, "/calendar?month=2026-04", "vi").await;
        assert!(cell(&apr, "2026-04-27").contains("Nghỉ bù: Nghỉ bù Giỗ Tổ Hùng Vương"));
        let (_, leap) = get(&db, &m, "/calendar?month=2025-07", "vi").await;
        assert!(
            cell(&leap, "2025-07-25").contains("1/6 nhuận") && leap.contains("tháng Sáu nhuận")
        );
        let (_, en) = get(&db, &m, "/calendar?month=02/2026", "en").await;
        assert!(
            cell(&en, "2026-02-17").contains("Announced day off: Tết (Lunar New Year) Bính Ngọ")
        );
        assert!(en.contains("Legend"));
        let (status, bad) = get(&db, &m, "/calendar?month=2026-13", "vi").await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(bad.contains("month: month 13 does not exist"), "{bad}");
        let (status, _) = get(&db, &m, "/calendar", "vi").await;
        assert_eq!(status, StatusCode::OK);
        let (status, css) = get(&db, &m, "/static/legal-time.css", "vi").await;
        assert!(status == StatusCode::OK && css.contains("@media (max-width: 40rem)"));
        Ok(())
    })
    .await;
}

#[tokio::test]
async fn deadline_page_counts_across_tet() {
    each_engine(|db| async move {
        let m = shipped();
        let (status, empty) = get(&db, &m, "/calendar/deadline", "vi").await;
        assert_eq!(status, StatusCode::OK);
        assert!(
            empty.contains("<form class=\"stack\" method=\"get\" action=\"/calendar/deadline\">")
        );
        let uri = "/calendar/deadline?start=10%2F02%2F2026&days=5&unit=working&direction=after";
        let (status, html) = get(&db, &m, uri, "vi").await;
        assert_eq!(status, StatusCode::OK);
        assert!(
            html.contains("<strong class=\"lt-due\">24/02/2026</strong> (thứ Ba)"),
            "{html}"
        );
        assert!(html.contains("bỏ qua Tết Nguyên đán Bính Ngọ 14/02-22/02, hạn 24/02/2026"));
        assert!(
            html.contains("value=\"10/02/2026\""),
            "the form keeps the input"
        );
        let (_, en) = get(&db, &m, uri, "en").await;
        assert!(en.contains("skipped Tết (Lunar New Year) Bính Ngọ 14/02-22/02, due 24/02/2026"));
        let calendar = "/calendar/deadline?start=02/02/2026&days=20&unit=calendar";
        let (_, rolled) = get(&db, &m, calendar, "vi").await;
        assert!(
            rolled.contains("<strong class=\"lt-due\">23/02/2026</strong>"),
            "{rolled}"
        );
        assert!(rolled.contains("chuyển sang ngày làm việc tiếp theo"));
        let before = "/calendar/deadline?start=10/03/2026&days=2&unit=calendar&direction=before";
        let (_, before) = get(&db, &m, before, "vi").await;
        assert!(before.contains("Chậm nhất vào ngày") && before.contains(">06/03/2026<"));
        let (status, bad) = get(&db, &m, "/calendar/deadline?start=30/02/2026&days=5", "vi").await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(
            bad.contains("start: day 30 does not exist in 02/2026"),
            "{bad}"
        );
        let (status, bad) = get(&db, &m, "/calendar/deadline?start=10/02/2026&days=0", "vi").await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(bad.contains("days: 0 is not a count"));
        Ok(())
    })
    .await;
}

#[tokio::test]
async fn rules_page_shows_citations_and_unverified_rows() {
    each_engine(|db| async move {
        let m = shipped();
        let (status, html) = get(&db, &m, "/rules?date=01/07/2026", "vi").await;
        assert_eq!(status, StatusCode::OK);
        assert!(html.contains("<code>vn-2026-07</code>") && html.contains("01/07/2026 –"));
        assert!(
            html.contains("<th scope=\"row\"><code>disclosure.<wbr>deadline</code></th><td>5</td>")
        );
        assert!(html.contains("Luật 10/2022/QH15, Điều 12(3)"), "a citation");
        let online = html
            .split("<tr")
            .find(|row| row.contains("reception.<wbr>online_allowed"))
            .expect("the online reception row");
        assert!(
            online.contains("lt-unverified") && online.contains("chưa kiểm chứng"),
            "{online}"
        );
        assert!(
            html.contains("vn-2023-07") && html.contains("30/06/2026"),
            "the list of packs"
        );
        let (_, old) = get(&db, &m, "/rules?date=30/06/2026", "vi").await;
        assert!(old.contains("<code>vn-2023-07</code>"));
        let (_, en) = get(&db, &m, "/rules?date=2026-07-01", "en").await;
        assert!(en.contains("unverified") && en.contains("working days"));
        let (status, none) = get(&db, &m, "/rules?date=01/01/2020", "vi").await;
        assert_eq!(status, StatusCode::OK);
        assert!(none.contains("no rule pack is in force on 01/01/2020"));
        let (status, bad) = get(&db, &m, "/rules?date=1/13/2026", "vi").await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(bad.contains("date: month 13 does not exist"));
        Ok(())
    })
    .await;
}
