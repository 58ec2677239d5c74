//! The demonstration holds the four cases the issue asks for.

use dinh_platform::db::query;

use crate::support::*;

#[tokio::test]
async fn the_demo_holds_ballots_a_failed_online_vote_a_re_vote_and_a_recognised_huong_uoc() {
    each_engine(|db| async move {
        dinh_platform::demo::build(&db).await?;
        registry().demo(&db, day(2026, 11, 20)).await?;
        let rows: Vec<(i64, String, bool, Option<i64>, String)> = db
            .fetch_all(&query("SELECT matter, kind, passed, revote_of, result_en FROM decision_matters ORDER BY opened_on, id"))
            .await?;
        let find = |matter: i64, kind: &str| rows.iter().filter(|r| r.0 == matter && r.1 == kind).collect::<Vec<_>>();
        let works = find(1, "question");
        assert!(works.len() == 1 && works[0].2, "{rows:?}");
        let online = find(6, "question");
        assert!(online.len() == 1 && !online[0].2, "{rows:?}");
        let elections = find(4, "election");
        assert_eq!(elections.len(), 2);
        assert!(!elections[0].2 && elections[1].2 && elections[1].3.is_some(), "{rows:?}");
        let covenant: (String, Option<String>) = db
            .fetch_optional(&query("SELECT status, recognised_on FROM decision_covenants"))
            .await?
            .unwrap();
        assert_eq!(covenant.0, "recognised");
        let ballots: i64 = db.scalar(&query("SELECT COUNT(*) FROM decision_votes WHERE channel = 'ballot'")).await?;
        assert!(ballots > 20);
        assert!(dinh_platform::audit::verify(&db).await?.findings.is_empty());
        Ok(())
    })
    .await;
}
