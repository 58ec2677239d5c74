//! Review figures from the registry: roll-up, previous period, lineage, missing data.

use dinh_disclosure::store::{self as dstore, Draft};
use dinh_platform::units::store as units;
use dinh_steering::Actor;
use dinh_steering::report::{self, ReportPeriod};

use super::support::*;

#[tokio::test]
async fn review_figures_roll_up_compare_and_follow_lineage() {
    dinh_platform::testing::each_engine(&registry(), |db| async move {
        let w = world(&db).await;
        let reg = registry();
        let old_a = old(&db, "91001", "Xã Cũ An").await;
        let old_b = old(&db, "91001", "Xã Cũ Bình").await;
        let merged_in = old(&db, "91001", "Xã Cũ Đông").await;
        let gone_district = units::by_id(&db, old_a.parent_id.unwrap()).await?.unwrap();
        // 2024: 3 events in An (2 ok), 1 in Bình. H1 2025: 2 in Bình, 1 in Đông (from the old province).
        event(&db, old_a.id, d(2024, 3, 1), true).await;
        event(&db, old_a.id, d(2024, 5, 1), true).await;
        event(&db, old_a.id, d(2024, 8, 1), false).await;
        event(&db, old_b.id, d(2024, 9, 1), true).await;
        event(&db, old_b.id, d(2025, 2, 1), true).await;
        event(&db, old_b.id, d(2025, 3, 1), false).await;
        event(&db, merged_in.id, d(2025, 4, 1), true).await;
        // H2 2025 in the new commune's thôn.
        let thon = units::by_code(&db, "91001-01").await?.unwrap();
        event(&db, thon.id, d(2025, 9, 1), true).await;
        event(&db, thon.id, d(2025, 10, 1), true).await;

        // A 2024 report of a district that no longer exists.
        let f = report::figures_for(&db, &reg, &gone_district, ReportPeriod::year(2024)?).await?;
        let events = f.rows.iter().find(|r| r.key == "fake.events").unwrap();
        assert_eq!(events.value, Some(4.0));
        assert_eq!(events.previous, None, "no data in 2023: missing, not zero");
        assert_eq!(f.lower.len(), 3, "its communes");
        // Every indicator of every module is listed: the disclosure module's too (no data here).
        assert!(
            f.rows
                .iter()
                .any(|r| r.key == "disclosure.on_time_rate" && r.value.is_none())
        );
        assert!(f.rows.iter().any(|r| r.key == "fake.ok_rate"));

        // Periods that do not exist for a unit.
        let e = report::figures_for(&db, &reg, &gone_district, ReportPeriod::year(2026)?)
            .await
            .unwrap_err();
        assert_eq!(field(e), "period");
        let e = report::figures_for(&db, &reg, &w.commune, ReportPeriod::half(2025, 1)?)
            .await
            .unwrap_err();
        assert_eq!(field(e), "period");

        // The new commune's 2025: its own H2 plus what its three predecessors had in H1.
        let f = report::figures_for(&db, &reg, &w.commune, ReportPeriod::year(2025)?).await?;
        let events = f.rows.iter().find(|r| r.key == "fake.events").unwrap();
        assert_eq!(events.value, Some(5.0));
        assert_eq!(
            events.previous,
            Some(4.0),
            "2024 inherited from the old communes"
        );
        assert_eq!(f.inherited.len(), 3);
        let rate = f.rows.iter().find(|r| r.key == "fake.ok_rate").unwrap();
        assert!(rate.approximate);
        // Thôn rows: the first thôn has 2, the others no data.
        assert_eq!(f.lower[0].code, "91001-01");
        assert_eq!(f.lower[0].values[idx(&f, "fake.events")], Some(2.0));
        assert_eq!(f.lower[1].values[idx(&f, "fake.events")], None);

        // The province's 2025 includes the commune merged in from the old province.
        let f = report::figures_for(&db, &reg, &w.province, ReportPeriod::year(2025)?).await?;
        let events = f.rows.iter().find(|r| r.key == "fake.events").unwrap();
        assert_eq!(events.value, Some(5.0));
        assert_eq!(
            f.inherited.len(),
            1,
            "the old province merged in, counted once"
        );
        assert_eq!(f.inherited[0].name, "Tỉnh Cũ");
        let c = f.lower.iter().find(|l| l.code == "91001").unwrap();
        assert_eq!(c.values[idx(&f, "fake.events")], Some(5.0));
        // Q4 2025 against Q3 2025.
        let f = report::figures_for(&db, &reg, &w.commune, ReportPeriod::quarter(2025, 4)?).await?;
        let events = f.rows.iter().find(|r| r.key == "fake.events").unwrap();
        assert_eq!((events.value, events.previous), (Some(1.0), Some(1.0)));
        Ok(())
    })
    .await;
}

fn disclosure(decided: chrono::NaiveDate, published: chrono::NaiveDate) -> Draft {
    Draft {
        category: 7,
        title: "Kế hoạch sử dụng đất".into(),
        body: "Nội dung".into(),
        doc_number: "12/QĐ-UBND".into(),
        doc_date: decided,
        doc_issuer: "UBND xã".into(),
        decided_on: None,
        published_on: published,
        period_from: None,
        period_to: None,
        recurring: None,
    }
}

#[tokio::test]
async fn rates_with_counts_combine_exactly_across_lineage_and_per_lower_unit() {
    dinh_platform::testing::each_engine(&registry(), |db| async move {
        let w = world(&db).await;
        let reg = registry();
        let module = disclosure_module();
        let dir = std::env::temp_dir().join(format!("dinh-steering-{:x}", rand::random::<u64>()));
        let old_a = old(&db, "91001", "Xã Cũ An").await;
        let sys = Actor::System("test");
        // H1 2025 in the old commune: one on time, two late; H2 in the new commune: one on time.
        for (unit, decided, published) in [
            (&old_a, d(2025, 3, 6), d(2025, 3, 9)),
            (&old_a, d(2025, 3, 6), d(2025, 3, 25)),
            (&old_a, d(2025, 4, 1), d(2025, 4, 30)),
            (&w.commune, d(2025, 9, 8), d(2025, 9, 9)),
        ] {
            dstore::publish(
                &db,
                &module,
                &dir,
                1 << 20,
                sys,
                unit,
                disclosure(decided, published),
                vec![],
            )
            .await?;
        }
        let f = report::figures_for(&db, &reg, &w.commune, ReportPeriod::year(2025)?).await?;
        let rate = f
            .rows
            .iter()
            .find(|r| r.key == "disclosure.on_time_rate")
            .unwrap();
        // 2 of 4 on time: 50 %, not the mean of 33,3 % and 100 %; exact, so not marked.
        assert_eq!(rate.value, Some(50.0));
        assert!(!rate.approximate);
        assert_eq!(rate.previous, None, "nothing in 2024: missing, not zero");
        let published = f
            .rows
            .iter()
            .find(|r| r.key == "disclosure.published")
            .unwrap();
        assert_eq!(published.value, Some(4.0));
        // The province's row for the commune gives the same; the other commune has no data.
        let f = report::figures_for(&db, &reg, &w.province, ReportPeriod::year(2025)?).await?;
        let i = idx(&f, "disclosure.on_time_rate");
        let commune = f.lower.iter().find(|l| l.code == "91001").unwrap();
        assert_eq!(commune.values[i], Some(50.0));
        let other = f.lower.iter().find(|l| l.code == "91002").unwrap();
        assert_eq!(other.values[i], None);
        assert_eq!(other.values[idx(&f, "disclosure.published")], None);
        assert_eq!(f.rows[i].value, Some(50.0));
        Ok(())
    })
    .await;
}
