//! The portal over the demo, on both engines, as its users meet it: a visitor reads the news
//! with its date and view count (counted exactly, pages from the cache included), comments
//! without their e-mail ever being shown, answers a poll once, and follows the feeds; an
//! officer writes, publishes and takes down an article, moderates, and is refused at another
//! commune; bad input is cleaned or refused and nothing is half-written.
#![allow(clippy::unwrap_used, clippy::expect_used, missing_docs)]

use axum::Router;
use axum::body::Body;
use axum::http::{Request, StatusCode, header};
use dinh_platform::accounts::session;
use dinh_platform::db::{Db, query};
use dinh_platform::testing::each_engine;
use dinh_platform::web::{AppState, router};
use http_body_util::BodyExt;
use tower::ServiceExt;

mod support;
use support::crawl::get;

/// A session (`cookie`, `csrf`) for `login`, or an anonymous one.
async fn session_for(db: &Db, login: Option<&str>) -> (String, String) {
    let id = match login {
        Some(l) => Some(
            db.scalar::<i64>(&query("SELECT id FROM accounts WHERE login = $1").bind(l))
                .await
                .unwrap(),
        ),
        None => None,
    };
    let (token, s) = session::create(db, id, 1).await.unwrap();
    (format!("{}={token}", session::COOKIE), s.csrf_token)
}

/// `POST uri` with a form: the status, the `Location` and `Set-Cookie` headers (one per line)
/// and the body.
async fn post(
    app: &Router,
    uri: &str,
    cookie: &str,
    form: &[(&str, &str)],
) -> (StatusCode, String, String) {
    let body = form
        .iter()
        .map(|(k, v)| {
            format!(
                "{k}={}",
                url::form_urlencoded::byte_serialize(v.as_bytes()).collect::<String>()
            )
        })
        .collect::<Vec<_>>()
        .join("&");
    let res = app
        .clone()
        .oneshot(
            Request::post(uri)
                .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
                .header(header::COOKIE, cookie)
                .body(Body::from(body))
                .unwrap(),
        )
        .await
        .unwrap();
    let status = res.status();
    let headers: Vec<String> = res
        .headers()
        .iter()
        .filter(|(k, _)| *k == header::LOCATION || *k == header::SET_COOKIE)
        .filter_map(|(_, v)| v.to_str().ok().map(str::to_owned))
        .collect();
    let bytes = res.into_body().collect().await.unwrap().to_bytes();
    (
        status,
        headers.join("\n"),
        String::from_utf8_lossy(&bytes).into_owned(),
    )
}

async fn article_id(db: &Db, title_part: &str) -> i64 {
    db.scalar(
        &query("SELECT id FROM portal_articles WHERE title LIKE $1")
            .bind(format!("%{title_part}%")),
    )
    .await
    .unwrap()
}

#[tokio::test]
async fn the_portal_as_visitors_and_officers_use_it() {
    let dir = std::env::temp_dir().join(format!("dinh-portal-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let registry = dinh::cli::registry(&dir).unwrap();
    each_engine(&registry, |db| {
        let registry = registry.clone();
        let dir = dir.clone();
        async move {
            dinh_platform::demo::build(&db).await?;
            registry.demo(&db, dinh_platform::time::today_vn()).await?;
            let registry_for_gather = registry.clone();
            let config = dinh_platform::config::Config { data_dir: dir.clone(), ..dinh_platform::config::Config::default() };
            let app = router(AppState::new(db.clone(), config, registry));

            // The commune's home page leads to its news; the list shows each article's date and views.
            let home = get(&app, "/units/00541", None).await.html.unwrap();
            assert!(home.contains("href=\"/units/00541/tin-tuc\""), "no door to the news");
            let list = get(&app, "/units/00541/tin-tuc", None).await.html.unwrap();
            assert!(list.contains("14 tin bài"), "the demo's twelve public articles and the committee's two meetings");
            // The committee's meetings are in the one news list, taken once.
            let meeting: (i64, String) = db
                .fetch_optional(&query("SELECT id, author_name FROM portal_articles WHERE origin LIKE 'steering:meeting:%' ORDER BY id LIMIT 1"))
                .await?
                .unwrap();
            assert!(meeting.1.contains("Ban Chỉ đạo"), "under the committee's name: {}", meeting.1);
            let meeting_page = get(&app, &format!("/tin-tuc/{}", meeting.0), None).await.html.unwrap();
            assert!(meeting_page.contains("Kết luận") && meeting_page.contains("href=\"/steering/meetings/"));
            assert_eq!(registry_for_gather.gather_news(&db).await?, 0, "nothing taken twice");
            assert!(list.contains("Ngày đăng") && list.contains("Lượt xem"));
            assert!(!list.contains("bản nháp)"), "a draft is not listed");
            assert!(!list.contains("Lịch họp thôn bàn kế hoạch năm 2027"), "a scheduled article waits for its time");

            // Views: every answer counts once, those served from the page cache too.
            let road = article_id(&db, "đường bê tông").await;
            let counters = dinh_portal::counters::of(&db);
            counters.flush().await?;
            let before: i64 = db.scalar(&query("SELECT views FROM portal_articles WHERE id = $1").bind(road)).await?;
            for _ in 0..7 {
                assert_eq!(get(&app, &format!("/tin-tuc/{road}"), None).await.status, StatusCode::OK);
            }
            counters.flush().await?;
            let after: i64 = db.scalar(&query("SELECT views FROM portal_articles WHERE id = $1").bind(road)).await?;
            assert_eq!(after - before, 7, "seven readings, seven views");
            let page = get(&app, &format!("/tin-tuc/{road}"), None).await.html.unwrap();
            assert!(page.contains("property=\"og:title\""), "Open Graph for shared links");
            let (online, visits) = dinh_portal::counters::figures(&db).await?;
            assert!(online >= 1 && visits >= 7, "online {online}, visits {visits}");

            // No commenter's e-mail on any public page or API answer.
            let api = get(&app, &format!("/api/v1/news/{road}"), None).await;
            assert_eq!(api.status, StatusCode::OK);
            for shown in [page.as_str(), list.as_str(), home.as_str()] {
                assert!(!shown.contains("@vidu.vn"), "an e-mail is shown");
            }
            let api_body = String::from_utf8(
                app.clone()
                    .oneshot(Request::get(format!("/api/v1/news/{road}")).body(Body::empty()).unwrap())
                    .await
                    .unwrap()
                    .into_body()
                    .collect()
                    .await
                    .unwrap()
                    .to_bytes()
                    .to_vec(),
            )
            .unwrap();
            assert!(api_body.contains("Trần Thị Hoa") && !api_body.contains("@vidu.vn"), "{api_body}");

            // A visitor comments: held for moderation (the demo commune holds them), the
            // script and markup removed, nothing shown until a moderator publishes it.
            let (anon, csrf) = session_for(&db, None).await;
            let form_page = get(&app, &format!("/tin-tuc/{road}/binh-luan"), Some(&anon)).await;
            assert_eq!(form_page.status, StatusCode::OK);
            let (status, _, _) = post(&app, &format!("/tin-tuc/{road}/binh-luan"), &anon, &[
                ("csrf", &csrf), ("name", "Đỗ Văn Khánh"), ("email", "khanh.dv@vidu.vn"),
                ("body", "<script>alert(1)</script>Khi nào <b>khởi công</b>?"), ("website", ""),
            ]).await;
            assert_eq!(status, StatusCode::SEE_OTHER);
            let (body, state): (String, String) = db
                .fetch_optional(&query("SELECT body, state FROM portal_comments WHERE author_name = $1").bind("Đỗ Văn Khánh"))
                .await?
                .unwrap();
            assert_eq!((body.as_str(), state.as_str()), ("Khi nào khởi công?", "held"));
            let page = get(&app, &format!("/tin-tuc/{road}"), None).await.html.unwrap();
            assert!(!page.contains("Khi nào khởi công"), "a held comment is not shown");
            // Refused without a token, a wrong e-mail, an empty text: nothing written.
            let count = |db: Db| async move {
                db.scalar::<i64>(&query("SELECT COUNT(*) FROM portal_comments")).await.unwrap()
            };
            let n0 = count(db.clone()).await;
            let (status, _, _) = post(&app, &format!("/tin-tuc/{road}/binh-luan"), &anon, &[
                ("csrf", "wrong"), ("name", "X"), ("email", "x@vidu.vn"), ("body", "x"),
            ]).await;
            assert_eq!(status, StatusCode::FORBIDDEN);
            let (status, _, text) = post(&app, &format!("/tin-tuc/{road}/binh-luan"), &anon, &[
                ("csrf", &csrf), ("name", "Hà"), ("email", "không-phải-thư"), ("body", "Nội dung giữ lại"),
            ]).await;
            assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
            assert!(text.contains("e-mail") && text.contains("Nội dung giữ lại"), "the form comes back with what was written");
            // The hidden field robots fill: dropped without a word.
            let (status, _, _) = post(&app, &format!("/tin-tuc/{road}/binh-luan"), &anon, &[
                ("csrf", &csrf), ("name", "Robot"), ("email", "r@vidu.vn"), ("body", "Mua ngay"), ("website", "http://spam.example"),
            ]).await;
            assert_eq!(status, StatusCode::SEE_OTHER);
            assert_eq!(count(db.clone()).await, n0, "nothing written");
            // A flood from one sender: the limit stops it.
            let mut refused = false;
            for i in 0..8 {
                let email = format!("flood{i}@vidu.vn");
                let (status, _, _) = post(&app, &format!("/tin-tuc/{road}/binh-luan"), &anon, &[
                    ("csrf", &csrf), ("name", "Người gửi"), ("email", &email), ("body", "Tin nhắn lặp lại"),
                ]).await;
                if status == StatusCode::UNPROCESSABLE_ENTITY {
                    refused = true;
                    break;
                }
            }
            assert!(refused, "a comment flood is refused");

            // The moderator sees the e-mail only on the queue, and publishes the comment.
            let (officer, officer_csrf) = session_for(&db, Some("canbo.phudong@dinh.demo")).await;
            let queue = get(&app, "/units/00541/binh-luan", Some(&officer)).await;
            assert_eq!(queue.status, StatusCode::OK);
            assert!(queue.html.unwrap().contains("khanh.dv@vidu.vn"));
            let id: i64 = db.scalar(&query("SELECT id FROM portal_comments WHERE author_name = $1").bind("Đỗ Văn Khánh")).await?;
            let (status, _, _) = post(&app, &format!("/binh-luan/{id}/duyet"), &officer, &[("csrf", &officer_csrf), ("decision", "publish")]).await;
            assert_eq!(status, StatusCode::SEE_OTHER);
            let page = get(&app, &format!("/tin-tuc/{road}"), Some(&officer)).await.html.unwrap();
            assert!(page.contains("Khi nào khởi công?") && !page.contains("khanh.dv@vidu.vn"));
            // Another commune's officer, a resident and a visitor may not moderate or write here.
            let (resident, _) = session_for(&db, Some("0912000004")).await;
            assert_eq!(get(&app, "/units/00541/binh-luan", Some(&resident)).await.status, StatusCode::FORBIDDEN);
            assert_eq!(get(&app, "/units/00541/tin-tuc/moi", Some(&resident)).await.status, StatusCode::FORBIDDEN);
            let other: String = db
                .scalar(&query("SELECT code FROM units WHERE kind IN ('commune', 'ward') AND code <> '00541' AND valid_to IS NULL ORDER BY code LIMIT 1"))
                .await?;
            assert_eq!(get(&app, &format!("/units/{other}/tin-tuc/quan-ly"), Some(&officer)).await.status, StatusCode::FORBIDDEN);
            let (status, _, _) = post(&app, &format!("/units/{other}/tin-tuc/moi"), &officer, &[
                ("csrf", &officer_csrf), ("category", "thong-bao"), ("title", "Không được"), ("body", "<p>x</p>"),
            ]).await;
            assert_eq!(status, StatusCode::FORBIDDEN);

            // The officer writes an article with a script in it: saved clean, as a draft.
            let (status, location, _) = post(&app, "/units/00541/tin-tuc/moi", &officer, &[
                ("csrf", &officer_csrf), ("category", "thong-bao"), ("title", "Thông báo thu gom rác thải"),
                ("summary", ""), ("body", "<p onclick=\"x()\">Xe thu gom đi qua các thôn vào sáng thứ Ba.</p><script>steal()</script>"),
                ("comments_open", "on"),
            ]).await;
            assert_eq!(status, StatusCode::SEE_OTHER, "{location}");
            let new_id: i64 = location
        .lines()
        .find_map(|l| l.strip_prefix("/tin-tuc/"))
        .unwrap()
        .trim_end_matches("/sua")
        .parse()
        .unwrap();
            let (html, state): (String, String) = db
                .fetch_optional(&query("SELECT body_html, state FROM portal_articles WHERE id = $1").bind(new_id))
                .await?
                .unwrap();
            assert!(!html.contains("script") && !html.contains("onclick") && html.contains("sáng thứ Ba"), "{html}");
            assert_eq!(state, "draft");
            assert_eq!(get(&app, &format!("/tin-tuc/{new_id}"), None).await.status, StatusCode::NOT_FOUND);
            // An empty title comes back with the body kept.
            let (status, _, text) = post(&app, "/units/00541/tin-tuc/moi", &officer, &[
                ("csrf", &officer_csrf), ("category", "thong-bao"), ("title", " "), ("body", "<p>Giữ lại nội dung</p>"),
            ]).await;
            assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
            assert!(text.contains("Giữ lại nội dung"));
            // An edit saves a new version; an edit from a form opened before it is refused.
            let edit = |version: &'static str| {
                [("csrf", officer_csrf.clone()), ("category", "thong-bao".into()), ("title", "Thông báo thu gom rác thải (sửa)".into()),
                 ("body", "<p>Xe thu gom đi qua các thôn vào sáng thứ Ba và thứ Sáu.</p>".into()), ("version", version.into())]
            };
            let form: Vec<(&str, String)> = edit("1").into_iter().collect();
            let pairs: Vec<(&str, &str)> = form.iter().map(|(k, v)| (*k, v.as_str())).collect();
            let (status, _, _) = post(&app, &format!("/tin-tuc/{new_id}/sua"), &officer, &pairs).await;
            assert_eq!(status, StatusCode::SEE_OTHER);
            let (status, _, text) = post(&app, &format!("/tin-tuc/{new_id}/sua"), &officer, &pairs).await;
            assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "a stale version is refused");
            assert!(text.contains("someone saved this article"), "{text}");
            let edited: String = db.scalar(&query("SELECT title FROM portal_articles WHERE id = $1").bind(new_id)).await?;
            assert_eq!(edited, "Thông báo thu gom rác thải (sửa)");
            // Published, then taken down: without a reason refused; with one, the public sees why.
            let (status, _, _) = post(&app, &format!("/tin-tuc/{new_id}/dang"), &officer, &[("csrf", &officer_csrf), ("on", ""), ("at", "")]).await;
            assert_eq!(status, StatusCode::SEE_OTHER);
            assert_eq!(get(&app, &format!("/tin-tuc/{new_id}"), None).await.status, StatusCode::OK);
            let (status, _, _) = post(&app, &format!("/tin-tuc/{new_id}/go"), &officer, &[("csrf", &officer_csrf), ("reason", " ")]).await;
            assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
            let (status, _, _) = post(&app, &format!("/tin-tuc/{new_id}/go"), &officer, &[("csrf", &officer_csrf), ("reason", "Đổi lịch thu gom")]).await;
            assert_eq!(status, StatusCode::SEE_OTHER);
            let gone = get(&app, &format!("/tin-tuc/{new_id}"), None).await;
            assert_eq!(gone.status, StatusCode::GONE);
            assert!(gone.html.unwrap().contains("Đổi lịch thu gom"));
            let history: i64 = db
                .scalar(&query("SELECT COUNT(*) FROM audit_log WHERE object_type = 'portal_article' AND object_id = $1").bind(new_id.to_string()))
                .await?;
            assert_eq!(history, 4, "created, edited, published, taken down: each audited");

            // A poll: one answer per visitor, results after answering, the page says it binds no one.
            let poll: i64 = db.scalar(&query("SELECT id FROM portal_polls ORDER BY id LIMIT 1")).await?;
            let option: i64 = db.scalar(&query("SELECT id FROM portal_poll_options WHERE poll_id = $1 ORDER BY position LIMIT 1").bind(poll)).await?;
            let page = get(&app, &format!("/tham-do/{poll}"), Some(&anon)).await.html.unwrap();
            assert!(page.contains("không phải biểu quyết") && page.contains("type=\"radio\""));
            let (status, set_cookie, _) = post(&app, &format!("/tham-do/{poll}"), &anon, &[("csrf", &csrf), ("option", &option.to_string())]).await;
            assert_eq!(status, StatusCode::SEE_OTHER);
            let visitor = set_cookie
                .lines()
                .find(|l| l.starts_with("dinh_visitor="))
                .map(|l| l.split(';').next().unwrap().to_owned());
            let with_visitor = match &visitor {
                Some(v) => format!("{anon}; {v}"),
                None => anon.clone(),
            };
            let _ = visitor;
            let page = get(&app, &format!("/tham-do/{poll}"), Some(&with_visitor)).await.html.unwrap();
            assert!(!page.contains("type=\"radio\"") && page.contains("Kết quả"), "results after answering");
            let (status, _, text) = post(&app, &format!("/tham-do/{poll}"), &with_visitor, &[("csrf", &csrf), ("option", &option.to_string())]).await;
            assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
            assert!(text.contains("already answered"), "{text}");

            // Feeds a real parser reads, and the sitemap and robots.txt.
            for feed in ["rss.xml", "atom.xml", "rss.xml?chuyen-muc=thong-bao"] {
                let res = app
                    .clone()
                    .oneshot(Request::get(format!("/units/00541/tin-tuc/{feed}")).body(Body::empty()).unwrap())
                    .await
                    .unwrap();
                assert_eq!(res.status(), StatusCode::OK);
                let bytes = res.into_body().collect().await.unwrap().to_bytes();
                let parsed = feed_rs::parser::parse(&bytes[..]).unwrap();
                assert!(!parsed.entries.is_empty(), "{feed} has entries");
                assert!(parsed.entries.iter().all(|e| !e.links.is_empty() && e.published.is_some()), "{feed}");
                if feed == "atom.xml" {
                    assert_eq!(parsed.entries.len(), 14, "every public article of the demo");
                }
            }
            let sitemap = app.clone().oneshot(Request::get("/sitemap.xml").body(Body::empty()).unwrap()).await.unwrap();
            let sitemap = String::from_utf8(sitemap.into_body().collect().await.unwrap().to_bytes().to_vec()).unwrap();
            assert!(sitemap.contains(&format!("/tin-tuc/{road}</loc>")) && sitemap.contains("/units/00541</loc>"));
            assert!(!sitemap.contains(&format!("/tin-tuc/{new_id}<")), "an article taken down is not in the sitemap");
            let robots = app.clone().oneshot(Request::get("/robots.txt").body(Body::empty()).unwrap()).await.unwrap();
            let robots = String::from_utf8(robots.into_body().collect().await.unwrap().to_bytes().to_vec()).unwrap();
            assert!(robots.contains("Sitemap: ") && robots.contains("Disallow: /viec-cua-toi"));
            // The demo's pictures: in three widths, served to anyone once the article is public.
            let pictured: i64 = db.scalar(&query("SELECT CAST(COUNT(*) AS BIGINT) FROM portal_articles WHERE body_html LIKE '%srcset=\"/anh/%'")).await?;
            assert_eq!(pictured, 3);
            let file: i64 = db.scalar(&query("SELECT MIN(f.id) FROM portal_image_files f WHERE f.width = 480")).await?;
            let picture = get(&app, &format!("/anh/{file}"), None).await;
            assert_eq!(picture.status, StatusCode::OK, "a stored width is served");
            assert_eq!(get(&app, "/anh/1", None).await.status, StatusCode::NOT_FOUND);

            // Satisfaction (Art. 35(2)(a)): the home page leads to the form; a rating is kept,
            // a bad one refused with what to do, and a sender is limited to ten a day.
            let home = get(&app, "/units/00541", None).await.html.unwrap();
            assert!(home.contains("href=\"/units/00541/danh-gia\""), "no door to the rating form");
            let (rater, rater_csrf) = session_for(&db, None).await;
            let form_page = get(&app, "/units/00541/danh-gia", Some(&rater)).await;
            assert_eq!(form_page.status, StatusCode::OK);
            let (status, _, body) = post(&app, "/units/00541/danh-gia", &rater, &[("csrf", &rater_csrf), ("service", "one_stop"), ("score", "0"), ("comment", "")]).await;
            assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
            assert!(body.contains("from 1 (very dissatisfied) to 5"), "{body}");
            let (status, _, _) = post(&app, "/units/00541/danh-gia", &rater, &[("csrf", &rater_csrf), ("service", "karaoke"), ("score", "5"), ("comment", "")]).await;
            assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
            let (status, _, _) = post(&app, "/units/00541/danh-gia", &rater, &[("score", "5"), ("service", "one_stop")]).await;
            assert_eq!(status, StatusCode::FORBIDDEN, "no CSRF token, no rating");
            for score in ["5", "4", "2", "5", "3", "4", "5", "1", "4", "5"] {
                let (status, location, _) = post(&app, "/units/00541/danh-gia", &rater, &[("csrf", &rater_csrf), ("service", "one_stop"), ("score", score), ("comment", "Nhanh <b>gọn</b>")]).await;
                assert_eq!(status, StatusCode::SEE_OTHER, "{location}");
            }
            let (status, _, body) = post(&app, "/units/00541/danh-gia", &rater, &[("csrf", &rater_csrf), ("service", "one_stop"), ("score", "5"), ("comment", "")]).await;
            assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "the eleventh of the day");
            assert!(body.contains("try again tomorrow"));
            let today = dinh_platform::time::today_vn();
            let commune: i64 = db.scalar(&query("SELECT id FROM units WHERE code = '00541'")).await?;
            let n = dinh_platform::satisfaction::indicator(&db, "satisfaction.ratings", commune, today, today).await?;
            let rate = dinh_platform::satisfaction::indicator(&db, "satisfaction.satisfied_rate", commune, today, today).await?;
            let avg = dinh_platform::satisfaction::indicator(&db, "satisfaction.average", commune, today, today).await?;
            assert_eq!(n, Some(10.0));
            assert_eq!(rate, Some(70.0), "seven of ten gave 4 or 5");
            assert_eq!(avg, Some(3.8));
            let page = get(&app, "/units/00541/danh-gia", None).await.html.unwrap();
            assert!(page.contains("10 lượt đánh giá · 70,0 % hài lòng"), "the figures, in Vietnamese format");
            Ok(())
        }
    })
    .await;
    let _ = std::fs::remove_dir_all(&dir);
}
