//! The petitioner is told each step of their case by the contact they gave, in the step's own
//! transaction; a protected denouncer's contact never lies beside the notice (the outbox holds
//! only the case's reference, unsealed when sending), and nothing of theirs reaches the outbox,
//! the audit log or the sender's errors.

use dinh_petitions::kinds::CaseKind;
use dinh_petitions::store::actions::{Action, apply};
use dinh_platform::config::Config;
use dinh_platform::db::{Db, query};
use dinh_platform::notify::sender;
use dinh_platform::testing::HttpGateway;
use dinh_platform::web::AppState;

use crate::support::*;

/// Every text of the outbox and the audit log.
async fn outbox_and_audit(db: &Db) -> String {
    let mut out = String::new();
    for sql in [
        "SELECT kind || ' ' || channel || ' ' || COALESCE(address, '') || ' ' || COALESCE(sealed_ref, '') || ' ' || subject || ' ' || body || ' ' || COALESCE(last_error, '') FROM notifications",
        "SELECT COALESCE(before_json, '') || ' ' || COALESCE(after_json, '') FROM audit_log",
    ] {
        let rows: Vec<(String,)> = db.fetch_all(&query(sql)).await.unwrap();
        for (t,) in rows {
            out.push_str(&t);
            out.push('\n');
        }
    }
    out
}

#[tokio::test]
async fn each_step_reaches_the_petitioner_and_a_denouncers_contact_stays_sealed() {
    let gateway = HttpGateway::start().await.unwrap();
    let url = gateway.url.clone();
    each_engine(|db| {
        let url = url.clone();
        let gateway = &gateway;
        async move {
            world(&db).await?;
            let before = gateway.requests().len();
            let officer = principal(&db, "officer@test.vn").await;
            let m = module();
            // A complaint: the contact given is the address.
            let complaint = receive(&db, "C1", new_case(CaseKind::Complaint, d(2026, 8, 3))).await;
            apply(&m, &db, Some(&officer), complaint.id, Action::Accept { on: d(2026, 8, 5) }).await.unwrap();
            let (address, sealed): (Option<String>, Option<String>) = db
                .fetch_optional(&query("SELECT address, sealed_ref FROM notifications WHERE kind = 'petitions.case_step'"))
                .await?
                .unwrap();
            assert_eq!(address.as_deref(), Some("0900000000"));
            assert_eq!(sealed, None);
            // A refused step (accepting twice) writes nothing and queues nothing.
            assert!(apply(&m, &db, Some(&officer), complaint.id, Action::Accept { on: d(2026, 8, 5) }).await.is_err());
            let n: i64 = db.scalar(&query("SELECT COUNT(*) FROM notifications")).await?;
            assert_eq!(n, 1);

            // A denunciation: protected. The outbox holds the case's reference only.
            let den = receive(&db, "C1", denunciation(d(2026, 8, 3))).await;
            apply(&m, &db, Some(&officer), den.id, Action::Accept { on: d(2026, 8, 6) }).await.unwrap();
            let (address, sealed): (Option<String>, Option<String>) = db
                .fetch_optional(&query("SELECT address, sealed_ref FROM notifications WHERE sealed_ref IS NOT NULL"))
                .await?
                .unwrap();
            assert_eq!(address, None);
            assert_eq!(sealed, Some(format!("petitions:{}", den.id)));
            let stored = outbox_and_audit(&db).await;
            assert!(!stored.contains(SECRET_NAME) && !stored.contains("0988777666") && !stored.contains(SECRET_ADDRESS), "{stored}");

            // Sent: the gateway gets the denouncer's phone at the moment of sending, and still
            // nothing of theirs is stored.
            let config = Config {
                sms: Some(dinh_platform::notify::SmsConfig::at(url.as_str())),
                ..Config::default()
            };
            let state = AppState::new(db.clone(), config, registry(module()));
            let o = sender::send_due(&state).await?;
            assert_eq!(o.sent, 2, "{o:?}");
            let reqs = gateway.requests();
            let to: Vec<String> = reqs[before..]
                .iter()
                .map(|r| serde_json::from_str::<serde_json::Value>(&r.body).unwrap()["to"].as_str().unwrap().to_owned())
                .collect();
            assert!(to.contains(&"0988777666".to_owned()) && to.contains(&"0900000000".to_owned()), "{to:?}");
            let text = reqs.last().unwrap().body.clone();
            assert!(text.contains(&den.tracking_code) && text.contains("da duoc thu ly"), "{text}");
            let stored = outbox_and_audit(&db).await;
            assert!(!stored.contains("0988777666"), "{stored}");

            // Transferred and answered: each told, with what the petitioner needs.
            apply(&m, &db, Some(&officer), complaint.id, Action::Resolve { on: d(2026, 8, 20), answer: "Đã giải quyết: trả lại lối đi chung.".into() }).await.unwrap();
            let body: String = db.scalar(&query("SELECT body FROM notifications WHERE body LIKE '%lối đi chung%'")).await?;
            assert!(body.contains("đã có kết quả giải quyết"), "{body}");
            Ok(())
        }
    })
    .await;
}
