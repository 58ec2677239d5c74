//! Bad input refused with a message naming the field, and nothing written: a closing day
//! earlier than the pack allows, closing with unanswered comments, a comment on a part the draft
//! does not have, a flood of comments, a comment without a contact, out-of-scope officers.

use dinh_consultation::store::{self, disposition};
use dinh_consultation::{CloseInput, CommentInput};
use dinh_platform::write::{Actor, WriteError};

use crate::lifecycle::answer;
use crate::support::{after, day, dmy, each_engine, earliest, field, input, module, rows, setup};

fn web(part: &str, body: &str) -> CommentInput {
    CommentInput {
        part: part.into(),
        body: body.into(),
        name: "Trần Thị Bình".into(),
        contact: "binh@example.vn".into(),
        ..CommentInput::default()
    }
}

#[tokio::test]
async fn a_closing_day_shorter_than_the_pack_allows_is_refused() {
    each_engine(|db| async move {
        let f = setup(&db).await?;
        let m = module();
        let opens = day(2025, 9, 1);
        let mut short = input(opens);
        short.closes_on = dmy(after(earliest(opens), -1));
        let e = store::open(&m, &db, Actor::Person(&f.officer), &short)
            .await
            .unwrap_err();
        let text = e.to_string();
        assert_eq!(field(e), "closes_on");
        assert!(text.contains("20 ngày"), "{text}");
        assert!(text.contains("Điều 28(2)"), "names the article: {text}");
        assert!(
            text.contains(&dmy(earliest(opens))),
            "gives the earliest day: {text}"
        );
        assert_eq!(rows(&db, "consultations").await, 0);
        assert_eq!(rows(&db, "consultation_parts").await, 0);

        let mut bad = input(opens);
        bad.matter = "42".into();
        assert_eq!(
            field(
                store::open(&m, &db, Actor::Person(&f.officer), &bad)
                    .await
                    .unwrap_err()
            ),
            "matter"
        );
        let mut bad = input(opens);
        bad.channels = vec!["pigeon".into()];
        assert_eq!(
            field(
                store::open(&m, &db, Actor::Person(&f.officer), &bad)
                    .await
                    .unwrap_err()
            ),
            "channels"
        );
        let mut bad = input(opens);
        bad.draft = "  \n\n ".into();
        assert_eq!(
            field(
                store::open(&m, &db, Actor::Person(&f.officer), &bad)
                    .await
                    .unwrap_err()
            ),
            "draft"
        );
        let mut bad = input(opens);
        bad.closes_on = "31/02/2025".into();
        assert_eq!(
            field(
                store::open(&m, &db, Actor::Person(&f.officer), &bad)
                    .await
                    .unwrap_err()
            ),
            "closes_on"
        );
        assert!(matches!(
            store::open(&m, &db, Actor::Person(&f.outsider), &input(opens)).await,
            Err(WriteError::Denied(_))
        ));
        assert!(matches!(
            store::open(&m, &db, Actor::Person(&f.head), &input(opens)).await,
            Err(WriteError::Denied(_))
        ));
        assert_eq!(rows(&db, "consultations").await, 0);
        assert_eq!(
            rows(&db, "audit_log WHERE action = 'consultation.open'").await,
            0
        );
        Ok(())
    })
    .await;
}

#[tokio::test]
async fn closing_with_an_unanswered_comment_is_refused() {
    each_engine(|db| async move {
        let f = setup(&db).await?;
        let m = module();
        let opens = day(2025, 9, 1);
        let id = store::open(&m, &db, Actor::Person(&f.officer), &input(opens)).await?;
        for (part, body) in [("1", "Một."), ("2", "Hai."), ("2", "Ba.")] {
            store::comment(&db, None, id, &web(part, body), body, after(opens, 1)).await?;
        }
        let last = earliest(opens);
        let officer = Actor::Person(&f.officer);
        let e = store::close(&m, &db, officer, id, &CloseInput::default(), last)
            .await
            .unwrap_err();
        assert_eq!(
            field(e),
            "closed_on",
            "not before the last day of comments has passed"
        );

        let day_after = after(last, 1);
        store::dispose(
            &db,
            officer,
            id,
            &answer(1, disposition::ACCEPTED, "Đã sửa."),
            day_after,
        )
        .await?;
        let e = store::close(&m, &db, officer, id, &CloseInput::default(), day_after)
            .await
            .unwrap_err();
        let text = e.to_string();
        assert_eq!(field(e), "comments");
        assert!(
            text.contains("còn 2 ý kiến") && text.contains("số 2, 3"),
            "{text}"
        );
        assert!(
            store::by_id(&db, id).await?.unwrap().is_open(),
            "nothing changed"
        );

        // Most comments on part 2 explained away: the reason must be written.
        store::dispose(
            &db,
            officer,
            id,
            &answer(2, disposition::EXPLAINED, "Không phù hợp."),
            day_after,
        )
        .await?;
        store::dispose(
            &db,
            officer,
            id,
            &answer(3, disposition::EXPLAINED, "Đã có quy định."),
            day_after,
        )
        .await?;
        let e = store::close(&m, &db, officer, id, &CloseInput::default(), day_after)
            .await
            .unwrap_err();
        let text = e.to_string();
        assert_eq!(field(e), "reason");
        assert!(text.contains("phần 2"), "{text}");
        assert!(store::by_id(&db, id).await?.unwrap().is_open());

        let e = store::close(
            &m,
            &db,
            Actor::Person(&f.head),
            id,
            &CloseInput::default(),
            day_after,
        )
        .await
        .unwrap_err();
        assert!(
            matches!(e, WriteError::Denied(_)),
            "a village head does not close"
        );
        store::close(
            &m,
            &db,
            officer,
            id,
            &CloseInput {
                reason: "Điều 2 giữ nguyên theo luật.".into(),
            },
            day_after,
        )
        .await?;
        assert!(!store::by_id(&db, id).await?.unwrap().is_open());
        let e = store::comment(&db, None, id, &web("1", "Muộn."), "late", day_after)
            .await
            .unwrap_err();
        assert_eq!(field(e), "consultation");
        Ok(())
    })
    .await;
}

#[tokio::test]
async fn bad_comments_are_refused_and_nothing_is_written() {
    each_engine(|db| async move {
        let f = setup(&db).await?;
        let m = module();
        let opens = day(2025, 9, 1);
        let id = store::open(&m, &db, Actor::Person(&f.officer), &input(opens)).await?;
        let during = after(opens, 1);
        let e = store::comment(&db, None, id, &web("9", "Phần không có."), "a", during)
            .await
            .unwrap_err();
        assert_eq!(field(e), "part");
        let e = store::comment(&db, None, id, &web("một", "Số sai."), "a", during)
            .await
            .unwrap_err();
        assert_eq!(field(e), "part");
        let mut no_contact = web("1", "Không ghi liên hệ.");
        no_contact.contact = String::new();
        assert_eq!(
            field(
                store::comment(&db, None, id, &no_contact, "a", during)
                    .await
                    .unwrap_err()
            ),
            "contact"
        );
        let mut bad_contact = web("1", "Liên hệ sai.");
        bad_contact.contact = "abc".into();
        assert_eq!(
            field(
                store::comment(&db, None, id, &bad_contact, "a", during)
                    .await
                    .unwrap_err()
            ),
            "contact"
        );
        assert_eq!(
            field(
                store::comment(&db, None, id, &web("1", "   "), "a", during)
                    .await
                    .unwrap_err()
            ),
            "body"
        );
        let long = "x".repeat(store::BODY_MAX + 1);
        assert_eq!(
            field(
                store::comment(&db, None, id, &web("1", &long), "a", during)
                    .await
                    .unwrap_err()
            ),
            "body"
        );
        let e = store::comment(
            &db,
            None,
            id,
            &web("1", "Trước ngày công khai."),
            "a",
            after(opens, -1),
        )
        .await
        .unwrap_err();
        assert_eq!(field(e), "consultation");
        let e = store::comment(
            &db,
            None,
            id,
            &web("1", "Sau ngày kết thúc."),
            "a",
            after(earliest(opens), 1),
        )
        .await
        .unwrap_err();
        assert_eq!(field(e), "consultation");
        // An officer's entry needs its channel, source and a day within the consultation.
        let entry = |channel: &str, source: &str, on: chrono::NaiveDate| CommentInput {
            part: "1".into(),
            body: "Ý kiến hội nghị.".into(),
            channel: channel.into(),
            source: source.into(),
            received_on: dmy(on),
            ..CommentInput::default()
        };
        let officer = Actor::Person(&f.officer);
        assert!(
            matches!(
                store::enter(
                    &m,
                    &db,
                    Actor::Person(&f.head),
                    id,
                    &entry("meeting", "Hội nghị", during),
                    during
                )
                .await,
                Err(WriteError::Denied(_))
            ),
            "a village head enters comments at the thôn, not at the commune"
        );
        assert_eq!(
            field(
                store::enter(
                    &m,
                    &db,
                    officer,
                    id,
                    &entry("pigeon", "Hội nghị", during),
                    during
                )
                .await
                .unwrap_err()
            ),
            "channel"
        );
        assert_eq!(
            field(
                store::enter(&m, &db, officer, id, &entry("meeting", "", during), during)
                    .await
                    .unwrap_err()
            ),
            "source"
        );
        assert_eq!(
            field(
                store::enter(
                    &m,
                    &db,
                    officer,
                    id,
                    &entry("meeting", "Hội nghị", after(during, 3)),
                    during
                )
                .await
                .unwrap_err()
            ),
            "received_on"
        );
        assert!(matches!(
            store::enter(
                &m,
                &db,
                Actor::Person(&f.outsider),
                id,
                &entry("meeting", "Hội nghị", during),
                during
            )
            .await,
            Err(WriteError::Denied(_))
        ));
        assert!(matches!(
            store::dispose(
                &db,
                Actor::Person(&f.head),
                id,
                &answer(1, disposition::ACCEPTED, "x"),
                during
            )
            .await,
            Err(WriteError::Denied(_))
        ));
        assert_eq!(rows(&db, "consultation_comments").await, 0);
        assert_eq!(
            store::by_id(&db, id).await?.unwrap().comment_count,
            0,
            "no number was used"
        );
        assert_eq!(
            rows(&db, "audit_log WHERE action = 'consultation.comment'").await,
            0
        );

        // Answers need their kind, their text and a comment that exists.
        store::comment(&db, None, id, &web("1", "Có thật."), "a", during).await?;
        assert_eq!(
            field(
                store::dispose(&db, officer, id, &answer(1, "maybe", "x"), during)
                    .await
                    .unwrap_err()
            ),
            "disposition"
        );
        assert_eq!(
            field(
                store::dispose(
                    &db,
                    officer,
                    id,
                    &answer(1, disposition::EXPLAINED, " "),
                    during
                )
                .await
                .unwrap_err()
            ),
            "answer"
        );
        assert_eq!(
            field(
                store::dispose(
                    &db,
                    officer,
                    id,
                    &answer(7, disposition::ACCEPTED, "x"),
                    during
                )
                .await
                .unwrap_err()
            ),
            "number"
        );
        assert_eq!(store::unanswered_numbers(&db, id).await?, [1]);
        Ok(())
    })
    .await;
}

#[tokio::test]
async fn a_comment_flood_is_refused() {
    each_engine(|db| async move {
        let f = setup(&db).await?;
        let m = module();
        let opens = day(2025, 9, 1);
        let id = store::open(&m, &db, Actor::Person(&f.officer), &input(opens)).await?;
        let during = after(opens, 1);
        for i in 0..store::PER_CLIENT {
            store::comment(
                &db,
                None,
                id,
                &web("1", &format!("Ý kiến {i}")),
                "same-client",
                during,
            )
            .await?;
        }
        let e = store::comment(&db, None, id, &web("1", "Thêm nữa"), "same-client", during)
            .await
            .unwrap_err();
        let text = e.to_string();
        assert_eq!(field(e), "body");
        assert!(text.contains("quá nhiều"), "{text}");
        store::comment(
            &db,
            None,
            id,
            &web("1", "Người khác"),
            "other-client",
            during,
        )
        .await?;
        assert_eq!(
            rows(&db, "consultation_comments").await,
            store::PER_CLIENT + 1
        );
        Ok(())
    })
    .await;
}

#[tokio::test]
async fn a_draft_burdening_a_named_citizen_closes_only_after_the_hearing() {
    each_engine(|db| async move {
        let f = setup(&db).await?;
        let m = module();
        let opens = day(2025, 9, 1);
        let mut named = input(opens);
        named.matter = "8".into();
        named.title = "Quyết định thu hồi đất của hộ ông Đỗ Văn Bình".into();
        let id = store::open(&m, &db, Actor::Person(&f.officer), &named).await?;
        let officer = Actor::Person(&f.officer);
        let day_after = after(earliest(opens), 1);
        let e = store::close(&m, &db, officer, id, &CloseInput::default(), day_after)
            .await
            .unwrap_err();
        let text = e.to_string();
        assert_eq!(field(e), "hearing");
        assert!(text.contains("Điều 27"), "{text}");

        let hearing = |on: chrono::NaiveDate, form: &str, statement: &str| store::HearingInput {
            person: "Đỗ Văn Bình".into(),
            heard_on: dmy(on),
            form: form.into(),
            statement: statement.into(),
        };
        let before = after(opens, -1);
        assert_eq!(
            field(
                store::hear(
                    &db,
                    officer,
                    id,
                    &hearing(before, "in_person", "Đồng ý."),
                    day_after
                )
                .await
                .unwrap_err()
            ),
            "heard_on"
        );
        assert_eq!(
            field(
                store::hear(
                    &db,
                    officer,
                    id,
                    &hearing(opens, "phone", "Đồng ý."),
                    day_after
                )
                .await
                .unwrap_err()
            ),
            "form"
        );
        assert_eq!(
            field(
                store::hear(
                    &db,
                    officer,
                    id,
                    &hearing(opens, "in_person", " "),
                    day_after
                )
                .await
                .unwrap_err()
            ),
            "statement"
        );
        assert!(matches!(
            store::hear(
                &db,
                Actor::Person(&f.head),
                id,
                &hearing(opens, "in_person", "Đồng ý."),
                day_after
            )
            .await,
            Err(WriteError::Denied(_))
        ));
        assert_eq!(rows(&db, "consultation_hearings").await, 0);

        store::hear(
            &db,
            officer,
            id,
            &hearing(
                after(opens, 3),
                "in_person",
                "Đề nghị bồi thường theo giá thị trường.",
            ),
            day_after,
        )
        .await?;
        let heard = store::hearings(&db, id).await?;
        assert_eq!(heard.len(), 1);
        assert_eq!(heard[0].form, "in_person");
        store::close(&m, &db, officer, id, &CloseInput::default(), day_after).await?;
        assert!(!store::by_id(&db, id).await?.unwrap().is_open());
        Ok(())
    })
    .await;
}
