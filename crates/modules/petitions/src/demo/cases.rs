//! The demo's cases: every kind in every state (on time, overdue, extended, resolved,
//! transferred, refused, joined), a protected denunciation among them.

use super::{HANDLER, Seed, person};
use crate::kinds::CaseKind;
use crate::kinds::Channel;
use crate::store::actions::Action;

pub(super) async fn cases(s: &Seed<'_>) -> anyhow::Result<()> {
    use CaseKind::*;
    use Channel::*;
    let on = |d: i64| s.ago(d);
    // Complaints.
    let c1 = s
        .case(
            Complaint,
            Reception,
            "Khiếu nại quyết định thu hồi đất nông nghiệp",
            "Không đồng ý mức bồi thường khi thu hồi 200 m² đất nông nghiệp tại xứ đồng Bãi Ngô.",
            90,
            person("Ông Hoàng Văn Bình", "Thôn Bãi Ngô"),
            0,
        )
        .await?;
    s.act(c1, Action::Accept { on: on(86) }).await?;
    s.act(c1, Action::Resolve { on: on(60), answer: "Quyết định giải quyết khiếu nại số 45/QĐ-UBND: giữ nguyên mức bồi thường, bổ sung hỗ trợ chuyển đổi nghề.".into() }).await?;
    s.act(c1, Action::Sent { on: on(59) }).await?;
    let c2 = s
        .case(
            Complaint,
            Mail,
            "Khiếu nại việc không cấp giấy phép sửa chữa nhà",
            "Hồ sơ nộp đủ nhưng UBND xã chưa cấp phép.",
            55,
            person("Bà Đinh Thị Mận", "Thôn Cầu Tre"),
            0,
        )
        .await?;
    s.act(c2, Action::Accept { on: on(50) }).await?; // resolve due 20 days ago: overdue
    s.case(
        Complaint,
        Online,
        "Khiếu nại quyết định xử phạt vi phạm hành chính",
        "Đề nghị xem xét lại quyết định xử phạt về trật tự xây dựng.",
        3,
        person("Ông Lý Văn Toàn", "Tổ dân phố Ga"),
        0,
    )
    .await?;
    let c4 = s
        .case(
            Complaint,
            Mail,
            "Khiếu nại về hỗ trợ hộ nghèo",
            "Gia đình đủ điều kiện nhưng không có tên trong danh sách.",
            40,
            person("Bà Dương Thị Lụa", "Thôn Xóm Chùa"),
            0,
        )
        .await?;
    s.act(c4, Action::Reject { on: on(35), reason: "Đã hết thời hiệu khiếu nại (quá 90 ngày); đã hướng dẫn công dân đề nghị xét bổ sung trong đợt rà soát tới.".into() }).await?;
    // Denunciations: one protected and extended, one fresh, one transferred.
    let d1 = s.case(Denunciation, Reception, "Tố cáo cán bộ địa chính cho thuê đất công trái phép", "Cán bộ địa chính xã cho một hộ thuê 500 m² đất công ích không qua đấu giá (nội dung đã bỏ thông tin người tố cáo).", 40, person("Ông Phạm Văn Kín", "Thôn Trung Hòa"), 2).await?;
    s.act(
        d1,
        Action::Assign {
            login: HANDLER.into(),
        },
    )
    .await?;
    s.act(d1, Action::Accept { on: on(35) }).await?;
    s.act(d1, Action::Sent { on: on(33) }).await?;
    s.act(
        d1,
        Action::Extend {
            on: on(7),
            decision: "12/QĐ-UBND gia hạn giải quyết tố cáo".into(),
        },
    )
    .await?;
    let d2 = s
        .case(
            Denunciation,
            Online,
            "Tố cáo thu tiền sai quy định khi cấp giấy xác nhận",
            "Bộ phận một cửa thu 200.000 đồng mỗi giấy xác nhận.",
            2,
            person("Bà Hà Thị Ẩn", "Tổ dân phố Chợ Mới"),
            0,
        )
        .await?;
    s.act(
        d2,
        Action::Assign {
            login: HANDLER.into(),
        },
    )
    .await?;
    let d3 = s
        .case(
            Denunciation,
            Mail,
            "Tố cáo cán bộ ngân hàng chính sách",
            "Nội dung thuộc thẩm quyền của cơ quan cấp trên.",
            12,
            person("Ông Bùi Văn Giấu", "Thôn Đông Đình"),
            0,
        )
        .await?;
    s.act(
        d3,
        Action::Transfer {
            on: on(9),
            to: "Thanh tra thành phố Hà Nội".into(),
        },
    )
    .await?;
    s.case(
        Denunciation,
        Online,
        "Tố cáo nặc danh về xây dựng trái phép",
        "Một hộ xây nhà trên đất nông nghiệp ở thôn Gò Gạo.",
        6,
        None,
        0,
    )
    .await?;
    // Recommendations and reports.
    let r1 = s
        .case(
            Recommendation,
            Online,
            "Kiến nghị lắp đèn chiếu sáng đường trục thôn",
            "Đường trục thôn Bến Sông tối, nhiều người đi làm về muộn.",
            25,
            person("Ông Trần Văn Sáng", "Thôn Bến Sông"),
            0,
        )
        .await?;
    s.act(
        r1,
        Action::Resolve {
            on: on(18),
            answer: "UBND xã đưa vào kế hoạch lắp 20 bóng đèn trong quý này.".into(),
        },
    )
    .await?;
    s.case(
        Recommendation,
        Reception,
        "Kiến nghị nạo vét kênh tiêu",
        "Kênh tiêu xứ đồng Gò Gạo bồi lắng, ngập úng khi mưa.",
        30,
        person("Bà Nguyễn Thị Mưa", "Thôn Gò Gạo"),
        0,
    )
    .await?; // overdue
    let r3 = s
        .case(
            Report,
            Online,
            "Phản ánh rác thải tồn đọng ven đê",
            "Rác tồn đọng đoạn đê gần bến đò hơn một tuần.",
            28,
            person("Ông Vũ Văn Sạch", "Tổ dân phố Hàng Tre"),
            0,
        )
        .await?;
    s.act(
        r3,
        Action::Resolve {
            on: on(5),
            answer: "Đã thu gom và bố trí thêm thùng rác.".into(),
        },
    )
    .await?; // answered late
    let r4 = s
        .case(
            Report,
            Mail,
            "Phản ánh rác thải tồn đọng ven đê (đơn trùng)",
            "Cùng nội dung đơn trước.",
            27,
            person("Bà Vũ Thị Gọn", "Tổ dân phố Hàng Tre"),
            0,
        )
        .await?;
    let code: String =
        s.db.scalar(
            &dinh_platform::db::query("SELECT tracking_code FROM petition_cases WHERE id = $1")
                .bind(r3),
        )
        .await?;
    let r5 = s
        .case(
            Report,
            Online,
            "Phản ánh tiếng ồn karaoke sau 22 giờ",
            "Hộ kinh doanh karaoke ở thôn Xóm Chùa mở nhạc to sau 22 giờ.",
            4,
            person("Ông Đỗ Văn Yên", "Thôn Xóm Chùa"),
            0,
        )
        .await?;
    let r6 = s
        .case(
            Report,
            Online,
            "Phản ánh tiếng ồn karaoke (đơn trùng)",
            "Cùng nội dung.",
            3,
            person("Bà Đỗ Thị Lặng", "Thôn Xóm Chùa"),
            0,
        )
        .await?;
    let code5: String =
        s.db.scalar(
            &dinh_platform::db::query("SELECT tracking_code FROM petition_cases WHERE id = $1")
                .bind(r5),
        )
        .await?;
    s.act(r6, Action::Join { into: code5 }).await?;
    s.act(
        r4,
        Action::Note {
            text: format!("Trùng nội dung với {code}, đã trả lời chung."),
        },
    )
    .await?;
    s.act(
        r4,
        Action::Resolve {
            on: on(5),
            answer: "Đã thu gom và bố trí thêm thùng rác (trả lời chung với đơn cùng nội dung)."
                .into(),
        },
    )
    .await?;
    // A dispute for mediation.
    s.case(
        Dispute,
        Reception,
        "Tranh chấp lối đi chung giữa hai hộ",
        "Hai hộ ở thôn Đông Đình tranh chấp lối đi chung rộng 1,5 m.",
        20,
        person("Ông Nguyễn Văn Lối", "Thôn Đông Đình"),
        0,
    )
    .await?;
    Ok(())
}
