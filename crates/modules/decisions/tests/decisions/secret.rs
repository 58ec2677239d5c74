//! Secret ballots: no link to the household, a separate register, boxes equal to it, changes detected.

use dinh_decisions::{Origin, SecretCount, close, matters, secret, votes};
use dinh_platform::db::query;

use crate::support::*;

fn count(unit: &str, agree: u32, disagree: u32) -> SecretCount {
    SecretCount {
        unit_code: unit.into(),
        agree,
        disagree,
        board: vec!["A".into(), "B".into(), "C".into()],
        witnesses: vec!["Hộ 1".into(), "Hộ 2".into()],
        ..SecretCount::default()
    }
}

#[tokio::test]
async fn secret_ballots_are_apart_from_the_register_and_must_match_it() {
    each_engine(|db| async move {
        let f = setup(&db).await?;
        let m = module();
        let mut input = new_matter("T9-X-01", 6, Origin::VillageHead);
        input.secret = true;
        let matter = matters::create(&m, &db, Some(&f.head), &input, today()).await?;
        let present = village(1, 6);
        meeting(&db, &f, matter.id, "T9-X-01", &present).await?;
        // Recording a choice with the household is refused for a secret vote.
        let e = votes::record(&module(), &db, Some(&f.officer), matter.id, &vote(&present[0], "meeting", "agree"), today()).await.unwrap_err();
        assert_eq!(e.refusal().unwrap().field, "choice");
        for h in &present {
            votes::record(&module(), &db, Some(&f.officer), matter.id, &vote(h, "meeting", ""), today()).await?;
        }
        let choices: Vec<Option<String>> = db.fetch_all::<(Option<String>,)>(&query("SELECT choice FROM decision_votes")).await?
            .into_iter().map(|r| r.0).collect();
        assert!(choices.iter().all(Option::is_none), "the register holds no choice");
        // The box: a count that does not equal the register is refused, nothing written.
        let e = secret::record_count(&m, &db, Some(&f.officer), matter.id, &count("T9-X-01", 4, 1)).await.unwrap_err();
        assert!(e.refusal().unwrap().en.contains("the ballots (5) differ from the households that took part (6)"), "{e}");
        assert_eq!(rows(&db, "decision_secret_ballots").await, 0);
        // Board size and witnesses come from the pack.
        let mut small = count("T9-X-01", 5, 1);
        small.board.truncate(2);
        assert_eq!(secret::record_count(&m, &db, Some(&f.officer), matter.id, &small).await.unwrap_err().refusal().unwrap().field, "board");
        let mut lone = count("T9-X-01", 5, 1);
        lone.witnesses.truncate(1);
        assert_eq!(secret::record_count(&m, &db, Some(&f.officer), matter.id, &lone).await.unwrap_err().refusal().unwrap().field, "witnesses");
        // Closing before the box is counted is refused.
        let e = close::close(&m, &db, Some(&f.officer), matter.id, today()).await.unwrap_err();
        assert_eq!(e.refusal().unwrap().field, "count");
        secret::record_count(&m, &db, Some(&f.officer), matter.id, &count("T9-X-01", 5, 1)).await?;
        // The ballots table has no household column at all, and no time.
        let cols: Vec<(i64, i64, i64, String)> = db.fetch_all(&query("SELECT * FROM decision_secret_ballots")).await?;
        assert_eq!(cols.len(), 6);
        let t = close::close(&m, &db, Some(&f.officer), matter.id, today()).await?;
        assert!(t.passed, "5 of 9 > 1/2: {}", t.explanation_en);
        assert_eq!((t.agree, t.participants), (5, 6));
        crate::thresholds::same_as_running(&db, &t).await?;
        assert!(secret::verify(&db, matter.id).await?);
        // A ballot changed behind the application's back is detected.
        db.execute(&query("UPDATE decision_secret_ballots SET choice = 'disagree' WHERE id = (SELECT MIN(id) FROM decision_secret_ballots WHERE choice = 'agree')")).await?;
        assert!(!secret::verify(&db, matter.id).await?);
        // The audit of a secret vote records participation, never the choice.
        let entries: Vec<(String,)> = db.fetch_all(&query("SELECT after_json FROM audit_log WHERE action = 'decisions.vote'")).await?;
        assert!(entries.iter().all(|(j,)| j.contains("\"choice\":null")), "{entries:?}");
        Ok(())
    })
    .await;
}
