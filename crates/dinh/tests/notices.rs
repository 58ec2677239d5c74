//! The morning digest over the demo, on both engines: each person with something due is sent
//! what their work home shows as overdue, due today and this week, once a day; officers with an
//! e-mail login get it by e-mail too, and everyone sees it counted in the header.
#![allow(clippy::unwrap_used, clippy::expect_used, missing_docs)]

use dinh_platform::db::query;
use dinh_platform::testing::each_engine;

mod support;
use support::crawl::get;
use support::signed_in;

#[tokio::test]
async fn the_demo_morning_digest_follows_the_work_home_once_a_day() {
    let dir = std::env::temp_dir().join(format!("dinh-digest-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let registry = dinh::cli::registry(&dir).unwrap();
    each_engine(&registry, |db| {
        let registry = registry.clone();
        async move {
            dinh_platform::demo::build(&db).await?;
            let today = dinh_platform::time::today_vn();
            // The demo ran today's digest already: running it again sends nobody anything.
            registry.demo(&db, today).await?;
            let again = dinh_platform::notify::digest::run(&db, &registry, today).await?;
            let digests: Vec<(String, String, String)> = db
                .fetch_all(&query(
                    "SELECT a.login, n.channel, n.body FROM notifications n JOIN accounts a ON a.id = n.account_id WHERE n.kind = 'work.digest' ORDER BY a.login, n.channel",
                ))
                .await?;
            let queued_again: i64 = db
                .scalar(&query("SELECT COUNT(*) FROM notifications WHERE kind = 'work.digest'"))
                .await?;
            assert_eq!(queued_again as usize, digests.len());
            assert!(again > 0, "digest::run still counts who has something due");
            // The commune officer: inbox and e-mail (an e-mail login), the same lines.
            let officer: Vec<_> = digests.iter().filter(|d| d.0 == "canbo.phudong@dinh.demo").collect();
            assert_eq!(officer.iter().map(|d| d.1.as_str()).collect::<Vec<_>>(), ["email", "inbox"], "{digests:?}");
            assert!(officer[1].2.contains("việc quá hạn"), "{}", officer[1].2);
            // The village head (a phone login): inbox only, unless they choose text messages.
            let head: Vec<_> = digests.iter().filter(|d| d.0 == "0912000001").collect();
            assert!(head.iter().all(|d| d.1 == "inbox"), "{head:?}");
            // Each item of the digest is an item of the work home.
            let cookie = signed_in(&db, "canbo.phudong@dinh.demo").await;
            let app = dinh_platform::web::router(dinh_platform::web::AppState::new(
                db.clone(),
                dinh_platform::config::Config::default(),
                registry.clone(),
            ));
            let home = get(&app, dinh_platform::work::PATH, Some(&cookie)).await.html.unwrap();
            let first = officer[1].2.lines().find(|l| l.starts_with("- ")).unwrap();
            let title = first.trim_start_matches("- ").split(" (").next().unwrap();
            assert!(home.contains(&title.replace('"', "&quot;")), "{title} not on the work home");
            assert!(home.contains("<span class=\"count\">"), "the header counts the unread digest");
            Ok(())
        }
    })
    .await;
    let _ = std::fs::remove_dir_all(&dir);
}
