//! Plans and tasks: cascading to lower committees, progress rolling up, who is late.

use dinh_steering::committees::{self};
use dinh_steering::plans::{self, NewTask, Progress};
use dinh_steering::{Actor, StoreError};

use super::support::*;

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
        // The members of each lower committee are told in their inbox; the province's are not.
        let told: Vec<(i64, String)> = db
            .fetch_all(&dinh_platform::db::query(
                "SELECT account_id, subject FROM notifications WHERE kind = 'steering.task_assigned' AND channel = 'inbox' ORDER BY account_id",
            ))
            .await?;
        let mut expected = vec![w.commune_member.account_id, w.other_member.account_id];
        expected.sort_unstable();
        assert_eq!(told.iter().map(|t| t.0).collect::<Vec<_>>(), expected, "{told:?}");
        assert!(told[0].1.contains("30/09/2026"), "{told:?}");

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
