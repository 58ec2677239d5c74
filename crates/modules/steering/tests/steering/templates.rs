//! Task templates for recurring work instantiated into a plan (due dates from its period,
//! copies to lower committees), through the store, the form and the API; and the reminders
//! of tasks due soon or overdue on the committee's page.

use axum::http::StatusCode;
use dinh_steering::Actor;
use dinh_steering::plans::{self, NewPlan, NewTask, templates};

use super::support::*;

#[tokio::test]
async fn templates_fill_a_plan_and_reminders_show_what_is_due() {
    dinh_platform::testing::each_engine(&registry(), |db| {
        Box::pin(async move {
            let w = world(&db).await;
            let sys = Actor::System("test");
            let plan = plans::create_plan(
                &db,
                sys,
                w.province_committee,
                NewPlan {
                    kind: "half".into(),
                    title: "Kế hoạch 6 tháng cuối năm 2026".into(),
                    period_from: d(2026, 7, 1),
                    period_to: d(2026, 12, 31),
                },
            )
            .await?;
            // Through the store: the yearly review's four tasks, one of them copied to both communes.
            let before = count(&db, "steering_tasks").await;
            let ids = templates::instantiate(
                &db,
                Actor::Person(&w.province_member),
                plan,
                "yearly_review",
            )
            .await?;
            assert_eq!(ids.len(), 4);
            assert_eq!(count(&db, "steering_tasks").await, before + 4 + 2);
            let tasks = plans::tasks(&db, plan, d(2026, 7, 2)).await?;
            let first = tasks
                .iter()
                .find(|t| t.content.starts_with("Ban hành đề cương"))
                .unwrap();
            assert_eq!(first.due_on, "2026-11-16", "45 days before the period ends");
            let down = tasks.iter().find(|t| !t.lower.is_empty()).unwrap();
            assert_eq!(down.lower.len(), 2);
            // Refused: an unknown template, and a member of a commune; nothing written.
            let before = count(&db, "steering_tasks").await;
            let e = templates::instantiate(&db, sys, plan, "no_such")
                .await
                .unwrap_err();
            assert_eq!(field(e), "template");
            assert!(
                templates::instantiate(
                    &db,
                    Actor::Person(&w.commune_member),
                    plan,
                    "reception_plans"
                )
                .await
                .is_err()
            );
            assert_eq!(count(&db, "steering_tasks").await, before);

            // Through the form and the API.
            let province = login(&db, &w.province_member).await;
            let uri = format!("/steering/plans/{plan}/template");
            let (s, b, _) = call(
                &db,
                "POST",
                &uri,
                Some(&province),
                Some(form(&province.1, &[("template", "nonsense")])),
            )
            .await;
            assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY);
            assert!(String::from_utf8_lossy(&b).contains("<code>template</code>"));
            let (s, _, _) = call(
                &db,
                "POST",
                &uri,
                Some(&province),
                Some(form(&province.1, &[("template", "consolidate_lower")])),
            )
            .await;
            assert_eq!(s, StatusCode::SEE_OTHER);
            assert_eq!(count(&db, "steering_tasks").await, before + 2 + 2);
            let (s, b, _) = call(&db, "GET", "/api/v1/steering/task-templates", None, None).await;
            assert_eq!(s, StatusCode::OK);
            assert!(String::from_utf8_lossy(&b).contains("reception_plans"));
            let (s, b, _) = call(
                &db,
                "POST",
                &format!("/api/v1/steering/plans/{plan}/template"),
                Some(&province),
                Some((
                    "application/json",
                    r#"{"template":"half_year_review"}"#.to_owned(),
                )),
            )
            .await;
            assert_eq!(s, StatusCode::OK, "{}", String::from_utf8_lossy(&b));
            let (_, b, _) = call(
                &db,
                "GET",
                &format!("/steering/plans/{plan}"),
                Some(&province),
                None,
            )
            .await;
            assert!(String::from_utf8_lossy(&b).contains("Tổng kết năm thực hiện dân chủ ở cơ sở"));

            // Reminders: a task of the commune overdue, one due in three days, one far off, in
            // a plan around today (the committee's page reads the real date).
            let today = dinh_platform::time::today_vn();
            let day = |n: i64| today + chrono::Duration::days(n);
            let own = plans::create_plan(
                &db,
                sys,
                w.commune_committee,
                NewPlan {
                    kind: "year".into(),
                    title: "Kế hoạch năm".into(),
                    period_from: day(-180),
                    period_to: day(180),
                },
            )
            .await?;
            for (content, due) in [
                ("Việc quá hạn", day(-2)),
                ("Việc sắp đến hạn", day(3)),
                ("Việc còn xa", day(30)),
            ] {
                plans::add_task(
                    &db,
                    sys,
                    own,
                    NewTask {
                        content: content.into(),
                        owner: "Văn phòng".into(),
                        due_on: Some(due),
                        assign_to: vec![],
                    },
                )
                .await?;
            }
            let r = plans::reminders(&db, w.commune_committee, today).await?;
            assert!(r.overdue.iter().any(|t| t.content == "Việc quá hạn"));
            assert!(r.due_soon.iter().any(|t| t.content == "Việc sắp đến hạn"));
            assert!(
                r.overdue
                    .iter()
                    .chain(&r.due_soon)
                    .all(|t| t.content != "Việc còn xa")
            );
            let commune = login(&db, &w.commune_member).await;
            let (_, b, _) = call(&db, "GET", "/units/91001/steering", Some(&commune), None).await;
            let page = String::from_utf8_lossy(&b).into_owned();
            assert!(page.contains("Sắp đến hạn") && page.contains("Việc sắp đến hạn"));
            assert!(!page.contains("Việc còn xa"));
            Ok(())
        })
    })
    .await;
}
