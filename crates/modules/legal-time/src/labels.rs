//! Words for the pages and the command line, Vietnamese first.

use chrono::Weekday;
use dinh_calendar::DayOffKind;
use dinh_platform::web::i18n::Lang;

/// Name of a lunar month: "tháng Giêng" … "tháng Chạp" / "month 1" …, with "nhuận" / "leap".
pub(crate) fn lunar_month(lang: Lang, month: u8, leap: bool) -> String {
    const VI: [&str; 12] = [
        "Giêng",
        "Hai",
        "Ba",
        "Tư",
        "Năm",
        "Sáu",
        "Bảy",
        "Tám",
        "Chín",
        "Mười",
        "Mười Một",
        "Chạp",
    ];
    match lang {
        Lang::Vi => {
            let name = VI.get(usize::from(month).wrapping_sub(1)).unwrap_or(&"?");
            format!("tháng {name}{}", if leap { " nhuận" } else { "" })
        }
        Lang::En => format!("{}month {month}", if leap { "leap " } else { "" }),
    }
}

/// Short weekday heading and its full name, Monday first: ("T2", "Thứ Hai") / ("Mon", "Monday").
pub(crate) fn weekday(lang: Lang, day: Weekday) -> (&'static str, &'static str) {
    let vi = [
        ("T2", "Thứ Hai"),
        ("T3", "Thứ Ba"),
        ("T4", "Thứ Tư"),
        ("T5", "Thứ Năm"),
        ("T6", "Thứ Sáu"),
        ("T7", "Thứ Bảy"),
        ("CN", "Chủ nhật"),
    ];
    let en = [
        ("Mon", "Monday"),
        ("Tue", "Tuesday"),
        ("Wed", "Wednesday"),
        ("Thu", "Thursday"),
        ("Fri", "Friday"),
        ("Sat", "Saturday"),
        ("Sun", "Sunday"),
    ];
    let list = if lang == Lang::Vi { vi } else { en };
    list.get(day.num_days_from_monday() as usize)
        .copied()
        .unwrap_or(("", ""))
}

/// The machine code of a kind of day off: `statutory`, `compensatory`, `announced`.
pub(crate) fn kind_code(kind: DayOffKind) -> &'static str {
    match kind {
        DayOffKind::Statutory => "statutory",
        DayOffKind::Compensatory => "compensatory",
        DayOffKind::Announced => "announced",
    }
}

/// What a kind of day off is called: "Nghỉ lễ, tết" / "Public holiday" …
pub(crate) fn kind_label(lang: Lang, kind: DayOffKind) -> &'static str {
    match (kind, lang) {
        (DayOffKind::Statutory, Lang::Vi) => "Nghỉ lễ, tết",
        (DayOffKind::Statutory, Lang::En) => "Public holiday",
        (DayOffKind::Compensatory, Lang::Vi) => "Nghỉ bù",
        (DayOffKind::Compensatory, Lang::En) => "Compensatory day off",
        (DayOffKind::Announced, Lang::Vi) => "Nghỉ theo thông báo",
        (DayOffKind::Announced, Lang::En) => "Announced day off",
    }
}

/// The unit of a rule row in words ("" when the code is unknown or empty).
pub(crate) fn rule_unit(lang: Lang, code: &str) -> &'static str {
    let (vi, en) = match code {
        "calendar_days" => ("ngày", "days"),
        "working_days" => ("ngày làm việc", "working days"),
        "months" => ("tháng", "months"),
        "years" => ("năm", "years"),
        "per_week" => ("lần mỗi tuần", "per week"),
        "per_month" => ("lần mỗi tháng", "per month"),
        "per_quarter" => ("lần mỗi quý", "per quarter"),
        "per_year" => ("lần mỗi năm", "per year"),
        "all_households" => ("tổng số hộ", "of all households"),
        "all_villages" => ("tổng số thôn", "of all villages"),
        "present" => ("số người có mặt", "of those present"),
        "all_members" => ("tổng số thành viên", "of all members"),
        "day_of_year" => ("ngày/tháng hằng năm", "day of the year"),
        "matter" => ("nội dung", "matter"),
        "category" => ("nhóm nội dung", "category"),
        "categories" => ("các nhóm nội dung", "categories"),
        _ => ("", ""),
    };
    if lang == Lang::Vi { vi } else { en }
}
