//! 10,000 morning digests: queued in one transaction (inbox and e-mail, each audited), then sent
//! to a real local SMTP server (aiosmtpd, writing a maildir) by the sender; time, messages per
//! second and the process's memory before, after queueing and after sending. On SQLite and, with
//! `DINH_TEST_POSTGRES_URL` set, on PostgreSQL.
//!
//! `DINH_TEST_POSTGRES_URL=postgres://postgres@127.0.0.1:5432/test cargo run --release -p dinh-platform --example bench_notify`
//!
//! With `DINH_BENCH_SMTP_SINK=1` the server is Postfix's `smtp-sink` (Debian package `postfix`),
//! written in C, which accepts and discards: the sender's own rate, not Python's.
#![allow(clippy::unwrap_used, clippy::expect_used, missing_docs)]

use std::time::Instant;

use dinh_platform::config::Config;
use dinh_platform::db::{Arg, bulk, ids::next_id, query};
use dinh_platform::module::Registry;
use dinh_platform::notify::{self, MailConfig, Notice, Recipient, TlsMode, sender};
use dinh_platform::testing::SmtpServer;
use dinh_platform::units::UnitsModule;
use dinh_platform::web::AppState;

const PEOPLE: usize = 10_000;

fn rss_mb() -> (f64, f64) {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    let field = |name: &str| {
        status
            .lines()
            .find(|l| l.starts_with(name))
            .and_then(|l| l.split_whitespace().nth(1))
            .and_then(|v| v.parse::<f64>().ok())
            .unwrap_or(0.0)
            / 1024.0
    };
    (field("VmRSS:"), field("VmHWM:"))
}

#[tokio::main]
async fn main() {
    let registry = Registry::default().with(UnitsModule);
    let smtp = SmtpServer::start().await.unwrap();
    let sink = std::env::var("DINH_BENCH_SMTP_SINK").is_ok_and(|v| v == "1");
    let sink_port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let mut sink_process = sink.then(|| {
        std::process::Command::new("smtp-sink")
            .args(["-u", "nobody"])
            .arg(format!("127.0.0.1:{sink_port}"))
            .arg("256")
            .spawn()
            .expect("smtp-sink (apt-get install postfix)")
    });
    if sink {
        std::thread::sleep(std::time::Duration::from_millis(500));
    }
    let port = if sink { sink_port } else { smtp.port };
    dinh_platform::testing::each_engine(&registry, |db| {
        let registry = registry.clone();
        let smtp = &smtp;
        async move {
            let already = smtp.messages().len();
            let now = dinh_platform::time::now_rfc3339();
            let ids: Vec<i64> = (0..PEOPLE).map(|_| next_id()).collect();
            let rows: Vec<Vec<Arg>> = ids
                .iter()
                .enumerate()
                .map(|(i, id)| {
                    vec![
                        (*id).into(),
                        format!("canbo{i}@xa{}.gov.vn", i % 300).into(),
                        format!("Cán bộ {i}").into(),
                        "x".into(),
                        false.into(),
                        now.as_str().into(),
                    ]
                })
                .collect();
            let mut tx = db.begin().await?;
            bulk::insert_rows(&mut tx, "accounts", &["id", "login", "display_name", "password_hash", "disabled", "created_at"], rows).await?;
            tx.commit().await?;
            let notices: Vec<Notice> = ids
                .iter()
                .map(|id| {
                    Notice::new("work.digest", Recipient::Account(*id))
                        .value("overdue", "2")
                        .value("today", "1")
                        .value("week", "4")
                        .value("date", "07/12/2026")
                        .value("list", "- Công khai: Dự toán ngân sách xã năm 2027 (Xã Phù Đổng) — 04/12/2026\n- Đơn PA-2026-0042: trả lời công dân (Xã Phù Đổng) — 07/12/2026\n")
                        .link("/viec-cua-toi")
                        .once(format!("digest:{id}:2026-12-07"))
                })
                .collect();
            let (rss0, _) = rss_mb();
            let start = Instant::now();
            let mut tx = db.begin().await?;
            let queued = notify::queue(&mut tx, "bench", &notices).await?;
            tx.commit().await?;
            let queue_s = start.elapsed().as_secs_f64();
            let (rss1, _) = rss_mb();
            let config = Config {
                mail: Some(MailConfig {
                host: "127.0.0.1".into(),
                port,
                tls: TlsMode::None,
                username: None,
                password: None,
                from: "UBND xã Phù Đổng <thongbao@phudong.gov.vn>".into(),
                parallel: std::env::var("DINH_BENCH_PARALLEL").ok().and_then(|v| v.parse().ok()).unwrap_or(32),
                }),
                ..Config::default()
            };
            let state = AppState::new(db.clone(), config, registry);
            let start = Instant::now();
            let outcome = sender::send_due(&state).await?;
            let send_s = start.elapsed().as_secs_f64();
            let (rss2, peak) = rss_mb();
            let arrived = if sink {
                outcome.sent
            } else {
                smtp.wait_for(already + PEOPLE).await.len() - already
            };
            println!(
                "{}: queued {queued} messages for {PEOPLE} people in {queue_s:.2} s; sent {} e-mails in {send_s:.2} s = {:.0}/s ({} failed), {arrived} arrived; RSS {rss0:.0} → {rss1:.0} → {rss2:.0} MB (peak {peak:.0} MB)",
                db.engine().name(),
                outcome.sent,
                outcome.sent as f64 / send_s,
                outcome.failed + outcome.given_up,
            );
            let left: i64 = db.scalar(&query("SELECT COUNT(*) FROM notifications WHERE state <> 'sent'")).await?;
            assert_eq!(left, 0);
            Ok(())
        }
    })
    .await;
    if let Some(p) = sink_process.as_mut() {
        let _ = p.kill();
    }
}
