//! Review reports: versions, sign-off, DOCX and XLSX.

use dinh_platform::units::store as units;
use dinh_steering::committees::{self};
use dinh_steering::report::{self, Narrative, NewReport, ReportPeriod};
use dinh_steering::{Actor, StoreError};

use super::support::*;

#[tokio::test]
async fn reports_are_versioned_signed_off_and_exported() {
    dinh_platform::testing::each_engine(&registry(), |db| async move {
        let w = world(&db).await;
        let reg = registry();
        let thon = units::by_code(&db, "91001-01").await?.unwrap();
        event(&db, thon.id, d(2026, 2, 1), true).await;
        let actor = Actor::Person(&w.commune_member);
        let before = count(&db, "steering_reports").await;
        let bad = NewReport {
            period: ReportPeriod::year(2024)?,
            number: "01-BC/BCĐ".into(),
            narrative: Narrative::default(),
        };
        let e = report::create(&db, &reg, actor, w.commune_committee, bad)
            .await
            .unwrap_err();
        assert_eq!(field(e), "period");
        assert_eq!(count(&db, "steering_reports").await, before);
        let e = report::create(
            &db,
            &reg,
            Actor::Person(&w.other_member),
            w.commune_committee,
            NewReport {
                period: ReportPeriod::half(2026, 1)?,
                number: "01-BC/BCĐ".into(),
                narrative: Narrative::default(),
            },
        )
        .await
        .unwrap_err();
        assert!(matches!(e, StoreError::Denied(_)));

        let id = report::create(
            &db,
            &reg,
            actor,
            w.commune_committee,
            NewReport {
                period: ReportPeriod::half(2026, 1)?,
                number: "05-BC/BCĐ".into(),
                narrative: Narrative {
                    results: "Các thôn tổ chức hội nghị đầy đủ.".into(),
                    limitations: "Việc niêm yết công khai còn mang tính hình thức.".into(),
                    tasks_ahead: "Tổ chức giao ban quý III.".into(),
                },
            },
        )
        .await?;
        event(&db, thon.id, d(2026, 3, 1), false).await;
        let v2 = report::revise(
            &db,
            &reg,
            actor,
            id,
            Narrative {
                results: "Bổ sung: 2 hội nghị.".into(),
                ..Narrative::default()
            },
            true,
        )
        .await?;
        assert_eq!(v2, 2);
        let r1 = report::load(&db, id, Some(1)).await?;
        let r2 = report::load(&db, id, None).await?;
        let ev = |r: &report::Report| {
            r.version
                .figures
                .rows
                .iter()
                .find(|x| x.key == "fake.events")
                .unwrap()
                .value
        };
        assert_eq!(ev(&r1), Some(1.0), "version 1 keeps its figures");
        assert_eq!(ev(&r2), Some(2.0));

        let members = committees::members(&db, w.commune_committee).await?;
        let head = members.iter().find(|m| m.position == "head").unwrap();
        let plain = members.iter().find(|m| m.position == "member").unwrap();
        let e = report::sign_off(&db, actor, id, plain.id, d(2026, 7, 5))
            .await
            .unwrap_err();
        assert_eq!(field(e), "signer");
        let e = report::sign_off(&db, actor, id, head.id, d(2026, 6, 20))
            .await
            .unwrap_err();
        assert_eq!(field(e), "signed_on");
        let e = report::sign_off(&db, Actor::Person(&w.officer), id, head.id, d(2026, 7, 5))
            .await
            .unwrap_err();
        assert!(
            matches!(e, StoreError::Denied(_)),
            "a commune officer does not sign"
        );
        report::sign_off(&db, actor, id, head.id, d(2026, 7, 5)).await?;
        let e = report::sign_off(&db, actor, id, head.id, d(2026, 7, 6))
            .await
            .unwrap_err();
        assert_eq!(field(e), "version");

        let r = report::load(&db, id, None).await?;
        assert_eq!(r.row.signed_version, Some(2));
        let doc = report::document::document(&r);
        assert_eq!(doc.kind, "BÁO CÁO");
        assert_eq!(doc.number, "Số: 05-BC/BCĐ");
        assert_eq!(doc.date, d(2026, 7, 5));
        assert_eq!(doc.signatures[0].name, "Nguyễn Văn Trưởng");
        assert!(doc.subject.contains("6 tháng đầu năm 2026"));
        let docx = doc.docx()?;
        assert!(docx.starts_with(b"PK"));
        let xlsx = report::document::figures_sheet(&r).xlsx()?;
        assert!(xlsx.starts_with(b"PK"));
        let units_sheet = report::document::lower_sheet(&r);
        assert_eq!(units_sheet.rows.len(), 2, "two thôn");
        assert_eq!(
            units_sheet.rows[1][2 + idx(&r.version.figures, "fake.events")],
            "",
            "missing stays empty"
        );
        Ok(())
    })
    .await;
}
