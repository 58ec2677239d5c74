//! The two front doors: the unit's public home page (`/units/{code}`), whose section links
//! every public petitions page, and the work home (`/viec-cua-toi`), whose items and areas
//! lead an officer to every case awaiting them and every petitions work page. Neither shows a
//! protected denouncer.

use chrono::Duration;
use dinh_petitions::kinds::CaseKind;
use dinh_petitions::store::actions::{Action, apply};
use dinh_petitions::store::{community, reception};
use dinh_platform::db::{Db, query};
use dinh_platform::module::Module;
use dinh_platform::time::{show_date, today_vn};
use dinh_platform::web::i18n::{Lang, Tr};
use dinh_platform::work::WorkScope;

use crate::support::*;

const WORK_HOME: &str = "/viec-cua-toi";

/// Every `href="…"` of `html` (entities `&amp;` decoded).
fn hrefs(html: &str) -> Vec<String> {
    html.split("href=\"")
        .skip(1)
        .filter_map(|s| s.split('"').next())
        .map(|h| {
            h.replace("&amp;", "&")
                .replace("&#x2F;", "/")
                .replace("&#x2f;", "/")
                .replace("&#61;", "=")
        })
        .collect()
}

/// The petitions section of a unit page (from its heading to the end of the section).
fn section(html: &str) -> &str {
    let start = html
        .find("Tiếp công dân, kiến nghị, phản ánh, khiếu nại, tố cáo")
        .unwrap_or_else(|| panic!("no petitions section in {html}"));
    let rest = &html[start..];
    &rest[..rest.find("</section>").unwrap_or(rest.len())]
}

/// The due date of `case_id`'s open clock, as the pages show it.
async fn due_of(db: &Db, case_id: i64) -> String {
    let due: String = db
        .scalar(
            &query("SELECT due_on FROM petition_clocks WHERE case_id = $1 AND done_on IS NULL")
                .bind(case_id),
        )
        .await
        .unwrap();
    show_date(&due)
}

async fn set_due(db: &Db, case_id: i64, due: chrono::NaiveDate) {
    db.execute(
        &query("UPDATE petition_clocks SET due_on = $1 WHERE case_id = $2 AND done_on IS NULL")
            .bind(due)
            .bind(case_id),
    )
    .await
    .unwrap();
    db.execute(
        &query("UPDATE petition_cases SET next_due = $1 WHERE id = $2")
            .bind(due)
            .bind(case_id),
    )
    .await
    .unwrap();
}

/// A head of C1 with a reception day in three days; returns (head id, day).
async fn head_with_a_day(db: &Db) -> (i64, chrono::NaiveDate) {
    let p = principal(db, "officer@test.vn").await;
    let c1 = unit(db, "C1").await;
    let head = reception::add_head(db, Some(&p), &c1, "Phạm Văn Chủ Tịch", "commune_chairman")
        .await
        .unwrap();
    let today = today_vn();
    let day = today + Duration::days(3);
    reception::plan(
        &module(),
        db,
        Some(&p),
        head,
        day,
        "Trụ sở UBND xã Một",
        today - Duration::days(10),
    )
    .await
    .unwrap();
    (head, day)
}

#[tokio::test]
async fn the_commune_page_links_the_form_the_tracking_page_and_the_schedule() {
    each_engine(|db| async move {
        world(&db).await?;
        let (head, day) = head_with_a_day(&db).await;
        let (s, html) = call(&db, &nobody(), "GET", "/units/C1", None).await;
        assert!(s.is_success(), "{s}");
        let sec = section(&html);
        let links = hrefs(sec);
        for want in [
            "/petitions/submit?unit=C1",
            "/petitions/track",
            "/units/C1/reception/schedule",
            &format!("/units/C1/reception/heads/{head}"),
        ] {
            assert!(links.iter().any(|l| l == want), "{want} missing in {sec}");
        }
        assert!(
            sec.contains("Gửi kiến nghị, phản ánh, khiếu nại, tố cáo")
                && sec.contains("Tra cứu hồ sơ")
        );
        // The coming reception day, with its date as dd/mm/yyyy, its head and place.
        assert!(
            sec.contains(&show_date(&day.format("%Y-%m-%d").to_string()))
                && sec.contains("Phạm Văn Chủ Tịch")
                && sec.contains("Trụ sở UBND xã Một")
                && sec.contains("1 ngày tiếp công dân trong 4 tuần tới"),
            "{sec}"
        );
        // Every link of the section is a public page: it answers a visitor who is not signed in.
        for l in &links {
            let (s, body) = call(&db, &nobody(), "GET", l, None).await;
            assert!(s.is_success(), "{l}: {s}");
            if l.starts_with("/petitions/submit") {
                assert!(
                    body.contains("name=\"unit\" value=\"C1\""),
                    "the form is for C1"
                );
            }
        }
        // The schedule lists the head's calendar, so it is reachable from the unit page.
        let (_, schedule) = call(&db, &nobody(), "GET", "/units/C1/reception/schedule", None).await;
        assert!(hrefs(&schedule).contains(&format!("/units/C1/reception/heads/{head}")));
        // A thôn's page sends its people to its commune's desk.
        let (s, html) = call(&db, &nobody(), "GET", "/units/T1", None).await;
        assert!(s.is_success());
        let sec = section(&html);
        let links = hrefs(sec);
        assert!(
            links.contains(&"/petitions/submit?unit=C1".to_owned()),
            "{sec}"
        );
        assert!(
            links.contains(&"/units/C1/reception/schedule".to_owned()),
            "{sec}"
        );
        assert!(sec.contains("Xã Một: 1 ngày tiếp công dân"), "{sec}");
        // A commune without a published day says so; a province has the section too.
        let (_, html) = call(&db, &nobody(), "GET", "/units/C2", None).await;
        assert!(section(&html).contains("Chưa có lịch tiếp công dân trong 4 tuần tới"));
        let (_, html) = call(&db, &nobody(), "GET", "/units/P", None).await;
        assert!(hrefs(section(&html)).contains(&"/units/P/reception/schedule".to_owned()));
        Ok(())
    })
    .await;
}

#[tokio::test]
async fn the_work_home_shows_a_case_awaiting_acceptance_to_its_commune_officers_only() {
    each_engine(|db| async move {
        world(&db).await?;
        let today = today_vn();
        let complaint = receive(&db, "C1", new_case(CaseKind::Complaint, today)).await;
        let due = due_of(&db, complaint.id).await;
        let citation = module()
            .rules()
            .in_force_on(today)?
            .complaints
            .acceptance
            .citation()
            .to_owned();
        let case_href = format!("/petitions/cases/{}", complaint.id);
        let officer = sign_in(&db, Some("officer@test.vn")).await;
        let (s, html) = call(&db, &officer, "GET", WORK_HOME, None).await;
        assert!(s.is_success(), "{s}");
        let line = html
            .split("<li>")
            .find(|l| l.contains(&complaint.tracking_code))
            .unwrap_or_else(|| panic!("the case is not on the work home: {html}"));
        assert!(
            line.contains("Thụ lý khiếu nại")
                && line.contains(&due)
                && line.contains(&citation)
                && line.contains("Xã Một")
                && line.contains(&format!("href=\"{case_href}\"")),
            "{line}"
        );
        // Its link answers the officer.
        let (s, _) = call(&db, &officer, "GET", &case_href, None).await;
        assert_eq!(s.as_u16(), 200);
        // The areas lead to every work page of the unit, and each answers the officer.
        let links = hrefs(&html);
        for want in [
            "/units/C1/petitions",
            "/units/C1/petitions/new",
            "/units/C1/reception",
            "/units/C1/community",
        ] {
            assert!(links.iter().any(|l| l == want), "{want} missing");
            let (s, _) = call(&db, &officer, "GET", want, None).await;
            assert_eq!(s.as_u16(), 200, "{want}");
        }
        assert!(
            html.contains("1 vụ việc đang giải quyết · 0 quá hạn"),
            "{html}"
        );
        // An officer of another commune neither sees it nor may open it.
        let outsider = sign_in(&db, Some("outsider@test.vn")).await;
        let (s, html) = call(&db, &outsider, "GET", WORK_HOME, None).await;
        assert!(s.is_success());
        assert!(!html.contains(&complaint.tracking_code) && !html.contains(&case_href));
        assert!(hrefs(&html).contains(&"/units/C2/petitions".to_owned()));
        assert!(!hrefs(&html).iter().any(|l| l.starts_with("/units/C1")));
        let (s, _) = call(&db, &outsider, "GET", &case_href, None).await;
        assert_eq!(s.as_u16(), 403);
        // The inspection board sees the work list, not the cases to act on.
        let inspector = sign_in(&db, Some("inspector@test.vn")).await;
        let (_, html) = call(&db, &inspector, "GET", WORK_HOME, None).await;
        assert!(!html.contains(&complaint.tracking_code));
        let links = hrefs(&html);
        assert!(links.contains(&"/units/C1/petitions".to_owned()));
        assert!(!links.contains(&"/units/C1/petitions/new".to_owned()));
        // The village head reaches the mediation page of the thôn, and may open it.
        let head = sign_in(&db, Some("head@test.vn")).await;
        let (_, html) = call(&db, &head, "GET", WORK_HOME, None).await;
        assert!(
            hrefs(&html).contains(&"/units/T1/community".to_owned()),
            "{html}"
        );
        assert!(!html.contains(&complaint.tracking_code));
        let (s, _) = call(&db, &head, "GET", "/units/T1/community", None).await;
        assert_eq!(s.as_u16(), 200);
        Ok(())
    })
    .await;
}

#[tokio::test]
async fn a_colleagues_case_shows_only_once_it_is_overdue() {
    each_engine(|db| async move {
        world(&db).await?;
        let today = today_vn();
        let r = receive(&db, "T1", new_case(CaseKind::Recommendation, today)).await;
        let p = principal(&db, "officer@test.vn").await;
        apply(
            &module(),
            &db,
            Some(&p),
            r.id,
            Action::Assign {
                login: "handler@test.vn".into(),
            },
        )
        .await
        .unwrap();
        let officer = sign_in(&db, Some("officer@test.vn")).await;
        let handler = sign_in(&db, Some("handler@test.vn")).await;
        let (_, html) = call(&db, &handler, "GET", WORK_HOME, None).await;
        assert!(html.contains(&r.tracking_code) && html.contains("việc của bạn"));
        let (_, html) = call(&db, &officer, "GET", WORK_HOME, None).await;
        assert!(
            !html.contains(&r.tracking_code),
            "assigned to a colleague, not yet due"
        );
        set_due(&db, r.id, today - Duration::days(2)).await;
        let (_, html) = call(&db, &officer, "GET", WORK_HOME, None).await;
        let overdue = &html[html.find("work-overdue").expect("an overdue group")..];
        let overdue = &overdue[..overdue.find("</section>").unwrap()];
        assert!(overdue.contains(&r.tracking_code), "{overdue}");
        assert!(
            html.contains("1 vụ việc đang giải quyết · 1 quá hạn"),
            "{html}"
        );
        // Counted for a grant held at the thôn too (below the commune level, by path).
        dinh_platform::accounts::store::create_account(
            &db,
            "thon@test.vn",
            "thon@test.vn",
            PASSWORD,
            "test",
        )
        .await?;
        dinh_platform::accounts::store::grant(
            &db,
            "thon@test.vn",
            dinh_platform::accounts::Role::InspectionBoardMember,
            Some("T1"),
            "test",
        )
        .await?;
        let thon = sign_in(&db, Some("thon@test.vn")).await;
        let (_, html) = call(&db, &thon, "GET", WORK_HOME, None).await;
        assert!(hrefs(&html).contains(&"/units/T1/petitions".to_owned()));
        assert!(
            html.contains("1 vụ việc đang giải quyết · 1 quá hạn"),
            "{html}"
        );
        Ok(())
    })
    .await;
}

#[tokio::test]
async fn reception_days_dialogues_and_mediations_are_on_the_work_home() {
    each_engine(|db| async move {
        world(&db).await?;
        let today = today_vn();
        let (_, day) = head_with_a_day(&db).await;
        let p = principal(&db, "officer@test.vn").await;
        let c1 = unit(&db, "C1").await;
        let dl = community::plan_dialogue(
            &db,
            Some(&p),
            &c1,
            "Đối thoại về đường liên thôn",
            today + Duration::days(2),
            "Chủ tịch UBND xã",
        )
        .await
        .unwrap();
        community::commit(
            &db,
            Some(&p),
            dl,
            "Sửa đường",
            "Sẽ sửa",
            "Phó Chủ tịch",
            today + Duration::days(20),
        )
        .await
        .unwrap();
        let head = principal(&db, "head@test.vn").await;
        let t1 = unit(&db, "T1").await;
        let team = community::add_team(&db, Some(&head), &t1, "Tổ hòa giải thôn Một", "Ông Hòa", 5)
            .await
            .unwrap();
        community::open_mediation(&db, Some(&head), team, "Tranh chấp lối đi", today, None)
            .await
            .unwrap();
        let officer = sign_in(&db, Some("officer@test.vn")).await;
        let (_, html) = call(&db, &officer, "GET", WORK_HOME, None).await;
        let session = html
            .split("<li>")
            .find(|l| l.contains("Phạm Văn Chủ Tịch"))
            .unwrap_or_else(|| panic!("no reception day: {html}"));
        let month = day.format("%Y-%m").to_string();
        assert!(
            session.contains(&show_date(&day.format("%Y-%m-%d").to_string()))
                && session.contains(&format!("/units/C1/reception?month={month}")),
            "{session}"
        );
        let (s, _) = call(
            &db,
            &officer,
            "GET",
            &format!("/units/C1/reception?month={month}"),
            None,
        )
        .await;
        assert_eq!(s.as_u16(), 200);
        assert!(html.contains("Hội nghị đối thoại: Đối thoại về đường liên thôn"));
        assert!(html.contains("Cam kết sau đối thoại: Sửa đường"));
        assert!(html.contains("Hòa giải đang thực hiện: Tranh chấp lối đi"));
        // The village head sees the mediation, not the commune's reception days or dialogues.
        let hv = sign_in(&db, Some("head@test.vn")).await;
        let (_, html) = call(&db, &hv, "GET", WORK_HOME, None).await;
        assert!(html.contains("Tranh chấp lối đi"));
        assert!(!html.contains("Phạm Văn Chủ Tịch") && !html.contains("Sửa đường"));
        // Another commune's officer sees none of it.
        let outsider = sign_in(&db, Some("outsider@test.vn")).await;
        let (_, html) = call(&db, &outsider, "GET", WORK_HOME, None).await;
        for s in [
            "Phạm Văn Chủ Tịch",
            "Sửa đường",
            "Tranh chấp lối đi",
            "đường liên thôn",
        ] {
            assert!(!html.contains(s), "{s}");
        }
        Ok(())
    })
    .await;
}

#[tokio::test]
async fn a_protected_denouncer_appears_nowhere_on_the_work_home_or_the_unit_page() {
    each_engine(|db| async move {
        world(&db).await?;
        let today = today_vn();
        let d = receive(&db, "C1", denunciation(today)).await;
        let p = principal(&db, "officer@test.vn").await;
        apply(
            &module(),
            &db,
            Some(&p),
            d.id,
            Action::Assign {
                login: "handler@test.vn".into(),
            },
        )
        .await
        .unwrap();
        head_with_a_day(&db).await;
        let handler = sign_in(&db, Some("handler@test.vn")).await;
        let mut english = sign_in(&db, Some("handler@test.vn")).await;
        english.cookie = english.cookie.map(|c| format!("{c}; dinh_lang=en"));
        let mut pages = Vec::new();
        for v in [&handler, &english] {
            let (s, html) = call(&db, v, "GET", WORK_HOME, None).await;
            assert!(s.is_success());
            // The item is there, for the handler to act on …
            assert!(html.contains(&d.tracking_code), "{html}");
            pages.push(html);
        }
        for code in ["C1", "T1", "P"] {
            pages.push(
                call(&db, &nobody(), "GET", &format!("/units/{code}"), None)
                    .await
                    .1,
            );
            pages.push(
                call(&db, &handler, "GET", &format!("/units/{code}"), None)
                    .await
                    .1,
            );
        }
        // … but not who sent it, in either language, on any of the pages.
        for html in &pages {
            for secret in [SECRET_NAME, SECRET_ADDRESS, "0988777666"] {
                assert!(!html.contains(secret), "{secret} leaked");
            }
        }
        // The public page shows nothing of any case.
        for html in &pages[2..] {
            assert!(!html.contains(&d.tracking_code) && !html.contains("Tố cáo sai phạm"));
        }
        Ok(())
    })
    .await;
}

#[tokio::test]
async fn no_grant_no_work() {
    each_engine(|db| async move {
        world(&db).await?;
        receive(&db, "C1", new_case(CaseKind::Complaint, today_vn())).await;
        dinh_platform::accounts::store::create_account(
            &db,
            "citizen@test.vn",
            "citizen@test.vn",
            PASSWORD,
            "test",
        )
        .await?;
        let tr = Tr { lang: Lang::Vi };
        let scope =
            WorkScope::load(&db, principal(&db, "citizen@test.vn").await, today_vn()).await?;
        let w = module().work(&db, &scope, tr).await?;
        assert!(w.items.is_empty() && w.areas.is_empty());
        let scope =
            WorkScope::load(&db, principal(&db, "officer@test.vn").await, today_vn()).await?;
        let w = module().work(&db, &scope, tr).await?;
        assert_eq!(w.items.len(), 1);
        assert!(w.items[0].due.is_some() && w.items[0].clock.is_some());
        Ok(())
    })
    .await;
}
