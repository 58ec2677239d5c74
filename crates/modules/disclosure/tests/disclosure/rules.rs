//! The obligation computation, rule by rule (no database).

use dinh_disclosure::obligations::{Places, Publisher, RequirementError, requirements};

use super::support::{d, module};

#[test]
fn obligations_follow_every_rule_of_the_pack() {
    let m = module();
    let pack = m.rules().in_force_on(d(2026, 3, 6)).unwrap();
    let places = Places {
        unit_id: 1,
        villages: vec![11, 12, 13],
    };
    let req =
        |cat, publisher| requirements(pack, m.calendar(), publisher, cat, d(2026, 3, 6), &places);
    // 5 working days from Friday 6/3/2026: 9, 10, 11, 12, 13 March.
    let r = req(7, Publisher::Commune).unwrap();
    assert_eq!(r.due_on, d(2026, 3, 13));
    let channels = |r: &dinh_disclosure::obligations::Requirements, ch: &str| {
        r.obligations
            .iter()
            .filter(|o| o.channel == ch)
            .cloned()
            .collect::<Vec<_>>()
    };
    // Category 7: website, notice boards at the office and EVERY thôn for 30 days,
    // loudspeaker 3 days, delivery through each village head.
    assert_eq!(channels(&r, "website").len(), 1);
    let boards = channels(&r, "notice_board");
    assert_eq!(boards.len(), 4);
    assert!(boards.iter().all(|o| o.min_days == Some(30)));
    assert_eq!(
        boards
            .iter()
            .filter(|o| o.place_kind == "village_cultural_house")
            .count(),
        3
    );
    assert_eq!(channels(&r, "loudspeaker")[0].min_days, Some(3));
    assert_eq!(channels(&r, "village_head").len(), 3);
    // Categories 1-3, 5-6: boards but no loudspeaker or village head.
    for cat in [1, 2, 3, 5, 6] {
        let r = req(cat, Publisher::Commune).unwrap();
        assert_eq!(channels(&r, "notice_board").len(), 4, "category {cat}");
        assert!(channels(&r, "loudspeaker").is_empty(), "category {cat}");
    }
    // Categories 4 and 13: permanent posting at the office, no timed board.
    for cat in [4, 13] {
        let r = req(cat, Publisher::Commune).unwrap();
        let p = channels(&r, "permanent_posting");
        assert_eq!(p.len(), 1);
        assert!(p[0].permanent && p[0].place_kind == "commune_office");
        assert!(channels(&r, "notice_board").is_empty());
    }
    // Category 14: the website only.
    assert_eq!(req(14, Publisher::Commune).unwrap().obligations.len(), 1);
    // Agencies: 5 working days, 20 days on the office board; enterprises: 15 days.
    let a = req(7, Publisher::Agency).unwrap();
    assert_eq!(
        (a.due_on, a.obligations.len(), a.obligations[0].min_days),
        (d(2026, 3, 13), 1, Some(20))
    );
    assert_eq!(
        req(7, Publisher::Enterprise).unwrap().due_on,
        d(2026, 3, 21 + 2)
    );
    // A category the pack does not know.
    assert!(matches!(
        req(15, Publisher::Commune),
        Err(RequirementError::UnknownCategory(15, _))
    ));
    // Over the 30/4 and 1/5 holidays: decided Tuesday 28/4/2026 → 29/4, 4/5, 5/5, 6/5, 7/5.
    let r = requirements(
        pack,
        m.calendar(),
        Publisher::Commune,
        7,
        d(2026, 4, 28),
        &places,
    )
    .unwrap();
    assert_eq!(r.due_on, d(2026, 5, 7));
}
