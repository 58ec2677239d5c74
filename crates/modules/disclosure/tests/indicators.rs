//! The steering-report figures of the register on SQLite and, when `DINH_TEST_POSTGRES_URL` is
//! set, PostgreSQL: many units at once give what each unit gives alone and what the register's
//! own totals give; rates divide the counts they name; no data stays missing, never zero.
#![allow(clippy::unwrap_used, clippy::expect_used, missing_docs)]

#[allow(dead_code)]
#[path = "disclosure/support.rs"]
mod support;

use dinh_disclosure::store::{self, Actor};
use dinh_platform::module::{Module, Period};
use dinh_platform::units::store::by_code;
use support::*;

const KEYS: [&str; 6] = [
    "disclosure.published",
    "disclosure.on_time_rate",
    "disclosure.channel_completeness",
    "disclosure.missing_recurring",
    "disclosure.on_time",
    "disclosure.complete",
];

#[tokio::test]
async fn many_units_at_once_agree_with_each_alone_and_missing_stays_missing() {
    dinh_platform::testing::each_engine(&registry(), |db| async move {
        let w = world(&db).await;
        let m = module();
        // Commune one: three on time, one late (published after the due date).
        for (decided, published) in [
            (d(2026, 3, 6), d(2026, 3, 9)),
            (d(2026, 3, 6), d(2026, 3, 10)),
            (d(2026, 4, 2), d(2026, 4, 3)),
            (d(2026, 3, 6), d(2026, 3, 20)),
        ] {
            publish(&db, &w, draft(7, decided, published), vec![]).await?;
        }
        // Commune two: one on time, by its own officer.
        let other = by_code(&db, "91002").await?.unwrap();
        store::publish(
            &db,
            &m,
            &w.dir,
            1 << 20,
            Actor::Person(&w.stranger),
            &other,
            draft(7, d(2026, 3, 2), d(2026, 3, 3)),
            vec![],
        )
        .await?;
        let codes = ["91", "91001", "91001-01", "91002", "91002-01"];
        let mut ids = Vec::new();
        for code in codes {
            ids.push(by_code(&db, code).await?.unwrap().id);
        }
        // Whole months (from the monthly summary) and any other days (from the register).
        let whole = Period {
            from: d(2026, 3, 1),
            to: d(2026, 4, 30),
        };
        let days = Period {
            from: d(2026, 3, 2),
            to: d(2026, 4, 29),
        };
        for period in [whole, days] {
            for key in KEYS {
                let batch = m.indicator_values(&db, key, &ids, period).await?;
                assert_eq!(batch.len(), ids.len());
                for (i, id) in ids.iter().enumerate() {
                    let alone = m.indicator_value(&db, key, *id, period).await?;
                    assert_eq!(batch[i], alone, "{key} of {} over {period:?}", codes[i]);
                }
                // The same unit twice, in another order, gives the same answers.
                let again = m
                    .indicator_values(&db, key, &[ids[3], ids[0], ids[3]], period)
                    .await?;
                assert_eq!(again, vec![batch[3], batch[0], batch[3]]);
            }
            let published = m
                .indicator_values(&db, "disclosure.published", &ids, period)
                .await?;
            assert_eq!(published, vec![Some(5.0), Some(4.0), None, Some(1.0), None]);
            // The register's own totals agree.
            for (i, id) in ids.iter().enumerate() {
                let totals = store::totals(&db, *id, period.from, period.to, period.to).await?;
                let n: i64 = totals.iter().map(|t| t.published).sum();
                assert_eq!(published[i].unwrap_or(0.0), n as f64, "{}", codes[i]);
            }
            let rate = m
                .indicator_values(&db, "disclosure.on_time_rate", &ids, period)
                .await?;
            assert_eq!(rate, vec![Some(80.0), Some(75.0), None, Some(100.0), None]);
        }
        // A rate divides the counts its module names, so it combines exactly.
        let (numerator, denominator) = m.indicator_ratio("disclosure.on_time_rate").unwrap();
        let n = m.indicator_values(&db, numerator, &ids, whole).await?;
        let dn = m.indicator_values(&db, denominator, &ids, whole).await?;
        assert_eq!((n[0], dn[0]), (Some(4.0), Some(5.0)));
        assert!(m.indicator_ratio("disclosure.published").is_none());
        // The units module's figures (households, thôn) agree too, many at once or alone.
        let units = dinh_platform::units::UnitsModule;
        for key in ["units.households", "units.communities"] {
            let batch = units.indicator_values(&db, key, &ids, whole).await?;
            for (i, id) in ids.iter().enumerate() {
                assert_eq!(
                    batch[i],
                    units.indicator_value(&db, key, *id, whole).await?,
                    "{key} of {}",
                    codes[i]
                );
            }
        }
        assert_eq!(
            units
                .indicator_values(&db, "units.communities", &ids, whole)
                .await?,
            vec![Some(4.0), Some(3.0), Some(1.0), Some(1.0), Some(1.0)]
        );
        // No units, no answers; a period without data: missing for every unit, never zero.
        assert!(
            m.indicator_values(&db, "disclosure.published", &[], whole)
                .await?
                .is_empty()
        );
        let empty = Period {
            from: d(2024, 1, 1),
            to: d(2024, 12, 31),
        };
        for key in KEYS {
            let v = m.indicator_values(&db, key, &ids, empty).await?;
            assert!(v.iter().all(Option::is_none), "{key}: {v:?}");
        }
        Ok(())
    })
    .await;
}
