//! Mediation and dialogues, their pages, and the indicators (missing, never zero).

use dinh_petitions::kinds::CaseKind;
use dinh_petitions::store::community;
use dinh_platform::module::Period;
use dinh_platform::web::ErrorKind;

use crate::support::*;

#[tokio::test]
async fn mediation_dialogues_and_indicators() {
    each_engine(|db| async move {
        world(&db).await?;
        let m = module();
        let p = principal(&db, "handler@test.vn").await;
        let head = principal(&db, "head@test.vn").await;
        let t1 = unit(&db, "T1").await;
        let c1 = unit(&db, "C1").await;
        let year = Period {
            from: d(2026, 1, 1),
            to: d(2026, 12, 31),
        };
        // No data: every indicator is missing.
        for i in dinh_petitions::indicators::ALL {
            assert_eq!(
                dinh_petitions::indicators::value(&m, &db, i.key, c1.id, year).await?,
                None,
                "{}",
                i.key
            );
        }
        // The village head keeps the thôn's mediation.
        let team = community::add_team(&db, Some(&head), &t1, "Tổ hòa giải thôn Một", "Ông Hòa", 5)
            .await
            .unwrap();
        let a = community::open_mediation(
            &db,
            Some(&head),
            team,
            "Tranh chấp lối đi chung",
            d(2026, 3, 2),
            None,
        )
        .await
        .unwrap();
        let b = community::open_mediation(
            &db,
            Some(&head),
            team,
            "Tranh chấp ranh giới",
            d(2026, 4, 2),
            None,
        )
        .await
        .unwrap();
        community::close_mediation(&db, Some(&head), a, "settled", d(2026, 3, 10))
            .await
            .unwrap();
        community::close_mediation(&db, Some(&head), b, "referred", d(2026, 4, 20))
            .await
            .unwrap();
        let e = community::close_mediation(&db, Some(&head), b, "won", d(2026, 4, 20))
            .await
            .unwrap_err();
        assert!(matches!(e.kind, ErrorKind::BadRequest(ref s) if s.starts_with("outcome")));
        // The village head cannot hold the commune's dialogue.
        assert_eq!(
            community::plan_dialogue(
                &db,
                Some(&head),
                &c1,
                "Đối thoại",
                d(2026, 6, 1),
                "Chủ tịch"
            )
            .await
            .unwrap_err()
            .kind,
            ErrorKind::Forbidden
        );
        let dl = community::plan_dialogue(
            &db,
            Some(&p),
            &c1,
            "Hội nghị đối thoại năm 2026",
            d(2026, 6, 10),
            "Chủ tịch UBND xã",
        )
        .await
        .unwrap();
        community::hold_dialogue(&db, Some(&p), dl, d(2026, 6, 10), 120)
            .await
            .unwrap();
        let kept = community::commit(
            &db,
            Some(&p),
            dl,
            "Đường thôn Một xuống cấp",
            "Sửa trong quý III",
            "Phó Chủ tịch UBND xã",
            d(2026, 9, 30),
        )
        .await
        .unwrap();
        community::commit(
            &db,
            Some(&p),
            dl,
            "Thiếu đèn chiếu sáng",
            "Lắp trong tháng 7",
            "Công chức địa chính",
            d(2026, 7, 31),
        )
        .await
        .unwrap();
        community::commitment_done(&db, Some(&p), kept, d(2026, 9, 15))
            .await
            .unwrap();
        let ind = |key: &'static str| {
            let m = m.clone();
            let db = db.clone();
            async move {
                dinh_petitions::indicators::value(&m, &db, key, c1.id, year)
                    .await
                    .unwrap()
            }
        };
        assert_eq!(ind("petitions.mediation_settled_rate").await, Some(50.0));
        assert_eq!(ind("petitions.dialogues_held").await, Some(1.0));
        assert_eq!(ind("petitions.commitments_kept_rate").await, Some(50.0));
        // Cases: counts by type, zero is a real zero once any case exists.
        receive(&db, "C1", new_case(CaseKind::Complaint, d(2026, 8, 3))).await;
        assert_eq!(ind("petitions.received").await, Some(1.0));
        assert_eq!(ind("petitions.complaints").await, Some(1.0));
        assert_eq!(ind("petitions.denunciations").await, Some(0.0));
        assert_eq!(
            ind("petitions.overdue").await,
            Some(1.0),
            "accepting the complaint was due 17/08"
        );
        // The page shows the overdue commitment.
        let v = sign_in(&db, Some("handler@test.vn")).await;
        let (s, html) = call(&db, &v, "GET", "/units/C1/community", None).await;
        assert!(s.is_success());
        assert!(html.contains("Thiếu đèn chiếu sáng") && html.contains("Tranh chấp lối đi chung"));
        let (s, json) = call(&db, &v, "GET", "/api/v1/units/C1/dialogues", None).await;
        assert!(s.is_success() && json.contains("Phó Chủ tịch UBND xã"));
        Ok(())
    })
    .await;
}
