//! Heads' schedules and compliance with the pack's frequency, delegation flags, the book.

use dinh_petitions::store::reception::{self, NewEntry};
use dinh_platform::web::ErrorKind;

use crate::support::*;

#[tokio::test]
async fn compliance_counts_weeks_months_delegation_and_late_posting() {
    each_engine(|db| async move {
        world(&db).await?;
        let m = module();
        let p = principal(&db, "handler@test.vn").await;
        let c1 = unit(&db, "C1").await;
        let chair = reception::add_head(
            &db,
            Some(&p),
            &c1,
            "Nguyễn Văn Chủ Tịch",
            "commune_chairman",
        )
        .await
        .unwrap();
        let secretary = reception::add_head(
            &db,
            Some(&p),
            &c1,
            "Trần Thị Bí Thư",
            "commune_party_secretary",
        )
        .await
        .unwrap();
        // August 2026: weeks starting Mon 3, 10, 17, 24, 31. The chairman receives every Tuesday.
        for day in [4, 11, 18, 25] {
            let s = reception::plan(
                &m,
                &db,
                Some(&p),
                chair,
                d(2026, 8, day),
                "Trụ sở UBND xã",
                d(2026, 7, 20),
            )
            .await
            .unwrap();
            reception::record_held(&db, Some(&p), s, true, None, 3)
                .await
                .unwrap();
        }
        let s = reception::plan(
            &m,
            &db,
            Some(&p),
            chair,
            d(2026, 9, 3),
            "Trụ sở UBND xã",
            d(2026, 7, 20),
        )
        .await
        .unwrap();
        reception::record_held(&db, Some(&p), s, true, None, 1)
            .await
            .unwrap();
        // The secretary: two days planned, one posted late, one received by a deputy.
        let s1 = reception::plan(
            &m,
            &db,
            Some(&p),
            secretary,
            d(2026, 8, 12),
            "Đảng ủy xã",
            d(2026, 8, 10),
        )
        .await
        .unwrap();
        reception::record_held(&db, Some(&p), s1, true, None, 2)
            .await
            .unwrap();
        let s2 = reception::plan(
            &m,
            &db,
            Some(&p),
            secretary,
            d(2026, 8, 26),
            "Đảng ủy xã",
            d(2026, 8, 1),
        )
        .await
        .unwrap();
        reception::record_held(&db, Some(&p), s2, true, Some("Phó Bí thư Lê Văn Phó"), 2)
            .await
            .unwrap();
        let rows = reception::compliance(&m, &db, &c1, d(2026, 8, 1)).await?;
        let chair_row = rows.iter().find(|r| r.head_id == chair).unwrap();
        assert_eq!(
            (chair_row.required, chair_row.held, chair_row.compliant),
            (5, 5, true),
            "{chair_row:?}"
        );
        let sec = rows.iter().find(|r| r.head_id == secretary).unwrap();
        assert_eq!(
            (
                sec.required,
                sec.held,
                sec.delegated_forbidden,
                sec.published_late,
                sec.compliant
            ),
            (2, 1, 1, 1, false),
            "{sec:?}"
        );
        // A missing week breaks the chairman's July.
        let rows = reception::compliance(&m, &db, &c1, d(2026, 7, 1)).await?;
        assert!(!rows.iter().find(|r| r.head_id == chair).unwrap().compliant);
        // The indicator: one of two heads compliant in August.
        let v = dinh_petitions::indicators::value(
            &m,
            &db,
            "petitions.reception_compliance_rate",
            c1.id,
            dinh_platform::module::Period {
                from: d(2026, 8, 1),
                to: d(2026, 8, 31),
            },
        )
        .await?;
        assert_eq!(v, Some(50.0));
        // Bad input names the field; an outsider is refused.
        let e = reception::add_head(&db, Some(&p), &c1, "X", "king")
            .await
            .unwrap_err();
        assert!(matches!(e.kind, ErrorKind::BadRequest(ref s) if s.starts_with("position")));
        let out = principal(&db, "outsider@test.vn").await;
        assert_eq!(
            reception::add_head(&db, Some(&out), &c1, "X", "agency_head")
                .await
                .unwrap_err()
                .kind,
            ErrorKind::Forbidden
        );
        // The public schedule shows the days ahead without signing in.
        let (s, _) = call(&db, &nobody(), "GET", "/units/C1/reception/schedule", None).await;
        assert!(s.is_success());
        Ok(())
    })
    .await;
}

#[tokio::test]
async fn the_book_numbers_entries_and_refuses_incomplete_ones() {
    each_engine(|db| async move {
        world(&db).await?;
        let p = principal(&db, "handler@test.vn").await;
        let c1 = unit(&db, "C1").await;
        let entry = NewEntry {
            entry_date: Some(d(2026, 8, 4)),
            citizen_name: "Đỗ Văn Dân".into(),
            citizen_address: "Thôn Một".into(),
            content: "Hỏi về cấp giấy chứng nhận".into(),
            earlier_handling: "Chưa".into(),
            request: "Hướng dẫn thủ tục".into(),
            handling: "Đã hướng dẫn trực tiếp".into(),
            oral_record: "Công dân trình bày miệng".into(),
            signed: true,
            ..NewEntry::default()
        };
        let a = reception::add_entry(&db, Some(&p), &c1, entry.clone())
            .await
            .unwrap();
        let b = reception::add_entry(&db, Some(&p), &c1, entry.clone())
            .await
            .unwrap();
        assert_eq!((a.number, b.number), (1, 2));
        let e = reception::add_entry(
            &db,
            Some(&p),
            &c1,
            NewEntry {
                request: String::new(),
                ..entry.clone()
            },
        )
        .await
        .unwrap_err();
        assert!(matches!(e.kind, ErrorKind::BadRequest(ref s) if s.starts_with("request")));
        assert_eq!(
            reception::book(&db, Some(&p), &c1, 2026)
                .await
                .unwrap()
                .len(),
            2
        );
        let v = sign_in(&db, Some("inspector@test.vn")).await;
        let (s, csv) = call(
            &db,
            &v,
            "GET",
            "/units/C1/reception/book/csv?year=2026",
            None,
        )
        .await;
        assert!(s.is_success());
        assert!(csv.contains("Đỗ Văn Dân") && csv.contains("04/08/2026"));
        let (s, xlsx) = call(
            &db,
            &v,
            "GET",
            "/units/C1/reception/book/xlsx?year=2026",
            None,
        )
        .await;
        assert!(s.is_success() && xlsx.starts_with("PK"), "an XLSX workbook");
        let (s, _) = call(
            &db,
            &v,
            "GET",
            "/units/C1/reception/book/pdf?year=2026",
            None,
        )
        .await;
        assert_eq!(s.as_u16(), 404);
        Ok(())
    })
    .await;
}
