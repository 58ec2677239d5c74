//! The module's part of the demonstration in Xã Phù Đổng (00541): the commune's land-use plan
//! open for comments, with comments from the website, a thôn meeting, the comment box and the
//! Farmers' Association, some already answered and taken into its second version; and the commune's democracy regulation,
//! consulted two months ago, every comment answered, closed with its synthesis. Everything goes
//! through the same procedures officers use.

use chrono::{Duration, NaiveDate};
use dinh_platform::db::{Db, query};
use dinh_platform::write::Actor;

use crate::ConsultationModule;
use crate::store::{self, CloseInput, CommentInput, DispositionInput, OpenInput};

const COMMUNE: &str = dinh_platform::demo::DEMO_COMMUNE;

fn dmy(d: NaiveDate) -> String {
    d.format("%d/%m/%Y").to_string()
}

const LAND_USE: &str = "Điều 1. Phạm vi điều chỉnh
Kế hoạch sử dụng đất năm 2027 của xã áp dụng cho toàn bộ diện tích tự nhiên của xã.

Điều 2. Đất nông nghiệp
Giữ ổn định diện tích đất trồng lúa; chuyển 2,5 ha đất trồng cây hằng năm ven đê sang trồng cây ăn quả.

Điều 3. Đất phát triển hạ tầng
Mở rộng đường trục thôn Đông Đình lên 6 m; xây dựng nhà văn hóa thôn Bến Sông trên diện tích 1.200 m².

Điều 4. Đất ở
Bố trí 1,8 ha đất ở mới tại khu Gò Gạo để giao đất tái định cư và đấu giá quyền sử dụng đất.";

/// The land-use plan's second version, after the first comments.
const LAND_USE_2: &str = "Điều 1. Phạm vi điều chỉnh
Kế hoạch sử dụng đất năm 2027 của xã áp dụng cho toàn bộ diện tích tự nhiên của xã.

Điều 2. Đất nông nghiệp
Giữ ổn định diện tích đất trồng lúa; chuyển 2,5 ha đất trồng cây hằng năm ven đê sang trồng cây ăn quả.

Điều 3. Đất phát triển hạ tầng
Mở rộng đường trục thôn Đông Đình lên 6,5 m, có điểm tránh xe tại hai đầu thôn; xây dựng nhà văn hóa thôn Bến Sông trên diện tích 1.200 m².

Điều 4. Đất ở
Bố trí 1,8 ha đất ở mới tại khu Gò Gạo để giao đất tái định cư và đấu giá quyền sử dụng đất.
Danh sách hộ được giao đất tái định cư được niêm yết tại nhà văn hóa thôn và trên cổng thông tin của xã.";

const REGULATION: &str = "Điều 1. Công khai thông tin
Ủy ban nhân dân xã niêm yết công khai tại trụ sở, nhà văn hóa các thôn và trên cổng thông tin của xã.

Điều 2. Tiếp công dân
Chủ tịch Ủy ban nhân dân xã tiếp công dân định kỳ ít nhất một ngày trong tuần.

Điều 3. Lấy ý kiến Nhân dân
Thời gian lấy ý kiến ít nhất 20 ngày kể từ ngày công khai dự thảo.";

fn comment(part: &str, body: &str, name: &str, contact: &str) -> CommentInput {
    CommentInput {
        part: part.into(),
        body: body.into(),
        name: name.into(),
        contact: contact.into(),
        ..CommentInput::default()
    }
}

fn entered(
    part: &str,
    channel: &str,
    source: &str,
    name: &str,
    body: &str,
    on: NaiveDate,
) -> CommentInput {
    CommentInput {
        part: part.into(),
        body: body.into(),
        name: name.into(),
        channel: channel.into(),
        source: source.into(),
        received_on: dmy(on),
        contact: String::new(),
        version: String::new(),
    }
}

fn answer(number: i64, kind: &str, text: &str) -> DispositionInput {
    DispositionInput {
        number: number.to_string(),
        disposition: kind.into(),
        answer: text.into(),
        changed_in: String::new(),
    }
}

/// The earliest closing day the pack allows for a consultation published on `opens`.
fn earliest(m: &ConsultationModule, opens: NaiveDate) -> anyhow::Result<NaiveDate> {
    let pack = m
        .rules()
        .in_force_on(opens)
        .map_err(|e| anyhow::anyhow!("{e}"))?;
    Ok(m.calendar()
        .due_after(opens, pack.consultation.min_duration.period())?
        .due)
}

/// Builds the demo's consultations.
pub(crate) async fn build(m: &ConsultationModule, db: &Db, today: NaiveDate) -> anyhow::Result<()> {
    let demo = Actor::System("demo");
    let village: Option<(String,)> = db
        .fetch_optional(
            &query(
                "SELECT v.name FROM units v JOIN units c ON c.id = v.parent_id
                 WHERE c.code = $1 ORDER BY v.code LIMIT 1",
            )
            .bind(COMMUNE),
        )
        .await?;
    let village = village.map_or_else(|| "Thôn Đông Đình".to_owned(), |v| v.0);

    // Open: the land-use plan, published five days ago.
    let opens = today - Duration::days(5);
    let closes = earliest(m, opens)?.max(today + Duration::days(10));
    let open = store::open(
        m,
        db,
        demo,
        &OpenInput {
            unit_code: COMMUNE.into(),
            matter: "2".into(),
            title: "Kế hoạch sử dụng đất năm 2027 của xã Phù Đổng".into(),
            summary: "Ủy ban nhân dân xã lấy ý kiến Nhân dân về dự thảo kế hoạch sử dụng đất năm 2027 trước khi trình Hội đồng nhân dân xã.".into(),
            draft: LAND_USE.into(),
            opens_on: dmy(opens),
            closes_on: dmy(closes),
            channels: vec!["website".into(), "meeting".into(), "box".into(), "organisation".into()],
        },
    )
    .await?;
    store::comment(
        db,
        None,
        open,
        &comment(
            "3",
            "Đề nghị mở rộng đường trục thôn Đông Đình lên 7 m để xe cứu hỏa đi được.",
            "Nguyễn Văn Hùng",
            "0912345001",
        ),
        "demo-web-1",
        today - Duration::days(4),
    )
    .await?;
    store::comment(
        db,
        None,
        open,
        &comment(
            "4",
            "Đề nghị công khai danh sách hộ được giao đất tái định cư tại khu Gò Gạo.",
            "Trần Thị Lan",
            "lan.tran@example.vn",
        ),
        "demo-web-2",
        today - Duration::days(3),
    )
    .await?;
    store::enter(
        m,
        db,
        demo,
        open,
        &entered(
            "2",
            "meeting",
            &format!("Hội nghị {village} ngày {}", dmy(today - Duration::days(2))),
            "Lê Văn Nam",
            "Giữ lại đất trồng cây hằng năm ven đê cho các hộ đang canh tác.",
            today - Duration::days(2),
        ),
        today,
    )
    .await?;
    store::enter(
        m,
        db,
        demo,
        open,
        &entered(
            "",
            "box",
            "Hòm thư góp ý tại trụ sở xã",
            "Người dân (không ghi tên)",
            "Nên tổ chức thêm buổi đối thoại với các hộ có đất bị thu hồi.",
            today - Duration::days(1),
        ),
        today,
    )
    .await?;
    store::enter(
        m,
        db,
        demo,
        open,
        &entered(
            "3",
            "organisation",
            "Hội Nông dân xã",
            "Hội Nông dân xã",
            "Bố trí bãi tập kết nông sản cạnh nhà văn hóa thôn Bến Sông.",
            today - Duration::days(1),
        ),
        today,
    )
    .await?;
    // The second version takes in the first two comments.
    store::publish_version(
        db,
        demo,
        open,
        &store::VersionInput {
            draft: LAND_USE_2.into(),
            published_on: dmy(today),
            note: "Tiếp thu ý kiến số 1 và số 2: mặt đường trục thôn Đông Đình 6,5 m; công khai danh sách hộ được giao đất tái định cư.".into(),
        },
        today,
    )
    .await?;
    let mut first = answer(
        1,
        "partly",
        "Dự thảo điều chỉnh mặt đường 6,5 m và bổ sung điểm tránh xe tại hai đầu thôn.",
    );
    first.changed_in = "2".into();
    store::dispose(db, demo, open, &first, today).await?;
    let mut second = answer(
        2,
        "accepted",
        "Bổ sung vào Điều 4: danh sách hộ được giao đất niêm yết tại nhà văn hóa thôn và trên cổng thông tin.",
    );
    second.changed_in = "2".into();
    store::dispose(db, demo, open, &second, today).await?;

    // Closed: the commune's democracy regulation, two months ago.
    let opens = today - Duration::days(60);
    let closes = earliest(m, opens)?;
    let done = store::open(
        m,
        db,
        demo,
        &OpenInput {
            unit_code: COMMUNE.into(),
            matter: "7".into(),
            title: "Quy chế thực hiện dân chủ ở xã Phù Đổng".into(),
            summary: "Dự thảo quy chế thực hiện dân chủ ở cơ sở của xã.".into(),
            draft: REGULATION.into(),
            opens_on: dmy(opens),
            closes_on: dmy(closes),
            channels: vec!["website".into(), "meeting".into(), "organisation".into()],
        },
    )
    .await?;
    let during = opens + Duration::days(3);
    store::comment(
        db,
        None,
        done,
        &comment(
            "1",
            "Đề nghị niêm yết thêm tại chợ xã.",
            "Phạm Thu Hương",
            "0912345002",
        ),
        "demo-web-3",
        during,
    )
    .await?;
    store::comment(
        db,
        None,
        done,
        &comment(
            "2",
            "Đề nghị tiếp công dân cả buổi sáng thứ Bảy.",
            "Hoàng Minh Tuấn",
            "0912345003",
        ),
        "demo-web-4",
        during,
    )
    .await?;
    store::enter(
        m,
        db,
        demo,
        done,
        &entered(
            "3",
            "meeting",
            &format!("Hội nghị {village}"),
            "Vũ Thị Mai",
            "Thời gian lấy ý kiến nên dài hơn vào mùa vụ.",
            during,
        ),
        during,
    )
    .await?;
    store::enter(
        m,
        db,
        demo,
        done,
        &entered(
            "",
            "organisation",
            "Hội Liên hiệp Phụ nữ xã",
            "Hội Liên hiệp Phụ nữ xã",
            "Đề nghị quy định rõ việc hỏi ý kiến trực tuyến.",
            during,
        ),
        during,
    )
    .await?;
    let answered = closes + Duration::days(1);
    store::dispose(
        db,
        demo,
        done,
        &answer(1, "accepted", "Bổ sung vào Điều 1: niêm yết tại chợ xã."),
        answered,
    )
    .await?;
    store::dispose(
        db,
        demo,
        done,
        &answer(
            2,
            "explained",
            "Lịch tiếp công dân theo Luật Tiếp công dân; thứ Bảy bố trí cán bộ trực tiếp nhận đơn.",
        ),
        answered,
    )
    .await?;
    store::dispose(db, demo, done, &answer(3, "partly", "Giữ thời hạn tối thiểu 20 ngày theo luật; vào mùa vụ Ủy ban nhân dân xã kéo dài lên 30 ngày."), answered).await?;
    store::dispose(
        db,
        demo,
        done,
        &answer(
            4,
            "out_of_scope",
            "Đã chuyển Ủy ban Mặt trận Tổ quốc xã để đưa vào hướng dẫn lấy ý kiến trực tuyến.",
        ),
        answered,
    )
    .await?;
    store::close(m, db, demo, done, &CloseInput { reason: "Điều 2 giữ lịch tiếp công dân theo Luật Tiếp công dân 2013; ngày thứ Bảy có cán bộ trực nhận đơn thay cho buổi tiếp định kỳ.".into() }, closes + Duration::days(3)).await?;
    Ok(())
}
