//! The demo: a month of receptions (one head compliant, one not), every kind of case in every
//! state including an extended denunciation, a settled mediation, an overdue commitment.

use dinh_platform::db::query;
use dinh_platform::module::{Module, Period};

use crate::support::*;

#[tokio::test]
async fn the_demo_holds_every_state() {
    each_engine(|db| async move {
        dinh_platform::demo::build(&db).await?;
        let m = module();
        let today = d(2026, 11, 23);
        m.demo(&db, today).await?;
        let kinds: Vec<(String, i64)> = db.fetch_all(&query("SELECT kind, COUNT(*) FROM petition_cases GROUP BY kind ORDER BY kind")).await?;
        assert_eq!(kinds.len(), 5, "{kinds:?}");
        for status in ["received", "accepted", "extended", "resolved", "rejected", "transferred", "joined"] {
            let n: i64 = db.scalar(&query("SELECT COUNT(*) FROM petition_cases WHERE status = $1").bind(status)).await?;
            assert!(n > 0, "no case {status}");
        }
        let overdue: i64 = db.scalar(&query("SELECT COUNT(*) FROM petition_cases WHERE is_open = TRUE AND next_due < '2026-11-23'")).await?;
        assert!(overdue >= 2, "{overdue}");
        let extended_den: i64 = db.scalar(&query("SELECT COUNT(*) FROM petition_cases WHERE kind = 'denunciation' AND status = 'extended' AND protected = TRUE")).await?;
        assert_eq!(extended_den, 1);
        let commune = unit(&db, "00541").await;
        let rows = dinh_petitions::store::reception::compliance(&m, &db, &commune, d(2026, 10, 1)).await?;
        assert_eq!(rows.len(), 2);
        assert!(rows.iter().any(|r| r.position == "commune_chairman" && r.compliant), "{rows:?}");
        assert!(rows.iter().any(|r| r.position == "commune_party_secretary" && !r.compliant), "{rows:?}");
        let year = Period { from: d(2026, 1, 1), to: d(2026, 12, 31) };
        for i in dinh_petitions::indicators::ALL {
            let v = dinh_petitions::indicators::value(&m, &db, i.key, commune.id, year).await?;
            assert!(v.is_some(), "{} missing", i.key);
        }
        let kept = dinh_petitions::indicators::value(&m, &db, "petitions.commitments_kept_rate", commune.id, year).await?;
        assert!(kept.is_some_and(|k| k < 100.0), "an overdue commitment");
        // The officer's pages and the public schedule render.
        let v = sign_in(&db, Some("canbo.phudong@dinh.demo")).await;
        for uri in ["/units/00541/petitions", "/units/00541/petitions?state=overdue", "/units/00541/reception?month=2026-10", "/units/00541/community", "/units/00541/petitions/export/csv?state=all"] {
            let (s, body) = call(&db, &v, "GET", uri, None).await;
            assert!(s.is_success(), "{uri}: {s}");
            assert!(!body.contains("Phạm Văn Kín"), "{uri} shows the denouncer");
        }
        let (s, _) = call(&db, &nobody(), "GET", "/units/00541/reception/schedule", None).await;
        assert!(s.is_success());
        Ok(())
    })
    .await;
}
