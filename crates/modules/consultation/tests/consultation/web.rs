//! The pages: public pages reachable and escaped, the contact never shown to the public, work
//! pages closed to visitors, forms that answer 303 with their message and refuse bad input with
//! a 422 naming the field, the synthesis downloads and the JSON API.

use axum::http::StatusCode;
use dinh_consultation::CommentInput;
use dinh_consultation::store;
use dinh_platform::time::today_vn;
use dinh_platform::write::Actor;

use crate::support::registry;
use crate::support::{dmy, each_engine, earliest, input, module, rows, setup};
use dinh_platform::testing::Client;

/// The comment's `<script>` written as text (askama writes `<` as `&lt;` or `&#60;`).
fn escaped(page: &str) -> bool {
    page.contains("&lt;script&gt;alert(1)") || page.contains("&#60;script&#62;alert(1)")
}

#[tokio::test]
async fn public_pages_show_the_draft_comments_and_answers() {
    each_engine(|db| async move {
        let f = setup(&db).await?;
        let m = module();
        let today = today_vn();
        let id = store::open(&m, &db, Actor::Person(&f.officer), &input(today)).await?;
        store::comment(
            &db,
            None,
            id,
            &CommentInput {
                part: "2".into(),
                body: "<script>alert(1)</script> Niêm yết ở chợ".into(),
                name: "Lê Văn Cường".into(),
                contact: "0987654321".into(),
                ..CommentInput::default()
            },
            "a",
            today,
        )
        .await?;
        let visitor = Client::anonymous(&db, registry());
        let list = visitor.get("/units/T9-X/consultations").await.ok();
        assert!(list.contains(&format!("/consultations/{id}")), "{list}");
        let home = visitor.get("/units/T9-X").await.ok();
        assert!(
            home.contains("/units/T9-X/consultations"),
            "the unit's home links the list"
        );
        assert!(
            home.contains(&format!("/consultations/{id}")),
            "and the open draft"
        );

        let show = visitor.get(&format!("/consultations/{id}")).await.ok();
        assert!(show.contains("Điều 2. Công khai"));
        assert!(show.contains(&format!("/consultations/{id}/parts/2")));
        assert!(show.contains(&format!("/consultations/{id}/comment")));
        assert!(
            !show.contains(&format!("/consultations/{id}/work")),
            "no work link for visitors"
        );

        let part = visitor
            .get(&format!("/consultations/{id}/parts/2"))
            .await
            .ok();
        assert!(escaped(&part), "HTML in a comment is shown as text");
        assert!(!part.contains("<script>alert"), "and never as HTML");
        assert!(part.contains("Lê Văn Cường"));
        assert!(!part.contains("0987654321"), "the contact is never public");
        assert!(
            part.contains(&format!("/consultations/{id}/parts/3")),
            "next part"
        );
        assert_eq!(
            visitor
                .get(&format!("/consultations/{id}/parts/9"))
                .await
                .status,
            StatusCode::NOT_FOUND
        );

        let synthesis = visitor
            .get(&format!("/consultations/{id}/synthesis"))
            .await
            .ok();
        assert!(!synthesis.contains("0987654321"));
        assert!(synthesis.contains("synthesis.docx"));
        let docx = visitor
            .get(&format!("/consultations/{id}/synthesis.docx"))
            .await;
        assert_eq!(docx.status, StatusCode::OK);
        assert!(docx.content_type.contains("wordprocessingml"));
        let pdf = visitor
            .get(&format!("/consultations/{id}/synthesis.pdf"))
            .await;
        assert_eq!(pdf.content_type, "application/pdf");

        let api = visitor
            .get(&format!("/api/v1/consultations/{id}"))
            .await
            .ok();
        assert!(!api.contains("0987654321"), "nor in the API");
        let json: serde_json::Value = serde_json::from_str(&api)?;
        assert_eq!(json["comments"][0]["number"], 1);
        assert_eq!(json["counts"]["total"]["comments"], 1);
        let openapi = visitor.get("/api/openapi.json").await.ok();
        assert!(openapi.contains("/api/v1/consultations/{id}"));

        // Work pages: closed to visitors, open to the officer with the contact.
        assert_eq!(
            visitor
                .get(&format!("/consultations/{id}/work"))
                .await
                .status,
            StatusCode::UNAUTHORIZED
        );
        assert_eq!(
            visitor.get("/units/T9-X/consultations/work").await.status,
            StatusCode::UNAUTHORIZED
        );
        let outsider = Client::signed_in(&db, registry(), &f.outsider).await;
        assert_eq!(
            outsider
                .get(&format!("/consultations/{id}/work"))
                .await
                .status,
            StatusCode::FORBIDDEN
        );
        let officer = Client::signed_in(&db, registry(), &f.officer).await;
        let work = officer.get(&format!("/consultations/{id}/work")).await.ok();
        assert!(work.contains("0987654321"), "officers see the contact");
        assert!(escaped(&work));
        let home = officer.get("/viec-cua-toi").await.ok();
        assert!(
            home.contains(&format!("/consultations/{id}/work")),
            "the work home lists what awaits an answer"
        );
        assert!(
            home.contains("/units/T9-X/consultations/work"),
            "and the work area"
        );
        let areas = officer.get("/units/T9-X/consultations/work").await.ok();
        assert!(areas.contains("/units/T9-X/consultations/new"));
        Ok(())
    })
    .await;
}

#[tokio::test]
async fn forms_answer_303_and_refuse_naming_the_field() {
    each_engine(|db| async move {
        let f = setup(&db).await?;
        let today = today_vn();
        let officer = Client::signed_in(&db, registry(), &f.officer).await;
        officer.get("/units/T9-X/consultations/new").await.ok();
        let draft = crate::support::DRAFT;
        let short = officer
            .post(
                "/units/T9-X/consultations/new",
                &[
                    ("matter", "2"),
                    ("title", "Kế hoạch sử dụng đất"),
                    ("draft", draft),
                    ("opens_on", &dmy(today)),
                    ("closes_on", &dmy(today + chrono::Duration::days(5))),
                    ("ch_website", "1"),
                ],
            )
            .await;
        short.refused("closes_on");
        assert_eq!(rows(&db, "consultations").await, 0);
        let created = officer
            .post(
                "/units/T9-X/consultations/new",
                &[
                    ("matter", "2"),
                    ("title", "Kế hoạch sử dụng đất"),
                    ("draft", draft),
                    ("opens_on", &dmy(today)),
                    ("closes_on", &dmy(earliest(today))),
                    ("ch_website", "1"),
                    ("ch_meeting", "1"),
                ],
            )
            .await;
        assert_eq!(created.status, StatusCode::SEE_OTHER, "{}", created.text());
        let id: i64 = created
            .location
            .trim_start_matches("/consultations/")
            .trim_end_matches("/work")
            .parse()?;
        let c = store::by_id(&db, id).await?.unwrap();
        assert_eq!(c.channel_codes(), ["meeting", "website"]);

        // A visitor comments through the public form.
        let visitor = Client::visitor(&db, registry()).await;
        visitor
            .get(&format!("/consultations/{id}/comment?part=1"))
            .await
            .ok();
        let missing = visitor
            .post(
                &format!("/consultations/{id}/comment"),
                &[("part", "1"), ("body", "Ý kiến"), ("name", "An")],
            )
            .await;
        missing.refused("contact");
        // The form comes back with what was written, to correct and send again.
        let again = missing.text();
        assert!(again.contains(">Ý kiến</textarea>"), "{again}");
        assert!(again.contains(r#"value="An""#), "{again}");
        assert!(again.contains(r#"<option value="1" selected>"#), "{again}");
        assert!(
            !again.contains(r#"name="csrf" value="""#),
            "the form keeps its token"
        );
        let sent = visitor
            .post(
                &format!("/consultations/{id}/comment"),
                &[
                    ("part", "1"),
                    ("body", "Ý kiến của tôi"),
                    ("name", "An"),
                    ("contact", "0911222333"),
                ],
            )
            .await;
        assert_eq!(sent.status, StatusCode::SEE_OTHER, "{}", sent.text());
        assert_eq!(
            sent.location,
            format!("/consultations/{id}/parts/1#y-kien-1")
        );
        let without_token = Client::anonymous(&db, registry())
            .post(&format!("/consultations/{id}/comment"), &[("body", "x")])
            .await;
        assert_eq!(without_token.status, StatusCode::FORBIDDEN);

        // The officer enters one from a meeting, answers, and cannot close yet.
        let entered = officer
            .post(
                &format!("/consultations/{id}/enter"),
                &[
                    ("channel", "meeting"),
                    ("source", "Hội nghị thôn Một"),
                    ("part", ""),
                    ("received_on", &dmy(today)),
                    ("body", "Ý kiến hội nghị"),
                ],
            )
            .await;
        assert_eq!(entered.status, StatusCode::SEE_OTHER, "{}", entered.text());
        let answered = officer
            .post(
                &format!("/consultations/{id}/answer"),
                &[
                    ("number", "1"),
                    ("disposition", "accepted"),
                    ("answer", "Đã sửa Điều 1."),
                ],
            )
            .await;
        assert_eq!(
            answered.status,
            StatusCode::SEE_OTHER,
            "{}",
            answered.text()
        );
        officer
            .post(
                &format!("/consultations/{id}/answer"),
                &[
                    ("number", "2"),
                    ("disposition", "explained"),
                    ("answer", ""),
                ],
            )
            .await
            .refused("answer");
        officer
            .post(&format!("/consultations/{id}/close"), &[("reason", "")])
            .await
            .refused("closed_on");
        let head = Client::signed_in(&db, registry(), &f.head).await;
        assert_eq!(
            head.post(
                &format!("/consultations/{id}/answer"),
                &[
                    ("number", "2"),
                    ("disposition", "accepted"),
                    ("answer", "x")
                ]
            )
            .await
            .status,
            StatusCode::FORBIDDEN
        );
        assert_eq!(store::unanswered_numbers(&db, id).await?, [2]);
        Ok(())
    })
    .await;
}
