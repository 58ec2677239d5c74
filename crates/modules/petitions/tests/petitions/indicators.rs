//! The batch indicators (a province review asks every commune at once) give the same answers
//! as one unit at a time, for every indicator and for whole months, a year and a part of a
//! month; missing stays missing; the monthly summary kept by each write equals one rebuilt
//! from the cases.

use dinh_petitions::indicators::{ALL, value, values};
use dinh_petitions::kinds::CaseKind;
use dinh_petitions::store::actions::{Action, apply};
use dinh_petitions::store::{cases, summary, system_principal};
use dinh_platform::db::{Db, query};
use dinh_platform::module::{Module, Period};

use crate::support::*;

type SummaryRow = (i64, String, i64, i64, i64, i64, i64, i64);

async fn summary_rows(db: &Db) -> Vec<SummaryRow> {
    db.fetch_all(&query("SELECT unit_id, month, received, complaints, denunciations, recommendations_reports, resolved, resolved_on_time FROM petition_unit_months ORDER BY unit_id, month")).await.unwrap()
}

#[tokio::test]
async fn batch_indicators_equal_one_unit_at_a_time() {
    each_engine(|db| async move {
        dinh_platform::demo::build(&db).await?;
        let m = module();
        m.demo(&db, d(2026, 11, 23)).await?;
        // A second commune of the same province with a few cases of its own.
        let commune = unit(&db, "00541").await;
        let province_id = commune.parent_id.unwrap();
        let other: i64 = db.scalar(&query("SELECT id FROM units WHERE parent_id = $1 AND id <> $2 ORDER BY code LIMIT 1").bind(province_id).bind(commune.id)).await?;
        let other_unit = dinh_platform::units::store::by_id(&db, other).await?.unwrap();
        let sys = system_principal("test");
        for (kind, on) in [(CaseKind::Complaint, d(2026, 10, 5)), (CaseKind::Report, d(2026, 10, 20)), (CaseKind::Recommendation, d(2026, 9, 1))] {
            let r = cases::receive(&m, &db, Some(&sys), &other_unit, new_case(kind, on)).await.unwrap();
            if kind == CaseKind::Recommendation {
                apply(&m, &db, Some(&sys), r.id, Action::Resolve { on: d(2026, 10, 30), answer: "Đã trả lời".into() }).await.unwrap();
            }
        }
        // Units asked about: the province, the two communes, every thôn, and a commune without data.
        let mut ids = vec![province_id, commune.id, other];
        ids.extend(db.fetch_all::<(i64,)>(&query("SELECT id FROM units WHERE parent_id = $1 ORDER BY code").bind(commune.id)).await?.into_iter().map(|r| r.0));
        let empty: i64 = db.scalar(&query("SELECT id FROM units WHERE parent_id = $1 AND id NOT IN ($2, $3) ORDER BY code LIMIT 1").bind(province_id).bind(commune.id).bind(other)).await?;
        ids.push(empty);
        let periods = [
            Period { from: d(2026, 1, 1), to: d(2026, 12, 31) },
            Period { from: d(2026, 10, 1), to: d(2026, 10, 31) },
            Period { from: d(2026, 11, 1), to: d(2026, 11, 30) },
            Period { from: d(2026, 10, 15), to: d(2026, 11, 20) },
            Period { from: d(2025, 1, 1), to: d(2025, 12, 31) },
        ];
        let mut some = 0;
        for p in periods {
            for i in ALL {
                let batch = values(&m, &db, i.key, &ids, p).await?;
                let through_trait = m.indicator_values(&db, i.key, &ids, p).await?;
                assert_eq!(batch, through_trait);
                for (n, id) in ids.iter().enumerate() {
                    let one = value(&m, &db, i.key, *id, p).await?;
                    assert_eq!(batch[n], one, "{} for unit {id} over {:?}", i.key, p);
                    some += usize::from(one.is_some());
                }
                assert_eq!(batch.last().copied().flatten(), None, "{}: a commune without data is missing, not 0", i.key);
            }
        }
        assert!(some > 60, "the comparison saw real figures: {some}");
        // Each rate names the counts it divides, and equals 100 × numerator ÷ denominator.
        let mut rates = 0;
        for p in periods {
            for i in ALL.iter().filter(|i| i.unit == "%") {
                let (num, den) = m.indicator_ratio(i.key).expect("every rate names its counts");
                let rate = values(&m, &db, i.key, &ids, p).await?;
                let nums = m.indicator_values(&db, num, &ids, p).await?;
                let dens = m.indicator_values(&db, den, &ids, p).await?;
                for (n, id) in ids.iter().enumerate() {
                    assert_eq!(nums[n], value(&m, &db, num, *id, p).await?);
                    let expected = match (nums[n], dens[n]) {
                        (Some(a), Some(b)) if b > 0.0 => Some(100.0 * a / b),
                        _ => None,
                    };
                    assert_eq!(rate[n], expected, "{} for unit {id} over {:?}", i.key, p);
                    rates += usize::from(expected.is_some());
                }
            }
        }
        assert!(rates > 10, "the rates were seen with data: {rates}");
        assert_eq!(m.indicator_ratio("petitions.received"), None);
        assert_eq!(values(&m, &db, "petitions.unknown", &ids, periods[0]).await?, vec![None; ids.len()]);
        // Every clock carries its case's unit.
        let astray: i64 = db.scalar(&query("SELECT COUNT(*) FROM petition_clocks k JOIN petition_cases c ON c.id = k.case_id WHERE k.unit_id IS NULL OR k.unit_id <> c.unit_id")).await?;
        assert_eq!(astray, 0);
                // The summary kept by each write equals one rebuilt from the cases.
        let kept = summary_rows(&db).await;
        assert!(!kept.is_empty());
        summary::rebuild_summary(&db).await?;
        assert_eq!(summary_rows(&db).await, kept);
        Ok(())
    })
    .await;
}
