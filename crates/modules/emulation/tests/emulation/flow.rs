//! The movement end to end: registrations counted by kind, field and unit (what a review
//! quotes), the same counts as indicators for many units at once; a model evaluated,
//! recognised, proposed, passed by the council and granted by an award decision, which is the
//! unit's award history, a DOCX and a PDF, and an item of the portal's news.

use chrono::NaiveDate;
use dinh_emulation::indicators;
use dinh_emulation::store::{self, DecisionInput, ProposalInput, VoteInput};
use dinh_platform::module::{Module, Period};
use dinh_platform::write::Actor;

use crate::support::{each_engine, evaluation, module, open, registration, setup, with_model};

fn year() -> Period {
    Period {
        from: NaiveDate::from_ymd_opt(2026, 1, 1).unwrap(),
        to: NaiveDate::from_ymd_opt(2026, 12, 31).unwrap(),
    }
}

async fn id_of(db: &dinh_platform::db::Db, code: &str) -> i64 {
    dinh_platform::units::store::by_code(db, code)
        .await
        .unwrap()
        .unwrap()
        .id
}

#[tokio::test]
async fn registrations_are_counted_by_kind_field_and_unit() {
    each_engine(|db| async move {
        let f = setup(&db).await?;
        let c = open(&db, &f).await?;
        let head = Actor::Person(&f.head);
        let board = Actor::Person(&f.board);
        let other = Actor::Person(&f.other_board);
        store::register(
            &db,
            head,
            &registration(c, "T9-X-01", "collective", "Thôn Một"),
        )
        .await?;
        store::register(
            &db,
            board,
            &registration(c, "T9-X", "collective", "Hội Phụ nữ xã"),
        )
        .await?;
        let mut economy = registration(c, "T9-X-01", "individual", "Bà Lê Thị Ba");
        economy.field = "economy".into();
        store::register(&db, head, &economy).await?;
        store::register(
            &db,
            other,
            &registration(c, "T9-Y", "individual", "Ông Đỗ Văn Chín"),
        )
        .await?;
        let campaign = store::campaign(&db, c).await?.unwrap();
        let counts = store::counts(&db, &campaign).await?;
        assert_eq!((counts.collectives, counts.individuals), (2, 2));
        let units: Vec<_> = counts
            .by_unit
            .iter()
            .map(|r| (r.name.as_str(), r.collectives, r.individuals))
            .collect();
        assert_eq!(units, [("Xã Khác", 0, 1), ("Xã Thử", 2, 1)]);
        let fields: Vec<_> = counts
            .by_field
            .iter()
            .map(|r| (r.name.as_str(), r.collectives, r.individuals))
            .collect();
        assert_eq!(fields, [("economy", 0, 1), ("grassroots_democracy", 2, 1)]);
        assert_eq!(
            store::retally(&db, c).await?,
            4,
            "counted again from the rows"
        );
        let again = store::counts(&db, &campaign).await?;
        assert_eq!((again.collectives, again.individuals), (2, 2));
        assert_eq!(again.by_unit.len(), 2);

        let ids = [
            id_of(&db, "T9-X").await,
            id_of(&db, "T9-Y").await,
            id_of(&db, "T9").await,
            id_of(&db, "T8").await,
        ];
        let m = module();
        let collectives = m
            .indicator_values(&db, indicators::COLLECTIVES, &ids, year())
            .await?;
        assert_eq!(collectives, [Some(2.0), None, Some(2.0), None]);
        let individuals = m
            .indicator_values(&db, indicators::INDIVIDUALS, &ids, year())
            .await?;
        assert_eq!(individuals, [Some(1.0), Some(1.0), Some(2.0), None]);
        let one = m
            .indicator_value(&db, indicators::INDIVIDUALS, ids[0], year())
            .await?;
        assert_eq!(one, Some(1.0));
        let before = Period {
            from: NaiveDate::from_ymd_opt(2025, 1, 1).unwrap(),
            to: NaiveDate::from_ymd_opt(2025, 12, 31).unwrap(),
        };
        assert_eq!(
            m.indicator_value(&db, indicators::COLLECTIVES, ids[2], before)
                .await?,
            None,
            "nothing registered in 2025"
        );
        Ok(())
    })
    .await;
}

#[tokio::test]
async fn a_model_is_recognised_proposed_voted_and_awarded() {
    each_engine(|db| async move {
        let f = setup(&db).await?;
        let m = module();
        let (c, model) = with_model(&db, &f).await?;
        let board = Actor::Person(&f.board);
        let province = Actor::Person(&f.province);
        store::evaluate(&db, board, &evaluation(model, ["30", "20", "25"], "kept")).await?;
        let kept = store::model(&db, model).await?.unwrap();
        assert_eq!(kept.status, "kept");
        store::evaluate(
            &db,
            board,
            &evaluation(model, ["36", "25", "27"], "recognised"),
        )
        .await?;
        let evaluations = store::evaluations_of(&db, model).await?;
        assert_eq!(evaluations.len(), 2);
        assert_eq!(evaluations[1].total, 88);
        assert_eq!(
            store::scores_of(&db, evaluations[1].id).await?,
            [(1, 36), (2, 25), (3, 27)]
        );
        assert_eq!(
            store::model(&db, model).await?.unwrap().status,
            "recognised"
        );

        let proposal = store::propose(
            &m,
            &db,
            board,
            &ProposalInput {
                model_id: model,
                award: "bang_khen_tinh".into(),
                reason: "Mô hình tiêu biểu".into(),
                proposed_on: "10/06/2026".into(),
            },
        )
        .await?;
        let vote = |members: &str, votes: &str| VoteInput {
            proposal_id: proposal,
            council_members: members.into(),
            votes_for: votes.into(),
            voted_on: "20/06/2026".into(),
        };
        let (passed, verdict) = store::record_vote(&m, &db, province, &vote("9", "5")).await?;
        assert!(passed, "5 of 9 is more than half: {verdict}");
        assert!(verdict.contains("5 trên 9"), "{verdict}");
        let decision = store::issue_decision(
            &m,
            &db,
            province,
            &DecisionInput {
                campaign_id: c,
                award: "bang_khen_tinh".into(),
                number: "125/QĐ-UBND".into(),
                signed_on: "01/07/2026".into(),
                signer: "Trần Văn Minh".into(),
                signer_title: "Chủ tịch".into(),
            },
        )
        .await?;
        let list = store::decision_awards(&db, decision).await?;
        assert_eq!(list.len(), 1);
        assert_eq!(list[0].registrant, "Thôn Một");
        let unit = dinh_platform::units::store::by_code(&db, "T9-X")
            .await?
            .unwrap();
        let history = store::awards_for_unit(&db, &unit.path, 100).await?;
        assert_eq!(history.len(), 1);
        assert_eq!(history[0].number, "125/QĐ-UBND");

        let ids = [id_of(&db, "T9-X").await, id_of(&db, "T9-Y").await];
        for (key, want) in [
            (indicators::EVALUATED, [Some(1.0), None]),
            (indicators::RECOGNISED, [Some(1.0), None]),
            (indicators::AWARDS, [Some(1.0), None]),
        ] {
            assert_eq!(
                m.indicator_values(&db, key, &ids, year()).await?,
                want,
                "{key}"
            );
        }

        let news = m.news_since(&db, "").await?;
        assert_eq!(news.len(), 1);
        assert_eq!(news[0].origin, format!("emulation:decision:{decision}"));
        assert!(
            news[0].body_html.contains("Thôn Một"),
            "{}",
            news[0].body_html
        );
        assert!(
            news[0].body_html.contains("&lt;b&gt;đường thôn"),
            "the model's title is escaped in the news: {}",
            news[0].body_html
        );
        Ok(())
    })
    .await;
}

#[tokio::test]
async fn a_proposal_the_council_does_not_pass_is_not_decided() {
    each_engine(|db| async move {
        let f = setup(&db).await?;
        let m = module();
        let (c, model) = with_model(&db, &f).await?;
        let board = Actor::Person(&f.board);
        let province = Actor::Person(&f.province);
        store::evaluate(
            &db,
            board,
            &evaluation(model, ["36", "25", "27"], "recognised"),
        )
        .await?;
        let proposal = store::propose(
            &m,
            &db,
            board,
            &ProposalInput {
                model_id: model,
                award: "giay_khen_xa".into(),
                reason: "Mô hình tiêu biểu".into(),
                proposed_on: "10/06/2026".into(),
            },
        )
        .await?;
        let (passed, verdict) = store::record_vote(
            &m,
            &db,
            province,
            &VoteInput {
                proposal_id: proposal,
                council_members: "8".into(),
                votes_for: "4".into(),
                voted_on: "20/06/2026".into(),
            },
        )
        .await?;
        assert!(!passed, "4 of 8 is not more than half: {verdict}");
        let e = store::issue_decision(
            &m,
            &db,
            province,
            &DecisionInput {
                campaign_id: c,
                award: "giay_khen_xa".into(),
                number: "7/QĐ-UBND".into(),
                signed_on: "01/07/2026".into(),
                signer: "Trần Văn Minh".into(),
                signer_title: "Chủ tịch".into(),
            },
        )
        .await
        .unwrap_err();
        let (field, message) = crate::support::refusal(e);
        assert_eq!(field, "award");
        assert!(message.contains("Hội đồng thông qua"), "{message}");
        assert_eq!(crate::support::rows(&db, "emulation_decisions").await, 0);
        Ok(())
    })
    .await;
}
