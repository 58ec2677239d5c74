//! The demonstration holds the four cases the issue asks for.

use dinh_platform::db::query;

use crate::support::*;

/// A matter as the demo left it: number, kind, passed, re-vote of, English result.
type MatterRow = (i64, String, Option<bool>, Option<i64>, Option<String>);

#[tokio::test]
async fn the_demo_holds_ballots_a_failed_online_vote_a_re_vote_and_a_recognised_huong_uoc() {
    each_engine(|db| async move {
        dinh_platform::demo::build(&db).await?;
        registry().demo(&db, day(2026, 11, 20)).await?;
        let rows: Vec<MatterRow> = db
            .fetch_all(&query("SELECT matter, kind, passed, revote_of, result_en FROM decision_matters ORDER BY opened_on, id"))
            .await?;
        let find = |matter: i64, kind: &str| rows.iter().filter(|r| r.0 == matter && r.1 == kind).collect::<Vec<_>>();
        let works = find(1, "question");
        assert!(works.len() == 1 && works[0].2 == Some(true), "{rows:?}");
        // Matter 6 twice: the failed online vote, closed, and one still open for the walk.
        let online = find(6, "question");
        let closed: Vec<_> = online.iter().filter(|r| r.2.is_some()).collect();
        assert!(online.len() == 2 && closed.len() == 1 && closed[0].2 == Some(false), "{rows:?}");
        let elections = find(4, "election");
        assert_eq!(elections.len(), 2);
        assert!(elections[0].2 == Some(false) && elections[1].2 == Some(true) && elections[1].3.is_some(), "{rows:?}");
        // One matter still open, with no result yet.
        let open = find(2, "question");
        assert!(open.len() == 1 && open[0].2.is_none() && open[0].4.is_none(), "{rows:?}");
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
