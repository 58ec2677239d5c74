//! Names of channels, places and states, Vietnamese first.

use dinh_platform::web::i18n::Lang;

/// The name of a channel code.
pub(crate) fn channel(lang: Lang, code: &str) -> &'static str {
    let (vi, en) = match code {
        "website" => ("Trang thông tin điện tử", "Website"),
        "notice_board" => ("Niêm yết", "Notice board"),
        "permanent_posting" => ("Niêm yết thường xuyên", "Permanent posting"),
        "loudspeaker" => ("Truyền thanh", "Loudspeaker"),
        "village_head" => ("Qua trưởng thôn đến hộ", "Via the village head"),
        "office_board" => ("Niêm yết tại cơ quan", "Office notice board"),
        _ => ("Khác", "Other"),
    };
    if lang == Lang::Vi { vi } else { en }
}

/// The name of a place kind.
pub(crate) fn place_kind(lang: Lang, code: &str) -> &'static str {
    let (vi, en) = match code {
        "commune_office" => ("Trụ sở UBND", "Commune office"),
        "village_cultural_house" => ("Nhà văn hóa", "Cultural house"),
        "village" => ("Các hộ trong thôn", "Households of the thôn"),
        "office" => ("Trụ sở cơ quan", "Office"),
        _ => ("Toàn xã", "Whole commune"),
    };
    if lang == Lang::Vi { vi } else { en }
}

/// The name of a duty's state.
pub(crate) fn state(lang: Lang, code: &str) -> &'static str {
    let (vi, en) = match code {
        "met" => ("Đã thực hiện", "Met"),
        "met_late" => ("Thực hiện muộn", "Met late"),
        "running" => ("Đang niêm yết", "Running"),
        "ended_early" => ("Gỡ trước thời hạn", "Taken down early"),
        "due" => ("Chưa đến hạn", "Due"),
        _ => ("Quá hạn, chưa thực hiện", "Overdue, not done"),
    };
    if lang == Lang::Vi { vi } else { en }
}
