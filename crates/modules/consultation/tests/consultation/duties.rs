//! The disclosure duty of a consultation (Điều 11 khoản 11), through the registry: opening a
//! consultation raises the duty, the disclosure module takes it once into its register of
//! expected disclosures with the pack's deadline (Điều 12(3)) counted in working days, it is
//! flagged missing after its due date, and a disclosure published for it fulfils it.

use chrono::Duration;
use dinh_consultation::store;
use dinh_disclosure::DisclosureModule;
use dinh_disclosure::store::{self as register, Draft, events::EVENT};
use dinh_platform::db::{Db, query};
use dinh_platform::module::Registry;
use dinh_platform::time::today_vn;
use dinh_platform::units::UnitsModule;
use dinh_platform::write::{Actor, WriteError};

use crate::support::{input, module, setup};

fn disclosure() -> DisclosureModule {
    DisclosureModule::new(
        &dinh_legal_time::LegalTimeModule::load(std::path::Path::new("/nonexistent")).unwrap(),
    )
}

fn both() -> Registry {
    Registry::default()
        .with(UnitsModule)
        .with(module())
        .with(disclosure())
}

fn draft(origin: &str, category: u32, on: chrono::NaiveDate) -> Draft {
    Draft {
        category,
        title: "Công khai dự thảo lấy ý kiến".into(),
        body: "Dự thảo và kế hoạch lấy ý kiến.".into(),
        doc_number: "15/KH-UBND".into(),
        doc_date: on,
        doc_issuer: "UBND Xã Thử".into(),
        decided_on: None,
        published_on: on,
        period_from: None,
        period_to: None,
        recurring: Some((EVENT.into(), origin.into())),
    }
}

fn field(e: WriteError) -> &'static str {
    crate::support::field(e)
}

async fn notices(db: &Db) -> i64 {
    db.scalar(&query(
        "SELECT CAST(COUNT(*) AS BIGINT) FROM disclosure_notices
         WHERE kind = 'missing' AND subject_type = 'disclosure_expected'",
    ))
    .await
    .unwrap()
}

#[tokio::test]
async fn a_consultation_raises_its_disclosure_duty_until_a_disclosure_fulfils_it() {
    dinh_platform::testing::each_engine(&both(), |db| async move {
        let f = setup(&db).await?;
        let m = module();
        let d = disclosure();
        let registry = both();
        let today = today_vn();
        let commune = dinh_platform::units::store::by_code(&db, "T9-X")
            .await?
            .unwrap();
        let dir = std::env::temp_dir().join(format!("dinh-consult-duty-{}", commune.id));
        std::fs::create_dir_all(&dir)?;

        // Opened 20 days ago: the duty arose then and is overdue now.
        let opens = today - Duration::days(20);
        let old = store::open(&m, &db, Actor::Person(&f.officer), &input(opens)).await?;
        assert_eq!(registry.gather_duties(&db).await?, 1);
        assert_eq!(
            registry.gather_duties(&db).await?,
            0,
            "a duty is taken once"
        );
        let open = register::open_event_duties(&db, commune.id).await?;
        assert_eq!(open.len(), 1);
        let origin = format!("consultation:{old}");
        assert_eq!(open[0].origin, origin);
        assert_eq!(open[0].category, 11, "Điều 11 khoản 11, from the pack");
        assert_eq!(open[0].link, format!("/consultations/{old}"));
        let pack = d.rules().in_force_on(opens).unwrap();
        let due = d
            .calendar()
            .due_after(opens, pack.disclosure.deadline.period())?
            .due;
        assert_eq!(
            open[0].due_on,
            due.to_string(),
            "5 working days, Điều 12(3)"
        );
        assert!(
            due > opens + Duration::days(4),
            "working days, not calendar days"
        );

        // Not missing on its due day; missing after it, and the clocks flag it once.
        assert!(
            register::missing(&db, commune.id, due, 50)
                .await?
                .is_empty()
        );
        let missing = register::missing(&db, commune.id, today, 50).await?;
        assert_eq!(missing.len(), 1);
        assert!(missing[0].item_id.is_none());
        assert!(
            missing[0]
                .title
                .as_deref()
                .unwrap()
                .contains("Quy chế dân chủ")
        );
        dinh_disclosure::jobs::run_clocks(&db, &d, today).await?;
        assert_eq!(notices(&db).await, 1);
        dinh_disclosure::jobs::run_clocks(&db, &d, today).await?;
        assert_eq!(notices(&db).await, 1, "flagged once");

        // The work home and the compose form offer the duty, the link choosing it.
        let (token, _) =
            dinh_platform::accounts::session::create(&db, Some(f.officer.account_id), 1).await?;
        let page = |uri: String| {
            let app = dinh_platform::web::router(dinh_platform::web::AppState::new(
                db.clone(),
                dinh_platform::config::Config::default(),
                both(),
            ));
            let cookie = format!("dinh_session={token}");
            async move {
                use http_body_util::BodyExt;
                use tower::ServiceExt;
                let res = app
                    .oneshot(
                        axum::http::Request::builder()
                            .uri(uri)
                            .header(axum::http::header::COOKIE, cookie)
                            .body(axum::body::Body::empty())
                            .unwrap(),
                    )
                    .await
                    .unwrap();
                assert_eq!(res.status(), axum::http::StatusCode::OK);
                String::from_utf8(res.into_body().collect().await.unwrap().to_bytes().to_vec())
                    .unwrap()
            }
        };
        let home = page("/viec-cua-toi".into()).await;
        let link = format!("/units/T9-X/disclosures/new?event=consultation%3A{old}");
        assert!(home.contains(&link), "the work home links the duty: {home}");
        let compose = page(link).await;
        assert!(
            compose.contains(&format!("value=\"{origin}\" selected")),
            "the form opens with the duty chosen"
        );
        let missing_page = page("/units/T9-X/disclosures/missing".into()).await;
        assert!(missing_page.contains(&format!("href=\"/consultations/{old}\"")));

        // Refusals name the field and write nothing.
        let publish = |dr: Draft| {
            let (db, d, dir, officer, commune) = (
                db.clone(),
                d.clone(),
                dir.clone(),
                f.officer.clone(),
                commune.clone(),
            );
            async move {
                register::publish(
                    &db,
                    &d,
                    &dir,
                    1 << 20,
                    Actor::Person(&officer),
                    &commune,
                    dr,
                    Vec::new(),
                )
                .await
            }
        };
        let e = publish(draft(&origin, 4, today)).await.unwrap_err();
        assert_eq!(field(e), "category");
        let e = publish(draft("consultation:1", 11, today))
            .await
            .unwrap_err();
        assert_eq!(field(e), "event");
        assert_eq!(register::open_event_duties(&db, commune.id).await?.len(), 1);

        // Fulfilled (late): no longer open, shown as published late, not as unpublished.
        let item = publish(draft(&origin, 11, today)).await?;
        assert!(
            register::open_event_duties(&db, commune.id)
                .await?
                .is_empty()
        );
        let missing = register::missing(&db, commune.id, today, 50).await?;
        assert_eq!(missing[0].item_id, Some(item));
        let e = publish(draft(&origin, 11, today)).await.unwrap_err();
        assert_eq!(field(e), "event", "a duty is fulfilled once");

        // Opened today and disclosed today: never missing.
        let new = store::open(&m, &db, Actor::Person(&f.officer), &input(today)).await?;
        assert_eq!(registry.gather_duties(&db).await?, 1);
        publish(draft(&format!("consultation:{new}"), 11, today)).await?;
        let later = register::missing(&db, commune.id, today + Duration::days(60), 50).await?;
        assert_eq!(later.len(), 1, "only the late one: {later:?}");
        let _ = std::fs::remove_dir_all(&dir);
        Ok(())
    })
    .await;
}
