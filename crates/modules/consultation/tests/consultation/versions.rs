//! Versions of the draft: a new version is numbered with its date and split like the first;
//! the difference between two versions reads part by part; a comment keeps its version and one
//! on a part of an older version is refused naming the field; an accepted answer may name the
//! version that made the change.

use axum::http::StatusCode;
use dinh_consultation::CommentInput;
use dinh_consultation::store::{self, VersionInput};
use dinh_platform::time::today_vn;
use dinh_platform::write::Actor;

use crate::lifecycle::answer;
use crate::support::registry;
use crate::support::{DRAFT, dmy, each_engine, field, input, module, rows, setup};
use dinh_platform::testing::Client;

/// The draft with Điều 2 changed, a new Điều 2a, and Điều 3 unchanged.
const SECOND: &str = "Điều 1. Phạm vi
Quy chế áp dụng trong toàn xã.

Điều 2. Công khai
Niêm yết tại trụ sở, nhà văn hóa thôn và chợ xã.

Điều 2a. Loa truyền thanh
Đọc trên loa ba ngày liên tiếp.

Điều 3. Lấy ý kiến
Thời gian lấy ý kiến ít nhất 20 ngày.";

fn web(part: &str, version: &str) -> CommentInput {
    CommentInput {
        part: part.into(),
        body: "Góp ý.".into(),
        name: "Nguyễn Văn An".into(),
        contact: "0912345678".into(),
        version: version.into(),
        ..CommentInput::default()
    }
}

fn second(on: chrono::NaiveDate) -> VersionInput {
    VersionInput {
        draft: SECOND.into(),
        published_on: dmy(on),
        note: "Tiếp thu ý kiến số 1 <b>".into(),
    }
}

#[tokio::test]
async fn a_new_version_is_numbered_compared_and_commented_on() {
    each_engine(|db| async move {
        let f = setup(&db).await?;
        let m = module();
        let today = today_vn();
        let officer = Actor::Person(&f.officer);
        let id = store::open(&m, &db, officer, &input(today)).await?;
        assert_eq!(store::by_id(&db, id).await?.unwrap().version, 1);
        let first = store::comment(&db, None, id, &web("2", "1"), "a", today).await?;

        // Refusals write nothing.
        let same = VersionInput {
            draft: DRAFT.into(),
            published_on: dmy(today),
            note: String::new(),
        };
        let e = store::publish_version(&db, officer, id, &same, today)
            .await
            .unwrap_err();
        assert_eq!(field(e), "draft", "the same text is not a new version");
        let e = store::publish_version(
            &db,
            officer,
            id,
            &second(today + chrono::Duration::days(1)),
            today,
        )
        .await
        .unwrap_err();
        assert_eq!(field(e), "published_on");
        assert!(
            store::publish_version(&db, Actor::Person(&f.outsider), id, &second(today), today)
                .await
                .is_err()
        );
        assert_eq!(rows(&db, "consultation_versions").await, 1);

        assert_eq!(
            store::publish_version(&db, officer, id, &second(today), today).await?,
            2
        );
        let k = store::by_id(&db, id).await?.unwrap();
        assert_eq!(k.version, 2);
        assert_eq!(store::parts(&db, id).await?.len(), 4, "the current parts");
        assert_eq!(
            store::version_parts(&db, id, 1).await?.len(),
            3,
            "version 1 is kept"
        );
        let versions = store::versions(&db, id).await?;
        assert_eq!(versions.len(), 2);
        assert_eq!(versions[1].published_on, today.to_string());

        // A comment on a part of version 1 is refused; on the whole draft it keeps its version;
        // without a version it is on the current one.
        let e = store::comment(&db, None, id, &web("2", "1"), "b", today)
            .await
            .unwrap_err();
        assert_eq!(field(e), "version");
        let e = store::comment(&db, None, id, &web("2", "7"), "b", today)
            .await
            .unwrap_err();
        assert_eq!(field(e), "version");
        store::comment(&db, None, id, &web("", "1"), "b", today).await?;
        let n = store::comment(&db, None, id, &web("3", ""), "b", today).await?;
        let all = store::comments(&db, id, false).await?;
        assert_eq!(all.iter().map(|c| c.version).collect::<Vec<_>>(), [1, 1, 2]);
        assert_eq!(all[2].number, n);

        // The answer may name the version that made the change, only a later one.
        let mut a = answer(first, "accepted", "Bổ sung chợ xã vào Điều 2.");
        a.changed_in = "1".into();
        assert_eq!(
            field(
                store::dispose(&db, officer, id, &a, today)
                    .await
                    .unwrap_err()
            ),
            "changed_in"
        );
        a.changed_in = "3".into();
        assert_eq!(
            field(
                store::dispose(&db, officer, id, &a, today)
                    .await
                    .unwrap_err()
            ),
            "changed_in"
        );
        let mut explained = answer(first, "explained", "Không phù hợp.");
        explained.changed_in = "2".into();
        assert_eq!(
            field(
                store::dispose(&db, officer, id, &explained, today)
                    .await
                    .unwrap_err()
            ),
            "changed_in"
        );
        a.changed_in = "2".into();
        store::dispose(&db, officer, id, &a, today).await?;
        let all = store::comments(&db, id, false).await?;
        assert_eq!(all[0].changed_in_version, Some(2));

        // The pages: the consultation links its versions and the difference; the difference
        // reads part by part, escaped.
        let visitor = Client::anonymous(&db, registry());
        let show = visitor.get(&format!("/consultations/{id}")).await.ok();
        assert!(show.contains(&format!("/consultations/{id}/versions")));
        assert!(show.contains(&format!("/consultations/{id}/diff?from=1&amp;to=2")));
        let list = visitor
            .get(&format!("/consultations/{id}/versions"))
            .await
            .ok();
        assert!(list.contains(&format!("/consultations/{id}/versions/1")));
        assert!(list.contains(&dinh_platform::time::show_date(&today.to_string())));
        let v1 = visitor
            .get(&format!("/consultations/{id}/versions/1"))
            .await
            .ok();
        assert!(v1.contains("Niêm yết tại trụ sở và nhà văn hóa thôn."));
        let diff = visitor
            .get(&format!("/consultations/{id}/diff?from=1&to=2"))
            .await
            .ok();
        assert!(diff.contains("<ins>"), "{diff}");
        assert!(diff.contains("<del>"));
        assert!(diff.contains("Loa truyền thanh"));
        assert!(
            diff.contains("diff-added")
                && diff.contains("diff-changed")
                && diff.contains("diff-same")
        );
        assert!(
            diff.contains("trước là phần 3"),
            "Điều 3 moved from part 3 to part 4"
        );
        assert!(!diff.contains("<b>"), "the note is escaped");
        let default = visitor.get(&format!("/consultations/{id}/diff")).await.ok();
        assert!(
            default.contains("Loa truyền thanh"),
            "by default, the last change"
        );
        for bad in ["?from=1&to=9", "?from=x&to=2"] {
            assert_eq!(
                visitor
                    .get(&format!("/consultations/{id}/diff{bad}"))
                    .await
                    .status,
                StatusCode::NOT_FOUND
            );
        }
        assert_eq!(
            visitor
                .get(&format!("/consultations/{id}/versions/5"))
                .await
                .status,
            StatusCode::NOT_FOUND
        );
        let part = visitor
            .get(&format!("/consultations/{id}/parts/2"))
            .await
            .ok();
        assert!(
            part.contains("của các bản trước"),
            "comments of version 1 are shown apart"
        );
        let synthesis = visitor
            .get(&format!("/consultations/{id}/synthesis"))
            .await
            .ok();
        assert!(synthesis.contains("đã sửa ở bản số 2"));

        // The web form comments on the current version; an old form is refused with 422.
        let form = Client::visitor(&db, registry()).await;
        let page = form.get(&format!("/consultations/{id}/comment")).await.ok();
        assert!(page.contains("name=\"version\" value=\"2\""));
        let fields = [
            ("part", "2"),
            ("body", "Ý kiến."),
            ("name", "Trần Văn Bình"),
            ("contact", "0912000111"),
            ("version", "1"),
        ];
        form.post(&format!("/consultations/{id}/comment"), &fields)
            .await
            .refused("version");
        let mut fresh = fields;
        fresh[4] = ("version", "2");
        let sent = form
            .post(&format!("/consultations/{id}/comment"), &fresh)
            .await;
        assert_eq!(sent.status, StatusCode::SEE_OTHER, "{}", sent.text());

        // The officer's work page has the new-version form, and it answers 303 or 422.
        let officer_web = Client::signed_in(&db, registry(), &f.officer).await;
        let work = officer_web
            .get(&format!("/consultations/{id}/work"))
            .await
            .ok();
        assert!(work.contains(&format!("action=\"/consultations/{id}/versions\"")));
        officer_web
            .post(
                &format!("/consultations/{id}/versions"),
                &[("draft", ""), ("published_on", &dmy(today))],
            )
            .await
            .refused("draft");
        let third = officer_web
            .post(
                &format!("/consultations/{id}/versions"),
                &[
                    ("draft", "Điều 1. Phạm vi\nToàn xã."),
                    ("published_on", &dmy(today)),
                ],
            )
            .await;
        assert_eq!(third.status, StatusCode::SEE_OTHER, "{}", third.text());
        assert!(third.location.contains("diff?from=2&to=3"));
        assert_eq!(
            visitor
                .post(&format!("/consultations/{id}/versions"), &[("draft", "x")])
                .await
                .status
                .as_u16()
                / 100,
            4
        );
        Ok(())
    })
    .await;
}
