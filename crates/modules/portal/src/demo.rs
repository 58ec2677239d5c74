//! The demo commune's portal: a dozen articles of its own across the categories (written for
//! the demo, about a commune's ordinary work), a draft, one scheduled for tomorrow and one taken
//! down with its reason; readers' comments, one held for moderation and an official reply; and
//! one open poll.

use chrono::{Duration, NaiveDate, Utc};
use dinh_platform::db::{Db, query};
use dinh_platform::demo::DEMO_COMMUNE;
use dinh_platform::write::Actor;

use crate::articles::write::{self, ArticleInput};
use crate::comments::{self, CommentInput};
use crate::polls::{self, PollInput};

/// One demo article: (category, title, summary, body paragraphs, days ago, views).
type DemoArticle = (
    &'static str,
    &'static str,
    &'static str,
    &'static [&'static str],
    i64,
    i64,
);

const ARTICLES: &[DemoArticle] = &[
    (
        "tin-tuc-hoat-dong",
        "Xã tổ chức hội nghị giao ban công tác dân chủ cơ sở quý IV",
        "Ban Chỉ đạo xã đánh giá kết quả quý và giao nhiệm vụ cho các thôn trước Tết.",
        &[
            "Sáng nay, Ban Chỉ đạo thực hiện dân chủ ở cơ sở của xã họp giao ban quý IV với đại diện các thôn và đoàn thể.",
            "Hội nghị nghe báo cáo về việc công khai dự toán ngân sách, kết quả tiếp công dân và việc lấy ý kiến của nhân dân về kế hoạch sử dụng đất.",
            "Đồng chí Trưởng ban đề nghị các thôn hoàn thành họp dân bàn việc làm đường liên thôn trước ngày 20 tháng Chạp.",
        ],
        2,
        154,
    ),
    (
        "thong-bao",
        "Lịch tiếp công dân của Chủ tịch UBND xã tháng 12",
        "Chủ tịch UBND xã tiếp công dân định kỳ vào sáng thứ Năm hằng tuần tại trụ sở.",
        &[
            "Thực hiện Luật Tiếp công dân, Chủ tịch UBND xã tiếp công dân định kỳ vào sáng thứ Năm hằng tuần, từ 7 giờ 30 đến 11 giờ, tại phòng tiếp công dân của trụ sở UBND xã.",
            "Công dân có thể gửi đơn trực tuyến và tra cứu tình trạng giải quyết trên cổng thông tin này.",
        ],
        4,
        98,
    ),
    (
        "cong-tac-dang",
        "Đảng bộ xã sơ kết sáu tháng thực hiện nghị quyết về xây dựng Đảng",
        "Hội nghị đánh giá việc sinh hoạt chi bộ và công tác kiểm tra, giám sát ở các chi bộ thôn.",
        &[
            "Đảng bộ xã tổ chức hội nghị sơ kết sáu tháng thực hiện nghị quyết về xây dựng, chỉnh đốn Đảng.",
            "Các chi bộ thôn duy trì nền nếp sinh hoạt; Ủy ban Kiểm tra đã giám sát hai chi bộ và kiến nghị khắc phục việc ghi biên bản.",
        ],
        7,
        77,
    ),
    (
        "dang-doan-the",
        "Hội Phụ nữ xã ra mắt mô hình \"Tiết kiệm vì hội viên nghèo\"",
        "Mỗi chi hội đóng góp hằng tháng để hỗ trợ vốn cho hội viên khó khăn.",
        &[
            "Hội Liên hiệp Phụ nữ xã vừa ra mắt mô hình tiết kiệm tại năm chi hội.",
            "Sau ba tháng, quỹ đã hỗ trợ vốn không lãi cho bốn hội viên để chăn nuôi và mở quầy hàng nhỏ.",
        ],
        10,
        63,
    ),
    (
        "tin-tuc-hoat-dong",
        "Nhân dân thôn 1 bàn và quyết định làm đường bê tông liên xóm",
        "Các hộ gia đình biểu quyết mức đóng góp và bầu ban giám sát công trình.",
        &[
            "Tại hội nghị thôn, các hộ gia đình đã bàn và biểu quyết việc làm tuyến đường bê tông dài 850 mét nối hai xóm.",
            "Mức đóng góp, danh sách hộ được miễn giảm và ban giám sát công trình được công khai tại nhà văn hóa thôn và trên cổng thông tin.",
        ],
        13,
        211,
    ),
    (
        "thong-bao",
        "Công khai dự toán ngân sách xã năm 2027",
        "Dự toán thu, chi ngân sách xã được niêm yết tại trụ sở và đăng trên cổng thông tin.",
        &[
            "UBND xã công khai dự toán ngân sách năm 2027 theo quy định về thực hiện dân chủ ở cơ sở.",
            "Mọi ý kiến về dự toán xin gửi về bộ phận một cửa hoặc góp ý trực tiếp dưới bài viết này.",
        ],
        16,
        132,
    ),
    (
        "dang-doan-the",
        "Đoàn Thanh niên ra quân làm sạch kênh mương nội đồng",
        "Hơn 80 đoàn viên tham gia nạo vét 3 km kênh tưới trước vụ Đông Xuân.",
        &[
            "Chiều chủ nhật, Đoàn Thanh niên xã phối hợp với hợp tác xã nông nghiệp ra quân làm sạch kênh mương.",
            "Hoạt động nằm trong phong trào thi đua \"Dân vận khéo\" của khối dân vận xã.",
        ],
        20,
        45,
    ),
    (
        "tin-tuc-hoat-dong",
        "Ban Thanh tra nhân dân xã giám sát việc chi trả trợ cấp",
        "Ban kiểm tra hồ sơ chi trả trợ cấp xã hội quý III tại hai thôn.",
        &[
            "Ban Thanh tra nhân dân xã đã giám sát việc lập danh sách và chi trả trợ cấp xã hội quý III.",
            "Ban kiến nghị UBND xã niêm yết danh sách đối tượng tại nhà văn hóa thôn ít nhất mười ngày trước khi chi trả.",
        ],
        24,
        58,
    ),
    (
        "cong-tac-dang",
        "Chi bộ thôn 2 sinh hoạt chuyên đề về lấy ý kiến nhân dân",
        "Chi bộ bàn cách để người dân góp ý vào dự thảo quy hoạch một cách thuận tiện.",
        &[
            "Chi bộ thôn 2 sinh hoạt chuyên đề về việc tổ chức lấy ý kiến nhân dân đối với dự thảo điều chỉnh quy hoạch.",
            "Các đảng viên được phân công đến từng cụm dân cư để giải thích và ghi nhận ý kiến.",
        ],
        29,
        39,
    ),
    (
        "thong-bao",
        "Thông báo lấy ý kiến về dự thảo quy ước thôn",
        "Thôn 3 lấy ý kiến các hộ về dự thảo quy ước sửa đổi trong 30 ngày.",
        &[
            "Ban công tác Mặt trận thôn 3 thông báo lấy ý kiến các hộ về dự thảo quy ước sửa đổi.",
            "Dự thảo được gửi đến từng hộ; ý kiến có thể ghi vào phiếu hoặc gửi qua tổ trưởng tổ tự quản.",
        ],
        33,
        84,
    ),
    (
        "dang-doan-the",
        "Hội Cựu chiến binh tặng quà gia đình chính sách",
        "Hai mươi suất quà được trao cho các gia đình chính sách và hội viên ốm đau.",
        &[
            "Nhân dịp kỷ niệm ngày thành lập Quân đội nhân dân, Hội Cựu chiến binh xã thăm và tặng quà các gia đình chính sách.",
        ],
        40,
        51,
    ),
    (
        "tin-tuc-hoat-dong",
        "Xã đối thoại với nhân dân về bồi thường giải phóng mặt bằng",
        "Lãnh đạo xã trả lời trực tiếp các câu hỏi của hộ dân có đất bị thu hồi.",
        &[
            "UBND xã phối hợp với Ủy ban Mặt trận Tổ quốc tổ chức đối thoại với các hộ có đất thu hồi để mở rộng đường huyện.",
            "Các ý kiến chưa trả lời được tại hội nghị sẽ được giải đáp bằng văn bản trong mười lăm ngày.",
        ],
        47,
        176,
    ),
];

/// A drawn picture for the demo (a sky, a field and a road, in colours that differ by `n`),
/// as a JPEG of 1,280 × 720.
fn illustration(n: u32) -> anyhow::Result<Vec<u8>> {
    let (w, h) = (1280u32, 720u32);
    let img = image::RgbImage::from_fn(w, h, |x, y| {
        let horizon = h * 11 / 20;
        if y < horizon {
            let t = y * 255 / horizon;
            image::Rgb([
                (120 + t / 4) as u8,
                (170 + t / 5) as u8,
                (230 - n * 20) as u8,
            ])
        } else if x.abs_diff(w / 2) < (y - horizon) / 2 + 10 {
            image::Rgb([150, 150, 145])
        } else {
            let stripe = ((x + y * 2) / 40 + n) % 2;
            image::Rgb([
                (40 + stripe * 25) as u8,
                (140 + stripe * 20 + n * 10) as u8,
                60,
            ])
        }
    });
    let mut out = Vec::new();
    image::DynamicImage::ImageRgb8(img).write_to(
        &mut std::io::Cursor::new(&mut out),
        image::ImageFormat::Jpeg,
    )?;
    Ok(out)
}

fn ago(days: i64, hour: u32) -> String {
    let day = (Utc::now() + Duration::hours(7)).date_naive() - Duration::days(days);
    let local = day.and_hms_opt(hour, 15, 0).unwrap_or_default() - Duration::hours(7);
    local
        .and_utc()
        .to_rfc3339_opts(chrono::SecondsFormat::Millis, true)
}

fn body(paragraphs: &[&str]) -> String {
    paragraphs
        .iter()
        .map(|p| format!("<p>{p}</p>"))
        .collect::<Vec<_>>()
        .join("\n")
}

pub(crate) async fn build(
    db: &Db,
    _today: NaiveDate,
    data_dir: &std::path::Path,
) -> anyhow::Result<()> {
    let Some(unit) = dinh_platform::units::store::by_code(db, DEMO_COMMUNE).await? else {
        return Ok(());
    };
    let actor = Actor::System("demo");
    let mut ids = Vec::new();
    for (i, (category, title, summary, paragraphs, days, views)) in ARTICLES.iter().enumerate() {
        let input = ArticleInput {
            category: (*category).to_owned(),
            title: (*title).to_owned(),
            summary: (*summary).to_owned(),
            body: body(paragraphs),
            comments_open: true,
        };
        let id = write::create(db, actor, &unit, &input).await?;
        write::publish(db, actor, &unit, id, None).await?;
        // The demo's history: each article published on its own day, read as often as a
        // commune's articles are.
        db.execute(
            &query("UPDATE portal_articles SET published_at = $1, views = $2, author_name = $3 WHERE id = $4")
                .bind(ago(*days, 8 + (i as u32 % 9)))
                .bind(*views)
                .bind("Văn phòng HĐND - UBND xã")
                .bind(id),
        )
        .await?;
        // The search shows the article with the day the demo gives it.
        let mut tx = db.begin().await?;
        crate::articles::search::sync(&mut tx, id).await?;
        tx.commit().await?;
        ids.push(id);
    }
    // Pictures for the first three articles, as an officer adds them from the edit page.
    for (n, id) in ids.iter().take(3).enumerate() {
        let Some(a) = crate::articles::by_id(db, *id).await? else {
            continue;
        };
        let mut staged = crate::images::Staged::empty();
        let mut p = crate::images::prepare(
            crate::images::dir(data_dir),
            illustration(n as u32)?,
            format!("minh-hoa-{n}.jpg"),
            &mut staged,
        )
        .await
        .map_err(anyhow::Error::msg)?;
        p.article_id = Some(a.id);
        p.unit_id = unit.id;
        p.alt = format!("Ảnh minh họa cho bài: {}", a.title);
        write::add_picture(db, actor, &unit, &a, &p).await?;
        staged.keep().await?;
    }
    // A draft, one scheduled for tomorrow morning, one taken down.
    let draft = ArticleInput {
        category: "tin-tuc-hoat-dong".into(),
        title: "Kết quả thu quỹ phòng chống thiên tai năm 2026 (bản nháp)".into(),
        summary: String::new(),
        body: "<p>Số liệu đang được các thôn tổng hợp.</p>".into(),
        comments_open: true,
    };
    write::create(db, actor, &unit, &draft).await?;
    let scheduled = ArticleInput {
        category: "thong-bao".into(),
        title: "Lịch họp thôn bàn kế hoạch năm 2027".into(),
        summary: String::new(),
        body: "<p>Các thôn họp trong tuần đầu tháng Một; lịch cụ thể của từng thôn kèm theo.</p>"
            .into(),
        comments_open: true,
    };
    let s = write::create(db, actor, &unit, &scheduled).await?;
    write::publish(db, actor, &unit, s, Some(&ago(-1, 7))).await?;
    let wrong = ArticleInput {
        category: "thong-bao".into(),
        title: "Thông báo lịch tiêm phòng (đăng nhầm ngày)".into(),
        summary: String::new(),
        body: "<p>Lịch tiêm phòng cho đàn gia cầm.</p>".into(),
        comments_open: false,
    };
    let w = write::create(db, actor, &unit, &wrong).await?;
    write::publish(db, actor, &unit, w, None).await?;
    write::unpublish(
        db,
        actor,
        &unit,
        w,
        "Đăng nhầm ngày tiêm; lịch đúng sẽ đăng lại.",
    )
    .await?;

    // Comments: the unit shows them at once in the demo, but one came while it still held them.
    let Some(road) = crate::articles::by_id(db, ids[4]).await? else {
        return Ok(());
    };
    let Some(budget) = crate::articles::by_id(db, ids[5]).await? else {
        return Ok(());
    };
    comments::set_holds(db, actor, &unit, false).await?;
    let first = CommentInput {
        name: "Nguyễn Văn Bình".into(),
        email: "binh.nv@vidu.vn".into(),
        body: "Gia đình tôi đồng ý mức đóng góp. Đề nghị công khai tiến độ thi công hằng tháng."
            .into(),
        ..CommentInput::default()
    };
    comments::send(db, &road, &unit, None, "demo-1", &first).await?;
    let second = CommentInput {
        name: "Trần Thị Hoa".into(),
        email: "hoa.tt@vidu.vn".into(),
        body: "Xin hỏi hộ nghèo được miễn đóng góp có cần làm đơn không?".into(),
        ..CommentInput::default()
    };
    comments::send(db, &road, &unit, None, "demo-2", &second).await?;
    let asked: Option<i64> = db
        .scalar_optional(
            &query("SELECT id FROM portal_comments WHERE article_id = $1 AND author_name = $2")
                .bind(road.id)
                .bind("Trần Thị Hoa"),
        )
        .await?;
    let reply = CommentInput {
        name: "UBND xã".into(),
        body: "Hộ nghèo có tên trong danh sách năm 2026 được miễn, không cần làm đơn. Danh sách đã niêm yết tại nhà văn hóa thôn.".into(),
        parent_id: asked,
        ..CommentInput::default()
    };
    let officer =
        match dinh_platform::accounts::store::account_by_login(db, "canbo.phudong@dinh.demo").await
        {
            Ok((id, _)) => dinh_platform::accounts::store::principal(db, id).await?,
            Err(_) => None,
        };
    if let Some(p) = &officer {
        comments::send(db, &road, &unit, Some(Actor::Person(p)), "demo-3", &reply).await?;
    }
    let budget_comment = CommentInput {
        name: "Lê Văn Sơn".into(),
        email: "son.lv@vidu.vn".into(),
        body: "Đề nghị ghi rõ khoản chi cho sửa chữa trường mầm non.".into(),
        ..CommentInput::default()
    };
    comments::send(db, &budget, &unit, None, "demo-4", &budget_comment).await?;
    comments::set_holds(db, actor, &unit, true).await?;
    let held = CommentInput {
        name: "Phạm Minh Tuấn".into(),
        email: "tuan.pm@vidu.vn".into(),
        body: "Khi nào thì xã công khai quyết toán năm trước?".into(),
        ..CommentInput::default()
    };
    comments::send(db, &budget, &unit, None, "demo-5", &held).await?;

    // One open poll.
    let poll = PollInput {
        question: "Gia đình bạn thấy họp thôn vào thời gian nào là thuận tiện nhất?".into(),
        options: vec![
            "Tối các ngày trong tuần".into(),
            "Sáng chủ nhật".into(),
            "Chiều chủ nhật".into(),
        ],
        opens_at: ago(5, 0),
        closes_at: ago(-25, 23),
    };
    let poll_id = polls::open(db, actor, &unit, &poll).await?;
    if let Some(p) = polls::by_id(db, poll_id).await? {
        let options = polls::tally(db, poll_id).await?;
        for (i, o) in options.iter().enumerate() {
            for n in 0..(3 + 2 * i) {
                polls::answer(db, &p, &format!("demo-visitor-{i}-{n}"), "demo", o.id).await?;
            }
        }
    }
    Ok(())
}
