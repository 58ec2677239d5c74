//! A consultation from publication to its synthesis: parts, numbers, answers, closing, the
//! counts by channel and by part, and the report as DOCX and PDF.

use dinh_consultation::store::{self, disposition};
use dinh_consultation::synthesis;
use dinh_consultation::{CloseInput, CommentInput, DispositionInput};
use dinh_platform::write::Actor;

use crate::support::{after, day, dmy, each_engine, input, module, setup};

fn web(part: &str, body: &str) -> CommentInput {
    CommentInput {
        part: part.into(),
        body: body.into(),
        name: "Nguyễn Văn An".into(),
        contact: "0912345678".into(),
        ..CommentInput::default()
    }
}

pub fn answer(number: i64, kind: &str, text: &str) -> DispositionInput {
    DispositionInput {
        number: number.to_string(),
        disposition: kind.into(),
        answer: text.into(),
        changed_in: String::new(),
    }
}

#[tokio::test]
async fn every_comment_is_numbered_answered_and_counted() {
    each_engine(|db| async move {
        let f = setup(&db).await?;
        let m = module();
        let opens = day(2025, 9, 1);
        let id = store::open(&m, &db, Actor::Person(&f.officer), &input(opens)).await?;
        let parts = store::parts(&db, id).await?;
        assert_eq!(parts.len(), 3);
        assert_eq!(parts[1].heading, "Điều 2. Công khai");
        assert_eq!(parts[1].body, "Niêm yết tại trụ sở và nhà văn hóa thôn.");

        let during = after(opens, 2);
        let n1 = store::comment(
            &db,
            None,
            id,
            &web("2", "Niêm yết thêm ở chợ."),
            "a",
            during,
        )
        .await?;
        let n2 = store::comment(
            &db,
            Some(&f.resident),
            id,
            &web("", "Đồng ý toàn văn."),
            "b",
            during,
        )
        .await?;
        let n3 = store::enter(
            &m,
            &db,
            Actor::Person(&f.officer),
            id,
            &CommentInput {
                part: "2".into(),
                body: "Thêm loa truyền thanh.".into(),
                channel: "organisation".into(),
                source: "Hội Nông dân xã".into(),
                received_on: dmy(during),
                ..CommentInput::default()
            },
            during,
        )
        .await?;
        assert_eq!((n1, n2, n3), (1, 2, 3));
        let all = store::comments(&db, id, true).await?;
        assert_eq!(all[0].contact.as_deref(), Some("0912345678"));
        assert_eq!(all[1].author_name, f.resident.display_name);
        assert!(
            all[2].organisation,
            "a comment from an organisation is marked"
        );
        let public = store::comments(&db, id, false).await?;
        assert!(public.iter().all(|c| c.contact.is_none()));

        let closes = after(opens, 30);
        store::dispose(
            &db,
            Actor::Person(&f.officer),
            id,
            &answer(1, disposition::ACCEPTED, "Bổ sung chợ xã."),
            closes,
        )
        .await?;
        store::dispose(
            &db,
            Actor::Person(&f.officer),
            id,
            &answer(2, disposition::EXPLAINED, "Ghi nhận."),
            closes,
        )
        .await?;
        store::dispose(
            &db,
            Actor::Person(&f.officer),
            id,
            &answer(3, disposition::PARTLY, "Dùng loa ở thôn lớn."),
            closes,
        )
        .await?;
        store::close(
            &m,
            &db,
            Actor::Person(&f.officer),
            id,
            &CloseInput {
                reason: "Toàn văn giữ nguyên vì đã được đồng ý.".into(),
            },
            closes,
        )
        .await?;
        let c = store::by_id(&db, id).await?.unwrap();
        assert!(!c.is_open());
        assert_eq!(c.closed_on.as_deref(), Some(closes.to_string().as_str()));

        let pack = m.rules().get(&c.rule_pack_id).unwrap();
        let counts = synthesis::counts(&db, pack, &c).await?;
        assert_eq!(counts.total.comments, 3);
        assert_eq!(
            counts
                .by_channel
                .iter()
                .map(|ch| (ch.code.as_str(), ch.comments))
                .collect::<Vec<_>>(),
            [("website", 2), ("organisation", 1)]
        );
        assert_eq!(counts.by_part.len(), 2);
        assert_eq!(counts.by_part[0].part, None);
        assert_eq!(counts.by_part[0].explained, 1);
        assert_eq!(counts.by_part[1].part, Some(2));
        assert_eq!(
            (counts.by_part[1].accepted, counts.by_part[1].partly),
            (1, 1)
        );

        // The figures for the steering reports, over the commune and over the province.
        let period = dinh_platform::module::Period {
            from: day(2025, 1, 1),
            to: day(2025, 12, 31),
        };
        let reg = crate::support::registry();
        for code in ["T9-X", "T9"] {
            let uid = dinh_platform::units::store::by_code(&db, code)
                .await?
                .unwrap()
                .id;
            let v = |key: &'static str| {
                let reg = reg.clone();
                let db = db.clone();
                async move { reg.indicator_value(&db, key, uid, period).await.unwrap() }
            };
            assert_eq!(v("consultation.held").await, Some(1.0));
            assert_eq!(v("consultation.comments").await, Some(3.0));
            assert_eq!(v("consultation.answered_rate").await, Some(100.0));
            let accepted = v("consultation.accepted_rate").await.unwrap();
            assert!((accepted - 200.0 / 3.0).abs() < 1e-9, "{accepted}");
        }
        let other = dinh_platform::units::store::by_code(&db, "T9-Y")
            .await?
            .unwrap();
        assert_eq!(
            reg.indicator_value(&db, "consultation.held", other.id, period)
                .await?,
            None,
            "nothing held is missing, not zero"
        );

        let (_, docx) = synthesis::file(&m, &db, id, false).await?.unwrap();
        assert!(docx.starts_with(b"PK"), "a DOCX is a zip");
        let (_, pdf) = synthesis::file(&m, &db, id, true).await?.unwrap();
        assert!(pdf.starts_with(b"%PDF"));
        Ok(())
    })
    .await;
}

#[tokio::test]
async fn an_answer_may_change_until_the_close() {
    each_engine(|db| async move {
        let f = setup(&db).await?;
        let m = module();
        let opens = day(2025, 9, 1);
        let id = store::open(&m, &db, Actor::Person(&f.officer), &input(opens)).await?;
        store::comment(&db, None, id, &web("1", "Ý kiến."), "a", after(opens, 1)).await?;
        let later = after(opens, 25);
        store::dispose(
            &db,
            Actor::Person(&f.officer),
            id,
            &answer(1, disposition::EXPLAINED, "Lý do một."),
            later,
        )
        .await?;
        store::dispose(
            &db,
            Actor::Person(&f.officer),
            id,
            &answer(1, disposition::ACCEPTED, "Đã sửa Điều 1."),
            later,
        )
        .await?;
        store::close(
            &m,
            &db,
            Actor::Person(&f.officer),
            id,
            &CloseInput::default(),
            later,
        )
        .await?;
        let c = store::comments(&db, id, false).await?;
        assert_eq!(c[0].disposition.as_deref(), Some(disposition::ACCEPTED));
        let refused = store::dispose(
            &db,
            Actor::Person(&f.officer),
            id,
            &answer(1, disposition::EXPLAINED, "Khác."),
            later,
        )
        .await
        .unwrap_err();
        assert_eq!(crate::support::field(refused), "consultation");
        Ok(())
    })
    .await;
}
