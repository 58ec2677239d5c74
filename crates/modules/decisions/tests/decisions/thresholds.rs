//! Every threshold at its boundary, against all households (not those present).

use dinh_decisions::Origin;
use dinh_decisions::{close, matters};

use crate::support::*;

/// Opens matter `n` in `unit`, lets `agree` of the `present` households agree at a meeting, closes.
async fn decide(
    db: &dinh_platform::db::Db,
    f: &Fixture,
    unit: &str,
    n: u32,
    village_no: u32,
    present: u32,
    agree: usize,
) -> anyhow::Result<dinh_decisions::Tally> {
    let m = module();
    let origin = if unit.len() == 4 {
        Origin::Chairman
    } else {
        Origin::VillageHead
    };
    let who = if unit == "T9-X-02" { &f.head2 } else { &f.head };
    let matter = matters::create(
        &m,
        db,
        Some(if unit.len() == 4 { &f.officer } else { who }),
        &new_matter(unit, n, origin),
        today(),
    )
    .await?;
    meeting_votes(db, f, matter.id, unit, &village(village_no, present), agree).await?;
    let closed = close::close(&m, db, Some(&f.officer), matter.id, today()).await?;
    same_as_running(db, &closed).await?;
    Ok(closed)
}

/// The result pages read running counts; they must equal the recount made at closing.
pub async fn same_as_running(
    db: &dinh_platform::db::Db,
    closed: &dinh_decisions::Tally,
) -> anyhow::Result<()> {
    let m = module();
    let matter = matters::get(db, closed.matter_id).await?;
    let running = close::tally(&m, db, &matter, today()).await?;
    assert_eq!(
        (
            running.agree,
            running.total,
            running.participants,
            running.households,
            &running.explanation_en,
            running.unchecked_ballots
        ),
        (
            closed.agree,
            closed.total,
            closed.participants,
            closed.households,
            &closed.explanation_en,
            closed.unchecked_ballots
        )
    );
    for (a, b) in running.villages.iter().zip(&closed.villages) {
        assert_eq!(
            (a.agree, a.disagree, a.participants, a.households),
            (b.agree, b.disagree, b.participants, b.households)
        );
    }
    Ok(())
}

#[tokio::test]
async fn two_thirds_of_all_households_at_the_boundary() {
    each_engine(|db| async move {
        let f = setup(&db).await?;
        // 9 households; 6 agree = exactly 2/3 → passed.
        let t = decide(&db, &f, "T9-X-01", 1, 1, 9, 6).await?;
        assert!(t.passed, "{}", t.explanation_en);
        assert_eq!(
            (t.agree, t.total, t.households, t.participants),
            (6, 9, 9, 9)
        );
        assert_eq!(
            t.explanation_vi,
            "Thông qua: 6 trên 9 hộ đồng ý (66,7 %), cần từ 2/3 tổng số hộ trở lên"
        );
        assert_eq!(
            t.explanation_en,
            "Passed: 6 of 9 households agreed (66.7 %); at least 2/3 of all households needed"
        );
        // 5 of 9 → not passed.
        let t = decide(&db, &f, "T9-X-01", 2, 1, 9, 5).await?;
        assert!(!t.passed);
        assert_eq!(
            t.explanation_en,
            "Not passed: 5 of 9 households agreed (55.6 %); at least 2/3 of all households needed"
        );
        // 6 present, all agree: 6/9 of ALL households → passed; 5 present all agree → not.
        let t = decide(&db, &f, "T9-X-01", 1, 1, 6, 6).await?;
        assert!(t.passed);
        let t = decide(&db, &f, "T9-X-01", 1, 1, 5, 5).await?;
        assert!(
            !t.passed,
            "100% of those present is not 2/3 of all households: {}",
            t.explanation_en
        );
        assert_eq!((t.agree, t.total, t.participants), (5, 9, 5));
        Ok(())
    })
    .await;
}

#[tokio::test]
async fn more_than_half_exactly_half_fails_half_plus_one_passes() {
    each_engine(|db| async move {
        let f = setup(&db).await?;
        // Thôn Hai: 4 households. Exactly 50% → not passed.
        let t = decide(&db, &f, "T9-X-02", 6, 2, 4, 2).await?;
        assert!(!t.passed);
        assert_eq!(
            t.explanation_en,
            "Not passed: 2 of 4 households agreed (50.0 %); more than 1/2 of all households needed"
        );
        // 50% + 1 household → passed.
        let t = decide(&db, &f, "T9-X-02", 6, 2, 4, 3).await?;
        assert!(t.passed);
        assert_eq!(
            t.explanation_vi,
            "Thông qua: 3 trên 4 hộ đồng ý (75,0 %), cần hơn 1/2 tổng số hộ"
        );
        // Matter 3 (hương ước) uses the covenant ratio, also > 1/2.
        let t = decide(&db, &f, "T9-X-02", 3, 2, 4, 2).await?;
        assert!(!t.passed);
        Ok(())
    })
    .await;
}

#[tokio::test]
async fn commune_wide_two_thirds_of_all_villages() {
    each_engine(|db| async move {
        let f = setup(&db).await?;
        let m = module();
        let run = |approving: usize| {
            let (db, f, m) = (db.clone(), &f, m.clone());
            async move {
                let matter = matters::create(
                    &m,
                    &db,
                    Some(&f.officer),
                    &new_matter("T9-X", 1, Origin::Chairman),
                    today(),
                )
                .await?;
                // Thôn Một (9): 6 agree passes its 2/3; Thôn Hai (4): 3 agree passes; Thôn Ba (3): 2 agree passes.
                let plans = [
                    ("T9-X-01", 1, 9, 6),
                    ("T9-X-02", 2, 4, 3),
                    ("T9-X-03", 3, 3, 2),
                ];
                for (i, (unit, n, count, yes)) in plans.into_iter().enumerate() {
                    let agree = if i < approving { yes } else { yes - 1 };
                    meeting_votes(&db, f, matter.id, unit, &village(n, count), agree).await?;
                }
                let closed = close::close(&m, &db, Some(&f.officer), matter.id, today()).await?;
                same_as_running(&db, &closed).await?;
                anyhow::Ok(closed)
            }
        };
        let t = run(2).await?;
        assert!(t.passed, "{}", t.explanation_en);
        assert_eq!((t.agree, t.total, t.households), (2, 3, 16));
        assert_eq!(
            t.explanation_en,
            "Passed: 2 of 3 villages agreed (66.7 %); at least 2/3 of all villages needed"
        );
        assert_eq!(t.villages.len(), 3);
        let t = run(1).await?;
        assert!(!t.passed);
        assert_eq!(
            t.explanation_vi,
            "Không thông qua: 1 trên 3 thôn đồng ý (33,3 %), cần từ 2/3 tổng số thôn trở lên"
        );
        // Matter 3 cannot be decided commune-wide.
        let e = matters::create(
            &m,
            &db,
            Some(&f.officer),
            &new_matter("T9-X", 3, Origin::Chairman),
            today(),
        )
        .await
        .unwrap_err();
        assert_eq!(e.refusal().unwrap().field, "matter");
        Ok(())
    })
    .await;
}

#[tokio::test]
async fn household_count_is_taken_on_the_closing_day_and_matches_the_platform() {
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
        let unit = dinh_platform::units::store::by_code(&db, "T9-X-01")
            .await?
            .unwrap();
        let t = close::tally(&m, &db, &matter, today()).await?;
        assert_eq!(
            t.households,
            dinh_platform::households::count_at(&db, unit.id, today()).await?
        );
        assert_eq!(
            matter.rule_pack_id, "vn-2023-07",
            "the pack in force on the opening day"
        );
        // A pack change later does not change the case's pack.
        let later = matters::create(
            &m,
            &db,
            Some(&f.head),
            &new_matter("T9-X-01", 6, Origin::VillageHead),
            day(2026, 7, 1),
        )
        .await?;
        assert_eq!(later.rule_pack_id, "vn-2026-07");
        Ok(())
    })
    .await;
}
