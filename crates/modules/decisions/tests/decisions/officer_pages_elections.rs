//! Village-head elections and hương ước from the officers' pages: the election plan and its
//! candidates, the secret vote's register and the ballot box's count, the hương ước draft and
//! its adoption vote, each refusal named and leaving nothing written.

use axum::http::StatusCode;
use dinh_platform::db::query;

use crate::client::Done as _;
use crate::support::registry;
use crate::support::*;
use dinh_platform::testing::Client;

#[tokio::test]
async fn elections_and_huong_uoc_from_the_pages() {
    each_engine(|db| async move {
        let f = setup(&db).await?;
        let head = Client::signed_in(&db, registry(), &f.head).await;
        let officer = Client::signed_in(&db, registry(), &f.officer).await;
        let resident = Client::signed_in(&db, registry(), &f.resident).await;
        assert_eq!(
            head.get("/units/T9-X-01/elections/new").await.status,
            StatusCode::OK
        );
        assert_eq!(
            resident.get("/units/T9-X-01/elections/new").await.status,
            StatusCode::FORBIDDEN
        );
        let mut plan = vec![
            ("election_on", "20/09/2025"),
            ("plan_on", "10/09/2025"),
            ("team_on", "01/09/2025"),
            ("notice_on", "05/09/2025"),
            ("candidates_on", "29/08/2025"),
            ("candidates", "Nguyễn Văn An\nTrần Thị Bình"),
        ];
        head.post_form("/units/T9-X-01/elections", &plan, true)
            .await
            .refused("plan_on");
        assert_eq!(rows(&db, "decision_elections").await, 0);
        plan[1] = ("plan_on", "20/08/2025");
        let a = head
            .post_form("/units/T9-X-01/elections", &plan, true)
            .await;
        assert_eq!(a.status, StatusCode::SEE_OTHER, "{}", a.text());
        let html = head.get(&a.location).await.text();
        assert!(
            html.contains("Nguyễn Văn An") && html.contains("Trần Thị Bình"),
            "{html}"
        );
        let id: i64 = db
            .scalar(&query("SELECT matter_id FROM decision_elections"))
            .await?;
        head.post_form(
            &format!("/matters/{id}/work/candidates"),
            &[("name", " ")],
            true,
        )
        .await
        .refused("full_name");
        head.post_form(
            &format!("/matters/{id}/work/candidates"),
            &[("name", "Lê Văn Cường")],
            true,
        )
        .await
        .done(id);
        assert!(
            head.get(&format!("/matters/{id}/work"))
                .await
                .text()
                .contains("Lê Văn Cường (giới thiệu tại hội nghị)")
        );

        // The secret vote: the register at the meeting (no choice), then the box's count.
        let work = format!("/matters/{id}/work");
        head.post_form(
            &format!("{work}/meetings"),
            &[("held_on", "20/09/2025"), ("notice_on", "10/09/2025")],
            true,
        )
        .await
        .done(id);
        let mid: i64 = db
            .scalar(&query("SELECT id FROM decision_meetings WHERE matter_id = $1").bind(id))
            .await?;
        let mid = mid.to_string();
        for h in [code(1, 1), code(1, 2)] {
            head.post_form(
                &format!("{work}/attendance"),
                &[
                    ("meeting", &mid),
                    ("household", &h),
                    ("attendee", "Đại diện"),
                    ("capacity", "representative"),
                ],
                true,
            )
            .await
            .done(id);
            head.post_form(
                &format!("{work}/votes"),
                &[("household", &h), ("channel", "meeting")],
                true,
            )
            .await
            .done(id);
        }
        let html = head.get(&work).await.text();
        assert!(
            html.contains("Kết quả kiểm phiếu một hòm phiếu") && !html.contains("name=\"choice\""),
            "{html}"
        );
        let ids: Vec<(i64,)> = db
            .fetch_all(
                &query("SELECT id FROM decision_candidates WHERE matter_id = $1 ORDER BY id")
                    .bind(id),
            )
            .await?;
        let (a, b) = (
            format!("candidate_{}", ids[0].0),
            format!("candidate_{}", ids[1].0),
        );
        let mut count = vec![
            ("unit_code", "T9-X-01"),
            (a.as_str(), "2"),
            (b.as_str(), "0"),
            ("board", "Một"),
            ("witnesses", "Hai\nBa"),
        ];
        head.post_form(&format!("{work}/secret-count"), &count, true)
            .await
            .refused("board");
        count[1] = (a.as_str(), "nhiều");
        count[3] = ("board", "Một\nHai\nBa");
        head.post_form(&format!("{work}/secret-count"), &count, true)
            .await
            .refused("candidates");
        assert_eq!(
            rows(&db, "decision_secret_ballots").await,
            0,
            "nothing written"
        );
        count[1] = (a.as_str(), "2");
        head.post_form(&format!("{work}/secret-count"), &count, true)
            .await
            .done(id);
        assert_eq!(rows(&db, "decision_secret_ballots").await, 2);

        // Hương ước: the draft, then an adoption vote refused before 30 days of posting.
        head.post_form(
            "/units/T9-X-01/covenants",
            &[
                ("title", ""),
                ("drafting_team", "A\nB"),
                ("draft_posted_on", "01/09/2025"),
            ],
            true,
        )
        .await
        .refused("title");
        assert_eq!(
            resident
                .post_form(
                    "/units/T9-X-01/covenants",
                    &[
                        ("title", "Hương ước"),
                        ("drafting_team", "A"),
                        ("draft_posted_on", "01/09/2025")
                    ],
                    true
                )
                .await
                .status,
            StatusCode::FORBIDDEN
        );
        // Posted a few days ago: too recently for the adoption vote, whatever today is.
        let posted = (dinh_platform::time::today_vn() - chrono::Duration::days(5))
            .format("%d/%m/%Y")
            .to_string();
        let a = head
            .post_form(
                "/units/T9-X-01/covenants",
                &[
                    ("title", "Hương ước Thôn Một"),
                    ("drafting_team", "Nguyễn Văn Thành\nPhạm Thị Hòa"),
                    ("draft_posted_on", posted.as_str()),
                ],
                true,
            )
            .await;
        assert_eq!(a.status, StatusCode::SEE_OTHER, "{}", a.text());
        let page = head.get(&a.location).await.text();
        assert!(
            page.contains("Hương ước Thôn Một")
                && page.contains("Mở biểu quyết thông qua")
                && page.contains("18/11/"),
            "{page}"
        );
        let cid: i64 = db
            .scalar(&query("SELECT id FROM decision_covenants"))
            .await?;
        head.post_form(&format!("/covenants/{cid}/vote"), &[], true)
            .await
            .refused("draft_posted_on");
        assert!(
            head.get("/units/T9-X-01/covenants")
                .await
                .text()
                .contains("Hương ước Thôn Một")
        );
        officer
            .post_form(
                &format!("/covenants/{cid}/decision"),
                &[("action", "abolish"), ("reason", "x")],
                true,
            )
            .await
            .refused("action");
        Ok(())
    })
    .await;
}
