//! Bad input refused with a clear message naming the field, and nothing written: a
//! registration outside the registration period or outside the campaign's units, a score
//! outside its criterion's range, an award for a model that was not recognised, an evaluator
//! scoring a model they recorded, criteria that cannot be read; and the roles that may not.

use dinh_emulation::store::{self, ProposalInput};
use dinh_platform::write::{Actor, WriteError};

use crate::support::{
    campaign, each_engine, evaluation, module, open, refusal, registration, rows, setup, with_model,
};

#[tokio::test]
async fn a_registration_outside_the_period_or_the_units_is_refused() {
    each_engine(|db| async move {
        let f = setup(&db).await?;
        let c = open(&db, &f).await?;
        let before = rows(&db, "audit_log").await;
        for on in ["01/04/2026", "31/12/2025"] {
            let mut late = registration(c, "T9-X-01", "collective", "Thôn Một");
            late.registered_on = on.into();
            let (field, message) = refusal(
                store::register(&db, Actor::Person(&f.head), &late)
                    .await
                    .unwrap_err(),
            );
            assert_eq!(field, "registered_on");
            assert!(
                message.contains(on) && message.contains("31/03/2026"),
                "{message}"
            );
        }
        let (field, message) = refusal(
            store::register(
                &db,
                Actor::Person(&f.head),
                &registration(c, "T8", "collective", "Tỉnh Khác"),
            )
            .await
            .unwrap_err(),
        );
        assert_eq!(field, "unit_code");
        assert!(message.contains("không thuộc Tỉnh Thử"), "{message}");
        let mut wrong_field = registration(c, "T9-X-01", "collective", "Thôn Một");
        wrong_field.field = "security".into();
        let (field, _) = refusal(
            store::register(&db, Actor::Person(&f.head), &wrong_field)
                .await
                .unwrap_err(),
        );
        assert_eq!(field, "field", "a field the campaign does not cover");
        let denied = store::register(
            &db,
            Actor::Person(&f.head),
            &registration(c, "T9-Y", "collective", "Xã Khác"),
        )
        .await
        .unwrap_err();
        assert!(matches!(denied, WriteError::Denied(_)), "{denied:?}");
        assert_eq!(rows(&db, "emulation_registrations").await, 0);
        assert_eq!(rows(&db, "audit_log").await, before);
        Ok(())
    })
    .await;
}

#[tokio::test]
async fn a_score_outside_its_range_is_refused() {
    each_engine(|db| async move {
        let f = setup(&db).await?;
        let (_, model) = with_model(&db, &f).await?;
        let board = Actor::Person(&f.board);
        for (scores, field, what) in [
            (["36", "31", "27"], "score_2", "từ 0 đến 30"),
            (["-1", "20", "27"], "score_1", "từ 0 đến 40"),
            (["36", "20", "ba mươi"], "score_3", "ba mươi"),
        ] {
            let (f_name, message) = refusal(
                store::evaluate(&db, board, &evaluation(model, scores, "recognised"))
                    .await
                    .unwrap_err(),
            );
            assert_eq!(f_name, field);
            assert!(message.contains(what), "{message}");
        }
        let mut no_reason = evaluation(model, ["10", "10", "10"], "rejected");
        no_reason.conclusion = " ".into();
        let (field, message) = refusal(store::evaluate(&db, board, &no_reason).await.unwrap_err());
        assert_eq!(field, "conclusion");
        assert!(message.contains("lý do"), "{message}");
        assert_eq!(rows(&db, "emulation_evaluations").await, 0);
        assert_eq!(rows(&db, "emulation_scores").await, 0);
        assert_eq!(store::model(&db, model).await?.unwrap().status, "proposed");
        Ok(())
    })
    .await;
}

#[tokio::test]
async fn an_award_for_a_model_not_recognised_is_refused() {
    each_engine(|db| async move {
        let f = setup(&db).await?;
        let m = module();
        let (_, model) = with_model(&db, &f).await?;
        let board = Actor::Person(&f.board);
        let propose = ProposalInput {
            model_id: model,
            award: "giay_khen_xa".into(),
            reason: "Tiêu biểu".into(),
            proposed_on: "10/06/2026".into(),
        };
        let (field, message) = refusal(store::propose(&m, &db, board, &propose).await.unwrap_err());
        assert_eq!(field, "model_id");
        assert!(message.contains("chờ đánh giá"), "{message}");
        store::evaluate(
            &db,
            board,
            &evaluation(model, ["10", "10", "10"], "rejected"),
        )
        .await?;
        let (field, message) = refusal(store::propose(&m, &db, board, &propose).await.unwrap_err());
        assert_eq!(field, "model_id");
        assert!(message.contains("không công nhận"), "{message}");
        store::evaluate(
            &db,
            board,
            &evaluation(model, ["36", "25", "27"], "recognised"),
        )
        .await?;
        let mut unknown = propose.clone();
        unknown.award = "huan_chuong".into();
        let (field, _) = refusal(store::propose(&m, &db, board, &unknown).await.unwrap_err());
        assert_eq!(field, "award");
        assert_eq!(rows(&db, "emulation_proposals").await, 0);
        store::propose(&m, &db, board, &propose).await?;
        let (field, message) = refusal(store::propose(&m, &db, board, &propose).await.unwrap_err());
        assert_eq!(field, "award", "the same award twice");
        assert!(message.contains("đã được đề nghị"), "{message}");
        assert_eq!(rows(&db, "emulation_proposals").await, 1);
        Ok(())
    })
    .await;
}

#[tokio::test]
async fn nobody_scores_a_model_they_recorded() {
    each_engine(|db| async move {
        let f = setup(&db).await?;
        let c = open(&db, &f).await?;
        let board = Actor::Person(&f.board);
        let r = store::register(
            &db,
            board,
            &registration(c, "T9-X", "collective", "Hội Phụ nữ xã"),
        )
        .await?;
        let model = store::record_model(&db, board, &crate::support::model(r)).await?;
        let (field, message) = refusal(
            store::evaluate(
                &db,
                board,
                &evaluation(model, ["36", "25", "27"], "recognised"),
            )
            .await
            .unwrap_err(),
        );
        assert_eq!(field, "evaluator");
        assert!(message.contains("không được tự chấm điểm"), "{message}");
        assert_eq!(rows(&db, "emulation_evaluations").await, 0);
        store::evaluate(
            &db,
            Actor::Person(&f.board2),
            &evaluation(model, ["36", "25", "27"], "recognised"),
        )
        .await?;
        assert_eq!(rows(&db, "emulation_evaluations").await, 1);
        Ok(())
    })
    .await;
}

#[tokio::test]
async fn roles_that_may_not_are_refused() {
    each_engine(|db| async move {
        let f = setup(&db).await?;
        let m = module();
        let e = store::open_campaign(&m, &db, Actor::Person(&f.head), &campaign())
            .await
            .unwrap_err();
        assert!(matches!(e, WriteError::Denied(_)), "a village head: {e:?}");
        let e = store::open_campaign(&m, &db, Actor::Person(&f.board), &campaign())
            .await
            .unwrap_err();
        assert!(
            matches!(e, WriteError::Denied(_)),
            "a commune's board does not run the province's campaign: {e:?}"
        );
        let (_, model) = with_model(&db, &f).await?;
        for who in [&f.other_board, &f.head, &f.resident] {
            let e = store::evaluate(
                &db,
                Actor::Person(who),
                &evaluation(model, ["36", "25", "27"], "recognised"),
            )
            .await
            .unwrap_err();
            assert!(matches!(e, WriteError::Denied(_)), "{}: {e:?}", who.login);
        }
        assert_eq!(rows(&db, "emulation_evaluations").await, 0);
        Ok(())
    })
    .await;
}

#[tokio::test]
async fn criteria_that_cannot_be_read_name_their_line() {
    each_engine(|db| async move {
        let f = setup(&db).await?;
        let m = module();
        for (criteria, line) in [
            ("Hiệu quả | 40\nSáng tạo", "dòng 2"),
            ("Hiệu quả | bốn mươi", "dòng 1"),
            ("Hiệu quả | 40\n\n | 30", "dòng 3"),
        ] {
            let mut input = campaign();
            input.criteria = criteria.into();
            let (field, message) = refusal(
                store::open_campaign(&m, &db, Actor::Person(&f.province), &input)
                    .await
                    .unwrap_err(),
            );
            assert_eq!(field, "criteria");
            assert!(message.contains(line), "{message}");
        }
        let mut input = campaign();
        input.register_until = "01/01/2027".into();
        let (field, _) = refusal(
            store::open_campaign(&m, &db, Actor::Person(&f.province), &input)
                .await
                .unwrap_err(),
        );
        assert_eq!(field, "register_until");
        let mut input = campaign();
        input.fields = vec!["bong_da".into()];
        let (field, message) = refusal(
            store::open_campaign(&m, &db, Actor::Person(&f.province), &input)
                .await
                .unwrap_err(),
        );
        assert_eq!(field, "fields");
        assert!(message.contains("bong_da"), "{message}");
        assert_eq!(rows(&db, "emulation_campaigns").await, 0);
        assert_eq!(rows(&db, "emulation_criteria").await, 0);
        Ok(())
    })
    .await;
}
