//! Elections with a re-vote, the decision document and its clocks, initiatives and hương ước.

use dinh_decisions::secret::CandidateCount;
use dinh_decisions::{
    DocumentInput, ElectionInput, InitiativeInput, Origin, SecretCount, close, covenants, document,
    elections, initiatives, matters, secret, votes,
};

use crate::support::*;

fn election(on: &str) -> ElectionInput {
    ElectionInput {
        unit_code: "T9-X-01".into(),
        election_on: on.into(),
        plan_on: "20/08/2025".into(),
        team_on: "01/09/2025".into(),
        notice_on: "05/09/2025".into(),
        candidates_on: "29/08/2025".into(),
        candidates: vec!["Nguyễn Văn An".into(), "Trần Thị Bình".into()],
        dismissal_on: String::new(),
    }
}

async fn vote_box(
    db: &dinh_platform::db::Db,
    f: &Fixture,
    matter: i64,
    counts: &[(i64, u32)],
) -> anyhow::Result<()> {
    let m = module();
    let n: u32 = counts.iter().map(|c| c.1).sum();
    let present = village(1, n);
    meeting(db, f, matter, "T9-X-01", &present).await?;
    for h in &present {
        votes::record(
            &module(),
            db,
            Some(&f.officer),
            matter,
            &vote(h, "meeting", ""),
            today(),
        )
        .await?;
    }
    secret::record_count(
        &m,
        db,
        Some(&f.officer),
        matter,
        &SecretCount {
            unit_code: "T9-X-01".into(),
            candidates: counts
                .iter()
                .map(|(c, b)| CandidateCount {
                    candidate: *c,
                    ballots: *b,
                })
                .collect(),
            board: vec!["A".into(), "B".into(), "C".into()],
            witnesses: vec!["H1".into(), "H2".into()],
            ..SecretCount::default()
        },
    )
    .await?;
    Ok(())
}

#[tokio::test]
async fn village_head_election_with_a_re_vote() {
    each_engine(|db| async move {
        let f = setup(&db).await?;
        let m = module();
        // Time limits before the election day (15/09/2025).
        let mut late = election("15/09/2025");
        late.plan_on = "27/08/2025".into();
        let e = elections::create(&m, &db, Some(&f.head), &late, today())
            .await
            .unwrap_err();
        assert_eq!(e.refusal().unwrap().field, "plan_on");
        let mut late = election("15/09/2025");
        late.notice_on = "10/09/2025".into();
        assert_eq!(
            elections::create(&m, &db, Some(&f.head), &late, today())
                .await
                .unwrap_err()
                .refusal()
                .unwrap()
                .field,
            "notice_on"
        );
        let mut none = election("15/09/2025");
        none.candidates.clear();
        assert_eq!(
            elections::create(&m, &db, Some(&f.head), &none, today())
                .await
                .unwrap_err()
                .refusal()
                .unwrap()
                .field,
            "candidates"
        );
        let matter =
            elections::create(&m, &db, Some(&f.head), &election("15/09/2025"), today()).await?;
        assert!(matter.secret && matter.is_election());
        let third = elections::nominate(&db, Some(&f.officer), matter.id, "Lê Văn Cường").await?;
        let v = elections::view(&db, matter.id).await?;
        assert_eq!(v.candidates.len(), 3);
        let (a, b) = (v.candidates[0].0, v.candidates[1].0);
        // 9 households: 4 / 3 / 1 → nobody has more than half of all households.
        vote_box(&db, &f, matter.id, &[(a, 4), (b, 3), (third, 1)]).await?;
        let t = close::close(&m, &db, Some(&f.officer), matter.id, today()).await?;
        assert!(!t.passed, "{}", t.explanation_en);
        assert!(
            t.explanation_en
                .contains("Nobody elected (Nguyễn Văn An: Not passed: 4 of 9 households agreed (44.4 %); more than 1/2 of all households needed"),
            "{}",
            t.explanation_en
        );
        // The village head cannot decide the re-vote; the commune does.
        assert!(
            elections::revote(&m, &db, Some(&f.head), matter.id, "22/09/2025", today())
                .await
                .is_err()
        );
        let again =
            elections::revote(&m, &db, Some(&f.officer), matter.id, "22/09/2025", today()).await?;
        assert_eq!(again.revote_of, Some(matter.id));
        assert_eq!(
            elections::view(&db, matter.id).await?.revote_id,
            Some(again.id)
        );
        let e = elections::revote(&m, &db, Some(&f.officer), matter.id, "22/09/2025", today())
            .await
            .unwrap_err();
        assert_eq!(e.refusal().unwrap().field, "matter");
        let v = elections::view(&db, again.id).await?;
        vote_box(
            &db,
            &f,
            again.id,
            &[(v.candidates[0].0, 5), (v.candidates[1].0, 3)],
        )
        .await?;
        let t = close::close(&m, &db, Some(&f.officer), again.id, today()).await?;
        assert!(t.passed);
        crate::thresholds::same_as_running(&db, &t).await?;
        assert_eq!(
            t.explanation_en,
            "Elected: Nguyễn Văn An: Passed: 5 of 9 households agreed (55.6 %); more than 1/2 of all households needed"
        );
        assert_eq!(
            elections::view(&db, again.id).await?.winner_id,
            Some(v.candidates[0].0)
        );
        // After a dismissal, the new election within 60 days.
        let mut after = election("15/11/2025");
        after.dismissal_on = "01/09/2025".into();
        after.plan_on = "20/10/2025".into();
        after.team_on = "01/11/2025".into();
        after.notice_on = "05/11/2025".into();
        after.candidates_on = "29/10/2025".into();
        let e = elections::create(&m, &db, Some(&f.head), &after, today())
            .await
            .unwrap_err();
        assert!(
            e.refusal()
                .unwrap()
                .en
                .contains("must be held by 31/10/2025"),
            "{e}"
        );
        Ok(())
    })
    .await;
}

#[tokio::test]
async fn the_decision_document_and_its_clocks() {
    each_engine(|db| async move {
        let f = setup(&db).await?;
        let m = module();
        let matter = matters::create(
            &m,
            &db,
            Some(&f.head),
            &new_matter("T9-X-01", 5, Origin::VillageHead),
            today(),
        )
        .await?;
        meeting_votes(&db, &f, matter.id, "T9-X-01", &village(1, 7), 6).await?;
        let input = DocumentInput {
            held_on: "15/09/2025".into(),
            decision: "Bầu ông Lê Văn Cường vào Ban Thanh tra nhân dân".into(),
            village_head: "Nguyễn Văn Thành".into(),
            front_head: "Phạm Thị Hòa".into(),
            household_rep_1: "Vũ Thị Lan".into(),
            household_rep_2: "".into(),
        };
        let e = document::create(&m, &db, Some(&f.officer), matter.id, &input)
            .await
            .unwrap_err();
        assert_eq!(e.refusal().unwrap().field, "matter", "not before closing");
        close::close(&m, &db, Some(&f.officer), matter.id, today()).await?;
        let e = document::create(&m, &db, Some(&f.officer), matter.id, &input)
            .await
            .unwrap_err();
        assert_eq!(e.refusal().unwrap().field, "household_rep_2");
        let input = DocumentInput {
            household_rep_2: "Đỗ Văn Nam".into(),
            ..input
        };
        let d = document::create(&m, &db, Some(&f.officer), matter.id, &input).await?;
        assert_eq!((d.total, d.present, d.absent), (9, 7, 2));
        // Five working days after Monday 15/09/2025.
        assert_eq!(d.send_due_on, "2025-09-22");
        assert_eq!(
            d.results,
            "Thông qua: 6 trên 9 hộ đồng ý (66,7 %), cần hơn 1/2 tổng số hộ"
        );
        let d = document::sent(&m, &db, Some(&f.officer), matter.id, "19/09/2025").await?;
        assert_eq!(
            d.recognition_by.as_deref(),
            Some("ubmttq"),
            "board members are recognised by the Front"
        );
        assert_eq!(d.recognition_due_on.as_deref(), Some("2025-09-26"));
        let e = document::recognise(
            &db,
            Some(&f.officer),
            matter.id,
            day(2025, 9, 24),
            Some(" "),
        )
        .await
        .unwrap_err();
        assert_eq!(e.refusal().unwrap().field, "reason");
        assert!(
            document::recognise(&db, Some(&f.head), matter.id, day(2025, 9, 24), None)
                .await
                .is_err()
        );
        let d =
            document::recognise(&db, Some(&f.officer), matter.id, day(2025, 9, 24), None).await?;
        assert_eq!(d.recognised_on.as_deref(), Some("2025-09-24"));
        let bytes = document::docx(&db, matter.id).await?;
        assert!(bytes.starts_with(b"PK"), "a DOCX (zip) file");
        Ok(())
    })
    .await;
}

#[tokio::test]
async fn a_citizen_initiative_reaches_ten_percent_then_goes_to_the_vote() {
    each_engine(|db| async move {
        let f = setup(&db).await?;
        let m = module();
        let input = InitiativeInput {
            matter: 6,
            title: "Lắp đèn đường".into(),
            content: "Lắp đèn đường ngõ 3".into(),
        };
        // The non-representative member cannot open one.
        assert_eq!(
            initiatives::open(&m, &db, Some(&f.member), &input, today())
                .await
                .unwrap_err()
                .refusal()
                .unwrap()
                .field,
            "account"
        );
        let i = initiatives::open(&m, &db, Some(&f.resident), &input, today()).await?;
        // 1 of 9 households = 11.1% ≥ 1/10: reached at once.
        assert_eq!((i.supporters, i.status.as_str()), (1, "reached"));
        assert_eq!(i.expires_on, "2025-12-15", "three months");
        let e = initiatives::support(&m, &db, Some(&f.resident), i.id, today())
            .await
            .unwrap_err();
        assert_eq!(e.refusal().unwrap().field, "household");
        let e = initiatives::support_written(
            &m,
            &db,
            Some(&f.officer),
            i.id,
            &code(1, 2),
            day(2025, 12, 16),
        )
        .await
        .unwrap_err();
        assert!(
            e.refusal().unwrap().en.contains("expired on 15/12/2025"),
            "{e}"
        );
        let mut new = new_matter("T9-X-01", 6, Origin::Initiative);
        new.initiative_id = Some(i.id);
        let matter = matters::create(&m, &db, Some(&f.head), &new, today()).await?;
        assert_eq!(matter.initiative_id, Some(i.id));
        let e = matters::create(&m, &db, Some(&f.head), &new, today())
            .await
            .unwrap_err();
        assert_eq!(e.refusal().unwrap().field, "initiative_id", "put once");
        Ok(())
    })
    .await;
}

#[tokio::test]
async fn a_huong_uoc_from_draft_to_recognition() {
    each_engine(|db| async move {
        let f = setup(&db).await?;
        let m = module();
        let c = covenants::create(
            &m,
            &db,
            Some(&f.head),
            &dinh_decisions::covenants::CovenantInput {
                unit_code: "T9-X-01".into(),
                title: "Hương ước thôn Một".into(),
                drafting_team: vec!["Ông Thành".into()],
                draft_posted_on: "01/08/2025".into(),
            },
            day(2025, 8, 1),
        )
        .await?;
        let e = covenants::open_vote(&m, &db, Some(&f.head), c.id, day(2025, 8, 20))
            .await
            .unwrap_err();
        assert!(
            e.refusal().unwrap().en.contains("must stay up 30 days"),
            "{e}"
        );
        let matter = covenants::open_vote(&m, &db, Some(&f.head), c.id, today()).await?;
        assert_eq!(matter.matter, 3);
        meeting_votes(&db, &f, matter.id, "T9-X-01", &village(1, 8), 5).await?;
        let t = close::close(&m, &db, Some(&f.officer), matter.id, today()).await?;
        assert!(t.passed, "{}", t.explanation_en);
        let (c2, due, late) = covenants::file(&m, &db, Some(&f.head), c.id, "18/09/2025").await?;
        assert_eq!(
            (c2.status.as_str(), due, late),
            ("filed", day(2025, 9, 25), false)
        );
        assert!(
            covenants::decide(&db, Some(&f.officer), c.id, "refuse", day(2025, 9, 20), "")
                .await
                .is_err()
        );
        let c3 = covenants::decide(
            &db,
            Some(&f.officer),
            c.id,
            "recognise",
            day(2025, 9, 22),
            "",
        )
        .await?;
        assert_eq!(c3.recognised_on.as_deref(), Some("2025-09-22"));
        assert_eq!(
            covenants::next_review(&m, &c3, today())?,
            Some(day(2025, 11, 18))
        );
        assert_eq!(
            covenants::next_review(&m, &c3, day(2025, 11, 19))?,
            Some(day(2026, 11, 18))
        );
        Ok(())
    })
    .await;
}
