//! The denouncer's identity: sealed at rest, readable by the assigned handler only, every read
//! audited, and absent from every list, page, API answer, export, search, audit entry and error.

use dinh_petitions::store::actions::{Action, apply};
use dinh_petitions::store::identity;
use dinh_platform::db::{Db, query};
use dinh_platform::web::ErrorKind;

use crate::support::*;

async fn assign(db: &Db, id: i64, login: &str) {
    let p = principal(db, "officer@test.vn").await;
    apply(
        &module(),
        db,
        Some(&p),
        id,
        Action::Assign {
            login: login.into(),
        },
    )
    .await
    .unwrap();
}

fn leaks(text: &str) -> bool {
    text.contains(SECRET_NAME) || text.contains(SECRET_ADDRESS) || text.contains("0988777666")
}

/// Every text column of every table the module or the audit log writes.
async fn all_stored_text(db: &Db) -> String {
    let mut out = String::new();
    for (table, cols) in [
        (
            "petition_cases",
            "subject || ' ' || content || ' ' || search_text || ' ' || COALESCE(petitioner_name, '') || ' ' || COALESCE(petitioner_contact, '')",
        ),
        ("petition_events", "body"),
        (
            "petition_book",
            "COALESCE(citizen_name, '') || ' ' || COALESCE(citizen_address, '') || ' ' || content",
        ),
        ("petition_identities", "sealed"),
        (
            "audit_log",
            "COALESCE(before_json, '') || ' ' || COALESCE(after_json, '')",
        ),
    ] {
        let rows: Vec<(String,)> = db
            .fetch_all(&query(format!("SELECT {cols} FROM {table}")))
            .await
            .unwrap();
        for (t,) in rows {
            out.push_str(&t);
            out.push('\n');
        }
    }
    out
}

#[tokio::test]
async fn only_the_assigned_handler_reads_the_identity_and_each_read_is_audited() {
    each_engine(|db| async move {
        world(&db).await?;
        let r = receive(&db, "C1", denunciation(d(2026, 8, 3))).await;
        let m = module();
        // Nobody is the handler yet: even a commune officer is refused.
        let officer = principal(&db, "officer@test.vn").await;
        let e = identity::read(&m, &db, Some(&officer), r.id, "page").await.unwrap_err();
        assert_eq!(e.kind, ErrorKind::Forbidden);
        assign(&db, r.id, "handler@test.vn").await;
        let handler = principal(&db, "handler@test.vn").await;
        let who = identity::read(&m, &db, Some(&handler), r.id, "page").await.unwrap();
        assert_eq!(who.name, SECRET_NAME);
        assert_eq!(who.address, SECRET_ADDRESS);
        // Other officers of the unit, the inspection board, an outsider, the public: refused.
        for login in ["officer@test.vn", "inspector@test.vn", "outsider@test.vn", "head@test.vn"] {
            let p = principal(&db, login).await;
            let e = identity::read(&m, &db, Some(&p), r.id, "api").await.unwrap_err();
            assert_eq!(e.kind, ErrorKind::Forbidden, "{login}");
        }
        assert_eq!(identity::read(&m, &db, None, r.id, "api").await.unwrap_err().kind, ErrorKind::Unauthorized);
        // A handler cannot be someone who could not handle the unit's cases.
        let p = principal(&db, "officer@test.vn").await;
        let e = apply(&m, &db, Some(&p), r.id, Action::Assign { login: "outsider@test.vn".into() }).await.unwrap_err();
        assert!(matches!(e.kind, ErrorKind::BadRequest(ref s) if s.starts_with("login:")));
        // Every read and every refusal is in the audit chain, without the identity.
        let reads: i64 = db.scalar(&query("SELECT COUNT(*) FROM audit_log WHERE action = 'petitions.identity_read' AND object_id = $1").bind(r.id.to_string())).await?;
        let refused: i64 = db.scalar(&query("SELECT COUNT(*) FROM audit_log WHERE action = 'petitions.identity_refused' AND object_id = $1").bind(r.id.to_string())).await?;
        assert_eq!((reads, refused), (1, 5));
        // At rest: nowhere in clear.
        assert!(!leaks(&all_stored_text(&db).await), "the identity is stored in clear somewhere");
        Ok(())
    })
    .await;
}

#[tokio::test]
async fn pages_api_exports_and_search_never_show_the_denouncer() {
    each_engine(|db| async move {
        world(&db).await?;
        let r = receive(&db, "C1", denunciation(d(2026, 8, 3))).await;
        assign(&db, r.id, "handler@test.vn").await;
        for login in ["handler@test.vn", "officer@test.vn", "inspector@test.vn"] {
            let v = sign_in(&db, Some(login)).await;
            for uri in [
                "/units/C1/petitions?state=all".to_owned(),
                format!("/units/C1/petitions?state=all&q={}", "Trinh%20Van%20Kin"),
                "/units/P/petitions?state=all".to_owned(),
                format!("/petitions/cases/{}", r.id),
                format!("/petitions/cases/{}/file.docx", r.id),
                "/units/C1/petitions/export/csv?state=all".to_owned(),
                "/api/v1/units/C1/petitions?state=all".to_owned(),
                format!("/api/v1/petitions/cases/{}", r.id),
                "/units/C1/reception".to_owned(),
                "/units/C1/reception/book/csv".to_owned(),
            ] {
                let (status, body) = call(&db, &v, "GET", &uri, None).await;
                assert!(
                    status.is_success() || status.as_u16() == 403,
                    "{login} {uri}: {status}"
                );
                assert!(!leaks(&body), "{login} sees the denouncer at {uri}");
            }
        }
        // Searching by the denouncer's name finds nothing, with or without diacritics.
        let v = sign_in(&db, Some("handler@test.vn")).await;
        let (_, body) = call(
            &db,
            &v,
            "GET",
            "/api/v1/units/C1/petitions?state=all&q=Kin%20Dao",
            None,
        )
        .await;
        assert_eq!(body.trim(), "[]");
        // The handler's identity page shows it and is not cached; the case page links it.
        let (s, body) = call(
            &db,
            &v,
            "GET",
            &format!("/petitions/cases/{}/identity", r.id),
            None,
        )
        .await;
        assert!(s.is_success() && body.contains(SECRET_NAME));
        // The API refuses the others, and its error does not carry the identity.
        let v2 = sign_in(&db, Some("officer@test.vn")).await;
        let (s, body) = call(
            &db,
            &v2,
            "GET",
            &format!("/api/v1/petitions/cases/{}/identity", r.id),
            None,
        )
        .await;
        assert_eq!(s.as_u16(), 403);
        assert!(!leaks(&body));
        let (s, body) = call(
            &db,
            &v2,
            "GET",
            &format!("/petitions/cases/{}/identity", r.id),
            None,
        )
        .await;
        assert_eq!(s.as_u16(), 403);
        assert!(!leaks(&body));
        Ok(())
    })
    .await;
}

#[tokio::test]
async fn a_rejected_submission_does_not_echo_the_identity() {
    each_engine(|db| async move {
        world(&db).await?;
        let v = sign_in(&db, None).await;
        let long = "x".repeat(400);
        let body = form(&[
            ("csrf", &v.csrf),
            ("unit", "C1"),
            ("kind", "denunciation"),
            ("subject", &long),
            ("content", "nội dung"),
            ("name", SECRET_NAME),
            ("address", SECRET_ADDRESS),
            ("contact", "0988777666"),
        ]);
        let (s, html) = call(&db, &v, "POST", "/petitions/submit", Some(&body)).await;
        assert_eq!(s.as_u16(), 422);
        assert!(html.contains("subject"), "the error names the field");
        assert!(!leaks(&html), "the error page repeats the identity");
        let n: i64 = db
            .scalar(&query("SELECT COUNT(*) FROM petition_cases"))
            .await?;
        assert_eq!(n, 0, "nothing half-written");
        // The officer's intake form keeps the content but drops the identity on error.
        let v = sign_in(&db, Some("handler@test.vn")).await;
        let body = form(&[
            ("csrf", &v.csrf),
            ("kind", "denunciation"),
            ("channel", "mail"),
            ("received_on", "31/02/2026"),
            ("subject", "Tố cáo"),
            ("content", "nội dung"),
            ("name", SECRET_NAME),
            ("address", SECRET_ADDRESS),
        ]);
        let (s, html) = call(&db, &v, "POST", "/units/C1/petitions/new", Some(&body)).await;
        assert_eq!(s.as_u16(), 422);
        assert!(html.contains("received_on"));
        assert!(!leaks(&html));
        Ok(())
    })
    .await;
}

#[tokio::test]
async fn a_denunciation_received_at_reception_keeps_the_book_clean() {
    each_engine(|db| async move {
        world(&db).await?;
        let v = sign_in(&db, Some("handler@test.vn")).await;
        let body = form(&[
            ("csrf", &v.csrf),
            ("form", "book"),
            ("entry_date", "05/08/2026"),
            ("citizen_name", SECRET_NAME),
            ("citizen_address", SECRET_ADDRESS),
            ("content", "Tố cáo cán bộ thu tiền sai"),
            ("request", "Đề nghị xử lý"),
            ("handling", "Tiếp nhận đơn, chuyển bộ phận giải quyết"),
            ("classify", "denunciation"),
        ]);
        let (s, _) = call(&db, &v, "POST", "/units/C1/reception", Some(&body)).await;
        assert_eq!(s.as_u16(), 303);
        let (_, csv) = call(
            &db,
            &v,
            "GET",
            "/units/C1/reception/book/csv?year=2026",
            None,
        )
        .await;
        assert!(csv.contains("Tố cáo cán bộ thu tiền sai"));
        assert!(!leaks(&csv));
        assert!(!leaks(&all_stored_text(&db).await));
        let kind: String = db.scalar(&query("SELECT kind FROM petition_cases")).await?;
        assert_eq!(kind, "denunciation");
        Ok(())
    })
    .await;
}
