//! The WordPress import of a large portal: a WXR file of 10,000 posts with 50,000 comments (five
//! a post, Vietnamese text of a real portal's length) written to disk, then imported from the
//! file on SQLite and, with `DINH_TEST_POSTGRES_URL` set, on PostgreSQL; prints the time and
//! the process's peak memory (VmHWM) before and after each import, to show it stays flat.
//!
//! `DINH_TEST_POSTGRES_URL=postgres://postgres@127.0.0.1:5432/test cargo run --release -p dinh --example bench_wordpress -- [posts] [comments_per_post]`
#![allow(clippy::unwrap_used, clippy::expect_used, missing_docs)]

#[path = "bench_support/mod.rs"]
mod bench_support;

use std::io::{BufWriter, Write};
use std::time::Instant;

use dinh_platform::db::query;
use dinh_portal::wordpress::{Source, import};

use bench_support::peak_mb;

const PARAGRAPH: &str = "Ban Chỉ đạo thực hiện quy chế dân chủ ở cơ sở xã tổ chức hội nghị sơ kết công tác dân vận, đánh giá kết quả thực hiện các nhiệm vụ trọng tâm, việc công khai ngân sách, kế hoạch đầu tư công và danh sách hộ được hỗ trợ tại nhà văn hoá các thôn.";

fn write_export(path: &std::path::Path, posts: usize, comments: usize) -> std::io::Result<u64> {
    let mut w = BufWriter::new(std::fs::File::create(path)?);
    writeln!(
        w,
        r#"<?xml version="1.0" encoding="UTF-8" ?>
<rss version="2.0" xmlns:excerpt="http://wordpress.org/export/1.2/excerpt/" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:wp="http://wordpress.org/export/1.2/">
<channel>
	<title>Xã mẫu</title>
	<wp:wxr_version>1.2</wp:wxr_version>
	<wp:base_site_url>https://xamau.example.vn</wp:base_site_url>
	<wp:author><wp:author_login><![CDATA[vanphong]]></wp:author_login><wp:author_display_name><![CDATA[Văn phòng UBND xã]]></wp:author_display_name></wp:author>"#
    )?;
    let categories = [
        "cong-tac-dang",
        "dang-doan-the",
        "tin-tuc-hoat-dong",
        "van-hoa",
    ];
    for p in 0..posts {
        let day = 1 + p % 28;
        let month = 1 + (p / 28) % 12;
        let year = 2015 + (p / 336) % 10;
        writeln!(
            w,
            r#"	<item>
		<title><![CDATA[Hội nghị số {p}: sơ kết công tác dân vận và quy chế dân chủ]]></title>
		<link>https://xamau.example.vn/{year}/{month:02}/{day:02}/hoi-nghi-{p}/</link>
		<dc:creator><![CDATA[vanphong]]></dc:creator>
		<content:encoded><![CDATA[<p>{PARAGRAPH}</p>
<p>{PARAGRAPH}</p>
<p>{PARAGRAPH} &nbsp;<strong>Kết luận</strong> của hội nghị số {p}.</p>]]></content:encoded>
		<excerpt:encoded><![CDATA[]]></excerpt:encoded>
		<wp:post_id>{}</wp:post_id>
		<wp:post_date><![CDATA[{year}-{month:02}-{day:02} 16:22:00]]></wp:post_date>
		<wp:post_date_gmt><![CDATA[{year}-{month:02}-{day:02} 09:22:00]]></wp:post_date_gmt>
		<wp:comment_status><![CDATA[open]]></wp:comment_status>
		<wp:status><![CDATA[publish]]></wp:status>
		<wp:post_type><![CDATA[post]]></wp:post_type>
		<category domain="category" nicename="{}"><![CDATA[Chuyên mục]]></category>"#,
            p + 100,
            categories[p % categories.len()]
        )?;
        for c in 0..comments {
            writeln!(
                w,
                r#"		<wp:comment>
			<wp:comment_id>{}</wp:comment_id>
			<wp:comment_author><![CDATA[Người dân {c}]]></wp:comment_author>
			<wp:comment_author_email><![CDATA[nguoidan{c}@thu.example.vn]]></wp:comment_author_email>
			<wp:comment_date_gmt><![CDATA[{year}-{month:02}-{day:02} 13:01:00]]></wp:comment_date_gmt>
			<wp:comment_content><![CDATA[Đề nghị xã niêm yết kết quả tại nhà văn hoá thôn và trả lời kiến nghị của bà con.]]></wp:comment_content>
			<wp:comment_approved><![CDATA[1]]></wp:comment_approved>
			<wp:comment_parent>0</wp:comment_parent>
		</wp:comment>"#,
                p * comments + c + 1
            )?;
        }
        writeln!(w, "\t</item>")?;
    }
    writeln!(w, "</channel>\n</rss>")?;
    w.flush()?;
    Ok(std::fs::metadata(path)?.len())
}

#[tokio::main]
async fn main() {
    let args: Vec<usize> = std::env::args()
        .skip(1)
        .filter_map(|a| a.parse().ok())
        .collect();
    let posts = args.first().copied().unwrap_or(10_000);
    let comments = args.get(1).copied().unwrap_or(5);
    let dir = std::env::temp_dir().join(format!("dinh-bench-wp-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join("export.xml");
    let bytes = write_export(&file, posts, comments).unwrap();
    println!(
        "export: {posts} posts, {} comments, {:.1} MB",
        posts * comments,
        bytes as f64 / 1e6
    );
    let registry = dinh::cli::registry(&dir).unwrap();
    dinh_platform::testing::each_engine(&registry, |db| {
        let file = file.clone();
        let dir = dir.clone();
        async move {
            dinh_platform::demo::build(&db).await?;
            let unit = dinh_platform::units::store::by_code(&db, "00541")
                .await?
                .unwrap();
            let before = peak_mb();
            let start = Instant::now();
            let input = std::io::BufReader::with_capacity(1 << 16, std::fs::File::open(&file)?);
            let s = import(
                &db,
                input,
                Source {
                    unit: &unit,
                    uploads: None,
                    data_dir: &dir,
                    actor: "bench",
                },
                |_| {},
            )
            .await?;
            let took = start.elapsed().as_secs_f64();
            let n: i64 = db
                .scalar(&query("SELECT CAST(COUNT(*) AS BIGINT) FROM portal_comments"))
                .await?;
            println!(
                "{:?}: {} posts, {} comments imported ({n} in the table) in {took:.2} s; peak memory {before:.0} MiB before, {:.0} MiB after",
                db.engine(),
                s.posts,
                s.comments,
                peak_mb()
            );
            Ok(())
        }
    })
    .await;
    let _ = std::fs::remove_dir_all(&dir);
}
