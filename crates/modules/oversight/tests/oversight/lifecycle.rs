//! The life of an oversight: a project and its board, the commune's inspection board, an
//! activity, a finding, recommendations with their clock, an answer, a rejected answer, and the
//! indicators.

use dinh_oversight::store::{self, status};
use dinh_oversight::{AnswerInput, BoardInput};
use dinh_platform::module::{Module, Period};
use dinh_platform::write::Actor;

use crate::support::{
    day, each_engine, inspected, module, people, project_input, recommendation, rows, setup,
};

#[tokio::test]
async fn a_recommendation_is_answered_within_the_packs_days() {
    each_engine(|db| async move {
        let f = setup(&db).await?;
        let m = module();
        let (board, activity, finding) = inspected(&db, &f).await?;
        let b = store::board(&db, board).await?.unwrap();
        assert_eq!(b.kind, "inspection");
        assert_eq!(store::members(&db, board).await?.len(), 5);
        let a = store::activity(&db, activity).await?.unwrap();
        let pack = m.rules().in_force_on(day(2026, 8, 10)).unwrap();
        let latest = m
            .calendar()
            .latest_before(
                day(2026, 8, 10),
                pack.oversight.inspection_board.plan_notice.period(),
            )
            .unwrap()
            .due;
        assert_eq!(
            a.notice_due,
            latest.to_string(),
            "the notice's last day is recorded"
        );

        let rec = store::recommend(
            &m,
            &db,
            Actor::Person(&f.member),
            &recommendation(finding, "13/08/2026"),
        )
        .await?;
        let r = store::recommendation(&db, rec).await?.unwrap();
        let due = m
            .calendar()
            .due_after(
                day(2026, 8, 13),
                pack.oversight.inspection_board.answer.period(),
            )
            .unwrap()
            .due;
        assert_eq!(r.due_on, due.to_string());
        assert_eq!(r.authority, "UBND Xã Thử");
        assert_eq!(r.state(day(2026, 8, 14)), status::DUE);
        assert_eq!(r.state(due.succ_opt().unwrap()), status::OVERDUE);

        store::answer(
            &db,
            Actor::Person(&f.officer),
            rec,
            &AnswerInput {
                text: "Đã xin lỗi bằng văn bản".into(),
                on: "20/08/2026".into(),
            },
        )
        .await?;
        let r = store::recommendation(&db, rec).await?.unwrap();
        assert_eq!(r.state(day(2026, 12, 1)), status::ANSWERED);
        assert!(r.answered_on_time());
        assert_eq!(r.answered_by.as_deref(), Some("canbo@thu.vn"));

        // The board does not accept it; the authority answers again.
        store::reject_answer(
            &db,
            Actor::Person(&f.member),
            rec,
            &AnswerInput {
                text: "Chưa xin lỗi hết các hộ".into(),
                ..AnswerInput::default()
            },
        )
        .await?;
        assert_eq!(
            store::recommendation(&db, rec).await?.unwrap().status,
            status::REJECTED
        );
        store::answer(
            &db,
            Actor::Person(&f.officer),
            rec,
            &AnswerInput {
                text: "Đã xin lỗi đủ 5 hộ".into(),
                on: "25/08/2026".into(),
            },
        )
        .await?;
        assert_eq!(
            store::recommendation(&db, rec).await?.unwrap().status,
            status::ANSWERED
        );

        // A second one, never answered.
        store::recommend(
            &m,
            &db,
            Actor::Person(&f.member),
            &recommendation(finding, "14/08/2026"),
        )
        .await?;
        let unit = dinh_platform::units::store::by_code(&db, "T9")
            .await?
            .unwrap();
        let year = Period {
            from: day(2026, 1, 1),
            to: day(2026, 12, 31),
        };
        let v = |k: &'static str| {
            let (db, m) = (db.clone(), m.clone());
            async move { m.indicator_value(&db, k, unit.id, year).await.unwrap() }
        };
        assert_eq!(v("oversight.activities").await, Some(1.0));
        assert_eq!(v("oversight.recommendations").await, Some(2.0));
        assert_eq!(v("oversight.answered_on_time").await, Some(1.0));
        assert_eq!(v("oversight.overdue").await, Some(1.0));
        assert_eq!(v("oversight.answered_on_time_rate").await, Some(50.0));
        assert!(rows(&db, "audit_log").await >= 7, "every write is audited");
        Ok(())
    })
    .await;
}

#[tokio::test]
async fn a_project_gets_its_supervision_board_and_activity() {
    each_engine(|db| async move {
        let f = setup(&db).await?;
        let m = module();
        let project =
            store::record_project(&db, Actor::Person(&f.officer), &project_input()).await?;
        let mut members = people(5);
        members[3].resident = true;
        let board = store::record_board(
            &m,
            &db,
            Actor::Person(&f.officer),
            &BoardInput {
                unit_code: "T9-X".into(),
                kind: "investment".into(),
                project_id: project.to_string(),
                term_from: "01/03/2026".into(),
                term_to: "31/12/2026".into(),
                recognition: "Quyết định số 9/QĐ-MTTQ".into(),
                members,
            },
        )
        .await?;
        assert_eq!(
            store::board(&db, board).await?.unwrap().project_id,
            Some(project)
        );
        // The investor was told 50 days before: enough.
        let id = store::record_activity(
            &m,
            &db,
            Actor::Person(&f.member),
            &dinh_oversight::ActivityInput {
                board_id: board.to_string(),
                subject: "Thi công mặt đường".into(),
                scope: "Khối lượng, chất lượng".into(),
                notice_on: "01/06/2026".into(),
                starts_on: "21/07/2026".into(),
                ends_on: "30/09/2026".into(),
            },
        )
        .await?;
        assert_eq!(store::activities_of_board(&db, board).await?[0].id, id);
        Ok(())
    })
    .await;
}

#[tokio::test]
async fn a_commune_with_six_villages_needs_six_members() {
    each_engine(|db| async move {
        setup(&db).await?;
        let m = module();
        let e = store::record_board(
            &m,
            &db,
            Actor::System("test"),
            &crate::support::inspection_board("T9-Z", 5),
        )
        .await
        .unwrap_err();
        let (field, message) = crate::support::refusal(e);
        assert_eq!(field, "members");
        assert!(message.contains("ít nhất 6"), "{message}");
        assert_eq!(rows(&db, "oversight_boards").await, 0);
        // The officer of T9-X holds no role at T9-Z: use the system.
        store::record_board(
            &m,
            &db,
            Actor::System("test"),
            &crate::support::inspection_board("T9-Z", 6),
        )
        .await?;
        Ok(())
    })
    .await;
}
