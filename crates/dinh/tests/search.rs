//! One search across the site, over the demo, on both engines, as visitors use it (the page
//! and the API): everything the demo made public is found, typed without diacritics; news is
//! found once published and no more once taken down; a title match ranks first; the search
//! within a commune keeps to it; hostile queries answer 200; and a protected denouncer's name
//! is found nowhere.
#![allow(clippy::unwrap_used, clippy::expect_used, missing_docs)]

use axum::Router;
use axum::body::Body;
use axum::http::{Request, StatusCode, header};
use dinh_platform::accounts::session;
use dinh_platform::db::{Db, query};
use dinh_platform::testing::each_engine;
use dinh_platform::text::unaccent;
use dinh_platform::units::store;
use dinh_platform::web::{AppState, router};
use dinh_platform::write::Actor;
use dinh_portal::articles::write::{self, ArticleInput};
use http_body_util::BodyExt;
use tower::ServiceExt;

mod support;
use support::crawl::get;

/// The denouncer of the test's denunciation.
const DENOUNCER: &str = "Trịnh Văn Kín Đáo";
const DENOUNCER_ADDRESS: &str = "Số 99 ngõ Bí Mật";

/// `GET uri` as JSON: the status and the hits' `(title, href)`.
async fn api(app: &Router, uri: &str) -> (StatusCode, Vec<(String, String)>) {
    let res = app
        .clone()
        .oneshot(Request::get(uri).body(Body::empty()).unwrap())
        .await
        .unwrap();
    let status = res.status();
    let bytes = res.into_body().collect().await.unwrap().to_bytes();
    let hits = serde_json::from_slice::<serde_json::Value>(&bytes)
        .ok()
        .and_then(|v| v.as_array().cloned())
        .unwrap_or_default()
        .iter()
        .map(|h| {
            (
                h["title"].as_str().unwrap_or_default().to_owned(),
                h["href"].as_str().unwrap_or_default().to_owned(),
            )
        })
        .collect();
    (status, hits)
}

fn enc(text: &str) -> String {
    url::form_urlencoded::byte_serialize(text.as_bytes()).collect()
}

/// The hits' links on the search page for `q` (within `unit` when given).
async fn page_hrefs(
    app: &Router,
    q: &str,
    unit: Option<&str>,
) -> (StatusCode, Vec<String>, String) {
    let uri = match unit {
        Some(u) => format!("/search?q={}&unit={u}", enc(q)),
        None => format!("/search?q={}", enc(q)),
    };
    let answer = get(app, &uri, None).await;
    let html = answer.html.unwrap_or_default();
    let hrefs = html
        .split("class=\"hit-title\" href=\"")
        .skip(1)
        .filter_map(|r| r.split('"').next())
        .map(str::to_owned)
        .collect();
    (answer.status, hrefs, html)
}

async fn count(db: &Db, sql: &str) -> i64 {
    db.scalar(&query(sql.to_owned())).await.unwrap()
}

async fn article(db: &Db, title: &str, body: &str) -> i64 {
    let unit = store::by_code(db, "00541").await.unwrap().unwrap();
    let input = ArticleInput {
        category: "tin-tuc-hoat-dong".into(),
        title: title.into(),
        summary: String::new(),
        body: format!("<p>{body}</p>"),
        comments_open: true,
    };
    write::create(db, Actor::System("test"), &unit, &input)
        .await
        .unwrap()
}

#[tokio::test]
async fn one_search_finds_what_is_public_and_nothing_else() {
    let dir = std::env::temp_dir().join(format!("dinh-search-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let registry = dinh::cli::registry(&dir).unwrap();
    each_engine(&registry, |db| {
        let registry = registry.clone();
        async move {
            dinh_platform::demo::build(&db).await?;
            registry.demo(&db, dinh_platform::time::today_vn()).await?;
            let app = router(AppState::new(db.clone(), dinh_platform::config::Config::default(), registry));
            let commune = store::by_code(&db, "00541").await?.unwrap();

            // The demo ends with everything public in the index, and nothing else.
            for (source, public) in [
                ("disclosure", "SELECT COUNT(*) FROM disclosure_items"),
                ("matter", "SELECT COUNT(*) FROM decision_matters"),
                ("article", "SELECT COUNT(*) FROM portal_articles WHERE state IN ('published', 'scheduled') AND published_at <= '9'"),
                ("unit", "SELECT COUNT(*) FROM units WHERE valid_to IS NULL"),
            ] {
                let indexed = count(&db, &format!("SELECT COUNT(*) FROM search_documents WHERE source = '{source}'")).await;
                let mut expected = count(&db, public).await;
                if source == "article" {
                    // The one scheduled for tomorrow waits for its time.
                    expected -= count(&db, "SELECT COUNT(*) FROM portal_articles WHERE state = 'scheduled'").await;
                }
                assert_eq!(indexed, expected, "{source}");
                assert!(indexed > 0, "the demo has {source}s");
            }
            let sources: Vec<(String,)> = db.fetch_all(&query("SELECT DISTINCT source FROM search_documents ORDER BY source")).await?;
            let sources: Vec<&str> = sources.iter().map(|(s,)| s.as_str()).collect();
            assert_eq!(sources, ["article", "disclosure", "matter", "page", "unit"]);

            // The commune by its name without diacritics, from the page and the API.
            // Typed without diacritics, "phu dong" is also Phú Đông and An Phú Đông: the commune
            // is among the first; typed with them, it is the first.
            let (status, hrefs, html) = page_hrefs(&app, "phu dong", None).await;
            assert_eq!(status, StatusCode::OK);
            assert!(hrefs.iter().take(6).any(|h| h == "/units/00541"), "{hrefs:?}");
            assert!(html.contains("<mark>Phù</mark> <mark>Đổng</mark>"), "the words found are marked");
            let (status, hits) = api(&app, &format!("/api/v1/search?q={}", enc("Phù Đổng"))).await;
            assert_eq!(status, StatusCode::OK);
            let first: Vec<&str> = hits.iter().take(3).map(|(t, _)| t.as_str()).collect();
            assert!(first.contains(&"Xã Phù Đổng"), "{hits:?}");
            assert!(hits.iter().take(3).all(|(t, _)| t.contains("Phù Đổng")), "written the same way first: {hits:?}");
            let (_, hits) = api(&app, &format!("/api/v1/search?q={}", enc("xã Phù Đổng"))).await;
            assert_eq!(hits.first().map(|(_, h)| h.as_str()), Some("/units/00541"), "{hits:?}");

            // A demo disclosure typed without diacritics (and without đ), with its date.
            let (id, title, published_on): (i64, String, String) = db
                .fetch_optional(&query("SELECT id, title, published_on FROM disclosure_items ORDER BY id LIMIT 1"))
                .await?
                .unwrap();
            let plain = unaccent(&title).to_lowercase();
            let (_, hrefs, html) = page_hrefs(&app, &plain, None).await;
            let href = format!("/disclosures/{id}");
            assert!(hrefs.contains(&href), "'{plain}' does not find {href}: {hrefs:?}");
            assert!(html.contains(&dinh_platform::time::show_date(&published_on)), "the date dd/mm/yyyy");
            assert!(html.contains("Công khai"), "labelled by kind");
            let (_, hits) = api(&app, &format!("/api/v1/search?q={}", enc(&plain))).await;
            assert!(hits.iter().any(|(_, h)| *h == href));

            // A committee meeting published as news is found as the article it became.
            let (meeting, meeting_title): (i64, String) = db
                .fetch_optional(&query("SELECT id, title FROM portal_articles WHERE origin LIKE 'steering:%' ORDER BY id LIMIT 1"))
                .await?
                .unwrap();
            let (_, hits) = api(&app, &format!("/api/v1/search?q={}", enc(&unaccent(&meeting_title)))).await;
            assert!(hits.iter().any(|(_, h)| *h == format!("/tin-tuc/{meeting}")), "{meeting_title}: {hits:?}");

            // News: found once published, at its place in the ranking; no more once taken down.
            let first = article(&db, "Khoan giếng nước sạch cho thôn Bãi Ngô", "Mười hộ dân đã có nước dùng.").await;
            let second = article(&db, "Họp dân thôn Cầu Tre", "Bàn việc khoan thêm một giếng cho xóm Chùa.").await;
            assert!(page_hrefs(&app, "gieng khoan", None).await.1.is_empty(), "drafts are not searched");
            for id in [first, second] {
                write::publish(&db, Actor::System("test"), &commune, id, None).await?;
            }
            let (_, hrefs, _) = page_hrefs(&app, "gieng khoan", None).await;
            assert_eq!(hrefs, [format!("/tin-tuc/{first}"), format!("/tin-tuc/{second}")], "the title match first");
            // An edit of a published article is found as edited.
            let a = dinh_portal::articles::by_id(&db, second).await?.unwrap();
            let edited = ArticleInput {
                category: a.category.clone(),
                title: "Họp dân thôn Cầu Tre về giếng làng".into(),
                summary: String::new(),
                body: a.body_html.clone(),
                comments_open: true,
            };
            write::update(&db, Actor::System("test"), &commune, second, a.version, &edited).await?;
            let (_, hits) = api(&app, "/api/v1/search?q=gieng+lang").await;
            assert_eq!(hits, [("Họp dân thôn Cầu Tre về giếng làng".to_owned(), format!("/tin-tuc/{second}"))]);
            write::unpublish(&db, Actor::System("test"), &commune, first, "Đăng nhầm").await?;
            let (_, hrefs, _) = page_hrefs(&app, "gieng khoan", None).await;
            assert_eq!(hrefs, [format!("/tin-tuc/{second}")], "taken down, no more found");
            // A scheduled article is found from its time on (the job publishes it).
            let later = article(&db, "Lịch phun thuốc muỗi", "Phun khắp các thôn.").await;
            let soon = (chrono::Utc::now() + chrono::Duration::seconds(1)).to_rfc3339();
            write::publish(&db, Actor::System("test"), &commune, later, Some(&soon)).await?;
            assert!(api(&app, "/api/v1/search?q=phun+thuoc+muoi").await.1.is_empty());
            tokio::time::sleep(std::time::Duration::from_millis(1200)).await;
            write::publish_due(&db).await?;
            assert_eq!(api(&app, "/api/v1/search?q=phun+thuoc+muoi").await.1.len(), 1);

            // Within a commune: its documents only; another commune has none of them.
            let (status, hrefs, html) = page_hrefs(&app, "gieng", Some("00541")).await;
            assert_eq!(status, StatusCode::OK);
            assert_eq!(hrefs, [format!("/tin-tuc/{second}")]);
            assert!(html.contains("name=\"unit\" value=\"00541\" checked"), "the filter can be unticked");
            assert!(html.contains("href=\"/search?q=gieng\""), "and widened");
            let other: (String,) = db
                .fetch_optional(&query("SELECT code FROM units WHERE kind = 'commune' AND code <> '00541' AND valid_to IS NULL ORDER BY code LIMIT 1"))
                .await?
                .unwrap();
            assert!(page_hrefs(&app, "gieng", Some(&other.0)).await.1.is_empty());
            let (_, hits) = api(&app, &format!("/api/v1/search?q=gieng&unit={}", other.0)).await;
            assert!(hits.is_empty());
            // The whole-site search offers the commune to narrow to.
            let (_, _, html) = page_hrefs(&app, "gieng", None).await;
            assert!(
                html.contains("href=\"/search?q=gieng&#38;unit=00541\"") || html.contains("href=\"/search?q=gieng&amp;unit=00541\""),
                "narrow to the commune: {}",
                &html[html.find("<ol").unwrap_or(0)..]
            );
            let (status, _) = api(&app, "/api/v1/search?q=gieng&unit=NO-SUCH").await;
            assert_eq!(status, StatusCode::NOT_FOUND);
            // The commune's home page searches within it.
            let home = get(&app, "/units/00541", None).await.html.unwrap();
            assert!(home.contains("name=\"unit\" value=\"00541\""), "a search box within the unit");

            // Hostile queries: 200, never a 500, on the page and the API.
            let long = "quyết toán ".repeat(500);
            let letters = "đ".repeat(5_000);
            for q in ["\"", "*", "AND OR NOT", "(", ")", "\"quyết", "NEAR(a b)", "a:b", "-x", "^", "'", "\\", "{title_words}: x", "%", "_", "<script>", long.as_str(), letters.as_str(), ""] {
                let (status, _, html) = page_hrefs(&app, q, None).await;
                assert_eq!(status, StatusCode::OK, "page for {:.40}", q);
                assert!(!html.contains("<script>"), "the query is escaped");
                let (status, _) = api(&app, &format!("/api/v1/search?q={}", enc(q))).await;
                assert_eq!(status, StatusCode::OK, "API for {:.40}", q);
                let (status, _, _) = page_hrefs(&app, q, Some("00541")).await;
                assert_eq!(status, StatusCode::OK, "page within for {:.40}", q);
            }
            assert!(page_hrefs(&app, "", None).await.1.is_empty(), "an empty query finds nothing");
            assert!(api(&app, "/api/v1/search?q=%22%2A%28").await.1.is_empty());

            // A denunciation sent with a protected denouncer's name: nowhere in the search.
            let (token, s) = session::create(&db, None, 1).await?;
            let cookie = format!("{}={token}", session::COOKIE);
            let form = [
                ("csrf", s.csrf_token.as_str()), ("unit", "00541"), ("kind", "denunciation"),
                ("subject", "Tố cáo việc lấn chiếm hành lang đê"),
                ("content", &format!("Tôi là {DENOUNCER}, ở {DENOUNCER_ADDRESS}, tố cáo ông Lò Văn Quyền lấn chiếm đất hành lang đê.")),
                ("name", DENOUNCER), ("address", DENOUNCER_ADDRESS), ("contact", "0988777666"),
            ];
            let body = form.iter().map(|(k, v)| format!("{k}={}", enc(v))).collect::<Vec<_>>().join("&");
            let res = app
                .clone()
                .oneshot(
                    Request::post("/petitions/submit")
                        .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
                        .header(header::COOKIE, &cookie)
                        .body(Body::from(body))
                        .unwrap(),
                )
                .await
                .unwrap();
            assert_eq!(res.status(), StatusCode::OK, "the denunciation is received");
            assert_eq!(count(&db, "SELECT COUNT(*) FROM petition_cases WHERE kind = 'denunciation' AND subject LIKE '%hành lang đê%'").await, 1);
            for q in [DENOUNCER, "trinh van kin dao", "Kín Đáo", "kin dao", DENOUNCER_ADDRESS, "ngo bi mat", "0988777666", "Lò Văn Quyền", "hanh lang de", "Phạm Văn Kín", "pham van kin"] {
                let (status, hrefs, html) = page_hrefs(&app, q, None).await;
                assert_eq!(status, StatusCode::OK);
                assert!(hrefs.is_empty(), "'{q}' finds {hrefs:?}");
                assert!(!html.contains("/petitions/cases/"), "'{q}' leads to a case");
                let (_, hits) = api(&app, &format!("/api/v1/search?q={}", enc(q))).await;
                assert!(hits.is_empty(), "'{q}' finds {hits:?} through the API");
                let (_, hrefs, _) = page_hrefs(&app, q, Some("00541")).await;
                assert!(hrefs.is_empty(), "'{q}' within the commune finds {hrefs:?}");
            }
            // Nor is any petition in the index at all, in any column.
            for text in [DENOUNCER, DENOUNCER_ADDRESS, "0988777666", "Phạm Văn Kín", "Lò Văn Quyền", "hành lang đê"] {
                let n: i64 = db
                    .scalar(&query("SELECT COUNT(*) FROM search_documents WHERE title LIKE $1 OR body LIKE $1 OR href LIKE '%petitions/cases%'").bind(format!("%{text}%")))
                    .await?;
                assert_eq!(n, 0, "{text} is in the index");
            }
            Ok(())
        }
    })
    .await;
    let _ = std::fs::remove_dir_all(&dir);
}
