//! The module's doors, through the router: its section of a unit's public page (`/units/{code}`)
//! and its part of the work home (`/viec-cua-toi`), each link followed to a page that answers.

use axum::http::{Request, StatusCode, header};
use dinh_decisions::{NewMatter, Origin, close, matters, online};
use dinh_platform::time::today_vn;

use crate::support::registry;
use crate::support::*;
use dinh_platform::testing::Client;

fn titled(unit: &str, matter: u32, origin: Origin, title: &str) -> NewMatter {
    NewMatter {
        title: title.into(),
        ..new_matter(unit, matter, origin)
    }
}

/// A page in English, anonymously.
async fn english(db: &dinh_platform::db::Db, uri: &str) -> String {
    Client::anonymous(db, registry())
        .send(
            Request::builder()
                .uri(uri)
                .header(header::COOKIE, "dinh_lang=en"),
            String::new(),
        )
        .await
        .text()
}

/// The part of a page from the decisions section's heading to the next section.
fn section(html: &str) -> &str {
    let start = html
        .find("Nhân dân bàn và quyết định</h2>")
        .unwrap_or_else(|| panic!("no decisions section: {html}"));
    let rest = &html[start..];
    rest.find("</section>").map_or(rest, |end| &rest[..end])
}

#[tokio::test]
async fn a_units_page_shows_its_open_matters_and_recent_results() {
    each_engine(|db| async move {
        let f = setup(&db).await?;
        let m = module();
        let road = matters::create(
            &m,
            &db,
            Some(&f.head),
            &titled(
                "T9-X-01",
                1,
                Origin::VillageHead,
                "Làm đường bê tông xóm Đông",
            ),
            today(),
        )
        .await?;
        let market = matters::create(
            &m,
            &db,
            Some(&f.officer),
            &titled("T9-X", 1, Origin::Chairman, "Chuyển chợ xã về bãi Giữa"),
            today(),
        )
        .await?;
        let light = matters::create(
            &m,
            &db,
            Some(&f.head),
            &titled("T9-X-01", 1, Origin::VillageHead, "Lắp đèn đường ngõ Cả"),
            today(),
        )
        .await?;
        meeting_votes(&db, &f, light.id, "T9-X-01", &village(1, 9), 6).await?;
        close::close(&m, &db, Some(&f.officer), light.id, today_vn()).await?;
        let other = matters::create(
            &m,
            &db,
            Some(&f.outsider),
            &titled("T9-Y-01", 1, Origin::VillageHead, "Nạo vét mương thôn Khác"),
            today(),
        )
        .await?;
        let anonymous = Client::anonymous(&db, registry());

        // The thôn: its own matter and the commune-wide one its households vote on, the result
        // of the closed one as a sentence, and the links to its lists.
        let page = anonymous.get("/units/T9-X-01").await;
        assert_eq!(page.status, StatusCode::OK);
        let html = page.text();
        let s = section(&html);
        assert!(s.contains("2 việc đang lấy ý kiến hộ gia đình"), "{s}");
        assert!(
            s.contains(&format!("href=\"/matters/{}\"", road.id))
                && s.contains("Làm đường bê tông xóm Đông"),
            "{s}"
        );
        assert!(
            s.contains(&format!("href=\"/matters/{}\"", market.id)) && s.contains("Xã Thử"),
            "{s}"
        );
        assert!(
            s.contains("Đang lấy ý kiến · Mở lấy ý kiến từ ngày 15/09/2025"),
            "{s}"
        );
        assert!(
            s.contains(&format!("href=\"/matters/{}\"", light.id)),
            "{s}"
        );
        assert!(s.contains("Thông qua: 6 trên 9 hộ đồng ý"), "{s}");
        assert!(
            !s.contains("Nạo vét mương"),
            "another commune's matter: {s}"
        );
        for link in [
            "/units/T9-X-01/matters",
            "/units/T9-X-01/initiatives",
            "/units/T9-X-01/covenants",
        ] {
            assert!(s.contains(&format!("href=\"{link}\"")), "{link}: {s}");
            assert_eq!(anonymous.get(link).await.status, StatusCode::OK, "{link}");
        }
        let matter = anonymous.get(&format!("/matters/{}", road.id)).await;
        assert_eq!(matter.status, StatusCode::OK);
        assert!(matter.text().contains("Làm đường bê tông xóm Đông"));
        // The rule pack is named by its title and linked to its rules, not by its id.
        let page = matter.text();
        let pack = "<dd><a href=\"/rules?date=";
        assert!(
            page.contains(pack) && page.contains("Dân chủ ở cơ sở: quy định áp dụng từ"),
            "{page}"
        );
        assert!(!page.contains("<dd>vn-20"), "{page}");
        let en = english(&db, "/units/T9-X-01").await;
        assert!(en.contains("Passed: 6 of 9 households agreed"), "{en}");
        assert!(en.contains("2 matter(s) open for the households"), "{en}");

        // Another thôn of the commune: only the commune-wide matter.
        let html = anonymous.get("/units/T9-X-02").await.text();
        let s = section(&html);
        assert!(
            s.contains("1 việc đang lấy ý kiến hộ gia đình") && s.contains("Chuyển chợ xã"),
            "{s}"
        );
        assert!(
            !s.contains("Làm đường bê tông") && !s.contains("Lắp đèn đường"),
            "{s}"
        );

        // The commune: its own and its thôn's matters; its list links each thôn's list.
        let html = anonymous.get("/units/T9-X").await.text();
        let s = section(&html);
        assert!(s.contains("2 việc đang lấy ý kiến hộ gia đình"), "{s}");
        assert!(
            s.contains("Làm đường bê tông")
                && s.contains("Chuyển chợ xã")
                && s.contains("Thông qua: 6 trên 9"),
            "{s}"
        );
        assert!(
            s.contains("href=\"/units/T9-X/matters\"") && !s.contains("/units/T9-X/initiatives"),
            "{s}"
        );
        let list = anonymous.get("/units/T9-X/matters").await.text();
        assert!(list.contains("href=\"/units/T9-X-02/matters\""), "{list}");

        // The other commune knows nothing of these.
        let html = anonymous.get("/units/T9-Y").await.text();
        let s = section(&html);
        assert!(
            s.contains("1 việc đang lấy ý kiến") && s.contains(&format!("/matters/{}", other.id)),
            "{s}"
        );
        assert!(!s.contains("Làm đường") && !s.contains("Chuyển chợ"), "{s}");

        // A province has no section of its own.
        let html = anonymous.get("/units/T9").await.text();
        assert!(!html.contains("Nhân dân bàn và quyết định</h2>"), "{html}");
        Ok(())
    })
    .await;
}

#[tokio::test]
async fn the_work_home_lists_matters_awaiting_action_in_scope_only() {
    each_engine(|db| async move {
        let f = setup(&db).await?;
        let m = module();
        let road = matters::create(
            &m,
            &db,
            Some(&f.head),
            &titled(
                "T9-X-01",
                1,
                Origin::VillageHead,
                "Làm đường bê tông xóm Đông",
            ),
            today(),
        )
        .await?;
        let light = matters::create(
            &m,
            &db,
            Some(&f.head),
            &titled("T9-X-01", 1, Origin::VillageHead, "Lắp đèn đường ngõ Cả"),
            today(),
        )
        .await?;
        meeting_votes(&db, &f, light.id, "T9-X-01", &village(1, 9), 6).await?;
        let closed_on = today_vn();
        close::close(&m, &db, Some(&f.officer), light.id, closed_on).await?;
        let pack = m.rules().get(&light.rule_pack_id)?;
        let send_due = m
            .calendar()
            .due_date(closed_on, pack.decisions.decision_document.period())?;

        // The village head: the matter to organise, the document to draw up by its last
        // working day, and the thôn's work areas; every link answers.
        let head = Client::signed_in(&db, registry(), &f.head).await;
        let home = head.get("/viec-cua-toi").await;
        assert_eq!(home.status, StatusCode::OK);
        let html = home.text();
        assert!(
            html.contains(
                "Tổ chức hội nghị hoặc phát phiếu lấy ý kiến: Làm đường bê tông xóm Đông"
            ),
            "{html}"
        );
        assert!(
            html.contains(&format!("href=\"/matters/{}/work\"", road.id)),
            "{html}"
        );
        assert!(
            html.contains("Lập và gửi văn bản ghi nhận kết quả: Lắp đèn đường ngõ Cả"),
            "{html}"
        );
        assert!(
            html.contains(&send_due.format("%d/%m/%Y").to_string()),
            "send due {send_due}: {html}"
        );
        assert!(
            html.contains(&format!("href=\"/matters/{}/work\"", light.id)),
            "{html}"
        );
        for link in [
            format!("/matters/{}/work", road.id),
            format!("/matters/{}/work", light.id),
            "/units/T9-X-01/matters".to_owned(),
            "/units/T9-X-01/elections/new".to_owned(),
            "/units/T9-X-01/initiatives".to_owned(),
            "/units/T9-X-01/covenants".to_owned(),
        ] {
            assert!(html.contains(&format!("href=\"{link}\"")), "{link}: {html}");
            assert_eq!(head.get(&link).await.status, StatusCode::OK, "{link}");
        }

        // The commune officer sees it too; an officer and a village head of another commune
        // do not, and may not open its work page.
        let officer = Client::signed_in(&db, registry(), &f.officer).await;
        let html = officer.get("/viec-cua-toi").await.text();
        assert!(
            html.contains(&format!("href=\"/matters/{}/work\"", road.id)),
            "{html}"
        );
        assert!(html.contains("href=\"/units/T9-X/matters\""), "{html}");
        let stranger = account(
            &db,
            "canbo@khac.vn",
            dinh_platform::accounts::Role::CommuneOfficer,
            "T9-Y",
        )
        .await?;
        for who in [&stranger, &f.outsider] {
            let client = Client::signed_in(&db, registry(), who).await;
            let home = client.get("/viec-cua-toi").await;
            assert_eq!(home.status, StatusCode::OK);
            let html = home.text();
            assert!(
                !html.contains("Làm đường bê tông") && !html.contains("Lắp đèn đường"),
                "{html}"
            );
            assert!(
                !html.contains(&format!("/matters/{}/work", road.id)),
                "{html}"
            );
            assert!(!html.contains("/units/T9-X-01/"), "{html}");
            assert_eq!(
                client
                    .get(&format!("/matters/{}/work", road.id))
                    .await
                    .status,
                StatusCode::FORBIDDEN
            );
        }

        // Once the meeting is planned, the item follows it: held on its day.
        let held = today_vn() + chrono::Duration::days(3);
        dinh_decisions::meetings::create(
            &m,
            &db,
            Some(&f.head),
            road.id,
            &dinh_decisions::MeetingInput {
                held_on: held.format("%d/%m/%Y").to_string(),
                notice_on: today_vn().format("%d/%m/%Y").to_string(),
                unit_code: "T9-X-01".into(),
                cluster: String::new(),
            },
        )
        .await?;
        let html = head.get("/viec-cua-toi").await.text();
        assert!(
            html.contains(
                "Tổ chức hội nghị, điểm danh và ghi biểu quyết: Làm đường bê tông xóm Đông"
            ),
            "{html}"
        );
        assert!(
            html.contains(&held.format("%d/%m/%Y").to_string()),
            "{html}"
        );
        Ok(())
    })
    .await;
}

#[tokio::test]
async fn a_representative_sees_their_households_open_votes() {
    each_engine(|db| async move {
        let f = setup(&db).await?;
        let m = module();
        let park = matters::create(
            &m,
            &db,
            Some(&f.head),
            &titled("T9-X-01", 6, Origin::VillageHead, "Đặt tên vườn hoa thôn"),
            today(),
        )
        .await?;
        let c = online::record_consent(&m, &db, Some(&f.officer), park.id, &village(1, 5), today())
            .await?;
        assert!(c.allowed, "{}", c.explanation_en);
        let elsewhere = matters::create(
            &m,
            &db,
            Some(&f.head2),
            &titled("T9-X-02", 1, Origin::VillageHead, "Việc riêng thôn Hai"),
            today(),
        )
        .await?;

        let resident = Client::signed_in(&db, registry(), &f.resident).await;
        let html = resident.get("/viec-cua-toi").await.text();
        assert!(
            html.contains("Biểu quyết trực tuyến: Đặt tên vườn hoa thôn"),
            "{html}"
        );
        assert!(
            html.contains(&format!("href=\"/matters/{}\"", park.id)),
            "{html}"
        );
        assert!(html.contains(&code(1, 1)), "the household is named: {html}");
        assert!(
            !html.contains("Việc riêng thôn Hai")
                && !html.contains(&format!("/matters/{}\"", elsewhere.id)),
            "{html}"
        );
        assert!(
            !html.contains(&format!("/matters/{}/work", park.id)),
            "no work page for a resident: {html}"
        );
        assert!(html.contains("href=\"/units/T9-X-01/matters\""), "{html}");
        let page = resident.get(&format!("/matters/{}", park.id)).await;
        assert_eq!(page.status, StatusCode::OK);
        assert!(
            page.text()
                .contains(&format!("action=\"/matters/{}/vote\"", park.id)),
            "{}",
            page.text()
        );

        // A member who is not the representative has nothing to vote on.
        let member = Client::signed_in(&db, registry(), &f.member).await;
        let html = member.get("/viec-cua-toi").await.text();
        assert!(!html.contains("Đặt tên vườn hoa thôn"), "{html}");

        // Once the household has voted, the item is gone.
        let voted = resident
            .post_form(
                &format!("/matters/{}/vote", park.id),
                &[("choice", "agree")],
                true,
            )
            .await;
        assert_eq!(voted.status, StatusCode::SEE_OTHER, "{}", voted.text());
        let html = resident.get("/viec-cua-toi").await.text();
        assert!(!html.contains("Đặt tên vườn hoa thôn"), "{html}");
        Ok(())
    })
    .await;
}
