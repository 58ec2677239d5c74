//! Bad input refused with a clear message naming the field, and nothing written: a payment
//! beyond what is owed without a note, a household outside the unit, a receipt number used
//! twice, a CSV file with a bad line, an exemption without its reason, another commune's
//! officer.

use dinh_platform::write::{Actor, WriteError};
use dinh_works::store::{self, ReductionInput};

use crate::support::{cash, each_engine, refusal, road_work, rows, setup};

#[tokio::test]
async fn more_than_owed_needs_a_note() {
    each_engine(|db| async move {
        let f = setup(&db).await?;
        let head = Actor::Person(&f.head);
        let id = road_work(&db, &f).await?;
        let before = rows(&db, "audit_log").await;
        let e = store::pay(&db, head, id, &cash("H2", "PT-1", "600.000"))
            .await
            .unwrap_err();
        let (field, message) = refusal(e);
        assert_eq!(field, "amount");
        assert!(
            message.contains("600.000 đ") && message.contains("500.000 đ"),
            "{message}"
        );
        assert!(message.contains("ghi chú"), "{message}");
        assert_eq!(rows(&db, "works_payments").await, 0);
        assert_eq!(rows(&db, "audit_log").await, before);
        let mut extra = cash("H2", "PT-1", "600.000");
        extra.note = "Hộ tự nguyện đóng thêm".into();
        store::pay(&db, head, id, &extra).await?;
        assert_eq!(
            store::account(&db, id, "H2").await?.unwrap().balance(),
            -100_000
        );
        Ok(())
    })
    .await;
}

#[tokio::test]
async fn a_household_outside_the_unit_or_formed_later_is_refused() {
    each_engine(|db| async move {
        let f = setup(&db).await?;
        let head = Actor::Person(&f.head);
        let id = road_work(&db, &f).await?;
        for code in ["H9", "H4", "KHONG-CO"] {
            let (field, message) = refusal(
                store::pay(&db, head, id, &cash(code, "PT-1", "100.000"))
                    .await
                    .unwrap_err(),
            );
            assert_eq!(field, "household_code");
            assert!(
                message.contains(code) && message.contains("10/06/2025"),
                "{message}"
            );
        }
        assert_eq!(rows(&db, "works_payments").await, 0);
        Ok(())
    })
    .await;
}

#[tokio::test]
async fn a_receipt_number_is_used_once() {
    each_engine(|db| async move {
        let f = setup(&db).await?;
        let head = Actor::Person(&f.head);
        let id = road_work(&db, &f).await?;
        store::pay(&db, head, id, &cash("H1", "PT-7", "100.000")).await?;
        let before = rows(&db, "audit_log").await;
        let (field, message) = refusal(
            store::pay(&db, head, id, &cash("H3", "PT-7", "100.000"))
                .await
                .unwrap_err(),
        );
        assert_eq!(field, "receipt_no");
        assert!(message.contains("PT-7"), "{message}");
        assert_eq!(rows(&db, "works_payments").await, 1);
        assert_eq!(rows(&db, "audit_log").await, before);
        Ok(())
    })
    .await;
}

#[tokio::test]
async fn a_file_with_a_bad_line_is_refused_whole() {
    each_engine(|db| async move {
        let f = setup(&db).await?;
        let officer = Actor::Person(&f.officer);
        let id = road_work(&db, &f).await?;
        store::pay(&db, officer, id, &cash("H1", "PT-9", "100.000")).await?;
        let before = rows(&db, "audit_log").await;
        let csv = "household_code,receipt_no,paid_on,kind,amount\n\
                   H1,N-01,20/06/2025,cash,100.000\n\
                   H3,N-02,20/06/2025,cash,một trăm\n\
                   H9,N-03,20/06/2025,cash,100.000\n\
                   H1,PT-9,20/06/2025,cash,100.000\n\
                   H3,N-01,20/06/2025,cash,100.000\n";
        let (field, message) = refusal(
            store::import_payments(&db, officer, id, csv.as_bytes())
                .await
                .unwrap_err(),
        );
        assert_eq!(field, "file");
        for part in [
            "dòng 3, cột “amount”",
            "dòng 4, cột “household_code”",
            "dòng 5, cột “receipt_no”",
            "dòng 6, cột “receipt_no”",
        ] {
            assert!(message.contains(part), "{part} in {message}");
        }
        assert!(!message.contains("dòng 2"), "{message}");
        assert_eq!(
            rows(&db, "works_payments").await,
            1,
            "not even the good line"
        );
        assert_eq!(rows(&db, "audit_log").await, before);
        // A file whose header lacks a column is refused before any line is read.
        let (field, _) = refusal(
            store::import_payments(&db, officer, id, "household_code,amount\nH1,5\n".as_bytes())
                .await
                .unwrap_err(),
        );
        assert_eq!(field, "file");
        Ok(())
    })
    .await;
}

#[tokio::test]
async fn an_exemption_needs_its_reason_and_the_roles_hold_by_unit() {
    each_engine(|db| async move {
        let f = setup(&db).await?;
        let id = road_work(&db, &f).await?;
        let (field, _) = refusal(
            store::record_reduction(
                &db,
                Actor::Person(&f.head),
                id,
                &ReductionInput {
                    household_code: "H2".into(),
                    kind: "exempt".into(),
                    ..ReductionInput::default()
                },
            )
            .await
            .unwrap_err(),
        );
        assert_eq!(field, "reason");
        let e = store::pay(&db, Actor::Person(&f.outsider), id, &cash("H1", "X", "1"))
            .await
            .unwrap_err();
        assert!(matches!(e, WriteError::Denied(_)), "{e:?}");
        let e = store::pay(&db, Actor::Person(&f.resident), id, &cash("H1", "X", "1"))
            .await
            .unwrap_err();
        assert!(matches!(e, WriteError::Denied(_)), "{e:?}");
        assert_eq!(rows(&db, "works_reductions").await, 0);
        assert_eq!(rows(&db, "works_payments").await, 0);
        Ok(())
    })
    .await;
}
