//! The pages: a unit's home links the movement; the campaign page counts the registrations and
//! shows the recognised models and the awards (escaped); a model is public once recognised;
//! the work pages are closed to visitors and to those without a role of the movement; the
//! forms answer 303 and refuse bad input with a 422 naming the field; the XLSX lists and the
//! decision documents; the work home lists what awaits the board.

use axum::http::StatusCode;
use dinh_emulation::store::{self, DecisionInput, ProposalInput, VoteInput};
use dinh_platform::testing::Client;
use dinh_platform::write::Actor;

use crate::support::{each_engine, evaluation, module, registry, rows, setup, with_model};

#[tokio::test]
async fn public_pages_reach_the_campaign_its_models_and_awards() {
    each_engine(|db| async move {
        let f = setup(&db).await?;
        let m = module();
        let (c, model) = with_model(&db, &f).await?;
        let visitor = Client::anonymous(&db, registry());
        let home = visitor.get("/units/T9-X-01").await.ok();
        assert!(home.contains("/units/T9-X-01/emulation"), "{home}");
        let list = visitor.get("/units/T9-X-01/emulation").await.ok();
        assert!(list.contains(&format!("/emulation/{c}")), "{list}");
        let page = visitor.get(&format!("/emulation/{c}")).await.ok();
        assert!(page.contains("1 tập thể, 0 cá nhân đăng ký"), "{page}");
        assert!(page.contains("Hiệu quả thiết thực"), "{page}");
        assert_eq!(
            visitor
                .get(&format!("/emulation/models/{model}"))
                .await
                .status,
            StatusCode::NOT_FOUND,
            "a model awaiting evaluation is not public"
        );
        let board = Actor::Person(&f.board);
        let province = Actor::Person(&f.province);
        store::evaluate(
            &db,
            board,
            &evaluation(model, ["36", "25", "27"], "recognised"),
        )
        .await?;
        let p = store::propose(
            &m,
            &db,
            board,
            &ProposalInput {
                model_id: model,
                award: "bang_khen_tinh".into(),
                reason: "Tiêu biểu".into(),
                proposed_on: "10/06/2026".into(),
            },
        )
        .await?;
        store::record_vote(
            &m,
            &db,
            province,
            &VoteInput {
                proposal_id: p,
                council_members: "9".into(),
                votes_for: "8".into(),
                voted_on: "20/06/2026".into(),
            },
        )
        .await?;
        let d = store::issue_decision(
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
        let page = visitor.get(&format!("/emulation/{c}")).await.ok();
        assert!(
            page.contains(&format!("/emulation/models/{model}")),
            "{page}"
        );
        assert!(page.contains("&lt;b&gt;đường thôn") || page.contains("&#60;b&#62;đường thôn"));
        assert!(!page.contains("<b>đường thôn"), "titles are escaped");
        assert!(
            page.contains("125/QĐ-UBND") && page.contains("01/07/2026"),
            "{page}"
        );
        let story = visitor
            .get(&format!("/emulation/models/{model}"))
            .await
            .ok();
        assert!(story.contains("Số liệu thực tế trên Đình"), "{story}");
        let awards = visitor.get("/units/T9-X/emulation/awards").await.ok();
        assert!(
            awards.contains("Thôn Một") && awards.contains("125/QĐ-UBND"),
            "{awards}"
        );
        for (uri, kind) in [
            (
                format!("/emulation/decisions/{d}/document.docx"),
                "wordprocessingml",
            ),
            (
                format!("/emulation/decisions/{d}/document.pdf"),
                "application/pdf",
            ),
        ] {
            let a = visitor.get(&uri).await;
            assert_eq!(a.status, StatusCode::OK, "{uri}");
            assert!(a.content_type.contains(kind), "{uri}: {}", a.content_type);
            assert!(a.body.len() > 1000, "{uri}");
        }
        let api = visitor.get(&format!("/api/v1/emulation/{c}")).await.json();
        assert_eq!(api["counts"]["collectives"], 1);
        assert_eq!(api["recognised"][0]["id"], model);
        assert_eq!(api["decisions"][0]["awards"][0]["registrant"], "Thôn Một");
        let history = visitor
            .get("/api/v1/units/T9-X/emulation/awards")
            .await
            .json();
        assert_eq!(history[0]["number"], "125/QĐ-UBND");
        let doc = visitor.get("/api/openapi.json").await.ok();
        assert!(
            doc.contains("/api/v1/emulation/{id}"),
            "the API is documented"
        );
        Ok(())
    })
    .await;
}

#[tokio::test]
async fn the_boards_work_through_the_forms() {
    each_engine(|db| async move {
        let f = setup(&db).await?;
        let province = Client::signed_in(&db, registry(), &f.province).await;
        let open = province
            .post(
                "/units/T9/emulation",
                &[
                    ("title", "Dân vận khéo 2026"),
                    ("document", "Kế hoạch 12-KH/BDV"),
                    ("period_from", "01/01/2026"),
                    ("period_to", "31/12/2026"),
                    ("register_until", "31/12/2026"),
                    ("eligible", "both"),
                    ("field_grassroots_democracy", "1"),
                    ("field_economy", "1"),
                    ("criteria", "Hiệu quả | 50\nSáng tạo | 50"),
                ],
            )
            .await;
        assert_eq!(open.status, StatusCode::SEE_OTHER, "{}", open.text());
        let c: i64 = open
            .location
            .trim_start_matches("/emulation/")
            .trim_end_matches("/work")
            .parse()?;
        let campaign = store::campaign(&db, c).await?.unwrap();
        assert_eq!(campaign.fields, "economy,grassroots_democracy");

        let head = Client::signed_in(&db, registry(), &f.head).await;
        let work = head.get(&format!("/emulation/{c}/work")).await.ok();
        assert!(
            work.contains("Thôn Một"),
            "the head registers for the thôn: {work}"
        );
        let today = dinh_platform::time::today_vn()
            .format("%d/%m/%Y")
            .to_string();
        let bad = head
            .post(
                &format!("/emulation/{c}/registrations"),
                &[
                    ("unit_code", "T9-X-01"),
                    ("kind", "collective"),
                    ("collective_kind", "village"),
                    ("name", "Thôn Một"),
                    ("field", "economy"),
                    ("commitment", "Trồng rau an toàn"),
                    ("registered_on", "32/01/2026"),
                ],
            )
            .await;
        bad.refused("registered_on");
        let ok = head
            .post(
                &format!("/emulation/{c}/registrations"),
                &[
                    ("unit_code", "T9-X-01"),
                    ("kind", "collective"),
                    ("collective_kind", "village"),
                    ("name", "Thôn Một"),
                    ("field", "economy"),
                    ("commitment", "Trồng rau an toàn"),
                    ("registered_on", "15/02/2026"),
                ],
            )
            .await;
        assert_eq!(ok.status, StatusCode::SEE_OTHER, "{}", ok.text());
        let registration: (i64,) = db
            .fetch_optional(&dinh_platform::db::query(
                "SELECT id FROM emulation_registrations",
            ))
            .await?
            .unwrap();
        let made = head
            .post(
                &format!("/emulation/{c}/models"),
                &[
                    ("registration", &registration.0.to_string()),
                    ("title", "Rau an toàn"),
                    ("description", "Tổ hợp tác trồng rau"),
                    ("started_on", "01/03/2026"),
                    ("results", "20 hộ tham gia"),
                ],
            )
            .await;
        assert_eq!(made.status, StatusCode::SEE_OTHER, "{}", made.text());
        let model_work = made.location.clone();
        assert!(model_work.ends_with("/work"), "{model_work}");
        let model: i64 = model_work
            .trim_start_matches("/emulation/models/")
            .trim_end_matches("/work")
            .parse()?;

        let board = Client::signed_in(&db, registry(), &f.board).await;
        let home = board.get(dinh_platform::work::PATH).await.ok();
        assert!(
            home.contains(&model_work),
            "the work home lists the model: {home}"
        );
        assert!(home.contains("/units/T9-X/emulation/work"), "{home}");
        let page = board.get(&model_work).await.ok();
        assert!(
            page.contains("score_1") && page.contains("score_2"),
            "{page}"
        );
        let too_high = board
            .post(
                &format!("/emulation/models/{model}/evaluations"),
                &[
                    ("score_1", "51"),
                    ("score_2", "40"),
                    ("evaluated_on", &today),
                    ("verdict", "recognised"),
                    ("conclusion", "Tốt"),
                ],
            )
            .await;
        too_high.refused("score_1");
        assert_eq!(rows(&db, "emulation_evaluations").await, 0);
        let scored = board
            .post(
                &format!("/emulation/models/{model}/evaluations"),
                &[
                    ("score_1", "45"),
                    ("score_2", "40"),
                    ("evaluated_on", &today),
                    ("verdict", "recognised"),
                    ("conclusion", "Tốt"),
                ],
            )
            .await;
        assert_eq!(scored.status, StatusCode::SEE_OTHER, "{}", scored.text());
        let proposed = board
            .post(
                &format!("/emulation/models/{model}/proposals"),
                &[
                    ("award", "bang_khen_tinh"),
                    ("reason", "Tiêu biểu"),
                    ("proposed_on", &today),
                ],
            )
            .await;
        assert_eq!(
            proposed.status,
            StatusCode::SEE_OTHER,
            "{}",
            proposed.text()
        );
        let home = province.get(dinh_platform::work::PATH).await.ok();
        assert!(home.contains(&format!("/emulation/{c}/work")), "{home}");
        let p: (i64,) = db
            .fetch_optional(&dinh_platform::db::query(
                "SELECT id FROM emulation_proposals",
            ))
            .await?
            .unwrap();
        let voted = province
            .post(
                &format!("/emulation/proposals/{}/vote", p.0),
                &[
                    ("council_members", "9"),
                    ("votes_for", "10"),
                    ("voted_on", &today),
                ],
            )
            .await;
        voted.refused("votes_for");
        let voted = province
            .post(
                &format!("/emulation/proposals/{}/vote", p.0),
                &[
                    ("council_members", "9"),
                    ("votes_for", "7"),
                    ("voted_on", &today),
                ],
            )
            .await;
        assert_eq!(voted.status, StatusCode::SEE_OTHER, "{}", voted.text());
        let decided = province
            .post(
                &format!("/emulation/{c}/decisions"),
                &[
                    ("award", "bang_khen_tinh"),
                    ("number", "9/QĐ-UBND"),
                    ("signed_on", &today),
                    ("signer", "Trần Văn Minh"),
                    ("signer_title", "Chủ tịch"),
                ],
            )
            .await;
        assert_eq!(decided.status, StatusCode::SEE_OTHER, "{}", decided.text());
        assert_eq!(rows(&db, "emulation_decisions").await, 1);
        for uri in [
            format!("/emulation/{c}/registrations.xlsx"),
            format!("/emulation/{c}/evaluations.xlsx"),
        ] {
            let a = province.get(&uri).await;
            assert_eq!(a.status, StatusCode::OK, "{uri}");
            assert!(a.content_type.contains("spreadsheetml"), "{uri}");
        }
        Ok(())
    })
    .await;
}

#[tokio::test]
async fn work_pages_are_closed_to_those_without_a_role() {
    each_engine(|db| async move {
        let f = setup(&db).await?;
        let (c, model) = with_model(&db, &f).await?;
        let visitor = Client::visitor(&db, registry()).await;
        let resident = Client::signed_in(&db, registry(), &f.resident).await;
        let other = Client::signed_in(&db, registry(), &f.other_board).await;
        for uri in [
            "/units/T9-X/emulation/work".to_owned(),
            format!("/emulation/{c}/work"),
            format!("/emulation/models/{model}/work"),
            format!("/emulation/{c}/registrations.xlsx"),
        ] {
            let a = visitor.get(&uri).await;
            assert!(
                a.status == StatusCode::UNAUTHORIZED || a.status == StatusCode::SEE_OTHER,
                "{uri}: {}",
                a.status
            );
            assert_eq!(
                resident.get(&uri).await.status,
                StatusCode::FORBIDDEN,
                "{uri}"
            );
        }
        assert_eq!(
            other
                .get(&format!("/emulation/models/{model}/work"))
                .await
                .status,
            StatusCode::FORBIDDEN,
            "another commune's board"
        );
        let a = other
            .post(
                &format!("/emulation/models/{model}/evaluations"),
                &[
                    ("score_1", "30"),
                    ("score_2", "20"),
                    ("score_3", "20"),
                    ("evaluated_on", "01/06/2026"),
                    ("verdict", "recognised"),
                    ("conclusion", "Tốt"),
                ],
            )
            .await;
        assert_eq!(a.status, StatusCode::FORBIDDEN, "{}", a.text());
        let forged = Client::signed_in(&db, registry(), &f.board).await;
        let a = forged
            .post_form(
                &format!("/emulation/models/{model}/evaluations"),
                &[("score_1", "30")],
                false,
            )
            .await;
        assert_eq!(
            a.status,
            StatusCode::FORBIDDEN,
            "no CSRF token: {}",
            a.text()
        );
        assert_eq!(rows(&db, "emulation_evaluations").await, 0);
        Ok(())
    })
    .await;
}
