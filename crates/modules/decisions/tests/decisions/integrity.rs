//! One vote per household across channels, the race, and every refusal writing nothing.

use dinh_decisions::Error;
use dinh_decisions::{BallotPlanInput, Origin, ballots, close, matters, online, votes};
use dinh_platform::accounts::Denied;

use crate::support::*;

fn field(e: &Error) -> &'static str {
    e.refusal()
        .unwrap_or_else(|| panic!("not a refusal: {e}"))
        .field
}

async fn plan_ballots(db: &dinh_platform::db::Db, f: &Fixture, matter: i64) -> anyhow::Result<()> {
    ballots::plan(
        &module(),
        db,
        Some(&f.head),
        matter,
        &BallotPlanInput {
            issued_on: "01/09/2025".into(),
            published_on: "05/09/2025".into(),
            distribution_on: "08/09/2025".into(),
            team_head: "Phạm Thị Hòa".into(),
            team: vec!["Lê Văn Bình".into(), "Đỗ Thị Mai".into()],
        },
    )
    .await?;
    Ok(())
}

#[tokio::test]
async fn a_household_counts_once_across_meeting_ballot_and_online() {
    each_engine(|db| async move {
        let f = setup(&db).await?;
        let m = module();
        let matter = matters::create(
            &m,
            &db,
            Some(&f.head),
            &new_matter("T9-X-01", 6, Origin::VillageHead),
            today(),
        )
        .await?;
        let h1 = code(1, 1);
        meeting(&db, &f, matter.id, "T9-X-01", std::slice::from_ref(&h1)).await?;
        votes::record(
            &module(),
            &db,
            Some(&f.officer),
            matter.id,
            &vote(&h1, "meeting", "agree"),
            today(),
        )
        .await?;
        // Same channel again.
        let e = votes::record(
            &module(),
            &db,
            Some(&f.officer),
            matter.id,
            &vote(&h1, "meeting", "disagree"),
            today(),
        )
        .await
        .unwrap_err();
        assert_eq!(field(&e), "household");
        assert!(
            e.refusal()
                .unwrap()
                .en
                .contains("already been counted for this matter (at a meeting)"),
            "{e}"
        );
        // Another channel: a paper ballot.
        plan_ballots(&db, &f, matter.id).await?;
        let e = votes::record(
            &module(),
            &db,
            Some(&f.front),
            matter.id,
            &vote(&h1, "ballot", "disagree"),
            today(),
        )
        .await
        .unwrap_err();
        assert_eq!(field(&e), "household");
        // Online, once more than half of the households agreed to vote online.
        let consent: Vec<String> = village(1, 5);
        let c =
            online::record_consent(&m, &db, Some(&f.officer), matter.id, &consent, today()).await?;
        assert!(c.allowed, "{}", c.explanation_en);
        let e = online::vote(
            &m,
            &db,
            Some(&f.resident),
            matter.id,
            "disagree",
            "",
            today(),
        )
        .await
        .unwrap_err();
        assert_eq!(field(&e), "household");
        assert_eq!(rows(&db, "decision_votes").await, 1);
        let t = close::close(&m, &db, Some(&f.officer), matter.id, today()).await?;
        assert_eq!((t.agree, t.participants), (1, 1));
        Ok(())
    })
    .await;
}

#[tokio::test]
async fn racing_votes_for_one_household_count_exactly_once() {
    each_engine(|db| async move {
        let f = setup(&db).await?;
        let m = module();
        let matter = matters::create(
            &m,
            &db,
            Some(&f.head),
            &new_matter("T9-X-01", 6, Origin::VillageHead),
            today(),
        )
        .await?;
        online::record_consent(
            &m,
            &db,
            Some(&f.officer),
            matter.id,
            &village(1, 5),
            today(),
        )
        .await?;
        let mut tasks = Vec::new();
        for i in 0..8 {
            let (db, m, who) = (db.clone(), m.clone(), f.resident.clone());
            let choice = if i % 2 == 0 { "agree" } else { "disagree" };
            tasks.push(tokio::spawn(async move {
                online::vote(&m, &db, Some(&who), matter.id, choice, "", today()).await
            }));
        }
        let mut ok = 0;
        for t in tasks {
            match t.await? {
                Ok(_) => ok += 1,
                Err(e) => assert_eq!(field(&e), "household", "{e}"),
            }
        }
        assert_eq!(ok, 1, "exactly one of the racing votes counts");
        assert_eq!(rows(&db, "decision_votes").await, 1);
        Ok(())
    })
    .await;
}

#[tokio::test]
async fn votes_arriving_together_are_each_refused_or_counted_on_their_own() {
    each_engine(|db| async move {
        let f = setup(&db).await?;
        let m = module();
        let open = matters::create(
            &m,
            &db,
            Some(&f.head),
            &new_matter("T9-X-01", 6, Origin::VillageHead),
            today(),
        )
        .await?;
        let not_online = matters::create(
            &m,
            &db,
            Some(&f.head),
            &new_matter("T9-X-01", 1, Origin::VillageHead),
            today(),
        )
        .await?;
        online::record_consent(&m, &db, Some(&f.officer), open.id, &village(1, 5), today()).await?;
        // Representatives of households 2-6 of the thôn, besides the fixture's resident (1).
        let mut reps = Vec::new();
        for h in 2..=6 {
            let p = account(
                &db,
                &format!("09100000{h:02}"),
                dinh_platform::accounts::Role::Resident,
                "T9-X-01",
            )
            .await?;
            link(&db, &p, &code(1, h), true).await?;
            reps.push(p);
        }
        let audit_before = rows(&db, "audit_log").await;
        // All at once: four good votes, the resident twice, a member who does not represent
        // the household, a choice that does not exist, and a matter not voted online.
        let mut asks = Vec::new();
        for p in &reps[..4] {
            asks.push((p.clone(), open.id, "agree", "ok"));
        }
        asks.push((reps[4].clone(), open.id, "maybe", "choice"));
        asks.push((f.resident.clone(), open.id, "disagree", "ok-or-household"));
        asks.push((f.resident.clone(), open.id, "agree", "ok-or-household"));
        asks.push((f.member.clone(), open.id, "agree", "account"));
        asks.push((reps[0].clone(), not_online.id, "agree", "channel"));
        let mut tasks = Vec::new();
        for (who, matter, choice, _) in &asks {
            let (db, m, who, matter, choice) =
                (db.clone(), m.clone(), who.clone(), *matter, *choice);
            tasks.push(tokio::spawn(async move {
                online::vote(&m, &db, Some(&who), matter, choice, "", today()).await
            }));
        }
        let mut resident_counted = 0;
        for ((_, _, _, expected), task) in asks.iter().zip(tasks) {
            match (task.await?, *expected) {
                (Ok(_), "ok") => {}
                (Ok(_), "ok-or-household") => resident_counted += 1,
                (Err(e), "ok-or-household") => assert_eq!(field(&e), "household", "{e}"),
                (Err(e), want) => assert_eq!(field(&e), want, "{e}"),
                (Ok(_), want) => panic!("a vote that should be refused ({want}) was counted"),
            }
        }
        assert_eq!(resident_counted, 1, "the resident's household counts once");
        assert_eq!(rows(&db, "decision_votes").await, 5);
        // One audit entry per counted vote, none for the refused ones.
        assert_eq!(rows(&db, "audit_log").await, audit_before + 5);
        let t = close::close(&m, &db, Some(&f.officer), open.id, today()).await?;
        assert_eq!(t.participants, 5);
        Ok(())
    })
    .await;
}

#[tokio::test]
async fn refusals_name_the_reason_and_write_nothing() {
    each_engine(|db| async move {
        let f = setup(&db).await?;
        let m = module();
        let works = matters::create(
            &m,
            &db,
            Some(&f.head),
            &new_matter("T9-X-01", 1, Origin::VillageHead),
            today(),
        )
        .await?;
        let other = matters::create(
            &m,
            &db,
            Some(&f.head),
            &new_matter("T9-X-01", 6, Origin::VillageHead),
            today(),
        )
        .await?;
        let audit_before = rows(&db, "audit_log").await;
        // Online vote on matter 1: not allowed by the pack.
        let e = online::vote(&m, &db, Some(&f.resident), works.id, "agree", "", today())
            .await
            .unwrap_err();
        assert_eq!(field(&e), "channel");
        assert!(
            e.refusal()
                .unwrap()
                .en
                .contains("matter 1 may not be voted online"),
            "{e}"
        );
        // Online vote before more than half agreed to vote online.
        let e = online::vote(&m, &db, Some(&f.resident), other.id, "agree", "", today())
            .await
            .unwrap_err();
        assert!(
            e.refusal().unwrap().en.contains("0 of 9 households agreed"),
            "{e}"
        );
        online::record_consent(&m, &db, Some(&f.officer), other.id, &village(1, 4), today())
            .await?;
        let e = online::vote(&m, &db, Some(&f.resident), other.id, "agree", "", today())
            .await
            .unwrap_err();
        assert!(
            e.refusal()
                .unwrap()
                .en
                .contains("Not passed: 4 of 9 households agreed (44.4 %); more than 1/2 of all households needed"),
            "{e}"
        );
        let audit_mid = rows(&db, "audit_log").await;
        // A member who is not the representative.
        online::record_consent(&m, &db, Some(&f.officer), other.id, &village(1, 5), today())
            .await?;
        let e = online::vote(&m, &db, Some(&f.member), other.id, "agree", "", today())
            .await
            .unwrap_err();
        assert_eq!(field(&e), "account");
        assert!(
            e.refusal().unwrap().en.contains("only the representative"),
            "{e}"
        );
        // Another opinion without its text.
        let e = online::vote(&m, &db, Some(&f.resident), other.id, "other", " ", today())
            .await
            .unwrap_err();
        assert_eq!(field(&e), "opinion");
        let e = online::vote(&m, &db, Some(&f.resident), other.id, "maybe", "", today())
            .await
            .unwrap_err();
        assert_eq!(field(&e), "choice");
        // A household of another thôn, an unknown household, one not present at a meeting.
        meeting(&db, &f, works.id, "T9-X-01", &[code(1, 2)]).await?;
        let e = votes::record(
            &module(),
            &db,
            Some(&f.officer),
            works.id,
            &vote("T9-Y-01-0001", "meeting", "agree"),
            today(),
        )
        .await
        .unwrap_err();
        assert!(
            e.refusal().unwrap().en.contains("is not in Thôn Một"),
            "{e}"
        );
        let e = votes::record(
            &module(),
            &db,
            Some(&f.officer),
            works.id,
            &vote(&code(2, 1), "meeting", "agree"),
            today(),
        )
        .await
        .unwrap_err();
        assert!(
            e.refusal().unwrap().en.contains("is not in Thôn Một"),
            "{e}"
        );
        let e = votes::record(
            &module(),
            &db,
            Some(&f.officer),
            works.id,
            &vote("NOPE", "meeting", "agree"),
            today(),
        )
        .await
        .unwrap_err();
        assert_eq!(field(&e), "household");
        let e = votes::record(
            &module(),
            &db,
            Some(&f.officer),
            works.id,
            &vote(&code(1, 3), "meeting", "agree"),
            today(),
        )
        .await
        .unwrap_err();
        assert!(
            e.refusal().unwrap().en.contains("not recorded present"),
            "{e}"
        );
        let e = votes::record(
            &module(),
            &db,
            Some(&f.officer),
            works.id,
            &vote(&code(1, 2), "pigeon", "agree"),
            today(),
        )
        .await
        .unwrap_err();
        assert_eq!(field(&e), "channel");
        // A paper ballot before any plan.
        let e = votes::record(
            &module(),
            &db,
            Some(&f.front),
            works.id,
            &vote(&code(1, 2), "ballot", "agree"),
            today(),
        )
        .await
        .unwrap_err();
        assert!(
            e.refusal().unwrap().en.contains("no household ballot plan"),
            "{e}"
        );
        assert_eq!(rows(&db, "decision_votes").await, 0, "nothing written");
        // After closing.
        close::close(&m, &db, Some(&f.officer), works.id, today()).await?;
        let e = votes::record(
            &module(),
            &db,
            Some(&f.officer),
            works.id,
            &vote(&code(1, 2), "meeting", "agree"),
            today(),
        )
        .await
        .unwrap_err();
        assert!(
            e.refusal().unwrap().en.contains("closed on 15/09/2025"),
            "{e}"
        );
        let e = close::close(&m, &db, Some(&f.officer), works.id, today())
            .await
            .unwrap_err();
        assert_eq!(field(&e), "matter");
        assert_eq!(rows(&db, "decision_votes").await, 0);
        // Refusals are not audited as changes; the successful steps are.
        assert_eq!(audit_mid, audit_before + 1, "only the consent was written");
        // Bad matter input.
        let mut bad = new_matter("T9-X-01", 7, Origin::VillageHead);
        let e = matters::create(&m, &db, Some(&f.head), &bad, today())
            .await
            .unwrap_err();
        assert_eq!(field(&e), "matter");
        bad.matter = 1;
        bad.title = "  ".into();
        assert_eq!(
            field(
                &matters::create(&m, &db, Some(&f.head), &bad, today())
                    .await
                    .unwrap_err()
            ),
            "title"
        );
        bad.title = "Đường".into();
        bad.origin = Origin::Chairman;
        assert_eq!(
            field(
                &matters::create(&m, &db, Some(&f.head), &bad, today())
                    .await
                    .unwrap_err()
            ),
            "origin"
        );
        Ok(())
    })
    .await;
}

#[tokio::test]
async fn paper_ballots_count_after_a_second_check_by_someone_else() {
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
        plan_ballots(&db, &f, matter.id).await?;
        let r = votes::record(
            &module(),
            &db,
            Some(&f.front),
            matter.id,
            &vote(&code(1, 4), "ballot", "agree"),
            today(),
        )
        .await?;
        assert!(r.awaiting_check);
        let e = votes::confirm(&db, Some(&f.front), matter.id, &code(1, 4))
            .await
            .unwrap_err();
        assert!(e.refusal().unwrap().en.contains("cannot check it"), "{e}");
        let e = close::close(&m, &db, Some(&f.officer), matter.id, today())
            .await
            .unwrap_err();
        assert!(
            e.refusal()
                .unwrap()
                .en
                .contains("1 ballots have not been checked"),
            "{e}"
        );
        let t = close::tally(&m, &db, &matter, today()).await?;
        assert_eq!((t.agree, t.unchecked_ballots), (0, 1));
        votes::confirm(&db, Some(&f.front2), matter.id, &code(1, 4)).await?;
        let t = close::close(&m, &db, Some(&f.officer), matter.id, today()).await?;
        assert_eq!(t.agree, 1);
        crate::thresholds::same_as_running(&db, &t).await?;
        Ok(())
    })
    .await;
}

#[tokio::test]
async fn least_privilege_by_unit() {
    each_engine(|db| async move {
        let f = setup(&db).await?;
        let m = module();
        let input = new_matter("T9-X-01", 1, Origin::VillageHead);
        let e = matters::create(&m, &db, Some(&f.outsider), &input, today())
            .await
            .unwrap_err();
        assert!(matches!(e, Error::Denied(Denied::OutOfScope)));
        let e = matters::create(&m, &db, Some(&f.head2), &input, today())
            .await
            .unwrap_err();
        assert!(
            matches!(e, Error::Denied(Denied::OutOfScope)),
            "a village head of another thôn"
        );
        let e = matters::create(&m, &db, Some(&f.resident), &input, today())
            .await
            .unwrap_err();
        assert!(matches!(e, Error::Denied(Denied::OutOfScope)));
        let e = matters::create(&m, &db, None, &input, today())
            .await
            .unwrap_err();
        assert!(matches!(e, Error::Denied(Denied::NotSignedIn)));
        let matter = matters::create(&m, &db, Some(&f.head), &input, today()).await?;
        let e = votes::record(
            &module(),
            &db,
            Some(&f.resident),
            matter.id,
            &vote(&code(1, 2), "meeting", "agree"),
            today(),
        )
        .await
        .unwrap_err();
        assert!(matches!(e, Error::Denied(Denied::OutOfScope)));
        let e = close::close(&m, &db, Some(&f.front), matter.id, today())
            .await
            .unwrap_err();
        assert!(
            matches!(e, Error::Denied(Denied::OutOfScope)),
            "the Front work team does not close"
        );
        let e = close::close(&m, &db, Some(&f.outsider), matter.id, today())
            .await
            .unwrap_err();
        assert!(matches!(e, Error::Denied(Denied::OutOfScope)));
        assert_eq!(rows(&db, "decision_matters").await, 1);
        Ok(())
    })
    .await;
}
