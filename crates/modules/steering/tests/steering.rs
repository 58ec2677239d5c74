//! Steering committees on SQLite and, when `DINH_TEST_POSTGRES_URL` is set, PostgreSQL:
//! committees and members, cascaded tasks and who is late, review reports from the registry
//! (roll-up, previous period, lineage, missing data), versions and sign-off, documents,
//! meetings whose conclusions become tasks, inspections, news, and the web.
#![allow(clippy::unwrap_used, clippy::expect_used, missing_docs)]

mod support;

use axum::body::Body;
use axum::http::{Request, StatusCode, header};
use dinh_platform::config::Config;
use dinh_platform::web::{AppState, router};
use http_body_util::BodyExt;
use tower::ServiceExt;

use chrono::NaiveDate;
use dinh_platform::accounts::Denied;
use dinh_platform::units::store as units;
use dinh_steering::committees::{self, Position};
use dinh_steering::meetings::{self, Conclusion, NewMeeting};
use dinh_steering::plans::{self, NewTask, Progress};
use dinh_steering::report::{self, Narrative, NewReport, ReportPeriod};
use dinh_steering::{Actor, StoreError, inspections};
use support::*;

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

fn field(e: StoreError) -> &'static str {
    match e {
        StoreError::Invalid { field, .. } => field,
        other => panic!("expected a field error, got {other:?}"),
    }
}

#[tokio::test]
async fn committees_and_members_are_validated() {
    dinh_platform::testing::each_engine(&registry(), |db| async move {
        let w = world(&db).await;
        let village = units::by_code(&db, "91001-01").await?.unwrap();
        let e = committees::create(&db, Actor::System("test"), &village, new_committee("x"))
            .await
            .unwrap_err();
        assert_eq!(field(e), "unit");
        let e = committees::create(&db, Actor::System("test"), &w.province, new_committee("x"))
            .await
            .unwrap_err();
        assert_eq!(field(e), "unit", "one committee per unit");
        // A member of another commune's body is outside a commune committee.
        let before = count(&db, "steering_members").await;
        let e = committees::add_member(
            &db,
            Actor::Person(&w.province_member),
            w.commune_committee,
            member("Lê Văn Ngoài", Position::Member, "91002"),
        )
        .await
        .unwrap_err();
        assert_eq!(field(e), "unit_code");
        // A second head for the same term.
        let e = committees::add_member(
            &db,
            Actor::Person(&w.commune_member),
            w.commune_committee,
            member("Phạm Văn Hai", Position::Head, "91001"),
        )
        .await
        .unwrap_err();
        assert_eq!(field(e), "position");
        // Someone of another commune may not touch this committee.
        let e = committees::add_member(
            &db,
            Actor::Person(&w.other_member),
            w.commune_committee,
            member("Đỗ Thị Ba", Position::Member, "91001"),
        )
        .await
        .unwrap_err();
        assert!(matches!(e, StoreError::Denied(Denied::OutOfScope)));
        assert_eq!(count(&db, "steering_members").await, before);
        // A village's Front work team member sits below the commune: accepted.
        committees::add_member(
            &db,
            Actor::Person(&w.commune_member),
            w.commune_committee,
            member("Đỗ Thị Ba", Position::Member, "91001-01"),
        )
        .await?;
        let list = committees::members(&db, w.commune_committee).await?;
        assert_eq!(list.first().unwrap().position, "head");
        assert_eq!(list.len(), 3);
        Ok(())
    })
    .await;
}

#[tokio::test]
async fn tasks_cascade_down_and_progress_rolls_up() {
    dinh_platform::testing::each_engine(&registry(), |db| async move {
        let w = world(&db).await;
        let plan = plans::create_plan(
            &db,
            Actor::Person(&w.province_member),
            w.province_committee,
            plans::NewPlan {
                kind: "half".into(),
                title: "Kế hoạch 6 tháng cuối năm 2026".into(),
                period_from: d(2026, 7, 1),
                period_to: d(2026, 12, 31),
            },
        )
        .await?;
        let tasks_before = count(&db, "steering_tasks").await;
        let audit_before = count(&db, "audit_log").await;
        let task = |due, to: Vec<&str>| NewTask {
            content: "Rà soát, kiện toàn Ban Chỉ đạo cấp xã".into(),
            owner: "Ban Dân vận Tỉnh ủy".into(),
            due_on: due,
            assign_to: to.into_iter().map(str::to_owned).collect(),
        };
        let actor = Actor::Person(&w.province_member);
        let e = plans::add_task(&db, actor, plan, task(Some(d(2026, 6, 30)), vec!["91001"]))
            .await
            .unwrap_err();
        assert_eq!(field(e), "due_on", "due before the plan starts");
        let e = plans::add_task(
            &db,
            actor,
            plan,
            task(Some(d(2026, 9, 30)), vec!["91001", "99999"]),
        )
        .await
        .unwrap_err();
        assert_eq!(field(e), "assign_to");
        let e = plans::add_task(
            &db,
            Actor::Person(&w.commune_member),
            plan,
            task(Some(d(2026, 9, 30)), vec![]),
        )
        .await
        .unwrap_err();
        assert!(
            matches!(e, StoreError::Denied(_)),
            "a commune member may not write the province plan"
        );
        assert_eq!(count(&db, "steering_tasks").await, tasks_before);
        assert_eq!(count(&db, "audit_log").await, audit_before);

        let id = plans::add_task(
            &db,
            actor,
            plan,
            task(Some(d(2026, 9, 30)), vec!["91001", "91002"]),
        )
        .await?;
        // Each commune got a copy in a plan of the same period.
        let commune_plans = plans::plans(&db, w.commune_committee).await?;
        assert_eq!(commune_plans.len(), 1);
        let copies = plans::tasks(&db, commune_plans[0].id, d(2026, 8, 1)).await?;
        assert_eq!(copies.len(), 1);
        assert_eq!(copies[0].parent_task_id, Some(id));

        // Commune 1 reports 100 %, commune 2 nothing; the officer of commune 2 may not report for commune 1.
        let e = plans::record_progress(
            &db,
            Actor::Person(&w.other_member),
            copies[0].id,
            progress(100),
        )
        .await
        .unwrap_err();
        assert!(matches!(e, StoreError::Denied(_)));
        let e = plans::record_progress(&db, Actor::Person(&w.officer), copies[0].id, progress(120))
            .await
            .unwrap_err();
        assert_eq!(field(e), "progress");
        plans::record_progress(&db, Actor::Person(&w.officer), copies[0].id, progress(100)).await?;

        let view = plans::tasks(&db, plan, d(2026, 10, 15)).await?;
        let t = &view[0];
        assert_eq!(t.lower.len(), 2);
        assert_eq!(t.progress, 50, "mean of the lower committees");
        let late: Vec<_> = t
            .lower
            .iter()
            .filter(|l| l.late)
            .map(|l| l.unit_code.as_str())
            .collect();
        assert_eq!(late, vec!["91002"]);
        // The province sees who is late, across its subtree.
        let province = committees::by_id(&db, w.province_committee).await?.unwrap();
        let late = plans::late(&db, &province, d(2026, 10, 15)).await?;
        assert!(late.iter().any(|l| l.unit_code == "91002"));
        assert!(!late.iter().any(|l| l.unit_code == "91001"));
        Ok(())
    })
    .await;
}

fn progress(p: i64) -> Progress {
    Progress {
        noted_on: d(2026, 9, 20),
        progress: p,
        note: "Đã ban hành quyết định kiện toàn".into(),
        evidence_url: "https://phudong.example/qd-12".into(),
    }
}

#[tokio::test]
async fn review_figures_roll_up_compare_and_follow_lineage() {
    dinh_platform::testing::each_engine(&registry(), |db| async move {
        let w = world(&db).await;
        let reg = registry();
        let old_a = old(&db, "91001", "Xã Cũ An").await;
        let old_b = old(&db, "91001", "Xã Cũ Bình").await;
        let merged_in = old(&db, "91001", "Xã Cũ Đông").await;
        let gone_district = units::by_id(&db, old_a.parent_id.unwrap()).await?.unwrap();
        // 2024: 3 events in An (2 ok), 1 in Bình. H1 2025: 2 in Bình, 1 in Đông (from the old province).
        event(&db, old_a.id, d(2024, 3, 1), true).await;
        event(&db, old_a.id, d(2024, 5, 1), true).await;
        event(&db, old_a.id, d(2024, 8, 1), false).await;
        event(&db, old_b.id, d(2024, 9, 1), true).await;
        event(&db, old_b.id, d(2025, 2, 1), true).await;
        event(&db, old_b.id, d(2025, 3, 1), false).await;
        event(&db, merged_in.id, d(2025, 4, 1), true).await;
        // H2 2025 in the new commune's thôn.
        let thon = units::by_code(&db, "91001-01").await?.unwrap();
        event(&db, thon.id, d(2025, 9, 1), true).await;
        event(&db, thon.id, d(2025, 10, 1), true).await;

        // A 2024 report of a district that no longer exists.
        let f = report::figures_for(&db, &reg, &gone_district, ReportPeriod::year(2024)?).await?;
        let events = f.rows.iter().find(|r| r.key == "fake.events").unwrap();
        assert_eq!(events.value, Some(4.0));
        assert_eq!(events.previous, None, "no data in 2023: missing, not zero");
        assert_eq!(f.lower.len(), 3, "its communes");
        // Every indicator of every module is listed: the disclosure module's too (no data here).
        assert!(
            f.rows
                .iter()
                .any(|r| r.key == "disclosure.on_time_rate" && r.value.is_none())
        );
        assert!(f.rows.iter().any(|r| r.key == "fake.ok_rate"));

        // Periods that do not exist for a unit.
        let e = report::figures_for(&db, &reg, &gone_district, ReportPeriod::year(2026)?)
            .await
            .unwrap_err();
        assert_eq!(field(e), "period");
        let e = report::figures_for(&db, &reg, &w.commune, ReportPeriod::half(2025, 1)?)
            .await
            .unwrap_err();
        assert_eq!(field(e), "period");

        // The new commune's 2025: its own H2 plus what its three predecessors had in H1.
        let f = report::figures_for(&db, &reg, &w.commune, ReportPeriod::year(2025)?).await?;
        let events = f.rows.iter().find(|r| r.key == "fake.events").unwrap();
        assert_eq!(events.value, Some(5.0));
        assert_eq!(
            events.previous,
            Some(4.0),
            "2024 inherited from the old communes"
        );
        assert_eq!(f.inherited.len(), 3);
        let rate = f.rows.iter().find(|r| r.key == "fake.ok_rate").unwrap();
        assert!(rate.approximate);
        // Thôn rows: the first thôn has 2, the others no data.
        assert_eq!(f.lower[0].code, "91001-01");
        assert_eq!(f.lower[0].values[idx(&f, "fake.events")], Some(2.0));
        assert_eq!(f.lower[1].values[idx(&f, "fake.events")], None);

        // The province's 2025 includes the commune merged in from the old province.
        let f = report::figures_for(&db, &reg, &w.province, ReportPeriod::year(2025)?).await?;
        let events = f.rows.iter().find(|r| r.key == "fake.events").unwrap();
        assert_eq!(events.value, Some(5.0));
        assert_eq!(
            f.inherited.len(),
            1,
            "the old province merged in, counted once"
        );
        assert_eq!(f.inherited[0].name, "Tỉnh Cũ");
        let c = f.lower.iter().find(|l| l.code == "91001").unwrap();
        assert_eq!(c.values[idx(&f, "fake.events")], Some(5.0));
        // Q4 2025 against Q3 2025.
        let f = report::figures_for(&db, &reg, &w.commune, ReportPeriod::quarter(2025, 4)?).await?;
        let events = f.rows.iter().find(|r| r.key == "fake.events").unwrap();
        assert_eq!((events.value, events.previous), (Some(1.0), Some(1.0)));
        Ok(())
    })
    .await;
}

fn idx(f: &report::Figures, key: &str) -> usize {
    f.rows.iter().position(|r| r.key == key).unwrap()
}

#[tokio::test]
async fn reports_are_versioned_signed_off_and_exported() {
    dinh_platform::testing::each_engine(&registry(), |db| async move {
        let w = world(&db).await;
        let reg = registry();
        let thon = units::by_code(&db, "91001-01").await?.unwrap();
        event(&db, thon.id, d(2026, 2, 1), true).await;
        let actor = Actor::Person(&w.commune_member);
        let before = count(&db, "steering_reports").await;
        let bad = NewReport {
            period: ReportPeriod::year(2024)?,
            number: "01-BC/BCĐ".into(),
            narrative: Narrative::default(),
        };
        let e = report::create(&db, &reg, actor, w.commune_committee, bad)
            .await
            .unwrap_err();
        assert_eq!(field(e), "period");
        assert_eq!(count(&db, "steering_reports").await, before);
        let e = report::create(
            &db,
            &reg,
            Actor::Person(&w.other_member),
            w.commune_committee,
            NewReport {
                period: ReportPeriod::half(2026, 1)?,
                number: "01-BC/BCĐ".into(),
                narrative: Narrative::default(),
            },
        )
        .await
        .unwrap_err();
        assert!(matches!(e, StoreError::Denied(_)));

        let id = report::create(
            &db,
            &reg,
            actor,
            w.commune_committee,
            NewReport {
                period: ReportPeriod::half(2026, 1)?,
                number: "05-BC/BCĐ".into(),
                narrative: Narrative {
                    results: "Các thôn tổ chức hội nghị đầy đủ.".into(),
                    limitations: "Việc niêm yết công khai còn mang tính hình thức.".into(),
                    tasks_ahead: "Tổ chức giao ban quý III.".into(),
                },
            },
        )
        .await?;
        event(&db, thon.id, d(2026, 3, 1), false).await;
        let v2 = report::revise(
            &db,
            &reg,
            actor,
            id,
            Narrative {
                results: "Bổ sung: 2 hội nghị.".into(),
                ..Narrative::default()
            },
            true,
        )
        .await?;
        assert_eq!(v2, 2);
        let r1 = report::load(&db, id, Some(1)).await?;
        let r2 = report::load(&db, id, None).await?;
        let ev = |r: &report::Report| {
            r.version
                .figures
                .rows
                .iter()
                .find(|x| x.key == "fake.events")
                .unwrap()
                .value
        };
        assert_eq!(ev(&r1), Some(1.0), "version 1 keeps its figures");
        assert_eq!(ev(&r2), Some(2.0));

        let members = committees::members(&db, w.commune_committee).await?;
        let head = members.iter().find(|m| m.position == "head").unwrap();
        let plain = members.iter().find(|m| m.position == "member").unwrap();
        let e = report::sign_off(&db, actor, id, plain.id, d(2026, 7, 5))
            .await
            .unwrap_err();
        assert_eq!(field(e), "signer");
        let e = report::sign_off(&db, actor, id, head.id, d(2026, 6, 20))
            .await
            .unwrap_err();
        assert_eq!(field(e), "signed_on");
        let e = report::sign_off(&db, Actor::Person(&w.officer), id, head.id, d(2026, 7, 5))
            .await
            .unwrap_err();
        assert!(
            matches!(e, StoreError::Denied(_)),
            "a commune officer does not sign"
        );
        report::sign_off(&db, actor, id, head.id, d(2026, 7, 5)).await?;
        let e = report::sign_off(&db, actor, id, head.id, d(2026, 7, 6))
            .await
            .unwrap_err();
        assert_eq!(field(e), "version");

        let r = report::load(&db, id, None).await?;
        assert_eq!(r.row.signed_version, Some(2));
        let doc = report::document::document(&r);
        assert_eq!(doc.kind, "BÁO CÁO");
        assert_eq!(doc.number, "Số: 05-BC/BCĐ");
        assert_eq!(doc.date, d(2026, 7, 5));
        assert_eq!(doc.signatures[0].name, "Nguyễn Văn Trưởng");
        assert!(doc.subject.contains("6 tháng đầu năm 2026"));
        let docx = doc.docx()?;
        assert!(docx.starts_with(b"PK"));
        let xlsx = report::document::figures_sheet(&r).xlsx()?;
        assert!(xlsx.starts_with(b"PK"));
        let units_sheet = report::document::lower_sheet(&r);
        assert_eq!(units_sheet.rows.len(), 2, "two thôn");
        assert_eq!(
            units_sheet.rows[1][2 + idx(&r.version.figures, "fake.events")],
            "",
            "missing stays empty"
        );
        Ok(())
    })
    .await;
}

#[tokio::test]
async fn meetings_make_tasks_and_news_and_inspections_follow_up() {
    dinh_platform::testing::each_engine(&registry(), |db| async move {
        let w = world(&db).await;
        let actor = Actor::Person(&w.province_member);
        let plan = plans::create_plan(
            &db,
            actor,
            w.province_committee,
            plans::NewPlan {
                kind: "year".into(),
                title: "Kế hoạch năm 2026".into(),
                period_from: d(2026, 1, 1),
                period_to: d(2026, 12, 31),
            },
        )
        .await?;
        let meeting = |conclusions: Vec<Conclusion>, plan_id| NewMeeting {
            kind: "review_half".into(),
            title: "Hội nghị sơ kết 6 tháng đầu năm 2026".into(),
            held_on: d(2026, 7, 9),
            held_at: "14:00".into(),
            place: "Hội trường Tỉnh ủy".into(),
            chaired_by: "Đồng chí Trưởng Ban".into(),
            agenda: "Đánh giá kết quả 6 tháng đầu năm".into(),
            attendees: "Thành viên Ban Chỉ đạo tỉnh".into(),
            minutes: "Hội nghị thống nhất 2 nhiệm vụ trọng tâm.".into(),
            plan_id,
            conclusions,
        };
        let conclusion = |due| Conclusion {
            content: "Kiểm tra việc tiếp dân của người đứng đầu cấp xã".into(),
            owner: "Ban Dân vận".into(),
            due_on: due,
            assign_to: vec!["91001".into()],
        };
        let tasks_before = count(&db, "steering_tasks").await;
        let e = meetings::record(
            &db,
            actor,
            w.province_committee,
            meeting(vec![conclusion(Some(d(2027, 1, 5)))], Some(plan)),
        )
        .await
        .unwrap_err();
        assert_eq!(field(e), "due_on");
        assert_eq!(count(&db, "steering_meetings").await, 0, "nothing written");
        assert_eq!(count(&db, "steering_tasks").await, tasks_before);
        let id = meetings::record(
            &db,
            actor,
            w.province_committee,
            meeting(vec![conclusion(Some(d(2026, 9, 30)))], Some(plan)),
        )
        .await?;
        let cs = meetings::conclusions(&db, id).await?;
        assert!(cs[0].1.is_some());
        let view = plans::tasks(&db, plan, d(2026, 8, 1)).await?;
        assert_eq!(view[0].meeting_id, Some(id));
        assert_eq!(view[0].lower.len(), 1);

        assert!(
            meetings::read_news(&db, id).await?.is_none(),
            "not yet published"
        );
        meetings::publish(&db, actor, id).await?;
        meetings::read_news(&db, id).await?;
        let m = meetings::read_news(&db, id).await?.unwrap();
        assert_eq!(m.views, 2);

        let e = inspections::create(
            &db,
            actor,
            w.province_committee,
            inspections::NewInspection {
                target_unit_code: "91".into(),
                planned_on: d(2026, 10, 1),
                subject: "Kiểm tra".into(),
                findings: String::new(),
                recommendations: vec![],
            },
        )
        .await
        .unwrap_err();
        assert_eq!(field(e), "target_unit_code");
        let insp = inspections::create(
            &db,
            actor,
            w.province_committee,
            inspections::NewInspection {
                target_unit_code: "91001".into(),
                planned_on: d(2026, 10, 1),
                subject: "Kiểm tra thực hiện QCDC ở cơ sở".into(),
                findings: "Niêm yết công khai chưa đầy đủ tại 2 thôn.".into(),
                recommendations: vec![inspections::NewRecommendation {
                    content: "Bổ sung niêm yết tại nhà văn hóa thôn".into(),
                    due_on: d(2026, 10, 31),
                }],
            },
        )
        .await?;
        assert!(insp > 0);
        let recs = inspections::recommendations(&db, w.province_committee).await?;
        assert!(recs[0].answered_on.is_none());
        let e = inspections::answer(
            &db,
            Actor::Person(&w.other_member),
            recs[0].id,
            d(2026, 10, 20),
            "Đã làm",
        )
        .await
        .unwrap_err();
        assert!(matches!(e, StoreError::Denied(_)));
        inspections::answer(
            &db,
            Actor::Person(&w.officer),
            recs[0].id,
            d(2026, 10, 20),
            "Đã niêm yết bổ sung",
        )
        .await?;
        let recs = inspections::recommendations(&db, w.province_committee).await?;
        assert_eq!(recs[0].answered_on.as_deref(), Some("2026-10-20"));
        Ok(())
    })
    .await;
}

async fn call(
    db: &dinh_platform::db::Db,
    method: &str,
    uri: &str,
    session: Option<&(String, String)>,
    body: Option<(&str, String)>,
) -> (StatusCode, Vec<u8>, String) {
    let app = router(AppState::new(db.clone(), Config::default(), registry()));
    let mut req = Request::builder().method(method).uri(uri);
    if let Some((token, csrf)) = session {
        req = req
            .header(header::COOKIE, format!("dinh_session={token}"))
            .header("x-csrf-token", csrf.as_str());
    }
    let req = match body {
        Some((ct, b)) => req
            .header(header::CONTENT_TYPE, ct)
            .body(Body::from(b))
            .unwrap(),
        None => req.body(Body::empty()).unwrap(),
    };
    let res = Box::pin(app.oneshot(req)).await.unwrap();
    let status = res.status();
    let ct = res
        .headers()
        .get(header::CONTENT_TYPE)
        .map(|v| v.to_str().unwrap().to_owned())
        .unwrap_or_default();
    (
        status,
        res.into_body().collect().await.unwrap().to_bytes().to_vec(),
        ct,
    )
}

async fn login(
    db: &dinh_platform::db::Db,
    p: &dinh_platform::accounts::Principal,
) -> (String, String) {
    let (token, s) = dinh_platform::accounts::session::create(db, Some(p.account_id), 1)
        .await
        .unwrap();
    (token, s.csrf_token)
}

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
