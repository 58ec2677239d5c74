//! The disclosure register on SQLite and, when `DINH_TEST_POSTGRES_URL` is set, PostgreSQL:
//! every rule of the obligation computation, proof states, refusals with nothing written,
//! attachments, recurring duties, the register's documents, indicators and the web.
#![allow(clippy::unwrap_used, clippy::expect_used, missing_docs)]

use axum::body::Body;
use axum::http::{Request, StatusCode, header};
use chrono::NaiveDate;
use dinh_disclosure::DisclosureModule;
use dinh_disclosure::obligations::{Places, Publisher, RequirementError, requirements};
use dinh_disclosure::store::{self, Actor, Draft, NewProof, StoreError, Upload};
use dinh_legal_time::LegalTimeModule;
use dinh_platform::accounts::{Principal, Role, store as accounts};
use dinh_platform::config::Config;
use dinh_platform::db::{Db, query};
use dinh_platform::module::{Period, Registry};
use dinh_platform::units::{Unit, UnitsModule, import_units};
use dinh_platform::web::{AppState, router};
use http_body_util::BodyExt;
use tower::ServiceExt;

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

fn module() -> DisclosureModule {
    DisclosureModule::new(&LegalTimeModule::load(std::path::Path::new("/nonexistent")).unwrap())
}

fn registry() -> Registry {
    Registry::default().with(UnitsModule).with(module())
}

const UNITS: &str = "code,name,kind,parent_code
91,Tỉnh Thử,tỉnh,
91001,Xã Thử Một,xã,91
91001-01,Thôn Đông,thôn,91001
91001-02,Thôn Tây,thôn,91001
91001-03,Thôn Nam,thôn,91001
91002,Xã Thử Hai,xã,91
91002-01,Thôn Bắc,thôn,91002
";

struct World {
    commune: Unit,
    officer: Principal,
    head: Principal,
    stranger: Principal,
    dir: std::path::PathBuf,
}

async fn person(db: &Db, login: &str, role: Role, unit: &str) -> Principal {
    let id = accounts::create_account(db, login, login, "mat-khau-thu-2026", "test")
        .await
        .unwrap();
    accounts::grant(db, login, role, Some(unit), "test")
        .await
        .unwrap();
    accounts::principal(db, id).await.unwrap().unwrap()
}

async fn world(db: &Db) -> World {
    import_units(db, UNITS.as_bytes(), "test").await.unwrap();
    let dir = std::env::temp_dir().join(format!("dinh-disclosure-{:x}", rand::random::<u64>()));
    std::fs::create_dir_all(&dir).unwrap();
    World {
        commune: dinh_platform::units::store::by_code(db, "91001")
            .await
            .unwrap()
            .unwrap(),
        officer: person(db, "canbo@thu.vn", Role::CommuneOfficer, "91001").await,
        head: person(db, "0912111222", Role::VillageHead, "91001-01").await,
        stranger: person(db, "canbo@khac.vn", Role::CommuneOfficer, "91002").await,
        dir,
    }
}

fn draft(category: u32, decided: NaiveDate, published: NaiveDate) -> Draft {
    Draft {
        category,
        title: format!("Thông tin nội dung {category}"),
        body: "Nội dung".into(),
        doc_number: "12/QĐ-UBND".into(),
        doc_date: decided,
        doc_issuer: "UBND xã Thử Một".into(),
        decided_on: None,
        published_on: published,
        period_from: None,
        period_to: None,
        recurring: None,
    }
}

async fn publish(db: &Db, w: &World, draft: Draft, files: Vec<Upload>) -> Result<i64, StoreError> {
    store::publish(
        db,
        &module(),
        &w.dir,
        1024 * 1024,
        Actor::Person(&w.officer),
        &w.commune,
        draft,
        files,
    )
    .await
}

async fn count(db: &Db, table: &str) -> i64 {
    db.scalar(&query(format!(
        "SELECT CAST(COUNT(*) AS BIGINT) FROM {table}"
    )))
    .await
    .unwrap()
}

#[test]
fn obligations_follow_every_rule_of_the_pack() {
    let m = module();
    let pack = m.rules().in_force_on(d(2026, 3, 6)).unwrap();
    let places = Places {
        unit_id: 1,
        villages: vec![11, 12, 13],
    };
    let req =
        |cat, publisher| requirements(pack, m.calendar(), publisher, cat, d(2026, 3, 6), &places);
    // 5 working days from Friday 6/3/2026: 9, 10, 11, 12, 13 March.
    let r = req(7, Publisher::Commune).unwrap();
    assert_eq!(r.due_on, d(2026, 3, 13));
    let channels = |r: &dinh_disclosure::obligations::Requirements, ch: &str| {
        r.obligations
            .iter()
            .filter(|o| o.channel == ch)
            .cloned()
            .collect::<Vec<_>>()
    };
    // Category 7: website, notice boards at the office and EVERY thôn for 30 days,
    // loudspeaker 3 days, delivery through each village head.
    assert_eq!(channels(&r, "website").len(), 1);
    let boards = channels(&r, "notice_board");
    assert_eq!(boards.len(), 4);
    assert!(boards.iter().all(|o| o.min_days == Some(30)));
    assert_eq!(
        boards
            .iter()
            .filter(|o| o.place_kind == "village_cultural_house")
            .count(),
        3
    );
    assert_eq!(channels(&r, "loudspeaker")[0].min_days, Some(3));
    assert_eq!(channels(&r, "village_head").len(), 3);
    // Categories 1-3, 5-6: boards but no loudspeaker or village head.
    for cat in [1, 2, 3, 5, 6] {
        let r = req(cat, Publisher::Commune).unwrap();
        assert_eq!(channels(&r, "notice_board").len(), 4, "category {cat}");
        assert!(channels(&r, "loudspeaker").is_empty(), "category {cat}");
    }
    // Categories 4 and 13: permanent posting at the office, no timed board.
    for cat in [4, 13] {
        let r = req(cat, Publisher::Commune).unwrap();
        let p = channels(&r, "permanent_posting");
        assert_eq!(p.len(), 1);
        assert!(p[0].permanent && p[0].place_kind == "commune_office");
        assert!(channels(&r, "notice_board").is_empty());
    }
    // Category 14: the website only.
    assert_eq!(req(14, Publisher::Commune).unwrap().obligations.len(), 1);
    // Agencies: 5 working days, 20 days on the office board; enterprises: 15 days.
    let a = req(7, Publisher::Agency).unwrap();
    assert_eq!(
        (a.due_on, a.obligations.len(), a.obligations[0].min_days),
        (d(2026, 3, 13), 1, Some(20))
    );
    assert_eq!(
        req(7, Publisher::Enterprise).unwrap().due_on,
        d(2026, 3, 21 + 2)
    );
    // A category the pack does not know.
    assert!(matches!(
        req(15, Publisher::Commune),
        Err(RequirementError::UnknownCategory(15, _))
    ));
    // Over the 30/4 and 1/5 holidays: decided Tuesday 28/4/2026 → 29/4, 4/5, 5/5, 6/5, 7/5.
    let r = requirements(
        pack,
        m.calendar(),
        Publisher::Commune,
        7,
        d(2026, 4, 28),
        &places,
    )
    .unwrap();
    assert_eq!(r.due_on, d(2026, 5, 7));
}

#[tokio::test]
async fn publishing_computes_duties_and_records_the_website() {
    dinh_platform::testing::each_engine(&registry(), |db| async move {
        let w = world(&db).await;
        let id = publish(&db, &w, draft(7, d(2026, 3, 6), d(2026, 3, 10)), vec![]).await?;
        let det = store::detail(&db, id, d(2026, 3, 11)).await?.unwrap();
        assert_eq!(det.item.on_time, 1);
        assert_eq!(det.obligations.len(), 1 + 4 + 1 + 3);
        let web = det
            .obligations
            .iter()
            .find(|o| o.channel == "website")
            .unwrap();
        assert_eq!(web.state.code(), "met");
        assert!(
            det.obligations
                .iter()
                .filter(|o| o.channel != "website")
                .all(|o| o.state.code() == "due")
        );
        // After the due date, a channel never used is missing.
        let later = store::detail(&db, id, d(2026, 3, 14)).await?.unwrap();
        assert!(
            later
                .obligations
                .iter()
                .any(|o| o.state.code() == "missing")
        );
        // Published after the due date: late.
        let late = publish(&db, &w, draft(7, d(2026, 3, 6), d(2026, 3, 16)), vec![]).await?;
        assert_eq!(
            store::detail(&db, late, d(2026, 3, 16))
                .await?
                .unwrap()
                .item
                .on_time,
            0
        );
        assert!(count(&db, "audit_log").await >= 2);
        Ok(())
    })
    .await;
}

#[tokio::test]
async fn proofs_make_states_and_bad_proofs_write_nothing() {
    dinh_platform::testing::each_engine(&registry(), |db| async move {
        let w = world(&db).await;
        let m = module();
        let id = publish(&db, &w, draft(7, d(2026, 3, 6), d(2026, 3, 9)), vec![]).await?;
        let proof = |channel: &str, place: &str, from, to| NewProof {
            channel: channel.into(),
            place_code: place.into(),
            started_on: from,
            ended_on: to,
            note: String::new(),
        };
        let rec = |actor, p| store::record_proof(&db, &w.dir, 1 << 20, actor, id, p, None);
        // Full 30 days at the office; the village head posts at his own thôn.
        rec(
            Actor::Person(&w.officer),
            proof("notice_board", "91001", d(2026, 3, 9), Some(d(2026, 4, 7))),
        )
        .await?;
        rec(
            Actor::Person(&w.head),
            proof("notice_board", "91001-01", d(2026, 3, 9), None),
        )
        .await?;
        // Taken down after 12 days: ended early.
        rec(
            Actor::Person(&w.officer),
            proof(
                "notice_board",
                "91001-02",
                d(2026, 3, 9),
                Some(d(2026, 3, 20)),
            ),
        )
        .await?;
        // Loudspeaker started after the due date: met late.
        rec(
            Actor::Person(&w.officer),
            proof("loudspeaker", "91001", d(2026, 3, 16), Some(d(2026, 3, 18))),
        )
        .await?;
        let state = |det: &store::Detail, ch: &str, place: &str| {
            det.obligations
                .iter()
                .find(|o| o.channel == ch && o.place_code == place)
                .unwrap()
                .state
                .code()
        };
        let det = store::detail(&db, id, d(2026, 3, 25)).await?.unwrap();
        assert_eq!(state(&det, "notice_board", "91001-01"), "running");
        assert_eq!(state(&det, "notice_board", "91001-02"), "ended_early");
        assert_eq!(state(&det, "notice_board", "91001-03"), "missing");
        assert_eq!(state(&det, "loudspeaker", "91001"), "met_late");
        let det = store::detail(&db, id, d(2026, 4, 8)).await?.unwrap();
        assert_eq!(state(&det, "notice_board", "91001"), "met");
        assert_eq!(state(&det, "notice_board", "91001-01"), "met");

        let before = count(&db, "disclosure_proofs").await;
        let audit = count(&db, "audit_log").await;
        // A place outside the unit, a channel without a duty, dates out of order, the future.
        for (p, field) in [
            (
                proof("notice_board", "91002-01", d(2026, 3, 9), None),
                "place",
            ),
            (
                proof("permanent_posting", "91001", d(2026, 3, 9), None),
                "channel",
            ),
            (
                proof(
                    "notice_board",
                    "91001-03",
                    d(2026, 3, 9),
                    Some(d(2026, 3, 1)),
                ),
                "ended_on",
            ),
            (
                proof("notice_board", "91001-03", d(2026, 3, 1), None),
                "started_on",
            ),
            (
                proof("notice_board", "91001-03", d(2099, 1, 1), None),
                "started_on",
            ),
        ] {
            match rec(Actor::Person(&w.officer), p).await {
                Err(StoreError::Invalid { field: f, .. }) => assert_eq!(f, field),
                other => panic!("expected {field} refused, got {other:?}"),
            }
        }
        // The village head outside his thôn, and an officer of another commune.
        assert!(matches!(
            rec(
                Actor::Person(&w.head),
                proof("notice_board", "91001-03", d(2026, 3, 9), None)
            )
            .await,
            Err(StoreError::Denied(_))
        ));
        assert!(matches!(
            rec(
                Actor::Person(&w.stranger),
                proof("notice_board", "91001-03", d(2026, 3, 9), None)
            )
            .await,
            Err(StoreError::Denied(_))
        ));
        let mut d2 = draft(7, d(2026, 3, 6), d(2026, 3, 9));
        assert!(matches!(
            store::publish(
                &db,
                &m,
                &w.dir,
                1 << 20,
                Actor::Person(&w.stranger),
                &w.commune,
                d2.clone(),
                vec![]
            )
            .await,
            Err(StoreError::Denied(_))
        ));
        d2.category = 15;
        assert!(matches!(
            publish(&db, &w, d2.clone(), vec![]).await,
            Err(StoreError::Invalid {
                field: "category",
                ..
            })
        ));
        d2.category = 7;
        d2.published_on = d(2026, 3, 1);
        assert!(matches!(
            publish(&db, &w, d2, vec![]).await,
            Err(StoreError::Invalid {
                field: "published_on",
                ..
            })
        ));
        assert_eq!(count(&db, "disclosure_proofs").await, before);
        assert_eq!(count(&db, "disclosure_items").await, 1);
        assert_eq!(count(&db, "audit_log").await, audit);
        Ok(())
    })
    .await;
}

#[tokio::test]
async fn attachments_are_checked_by_content_and_a_failure_leaves_nothing() {
    dinh_platform::testing::each_engine(&registry(), |db| async move {
        let w = world(&db).await;
        let files_dir = w.dir.join("disclosure-files");
        let exe = Upload {
            file_name: "quyet-dinh.pdf".into(),
            bytes: b"MZ\x90\x00not a pdf".to_vec(),
        };
        let pdf = Upload {
            file_name: "../Quyết định.pdf".into(),
            bytes: b"%PDF-1.7\n...".to_vec(),
        };
        let big = Upload {
            file_name: "to.pdf".into(),
            bytes: [b"%PDF-".as_slice(), &vec![0u8; 2 << 20]].concat(),
        };
        for bad in [vec![pdf.clone(), exe], vec![big]] {
            let r = publish(&db, &w, draft(2, d(2026, 3, 6), d(2026, 3, 9)), bad).await;
            assert!(
                matches!(
                    r,
                    Err(StoreError::Invalid {
                        field: "attachments",
                        ..
                    })
                ),
                "{r:?}"
            );
        }
        assert_eq!(count(&db, "disclosure_items").await, 0);
        assert_eq!(count(&db, "disclosure_files").await, 0);
        let left = std::fs::read_dir(&files_dir)
            .map(|d| d.count())
            .unwrap_or(0);
        assert_eq!(left, 0, "a failed upload left files behind");
        let id = publish(&db, &w, draft(2, d(2026, 3, 6), d(2026, 3, 9)), vec![pdf]).await?;
        let det = store::detail(&db, id, d(2026, 3, 9)).await?.unwrap();
        let (_, f) = &det.files[0];
        assert_eq!(f.content_type, "application/pdf");
        assert_eq!(f.file_name, "Quyết định.pdf");
        assert!(files_dir.join(f.id.to_string()).exists());
        let _ = std::fs::remove_dir_all(&w.dir);
        Ok(())
    })
    .await;
}

#[tokio::test]
async fn recurring_duties_go_missing_and_feed_the_indicators() {
    dinh_platform::testing::each_engine(&registry(), |db| async move {
        let w = world(&db).await;
        let m = module();
        store::ensure_expected(&db, &m, &w.commune, d(2026, 1, 1), d(2026, 11, 23)).await?;
        // Budget execution of Q1 published on time; Q2 never.
        let mut q1 = draft(2, d(2026, 4, 2), d(2026, 4, 3));
        q1.recurring = Some(("budget_execution".into(), "2026-Q1".into()));
        publish(&db, &w, q1.clone(), vec![]).await?;
        // The same period twice is refused.
        assert!(matches!(
            publish(&db, &w, q1, vec![]).await,
            Err(StoreError::Invalid {
                field: "period_label",
                ..
            })
        ));
        let missing = store::missing(&db, w.commune.id, d(2026, 11, 23), 100).await?;
        let keys: Vec<_> = missing
            .iter()
            .map(|e| format!("{}:{}", e.duty_key, e.period_label))
            .collect();
        assert!(
            keys.contains(&"budget_execution:2026-Q2".to_owned()),
            "{keys:?}"
        );
        assert!(!keys.contains(&"budget_execution:2026-Q1".to_owned()));
        let reg = Registry::default().with(UnitsModule).with(m.clone());
        let province = dinh_platform::units::store::by_code(&db, "91")
            .await?
            .unwrap();
        let p = Period {
            from: d(2026, 4, 1),
            to: d(2026, 6, 30),
        };
        assert_eq!(
            reg.indicator_value(&db, "disclosure.published", province.id, p)
                .await?,
            Some(1.0)
        );
        assert_eq!(
            reg.indicator_value(&db, "disclosure.on_time_rate", province.id, p)
                .await?,
            Some(100.0)
        );
        assert_eq!(
            reg.indicator_value(&db, "disclosure.channel_completeness", province.id, p)
                .await?,
            Some(0.0)
        );
        // Nothing published and nothing expected in 2024: missing, not zero.
        let none = Period {
            from: d(2024, 1, 1),
            to: d(2024, 12, 31),
        };
        assert_eq!(
            reg.indicator_value(&db, "disclosure.on_time_rate", province.id, none)
                .await?,
            None
        );
        assert_eq!(
            reg.indicator_value(&db, "disclosure.published", province.id, none)
                .await?,
            None
        );
        // The clocks flag what ran out.
        let raised = dinh_disclosure::store::missing(&db, province.id, d(2026, 11, 23), 100)
            .await?
            .len();
        assert!(raised >= 1);
        Ok(())
    })
    .await;
}

async fn get(db: &Db, uri: &str) -> (StatusCode, Vec<u8>, String) {
    let app = router(AppState::new(db.clone(), Config::default(), registry()));
    let res = app
        .oneshot(Request::builder().uri(uri).body(Body::empty()).unwrap())
        .await
        .unwrap();
    let status = res.status();
    let ct = res
        .headers()
        .get(header::CONTENT_TYPE)
        .map(|v| v.to_str().unwrap().to_owned())
        .unwrap_or_default();
    (
        status,
        res.into_body().collect().await.unwrap().to_bytes().to_vec(),
        ct,
    )
}

#[tokio::test]
async fn pages_feed_register_and_api() {
    dinh_platform::testing::each_engine(&registry(), |db| async move {
        let w = world(&db).await;
        let id = publish(&db, &w, draft(7, d(2026, 8, 3), d(2026, 8, 4)), vec![]).await?;
        let (s, body, _) = get(&db, "/units/91001/disclosures?category=7&year=2026&quarter=3").await;
        assert_eq!(s, StatusCode::OK);
        let html = String::from_utf8(body)?;
        assert!(html.contains("Thông tin nội dung 7"));
        let (s, body, _) = get(&db, "/units/91001/disclosures?q=noi%20dung").await;
        assert_eq!(s, StatusCode::OK);
        assert!(String::from_utf8(body)?.contains(&format!("/disclosures/{id}")));
        let (s, body, _) = get(&db, &format!("/disclosures/{id}")).await;
        assert_eq!(s, StatusCode::OK);
        assert!(String::from_utf8(body)?.contains("Thôn Tây"));
        let (s, body, ct) = get(&db, "/units/91001/disclosures.atom").await;
        assert_eq!(s, StatusCode::OK);
        assert!(ct.starts_with("application/atom+xml"));
        assert!(String::from_utf8(body)?.contains("<entry>"));
        for (format, magic) in [("docx", b"PK".as_slice()), ("xlsx", b"PK"), ("csv", b"\xEF\xBB\xBF")] {
            let (s, body, _) = get(&db, &format!("/units/91001/disclosures/register?quarter=2026-Q3&format={format}")).await;
            assert_eq!(s, StatusCode::OK, "{format}");
            assert!(body.starts_with(magic), "{format}");
        }
        let (s, _, _) = get(&db, "/units/91001/disclosures/register?quarter=2026-Q5").await;
        assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY);
        let (s, body, _) = get(&db, "/api/v1/units/91001/disclosures").await;
        assert_eq!(s, StatusCode::OK);
        let json: serde_json::Value = serde_json::from_slice(&body)?;
        assert_eq!(json["total"], 1);
        let (s, body, _) = get(&db, "/api/v1/disclosure/requirements?unit=91001&category=4&decided_on=2026-03-06").await;
        assert_eq!(s, StatusCode::OK);
        let json: serde_json::Value = serde_json::from_slice(&body)?;
        assert_eq!(json["due_on"], "2026-03-13");
        // The dashboard is not public; writes need a session and its token.
        assert_eq!(get(&db, "/units/91001/disclosures/dashboard").await.0, StatusCode::UNAUTHORIZED);
        assert_eq!(get(&db, "/api/v1/units/91001/disclosures/dashboard").await.0, StatusCode::UNAUTHORIZED);
        let app = router(AppState::new(db.clone(), Config::default(), registry()));
        let res = app
            .oneshot(
                Request::builder()
                    .method("POST")
                    .uri("/api/v1/units/91001/disclosures")
                    .header(header::CONTENT_TYPE, "application/json")
                    .body(Body::from(r#"{"category":7,"title":"x","doc_number":"1","doc_date":"2026-03-06","doc_issuer":"x"}"#))
                    .unwrap(),
            )
            .await
            .unwrap();
        assert_eq!(res.status(), StatusCode::UNAUTHORIZED);
        // The commune's public page links to its register.
        let (_, body, _) = get(&db, "/units/91001").await;
        assert!(String::from_utf8(body)?.contains("href=\"/units/91001/disclosures\""));
        let (_, body, _) = get(&db, "/api/openapi.json").await;
        assert!(String::from_utf8(body)?.contains("/api/v1/disclosure/requirements"));
        Ok(())
    })
    .await;
}

#[tokio::test]
async fn monthly_summary_agrees_with_the_disclosures() {
    dinh_platform::testing::each_engine(&registry(), |db| async move {
        let w = world(&db).await;
        publish(&db, &w, draft(14, d(2026, 3, 6), d(2026, 3, 9)), vec![]).await?;
        let permanent = publish(&db, &w, draft(4, d(2026, 3, 6), d(2026, 3, 9)), vec![]).await?;
        publish(&db, &w, draft(7, d(2026, 3, 6), d(2026, 3, 20)), vec![]).await?;
        let boards = publish(&db, &w, draft(2, d(2026, 3, 6), d(2026, 3, 10)), vec![]).await?;
        let rec = |id, channel: &str, place: &str| {
            store::record_proof(
                &db,
                &w.dir,
                1 << 20,
                Actor::Person(&w.officer),
                id,
                NewProof {
                    channel: channel.into(),
                    place_code: place.into(),
                    started_on: d(2026, 3, 10),
                    ended_on: None,
                    note: String::new(),
                },
                None,
            )
        };
        rec(permanent, "permanent_posting", "91001").await?;
        for place in ["91001", "91001-01", "91001-02", "91001-03"] {
            rec(boards, "notice_board", place).await?;
        }
        for (today, complete) in [(d(2026, 3, 25), 2), (d(2026, 4, 30), 3)] {
            let whole =
                store::totals(&db, w.commune.id, d(2026, 3, 1), d(2026, 3, 31), today).await?;
            let exact =
                store::totals(&db, w.commune.id, d(2026, 3, 2), d(2026, 3, 31), today).await?;
            assert_eq!(whole, exact, "on {today}");
            assert_eq!(
                (whole[0].published, whole[0].on_time, whole[0].complete),
                (4, 3, complete)
            );
        }
        // Rebuilding from the disclosures gives the same summary.
        store::rebuild_summary(&db).await?;
        let again = store::totals(
            &db,
            w.commune.id,
            d(2026, 3, 1),
            d(2026, 3, 31),
            d(2026, 4, 30),
        )
        .await?;
        assert_eq!(again[0].complete, 3);
        Ok(())
    })
    .await;
}

/// A multipart body with text fields and one file.
fn multipart(fields: &[(&str, &str)], file: Option<(&str, &str, &[u8])>) -> (String, Vec<u8>) {
    let boundary = "dinh-test-boundary";
    let mut body = Vec::new();
    for (name, value) in fields {
        body.extend_from_slice(
            format!(
                "--{boundary}\r\nContent-Disposition: form-data; name=\"{name}\"\r\n\r\n{value}\r\n"
            )
            .as_bytes(),
        );
    }
    if let Some((name, file_name, bytes)) = file {
        body.extend_from_slice(
            format!("--{boundary}\r\nContent-Disposition: form-data; name=\"{name}\"; filename=\"{file_name}\"\r\nContent-Type: application/octet-stream\r\n\r\n").as_bytes(),
        );
        body.extend_from_slice(bytes);
        body.extend_from_slice(b"\r\n");
    }
    body.extend_from_slice(format!("--{boundary}--\r\n").as_bytes());
    (format!("multipart/form-data; boundary={boundary}"), body)
}

#[tokio::test]
async fn officers_publish_and_record_through_the_forms() {
    dinh_platform::testing::each_engine(&registry(), |db| async move {
        let w = world(&db).await;
        let (token, session) =
            dinh_platform::accounts::session::create(&db, Some(w.officer.account_id), 1).await?;
        let config = Config {
            data_dir: w.dir.clone(),
            ..Config::default()
        };
        let app = router(AppState::new(db.clone(), config, registry()));
        let cookie = format!("dinh_session={token}");
        let send = |req: Request<Body>| app.clone().oneshot(req);
        let res = send(
            Request::builder()
                .uri("/units/91001/disclosures/new")
                .header(header::COOKIE, &cookie)
                .body(Body::empty())?,
        )
        .await?;
        assert_eq!(res.status(), StatusCode::OK);
        let fields = [
            ("csrf", session.csrf_token.as_str()),
            ("category", "7"),
            ("title", "Danh sách hỗ trợ <b>gạo</b>"),
            ("doc_number", "5/QĐ-UBND"),
            ("doc_date", "2026-03-06"),
            ("doc_issuer", "UBND xã"),
            ("published_on", "2026-03-09"),
            ("body", "Nội dung"),
        ];
        // Without the form's token: refused, nothing written.
        let (ct, body) = multipart(&fields[1..], Some(("attachments", "qd.pdf", b"%PDF-1.4 x")));
        let res = send(
            Request::builder()
                .method("POST")
                .uri("/units/91001/disclosures")
                .header(header::COOKIE, &cookie)
                .header(header::CONTENT_TYPE, ct)
                .body(Body::from(body))?,
        )
        .await?;
        assert_eq!(res.status(), StatusCode::FORBIDDEN);
        assert_eq!(count(&db, "disclosure_items").await, 0);
        // With it: published with its attachment, and the title is escaped on the page.
        let (ct, body) = multipart(&fields, Some(("attachments", "qd.pdf", b"%PDF-1.4 x")));
        let res = send(
            Request::builder()
                .method("POST")
                .uri("/units/91001/disclosures")
                .header(header::COOKIE, &cookie)
                .header(header::CONTENT_TYPE, ct)
                .body(Body::from(body))?,
        )
        .await?;
        assert_eq!(res.status(), StatusCode::SEE_OTHER);
        let location = res.headers()[header::LOCATION].to_str()?.to_owned();
        let res = send(
            Request::builder()
                .uri(&location)
                .header(header::COOKIE, &cookie)
                .body(Body::empty())?,
        )
        .await?;
        let html = String::from_utf8(res.into_body().collect().await?.to_bytes().to_vec())?;
        assert!(
            html.contains("gạo") && !html.contains("<b>gạo</b>"),
            "the title is not escaped"
        );
        assert!(html.contains("qd.pdf"));
        // A proof with its photo through the form.
        let id = location.trim_start_matches("/disclosures/");
        let png = b"\x89PNG\r\n\x1a\n0000";
        let (ct, body) = multipart(
            &[
                ("csrf", session.csrf_token.as_str()),
                ("duty", "notice_board|91001-02"),
                ("started_on", "09/03/2026"),
                ("note", "Bảng tin thôn"),
            ],
            Some(("photo", "anh.png", png)),
        );
        let res = send(
            Request::builder()
                .method("POST")
                .uri(format!("/disclosures/{id}/proofs"))
                .header(header::COOKIE, &cookie)
                .header(header::CONTENT_TYPE, ct)
                .body(Body::from(body))?,
        )
        .await?;
        assert_eq!(res.status(), StatusCode::SEE_OTHER);
        assert_eq!(count(&db, "disclosure_files").await, 2);
        // A bad date names its field.
        let (ct, body) = multipart(
            &[
                ("csrf", session.csrf_token.as_str()),
                ("duty", "notice_board|91001-03"),
                ("started_on", "31/02/2026"),
            ],
            None,
        );
        let res = send(
            Request::builder()
                .method("POST")
                .uri(format!("/disclosures/{id}/proofs"))
                .header(header::COOKIE, &cookie)
                .header(header::CONTENT_TYPE, ct)
                .body(Body::from(body))?,
        )
        .await?;
        assert_eq!(res.status(), StatusCode::UNPROCESSABLE_ENTITY);
        let _ = std::fs::remove_dir_all(&w.dir);
        Ok(())
    })
    .await;
}
