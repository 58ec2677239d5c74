//! Every clock of the rule pack, counted with the legal calendar; due, overdue, extended.

use dinh_petitions::clocks::ClockState;
use dinh_petitions::kinds::CaseKind;
use dinh_petitions::store::actions::{Action, apply};
use dinh_petitions::store::case_view::{self, CaseDetail};
use dinh_platform::db::Db;

use crate::support::*;

async fn detail(db: &Db, id: i64) -> CaseDetail {
    let p = principal(db, "handler@test.vn").await;
    case_view::get(db, Some(&p), id).await.unwrap()
}

fn due(d: &CaseDetail, clock: &str) -> String {
    d.clocks
        .iter()
        .find(|k| k.clock == clock)
        .unwrap_or_else(|| panic!("no clock {clock}"))
        .due_on
        .clone()
}

async fn act(db: &Db, id: i64, a: Action) -> Result<(), String> {
    let p = principal(db, "handler@test.vn").await;
    apply(&module(), db, Some(&p), id, a)
        .await
        .map_err(|e| format!("{:?}", e.kind))
}

#[tokio::test]
async fn complaint_clocks_follow_the_pack_and_the_calendar() {
    each_engine(|db| async move {
        world(&db).await?;
        // Received 10/02/2026: 10 working days skip Tết (14-22/02) → 03/03/2026.
        let r = receive(&db, "C1", new_case(CaseKind::Complaint, d(2026, 2, 10))).await;
        let c = detail(&db, r.id).await;
        assert_eq!(due(&c, "complaint.accept"), "2026-03-03");
        assert_eq!(c.case.pack_id, "vn-2023-07");
        // Accepted 02/03/2026: 30 days → 01/04/2026.
        act(&db, r.id, Action::Accept { on: d(2026, 3, 2) })
            .await
            .unwrap();
        let c = detail(&db, r.id).await;
        assert_eq!(due(&c, "complaint.resolve"), "2026-04-01");
        assert_eq!(
            c.clocks
                .iter()
                .find(|k| k.clock == "complaint.accept")
                .unwrap()
                .state(d(2026, 3, 5)),
            ClockState::DoneOnTime
        );
        // Complex 45, remote 45, remote complex 60; second complaint 45/60/60/70 (from 01/06/2026).
        for (complexity, remote, second, expect) in [
            (1, false, false, "2026-07-16"),
            (0, true, false, "2026-07-16"),
            (1, true, false, "2026-07-31"),
            (0, false, true, "2026-07-16"),
            (1, false, true, "2026-07-31"),
            (0, true, true, "2026-07-31"),
            (1, true, true, "2026-08-10"),
        ] {
            let mut n = new_case(CaseKind::Complaint, d(2026, 5, 25));
            n.complexity = complexity;
            n.remote = remote;
            n.second_round = second;
            let r = receive(&db, "C1", n).await;
            act(&db, r.id, Action::Accept { on: d(2026, 6, 1) })
                .await
                .unwrap();
            assert_eq!(
                due(&detail(&db, r.id).await, "complaint.resolve"),
                expect,
                "complex {complexity} remote {remote} second {second}"
            );
        }
        // Resolved: the decision must be sent within 3 working days, then the case closes.
        act(
            &db,
            r.id,
            Action::Resolve {
                on: d(2026, 3, 27),
                answer: "Quyết định giải quyết số 12/QĐ-UBND".into(),
            },
        )
        .await
        .unwrap();
        let c = detail(&db, r.id).await;
        assert_eq!(due(&c, "complaint.send_decision"), "2026-04-01");
        assert!(c.case.is_open);
        act(&db, r.id, Action::Sent { on: d(2026, 3, 30) })
            .await
            .unwrap();
        assert!(!detail(&db, r.id).await.case.is_open);
        Ok(())
    })
    .await;
}

#[tokio::test]
async fn denunciation_clocks_and_extensions_by_decision() {
    each_engine(|db| async move {
        world(&db).await?;
        // Received Mon 03/08/2026 (pack of 1/7/2026): initial processing 7 working days → 12/08.
        let r = receive(&db, "C1", denunciation(d(2026, 8, 3))).await;
        let c = detail(&db, r.id).await;
        assert_eq!(c.case.pack_id, "vn-2026-07");
        assert_eq!(due(&c, "denunciation.initial"), "2026-08-12");
        let mut several = denunciation(d(2026, 8, 3));
        several.multiple_places = true;
        let r2 = receive(&db, "C1", several).await;
        assert_eq!(
            due(&detail(&db, r2.id).await, "denunciation.initial"),
            "2026-08-17"
        );
        // Not complex: no extension allowed, and the refusal names the field.
        act(&db, r.id, Action::Accept { on: d(2026, 8, 10) })
            .await
            .unwrap();
        let c = detail(&db, r.id).await;
        assert_eq!(due(&c, "denunciation.notice"), "2026-08-17");
        assert_eq!(due(&c, "denunciation.resolve"), "2026-09-09");
        let e = act(
            &db,
            r.id,
            Action::Extend {
                on: d(2026, 9, 1),
                decision: "01/QĐ-GH".into(),
            },
        )
        .await
        .unwrap_err();
        assert!(e.contains("extension"), "{e}");
        // Especially complex: two extensions of 30 days, a third refused.
        let mut hard = denunciation(d(2026, 8, 3));
        hard.complexity = 2;
        let r3 = receive(&db, "C1", hard).await;
        act(&db, r3.id, Action::Accept { on: d(2026, 8, 10) })
            .await
            .unwrap();
        act(
            &db,
            r3.id,
            Action::Extend {
                on: d(2026, 9, 1),
                decision: "01/QĐ-GH".into(),
            },
        )
        .await
        .unwrap();
        let c = detail(&db, r3.id).await;
        assert_eq!(c.case.status, "extended");
        assert_eq!(due(&c, "denunciation.resolve"), "2026-10-09");
        act(
            &db,
            r3.id,
            Action::Extend {
                on: d(2026, 10, 1),
                decision: "02/QĐ-GH".into(),
            },
        )
        .await
        .unwrap();
        assert_eq!(
            due(&detail(&db, r3.id).await, "denunciation.resolve"),
            "2026-11-09"
        );
        assert!(
            act(
                &db,
                r3.id,
                Action::Extend {
                    on: d(2026, 11, 1),
                    decision: "03".into()
                }
            )
            .await
            .is_err()
        );
        // The timeline records each decision.
        let c = detail(&db, r3.id).await;
        assert_eq!(c.events.iter().filter(|e| e.kind == "extended").count(), 2);
        // Transfer when not competent: 5 working days from receipt.
        act(
            &db,
            r2.id,
            Action::Transfer {
                on: d(2026, 8, 7),
                to: "Thanh tra tỉnh".into(),
            },
        )
        .await
        .unwrap();
        let c = detail(&db, r2.id).await;
        assert_eq!(due(&c, "denunciation.transfer"), "2026-08-10");
        assert_eq!(c.case.status, "transferred");
        assert!(!c.case.is_open);
        Ok(())
    })
    .await;
}

#[tokio::test]
async fn recommendations_get_the_reception_answer_clock_and_overdue_shows() {
    each_engine(|db| async move {
        world(&db).await?;
        let r = receive(&db, "C1", new_case(CaseKind::Recommendation, d(2026, 8, 3))).await;
        let c = detail(&db, r.id).await;
        assert_eq!(due(&c, "answer"), "2026-08-17");
        let p = principal(&db, "handler@test.vn").await;
        let u = unit(&db, "C1").await;
        let filter = case_view::ListFilter {
            state: Some("overdue".into()),
            per_page: 50,
            page: 1,
            ..Default::default()
        };
        assert!(
            case_view::list(&db, Some(&p), &u, &filter, d(2026, 8, 17))
                .await
                .unwrap()
                .is_empty()
        );
        let over = case_view::list(&db, Some(&p), &u, &filter, d(2026, 8, 18))
            .await
            .unwrap();
        assert_eq!(over.len(), 1);
        assert_eq!(c.clocks[0].state(d(2026, 8, 18)), ClockState::Overdue);
        // A dispute runs no clock; resolving before accepting a complaint is refused.
        let dispute = receive(&db, "C1", new_case(CaseKind::Dispute, d(2026, 8, 3))).await;
        assert!(detail(&db, dispute.id).await.clocks.is_empty());
        let complaint = receive(&db, "C1", new_case(CaseKind::Complaint, d(2026, 8, 3))).await;
        let e = act(
            &db,
            complaint.id,
            Action::Resolve {
                on: d(2026, 8, 4),
                answer: "x".into(),
            },
        )
        .await
        .unwrap_err();
        assert!(e.contains("accept"), "{e}");
        // Dates before receipt are refused, nothing written.
        let e = act(&db, complaint.id, Action::Accept { on: d(2026, 8, 1) })
            .await
            .unwrap_err();
        assert!(e.contains("on:"), "{e}");
        assert_eq!(detail(&db, complaint.id).await.case.status, "received");
        Ok(())
    })
    .await;
}

#[tokio::test]
async fn duplicates_join_and_deadlines_recompute_after_a_schedule_change() {
    each_engine(|db| async move {
        world(&db).await?;
        let a = receive(&db, "C1", new_case(CaseKind::Report, d(2026, 11, 16))).await;
        let b = receive(&db, "C1", new_case(CaseKind::Report, d(2026, 11, 16))).await;
        act(&db, b.id, Action::Join { into: a.tracking_code.to_lowercase() }).await.unwrap();
        let jb = detail(&db, b.id).await;
        assert_eq!(jb.case.status, "joined");
        assert!(!jb.case.is_open);
        // 10 working days from Mon 16/11/2026 → 30/11; with 24/11 declared a day off → 01/12.
        assert_eq!(due(&detail(&db, a.id).await, "answer"), "2026-11-30");
        let shipped = dinh_calendar::holidays::SHIPPED_SCHEDULES.iter().find(|(n, _)| *n == "2026.toml").unwrap().1;
        let text = format!("{shipped}\n[[holidays]]\ndate = 2026-11-24\nname_vi = \"Ngày Văn hóa Việt Nam\"\nname_en = \"Vietnam Culture Day\"\n");
        let cal = dinh_calendar::HolidayCalendar::shipped_with(vec![dinh_calendar::YearSchedule::parse(&text, "test").unwrap()]).unwrap();
        let moved = dinh_petitions::store::recompute::recompute_open_clocks(&module().with_calendar(cal), &db).await?;
        assert_eq!(moved, 1, "only the open clock moves");
        let c = detail(&db, a.id).await;
        assert_eq!(due(&c, "answer"), "2026-12-01");
        assert_eq!(c.case.next_due.as_deref(), Some("2026-12-01"));
        Ok(())
    })
    .await;
}

#[tokio::test]
async fn a_clock_is_reminded_once_two_working_days_ahead() {
    each_engine(|db| async move {
        world(&db).await?;
        let r = receive(&db, "C1", new_case(CaseKind::Recommendation, d(2026, 8, 3))).await;
        let m = module();
        assert_eq!(
            dinh_petitions::reminders::remind(&m, &db, d(2026, 8, 12)).await?,
            0
        );
        assert_eq!(
            dinh_petitions::reminders::remind(&m, &db, d(2026, 8, 13)).await?,
            1
        );
        assert_eq!(
            dinh_petitions::reminders::remind(&m, &db, d(2026, 8, 14)).await?,
            0,
            "once"
        );
        let c = detail(&db, r.id).await;
        let reminder = c.events.iter().find(|e| e.kind == "reminder").unwrap();
        assert!(!reminder.public && reminder.body.contains("17/08/2026"));
        Ok(())
    })
    .await;
}
