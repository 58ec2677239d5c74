//! The officers' pages through the router: a meeting, its attendance and procedural votes,
//! the ballot plan, returned ballots and their check, closing and the decision document, each
//! from its form, with each refusal (no token, out of scope, bad input) named and leaving
//! nothing written; the printable ballots and the decision document as DOCX and PDF, the clocks
//! job's reminders, and online voting opened from the work page. Elections and hương ước are in
//! `officer_pages_elections.rs`.

use axum::http::StatusCode;
use dinh_decisions::{Origin, clocks, matters};
use dinh_platform::db::query;

use crate::client::Done as _;
use crate::support::registry;
use crate::support::*;
use dinh_platform::testing::Client;

#[tokio::test]
async fn officers_run_a_meeting_ballots_and_the_document_from_the_pages() {
    each_engine(|db| async move {
        let f = setup(&db).await?;
        let m = module();
        let matter = matters::create(
            &m,
            &db,
            Some(&f.head),
            &new_matter("T9-X-01", 1, Origin::VillageHead),
            today(),
        )
        .await?;
        let id = matter.id;
        let work = format!("/matters/{id}/work");
        let officer = Client::signed_in(&db, registry(), &f.officer).await;
        let front = Client::signed_in(&db, registry(), &f.front).await;
        let front2 = Client::signed_in(&db, registry(), &f.front2).await;
        let outsider = Client::signed_in(&db, registry(), &f.outsider).await;
        let anonymous = Client::anonymous(&db, registry());

        let page = officer.get(&work).await;
        assert_eq!(page.status, StatusCode::OK);
        assert!(page.text().contains("Ghi hội nghị mới"), "{}", page.text());
        assert_eq!(anonymous.get(&work).await.status, StatusCode::UNAUTHORIZED);
        assert_eq!(
            outsider.get(&work).await.status,
            StatusCode::FORBIDDEN,
            "a village head of another commune"
        );

        // The meeting: a notice one day before is recorded, with the warning on the page.
        let meeting = [("held_on", "15/09/2025"), ("notice_on", "14/09/2025")];
        assert_eq!(
            officer
                .post_form(&format!("{work}/meetings"), &meeting, false)
                .await
                .status,
            StatusCode::FORBIDDEN
        );
        assert_eq!(
            rows(&db, "decision_meetings").await,
            0,
            "no token: nothing written"
        );
        officer
            .post_form(
                &format!("{work}/meetings"),
                &[("held_on", "15/09/2025"), ("notice_on", "31/02/2025")],
                true,
            )
            .await
            .refused("notice_on");
        officer
            .post_form(&format!("{work}/meetings"), &meeting, true)
            .await
            .done(id);
        let html = officer.get(&work).await.text();
        assert!(
            html.contains("Thông báo muộn: phải đến hộ chậm nhất ngày"),
            "{html}"
        );
        let meeting_id: i64 = db
            .scalar(&query("SELECT id FROM decision_meetings WHERE matter_id = $1").bind(id))
            .await?;
        let mid = meeting_id.to_string();

        // Attendance per household, then the advice to switch to ballots.
        for h in [code(1, 1), code(1, 2)] {
            let a = officer
                .post_form(
                    &format!("{work}/attendance"),
                    &[
                        ("meeting", &mid),
                        ("household", &h),
                        ("attendee", "Nguyễn Văn Một"),
                        ("capacity", "representative"),
                    ],
                    true,
                )
                .await;
            a.done(id);
        }
        officer
            .post_form(
                &format!("{work}/attendance"),
                &[
                    ("meeting", &mid),
                    ("household", "T9-Y-01-0001"),
                    ("attendee", "X"),
                    ("capacity", "representative"),
                ],
                true,
            )
            .await
            .refused("household");
        assert_eq!(
            outsider
                .post_form(
                    &format!("{work}/attendance"),
                    &[
                        ("meeting", &mid),
                        ("household", &code(1, 3)),
                        ("attendee", "X"),
                        ("capacity", "representative")
                    ],
                    true
                )
                .await
                .status,
            StatusCode::FORBIDDEN
        );
        assert_eq!(rows(&db, "decision_attendance").await, 2);
        let html = officer.get(&work).await.text();
        assert!(
            html.contains("Đề nghị lấy ý kiến bằng phiếu hộ gia đình"),
            "{html}"
        );

        // A procedural vote: a count that is not a number is named.
        officer
            .post_form(
                &format!("{work}/procedural"),
                &[
                    ("meeting", &mid),
                    ("subject", "secretary"),
                    ("detail", "Lê Thị Thu"),
                    ("agree", "hai"),
                ],
                true,
            )
            .await
            .refused("agree");
        officer
            .post_form(
                &format!("{work}/procedural"),
                &[
                    ("meeting", &mid),
                    ("subject", "secretary"),
                    ("detail", "Lê Thị Thu"),
                    ("agree", "2"),
                ],
                true,
            )
            .await
            .done(id);
        assert_eq!(rows(&db, "decision_procedural_votes").await, 1);

        // The ballot plan: a team of one is refused, then the plan is recorded.
        let mut plan = vec![
            ("issued_on", "01/09/2025"),
            ("published_on", "05/09/2025"),
            ("distribution_on", "10/09/2025"),
            ("team_head", "Phạm Thị Hòa"),
            ("team", ""),
        ];
        officer
            .post_form(&format!("{work}/ballot-plan"), &plan, true)
            .await
            .refused("team");
        plan[4] = ("team", "Lê Văn Cường\nĐỗ Thị Mai\n");
        officer
            .post_form(&format!("{work}/ballot-plan"), &plan, true)
            .await
            .done(id);
        assert!(
            officer
                .get(&work)
                .await
                .text()
                .contains("In phiếu cho từng hộ")
        );

        // The printable ballots: one page per household of the thôn, officers only.
        assert_eq!(
            anonymous
                .get(&format!("/matters/{id}/ballots.docx"))
                .await
                .status,
            StatusCode::UNAUTHORIZED
        );
        let docx = front.get(&format!("/matters/{id}/ballots.docx")).await;
        assert_eq!(docx.status, StatusCode::OK);
        assert!(
            docx.content_type.contains("wordprocessingml"),
            "{}",
            docx.content_type
        );
        let json = docx_rs::read_docx(&docx.body)?.json();
        assert_eq!(
            json.matches("\"breakType\"").count(),
            8,
            "9 households: 9 pages"
        );
        for h in village(1, 9) {
            assert_eq!(
                json.matches(&format!("\"{h}\"")).count(),
                1,
                "{h} has its own ballot"
            );
        }
        assert!(
            json.contains("PHIẾU LẤY Ý KIẾN HỘ GIA ĐÌNH")
                && json.contains("Phạm Thị Hòa")
                && json.contains("Đồng ý")
        );

        // A returned ballot, entered by one member and checked by another.
        let ballot = [
            ("household", code(1, 3)),
            ("channel", "ballot".into()),
            ("choice", "agree".into()),
            ("opinion", String::new()),
        ];
        let ballot: Vec<(&str, &str)> = ballot.iter().map(|(k, v)| (*k, v.as_str())).collect();
        assert_eq!(
            outsider
                .post_form(&format!("{work}/votes"), &ballot, true)
                .await
                .status,
            StatusCode::FORBIDDEN
        );
        front
            .post_form(&format!("{work}/votes"), &ballot, true)
            .await
            .done(id);
        front
            .post_form(&format!("{work}/votes"), &ballot, true)
            .await
            .refused("household");
        let html = officer.get(&work).await.text();
        assert!(
            html.contains("Phiếu chờ thành viên thứ hai kiểm tra") && html.contains(&code(1, 3)),
            "{html}"
        );
        let same = front
            .post_form(
                &format!("{work}/check"),
                &[("household", &code(1, 3))],
                true,
            )
            .await;
        assert_eq!(
            same.status,
            StatusCode::UNPROCESSABLE_ENTITY,
            "the one who entered it may not check it"
        );
        front2
            .post_form(
                &format!("{work}/check"),
                &[("household", &code(1, 3))],
                true,
            )
            .await
            .done(id);
        assert!(
            !officer
                .get(&work)
                .await
                .text()
                .contains("Phiếu chờ thành viên thứ hai kiểm tra")
        );

        // Closing, then the decision document with its fields named when missing.
        assert_eq!(
            front
                .post_form(&format!("/matters/{id}/close"), &[], true)
                .await
                .status,
            StatusCode::FORBIDDEN,
            "the Front team does not close"
        );
        assert_eq!(
            officer
                .post_form(&format!("/matters/{id}/close"), &[], true)
                .await
                .status,
            StatusCode::SEE_OTHER
        );
        let html = officer.get(&work).await.text();
        assert!(
            html.contains("Gửi văn bản ghi nhận kết quả đến UBND xã và UBMTTQ xã — hạn"),
            "{html}"
        );
        let mut doc = vec![
            ("held_on", "15/09/2025"),
            ("decision", "Làm đường bê tông"),
            ("village_head", "Nguyễn Văn Thành"),
            ("front_head", "Phạm Thị Hòa"),
            ("household_rep_1", "Vũ Thị Lan"),
            ("household_rep_2", ""),
        ];
        officer
            .post_form(&format!("{work}/document"), &doc, true)
            .await
            .refused("household_rep_2");
        assert_eq!(rows(&db, "decision_documents").await, 0);
        doc[5] = ("household_rep_2", "Đỗ Văn Nam");
        officer
            .post_form(&format!("{work}/document"), &doc, true)
            .await
            .done(id);
        let pdf = anonymous.get(&format!("/matters/{id}/document.pdf")).await;
        assert_eq!(pdf.status, StatusCode::OK);
        assert_eq!(pdf.content_type, "application/pdf");
        let text = pdf_extract::extract_text_from_mem(&pdf.body)?;
        let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
        for needle in [
            "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
            "Tổng số hộ",
            "Việc số 1",
            "Làm đường bê tông",
            "Đỗ Văn Nam",
        ] {
            assert!(text.contains(needle), "missing {needle}: {text}");
        }
        let docx = anonymous.get(&format!("/matters/{id}/document.docx")).await;
        assert!(docx.body.starts_with(b"PK"));

        // The clocks job raises the overdue sending once; officers see it on the list.
        assert_eq!(clocks::run(&m, &db, day(2030, 1, 2)).await?, 1);
        assert_eq!(
            clocks::run(&m, &db, day(2030, 1, 3)).await?,
            0,
            "raised once"
        );
        let list = officer.get("/units/T9-X/matters").await.text();
        assert!(list.contains("Chưa gửi văn bản ghi nhận kết quả"), "{list}");
        assert!(
            !anonymous
                .get("/units/T9-X/matters")
                .await
                .text()
                .contains("Chưa gửi văn bản")
        );
        officer
            .post_form(&format!("{work}/document/sent"), &[("sent_on", "")], true)
            .await
            .refused("sent_on");
        officer
            .post_form(
                &format!("{work}/document/sent"),
                &[("sent_on", "19/09/2025")],
                true,
            )
            .await
            .done(id);
        assert!(
            !officer
                .get("/units/T9-X/matters")
                .await
                .text()
                .contains("Chưa gửi văn bản"),
            "sent: no longer overdue"
        );
        assert!(dinh_platform::audit::verify(&db).await?.findings.is_empty());
        Ok(())
    })
    .await;
}

#[tokio::test]
async fn online_voting_is_opened_from_the_work_page() {
    each_engine(|db| async move {
        let f = setup(&db).await?;
        let m = module();
        let matter = matters::create(
            &m,
            &db,
            Some(&f.head2),
            &new_matter("T9-X-02", 6, Origin::VillageHead),
            today(),
        )
        .await?;
        let work = format!("/matters/{}/work", matter.id);
        let officer = Client::signed_in(&db, registry(), &f.officer).await;
        officer
            .post_form(&format!("{work}/consent"), &[("households", "  \n ")], true)
            .await
            .refused("households");
        let two = format!("{}\n{}\n", code(2, 1), code(2, 2));
        officer
            .post_form(&format!("{work}/consent"), &[("households", &two)], true)
            .await
            .done(matter.id);
        assert!(
            !matters::get(&db, matter.id).await?.online_allowed,
            "2 of 4 is not more than half"
        );
        officer
            .post_form(
                &format!("{work}/consent"),
                &[("households", &code(2, 3))],
                true,
            )
            .await
            .done(matter.id);
        assert!(matters::get(&db, matter.id).await?.online_allowed);
        let html = officer.get(&work).await.text();
        assert!(
            html.contains("3/4") && html.contains("được biểu quyết trực tuyến"),
            "{html}"
        );
        Ok(())
    })
    .await;
}
