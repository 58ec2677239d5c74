//! The steering figures for many units at once give the same answers as one unit at a time,
//! missing stays missing, and overdue recognitions are counted.

use dinh_decisions::{DocumentInput, Origin, close, document, matters};
use dinh_platform::module::Period;
use dinh_platform::units::store::by_code;

use crate::support::*;

#[tokio::test]
async fn indicator_values_for_many_units_match_one_by_one() {
    each_engine(|db| async move {
        let f = setup(&db).await?;
        let m = module();
        // Thôn Một passes a matter 5 (recognised by the Front), Thôn Hai fails a matter 1.
        let five = matters::create(
            &m,
            &db,
            Some(&f.head),
            &new_matter("T9-X-01", 5, Origin::VillageHead),
            today(),
        )
        .await?;
        meeting_votes(&db, &f, five.id, "T9-X-01", &village(1, 7), 6).await?;
        close::close(&m, &db, Some(&f.officer), five.id, today()).await?;
        let one = matters::create(
            &m,
            &db,
            Some(&f.head2),
            &new_matter("T9-X-02", 1, Origin::VillageHead),
            today(),
        )
        .await?;
        meeting_votes(&db, &f, one.id, "T9-X-02", &village(2, 4), 2).await?;
        close::close(&m, &db, Some(&f.officer), one.id, today()).await?;
        let input = DocumentInput {
            held_on: "15/09/2025".into(),
            decision: "Bầu ông Lê Văn Cường".into(),
            village_head: "Nguyễn Văn Thành".into(),
            front_head: "Phạm Thị Hòa".into(),
            household_rep_1: "Vũ Thị Lan".into(),
            household_rep_2: "Đỗ Văn Nam".into(),
        };
        document::create(&m, &db, Some(&f.officer), five.id, &input).await?;
        // Sent 19/09/2025: recognition due 26/09/2025, never given.
        document::sent(&m, &db, Some(&f.officer), five.id, "19/09/2025").await?;

        let mut ids = Vec::new();
        for code in ["T9", "T9-X", "T9-X-01", "T9-X-02", "T9-X-03", "T9-Y"] {
            ids.push(by_code(&db, code).await?.unwrap().id);
        }
        let period = Period {
            from: day(2025, 1, 1),
            to: day(2025, 12, 31),
        };
        let reg = registry();
        for key in [
            "decisions.matters_decided",
            "decisions.pass_rate",
            "decisions.participation",
            "decisions.overdue_recognitions",
        ] {
            let many = reg.indicator_values(&db, key, &ids, period).await?;
            let mut one = Vec::new();
            for id in &ids {
                one.push(reg.indicator_value(&db, key, *id, period).await?);
            }
            assert_eq!(many, one, "{key}");
            assert_eq!(many[4], None, "{key}: Thôn Ba decided nothing");
            assert_eq!(many[5], None, "{key}: another commune");
        }
        let decided = reg
            .indicator_values(&db, "decisions.matters_decided", &ids, period)
            .await?;
        assert_eq!(decided[..4], [Some(2.0), Some(2.0), Some(1.0), Some(1.0)]);
        let pass = reg
            .indicator_values(&db, "decisions.pass_rate", &ids, period)
            .await?;
        assert_eq!(pass[..4], [Some(50.0), Some(50.0), Some(100.0), Some(0.0)]);
        // The rates name the counts they divide, which the module answers like any figure.
        let m_ = module();
        let (num, den) =
            dinh_platform::module::Module::indicator_ratio(&m_, "decisions.pass_rate").unwrap();
        assert_eq!(
            dinh_platform::module::Module::indicator_values(&m_, &db, num, &ids, period).await?
                [..5],
            [Some(1.0), Some(1.0), Some(1.0), Some(0.0), None]
        );
        assert_eq!(
            dinh_platform::module::Module::indicator_values(&m_, &db, den, &ids, period).await?
                [..4],
            [Some(2.0), Some(2.0), Some(1.0), Some(1.0)]
        );
        let (num, den) =
            dinh_platform::module::Module::indicator_ratio(&m_, "decisions.participation").unwrap();
        assert_eq!(
            dinh_platform::module::Module::indicator_values(&m_, &db, num, &ids, period).await?
                [..4],
            [Some(11.0), Some(11.0), Some(7.0), Some(4.0)]
        );
        assert_eq!(
            dinh_platform::module::Module::indicator_values(&m_, &db, den, &ids, period).await?
                [..4],
            [Some(13.0), Some(13.0), Some(9.0), Some(4.0)]
        );
        assert_eq!(
            dinh_platform::module::Module::indicator_ratio(&m_, "decisions.matters_decided"),
            None
        );
        let overdue = reg
            .indicator_values(&db, "decisions.overdue_recognitions", &ids, period)
            .await?;
        assert_eq!(
            overdue[..4],
            [Some(1.0), Some(1.0), Some(1.0), None],
            "Thôn Hai had no recognition due"
        );
        // Recognised late still counts as overdue; another year has no figure.
        document::recognise(&db, Some(&f.officer), five.id, day(2025, 10, 1), None).await?;
        assert_eq!(
            reg.indicator_value(&db, "decisions.overdue_recognitions", ids[2], period)
                .await?,
            Some(1.0)
        );
        let next = Period {
            from: day(2026, 1, 1),
            to: day(2026, 12, 31),
        };
        assert_eq!(
            reg.indicator_values(&db, "decisions.overdue_recognitions", &ids, next)
                .await?,
            vec![None; 6]
        );
        assert!(
            reg.indicator_values(&db, "decisions.nonsense", &ids, period)
                .await
                .is_err()
        );
        Ok(())
    })
    .await;
}
