//! Pages and API through the router, and the demo built on the other modules' data.

use axum::http::StatusCode;
use dinh_platform::units::store as units;
use dinh_steering::Actor;
use dinh_steering::committees::{self};
use dinh_steering::meetings::{self};
use dinh_steering::plans::{self, NewTask};
use dinh_steering::report::{self, Narrative, NewReport, ReportPeriod};

use super::support::*;

#[tokio::test]
async fn pages_and_api() {
    dinh_platform::testing::each_engine(&registry(), |db| Box::pin(async move {
        let w = world(&db).await;
        let reg = registry();
        let thon = units::by_code(&db, "91001-01").await?.unwrap();
        event(&db, thon.id, d(2026, 2, 1), true).await;
        let actor = Actor::Person(&w.commune_member);
        let plan = plans::create_plan(&db, Actor::Person(&w.province_member), w.province_committee, plans::NewPlan {
            kind: "half".into(),
            title: "Kế hoạch 6 tháng đầu năm 2026".into(),
            period_from: d(2026, 1, 1),
            period_to: d(2026, 6, 30),
        })
        .await?;
        plans::add_task(&db, Actor::Person(&w.province_member), plan, NewTask {
            content: "Kiện toàn Ban Chỉ đạo".into(),
            owner: "Ban Dân vận".into(),
            due_on: Some(d(2026, 3, 31)),
            assign_to: vec!["91001".into(), "91002".into()],
        })
        .await?;
        let id = report::create(&db, &reg, actor, w.commune_committee, NewReport {
            period: ReportPeriod::half(2026, 1)?,
            number: "05-BC/BCĐ".into(),
            narrative: Narrative { results: "Kết quả tốt.".into(), ..Narrative::default() },
        })
        .await?;
        // A draft is not public.
        assert_eq!(call(&db, "GET", &format!("/steering/reports/{id}"), None, None).await.0, StatusCode::UNAUTHORIZED);
        let member = login(&db, &w.commune_member).await;
        let (s, body, _) = call(&db, "GET", &format!("/steering/reports/{id}"), Some(&member), None).await;
        assert_eq!(s, StatusCode::OK);
        let html = String::from_utf8(body)?;
        assert!(html.contains("Số sự việc"), "a module's indicator appears");
        assert!(html.contains("<svg role=\"img\""), "charts");
        assert!(html.contains("<title id=\"chart-0-t\">"), "with a text alternative");
        assert!(html.contains("Thôn Đông"), "figures by thôn");
        assert!(!html.contains("<script"), "no JavaScript");
        // A new version through the form, with the session's token.
        let form = format!("csrf={}&results=K%E1%BA%BFt+qu%E1%BA%A3+m%E1%BB%9Bi&limitations=&tasks_ahead=&refresh=1", member.1);
        let (s, _, _) = call(&db, "POST", &format!("/steering/reports/{id}/revise"), Some(&member), Some(("application/x-www-form-urlencoded", form))).await;
        assert_eq!(s, StatusCode::SEE_OTHER);
        assert_eq!(report::row(&db, id).await?.unwrap().current_version, 2);
        let bad = "csrf=wrong&results=x&limitations=&tasks_ahead=".to_owned();
        let (s, _, _) = call(&db, "POST", &format!("/steering/reports/{id}/revise"), Some(&member), Some(("application/x-www-form-urlencoded", bad))).await;
        assert_eq!(s, StatusCode::FORBIDDEN);
        for (path, magic) in [("report.docx", b"PK".as_slice()), ("figures.xlsx", b"PK"), ("units.xlsx", b"PK")] {
            let (s, body, _) = call(&db, "GET", &format!("/steering/reports/{id}/{path}"), Some(&member), None).await;
            assert_eq!(s, StatusCode::OK, "{path}");
            assert!(body.starts_with(magic), "{path}");
        }
        // The province member sees who is late on the plan page and the committee page.
        let province = login(&db, &w.province_member).await;
        let (s, body, _) = call(&db, "GET", &format!("/steering/plans/{plan}"), Some(&province), None).await;
        assert_eq!(s, StatusCode::OK);
        let html = String::from_utf8(body)?;
        assert!(html.contains("Xã Hai") && html.contains("Chậm tiến độ"));
        let (s, body, _) = call(&db, "GET", "/units/91/steering", Some(&province), None).await;
        assert_eq!(s, StatusCode::OK);
        assert!(String::from_utf8(body)?.contains("Chậm tiến độ"));
        // Public committee page: members, no work part.
        let (s, body, _) = call(&db, "GET", "/units/91001/steering", None, None).await;
        assert_eq!(s, StatusCode::OK);
        let html = String::from_utf8(body)?;
        assert!(html.contains("Nguyễn Văn Trưởng") && !html.contains("Chậm tiến độ"));
        // API: public committee, protected figures, writes with the token.
        let (s, body, _) = call(&db, "GET", "/api/v1/units/91001/steering", None, None).await;
        assert_eq!(s, StatusCode::OK);
        let json: serde_json::Value = serde_json::from_slice(&body)?;
        assert_eq!(json["members"].as_array().unwrap().len(), 2);
        assert_eq!(call(&db, "GET", "/api/v1/units/91001/steering/figures?kind=half&year=2026&number=1", None, None).await.0, StatusCode::UNAUTHORIZED);
        let (s, body, _) = call(&db, "GET", "/api/v1/units/91001/steering/figures?kind=half&year=2026&number=1", Some(&member), None).await;
        assert_eq!(s, StatusCode::OK);
        let json: serde_json::Value = serde_json::from_slice(&body)?;
        assert!(json["rows"].as_array().unwrap().iter().any(|r| r["key"] == "fake.events" && r["value"] == 1.0));
        let (s, _, _) = call(&db, "GET", "/api/v1/units/91001/steering/figures?kind=year&year=2024", Some(&member), None).await;
        assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY, "2024 does not exist for the new commune");
        let body = r#"{"kind":"year","title":"Kế hoạch năm 2027","period_from":"2027-01-01","period_to":"2027-12-31"}"#.to_owned();
        let (s, _, _) = call(&db, "POST", &format!("/api/v1/steering/{}/plans", w.commune_committee), Some(&member), Some(("application/json", body))).await;
        assert_eq!(s, StatusCode::OK);
        let (_, body, _) = call(&db, "GET", "/api/openapi.json", None, None).await;
        assert!(String::from_utf8(body)?.contains("/api/v1/steering/reports/{id}/sign"));
        Ok(())
    }))
    .await;
}

#[tokio::test]
async fn the_demo_builds_on_the_other_modules_live_data() {
    dinh_platform::testing::each_engine(&registry(), |db| {
        Box::pin(async move {
            let today = d(2026, 11, 23);
            dinh_platform::demo::build(&db).await?;
            registry().demo(&db, today).await?;
            let city = units::by_code(&db, "01").await?.unwrap();
            let commune = units::by_code(&db, "00541").await?.unwrap();
            let city_c = committees::of_unit(&db, city.id).await?.unwrap();
            let commune_c = committees::of_unit(&db, commune.id).await?.unwrap();
            let plan = plans::plans(&db, city_c.id).await?.remove(0);
            let tasks = plans::tasks(&db, plan.id, today).await?;
            assert_eq!(tasks.len(), 9);
            assert!(tasks.iter().all(|t| t.lower.len() == 2));
            assert!(
                !plans::late(&db, &city_c, today).await?.is_empty(),
                "someone is late"
            );
            let reports = report::list(&db, commune_c.id).await?;
            assert_eq!(reports.len(), 1);
            assert_eq!(reports[0].signed_version, Some(1));
            let r = report::load(&db, reports[0].id, None).await?;
            assert_eq!(r.version.figures.period, ReportPeriod::half(2026, 1)?);
            assert!(
                r.version
                    .figures
                    .rows
                    .iter()
                    .any(|row| row.key.starts_with("disclosure."))
            );
            assert_eq!(r.version.figures.lower.len(), 10, "ten thôn and tổ dân phố");
            let ms = meetings::list(&db, commune_c.id).await?;
            assert!(
                ms.iter()
                    .any(|m| m.kind == "review_half" && m.published_at.is_some())
            );
            assert!(ms.iter().any(|m| m.kind == "briefing"));
            Ok(())
        })
    })
    .await;
}
