//! Search benchmark: 100,000 generated articles and disclosures (Vietnamese text, spread over
//! 100 communes of the shipped unit list) on SQLite and, when `DINH_TEST_POSTGRES_URL` is set,
//! on PostgreSQL (in a schema of its own, dropped afterwards); then a mixed set of queries over
//! the whole site and within one commune, each timed through `search::find` with its snippets.
//!
//! `cargo run --release -p dinh-platform --example bench_search -- [DOCUMENTS] [ROUNDS]`
//! (defaults 100,000 documents, 10 rounds of the query set). Prints the median and p95.
#![allow(clippy::unwrap_used, clippy::expect_used, missing_docs)]

use dinh_platform::db::{self, Db, query};
use dinh_platform::demo::UNITS_2025_CSV;
use dinh_platform::module::Registry;
use dinh_platform::search::{self, Doc, KIND_ARTICLE, KIND_DISCLOSURE};
use dinh_platform::units::{Unit, UnitsModule, import_units, store};
use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};
use std::time::Instant;

const COMMUNES: usize = 100;
const BATCH: usize = 2_000;

const DISCLOSURE_TOPICS: &[&str] = &[
    "dự toán ngân sách xã",
    "quyết toán ngân sách xã",
    "tình hình thực hiện ngân sách quý",
    "kế hoạch phát triển kinh tế - xã hội",
    "danh sách hộ nghèo, hộ cận nghèo",
    "kết quả bình xét hộ nghèo",
    "phương án bồi thường, hỗ trợ, tái định cư",
    "quy hoạch sử dụng đất",
    "kế hoạch sử dụng đất hằng năm",
    "thu, chi quỹ phòng chống thiên tai",
    "các khoản đóng góp của Nhân dân",
    "danh sách thanh niên nhập ngũ",
    "kết quả tiếp công dân",
    "thủ tục hành chính thuộc thẩm quyền giải quyết của xã",
    "mức thu phí, lệ phí",
    "kết quả thanh tra, kiểm tra",
    "danh sách đối tượng hưởng trợ cấp xã hội",
    "quy chế thực hiện dân chủ ở cơ sở",
    "tài sản công của xã",
    "kết quả lấy phiếu tín nhiệm",
];
const ARTICLE_TOPICS: &[&str] = &[
    "Hội nghị sơ kết công tác dân vận",
    "Ra quân làm đường giao thông nông thôn",
    "Tiêm phòng cho đàn gia súc, gia cầm",
    "Khánh thành nhà văn hóa thôn",
    "Đại hội chi bộ nhiệm kỳ mới",
    "Tổng kết phong trào Dân vận khéo",
    "Trao quà cho hộ nghèo dịp Tết",
    "Diễn tập phòng chống lụt bão",
    "Khai giảng năm học mới",
    "Hiến máu tình nguyện",
    "Ra mắt mô hình tổ tự quản an ninh trật tự",
    "Lắp đặt hệ thống nước sạch",
    "Đối thoại giữa lãnh đạo xã với Nhân dân",
    "Ngày hội đại đoàn kết toàn dân tộc",
    "Hội thi tuyên truyền pháp luật",
    "Thu hoạch lúa vụ mùa",
    "Chuyển đổi số trong cải cách hành chính",
    "Vệ sinh môi trường, thu gom rác thải",
    "Khen thưởng học sinh giỏi",
    "Tập huấn kỹ thuật trồng rau an toàn",
];
const PLACES: &[&str] = &[
    "thôn Đông",
    "thôn Đoài",
    "thôn Trung",
    "xóm Chùa",
    "xóm Bến",
    "tổ dân phố số 3",
    "khu Gò Cao",
    "thôn Bãi Ngô",
    "thôn Cầu Tre",
    "thôn Hạ",
];
const BODIES: &[&str] = &[
    "Thực hiện Luật Thực hiện dân chủ ở cơ sở, Ủy ban nhân dân xã công khai nội dung này tại trụ sở và nhà văn hóa các thôn trong 30 ngày liên tục.",
    "Tham dự có đại diện Đảng ủy, Hội đồng nhân dân, Ủy ban nhân dân, Ủy ban Mặt trận Tổ quốc xã và các đoàn thể chính trị - xã hội.",
    "Tổng kinh phí thực hiện là {n} triệu đồng, trong đó Nhân dân đóng góp {m} triệu đồng và ngân sách xã hỗ trợ phần còn lại.",
    "Các hộ gia đình có ý kiến xin gửi về bộ phận một cửa hoặc trưởng thôn trước ngày {d} tháng {t}.",
    "Đồng chí Chủ tịch Ủy ban nhân dân xã yêu cầu các thôn tuyên truyền để Nhân dân biết, bàn và thực hiện.",
    "Qua rà soát, toàn xã có {n} hộ thuộc diện được hỗ trợ, tăng {m} hộ so với cùng kỳ năm trước.",
    "Công trình dài {n} mét, rộng {m} mét, được thi công trong {d} ngày với sự tham gia của hàng trăm ngày công lao động.",
    "Ban Thanh tra nhân dân và Ban Giám sát đầu tư của cộng đồng giám sát việc thực hiện theo quy định.",
    "Kết quả này là cơ sở để xã xây dựng kế hoạch năm sau, chú trọng nâng cao đời sống vật chất và tinh thần của Nhân dân.",
    "Mọi thắc mắc, kiến nghị được tiếp nhận tại buổi tiếp công dân định kỳ vào thứ Năm hằng tuần.",
    "Hội nghị đã biểu dương {n} tập thể và {m} cá nhân có thành tích xuất sắc trong phong trào thi đua.",
    "Lực lượng dân quân, đoàn viên thanh niên và hội viên phụ nữ đã ra quân dọn vệ sinh, khơi thông cống rãnh.",
];
/// The queries timed: what visitors type, with and without diacritics, common and rare.
const QUERIES: &[&str] = &[
    "quyết toán ngân sách",
    "quyet toan ngan sach",
    "hộ nghèo",
    "ho can ngheo",
    "đường giao thông nông thôn",
    "duong giao thong",
    "tiêm phòng",
    "bồi thường tái định cư",
    "phòng chống thiên tai",
    "dai hoi chi bo",
    "nước sạch",
    "khen thuong hoc sinh gioi",
    "tiếp công dân",
    "dân vận khéo",
    "ngân sách",
    "xã",
    "nhân dân",
    "năm 2025",
    "thu phi le phi",
    "cầu tre",
];

fn percentile(sorted: &[f64], p: f64) -> f64 {
    let at = ((sorted.len() as f64 - 1.0) * p).round() as usize;
    sorted[at.min(sorted.len() - 1)]
}

fn fill(rng: &mut StdRng, template: &str) -> String {
    template
        .replace("{n}", &rng.random_range(2..900).to_string())
        .replace("{m}", &rng.random_range(1..90).to_string())
        .replace("{d}", &rng.random_range(1..28).to_string())
        .replace("{t}", &rng.random_range(1..12).to_string())
}

fn document(rng: &mut StdRng, i: usize, commune: &Unit) -> Doc {
    let year = rng.random_range(2019..=2026);
    let place = PLACES[rng.random_range(0..PLACES.len())];
    let sentences = rng.random_range(4..=9);
    let mut body = String::new();
    for _ in 0..sentences {
        let sentence = BODIES[rng.random_range(0..BODIES.len())];
        body.push_str(&fill(rng, sentence));
        body.push(' ');
    }
    let published_at =
        chrono::NaiveDate::from_ymd_opt(year, rng.random_range(1..=12), rng.random_range(1..=28));
    if i.is_multiple_of(2) {
        let topic = DISCLOSURE_TOPICS[rng.random_range(0..DISCLOSURE_TOPICS.len())];
        Doc {
            source: "disclosure",
            reference: i.to_string(),
            unit_id: commune.id,
            kind_key: KIND_DISCLOSURE,
            title: format!("Công khai {topic} năm {year}"),
            body: format!(
                "Số {}/QĐ-UBND của {}. {body}",
                rng.random_range(1..400),
                commune.name
            ),
            href: format!("/disclosures/{i}"),
            published_at,
        }
    } else {
        let topic = ARTICLE_TOPICS[rng.random_range(0..ARTICLE_TOPICS.len())];
        Doc {
            source: "article",
            reference: i.to_string(),
            unit_id: commune.id,
            kind_key: KIND_ARTICLE,
            title: format!("{} {place}", topic),
            body: format!("{} — {body}", commune.name),
            href: format!("/tin-tuc/{i}"),
            published_at,
        }
    }
}

async fn fresh(engine: &str, dir: &std::path::Path) -> (Db, Option<(Db, String)>) {
    let registry = Registry::default().with(UnitsModule);
    let (db, admin) = match engine {
        "sqlite" => (db::connect(None, &dir.join("sqlite")).await.unwrap(), None),
        _ => {
            let url = std::env::var("DINH_TEST_POSTGRES_URL").unwrap();
            let schema = format!("bench_search_{}", rand::random::<u32>());
            let admin = db::connect(Some(&url), dir).await.unwrap();
            admin
                .execute_script(&format!("CREATE SCHEMA {schema}"))
                .await
                .unwrap();
            (
                db::connect_postgres(&url, Some(&schema)).await.unwrap(),
                Some((admin, schema)),
            )
        }
    };
    registry.migrate(&db).await.unwrap();
    (db, admin)
}

#[tokio::main]
async fn main() {
    let args: Vec<String> = std::env::args().collect();
    let documents: usize = args.get(1).and_then(|a| a.parse().ok()).unwrap_or(100_000);
    let rounds: usize = args.get(2).and_then(|a| a.parse().ok()).unwrap_or(10);
    let dir = std::env::temp_dir().join(format!("dinh-bench-search-{}", rand::random::<u32>()));
    std::fs::create_dir_all(&dir).unwrap();
    let mut engines = vec!["sqlite"];
    if std::env::var("DINH_TEST_POSTGRES_URL").is_ok() {
        engines.push("postgresql");
    }
    // DINH_BENCH_ONLY=sqlite|postgresql runs one engine.
    if let Ok(only) = std::env::var("DINH_BENCH_ONLY") {
        engines.retain(|e| *e == only);
    }
    for engine in engines {
        let (db, admin) = fresh(engine, &dir).await;
        import_units(&db, UNITS_2025_CSV.as_bytes(), "bench")
            .await
            .unwrap();
        let codes: Vec<(String,)> = db
            .fetch_all(
                &query("SELECT code FROM units WHERE kind IN ('commune', 'ward') ORDER BY code LIMIT $1")
                    .bind(COMMUNES as i64),
            )
            .await
            .unwrap();
        let mut communes = Vec::new();
        for (code,) in codes {
            communes.push(store::by_code(&db, &code).await.unwrap().unwrap());
        }

        let mut rng = StdRng::seed_from_u64(2026);
        let t = Instant::now();
        let mut written = 0;
        while written < documents {
            let n = BATCH.min(documents - written);
            let docs: Vec<Doc> = (written..written + n)
                .map(|i| {
                    let c = &communes[rng.random_range(0..communes.len())];
                    document(&mut rng, i, c)
                })
                .collect();
            let mut tx = db.begin().await.unwrap();
            search::index_many(&mut tx, &docs).await.unwrap();
            tx.commit().await.unwrap();
            written += n;
        }
        let fill_secs = t.elapsed().as_secs_f64();
        if engine == "postgresql" {
            // What autovacuum does after a bulk load: the GIN index's pending list merged,
            // statistics gathered.
            db.execute_script("VACUUM ANALYZE search_documents")
                .await
                .unwrap();
        }
        println!(
            "{engine}: {documents} documents indexed in {fill_secs:.1} s ({:.0} documents/s)",
            documents as f64 / fill_secs
        );

        let mut site = Vec::new();
        let mut commune = Vec::new();
        let mut hits_site = 0usize;
        let mut hits_commune = 0usize;
        // One warm-up round, not counted.
        for round in 0..=rounds {
            for (i, q) in QUERIES.iter().enumerate() {
                let t = Instant::now();
                let h = search::find(&db, q, None, 20).await.unwrap();
                let ms = t.elapsed().as_secs_f64() * 1000.0;
                let within = &communes[(round * QUERIES.len() + i) % communes.len()];
                let t = Instant::now();
                let hc = search::find(&db, q, Some(within), 20).await.unwrap();
                let ms_c = t.elapsed().as_secs_f64() * 1000.0;
                if round > 0 {
                    site.push(ms);
                    commune.push(ms_c);
                    hits_site += h.len();
                    hits_commune += hc.len();
                }
            }
        }
        for (label, times, hits) in [
            ("whole site", &mut site, hits_site),
            ("within a commune", &mut commune, hits_commune),
        ] {
            times.sort_by(|a, b| a.total_cmp(b));
            println!(
                "{engine}: {label}: {} queries, median {:.1} ms, p95 {:.1} ms, max {:.1} ms ({:.1} hits per query)",
                times.len(),
                percentile(times, 0.5),
                percentile(times, 0.95),
                times.last().copied().unwrap_or(0.0),
                hits as f64 / times.len() as f64
            );
        }
        let mut all: Vec<f64> = site.iter().chain(commune.iter()).copied().collect();
        all.sort_by(|a, b| a.total_cmp(b));
        println!(
            "{engine}: all: median {:.1} ms, p95 {:.1} ms",
            percentile(&all, 0.5),
            percentile(&all, 0.95)
        );
        // The slowest queries, for whoever tunes this next.
        let mut per_query: Vec<(f64, &str)> = Vec::new();
        for q in QUERIES {
            let t = Instant::now();
            search::find(&db, q, None, 20).await.unwrap();
            per_query.push((t.elapsed().as_secs_f64() * 1000.0, q));
        }
        per_query.sort_by(|a, b| b.0.total_cmp(&a.0));
        let slowest: Vec<String> = per_query
            .iter()
            .take(4)
            .map(|(ms, q)| format!("\"{q}\" {ms:.1} ms"))
            .collect();
        println!(
            "{engine}: slowest over the whole site: {}",
            slowest.join(", ")
        );
        db.close().await;
        if let Some((admin, schema)) = admin {
            if std::env::var("DINH_BENCH_KEEP").is_ok() {
                println!("{engine}: kept schema {schema}");
                continue;
            }
            admin
                .execute_script(&format!("DROP SCHEMA {schema} CASCADE"))
                .await
                .unwrap();
            admin.close().await;
        }
    }
    let _ = std::fs::remove_dir_all(&dir);
}
