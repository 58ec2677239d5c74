//! Meetings, procedural votes, the advice to switch to ballots, and the ballot plan's rules.

use dinh_decisions::{
    BallotPlanInput, MeetingInput, Origin, ProceduralInput, ballots, matters, meetings,
};

use crate::support::*;

#[tokio::test]
async fn meetings_warn_of_late_notice_and_advise_ballots() {
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
        let late = meetings::create(
            &m,
            &db,
            Some(&f.officer),
            matter.id,
            &MeetingInput {
                held_on: "15/09/2025".into(),
                notice_on: "13/09/2025".into(),
                unit_code: String::new(),
                cluster: String::new(),
            },
        )
        .await?;
        assert_eq!(late.warnings_en.len(), 1);
        // Two days before Monday 15/09 is Saturday 13/09, a day off: the notice had to arrive by Friday.
        assert!(
            late.warnings_en[0].contains("by 12/09/2025"),
            "{:?}",
            late.warnings_en
        );
        let on_time = meetings::create(
            &m,
            &db,
            Some(&f.officer),
            matter.id,
            &MeetingInput {
                held_on: "15/09/2025".into(),
                notice_on: "12/09/2025".into(),
                unit_code: String::new(),
                cluster: String::new(),
            },
        )
        .await?;
        assert!(on_time.warnings_en.is_empty());
        // Cluster meetings only for thôn of 200+ households.
        let e = meetings::create(
            &m,
            &db,
            Some(&f.officer),
            matter.id,
            &MeetingInput {
                held_on: "15/09/2025".into(),
                notice_on: "10/09/2025".into(),
                unit_code: String::new(),
                cluster: "Cụm 1".into(),
            },
        )
        .await
        .unwrap_err();
        assert!(
            e.refusal().unwrap().en.contains("only thôn of 200 or more"),
            "{e}"
        );
        let e = meetings::create(
            &m,
            &db,
            Some(&f.officer),
            matter.id,
            &MeetingInput {
                held_on: "31/02/2025".into(),
                notice_on: "10/09/2025".into(),
                unit_code: String::new(),
                cluster: String::new(),
            },
        )
        .await
        .unwrap_err();
        assert_eq!(e.refusal().unwrap().field, "held_on");
        // Five of nine present cannot reach 2/3 of all households: the system says so.
        for h in village(1, 5) {
            meetings::attend(
                &db,
                Some(&f.officer),
                matter.id,
                late.id,
                &dinh_decisions::AttendanceInput {
                    household: h,
                    attendee: "Đại diện".into(),
                    capacity: "representative".into(),
                },
            )
            .await?;
        }
        let a = meetings::advice(&m, &db, &matter, today()).await?;
        assert!(a.switch_to_ballots);
        assert!(
            a.advice_en.contains("Only 5 of 9 households present"),
            "{}",
            a.advice_en
        );
        let e = meetings::attend(
            &db,
            Some(&f.officer),
            matter.id,
            on_time.id,
            &dinh_decisions::AttendanceInput {
                household: code(1, 1),
                attendee: "X".into(),
                capacity: "representative".into(),
            },
        )
        .await
        .unwrap_err();
        assert!(
            e.refusal().unwrap().en.contains("already recorded present"),
            "{e}"
        );
        let e = meetings::attend(
            &db,
            Some(&f.officer),
            matter.id,
            on_time.id,
            &dinh_decisions::AttendanceInput {
                household: code(1, 7),
                attendee: "X".into(),
                capacity: "neighbour".into(),
            },
        )
        .await
        .unwrap_err();
        assert_eq!(e.refusal().unwrap().field, "capacity");
        // Procedural votes: more than half of those present (5): 3 passes, 2 does not.
        let p = meetings::procedural(
            &m,
            &db,
            Some(&f.officer),
            matter.id,
            late.id,
            &ProceduralInput {
                subject: "secretary".into(),
                detail: "Lê Thị Thư".into(),
                agree: 3,
            },
        )
        .await?;
        assert!(p.passed, "{}", p.explanation_en);
        assert_eq!(
            p.explanation_en,
            "Passed: 3 of 5 people present agreed (60.0 %); more than 1/2 of those present needed"
        );
        let p = meetings::procedural(
            &m,
            &db,
            Some(&f.officer),
            matter.id,
            late.id,
            &ProceduralInput {
                subject: "voting_method".into(),
                detail: "secret".into(),
                agree: 2,
            },
        )
        .await?;
        assert!(!p.passed);
        let e = meetings::procedural(
            &m,
            &db,
            Some(&f.officer),
            matter.id,
            late.id,
            &ProceduralInput {
                subject: "counting_board".into(),
                detail: "A, B".into(),
                agree: 5,
            },
        )
        .await
        .unwrap_err();
        assert!(e.refusal().unwrap().en.contains("3-5 members"), "{e}");
        let e = meetings::procedural(
            &m,
            &db,
            Some(&f.officer),
            matter.id,
            late.id,
            &ProceduralInput {
                subject: "secretary".into(),
                detail: "X".into(),
                agree: 6,
            },
        )
        .await
        .unwrap_err();
        assert_eq!(e.refusal().unwrap().field, "agree");
        // The meeting chooses a secret vote.
        meetings::procedural(
            &m,
            &db,
            Some(&f.officer),
            matter.id,
            late.id,
            &ProceduralInput {
                subject: "voting_method".into(),
                detail: "secret".into(),
                agree: 4,
            },
        )
        .await?;
        assert!(matters::get(&db, matter.id).await?.secret);
        Ok(())
    })
    .await;
}

#[tokio::test]
async fn ballot_plan_follows_the_pack() {
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
        let plan = |published: &str, team: usize| BallotPlanInput {
            issued_on: "01/09/2025".into(),
            published_on: published.into(),
            distribution_on: "08/09/2025".into(),
            team_head: "Phạm Thị Hòa".into(),
            team: (0..team).map(|i| format!("Thành viên {i}")).collect(),
        };
        let e = ballots::plan(&m, &db, Some(&f.head), matter.id, &plan("06/09/2025", 2))
            .await
            .unwrap_err();
        assert!(
            e.refusal()
                .unwrap()
                .en
                .contains("publication must be by 05/09/2025"),
            "{e}"
        );
        let e = ballots::plan(&m, &db, Some(&f.head), matter.id, &plan("05/09/2025", 1))
            .await
            .unwrap_err();
        assert!(
            e.refusal()
                .unwrap()
                .en
                .contains("3-5 members including its head"),
            "{e}"
        );
        let e = ballots::plan(&m, &db, Some(&f.head), matter.id, &plan("05/09/2025", 5))
            .await
            .unwrap_err();
        assert_eq!(e.refusal().unwrap().field, "team");
        let v = ballots::plan(&m, &db, Some(&f.head), matter.id, &plan("05/09/2025", 2)).await?;
        assert_eq!(v.send_due, "2025-09-03");
        Ok(())
    })
    .await;
}
