//! Publishing, proof and its states, refusals with nothing written, attachments, recurring
//! duties, indicators and the monthly summary, on both engines.

use dinh_disclosure::store::{self, Actor, NewProof, StoreError, Upload};
use dinh_platform::module::{Period, Registry};
use dinh_platform::units::UnitsModule;

use super::support::*;

#[tokio::test]
async fn publishing_computes_duties_and_records_the_website() {
    dinh_platform::testing::each_engine(&registry(), |db| async move {
        let w = world(&db).await;
        let id = publish(&db, &w, draft(7, d(2026, 3, 6), d(2026, 3, 10)), vec![]).await?;
        let det = store::detail(&db, id, d(2026, 3, 11)).await?.unwrap();
        assert_eq!(det.item.on_time, 1);
        assert_eq!(det.obligations.len(), 1 + 4 + 1 + 3);
        let web = det
            .obligations
            .iter()
            .find(|o| o.channel == "website")
            .unwrap();
        assert_eq!(web.state.code(), "met");
        assert!(
            det.obligations
                .iter()
                .filter(|o| o.channel != "website")
                .all(|o| o.state.code() == "due")
        );
        // After the due date, a channel never used is missing.
        let later = store::detail(&db, id, d(2026, 3, 14)).await?.unwrap();
        assert!(
            later
                .obligations
                .iter()
                .any(|o| o.state.code() == "missing")
        );
        // Published after the due date: late.
        let late = publish(&db, &w, draft(7, d(2026, 3, 6), d(2026, 3, 16)), vec![]).await?;
        assert_eq!(
            store::detail(&db, late, d(2026, 3, 16))
                .await?
                .unwrap()
                .item
                .on_time,
            0
        );
        assert!(count(&db, "audit_log").await >= 2);
        Ok(())
    })
    .await;
}

#[tokio::test]
async fn proofs_make_states_and_bad_proofs_write_nothing() {
    dinh_platform::testing::each_engine(&registry(), |db| async move {
        let w = world(&db).await;
        let m = module();
        let id = publish(&db, &w, draft(7, d(2026, 3, 6), d(2026, 3, 9)), vec![]).await?;
        let proof = |channel: &str, place: &str, from, to| NewProof {
            channel: channel.into(),
            place_code: place.into(),
            started_on: from,
            ended_on: to,
            note: String::new(),
        };
        let rec = |actor, p| store::record_proof(&db, &w.dir, 1 << 20, actor, id, p, None);
        // Full 30 days at the office; the village head posts at his own thôn.
        rec(
            Actor::Person(&w.officer),
            proof("notice_board", "91001", d(2026, 3, 9), Some(d(2026, 4, 7))),
        )
        .await?;
        rec(
            Actor::Person(&w.head),
            proof("notice_board", "91001-01", d(2026, 3, 9), None),
        )
        .await?;
        // Taken down after 12 days: ended early.
        rec(
            Actor::Person(&w.officer),
            proof(
                "notice_board",
                "91001-02",
                d(2026, 3, 9),
                Some(d(2026, 3, 20)),
            ),
        )
        .await?;
        // Loudspeaker started after the due date: met late.
        rec(
            Actor::Person(&w.officer),
            proof("loudspeaker", "91001", d(2026, 3, 16), Some(d(2026, 3, 18))),
        )
        .await?;
        let state = |det: &store::Detail, ch: &str, place: &str| {
            det.obligations
                .iter()
                .find(|o| o.channel == ch && o.place_code == place)
                .unwrap()
                .state
                .code()
        };
        let det = store::detail(&db, id, d(2026, 3, 25)).await?.unwrap();
        assert_eq!(state(&det, "notice_board", "91001-01"), "running");
        assert_eq!(state(&det, "notice_board", "91001-02"), "ended_early");
        assert_eq!(state(&det, "notice_board", "91001-03"), "missing");
        assert_eq!(state(&det, "loudspeaker", "91001"), "met_late");
        let det = store::detail(&db, id, d(2026, 4, 8)).await?.unwrap();
        assert_eq!(state(&det, "notice_board", "91001"), "met");
        assert_eq!(state(&det, "notice_board", "91001-01"), "met");

        let before = count(&db, "disclosure_proofs").await;
        let audit = count(&db, "audit_log").await;
        // A place outside the unit, a channel without a duty, dates out of order, the future.
        for (p, field) in [
            (
                proof("notice_board", "91002-01", d(2026, 3, 9), None),
                "place",
            ),
            (
                proof("permanent_posting", "91001", d(2026, 3, 9), None),
                "channel",
            ),
            (
                proof(
                    "notice_board",
                    "91001-03",
                    d(2026, 3, 9),
                    Some(d(2026, 3, 1)),
                ),
                "ended_on",
            ),
            (
                proof("notice_board", "91001-03", d(2026, 3, 1), None),
                "started_on",
            ),
            (
                proof("notice_board", "91001-03", d(2099, 1, 1), None),
                "started_on",
            ),
        ] {
            match rec(Actor::Person(&w.officer), p).await {
                Err(StoreError::Invalid { field: f, .. }) => assert_eq!(f, field),
                other => panic!("expected {field} refused, got {other:?}"),
            }
        }
        // The village head outside his thôn, and an officer of another commune.
        assert!(matches!(
            rec(
                Actor::Person(&w.head),
                proof("notice_board", "91001-03", d(2026, 3, 9), None)
            )
            .await,
            Err(StoreError::Denied(_))
        ));
        assert!(matches!(
            rec(
                Actor::Person(&w.stranger),
                proof("notice_board", "91001-03", d(2026, 3, 9), None)
            )
            .await,
            Err(StoreError::Denied(_))
        ));
        let mut d2 = draft(7, d(2026, 3, 6), d(2026, 3, 9));
        assert!(matches!(
            store::publish(
                &db,
                &m,
                &w.dir,
                1 << 20,
                Actor::Person(&w.stranger),
                &w.commune,
                d2.clone(),
                vec![]
            )
            .await,
            Err(StoreError::Denied(_))
        ));
        d2.category = 15;
        assert!(matches!(
            publish(&db, &w, d2.clone(), vec![]).await,
            Err(StoreError::Invalid {
                field: "category",
                ..
            })
        ));
        d2.category = 7;
        d2.published_on = d(2026, 3, 1);
        assert!(matches!(
            publish(&db, &w, d2, vec![]).await,
            Err(StoreError::Invalid {
                field: "published_on",
                ..
            })
        ));
        assert_eq!(count(&db, "disclosure_proofs").await, before);
        assert_eq!(count(&db, "disclosure_items").await, 1);
        assert_eq!(count(&db, "audit_log").await, audit);
        Ok(())
    })
    .await;
}

#[tokio::test]
async fn attachments_are_checked_by_content_and_a_failure_leaves_nothing() {
    dinh_platform::testing::each_engine(&registry(), |db| async move {
        let w = world(&db).await;
        let files_dir = w.dir.join("disclosure-files");
        let exe = Upload {
            file_name: "quyet-dinh.pdf".into(),
            bytes: b"MZ\x90\x00not a pdf".to_vec(),
        };
        let pdf = Upload {
            file_name: "../Quyết định.pdf".into(),
            bytes: b"%PDF-1.7\n...".to_vec(),
        };
        let big = Upload {
            file_name: "to.pdf".into(),
            bytes: [b"%PDF-".as_slice(), &vec![0u8; 2 << 20]].concat(),
        };
        for bad in [vec![pdf.clone(), exe], vec![big]] {
            let r = publish(&db, &w, draft(2, d(2026, 3, 6), d(2026, 3, 9)), bad).await;
            assert!(
                matches!(
                    r,
                    Err(StoreError::Invalid {
                        field: "attachments",
                        ..
                    })
                ),
                "{r:?}"
            );
        }
        assert_eq!(count(&db, "disclosure_items").await, 0);
        assert_eq!(count(&db, "disclosure_files").await, 0);
        let left = std::fs::read_dir(&files_dir)
            .map(|d| d.count())
            .unwrap_or(0);
        assert_eq!(left, 0, "a failed upload left files behind");
        let id = publish(&db, &w, draft(2, d(2026, 3, 6), d(2026, 3, 9)), vec![pdf]).await?;
        let det = store::detail(&db, id, d(2026, 3, 9)).await?.unwrap();
        let (_, f) = &det.files[0];
        assert_eq!(f.content_type, "application/pdf");
        assert_eq!(f.file_name, "Quyết định.pdf");
        assert!(files_dir.join(f.id.to_string()).exists());
        let _ = std::fs::remove_dir_all(&w.dir);
        Ok(())
    })
    .await;
}

#[tokio::test]
async fn recurring_duties_go_missing_and_feed_the_indicators() {
    dinh_platform::testing::each_engine(&registry(), |db| async move {
        let w = world(&db).await;
        let m = module();
        store::ensure_expected(&db, &m, &w.commune, d(2026, 1, 1), d(2026, 11, 23)).await?;
        // Budget execution of Q1 published on time; Q2 never.
        let mut q1 = draft(2, d(2026, 4, 2), d(2026, 4, 3));
        q1.recurring = Some(("budget_execution".into(), "2026-Q1".into()));
        publish(&db, &w, q1.clone(), vec![]).await?;
        // The same period twice is refused.
        assert!(matches!(
            publish(&db, &w, q1, vec![]).await,
            Err(StoreError::Invalid {
                field: "period_label",
                ..
            })
        ));
        let missing = store::missing(&db, w.commune.id, d(2026, 11, 23), 100).await?;
        let keys: Vec<_> = missing
            .iter()
            .map(|e| format!("{}:{}", e.duty_key, e.period_label))
            .collect();
        assert!(
            keys.contains(&"budget_execution:2026-Q2".to_owned()),
            "{keys:?}"
        );
        assert!(!keys.contains(&"budget_execution:2026-Q1".to_owned()));
        let reg = Registry::default().with(UnitsModule).with(m.clone());
        let province = dinh_platform::units::store::by_code(&db, "91")
            .await?
            .unwrap();
        let p = Period {
            from: d(2026, 4, 1),
            to: d(2026, 6, 30),
        };
        assert_eq!(
            reg.indicator_value(&db, "disclosure.published", province.id, p)
                .await?,
            Some(1.0)
        );
        assert_eq!(
            reg.indicator_value(&db, "disclosure.on_time_rate", province.id, p)
                .await?,
            Some(100.0)
        );
        assert_eq!(
            reg.indicator_value(&db, "disclosure.channel_completeness", province.id, p)
                .await?,
            Some(0.0)
        );
        // Nothing published and nothing expected in 2024: missing, not zero.
        let none = Period {
            from: d(2024, 1, 1),
            to: d(2024, 12, 31),
        };
        assert_eq!(
            reg.indicator_value(&db, "disclosure.on_time_rate", province.id, none)
                .await?,
            None
        );
        assert_eq!(
            reg.indicator_value(&db, "disclosure.published", province.id, none)
                .await?,
            None
        );
        // The clocks flag what ran out.
        let raised = dinh_disclosure::store::missing(&db, province.id, d(2026, 11, 23), 100)
            .await?
            .len();
        assert!(raised >= 1);
        Ok(())
    })
    .await;
}

#[tokio::test]
async fn monthly_summary_agrees_with_the_disclosures() {
    dinh_platform::testing::each_engine(&registry(), |db| async move {
        let w = world(&db).await;
        publish(&db, &w, draft(14, d(2026, 3, 6), d(2026, 3, 9)), vec![]).await?;
        let permanent = publish(&db, &w, draft(4, d(2026, 3, 6), d(2026, 3, 9)), vec![]).await?;
        publish(&db, &w, draft(7, d(2026, 3, 6), d(2026, 3, 20)), vec![]).await?;
        let boards = publish(&db, &w, draft(2, d(2026, 3, 6), d(2026, 3, 10)), vec![]).await?;
        let rec = |id, channel: &str, place: &str| {
            store::record_proof(
                &db,
                &w.dir,
                1 << 20,
                Actor::Person(&w.officer),
                id,
                NewProof {
                    channel: channel.into(),
                    place_code: place.into(),
                    started_on: d(2026, 3, 10),
                    ended_on: None,
                    note: String::new(),
                },
                None,
            )
        };
        rec(permanent, "permanent_posting", "91001").await?;
        for place in ["91001", "91001-01", "91001-02", "91001-03"] {
            rec(boards, "notice_board", place).await?;
        }
        for (today, complete) in [(d(2026, 3, 25), 2), (d(2026, 4, 30), 3)] {
            let whole =
                store::totals(&db, w.commune.id, d(2026, 3, 1), d(2026, 3, 31), today).await?;
            let exact =
                store::totals(&db, w.commune.id, d(2026, 3, 2), d(2026, 3, 31), today).await?;
            assert_eq!(whole, exact, "on {today}");
            assert_eq!(
                (whole[0].published, whole[0].on_time, whole[0].complete),
                (4, 3, complete)
            );
        }
        // Rebuilding from the disclosures gives the same summary.
        store::rebuild_summary(&db).await?;
        let again = store::totals(
            &db,
            w.commune.id,
            d(2026, 3, 1),
            d(2026, 3, 31),
            d(2026, 4, 30),
        )
        .await?;
        assert_eq!(again[0].complete, 3);
        Ok(())
    })
    .await;
}

#[tokio::test]
async fn the_clocks_flag_once_and_remind_before_the_minimum() {
    dinh_platform::testing::each_engine(&registry(), |db| async move {
        let w = world(&db).await;
        let m = module();
        let id = publish(&db, &w, draft(7, d(2026, 3, 6), d(2026, 3, 9)), vec![]).await?;
        store::record_proof(&db, &w.dir, 1 << 20, Actor::Person(&w.officer), id, NewProof {
            channel: "notice_board".into(),
            place_code: "91001".into(),
            started_on: d(2026, 3, 10),
            ended_on: None,
            note: String::new(),
        }, None)
        .await?;
        // 7 April: the office posting reaches its 30th day on 8 April; the rest never started.
        let raised = dinh_disclosure::jobs::run_clocks(&db, &m, d(2026, 4, 7)).await?;
        let kinds: Vec<(String, i64)> = db
            .fetch_all(&dinh_platform::db::query(
                "SELECT kind, CAST(COUNT(*) AS BIGINT) FROM disclosure_notices GROUP BY kind ORDER BY kind",
            ))
            .await?;
        assert!(kinds.contains(&("may_end".to_owned(), 1)), "{kinds:?}");
        // Overdue: 3 thôn boards, loudspeaker, 3 village-head deliveries.
        assert!(kinds.contains(&("overdue".to_owned(), 7)), "{kinds:?}");
        assert!(kinds.iter().any(|(k, n)| k == "missing" && *n >= 1), "{kinds:?}");
        assert!(raised >= 9);
        // Once only.
        assert_eq!(dinh_disclosure::jobs::run_clocks(&db, &m, d(2026, 4, 7)).await?, 0);
        Ok(())
    })
    .await;
}
