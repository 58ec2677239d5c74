//! The pages: the unit's home links its works, the public work page shows progress and, once
//! published, the accounts (escaped); the household sees its own account and receipts, nobody
//! else's; the work pages are closed to visitors and other communes; the forms answer 303 and
//! refuse bad input with a 422 naming the field; the exports.

use axum::http::StatusCode;
use dinh_platform::write::Actor;
use dinh_works::store;

use crate::support::registry;
use crate::support::{cash, each_engine, road_work, rows, setup};
use dinh_platform::testing::Client;

#[tokio::test]
async fn public_pages_reach_each_work_and_its_published_accounts() {
    each_engine(|db| async move {
        let f = setup(&db).await?;
        let id = road_work(&db, &f).await?;
        let visitor = Client::anonymous(&db, registry());
        let home = visitor.get("/units/T9-X").await.ok();
        assert!(
            home.contains("/units/T9-X/works"),
            "the unit's home links the works"
        );
        let list = visitor.get("/units/T9-X/works").await.ok();
        assert!(list.contains(&format!("/works/{id}")), "{list}");
        let page = visitor.get(&format!("/works/{id}")).await.ok();
        assert!(page.contains("&lt;b&gt;xóm Chùa") || page.contains("&#60;b&#62;xóm Chùa"));
        assert!(page.contains("chưa được công khai"), "{page}");

        let head = Client::signed_in(&db, registry(), &f.head).await;
        let a = head
            .post(
                &format!("/works/{id}/payments"),
                &[
                    ("household_code", "H1"),
                    ("receipt_no", "PT-1"),
                    ("kind", "cash"),
                    ("amount", "1.000.000"),
                    ("paid_on", "20/06/2025"),
                ],
            )
            .await;
        assert_eq!(a.status, StatusCode::SEE_OTHER, "{}", a.text());
        assert_eq!(a.location, format!("/works/{id}/households/H1"));
        head.post(
            &format!("/works/{id}/milestones"),
            &[("reached_on", "01/07/2025"), ("title", "Khởi công")],
        )
        .await;
        let a = head
            .post(&format!("/works/{id}/publish"), &[("on", "05/07/2025")])
            .await;
        assert_eq!(a.status, StatusCode::SEE_OTHER, "{}", a.text());
        let page = visitor.get(&format!("/works/{id}")).await.ok();
        assert!(
            page.contains("05/07/2025") && page.contains("Khởi công"),
            "{page}"
        );
        assert!(
            page.contains("1.000.000 đ") && page.contains("3.000.000 đ"),
            "{page}"
        );
        assert!(
            !page.contains("Nguyễn Văn Một"),
            "no household's name on the public page"
        );
        let api = visitor.get(&format!("/api/v1/works/{id}")).await.ok();
        let json: serde_json::Value = serde_json::from_str(&api)?;
        assert_eq!(json["accounts"]["cash"], 1_000_000);
        assert_eq!(json["milestones"][0]["title"], "Khởi công");
        assert!(
            !api.contains("Nguyễn Văn Một") && !api.contains("H1"),
            "{api}"
        );
        let list = visitor.get("/api/v1/units/T9-X/works").await.ok();
        assert!(list.contains(&format!("\"id\":{id}")), "{list}");
        let doc = visitor.get("/api/openapi.json").await.ok();
        assert!(doc.contains("/api/v1/works/{id}"));
        Ok(())
    })
    .await;
}

#[tokio::test]
async fn a_household_sees_its_own_account_and_receipts_only() {
    each_engine(|db| async move {
        let f = setup(&db).await?;
        let id = road_work(&db, &f).await?;
        let mut extra = cash("H2", "PT-2", "600.000");
        extra.note = "Đóng thêm".into();
        let paid = store::pay(&db, Actor::Person(&f.head), id, &extra).await?;
        let other = store::pay(
            &db,
            Actor::Person(&f.head),
            id,
            &cash("H1", "PT-3", "100.000"),
        )
        .await?;
        let resident = Client::signed_in(&db, registry(), &f.resident).await;
        let work = resident.get(&format!("/works/{id}")).await.ok();
        assert!(
            work.contains(&format!("/works/{id}/households/H2")),
            "{work}"
        );
        let own = resident
            .get(&format!("/works/{id}/households/H2"))
            .await
            .ok();
        assert!(own.contains("600.000 đ") && own.contains("PT-2"), "{own}");
        let pdf = resident.get(&format!("/works/receipts/{paid}")).await;
        assert_eq!(pdf.status, StatusCode::OK);
        assert_eq!(pdf.content_type, "application/pdf");
        assert!(pdf.body.starts_with(b"%PDF-"));
        assert_eq!(
            resident
                .get(&format!("/works/{id}/households/H1"))
                .await
                .status,
            StatusCode::FORBIDDEN
        );
        assert_eq!(
            resident
                .get(&format!("/works/receipts/{other}"))
                .await
                .status,
            StatusCode::FORBIDDEN
        );
        let visitor = Client::anonymous(&db, registry());
        assert_ne!(
            visitor
                .get(&format!("/works/{id}/households/H2"))
                .await
                .status,
            StatusCode::OK
        );
        Ok(())
    })
    .await;
}

#[tokio::test]
async fn work_pages_are_for_the_unit_and_refuse_bad_input_with_nothing_written() {
    each_engine(|db| async move {
        let f = setup(&db).await?;
        let officer = Client::signed_in(&db, registry(), &f.officer).await;
        let a = officer
            .post(
                "/units/T9-X-01/works",
                &[
                    ("name", "Nhà văn hóa thôn"),
                    ("purpose", "Sửa mái"),
                    ("estimate", "50.000.000"),
                    ("funding", "Nhân dân đóng góp"),
                    ("decision", "Biên bản họp thôn"),
                    ("decided_on", "10/06/2025"),
                    ("rule", "per_household"),
                    ("rate", "200.000"),
                    ("labour_day_value", "150.000"),
                ],
            )
            .await;
        assert_eq!(a.status, StatusCode::SEE_OTHER, "{}", a.text());
        let id: i64 = a
            .location
            .trim_start_matches("/works/")
            .trim_end_matches("/work")
            .parse()?;
        let page = officer.get(&format!("/works/{id}/work")).await.ok();
        assert!(page.contains("/works/") && page.contains("H3"), "{page}");
        let area = officer.get("/units/T9-X/works/work").await.ok();
        assert!(area.contains(&format!("/works/{id}/work")));
        let mine = officer.get("/viec-cua-toi").await.ok();
        assert!(mine.contains(&format!("/works/{id}/work")), "{mine}");
        assert!(mine.contains("/units/T9-X/works/work"), "{mine}");

        officer
            .post(
                &format!("/works/{id}/payments"),
                &[
                    ("household_code", "H2"),
                    ("receipt_no", "A1"),
                    ("amount", "250.000"),
                    ("paid_on", "20/06/2025"),
                ],
            )
            .await
            .refused("amount");
        officer
            .post(
                &format!("/works/{id}/payments"),
                &[
                    ("household_code", "H9"),
                    ("receipt_no", "A1"),
                    ("amount", "100.000"),
                    ("paid_on", "20/06/2025"),
                ],
            )
            .await
            .refused("household_code");
        officer
            .post(&format!("/works/{id}/import"), &[(
                "csv",
                "household_code,receipt_no,paid_on,amount\nH1,B1,20/06/2025,100\nH2,B2,xx,100\n",
            )])
            .await
            .refused("file");
        assert_eq!(rows(&db, "works_payments").await, 0);

        let csv = officer.get(&format!("/works/{id}/contributions.csv")).await;
        assert_eq!(csv.status, StatusCode::OK);
        assert!(
            csv.text().contains("H1,Nguyễn Văn Một,3,200000"),
            "{}",
            csv.text()
        );
        let xlsx = officer
            .get(&format!("/works/{id}/contributions.xlsx"))
            .await;
        assert!(xlsx.body.starts_with(b"PK"));

        let outsider = Client::signed_in(&db, registry(), &f.outsider).await;
        assert_eq!(
            outsider.get(&format!("/works/{id}/work")).await.status,
            StatusCode::FORBIDDEN
        );
        assert_eq!(
            outsider
                .get(&format!("/works/{id}/contributions.csv"))
                .await
                .status,
            StatusCode::FORBIDDEN
        );
        let visitor = Client::anonymous(&db, registry());
        assert_ne!(
            visitor.get(&format!("/works/{id}/work")).await.status,
            StatusCode::OK
        );
        Ok(())
    })
    .await;
}
