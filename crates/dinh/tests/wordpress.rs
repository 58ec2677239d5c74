//! `dinh import wordpress` on both engines: a commune's old WordPress portal comes in with its
//! posts, categories, authors, dates, comments (e-mails never shown) and pictures; its old
//! addresses answer with redirects; running it again adds nothing; a file with a broken entry,
//! broken XML or another encoding is refused with its line and nothing is imported.
#![allow(clippy::unwrap_used, clippy::expect_used, missing_docs)]

use axum::http::StatusCode;
use dinh_platform::csvio::ImportErrors;
use dinh_platform::db::{Db, query};
use dinh_platform::testing::each_engine;
use dinh_platform::web::{AppState, router};
use dinh_portal::wordpress::{Source, Summary, import};
use std::path::Path;

mod support;
use support::crawl::get;

/// A WordPress export as WordPress writes it: two published posts (one in a category the
/// portal has, one in a new one), a draft, a page, an attachment used as a featured picture,
/// comments approved, held, spam and a pingback, a reply, a picture the uploads folder has
/// and one it lacks.
const EXPORT: &str = r#"<?xml version="1.0" encoding="UTF-8" ?>
<rss version="2.0"
	xmlns:excerpt="http://wordpress.org/export/1.2/excerpt/"
	xmlns:content="http://purl.org/rss/1.0/modules/content/"
	xmlns:wfw="http://wellformedweb.org/CommentAPI/"
	xmlns:dc="http://purl.org/dc/elements/1.1/"
	xmlns:wp="http://wordpress.org/export/1.2/">
<channel>
	<title>Xã Phù Đổng</title>
	<link>https://phudong.example.vn</link>
	<wp:wxr_version>1.2</wp:wxr_version>
	<wp:base_site_url>https://phudong.example.vn</wp:base_site_url>
	<wp:author><wp:author_id>2</wp:author_id><wp:author_login><![CDATA[vanphong]]></wp:author_login><wp:author_email><![CDATA[vp@phudong.example.vn]]></wp:author_email><wp:author_display_name><![CDATA[Văn phòng UBND xã]]></wp:author_display_name></wp:author>
	<wp:category><wp:term_id>5</wp:term_id><wp:category_nicename><![CDATA[van-hoa]]></wp:category_nicename><wp:category_parent><![CDATA[]]></wp:category_parent><wp:cat_name><![CDATA[Văn hoá - xã hội]]></wp:cat_name></wp:category>
	<item>
		<title><![CDATA[Ảnh hội trường]]></title>
		<link>https://phudong.example.vn/hoi-truong/</link>
		<wp:post_id>40</wp:post_id>
		<wp:status><![CDATA[inherit]]></wp:status>
		<wp:post_type><![CDATA[attachment]]></wp:post_type>
		<wp:attachment_url><![CDATA[https://phudong.example.vn/wp-content/uploads/2021/07/hoi-truong.png]]></wp:attachment_url>
	</item>
	<item>
		<title><![CDATA[Hội nghị sơ kết công tác dân vận 6 tháng đầu năm]]></title>
		<link>https://phudong.example.vn/2021/07/23/hoi-nghi-so-ket/</link>
		<dc:creator><![CDATA[vanphong]]></dc:creator>
		<content:encoded><![CDATA[<p>Sáng 23/7, Ban Chỉ đạo thực hiện quy chế dân chủ xã tổ chức hội nghị sơ kết.</p>
<p><img src="https://phudong.example.vn/wp-content/uploads/2021/07/hoi-nghi.png" alt="Quang cảnh hội nghị" onerror="alert(1)"></p>
<script>alert('x')</script>
<p><img src="https://phudong.example.vn/wp-content/uploads/2021/07/khong-co.jpg"></p>]]></content:encoded>
		<excerpt:encoded><![CDATA[]]></excerpt:encoded>
		<wp:post_id>41</wp:post_id>
		<wp:post_date><![CDATA[2021-07-23 16:22:00]]></wp:post_date>
		<wp:post_date_gmt><![CDATA[2021-07-23 09:22:00]]></wp:post_date_gmt>
		<wp:comment_status><![CDATA[open]]></wp:comment_status>
		<wp:post_name><![CDATA[hoi-nghi-so-ket]]></wp:post_name>
		<wp:status><![CDATA[publish]]></wp:status>
		<wp:post_type><![CDATA[post]]></wp:post_type>
		<category domain="category" nicename="cong-tac-dang"><![CDATA[Công tác Đảng]]></category>
		<category domain="post_tag" nicename="dan-van"><![CDATA[dân vận]]></category>
		<wp:postmeta><wp:meta_key><![CDATA[_thumbnail_id]]></wp:meta_key><wp:meta_value><![CDATA[40]]></wp:meta_value></wp:postmeta>
		<wp:comment>
			<wp:comment_id>7</wp:comment_id>
			<wp:comment_author><![CDATA[Nguyễn Văn Bình]]></wp:comment_author>
			<wp:comment_author_email><![CDATA[binh.nguyen@thu.example.vn]]></wp:comment_author_email>
			<wp:comment_author_IP><![CDATA[203.0.113.9]]></wp:comment_author_IP>
			<wp:comment_date><![CDATA[2021-07-23 20:01:00]]></wp:comment_date>
			<wp:comment_date_gmt><![CDATA[2021-07-23 13:01:00]]></wp:comment_date_gmt>
			<wp:comment_content><![CDATA[Đề nghị xã công khai &amp; niêm yết kết quả tại nhà văn hoá thôn.]]></wp:comment_content>
			<wp:comment_approved><![CDATA[1]]></wp:comment_approved>
			<wp:comment_type><![CDATA[comment]]></wp:comment_type>
			<wp:comment_parent>0</wp:comment_parent>
		</wp:comment>
		<wp:comment>
			<wp:comment_id>8</wp:comment_id>
			<wp:comment_author><![CDATA[Văn phòng UBND xã]]></wp:comment_author>
			<wp:comment_author_email><![CDATA[vp@phudong.example.vn]]></wp:comment_author_email>
			<wp:comment_date_gmt><![CDATA[2021-07-24 01:00:00]]></wp:comment_date_gmt>
			<wp:comment_content><![CDATA[Cảm ơn ông, kết quả đã niêm yết từ ngày 25/7.]]></wp:comment_content>
			<wp:comment_approved><![CDATA[1]]></wp:comment_approved>
			<wp:comment_type><![CDATA[]]></wp:comment_type>
			<wp:comment_parent>7</wp:comment_parent>
		</wp:comment>
		<wp:comment>
			<wp:comment_id>9</wp:comment_id>
			<wp:comment_author><![CDATA[Trần Thị Hoa]]></wp:comment_author>
			<wp:comment_author_email><![CDATA[hoa.tran@thu.example.vn]]></wp:comment_author_email>
			<wp:comment_date_gmt><![CDATA[2021-07-24 02:00:00]]></wp:comment_date_gmt>
			<wp:comment_content><![CDATA[Chờ duyệt.]]></wp:comment_content>
			<wp:comment_approved><![CDATA[0]]></wp:comment_approved>
			<wp:comment_parent>0</wp:comment_parent>
		</wp:comment>
		<wp:comment>
			<wp:comment_id>10</wp:comment_id>
			<wp:comment_author><![CDATA[spam]]></wp:comment_author>
			<wp:comment_date_gmt><![CDATA[2021-07-24 03:00:00]]></wp:comment_date_gmt>
			<wp:comment_content><![CDATA[mua ngay]]></wp:comment_content>
			<wp:comment_approved><![CDATA[spam]]></wp:comment_approved>
			<wp:comment_parent>0</wp:comment_parent>
		</wp:comment>
		<wp:comment>
			<wp:comment_id>11</wp:comment_id>
			<wp:comment_author><![CDATA[blog]]></wp:comment_author>
			<wp:comment_date_gmt><![CDATA[2021-07-24 04:00:00]]></wp:comment_date_gmt>
			<wp:comment_content><![CDATA[ping]]></wp:comment_content>
			<wp:comment_approved><![CDATA[1]]></wp:comment_approved>
			<wp:comment_type><![CDATA[pingback]]></wp:comment_type>
			<wp:comment_parent>0</wp:comment_parent>
		</wp:comment>
	</item>
	<item>
		<title><![CDATA[Liên hoan văn nghệ các thôn]]></title>
		<link>https://phudong.example.vn/tin-tuc/lien-hoan-van-nghe.html</link>
		<dc:creator><![CDATA[nguoicu]]></dc:creator>
		<content:encoded><![CDATA[Tối 2/9 các thôn biểu diễn văn nghệ.

Có 12 tiết mục tham gia.]]></content:encoded>
		<excerpt:encoded><![CDATA[Mười hai tiết mục của các thôn.]]></excerpt:encoded>
		<wp:post_id>42</wp:post_id>
		<wp:post_date><![CDATA[2021-09-02 21:00:00]]></wp:post_date>
		<wp:post_date_gmt><![CDATA[0000-00-00 00:00:00]]></wp:post_date_gmt>
		<wp:comment_status><![CDATA[closed]]></wp:comment_status>
		<wp:status><![CDATA[publish]]></wp:status>
		<wp:post_type><![CDATA[post]]></wp:post_type>
		<category domain="category" nicename="van-hoa"><![CDATA[Văn hoá - xã hội]]></category>
	</item>
	<item>
		<title><![CDATA[Bản nháp kế hoạch]]></title>
		<link>https://phudong.example.vn/?p=43</link>
		<content:encoded><![CDATA[<p>Chưa xong.</p>]]></content:encoded>
		<wp:post_id>43</wp:post_id>
		<wp:post_date><![CDATA[2021-10-01 08:00:00]]></wp:post_date>
		<wp:post_date_gmt><![CDATA[0000-00-00 00:00:00]]></wp:post_date_gmt>
		<wp:status><![CDATA[draft]]></wp:status>
		<wp:post_type><![CDATA[post]]></wp:post_type>
	</item>
	<item>
		<title><![CDATA[Giới thiệu]]></title>
		<wp:post_id>2</wp:post_id>
		<wp:status><![CDATA[publish]]></wp:status>
		<wp:post_type><![CDATA[page]]></wp:post_type>
	</item>
</channel>
</rss>
"#;

fn png(width: u32, height: u32) -> Vec<u8> {
    let mut out = Vec::new();
    image::DynamicImage::new_rgb8(width, height)
        .write_to(&mut std::io::Cursor::new(&mut out), image::ImageFormat::Png)
        .unwrap();
    out
}

/// The line (from 1) of the first line of `text` containing `needle`.
fn line_of(text: &str, needle: &str) -> u64 {
    text.lines().position(|l| l.contains(needle)).unwrap() as u64 + 1
}

async fn run(db: &Db, file: &str, dir: &Path, uploads: Option<&Path>) -> anyhow::Result<Summary> {
    let unit = dinh_platform::units::store::by_code(db, "00541")
        .await?
        .unwrap();
    import(
        db,
        file.as_bytes(),
        Source {
            unit: &unit,
            uploads,
            data_dir: dir,
            actor: "test",
        },
        |_| {},
    )
    .await
}

fn refused(result: anyhow::Result<Summary>) -> ImportErrors {
    let e = result.expect_err("the file must be refused");
    e.downcast::<ImportErrors>().expect("line-numbered errors")
}

async fn count(db: &Db, table: &str) -> i64 {
    db.scalar(&query(format!(
        "SELECT CAST(COUNT(*) AS BIGINT) FROM {table}"
    )))
    .await
    .unwrap()
}

fn files_in(dir: &Path) -> usize {
    std::fs::read_dir(dir).map(|d| d.count()).unwrap_or(0)
}

#[tokio::test]
async fn a_wordpress_portal_comes_in_whole_or_not_at_all() {
    let base = std::env::temp_dir().join(format!("dinh-wordpress-{}", std::process::id()));
    let uploads = base.join("uploads");
    std::fs::create_dir_all(uploads.join("2021/07")).unwrap();
    std::fs::write(uploads.join("2021/07/hoi-nghi.png"), png(1200, 800)).unwrap();
    std::fs::write(uploads.join("2021/07/hoi-truong.png"), png(300, 200)).unwrap();
    let registry = dinh::cli::registry(&base).unwrap();
    each_engine(&registry, |db| {
        let base = base.clone();
        let uploads = uploads.clone();
        let registry = registry.clone();
        async move {
            let data = base.join(format!("data-{:?}", db.engine()));
            let pictures = data.join(dinh_portal::images::DIR);
            dinh_platform::demo::build(&db).await?;

            // A broken entry (a post without a title, a comment without a date) refuses the
            // whole file with both lines; nothing is written, no picture is left on disk.
            let broken = EXPORT
                .replace(
                    "<title><![CDATA[Liên hoan văn nghệ các thôn]]></title>",
                    "<title><![CDATA[]]></title>",
                )
                .replace(
                    "<wp:comment_date_gmt><![CDATA[2021-07-24 02:00:00]]></wp:comment_date_gmt>",
                    "<wp:comment_date_gmt><![CDATA[hôm qua]]></wp:comment_date_gmt>",
                );
            let (articles, comments, categories) = (
                count(&db, "portal_articles").await,
                count(&db, "portal_comments").await,
                count(&db, "portal_categories").await,
            );
            let errors = refused(run(&db, &broken, &data, Some(&uploads)).await);
            let lines: Vec<u64> = errors.errors.iter().map(|e| e.line).collect();
            let item_line = line_of(&broken, "tin-tuc/lien-hoan-van-nghe.html") - 2;
            let comment_line = line_of(&broken, "<wp:comment_id>9</wp:comment_id>") - 1;
            assert!(lines.contains(&item_line), "{errors}");
            assert!(lines.contains(&comment_line), "{errors}");
            assert!(errors.to_string().contains("nothing was imported"), "{errors}");
            assert!(errors.to_string().contains("no title"), "{errors}");
            assert_eq!(count(&db, "portal_articles").await, articles);
            assert_eq!(count(&db, "portal_comments").await, comments);
            assert_eq!(count(&db, "portal_categories").await, categories);
            assert_eq!(files_in(&pictures), 0, "a refused import leaves no picture");

            // Broken XML, another encoding, bytes that are not UTF-8, a file that is not an
            // export: refused with the line.
            let cut = EXPORT.replace(
                "nicename=\"van-hoa\"><![CDATA[Văn hoá - xã hội]]></category>\n\t</item>",
                "nicename=\"van-hoa\"><![CDATA[Văn hoá - xã hội]]></category>\n\t</itm>",
            );
            assert_ne!(cut, EXPORT);
            let errors = refused(run(&db, &cut, &data, None).await);
            assert!(errors.errors[0].line > 100, "{errors}");
            assert!(errors.to_string().contains("not well-formed"), "{errors}");
            let latin = EXPORT.replace("encoding=\"UTF-8\"", "encoding=\"ISO-8859-1\"");
            let errors = refused(run(&db, &latin, &data, None).await);
            assert_eq!(errors.errors[0].line, 1, "{errors}");
            assert!(errors.to_string().contains("iso-8859-1"), "{errors}");
            let mut bad_bytes = EXPORT.as_bytes().to_vec();
            let at = EXPORT.find("Sáng 23/7").unwrap();
            bad_bytes[at + 1] = 0xFF;
            let unit = dinh_platform::units::store::by_code(&db, "00541").await?.unwrap();
            let source = Source { unit: &unit, uploads: None, data_dir: &data, actor: "test" };
            let errors = import(&db, bad_bytes.as_slice(), source, |_| {}).await;
            let errors = refused(errors);
            assert!(errors.to_string().contains("UTF-8"), "{errors}");
            let feed = "<?xml version=\"1.0\"?><rss><channel><item><title>x</title></item></channel></rss>";
            assert!(refused(run(&db, feed, &data, None).await).to_string().contains("not a WordPress export"));
            assert_eq!(count(&db, "portal_articles").await, articles);

            // The good file: three posts, the page and attachment left aside, two comments
            // published and one held, spam and pingback left out; the picture the folder has
            // comes in three widths, the featured one in one.
            let s = run(&db, EXPORT, &data, Some(&uploads)).await?;
            assert_eq!(
                (s.posts, s.comments, s.comments_left_out, s.other_entries, s.categories_created),
                (3, 3, 2, 2, 1),
                "{s:?}"
            );
            assert_eq!((s.pictures, s.pictures_missing), (2, 1), "{s:?}");
            assert_eq!(files_in(&pictures), 3 + 1, "three widths and one");

            let config = dinh_platform::config::Config {
                data_dir: data.clone(),
                ..dinh_platform::config::Config::default()
            };
            let app = router(AppState::new(db.clone(), config, registry));
            let id: i64 = db
                .scalar(&query("SELECT id FROM portal_articles WHERE origin = $1").bind("wordpress:https://phudong.example.vn#41"))
                .await?;
            let page = get(&app, &format!("/tin-tuc/{id}"), None).await;
            assert_eq!(page.status, StatusCode::OK);
            let html = page.html.unwrap();
            assert!(html.contains("Hội nghị sơ kết công tác dân vận"));
            assert!(html.contains("23/07/2021 | 16:22"), "the time in Vietnam, as the old portal showed it");
            assert!(html.contains("Văn phòng UBND xã"), "the author's display name");
            assert!(html.contains("Nguyễn Văn Bình") && html.contains("kết quả tại nhà văn hoá thôn"));
            assert!(!html.contains("Chờ duyệt."), "a held comment stays held");
            assert!(!html.contains("@thu.example.vn") && !html.contains("@phudong.example.vn"), "no e-mail on the page");
            assert!(!html.contains("alert("), "scripts and handlers are cleaned");
            assert!(!html.contains("wp-content/uploads"), "no picture from the old site");
            assert!(html.contains("srcset=\"/anh/"), "the picture in its widths");
            let api = get(&app, &format!("/api/v1/news/{id}"), None).await;
            assert_eq!(api.status, StatusCode::OK);
            let held_email: Option<String> = db
                .scalar_optional(&query("SELECT email FROM portal_comments WHERE author_name = $1").bind("Trần Thị Hoa"))
                .await?;
            assert_eq!(held_email.as_deref(), Some("hoa.tran@thu.example.vn"), "kept for the moderators");
            let replies: i64 = db
                .scalar(&query("SELECT CAST(COUNT(*) AS BIGINT) FROM portal_comments WHERE body LIKE $1 AND parent_id IS NOT NULL").bind("Cảm ơn ông%"))
                .await?;
            assert_eq!(replies, 1, "the reply stays under its comment");

            // The stored picture is served; one of a draft is not, to the public.
            let file: i64 = db
                .scalar(&query("SELECT f.id FROM portal_image_files f JOIN portal_images i ON i.id = f.image_id WHERE i.article_id = $1 AND f.width = 480").bind(id))
                .await?;
            let picture = get(&app, &format!("/anh/{file}"), None).await;
            assert_eq!(picture.status, StatusCode::OK);

            // Old addresses lead to the articles; the new category exists; the draft is a draft.
            let old = get(&app, "/2021/07/23/hoi-nghi-so-ket/", None).await;
            assert_eq!(old.status, StatusCode::PERMANENT_REDIRECT);
            assert_eq!(old.location.as_deref(), Some(format!("/tin-tuc/{id}").as_str()));
            let old = get(&app, "/tin-tuc/lien-hoan-van-nghe.html", None).await;
            assert_eq!(old.status, StatusCode::PERMANENT_REDIRECT);
            assert_eq!(get(&app, "/khong-co-bai-nay/", None).await.status, StatusCode::NOT_FOUND);
            // WordPress answered `/?p=N` for every post whatever its permalink: so does Đình.
            let by_number = get(&app, "/?p=42", None).await;
            assert_eq!(by_number.status, StatusCode::PERMANENT_REDIRECT);
            let festival_id: i64 = db
                .scalar(&query("SELECT id FROM portal_articles WHERE title LIKE 'Liên hoan%'"))
                .await?;
            assert_eq!(by_number.location.as_deref(), Some(format!("/tin-tuc/{festival_id}").as_str()));
            assert_eq!(get(&app, "/?p=999", None).await.status, StatusCode::OK, "an unknown number is the home page");
            let festival: (String, String, bool) = db
                .fetch_optional(&query(
                    "SELECT c.slug, a.published_at, a.comments_open FROM portal_articles a JOIN portal_categories c ON c.id = a.category_id WHERE a.title LIKE 'Liên hoan%'",
                ))
                .await?
                .unwrap();
            assert_eq!(festival.0, "van-hoa");
            assert_eq!(festival.1, "2021-09-02T14:00:00.000Z", "from the site's time in Vietnam");
            assert!(!festival.2, "comments were closed there");
            let draft: String = db
                .scalar(&query("SELECT state FROM portal_articles WHERE title = $1").bind("Bản nháp kế hoạch"))
                .await?;
            assert_eq!(draft, "draft");
            // The published posts are in the site search with their day; the draft is not.
            let hits = dinh_platform::search::find(&db, "hoi nghi so ket cong tac dan van", None, 5).await?;
            assert_eq!(hits.first().map(|h| h.href.as_str()), Some(format!("/tin-tuc/{id}").as_str()));
            assert_eq!(hits[0].published_at, chrono::NaiveDate::from_ymd_opt(2021, 7, 23));
            assert!(dinh_platform::search::find(&db, "ban nhap ke hoach", None, 5).await?.is_empty());

            // Again: nothing new.
            let again = run(&db, EXPORT, &data, Some(&uploads)).await?;
            assert_eq!((again.posts, again.already_imported, again.comments), (0, 3, 0));
            Ok(())
        }
    })
    .await;
    let _ = std::fs::remove_dir_all(&base);
}
