//! The quarterly register (danh mục thông tin công khai, Điều 13(2)): everything a unit
//! published in a quarter, with form and time — for posting, and as DOCX, XLSX and CSV.

use chrono::NaiveDate;
use dinh_platform::documents::{AdministrativeDocument, Block, Sheet, Signature};
use dinh_platform::time::show_date;
use dinh_platform::units::Unit;

use crate::labels;
use crate::recurring::period_name;
use crate::store::RegisterRow;
use dinh_platform::web::i18n::Lang;

const HEADERS: [&str; 6] = [
    "STT",
    "Nội dung (Điều 11)",
    "Tên thông tin",
    "Số văn bản",
    "Ngày công khai",
    "Hình thức và thời điểm",
];

fn forms(row: &RegisterRow) -> String {
    row.channels
        .split(", ")
        .filter(|c| !c.is_empty())
        .map(|c| {
            let (code, day) = c.split_once(':').unwrap_or((c, ""));
            format!("{} ({})", labels::channel(Lang::Vi, code), show_date(day))
        })
        .collect::<Vec<_>>()
        .join("; ")
}

fn lines(rows: &[RegisterRow]) -> Vec<Vec<String>> {
    rows.iter()
        .enumerate()
        .map(|(i, r)| {
            vec![
                (i + 1).to_string(),
                r.category.to_string(),
                r.title.clone(),
                r.doc_number.clone(),
                show_date(&r.published_on),
                forms(r),
            ]
        })
        .collect()
}

/// "Xã Phù Đổng" → "xã Phù Đổng", as the name reads inside a sentence.
fn lower_first(name: &str) -> String {
    let mut chars = name.chars();
    chars
        .next()
        .map(|c| c.to_lowercase().chain(chars).collect())
        .unwrap_or_default()
}

/// The register as a table (XLSX, CSV).
pub fn sheet(unit: &Unit, quarter: &str, rows: &[RegisterRow]) -> Sheet {
    let mut s = Sheet::new(
        format!(
            "Danh mục công khai {} — {}",
            period_name(quarter, false),
            unit.name
        ),
        &HEADERS,
    );
    for line in lines(rows) {
        s.push(line);
    }
    s
}

/// The register as an administrative document (DOCX) of the unit's People's Committee.
pub fn document(
    unit: &Unit,
    quarter: &str,
    rows: &[RegisterRow],
    date: NaiveDate,
) -> AdministrativeDocument {
    let place = unit
        .name
        .trim_start_matches("Xã ")
        .trim_start_matches("Phường ")
        .to_owned();
    AdministrativeDocument {
        parent_body: None,
        issuing_body: format!("Ủy ban nhân dân {}", lower_first(&unit.name)),
        number: String::new(),
        place,
        date,
        kind: "Danh mục".into(),
        subject: format!(
            "Thông tin đã công khai {}",
            period_name(quarter, false).to_lowercase()
        ),
        body: vec![
            Block::Paragraph(format!(
                "Thực hiện khoản 2 Điều 13 Luật Thực hiện dân chủ ở cơ sở, Ủy ban nhân dân {} công bố danh mục các thông tin đã công khai {} ({} thông tin) như sau:",
                lower_first(&unit.name),
                period_name(quarter, false).to_lowercase(),
                rows.len()
            )),
            Block::Table {
                headers: HEADERS.iter().map(|h| (*h).to_owned()).collect(),
                rows: lines(rows),
            },
        ],
        signatures: vec![Signature {
            authority: Some("TM. Ủy ban nhân dân".into()),
            title: "Chủ tịch".into(),
            name: String::new(),
        }],
        recipients: vec![
            "Thường trực HĐND".into(),
            "Ban Thường trực UBMTTQ Việt Nam".into(),
            "Niêm yết tại trụ sở và nhà văn hóa các thôn".into(),
            "Lưu: VT".into(),
        ],
    }
}
