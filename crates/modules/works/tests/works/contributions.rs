//! A work from its decision to its accounts: every household of the thôn on the decision day
//! owes its share by the rule, exemptions and reductions with their reasons, payments in cash
//! and labour days, a correction as a new entry, a CSV import, the totals.

use dinh_platform::write::Actor;
use dinh_works::store::{self, CorrectionInput, PledgeInput, ReductionInput, SpendingInput};

use crate::support::{cash, each_engine, module, road_work, rows, setup};

#[tokio::test]
async fn each_household_of_the_day_owes_its_share_and_pays_in_cash_or_labour() {
    each_engine(|db| async move {
        let f = setup(&db).await?;
        let head = Actor::Person(&f.head);
        let id = road_work(&db, &f).await?;
        let accounts = store::accounts(&db, id).await?;
        let owed: Vec<(&str, i64)> = accounts
            .iter()
            .map(|a| (a.household_code.as_str(), a.owed))
            .collect();
        // H4 was formed after the decision day, H9 lives in another thôn.
        assert_eq!(
            owed,
            vec![("H1", 1_500_000), ("H2", 500_000), ("H3", 1_000_000)]
        );
        assert_eq!(
            rows(&db, "audit_log WHERE action = 'works.record'").await,
            1
        );

        store::record_reduction(
            &db,
            head,
            id,
            &ReductionInput {
                household_code: "H2".into(),
                kind: "exempt".into(),
                reason: "Hộ nghèo năm 2025".into(),
                ..ReductionInput::default()
            },
        )
        .await?;
        store::record_reduction(
            &db,
            head,
            id,
            &ReductionInput {
                household_code: "H3".into(),
                kind: "reduce".into(),
                amount: "400.000".into(),
                reason: "Gia đình chính sách".into(),
            },
        )
        .await?;
        store::pledge(
            &db,
            head,
            id,
            &PledgeInput {
                household_code: "H1".into(),
                amount: "1.500.000".into(),
                pledged_on: "12/06/2025".into(),
            },
        )
        .await?;

        store::pay(&db, head, id, &cash("H1", "PT-001", "1.000.000")).await?;
        store::pay(
            &db,
            head,
            id,
            &store::PaymentInput {
                household_code: "H1".into(),
                receipt_no: "PT-002".into(),
                kind: "labour".into(),
                days: "2,5".into(),
                paid_on: "21/06/2025".into(),
                ..store::PaymentInput::default()
            },
        )
        .await?;
        let wrong = store::pay(&db, head, id, &cash("H3", "PT-003", "300.000")).await?;

        let h1 = store::account(&db, id, "H1").await?.unwrap();
        assert_eq!(
            (h1.paid, h1.pledged, h1.balance()),
            (1_500_000, 1_500_000, 0)
        );

        // The receipt PT-003 should have said 200.000: a new entry, the old one kept.
        let fix = store::correct(
            &db,
            head,
            wrong,
            &CorrectionInput {
                right: "200.000".into(),
                receipt_no: "PT-003-DC".into(),
                note: "Ghi nhầm số tiền".into(),
            },
        )
        .await?;
        let original = store::payment(&db, wrong).await?.unwrap();
        assert_eq!(
            original.amount, 300_000,
            "the corrected entry is never changed"
        );
        let correction = store::payment(&db, fix).await?.unwrap();
        assert_eq!(
            (correction.amount, correction.corrects_id),
            (-100_000, Some(wrong))
        );
        let h3 = store::account(&db, id, "H3").await?.unwrap();
        assert_eq!(
            (h3.due(), h3.paid, h3.balance()),
            (600_000, 200_000, 400_000)
        );

        store::record_spending(
            &db,
            head,
            id,
            &SpendingInput {
                item: "Xi măng".into(),
                amount: "1.200.000".into(),
                spent_on: "25/06/2025".into(),
                document: "Hóa đơn 0012".into(),
            },
        )
        .await?;
        let t = store::totals(&db, id).await?;
        assert_eq!(
            (t.households, t.owed, t.reduced, t.due()),
            (3, 3_000_000, 900_000, 2_100_000)
        );
        assert_eq!(
            (t.cash, t.labour, t.labour_tenths),
            (1_200_000, 500_000, 25)
        );
        assert_eq!(
            (t.collected(), t.spent, t.balance()),
            (1_700_000, 1_200_000, 500_000)
        );
        // H1 paid in full, H3 in part; H2 is exempt and owes nothing.
        assert_eq!(
            (t.paid_full, t.paid_part, t.unpaid, t.reduced_households),
            (1, 1, 0, 2)
        );
        Ok(())
    })
    .await;
}

#[tokio::test]
async fn a_good_file_of_payments_is_recorded_with_an_audit_entry_each() {
    each_engine(|db| async move {
        let f = setup(&db).await?;
        let id = road_work(&db, &f).await?;
        let csv = "household_code,receipt_no,paid_on,kind,amount,days,note\n\
                   H1,N-01,20/06/2025,cash,500.000,,\n\
                   H1,N-02,20/06/2025,labour,,1,\n\
                   H3,N-03,21/06/2025,,1.000.000,,\n";
        let summary =
            store::import_payments(&db, Actor::Person(&f.officer), id, csv.as_bytes()).await?;
        assert_eq!((summary.payments, summary.amount), (3, 1_700_000));
        assert_eq!(
            rows(&db, "audit_log WHERE action = 'works.import_payment'").await,
            3
        );
        assert_eq!(store::account(&db, id, "H3").await?.unwrap().balance(), 0);
        Ok(())
    })
    .await;
}

#[tokio::test]
async fn the_figures_count_households_owing_and_paid_in_full() {
    use dinh_platform::module::{Module, Period};
    each_engine(|db| async move {
        let f = setup(&db).await?;
        let head = Actor::Person(&f.head);
        let id = road_work(&db, &f).await?;
        store::pay(&db, head, id, &cash("H2", "PT-1", "500.000")).await?;
        store::pay(&db, head, id, &cash("H3", "PT-2", "100.000")).await?;
        let commune = dinh_platform::units::store::by_code(&db, "T9-X")
            .await?
            .unwrap();
        let m = module();
        let period = |y, mo, d| Period {
            from: chrono::NaiveDate::from_ymd_opt(2025, 1, 1).unwrap(),
            to: chrono::NaiveDate::from_ymd_opt(y, mo, d).unwrap(),
        };
        let v = async |key: &'static str, p: Period| {
            m.indicator_value(&db, key, commune.id, p).await.unwrap()
        };
        let end = period(2025, 12, 31);
        assert_eq!(v("works.in_progress", end).await, Some(1.0));
        assert_eq!(v("works.households_due", end).await, Some(3.0));
        assert_eq!(v("works.households_paid", end).await, Some(1.0));
        let rate = v("works.households_paid_rate", end).await.unwrap();
        assert!((rate - 100.0 / 3.0).abs() < 1e-9, "{rate}");
        assert_eq!(
            m.indicator_ratio("works.households_paid_rate"),
            Some(("works.households_paid", "works.households_due"))
        );
        // Before the payments (20/06/2025) nobody had paid; before the decision, no work.
        assert_eq!(v("works.households_paid", period(2025, 6, 15)).await, None);
        assert_eq!(v("works.in_progress", period(2025, 6, 1)).await, None);
        Ok(())
    })
    .await;
}

#[tokio::test]
async fn published_accounts_raise_the_disclosure_duty_of_the_pack() {
    use dinh_platform::module::Module;
    each_engine(|db| async move {
        let f = setup(&db).await?;
        let m = module();
        let id = road_work(&db, &f).await?;
        assert!(
            m.duties_since(&db, "").await?.is_empty(),
            "nothing before publication"
        );
        let (field, _) = crate::support::refusal(
            store::publish_accounts(&m, &db, Actor::Person(&f.head), id, "01/06/2025")
                .await
                .unwrap_err(),
        );
        assert_eq!(field, "on", "not before the decision");
        store::publish_accounts(&m, &db, Actor::Person(&f.head), id, "05/07/2025").await?;
        let duties = m.duties_since(&db, "").await?;
        assert_eq!(duties.len(), 1);
        let d = &duties[0];
        assert_eq!(
            (d.category, d.origin.as_str()),
            (5, format!("works:{id}").as_str())
        );
        assert_eq!(
            d.arose_on,
            chrono::NaiveDate::from_ymd_opt(2025, 7, 5).unwrap()
        );
        assert_eq!(d.link, format!("/works/{id}"));
        assert!(m.duties_since(&db, "9999").await?.is_empty());
        Ok(())
    })
    .await;
}
