//! The register in the site search: a disclosure is found from its publication, typed without
//! diacritics, under its commune only; a correction is found as corrected, the old text no more.

use dinh_disclosure::store::{self, Actor, Correction};
use dinh_platform::search;
use dinh_platform::units::store as units;

use super::support::*;

async fn titles(db: &dinh_platform::db::Db, q: &str, within: Option<&str>) -> Vec<String> {
    let unit = match within {
        Some(code) => units::by_code(db, code).await.unwrap(),
        None => None,
    };
    search::find(db, q, unit.as_ref(), 20)
        .await
        .unwrap()
        .into_iter()
        .filter(|h| h.kind_key == search::KIND_DISCLOSURE)
        .map(|h| h.title)
        .collect()
}

#[tokio::test]
async fn published_and_corrected_disclosures_are_found_as_they_read() {
    dinh_platform::testing::each_engine(&registry(), |db| async move {
        let w = world(&db).await;
        let mut first = draft(2, d(2026, 3, 6), d(2026, 3, 10));
        first.title = "Công khai quyết toán ngân sách xã năm 2025".into();
        first.body = "Tổng thu 12.500 triệu đồng; chi đầu tư xây dựng đường liên thôn.".into();
        let id = publish(&db, &w, first, vec![]).await?;
        assert_eq!(
            titles(&db, "quyet toan ngan sach", None).await,
            ["Công khai quyết toán ngân sách xã năm 2025"]
        );
        assert_eq!(
            titles(&db, "duong lien thon", Some("91001")).await.len(),
            1,
            "the body, within its commune"
        );
        assert!(
            titles(&db, "duong lien thon", Some("91002"))
                .await
                .is_empty(),
            "not under another commune"
        );
        assert!(
            titles(&db, "12 QĐ UBND", None).await.len() == 1,
            "the document's number is found"
        );
        let hit = &search::find(&db, "quyet toan", None, 5).await?[0];
        assert_eq!(hit.href, format!("/disclosures/{id}"));
        assert_eq!(hit.published_at, Some(d(2026, 3, 10)));

        store::correct(
            &db,
            &w.dir,
            1024 * 1024,
            Actor::Person(&w.officer),
            id,
            Correction {
                title: "Công khai quyết toán ngân sách xã năm 2025 (đính chính)".into(),
                body: "Tổng thu 12.600 triệu đồng; chi sửa chữa trạm bơm.".into(),
                doc_number: "15/QĐ-UBND".into(),
                doc_date: d(2026, 3, 12),
                doc_issuer: "UBND xã Thử Một".into(),
                reason: "Sai số liệu tổng thu".into(),
                published_on: d(2026, 3, 12),
            },
            vec![],
        )
        .await?;
        assert_eq!(
            titles(&db, "tram bom", None).await,
            ["Công khai quyết toán ngân sách xã năm 2025 (đính chính)"]
        );
        assert!(
            titles(&db, "duong lien thon", None).await.is_empty(),
            "the corrected text is no more found"
        );
        let n: i64 = db
            .scalar(&dinh_platform::db::query(
                "SELECT COUNT(*) FROM search_documents WHERE source = 'disclosure'",
            ))
            .await?;
        assert_eq!(n, 1, "one document per disclosure");
        Ok(())
    })
    .await;
}
