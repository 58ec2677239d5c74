//! Notices: queued in the transaction of the write (nothing for a rollback), sent to a real SMTP
//! server and a real HTTP gateway, failures retried then given up with their reason while the
//! rest goes on, a sender that dies between sending and marking sends once more under the same
//! Message-ID, preferences and consent choose the channels, the inbox counts in the header.

use crate::client::{csrf_of, send, sign_in};
use crate::support::{SMALL_HOUSEHOLDS, each_engine, registry, small_tree};
use axum::http::StatusCode;
use dinh_platform::accounts::{Role, store};
use dinh_platform::config::Config;
use dinh_platform::db::{Db, query};
use dinh_platform::notify::{
    self, Channel, MailConfig, Notice, Recipient, TlsMode, sender, settings,
};
use dinh_platform::testing::{HttpGateway, SmtpServer};
use dinh_platform::web::AppState;
use dinh_platform::web::i18n::Lang;

const PASSWORD: &str = "mat-khau-du-dai";

/// A kind the law requires, confidential, by every channel.
const TEST_KINDS: &str = r#"
[step]
name = { vi = "Bước giải quyết", en = "Step" }
required = true
confidential = true
channels = ["inbox", "email", "sms"]
placeholders = ["code", "step"]
subject = { vi = "Đơn {code}: {step}", en = "Petition {code}: {step}" }
text = { vi = "Đơn {code} {step}.", en = "Petition {code} {step}." }
sms = { vi = "Đơn {code} {step}.", en = "Petition {code} {step}." }
"#;

fn kinds() {
    notify::catalogue::register("test", TEST_KINDS).unwrap();
}

fn digest_to(account: i64, day: &str) -> Notice {
    Notice::new("work.digest", Recipient::Account(account))
        .value("overdue", "2")
        .value("today", "1")
        .value("week", "3")
        .value("date", day)
        .value("list", "- Công khai dự toán (Xã Cầu Giấy) — 05/12/2026\n")
        .link("/viec-cua-toi")
}

fn mail_config(port: u16) -> MailConfig {
    MailConfig {
        host: "127.0.0.1".into(),
        port,
        tls: TlsMode::None,
        username: None,
        password: None,
        from: "UBND xã Cầu Giấy <thongbao@caugiay.gov.vn>".into(),
        parallel: 4,
    }
}

fn state(db: &Db, mail: Option<MailConfig>, sms_url: Option<&str>) -> AppState {
    let config = Config {
        mail,
        sms: sms_url.map(|url| {
            toml::from_str(&format!(
                "url = \"{url}\"\nusername = \"xa\"\npassword = \"khoa-bi-mat\""
            ))
            .unwrap()
        }),
        notify: dinh_platform::notify::config::NotifyConfig {
            public_url: "https://caugiay.gov.vn".into(),
            ..Default::default()
        },
        ..Config::default()
    };
    AppState::new(db.clone(), config, registry())
}

async fn queue_one(db: &Db, notice: Notice) -> anyhow::Result<usize> {
    let mut tx = db.begin().await?;
    let n = notify::queue(&mut tx, "test", &[notice]).await?;
    tx.commit().await?;
    Ok(n)
}

async fn states(db: &Db) -> anyhow::Result<Vec<(String, String, i64, Option<String>)>> {
    Ok(db
        .fetch_all(&query(
            "SELECT channel, state, attempts, last_error FROM notifications ORDER BY channel, id",
        ))
        .await?)
}

#[tokio::test]
async fn a_notice_is_queued_with_its_write_and_never_for_a_rollback() {
    each_engine(|db| async move {
        let id = store::create_account(&db, "canbo@caugiay.vn", "Cán bộ", PASSWORD, "test").await?;
        // Rolled back: the write and its notice both vanish.
        let mut tx = db.begin().await?;
        tx.execute(&query("UPDATE accounts SET display_name = 'Đổi tên' WHERE id = $1").bind(id))
            .await?;
        assert_eq!(
            notify::queue(&mut tx, "test", &[digest_to(id, "05/12/2026")]).await?,
            2
        );
        drop(tx);
        let n: i64 = db
            .scalar(&query("SELECT COUNT(*) FROM notifications"))
            .await?;
        assert_eq!(n, 0, "a rolled-back write queues nothing");
        // Committed: inbox (at once) and e-mail (queued), each audited without a confidential body.
        assert_eq!(
            queue_one(&db, digest_to(id, "05/12/2026").once("d:1")).await?,
            2
        );
        let rows = states(&db).await?;
        assert_eq!(rows[0].0, "email");
        assert_eq!(rows[0].1, "queued");
        assert_eq!(rows[1].0, "inbox");
        assert_eq!(rows[1].1, "sent");
        // Once-only: the same key queues nothing more.
        assert_eq!(
            queue_one(&db, digest_to(id, "05/12/2026").once("d:1")).await?,
            0
        );
        let audited: i64 = db
            .scalar(&query(
                "SELECT COUNT(*) FROM audit_log WHERE action = 'notify.queue'",
            ))
            .await?;
        assert_eq!(audited, 2);
        // A kind nobody declared is an error, not a silent drop.
        let mut tx = db.begin().await?;
        assert!(
            notify::queue(
                &mut tx,
                "test",
                &[Notice::new("nobody.nothing", Recipient::Account(id))]
            )
            .await
            .is_err()
        );
        Ok(())
    })
    .await;
}

#[tokio::test]
async fn e_mail_reaches_a_real_smtp_server_in_the_persons_language_with_its_links() {
    let smtp = SmtpServer::start().await.unwrap();
    let port = smtp.port;
    each_engine(|db| {
        let smtp = &smtp;
        async move {
            let before = smtp.messages().len();
            let id =
                store::create_account(&db, "canbo@caugiay.vn", "Cán bộ", PASSWORD, "test").await?;
            queue_one(&db, digest_to(id, "05/12/2026")).await?;
            let st = state(&db, Some(mail_config(port)), None);
            let o = sender::send_due(&st).await?;
            assert_eq!((o.sent, o.failed, o.given_up), (1, 0, 0));
            let got = smtp.wait_for(before + 1).await;
            let raw = got.last().unwrap();
            let mail = mailparse::parse_mail(raw)?;
            use mailparse::MailHeaderMap;
            let subject = mail.headers.get_first_value("Subject").unwrap();
            assert_eq!(
                subject,
                "Việc của tôi ngày 05/12/2026: 2 quá hạn, 1 đến hạn hôm nay"
            );
            assert_eq!(
                mail.headers.get_first_value("To").unwrap(),
                "canbo@caugiay.vn"
            );
            let message_id = mail.headers.get_first_value("Message-ID").unwrap();
            let nid: i64 = db
                .scalar(&query(
                    "SELECT id FROM notifications WHERE channel = 'email'",
                ))
                .await?;
            assert_eq!(message_id, format!("<dinh-{nid}@caugiay.gov.vn>"));
            let text = mail.subparts[0].get_body()?;
            assert!(text.contains("2 việc quá hạn"), "{text}");
            assert!(
                text.contains("https://caugiay.gov.vn/viec-cua-toi"),
                "{text}"
            );
            assert!(
                text.contains("https://caugiay.gov.vn/thong-bao/huy/"),
                "not required: it can be stopped: {text}"
            );
            let html = mail.subparts[1].get_body()?;
            assert!(
                html.contains("<a href=\"https://caugiay.gov.vn/viec-cua-toi\">"),
                "{html}"
            );
            let rows = states(&db).await?;
            assert_eq!(rows[0].1, "sent");
            // Nothing is left to send.
            assert_eq!(sender::send_due(&st).await?, sender::Outcome::default());
            Ok(())
        }
    })
    .await;
}

#[tokio::test]
async fn an_unreachable_server_fails_with_its_reason_then_gives_up_and_the_rest_goes_on() {
    kinds();
    let gateway = HttpGateway::start().await.unwrap();
    let url = gateway.url.clone();
    each_engine(|db| {
        let url = url.clone();
        let gateway = &gateway;
        async move {
            let before = gateway.requests().len();
            let closed = std::net::TcpListener::bind("127.0.0.1:0")?.local_addr()?.port();
            let a = store::create_account(&db, "canbo@caugiay.vn", "Cán bộ", PASSWORD, "test").await?;
            let b = store::create_account(&db, "0912345678", "Trưởng thôn", PASSWORD, "test").await?;
            for to in [a, b] {
                queue_one(&db, Notice::new("test.step", Recipient::Account(to)).value("code", "PA-1").value("step", "đã được thụ lý")).await?;
            }
            let st = state(&db, Some(mail_config(closed)), Some(&url));
            let o = sender::send_due(&st).await?;
            assert_eq!((o.sent, o.failed, o.given_up), (1, 1, 0), "the text message went, the e-mail did not");
            let rows = states(&db).await?;
            let email = rows.iter().find(|r| r.0 == "email").unwrap();
            assert_eq!((email.1.as_str(), email.2), ("failed", 1));
            assert!(email.3.as_deref().unwrap().starts_with("SMTP:"), "{email:?}");
            // The text message: unaccented, JSON-escaped, with basic authentication.
            let reqs = gateway.requests();
            assert_eq!(reqs.len(), before + 1);
            let body: serde_json::Value = serde_json::from_str(&reqs.last().unwrap().body)?;
            assert_eq!(body["to"], "0912345678");
            assert_eq!(body["text"], "Don PA-1 da duoc thu ly.");
            assert!(reqs.last().unwrap().authorization.as_deref().unwrap().starts_with("Basic "));
            // Not due again until its back-off ends; then the last attempt gives it up.
            assert_eq!(sender::send_due(&st).await?, sender::Outcome::default());
            db.execute(&query("UPDATE notifications SET next_attempt_at = '2000-01-01T00:00:00.000Z' WHERE state = 'failed'")).await?;
            let st = {
                let mut config = (*st.config).clone();
                config.notify.max_attempts = 2;
                AppState::new(db.clone(), config, registry())
            };
            let o = sender::send_due(&st).await?;
            assert_eq!(o.given_up, 1);
            let outbox = notify::outbox::failed(&db, 10).await?;
            assert_eq!(outbox[0].state, "given_up");
            // A gateway that refuses: failed, its answer named, the key never in the reason.
            gateway.answer(503);
            queue_one(&db, Notice::new("test.step", Recipient::Account(b)).value("code", "PA-2").value("step", "x")).await?;
            let o = sender::send_due(&st).await?;
            assert_eq!(o.failed, 1);
            let reason: String = db.scalar(&query("SELECT last_error FROM notifications WHERE state = 'failed'")).await?;
            assert!(reason.contains("503") && !reason.contains("khoa-bi-mat"), "{reason}");
            gateway.answer(200);
            // Retried by an operator: queued again and sent.
            assert_eq!(notify::outbox::retry(&db, None, "test").await?, 2);
            let metrics = send(&db, "GET", "/metrics", None, None).await.body;
            assert!(metrics.contains("dinh_notifications{channel=\"sms\",state=\"queued\"} 1"), "{metrics}");
            Ok(())
        }
    })
    .await;
}

#[tokio::test]
async fn a_sender_killed_between_sending_and_marking_sends_once_more_with_the_same_message_id() {
    let smtp = SmtpServer::start().await.unwrap();
    let port = smtp.port;
    each_engine(|db| {
        let smtp = &smtp;
        async move {
            let before = smtp.messages().len();
            let id =
                store::create_account(&db, "canbo@caugiay.vn", "Cán bộ", PASSWORD, "test").await?;
            queue_one(&db, digest_to(id, "06/12/2026")).await?;
            let st = state(&db, Some(mail_config(port)), None);
            // The first sender takes the message with a hold that has already run out, sends it,
            // and dies before marking it: only the database remembers, and it says "sending".
            let batch = sender::claim(&db, &[Channel::Email], 0, 10).await?;
            assert_eq!(batch.len(), 1);
            assert!(sender::deliver(&st, &batch).await[0].is_ok());
            drop(batch);
            assert_eq!(states(&db).await?[0].1, "sending");
            // The next sender sends it once more and marks it; then nothing is left.
            let o = sender::send_due(&st).await?;
            assert_eq!(o.sent, 1);
            assert_eq!(sender::send_due(&st).await?.sent, 0);
            let got = smtp.wait_for(before + 2).await;
            assert_eq!(got.len(), before + 2);
            use mailparse::MailHeaderMap;
            let ids: Vec<String> = got[before..]
                .iter()
                .map(|raw| {
                    mailparse::parse_mail(raw)
                        .unwrap()
                        .headers
                        .get_first_value("Message-ID")
                        .unwrap()
                })
                .collect();
            assert_eq!(
                ids[0], ids[1],
                "the receiver can tell it is the same message"
            );
            let attempts: i64 = db
                .scalar(&query(
                    "SELECT attempts FROM notifications WHERE channel = 'email'",
                ))
                .await?;
            assert_eq!(attempts, 2);
            Ok(())
        }
    })
    .await;
}

#[tokio::test]
async fn preferences_and_consent_choose_the_channels() {
    kinds();
    each_engine(|db| async move {
        small_tree(&db).await?;
        dinh_platform::households::import_households(
            &db,
            SMALL_HOUSEHOLDS.as_bytes(),
            "test",
            |_| {},
        )
        .await?;
        let id = store::create_account(&db, "canbo@caugiay.vn", "Cán bộ", PASSWORD, "test").await?;
        // Bad addresses are refused with the field named, and nothing is saved.
        for (email, phone, field) in [("canbo@", "", "email"), ("", "12345", "phone")] {
            match settings::save(
                &db,
                id,
                "test",
                &settings::Wanted {
                    email,
                    phone,
                    quiet: (None, None),
                    lang: Lang::Vi,
                    choices: &[],
                },
            )
            .await
            {
                Err(dinh_platform::write::WriteError::Invalid { field: f, .. }) => {
                    assert_eq!(f, field)
                }
                other => panic!("{email}/{phone}: {other:?}"),
            }
        }
        assert!(matches!(
            settings::save(
                &db,
                id,
                "test",
                &settings::Wanted {
                    email: "",
                    phone: "",
                    quiet: (Some(22), None),
                    lang: Lang::Vi,
                    choices: &[]
                }
            )
            .await,
            Err(dinh_platform::write::WriteError::Invalid {
                field: "quiet_to",
                ..
            })
        ));
        let saved: i64 = db
            .scalar(&query("SELECT COUNT(*) FROM notification_settings"))
            .await?;
        assert_eq!(saved, 0);
        // E-mail off for the digest, a phone for text messages; a required kind keeps its channels.
        settings::save(
            &db,
            id,
            "test",
            &settings::Wanted {
                email: "canbo@caugiay.vn",
                phone: "0912 000 111",
                quiet: (None, None),
                lang: Lang::Vi,
                choices: &[
                    ("work.digest".into(), Channel::Email, false),
                    ("test.step".into(), Channel::Email, false),
                ],
            },
        )
        .await?;
        queue_one(&db, digest_to(id, "05/12/2026")).await?;
        queue_one(
            &db,
            Notice::new("test.step", Recipient::Account(id))
                .value("code", "A")
                .value("step", "b"),
        )
        .await?;
        let channels: Vec<(String, String, Option<String>)> = db
            .fetch_all(&query(
                "SELECT kind, channel, address FROM notifications ORDER BY kind, channel",
            ))
            .await?;
        let email = channels
            .iter()
            .find(|c| c.0 == "test.step" && c.1 == "email")
            .map(|c| c.2.clone());
        assert_eq!(
            email,
            Some(Some("canbo@caugiay.vn".to_owned())),
            "required: not turned off"
        );
        assert!(
            !channels
                .iter()
                .any(|c| c.0 == "work.digest" && c.1 == "email")
        );
        assert!(
            channels.iter().any(|c| c.0 == "test.step"
                && c.1 == "sms"
                && c.2.as_deref() == Some("0912000111"))
        );

        // A household representative without an account: a text message only with consent.
        let household: i64 = db
            .scalar(&query("SELECT id FROM households WHERE code = 'H1'"))
            .await?;
        let rep: i64 = db
            .scalar(&query(
                "SELECT representative_id FROM households WHERE code = 'H1'",
            ))
            .await?;
        db.execute(&query("DELETE FROM notifications")).await?;
        queue_one(
            &db,
            Notice::new("test.step", Recipient::Household(household))
                .value("code", "A")
                .value("step", "b"),
        )
        .await?;
        let n: i64 = db
            .scalar(&query("SELECT COUNT(*) FROM notifications"))
            .await?;
        assert_eq!(n, 0, "no consent, no account: nothing");
        assert!(
            settings::record_consent(&db, rep, "09x", "test")
                .await
                .is_err()
        );
        settings::record_consent(&db, rep, "+84 913 222 333", "test").await?;
        queue_one(
            &db,
            Notice::new("test.step", Recipient::Household(household))
                .value("code", "A")
                .value("step", "b"),
        )
        .await?;
        let to: String = db
            .scalar(&query(
                "SELECT address FROM notifications WHERE channel = 'sms'",
            ))
            .await?;
        assert_eq!(to, "0913222333");
        settings::withdraw_consent(&db, rep, "test").await?;
        db.execute(&query("DELETE FROM notifications")).await?;
        queue_one(
            &db,
            Notice::new("test.step", Recipient::Household(household))
                .value("code", "A")
                .value("step", "b"),
        )
        .await?;
        let n: i64 = db
            .scalar(&query("SELECT COUNT(*) FROM notifications"))
            .await?;
        assert_eq!(n, 0, "consent withdrawn");

        // The holders of a role at a unit; quiet hours hold e-mail back, never the inbox.
        store::grant(
            &db,
            "canbo@caugiay.vn",
            Role::CommuneOfficer,
            Some("C1"),
            "test",
        )
        .await?;
        let c1: i64 = db
            .scalar(&query("SELECT id FROM units WHERE code = 'C1'"))
            .await?;
        let hour = (chrono::Utc::now() + chrono::Duration::hours(7))
            .format("%H")
            .to_string()
            .parse::<u32>()?;
        settings::save(
            &db,
            id,
            "test",
            &settings::Wanted {
                email: "canbo@caugiay.vn",
                phone: "",
                quiet: (Some(hour), Some((hour + 2) % 24)),
                lang: Lang::Vi,
                choices: &[],
            },
        )
        .await?;
        let mut n = Notice::new(
            "work.digest",
            Recipient::RoleAt {
                role: Role::CommuneOfficer,
                unit_id: c1,
            },
        );
        n.values = digest_to(id, "07/12/2026").values;
        queue_one(&db, n).await?;
        let (next, now): (String, String) = (
            db.scalar(&query(
                "SELECT next_attempt_at FROM notifications WHERE channel = 'email'",
            ))
            .await?,
            dinh_platform::time::now_rfc3339(),
        );
        assert!(next > now, "held until the quiet hours end: {next}");
        let st = state(&db, None, None);
        assert_eq!(sender::send_due(&st).await?.sent, 0);
        // A bare address takes only what the law requires.
        let mut tx = db.begin().await?;
        let bare = Notice::new(
            "work.digest",
            Recipient::Address {
                address: "a@b.vn".into(),
                lang: Lang::Vi,
            },
        );
        assert!(notify::queue(&mut tx, "test", &[bare]).await.is_err());
        Ok(())
    })
    .await;
}

#[tokio::test]
async fn the_inbox_counts_in_the_header_and_marks_read_only_ones_own() {
    each_engine(|db| async move {
        small_tree(&db).await?;
        let me = store::create_account(&db, "canbo@caugiay.vn", "Cán bộ", PASSWORD, "test").await?;
        store::grant(&db, "canbo@caugiay.vn", Role::CommuneOfficer, Some("C1"), "test").await?;
        let other = store::create_account(&db, "khac@caugiay.vn", "Người khác", PASSWORD, "test").await?;
        queue_one(&db, digest_to(me, "05/12/2026")).await?;
        queue_one(&db, digest_to(other, "05/12/2026")).await?;
        let cookie = sign_in(&db, "canbo@caugiay.vn", PASSWORD).await.cookie.unwrap();
        let home = send(&db, "GET", "/viec-cua-toi", Some(&cookie), None).await;
        assert!(home.body.contains("href=\"/thong-bao\">Thông báo <span class=\"count\">1"), "{}", home.body);
        let inbox = send(&db, "GET", "/thong-bao", Some(&cookie), None).await;
        assert_eq!(inbox.status, StatusCode::OK);
        assert!(inbox.body.contains("Việc của tôi ngày 05/12/2026"), "{}", inbox.body);
        assert!(inbox.body.contains("href=\"/thong-bao/cai-dat\""));
        let csrf = csrf_of(&inbox.body);
        let theirs: i64 = db.scalar(&query("SELECT id FROM notifications WHERE account_id = $1 AND channel = 'inbox'").bind(other)).await?;
        let mine: i64 = db.scalar(&query("SELECT id FROM notifications WHERE account_id = $1 AND channel = 'inbox'").bind(me)).await?;
        // Without the token: refused. Another's entry: unchanged.
        let refused = send(&db, "POST", &format!("/thong-bao/{mine}/da-doc"), Some(&cookie), Some("csrf=x")).await;
        assert_eq!(refused.status, StatusCode::FORBIDDEN);
        send(&db, "POST", &format!("/thong-bao/{theirs}/da-doc"), Some(&cookie), Some(&format!("csrf={csrf}"))).await;
        assert_eq!(notify::unread_count(&db, other).await?, 1);
        let done = send(&db, "POST", &format!("/thong-bao/{mine}/da-doc"), Some(&cookie), Some(&format!("csrf={csrf}"))).await;
        assert_eq!(done.status, StatusCode::SEE_OTHER);
        assert_eq!(notify::unread_count(&db, me).await?, 0);
        // A visitor is sent to sign in.
        let visitor = send(&db, "GET", "/thong-bao", None, None).await;
        assert_eq!(visitor.location.as_deref(), Some("/login?next=%2Fthong-bao"));
        // Preferences: a bad phone is named and comes back as written, with 422.
        let page = send(&db, "GET", "/thong-bao/cai-dat", Some(&cookie), None).await;
        assert!(page.body.contains("name=\"on.work.digest.email\" checked"), "{}", page.body);
        let bad = send(&db, "POST", "/thong-bao/cai-dat", Some(&cookie), Some(&format!("csrf={csrf}&email=canbo%40caugiay.vn&phone=12345&quiet_from=&quiet_to="))).await;
        assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(bad.body.contains("«phone»") && bad.body.contains("value=\"12345\""), "{}", bad.body);
        let ok = send(&db, "POST", "/thong-bao/cai-dat", Some(&cookie), Some(&format!("csrf={csrf}&email=canbo%40caugiay.vn&phone=0912000111&quiet_from=&quiet_to=&on.work.digest.inbox=on"))).await;
        assert_eq!(ok.status, StatusCode::SEE_OTHER, "{}", ok.body);
        let s = settings::of_account(&db, me).await?;
        assert_eq!(s.phone, "0912000111");
        assert_eq!(s.choices.get(&("work.digest".to_owned(), Channel::Email)), Some(&false));

        // The unsubscribe link of an e-mail: a page to confirm, then e-mail of that kind stops.
        settings::save(&db, me, "test", &settings::Wanted { email: "canbo@caugiay.vn", phone: "", quiet: (None, None), lang: Lang::Vi, choices: &[] }).await?;
        queue_one(&db, digest_to(me, "08/12/2026")).await?;
        let token: String = db.scalar(&query("SELECT unsubscribe_token FROM notifications WHERE channel = 'email'")).await?;
        let ask = send(&db, "GET", &format!("/thong-bao/huy/{token}"), None, None).await;
        assert!(ask.body.contains("Bản tin buổi sáng"), "{}", ask.body);
        assert_eq!(settings::of_account(&db, me).await?.choices.get(&("work.digest".to_owned(), Channel::Email)), None);
        let yes = send(&db, "POST", &format!("/thong-bao/huy/{token}"), None, None).await;
        assert_eq!(yes.status, StatusCode::OK);
        assert_eq!(settings::of_account(&db, me).await?.choices.get(&("work.digest".to_owned(), Channel::Email)), Some(&false));
        assert_eq!(send(&db, "GET", "/thong-bao/huy/khong-co", None, None).await.status, StatusCode::NOT_FOUND);
        Ok(())
    })
    .await;
}

#[test]
fn an_administrators_text_naming_an_unknown_placeholder_is_refused_at_start() {
    let dir = std::env::temp_dir().join(format!("dinh-notices-{:x}", rand::random::<u64>()));
    std::fs::create_dir_all(&dir).unwrap();
    let _ = registry();
    let file = dir.join("notices.toml");
    std::fs::write(
        &file,
        "[\"work.digest\"]\nsubject = { vi = \"Hạn {han}\", en = \"Due {due}\" }\n",
    )
    .unwrap();
    let config = Config {
        data_dir: dir.clone(),
        ..Config::default()
    };
    let e = notify::start_checks(&config).unwrap_err().to_string();
    assert!(
        e.contains("notices.toml") && e.contains("work.digest.subject.vi") && e.contains("{han}"),
        "{e}"
    );
    std::fs::write(
        &file,
        "[\"nobody.kind\"]\nsubject = { vi = \"a\", en = \"b\" }\n",
    )
    .unwrap();
    let e = notify::start_checks(&config).unwrap_err().to_string();
    assert!(e.contains("nobody.kind"), "{e}");
    std::fs::remove_dir_all(&dir).unwrap();
}

#[tokio::test]
async fn a_village_head_records_a_representatives_consent_on_the_household_page() {
    each_engine(|db| async move {
        small_tree(&db).await?;
        dinh_platform::households::import_households(
            &db,
            SMALL_HOUSEHOLDS.as_bytes(),
            "test",
            |_| {},
        )
        .await?;
        for (login, role) in [
            ("truongthon@x.vn", Role::VillageHead),
            ("mattran@x.vn", Role::FrontWorkTeam),
        ] {
            store::create_account(&db, login, login, PASSWORD, "test").await?;
            store::grant(&db, login, role, Some("T1"), "test").await?;
        }
        let rep: i64 = db
            .scalar(&query(
                "SELECT representative_id FROM households WHERE code = 'H1'",
            ))
            .await?;
        let head = sign_in(&db, "truongthon@x.vn", PASSWORD)
            .await
            .cookie
            .unwrap();
        let page = send(&db, "GET", "/households/H1", Some(&head), None).await;
        assert!(
            page.body.contains("action=\"/households/H1/consent\""),
            "{}",
            page.body
        );
        let csrf = csrf_of(&page.body);
        let bad = send(
            &db,
            "POST",
            "/households/H1/consent",
            Some(&head),
            Some(&format!("csrf={csrf}&phone=123")),
        )
        .await;
        assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(bad.body.contains("phone"), "{}", bad.body);
        assert_eq!(settings::consent_of(&db, rep).await?, None);
        let ok = send(
            &db,
            "POST",
            "/households/H1/consent",
            Some(&head),
            Some(&format!("csrf={csrf}&phone=0913%20222%20333")),
        )
        .await;
        assert_eq!(ok.status, StatusCode::SEE_OTHER);
        assert_eq!(
            settings::consent_of(&db, rep).await?.map(|c| c.0),
            Some("0913222333".to_owned())
        );
        let audited: i64 = db
            .scalar(&query(
                "SELECT COUNT(*) FROM audit_log WHERE action = 'notify.consent'",
            ))
            .await?;
        assert_eq!(audited, 1);
        // The Front's work team sees the household but does not record consent; nor does a
        // form without the token.
        let front = sign_in(&db, "mattran@x.vn", PASSWORD).await.cookie.unwrap();
        let seen = send(&db, "GET", "/households/H1", Some(&front), None).await;
        assert!(!seen.body.contains("/households/H1/consent"));
        let fcsrf = csrf_of(&seen.body);
        let refused = send(
            &db,
            "POST",
            "/households/H1/consent",
            Some(&front),
            Some(&format!("csrf={fcsrf}&withdraw=1")),
        )
        .await;
        assert_eq!(refused.status, StatusCode::FORBIDDEN);
        let no_token = send(
            &db,
            "POST",
            "/households/H1/consent",
            Some(&head),
            Some("withdraw=1"),
        )
        .await;
        assert_eq!(no_token.status, StatusCode::FORBIDDEN);
        assert!(settings::consent_of(&db, rep).await?.is_some());
        Ok(())
    })
    .await;
}

#[tokio::test]
async fn e_mail_and_text_messages_go_in_the_language_the_person_chose() {
    each_engine(|db| async move {
        let id =
            store::create_account(&db, "officer@caugiay.vn", "Officer", PASSWORD, "test").await?;
        settings::save(
            &db,
            id,
            "test",
            &settings::Wanted {
                email: "officer@caugiay.vn",
                phone: "",
                quiet: (None, None),
                lang: Lang::En,
                choices: &[],
            },
        )
        .await?;
        queue_one(&db, digest_to(id, "05/12/2026")).await?;
        let subject: String = db
            .scalar(&query(
                "SELECT subject FROM notifications WHERE channel = 'email'",
            ))
            .await?;
        assert_eq!(subject, "My work on 05/12/2026: 2 overdue, 1 due today");
        Ok(())
    })
    .await;
}
