//! No log line carries a denouncer's identity: every log event of the test binary is captured
//! while the protected flows run (including refusals and a wrong key).

use std::io::Write;
use std::sync::{Mutex, OnceLock};

use dinh_calendar::HolidayCalendar;
use dinh_petitions::PetitionsModule;
use dinh_petitions::protect::ProtectionKey;
use dinh_petitions::store::actions::{Action, apply};
use dinh_petitions::store::identity;
use dinh_rules::RuleBook;

use crate::support::*;

static LOG: Mutex<Vec<u8>> = Mutex::new(Vec::new());

struct Sink;
impl Write for Sink {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        LOG.lock().unwrap().extend_from_slice(buf);
        Ok(buf.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

fn capture() {
    static ONCE: OnceLock<()> = OnceLock::new();
    ONCE.get_or_init(|| {
        let subscriber = tracing_subscriber::fmt()
            .with_max_level(tracing::Level::TRACE)
            .with_writer(|| Sink)
            .finish();
        let _ = tracing::subscriber::set_global_default(subscriber);
    });
}

#[tokio::test]
async fn no_log_line_names_the_denouncer() {
    capture();
    each_engine(|db| async move {
        world(&db).await?;
        let r = receive(&db, "C1", denunciation(d(2026, 8, 3))).await;
        let officer = principal(&db, "officer@test.vn").await;
        apply(
            &module(),
            &db,
            Some(&officer),
            r.id,
            Action::Assign {
                login: "handler@test.vn".into(),
            },
        )
        .await
        .unwrap();
        let handler = principal(&db, "handler@test.vn").await;
        identity::read(&module(), &db, Some(&handler), r.id, "page")
            .await
            .unwrap();
        let _ = identity::read(&module(), &db, Some(&officer), r.id, "page").await;
        // A wrong key: the read fails as an internal error, logged without the identity.
        let wrong = PetitionsModule::new(
            HolidayCalendar::shipped()?,
            RuleBook::shipped()?,
            ProtectionKey::from_bytes([1; 32]),
        );
        let v = sign_in(&db, Some("handler@test.vn")).await;
        let app_err = identity::read(&wrong, &db, Some(&handler), r.id, "page")
            .await
            .unwrap_err();
        let _ = axum::response::IntoResponse::into_response(app_err);
        for uri in [
            format!("/petitions/cases/{}/identity", r.id),
            format!("/api/v1/petitions/cases/{}", r.id),
            "/units/C1/petitions?q=Tr%E1%BB%8Bnh".to_owned(),
        ] {
            call(&db, &v, "GET", &uri, None).await;
        }
        Ok(())
    })
    .await;
    let log = String::from_utf8_lossy(&LOG.lock().unwrap()).into_owned();
    assert!(
        log.contains("request failed") || !log.is_empty(),
        "the capture works"
    );
    assert!(
        !log.contains(SECRET_NAME) && !log.contains(SECRET_ADDRESS),
        "a log line names the denouncer"
    );
}
