//! Meetings whose conclusions become tasks, news, inspections and their recommendations.

use dinh_steering::meetings::{self, Conclusion, NewMeeting};
use dinh_steering::plans::{self};
use dinh_steering::{Actor, StoreError, inspections};

use super::support::*;

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
