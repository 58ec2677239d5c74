//! The committee on its unit's public home page (news, signed reports) and on the work home
//! (Việc của tôi) of its members and officers, through the router as a browser would see them.

use axum::http::StatusCode;
use chrono::{Datelike, Days, NaiveDate};
use dinh_platform::accounts::Role;
use dinh_platform::module::Module;
use dinh_platform::time::today_vn;
use dinh_platform::web::i18n::{Lang, Tr};
use dinh_platform::work::WorkScope;
use dinh_steering::meetings::{self, NewMeeting};
use dinh_steering::plans::{self, NewPlan, NewTask};
use dinh_steering::report::{self, Narrative, NewReport, ReportPeriod};
use dinh_steering::{Actor, SteeringModule, committees, inspections};

use super::support::*;

fn meeting(title: &str, held_on: NaiveDate) -> NewMeeting {
    NewMeeting {
        kind: "briefing".into(),
        title: title.into(),
        held_on,
        held_at: "08:00".into(),
        place: "Hội trường UBND xã".into(),
        chaired_by: "Đồng chí Trưởng Ban".into(),
        agenda: "Đánh giá kết quả quý".into(),
        attendees: "Thành viên Ban Chỉ đạo xã".into(),
        minutes: "Hội nghị thống nhất các nhiệm vụ quý tới.".into(),
        plan_id: None,
        conclusions: Vec::new(),
    }
}

async fn page(db: &dinh_platform::db::Db, uri: &str, who: Option<&(String, String)>) -> String {
    let (s, body, _) = call(db, "GET", uri, who, None).await;
    assert_eq!(s, StatusCode::OK, "{uri}");
    String::from_utf8(body).unwrap()
}

/// The part of a work home under one urgency heading (`overdue`, `today`, `week`,
/// `awaiting`), empty when there is no such heading.
fn group<'a>(html: &'a str, css: &str) -> &'a str {
    let Some(start) = html.find(&format!("id=\"work-{css}\"")) else {
        return "";
    };
    let rest = &html[start..];
    &rest[..rest.find("</section>").unwrap_or(rest.len())]
}

#[tokio::test]
async fn the_commune_page_shows_published_meetings_as_news_and_signed_reports() {
    dinh_platform::testing::each_engine(&registry(), |db| async move {
        let w = world(&db).await;
        let reg = registry();
        let actor = Actor::Person(&w.commune_member);
        let published = meetings::record(
            &db,
            actor,
            w.commune_committee,
            meeting("Hội nghị giao ban quý III năm 2026", d(2026, 9, 28)),
        )
        .await?;
        meetings::publish(&db, actor, published).await?;
        let unpublished = meetings::record(
            &db,
            actor,
            w.commune_committee,
            meeting("Cuộc họp chuẩn bị chưa đăng tin", d(2026, 10, 2)),
        )
        .await?;

        // Before any sign-off the commune page has the committee, no report; its news are
        // given to the unit's one news list (the portal), the published meeting only.
        let html = page(&db, "/units/91001", None).await;
        assert!(
            html.contains("href=\"/units/91001/steering\""),
            "the committee's page"
        );
        assert!(
            html.contains("href=\"/units/91001/steering#news\""),
            "the committee's news"
        );
        assert!(!html.contains("Cuộc họp chuẩn bị chưa đăng tin"));
        let news = meetings::news_since(&db, "").await?;
        assert_eq!(news.len(), 1, "the published meeting only");
        assert_eq!(news[0].origin, format!("steering:meeting:{published}"));
        assert_eq!(news[0].title, "Hội nghị giao ban quý III năm 2026");
        assert!(
            news[0].summary.contains("28/09/2026"),
            "{}",
            news[0].summary
        );
        let later = meetings::news_since(&db, "9999").await?;
        assert!(later.is_empty(), "none published after the last one");
        // The links answer anyone, and the news item is the page it claims.
        let news = page(&db, &format!("/steering/meetings/{published}"), None).await;
        assert!(news.contains("Hội nghị giao ban quý III năm 2026"));
        assert_eq!(
            call(
                &db,
                "GET",
                &format!("/steering/meetings/{unpublished}"),
                None,
                None
            )
            .await
            .0,
            StatusCode::NOT_FOUND
        );
        let committee = page(&db, "/units/91001/steering", None).await;
        assert!(committee.contains(&format!("/steering/meetings/{published}")));

        // Another commune, and a thôn, show none of it.
        let other = page(&db, "/units/91002", None).await;
        assert!(!other.contains("Hội nghị giao ban quý III năm 2026"));
        assert!(!other.contains("Tin hoạt động"), "no news published there");
        let thon = page(&db, "/units/91001-01", None).await;
        assert!(!thon.contains("/steering/"), "a thôn has no committee");

        // A signed report is public at its signed version, even once a new draft exists.
        let id = report::create(
            &db,
            &reg,
            actor,
            w.commune_committee,
            NewReport {
                period: ReportPeriod::half(2026, 1)?,
                number: "05-BC/BCĐ".into(),
                narrative: Narrative {
                    results: "Kết quả tốt.".into(),
                    ..Narrative::default()
                },
            },
        )
        .await?;
        let html = page(&db, "/units/91001", None).await;
        assert!(
            !html.contains(&format!("/steering/reports/{id}")),
            "a draft is not public"
        );
        let head = committees::members(&db, w.commune_committee)
            .await?
            .into_iter()
            .find(|m| m.position == "head")
            .unwrap();
        report::sign_off(&db, actor, id, head.id, d(2026, 7, 5)).await?;
        report::revise(&db, &reg, actor, id, Narrative::default(), false).await?;
        let html = page(&db, "/units/91001", None).await;
        let link = format!("/steering/reports/{id}?version=1");
        assert!(
            html.contains(&link),
            "the signed report, at its signed version"
        );
        assert!(html.contains("05-BC/BCĐ") && html.contains("05/07/2026"));
        assert!(page(&db, &link, None).await.contains("Đã ký ban hành"));
        assert!(
            page(&db, "/units/91001/steering", None)
                .await
                .contains(&link)
        );
        assert_eq!(
            call(&db, "GET", &format!("/steering/reports/{id}"), None, None)
                .await
                .0,
            StatusCode::UNAUTHORIZED,
            "the newer draft stays a work page"
        );
        Ok(())
    })
    .await;
}

#[tokio::test]
async fn the_work_home_shows_late_tasks_and_what_awaits_to_their_committees_only() {
    dinh_platform::testing::each_engine(&registry(), |db| async move {
        let w = world(&db).await;
        let reg = registry();
        let today = today_vn();
        let days = |n: u64| today.checked_add_days(Days::new(n)).unwrap();
        let ago = |n: u64| today.checked_sub_days(Days::new(n)).unwrap();
        let actor = Actor::Person(&w.commune_member);
        let plan = plans::create_plan(
            &db,
            actor,
            w.commune_committee,
            NewPlan {
                kind: "quarter".into(),
                title: "Kế hoạch quý của Ban Chỉ đạo xã".into(),
                period_from: ago(60),
                period_to: days(60),
            },
        )
        .await?;
        let late = plans::add_task(
            &db,
            actor,
            plan,
            NewTask {
                content: "Rà soát việc niêm yết công khai tại các thôn".into(),
                owner: "Ban Dân vận".into(),
                due_on: Some(ago(3)),
                assign_to: Vec::new(),
            },
        )
        .await?;
        plans::add_task(
            &db,
            actor,
            plan,
            NewTask {
                content: "Chuẩn bị hội nghị sơ kết".into(),
                owner: "Văn phòng".into(),
                due_on: Some(days(30)),
                assign_to: Vec::new(),
            },
        )
        .await?;
        meetings::record(
            &db,
            actor,
            w.commune_committee,
            meeting("Giao ban tháng chưa đăng", ago(1)),
        )
        .await?;
        let last_year = ReportPeriod::year(today.year() - 1)?;
        let draft = report::create(
            &db,
            &reg,
            actor,
            w.commune_committee,
            NewReport {
                period: last_year,
                number: "09-BC/BCĐ".into(),
                narrative: Narrative::default(),
            },
        )
        .await?;
        inspections::create(
            &db,
            Actor::Person(&w.province_member),
            w.province_committee,
            inspections::NewInspection {
                target_unit_code: "91001".into(),
                planned_on: ago(10),
                subject: "Kiểm tra thực hiện QCDC".into(),
                findings: String::new(),
                recommendations: vec![inspections::NewRecommendation {
                    content: "Bổ sung hòm thư góp ý tại nhà văn hóa".into(),
                    due_on: days(3),
                }],
            },
        )
        .await?;

        // The commune's steering member: the late task is overdue, and its link answers them.
        let member = login(&db, &w.commune_member).await;
        let html = page(&db, "/viec-cua-toi", Some(&member)).await;
        let overdue = group(&html, "overdue");
        assert!(
            overdue.contains("Rà soát việc niêm yết công khai tại các thôn"),
            "{html}"
        );
        let href = format!("/steering/plans/{plan}#task-{late}");
        assert!(overdue.contains(&href));
        let plan_page = page(&db, &format!("/steering/plans/{plan}"), Some(&member)).await;
        assert!(
            plan_page.contains(&format!("id=\"task-{late}\"")),
            "the link lands on the task"
        );
        assert!(
            plan_page.contains("Báo cáo tiến độ"),
            "where they act on it"
        );
        // The task due later waits; the recommendation falls due this week.
        assert!(group(&html, "awaiting").contains("Chuẩn bị hội nghị sơ kết"));
        assert!(!overdue.contains("Chuẩn bị hội nghị sơ kết"));
        let week = group(&html, "week");
        assert!(week.contains("Bổ sung hòm thư góp ý tại nhà văn hóa"));
        assert!(week.contains("/units/91001/steering#received"));
        // A meeting to publish and a report to sign, each linking where it is done.
        let awaiting = group(&html, "awaiting");
        assert!(
            awaiting.contains("Giao ban tháng chưa đăng")
                && awaiting.contains("/units/91001/steering#meetings")
        );
        assert!(
            awaiting.contains("09-BC/BCĐ")
                && awaiting.contains(&format!("/steering/reports/{draft}"))
        );
        let report_page = page(&db, &format!("/steering/reports/{draft}"), Some(&member)).await;
        assert!(
            report_page.contains(&format!("/steering/reports/{draft}/sign")),
            "the sign form"
        );
        let committee_page = page(&db, "/units/91001/steering", Some(&member)).await;
        assert!(
            committee_page.contains("id=\"received\"")
                && committee_page.contains("id=\"meetings\"")
        );
        // The areas: the committee's page with its overdue count, its reports, its plan.
        assert!(html.contains("href=\"/units/91001/steering\""));
        assert!(html.contains("1 nhiệm vụ quá hạn"));
        assert!(html.contains("href=\"/units/91001/steering#reports\""));
        assert!(html.contains(&format!("href=\"/steering/plans/{plan}\"")));

        // A commune officer reports progress: they see the task too.
        let officer = login(&db, &w.officer).await;
        let html = page(&db, "/viec-cua-toi", Some(&officer)).await;
        assert!(group(&html, "overdue").contains(&href));
        assert!(
            !html.contains("09-BC/BCĐ"),
            "an officer does not sign reports"
        );

        // The province member follows the communes: the late task below, not the one due later.
        let province = login(&db, &w.province_member).await;
        let html = page(&db, "/viec-cua-toi", Some(&province)).await;
        assert!(group(&html, "overdue").contains("Rà soát việc niêm yết công khai tại các thôn"));
        assert!(!html.contains("Chuẩn bị hội nghị sơ kết"));
        assert!(
            !html.contains("Giao ban tháng chưa đăng"),
            "the commune publishes its own news"
        );
        assert!(html.contains("href=\"/units/91/steering\""));
        let province_page = page(&db, "/units/91/steering", Some(&province)).await;
        assert!(
            province_page.contains("href=\"/units/91001/steering\""),
            "lower committees are linked"
        );

        // A member of another commune's committee sees none of it, and may not open it.
        let other = login(&db, &w.other_member).await;
        let html = page(&db, "/viec-cua-toi", Some(&other)).await;
        assert!(!html.contains("Rà soát việc niêm yết công khai tại các thôn"));
        assert!(!html.contains(&format!("/steering/plans/{plan}")));
        assert!(!html.contains("Bổ sung hòm thư góp ý tại nhà văn hóa"));
        assert!(!html.contains("/units/91001/steering"));
        assert!(
            html.contains("href=\"/units/91002/steering\""),
            "their own committee"
        );
        assert_ne!(
            call(
                &db,
                "GET",
                &format!("/steering/plans/{plan}"),
                Some(&other),
                None
            )
            .await
            .0,
            StatusCode::OK
        );

        // A grant over the whole country: what is late anywhere, and the provinces' committees.
        let id = dinh_platform::accounts::store::create_account(
            &db,
            "quantri@tinh.vn",
            "quantri@tinh.vn",
            "mat-khau-thu-2026",
            "test",
        )
        .await?;
        dinh_platform::accounts::store::grant(
            &db,
            "quantri@tinh.vn",
            Role::SystemAdmin,
            None,
            "test",
        )
        .await?;
        let admin = dinh_platform::accounts::store::principal(&db, id)
            .await?
            .unwrap();
        let html = page(&db, "/viec-cua-toi", Some(&login(&db, &admin).await)).await;
        assert!(group(&html, "overdue").contains(&href));
        assert!(!html.contains("Chuẩn bị hội nghị sơ kết"));
        assert!(html.contains("href=\"/units/91/steering\""));

        // No steering grant: nothing from this module.
        let head = person(&db, "truongthon@xamoi.vn", Role::VillageHead, "91001-01").await;
        let scope = WorkScope::load(&db, head, today).await?;
        let work = SteeringModule::new()
            .work(&db, &scope, Tr { lang: Lang::Vi })
            .await?;
        assert!(work.items.is_empty() && work.areas.is_empty());
        Ok(())
    })
    .await;
}
