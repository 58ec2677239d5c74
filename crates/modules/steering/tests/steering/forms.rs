//! The committees' forms through the router: each writes through the store, and each refusal
//! (token missing, out of scope, member outside the unit, task due before its plan, a period
//! the unit did not exist in, a bad date) names the field with nothing written.

use axum::http::StatusCode;
use dinh_steering::committees;
use dinh_steering::inspections;
use dinh_steering::meetings;
use dinh_steering::plans;
use dinh_steering::report;

use super::support::*;

fn text(body: &[u8]) -> String {
    String::from_utf8_lossy(body).into_owned()
}

/// Asserts a refusal page naming `field`, and returns its text.
fn refused(status: StatusCode, body: &[u8], field: &str) -> String {
    let page = text(body);
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{page}");
    assert!(page.contains(&format!("<code>{field}</code>")), "{page}");
    assert!(page.contains("role=\"alert\""));
    assert!(page.contains("Không có gì được ghi"));
    page
}

#[tokio::test]
async fn committee_member_plan_and_task_forms() {
    dinh_platform::testing::each_engine(&registry(), |db| {
        Box::pin(async move {
            let w = world(&db).await;
            let commune = login(&db, &w.commune_member).await;
            let province = login(&db, &w.province_member).await;
            let other = login(&db, &w.other_member).await;
            let members_uri = format!("/steering/committees/{}/members", w.commune_committee);
            let member = [
                ("full_name", "Lê Thị <Hoa>"),
                ("position", "deputy"),
                ("body", "Hội Liên hiệp Phụ nữ xã"),
                ("unit_code", "91001"),
                ("term_from", "15/07/2025"),
            ];
            let before = count(&db, "steering_members").await;
            // No token in the form: refused, nothing written.
            let (_, body) = form("", &member);
            let (s, _, _) = call(
                &db,
                "POST",
                &members_uri,
                Some(&commune),
                Some(("application/x-www-form-urlencoded", body)),
            )
            .await;
            assert_eq!(s, StatusCode::FORBIDDEN);
            // Another commune's member: out of scope.
            let (s, _, _) = call(
                &db,
                "POST",
                &members_uri,
                Some(&other),
                Some(form(&other.1, &member)),
            )
            .await;
            assert_eq!(s, StatusCode::FORBIDDEN);
            // A body outside the commune.
            let mut outside = member;
            outside[3] = ("unit_code", "91002");
            let (s, b, _) = call(
                &db,
                "POST",
                &members_uri,
                Some(&commune),
                Some(form(&commune.1, &outside)),
            )
            .await;
            let page = refused(s, &b, "unit_code");
            assert!(
                page.contains("Đơn vị của cơ quan"),
                "the field's Vietnamese name"
            );
            // A date that does not exist.
            let mut bad_date = member;
            bad_date[4] = ("term_from", "31/02/2026");
            let (s, b, _) = call(
                &db,
                "POST",
                &members_uri,
                Some(&commune),
                Some(form(&commune.1, &bad_date)),
            )
            .await;
            refused(s, &b, "term_from");
            assert_eq!(count(&db, "steering_members").await, before);
            // Accepted: back to the committee page, which shows the member escaped.
            let (s, _, _) = call(
                &db,
                "POST",
                &members_uri,
                Some(&commune),
                Some(form(&commune.1, &member)),
            )
            .await;
            assert_eq!(s, StatusCode::SEE_OTHER);
            assert_eq!(count(&db, "steering_members").await, before + 1);
            let (_, b, _) = call(&db, "GET", "/units/91001/steering", Some(&commune), None).await;
            let page = text(&b);
            assert!(
                page.contains("Lê Thị &#60;Hoa&#62;") || page.contains("Lê Thị &lt;Hoa&gt;"),
                "escaped"
            );
            assert!(page.contains(&format!(
                "action=\"/steering/committees/{}/plans\"",
                w.commune_committee
            )));

            // Setting up a committee: not at a thôn; at an old commune for its past.
            let old_a = old(&db, "91001", "Xã Cũ An").await;
            let setup = [
                ("name", "Ban Chỉ đạo xã Cũ An"),
                ("parent_body", "Đảng ủy xã Cũ An"),
                ("standing_body", "Khối Dân vận"),
                ("decision_number", "05-QĐ/ĐU"),
                ("established_on", "02/01/2024"),
            ];
            let before = count(&db, "steering_committees").await;
            let (s, b, _) = call(
                &db,
                "POST",
                "/units/91001-01/steering",
                Some(&province),
                Some(form(&province.1, &setup)),
            )
            .await;
            refused(s, &b, "unit");
            let uri = format!("/units/{}/steering", old_a.code);
            let (s, _, _) = call(
                &db,
                "POST",
                &uri,
                Some(&province),
                Some(form(&province.1, &setup)),
            )
            .await;
            assert_eq!(s, StatusCode::SEE_OTHER);
            let (s, b, _) = call(
                &db,
                "POST",
                &uri,
                Some(&province),
                Some(form(&province.1, &setup)),
            )
            .await;
            refused(s, &b, "unit");
            assert_eq!(count(&db, "steering_committees").await, before + 1);

            // A plan, then its tasks assigned down.
            let plans_uri = format!("/steering/committees/{}/plans", w.province_committee);
            let (s, _, _) = call(
                &db,
                "POST",
                &plans_uri,
                Some(&province),
                Some(form(
                    &province.1,
                    &[
                        ("kind", "half"),
                        ("title", "Kế hoạch 6 tháng cuối năm 2026"),
                        ("period_from", "01/07/2026"),
                        ("period_to", "31/12/2026"),
                    ],
                )),
            )
            .await;
            assert_eq!(s, StatusCode::SEE_OTHER);
            let plan = plans::plans(&db, w.province_committee).await?.remove(0);
            let tasks_uri = format!("/steering/plans/{}/tasks", plan.id);
            let before = count(&db, "steering_tasks").await;
            let task = |due: &'static str| {
                [
                    ("content", "Kiện toàn Ban Chỉ đạo cấp xã"),
                    ("owner", "Ban Dân vận Tỉnh ủy"),
                    ("due_on", due),
                    ("assign_to", "91001"),
                    ("assign_to", "91002"),
                ]
            };
            let (s, b, _) = call(
                &db,
                "POST",
                &tasks_uri,
                Some(&province),
                Some(form(&province.1, &task("30/06/2026"))),
            )
            .await;
            let page = refused(s, &b, "due_on");
            assert!(page.contains("Hạn hoàn thành"));
            let (s, _, _) = call(
                &db,
                "POST",
                &tasks_uri,
                Some(&commune),
                Some(form(&commune.1, &task("30/09/2026"))),
            )
            .await;
            assert_eq!(
                s,
                StatusCode::FORBIDDEN,
                "a commune member may not add to the province's plan"
            );
            assert_eq!(count(&db, "steering_tasks").await, before);
            let (s, _, _) = call(
                &db,
                "POST",
                &tasks_uri,
                Some(&province),
                Some(form(&province.1, &task("30/09/2026"))),
            )
            .await;
            assert_eq!(s, StatusCode::SEE_OTHER);
            assert_eq!(
                count(&db, "steering_tasks").await,
                before + 3,
                "the task and a copy in each commune"
            );
            let (_, b, _) = call(
                &db,
                "GET",
                &format!("/steering/plans/{}", plan.id),
                Some(&province),
                None,
            )
            .await;
            let page = text(&b);
            assert!(page.contains("Kiện toàn Ban Chỉ đạo cấp xã"));
            assert!(page.contains("name=\"assign_to\" value=\"91002\""));
            // The commune reports progress with an evidence link on its copy.
            let copy = plans::plans(&db, w.commune_committee).await?.remove(0);
            let t = plans::tasks(&db, copy.id, d(2026, 8, 1)).await?.remove(0);
            let (s, _, _) = call(
                &db,
                "POST",
                &format!("/steering/tasks/{}/progress", t.id),
                Some(&commune),
                Some(form(
                    &commune.1,
                    &[
                        ("progress", "50"),
                        ("note", "Đã trình quyết định"),
                        ("evidence_url", "https://xamoi.example/qd"),
                        ("noted_on", "2026-08-01"),
                    ],
                )),
            )
            .await;
            assert_eq!(s, StatusCode::SEE_OTHER);
            assert_eq!(
                plans::tasks(&db, copy.id, d(2026, 8, 1)).await?[0].progress,
                50
            );
            assert!(committees::of_unit(&db, old_a.id).await?.is_some());
            Ok(())
        })
    })
    .await;
}

#[tokio::test]
async fn meeting_inspection_report_and_news_forms() {
    dinh_platform::testing::each_engine(&registry(), |db| {
        Box::pin(async move {
            let w = world(&db).await;
            let commune = login(&db, &w.commune_member).await;
            let province = login(&db, &w.province_member).await;
            let sys = dinh_steering::Actor::System("test");
            let plan = plans::create_plan(
                &db,
                sys,
                w.province_committee,
                plans::NewPlan {
                    kind: "year".into(),
                    title: "Kế hoạch năm 2026".into(),
                    period_from: d(2026, 1, 1),
                    period_to: d(2026, 12, 31),
                },
            )
            .await?;
            // A quarterly briefing whose two conclusions become tasks; a bad due date first.
            let uri = format!("/steering/committees/{}/meetings", w.province_committee);
            let plan_id = plan.to_string();
            let meeting = |due: &'static str| {
                vec![
                    ("kind", "briefing"),
                    ("title", "Giao ban quý III/2026"),
                    ("held_on", "25/09/2026"),
                    ("held_at", "08:00"),
                    ("place", "Hội trường Tỉnh ủy"),
                    ("chaired_by", "Đồng chí Trưởng Ban"),
                    ("agenda", "Đánh giá quý III"),
                    ("attendees", "Thành viên Ban Chỉ đạo"),
                    ("minutes", "Biên bản"),
                    ("plan_id", "PLAN"),
                    ("conclusion_1", "Tổ chức đối thoại với Nhân dân"),
                    ("conclusion_owner_1", "UBND xã"),
                    ("conclusion_due_1", due),
                    ("conclusion_assign_1", "91001"),
                    ("conclusion_2", "Rà soát công khai ngân sách"),
                    ("conclusion_owner_2", "Ban Dân vận"),
                    ("conclusion_due_2", "30/11/2026"),
                ]
            };
            let with_plan = |v: Vec<(&'static str, &'static str)>| -> Vec<(String, String)> {
                v.into_iter()
                    .map(|(k, x)| {
                        (
                            k.to_owned(),
                            if x == "PLAN" {
                                plan_id.clone()
                            } else {
                                x.to_owned()
                            },
                        )
                    })
                    .collect()
            };
            let owned = with_plan(meeting("31/13/2026"));
            let pairs: Vec<(&str, &str)> = owned
                .iter()
                .map(|(k, v)| (k.as_str(), v.as_str()))
                .collect();
            let before = (
                count(&db, "steering_meetings").await,
                count(&db, "steering_tasks").await,
            );
            let (s, b, _) = call(
                &db,
                "POST",
                &uri,
                Some(&province),
                Some(form(&province.1, &pairs)),
            )
            .await;
            refused(s, &b, "conclusions");
            assert_eq!(
                (
                    count(&db, "steering_meetings").await,
                    count(&db, "steering_tasks").await
                ),
                before
            );
            let owned = with_plan(meeting("31/10/2026"));
            let pairs: Vec<(&str, &str)> = owned
                .iter()
                .map(|(k, v)| (k.as_str(), v.as_str()))
                .collect();
            let (s, _, _) = call(
                &db,
                "POST",
                &uri,
                Some(&province),
                Some(form(&province.1, &pairs)),
            )
            .await;
            assert_eq!(s, StatusCode::SEE_OTHER);
            assert_eq!(count(&db, "steering_meetings").await, before.0 + 1);
            assert_eq!(
                count(&db, "steering_tasks").await,
                before.1 + 3,
                "two conclusions, one copied down"
            );
            // Published as news from the committee page.
            let m = meetings::list(&db, w.province_committee).await?.remove(0);
            let (s, _, _) = call(
                &db,
                "POST",
                &format!("/steering/meetings/{}/publish", m.id),
                Some(&province),
                Some(form(&province.1, &[])),
            )
            .await;
            assert_eq!(s, StatusCode::SEE_OTHER);
            assert!(
                meetings::by_id(&db, m.id)
                    .await?
                    .unwrap()
                    .published_at
                    .is_some()
            );

            // An inspection of the commune with a recommendation, answered by the commune.
            let uri = format!("/steering/committees/{}/inspections", w.province_committee);
            let inspection = |target: &'static str| {
                [
                    ("target_unit_code", target),
                    ("planned_on", "10/10/2026"),
                    ("subject", "Thực hiện công khai"),
                    ("findings", "Chưa niêm yết đủ 30 ngày"),
                    ("recommendation_1", "Niêm yết lại"),
                    ("recommendation_due_1", "31/10/2026"),
                ]
            };
            let before = count(&db, "steering_inspections").await;
            let (s, b, _) = call(
                &db,
                "POST",
                &uri,
                Some(&province),
                Some(form(&province.1, &inspection("91"))),
            )
            .await;
            refused(s, &b, "target_unit_code");
            assert_eq!(count(&db, "steering_inspections").await, before);
            let (s, _, _) = call(
                &db,
                "POST",
                &uri,
                Some(&province),
                Some(form(&province.1, &inspection("91001"))),
            )
            .await;
            assert_eq!(s, StatusCode::SEE_OTHER);
            let rec = inspections::received(&db, w.commune_committee)
                .await?
                .remove(0);
            let (_, b, _) = call(&db, "GET", "/units/91001/steering", Some(&commune), None).await;
            assert!(text(&b).contains(&format!("/steering/recommendations/{}/answer", rec.id)));
            let answer_uri = format!("/steering/recommendations/{}/answer", rec.id);
            let (s, b, _) = call(
                &db,
                "POST",
                &answer_uri,
                Some(&commune),
                Some(form(
                    &commune.1,
                    &[
                        ("back", "/units/91001/steering"),
                        ("answer", "Đã niêm yết lại"),
                        ("answered_on", ""),
                    ],
                )),
            )
            .await;
            refused(s, &b, "answered_on");
            let (s, _, _) = call(
                &db,
                "POST",
                &answer_uri,
                Some(&commune),
                Some(form(
                    &commune.1,
                    &[
                        ("back", "/units/91001/steering"),
                        ("answer", "Đã niêm yết lại"),
                        ("answered_on", "20/10/2026"),
                    ],
                )),
            )
            .await;
            assert_eq!(s, StatusCode::SEE_OTHER);
            assert!(
                inspections::received(&db, w.commune_committee).await?[0]
                    .answered_on
                    .is_some()
            );

            // A report for a period the commune did not exist in, then one it did; sign-off.
            let uri = format!("/steering/committees/{}/reports", w.commune_committee);
            let before = count(&db, "steering_reports").await;
            let (s, b, _) = call(
                &db,
                "POST",
                &uri,
                Some(&commune),
                Some(form(
                    &commune.1,
                    &[
                        ("kind", "half"),
                        ("year", "2025"),
                        ("part", "1"),
                        ("number", "01-BC/BCĐ"),
                    ],
                )),
            )
            .await;
            refused(s, &b, "period");
            assert_eq!(count(&db, "steering_reports").await, before);
            let (s, _, _) = call(
                &db,
                "POST",
                &uri,
                Some(&commune),
                Some(form(
                    &commune.1,
                    &[
                        ("kind", "half"),
                        ("year", "2026"),
                        ("part", "1"),
                        ("number", "02-BC/BCĐ"),
                    ],
                )),
            )
            .await;
            assert_eq!(s, StatusCode::SEE_OTHER);
            let r = report::list(&db, w.commune_committee).await?.remove(0);
            let (s, _, _) = call(
                &db,
                "POST",
                &format!("/steering/reports/{}/revise", r.id),
                Some(&commune),
                Some(form(
                    &commune.1,
                    &[
                        ("results", "Kết quả nổi bật"),
                        ("limitations", "Hạn chế"),
                        ("tasks_ahead", "Nhiệm vụ"),
                    ],
                )),
            )
            .await;
            assert_eq!(s, StatusCode::SEE_OTHER);
            let head = committees::members(&db, w.commune_committee)
                .await?
                .into_iter()
                .find(|m| m.position == "head")
                .unwrap();
            let (_, b, _) = call(
                &db,
                "GET",
                &format!("/steering/reports/{}", r.id),
                Some(&commune),
                None,
            )
            .await;
            let page = text(&b);
            assert!(
                page.contains(&format!("/steering/reports/{}/sign", r.id)),
                "the sign-off form"
            );
            let head_id = head.id.to_string();
            let sign_uri = format!("/steering/reports/{}/sign", r.id);
            let (s, b, _) = call(
                &db,
                "POST",
                &sign_uri,
                Some(&commune),
                Some(form(
                    &commune.1,
                    &[("signer_member_id", &head_id), ("signed_on", "hôm qua")],
                )),
            )
            .await;
            refused(s, &b, "signed_on");
            assert_eq!(
                report::list(&db, w.commune_committee).await?[0].signed_version,
                None
            );
            let (s, _, _) = call(
                &db,
                "POST",
                &sign_uri,
                Some(&commune),
                Some(form(
                    &commune.1,
                    &[("signer_member_id", &head_id), ("signed_on", "05/07/2026")],
                )),
            )
            .await;
            assert_eq!(s, StatusCode::SEE_OTHER);
            assert_eq!(
                report::list(&db, w.commune_committee).await?[0].signed_version,
                Some(2)
            );
            Ok(())
        })
    })
    .await;
}
