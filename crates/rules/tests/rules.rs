//! Integration tests of dinh-rules: shipped packs, selection by date, validation, ratios.
#![allow(clippy::unwrap_used, clippy::expect_used, missing_docs)]

use chrono::NaiveDate;
use dinh_calendar::Period;
use dinh_rules::{
    Base, Channel, Matter, Ratio, RuleBook, RulePack, RulePackError, SHIPPED_PACKS, Scope,
};

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

fn text_2023() -> &'static str {
    SHIPPED_PACKS[0].1
}

fn replace_once(text: &str, from: &str, to: &str) -> String {
    assert!(text.contains(from), "fixture text not found: {from}");
    text.replacen(from, to, 1)
}

fn invalid_paths(text: &str) -> Vec<String> {
    match RulePack::parse(text) {
        Err(RulePackError::Invalid { problems, .. }) => {
            problems.into_iter().map(|p| p.path).collect()
        }
        other => panic!("expected Invalid, got {other:?}"),
    }
}

// ---------------------------------------------------------------- shipped packs

#[test]
fn shipped_packs_parse_and_validate() {
    let book = RuleBook::shipped().unwrap();
    assert_eq!(book.packs().len(), 2);
    for pack in book.packs() {
        pack.validate().unwrap();
        assert_eq!(pack.fingerprint.len(), 16);
        let rows = pack.rows();
        assert!(rows.len() > 120, "{} rows", rows.len());
        assert!(rows.iter().all(|r| !r.citation.is_empty()));
    }
}

#[test]
fn pack_selection_by_date() {
    let book = RuleBook::shipped().unwrap();
    assert_eq!(book.in_force_on(d(2026, 6, 30)).unwrap().id, "vn-2023-07");
    assert_eq!(book.in_force_on(d(2026, 7, 1)).unwrap().id, "vn-2026-07");
    assert_eq!(book.in_force_on(d(2023, 7, 1)).unwrap().id, "vn-2023-07");
    assert_eq!(book.in_force_on(d(2040, 1, 1)).unwrap().id, "vn-2026-07");
    let e = book.in_force_on(d(2023, 6, 30)).unwrap_err();
    assert!(matches!(e, RulePackError::NoPackInForce { .. }));
    assert!(e.to_string().contains("30/06/2023"), "{e}");
    // A case records the pack id and finds it again later.
    assert_eq!(
        book.get("vn-2023-07").unwrap().effective_to,
        Some(d(2026, 6, 30))
    );
    assert!(matches!(
        book.get("vn-1999"),
        Err(RulePackError::UnknownPack { .. })
    ));
}

#[test]
fn the_2026_pack_changes_only_reception() {
    let book = RuleBook::shipped().unwrap();
    let old = book.get("vn-2023-07").unwrap().rows();
    let new = book.get("vn-2026-07").unwrap().rows();
    assert_eq!(old.len(), new.len());
    let changed: Vec<&str> = old
        .iter()
        .zip(&new)
        .filter(|(a, b)| a != b)
        .map(|(a, _)| a.key.as_str())
        .collect();
    assert_eq!(
        changed,
        [
            "reception.online_allowed",
            "reception.delegation_to_deputy_allowed",
            "reception.electronic_book"
        ]
    );
    let r = &book.get("vn-2026-07").unwrap().reception;
    assert!(r.online_allowed.value && !r.online_allowed.verified);
    assert!(!r.delegation_to_deputy_allowed.value);
}

#[test]
fn typed_accessors() {
    let book = RuleBook::shipped().unwrap();
    let p = book.in_force_on(d(2026, 3, 1)).unwrap();
    assert_eq!(p.disclosure.deadline.period(), Period::working_days(5));
    assert_eq!(
        p.disclosure.deadline.citation(),
        "Luật 10/2022/QH15, Điều 12(3)"
    );
    let c7 = p.disclosure.category(7).unwrap();
    let channels: Vec<Channel> = c7.channels.iter().map(|c| c.channel).collect();
    assert_eq!(
        channels,
        [
            Channel::Website,
            Channel::NoticeBoard,
            Channel::Loudspeaker,
            Channel::VillageHead
        ]
    );
    let board = p.disclosure.channel(Channel::NoticeBoard).unwrap();
    assert_eq!(
        board.min_duration.as_ref().unwrap().period(),
        Period::calendar_days(30)
    );
    let c4 = p.disclosure.category(4).unwrap();
    assert!(
        c4.channels
            .iter()
            .any(|c| c.channel == Channel::PermanentPosting)
    );
    assert_eq!(p.disclosure.categories.len(), 14);
    let t = p.decisions.threshold(Matter::PublicWorks).unwrap();
    assert_eq!(
        (t.numerator, t.denominator, t.inclusive, t.of),
        (2, 3, true, Base::AllHouseholds)
    );
    let t = p
        .decisions
        .threshold_in(Matter::CommunityFunds, Scope::Commune)
        .unwrap();
    assert_eq!(t.of, Base::AllVillages);
    let t = p.decisions.threshold(Matter::VillageHead).unwrap();
    assert_eq!((t.numerator, t.denominator, t.inclusive), (1, 2, false));
    assert!(p.decisions.online_vote_matters.contains(6));
    assert_eq!(
        p.complaints.first_resolution.period(),
        Period::calendar_days(30)
    );
    assert_eq!(
        p.denunciations.resolution.period(),
        Period::calendar_days(30)
    );
    assert_eq!(p.oversight.agency.board_term.period(), Period::months(24));
    assert_eq!(
        p.covenant.annual_review.in_year(2026),
        Some(d(2026, 11, 18))
    );
    assert_eq!(p.decisions.initiative_validity.period(), Period::months(3));
    assert!(p.decisions.ballot_team.contains(4) && !p.decisions.ballot_team.contains(6));
}

// ---------------------------------------------------------------- validation

#[test]
fn unknown_key_is_named_with_its_path() {
    let text = replace_once(text_2023(), "[feedback]\n", "[feedback]\nbogus = 1\n");
    let e = RulePack::parse(&text).unwrap_err();
    match &e {
        RulePackError::Format { problem, line, .. } => {
            assert_eq!(problem.path, "feedback.bogus");
            assert!(
                problem.message.contains("unknown key") && problem.message.contains("remove it")
            );
            assert!(line.is_some());
        }
        other => panic!("{other:?}"),
    }
    // Inside an inline table and inside an array item.
    let text = replace_once(
        text_2023(),
        "count = 90, unit",
        "count = 90, days = 3, unit",
    );
    assert!(
        RulePack::parse(&text)
            .unwrap_err()
            .to_string()
            .contains("complaints.filing.days")
    );
    let text = replace_once(
        text_2023(),
        "number = 6\n",
        "number = 6\ncolour = \"red\"\n",
    );
    let e = RulePack::parse(&text).unwrap_err().to_string();
    assert!(e.contains("disclosure.categories[5].colour"), "{e}");
}

#[test]
fn missing_key_and_bad_values_are_format_errors() {
    let cut = text_2023().find("[feedback]").unwrap();
    let e = RulePack::parse(&text_2023()[..cut])
        .unwrap_err()
        .to_string();
    assert!(e.contains("missing field `feedback`: add this key"), "{e}");
    let text = replace_once(
        text_2023(),
        "count = 3, unit = \"working_days\", citation = \"Nghị định 61",
        "unit = \"working_days\", citation = \"Nghị định 61",
    );
    let e = RulePack::parse(&text).unwrap_err().to_string();
    assert!(
        e.contains("covenant.complaint_answer") && e.contains("missing field `count`"),
        "{e}"
    );
    let text = replace_once(
        text_2023(),
        "[feedback]\ntransfer",
        "[feedback_x]\ntransfer",
    );
    let e = RulePack::parse(&text).unwrap_err().to_string();
    assert!(e.contains("feedback_x") && e.contains("unknown key"), "{e}");
    let text = replace_once(text_2023(), "unit = \"months\"", "unit = \"weeks\"");
    let e = RulePack::parse(&text).unwrap_err().to_string();
    assert!(
        e.contains("decisions.initiative_validity.unit") && e.contains("weeks"),
        "{e}"
    );
}

#[test]
fn missing_citation_is_reported_with_the_key_path() {
    let empty = replace_once(
        text_2023(),
        "citation = \"Luật Khiếu nại 2011, Điều 9\", ",
        "citation = \"\", ",
    );
    assert_eq!(invalid_paths(&empty), ["complaints.filing.citation"]);
    let absent = replace_once(text_2023(), ", citation = \"Nghị định 20/2008/NĐ-CP\"", "");
    assert_eq!(invalid_paths(&absent), ["feedback.transfer.citation"]);
    let e = RulePack::parse(&absent).unwrap_err().to_string();
    assert!(e.contains("missing citation"), "{e}");
}

#[test]
fn negative_or_zero_duration_is_reported() {
    let text = replace_once(
        text_2023(),
        "deadline = { count = 5,",
        "deadline = { count = -5,",
    );
    assert_eq!(invalid_paths(&text), ["disclosure.deadline.count"]);
    let text = replace_once(
        text_2023(),
        "min_duration = { count = 20,",
        "min_duration = { count = 0,",
    );
    assert_eq!(invalid_paths(&text), ["consultation.min_duration.count"]);
}

#[test]
fn bad_ratio_is_reported() {
    let text = replace_once(
        text_2023(),
        "ratio = { numerator = 2, denominator = 3, inclusive = true, of = \"all_households\"",
        "ratio = { numerator = 4, denominator = 3, inclusive = true, of = \"all_households\"",
    );
    assert_eq!(invalid_paths(&text), ["decisions.thresholds.village.1-2"]);
    let e = RulePack::parse(&text).unwrap_err().to_string();
    assert!(e.contains("must not exceed the denominator"), "{e}");
}

#[test]
fn structural_problems_are_reported() {
    // Category 4 both on the timed notice board and permanently posted.
    let text = replace_once(
        text_2023(),
        "categories = [1, 2, 3, 5,",
        "categories = [1, 2, 3, 4, 5,",
    );
    let e = RulePack::parse(&text).unwrap_err().to_string();
    assert!(
        e.contains("disclosure.channels: categories 4 are both"),
        "{e}"
    );
    // effective_to before effective_from.
    let text = replace_once(
        text_2023(),
        "effective_to = 2026-06-30",
        "effective_to = 2022-06-30",
    );
    assert_eq!(invalid_paths(&text), ["effective_to"]);
    // Two thresholds for the same matter.
    let text = replace_once(
        text_2023(),
        "matters = [3, 4, 5, 6]",
        "matters = [2, 3, 4, 5, 6]",
    );
    assert_eq!(invalid_paths(&text), ["decisions.thresholds[2].matters"]);
    // Several problems are all listed.
    let text = replace_once(
        &replace_once(
            text_2023(),
            "deadline = { count = 5,",
            "deadline = { count = -1,",
        ),
        "effective_to = 2026-06-30",
        "effective_to = 2022-06-30",
    );
    assert_eq!(
        invalid_paths(&text),
        ["effective_to", "disclosure.deadline.count"]
    );
}

#[test]
fn book_rejects_ambiguous_packs() {
    let a = RulePack::parse(text_2023()).unwrap();
    let mut b = a.clone();
    b.id = "vn-2023-07-bis".into();
    let e = RuleBook::new(vec![a.clone(), b.clone()]).unwrap_err();
    assert!(matches!(e, RulePackError::Overlap { .. }), "{e}");
    b.effective_from = d(2025, 1, 1);
    b.effective_to = None;
    let e = RuleBook::new(vec![a.clone(), b]).unwrap_err().to_string();
    assert!(
        e.contains("set effective_to of \"vn-2023-07\" to 31/12/2024"),
        "{e}"
    );
    let e = RuleBook::new(vec![a.clone(), a]).unwrap_err();
    assert!(matches!(e, RulePackError::DuplicateId { .. }));
}

#[test]
fn administrator_adds_a_pack_from_a_directory() {
    let dir = std::env::temp_dir().join(format!("dinh-rules-test-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let text = SHIPPED_PACKS[1]
        .1
        .replace("id = \"vn-2026-07\"", "id = \"vn-2027-01\"")
        .replace("effective_from = 2026-07-01", "effective_from = 2027-01-01");
    std::fs::write(dir.join("vn-2027-01.toml"), text).unwrap();
    std::fs::write(dir.join("README.txt"), "not a pack").unwrap();
    let book = RuleBook::shipped().unwrap().with_extra_dir(&dir).unwrap();
    std::fs::remove_dir_all(&dir).unwrap();
    assert_eq!(book.in_force_on(d(2026, 12, 31)).unwrap().id, "vn-2026-07");
    assert_eq!(book.in_force_on(d(2027, 1, 1)).unwrap().id, "vn-2027-01");
    let p2026 = book.get("vn-2026-07").unwrap();
    assert_eq!(book.in_force_until(p2026), Some(d(2026, 12, 31)));
    let missing = std::path::Path::new("/nonexistent/dinh-packs");
    let e = RuleBook::shipped()
        .unwrap()
        .with_extra_dir(missing)
        .unwrap_err();
    assert!(matches!(e, RulePackError::Io { .. }));
}

// ---------------------------------------------------------------- ratios

#[test]
fn ratio_boundaries_use_exact_arithmetic() {
    let two_thirds = Ratio::new(2, 3, true, Base::AllHouseholds);
    assert!(two_thirds.passes(600, 900));
    assert!(!two_thirds.passes(599, 900));
    let half = Ratio::new(1, 2, false, Base::AllHouseholds);
    assert!(!half.passes(450, 900));
    assert!(half.passes(451, 900));
    assert!(!half.passes(0, 0));
    assert!(!half.passes(901, 900));
    // Huge numbers do not overflow.
    assert!(two_thirds.passes(u64::MAX / 3 * 2 + 1, u64::MAX / 3 * 3));
}

#[test]
fn the_fewest_agreeing_is_the_boundary_of_passes() {
    let ratios = [
        Ratio::new(2, 3, true, Base::AllHouseholds),
        Ratio::new(1, 2, false, Base::AllHouseholds),
        Ratio::new(1, 10, true, Base::AllHouseholds),
        Ratio::new(1, 1, false, Base::AllHouseholds),
    ];
    for r in &ratios {
        for total in 1..=250 {
            match r.fewest(total) {
                Some(f) => {
                    assert!(r.passes(f, total), "{f}/{total}");
                    assert!(f == 0 || !r.passes(f - 1, total), "{}/{total}", f - 1);
                }
                None => assert!((0..=total).all(|a| !r.passes(a, total))),
            }
        }
        assert_eq!(r.fewest(0), None);
    }
    assert_eq!(ratios[0].fewest(900), Some(600));
    assert_eq!(ratios[1].fewest(900), Some(451));
    assert_eq!(ratios[2].fewest(45), Some(5));
    assert_eq!(
        ratios[3].fewest(10),
        None,
        "more than the whole never passes"
    );
}

#[test]
fn ratio_explanations() {
    let two_thirds = Ratio::new(2, 3, true, Base::AllHouseholds);
    let v = two_thirds.explain(612, 900);
    assert!(v.passed);
    assert_eq!(
        v.vi,
        "Thông qua: 612 trên 900 hộ đồng ý (68,0 %), cần từ 2/3 tổng số hộ trở lên"
    );
    assert_eq!(
        v.en,
        "Passed: 612 of 900 households agreed (68.0 %); at least 2/3 of all households needed"
    );
    assert_eq!(
        two_thirds.explain(599, 900).vi,
        "Không thông qua: 599 trên 900 hộ đồng ý (66,6 %), cần từ 2/3 tổng số hộ trở lên"
    );
    let half = Ratio::new(1, 2, false, Base::AllHouseholds);
    assert_eq!(
        half.explain(450, 900).en,
        "Not passed: 450 of 900 households agreed (50.0 %); more than 1/2 of all households needed"
    );
    assert_eq!(
        half.explain(451, 900).vi,
        "Thông qua: 451 trên 900 hộ đồng ý (50,1 %), cần hơn 1/2 tổng số hộ"
    );
    let villages = Ratio::new(2, 3, true, Base::AllVillages);
    assert_eq!(
        villages.explain(8, 12).vi,
        "Thông qua: 8 trên 12 thôn đồng ý (66,7 %), cần từ 2/3 tổng số thôn trở lên"
    );
    assert!(!half.explain(0, 0).passed);
}
