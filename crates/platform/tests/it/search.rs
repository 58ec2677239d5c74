//! The search's write and read sides over the platform alone, on both engines: folding (with
//! `đ`), ranking, the unit filter as a term, upserts, removal, replacing a source, units that
//! move, and queries that carry the engines' syntax.

use crate::support::{each_engine, small_tree};
use dinh_platform::db::{Db, query};
use dinh_platform::search::{self, Doc, KIND_ARTICLE, KIND_DISCLOSURE};
use dinh_platform::units::store;

async fn unit_id(db: &Db, code: &str) -> i64 {
    store::by_code(db, code).await.unwrap().unwrap().id
}

fn doc(reference: &str, unit_id: i64, title: &str, body: &str) -> Doc {
    Doc {
        source: "test",
        reference: reference.into(),
        unit_id,
        kind_key: KIND_DISCLOSURE,
        title: title.into(),
        body: body.into(),
        href: format!("/test/{reference}"),
        published_at: dinh_platform::time::parse_date("05/03/2026"),
    }
}

async fn titles(db: &Db, q: &str, within: Option<&str>) -> Vec<String> {
    let unit = match within {
        Some(code) => store::by_code(db, code).await.unwrap(),
        None => None,
    };
    search::find(db, q, unit.as_ref(), 20)
        .await
        .unwrap()
        .into_iter()
        .map(|h| h.title)
        .collect()
}

#[tokio::test]
async fn finds_ranks_filters_and_never_fails() {
    each_engine(|db| async move {
        small_tree(&db).await?;
        let t1 = unit_id(&db, "T1").await;
        let c2 = unit_id(&db, "C2").await;
        let mut tx = db.begin().await?;
        search::index_many(
            &mut tx,
            &[
                doc(
                    "1",
                    t1,
                    "Công khai quyết toán ngân sách năm 2025",
                    "Báo cáo thu chi của thôn.",
                ),
                doc(
                    "2",
                    c2,
                    "Kế hoạch sửa đường liên thôn",
                    "Dự toán kinh phí, sau đó quyết toán theo quy định.",
                ),
                doc("3", c2, "Đường điện chiếu sáng", "Lắp đèn đường Đống Đa."),
            ],
        )
        .await?;
        tx.commit().await?;

        // Without diacritics, with đ typed as d; a title match before a body match.
        assert_eq!(
            titles(&db, "quyet toan", None).await,
            [
                "Công khai quyết toán ngân sách năm 2025",
                "Kế hoạch sửa đường liên thôn"
            ]
        );
        assert_eq!(
            titles(&db, "den duong", None).await,
            ["Đường điện chiếu sáng"]
        );
        assert_eq!(titles(&db, "ĐƯỜNG", None).await.len(), 2);
        // Within a unit: its subtree only (T1 is in C1; C2 holds the others).
        assert_eq!(
            titles(&db, "quyet toan", Some("C1")).await,
            ["Công khai quyết toán ngân sách năm 2025"]
        );
        assert_eq!(
            titles(&db, "quyet toan", Some("C2")).await,
            ["Kế hoạch sửa đường liên thôn"]
        );
        assert!(titles(&db, "quyet toan", Some("T2")).await.is_empty());
        // The units of the tree are found too, and a unit within itself.
        // (its thôn name it as their parent, below it).
        let found = titles(&db, "cau giay", None).await;
        assert_eq!(
            (found[0].as_str(), found.len()),
            ("Xã Cầu Giấy", 3),
            "{found:?}"
        );
        assert_eq!(titles(&db, "thon mot", Some("T1")).await, ["Thôn Một"]);

        // The snippet marks what was found, escaped; the date is the publication day.
        let hits = search::find(&db, "du toan", None, 5).await?;
        assert_eq!(hits.len(), 1);
        assert!(
            hits[0]
                .snippet_html
                .contains("<mark>Dự</mark> <mark>toán</mark>"),
            "{}",
            hits[0].snippet_html
        );
        assert_eq!(
            hits[0].published_at,
            dinh_platform::time::parse_date("05/03/2026")
        );
        assert_eq!(hits[0].kind_key, KIND_DISCLOSURE);

        // Queries that carry the engines' syntax, or nothing at all.
        let long = "đ".repeat(5_000);
        for hostile in [
            "",
            "   ",
            "\"",
            "*",
            "(",
            ")",
            "AND OR NOT",
            "quyết\" OR \"",
            "NEAR(a b)",
            "a:b",
            "^x",
            "-",
            "'",
            "\\",
            "{title_words}: x",
            long.as_str(),
            "u1",
        ] {
            search::find(&db, hostile, None, 10).await?;
        }
        assert!(search::find(&db, "", None, 10).await?.is_empty());
        assert!(search::find(&db, "\"*()", None, 10).await?.is_empty());
        let many = "quyết toán ".repeat(500);
        assert_eq!(search::find(&db, &many, None, 10).await?.len(), 2);

        // An edit rewrites the document; removing it leaves nothing behind.
        let mut tx = db.begin().await?;
        search::index(
            &mut tx,
            &doc("1", t1, "Công khai dự toán năm 2026", "Đã sửa."),
        )
        .await?;
        tx.commit().await?;
        assert_eq!(
            titles(&db, "quyet toan", None).await,
            ["Kế hoạch sửa đường liên thôn"]
        );
        let mut tx = db.begin().await?;
        assert!(search::remove(&mut tx, "test", "2").await?);
        assert!(!search::remove(&mut tx, "test", "2").await?);
        tx.commit().await?;
        assert!(titles(&db, "quyet toan", None).await.is_empty());
        let n: i64 = db
            .scalar(&query(
                "SELECT COUNT(*) FROM search_documents WHERE source = 'test'",
            ))
            .await?;
        assert_eq!(n, 2);

        // Replacing a source keeps exactly what is given; writing the same again writes nothing.
        let mut a = doc("9", t1, "Tin hoạt động", "Họp thôn");
        a.kind_key = KIND_ARTICLE;
        let mut tx = db.begin().await?;
        search::replace(&mut tx, "test", std::slice::from_ref(&a)).await?;
        assert_eq!(
            search::index_many(&mut tx, std::slice::from_ref(&a)).await?,
            0
        );
        tx.commit().await?;
        let n: i64 = db
            .scalar(&query(
                "SELECT COUNT(*) FROM search_documents WHERE source = 'test'",
            ))
            .await?;
        assert_eq!(n, 1);

        // A thôn moved to another commune takes its documents along.
        dinh_platform::units::import_units(
            &db,
            "code,name,kind,parent_code\nT1,Thôn Một,thôn,C2\n".as_bytes(),
            "test",
        )
        .await?;
        assert_eq!(titles(&db, "hop thon", Some("C2")).await, ["Tin hoạt động"]);
        assert!(titles(&db, "hop thon", Some("C1")).await.is_empty());
        Ok(())
    })
    .await;
}
