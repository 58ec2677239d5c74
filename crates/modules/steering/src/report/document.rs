//! The review report as the secretary would type it: an administrative document (DOCX,
//! Decree 30/2020/NĐ-CP) of the committee, and its tables as spreadsheets (XLSX).

use dinh_platform::documents::{AdministrativeDocument, Block, Sheet, Signature};

use super::figures::{Figures, show_number};
use super::store::Report;

const HEADERS: [&str; 6] = [
    "STT",
    "Chỉ tiêu",
    "Đơn vị tính",
    "Kỳ báo cáo",
    "Kỳ trước",
    "Tăng (+), giảm (-)",
];

/// A number for a spreadsheet cell: plain digits and a decimal point, so the cell is a number;
/// empty for missing data.
fn raw(v: Option<f64>) -> String {
    v.map(|v| {
        let r = (v * 100.0).round() / 100.0;
        if r.fract() == 0.0 {
            format!("{r:.0}")
        } else {
            format!("{r}")
        }
    })
    .unwrap_or_default()
}

fn sheet_lines(f: &Figures) -> Vec<Vec<String>> {
    f.rows
        .iter()
        .enumerate()
        .map(|(i, r)| {
            vec![
                (i + 1).to_string(),
                r.name_vi.clone(),
                r.unit.clone(),
                raw(r.value),
                raw(r.previous),
                raw(r.change()),
            ]
        })
        .collect()
}

fn figure_lines(f: &Figures) -> Vec<Vec<String>> {
    f.rows
        .iter()
        .enumerate()
        .map(|(i, r)| {
            let name = if r.approximate {
                format!("{} (*)", r.name_vi)
            } else {
                r.name_vi.clone()
            };
            vec![
                (i + 1).to_string(),
                name,
                r.unit.clone(),
                show_number(r.value, &r.unit),
                show_number(r.previous, &r.unit),
                r.change().map_or_else(
                    || "—".to_owned(),
                    |c| {
                        let s = show_number(Some(c), &r.unit);
                        if c > 0.0 { format!("+{s}") } else { s }
                    },
                ),
            ]
        })
        .collect()
}

fn paragraphs(text: &str) -> Vec<Block> {
    let blocks: Vec<Block> = text
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .map(|l| Block::Paragraph(l.to_owned()))
        .collect();
    if blocks.is_empty() {
        vec![Block::Paragraph("(Chưa có nội dung.)".to_owned())]
    } else {
        blocks
    }
}

/// "Xã Phù Đổng" → "xã Phù Đổng", as the name reads inside a sentence.
pub fn lower_first(name: &str) -> String {
    let mut chars = name.chars();
    chars
        .next()
        .map(|c| c.to_lowercase().chain(chars).collect())
        .unwrap_or_default()
}

/// The report as an administrative document of the committee, ready to sign.
pub fn document(report: &Report) -> AdministrativeDocument {
    let f = &report.version.figures;
    let unit_name = &report.unit.name;
    let period = f.period.name_vi();
    let mut body = vec![Block::Paragraph(format!(
        "Ban Chỉ đạo xây dựng và thực hiện Quy chế dân chủ ở cơ sở {} báo cáo kết quả {} như sau:",
        lower_first(unit_name),
        period
    ))];
    body.push(Block::Heading("I. KẾT QUẢ ĐẠT ĐƯỢC".into()));
    body.extend(paragraphs(&report.version.narrative.results));
    body.push(Block::Paragraph(format!(
        "Số liệu thực hiện {} so với {} (tổng hợp từ hệ thống Đình ngày {}):",
        period,
        f.previous.name_vi(),
        f.computed_at
            .get(..10)
            .map(dinh_platform::time::show_date)
            .unwrap_or_default()
    )));
    body.push(Block::Table {
        headers: HEADERS.iter().map(|h| (*h).to_owned()).collect(),
        rows: figure_lines(f),
    });
    let mut notes = vec!["Dấu “—”: chưa có số liệu.".to_owned()];
    if f.rows.iter().any(|r| r.approximate) {
        notes.push(
            "(*) Tỷ lệ bình quân (không gia quyền) của đơn vị và các đơn vị cũ trước sắp xếp."
                .to_owned(),
        );
    }
    if !f.inherited.is_empty() {
        let names: Vec<String> = f.inherited.iter().map(|i| i.name.clone()).collect();
        notes.push(format!(
            "Số liệu trước ngày sắp xếp đơn vị hành chính gồm cả các đơn vị cũ: {}.",
            names.join(", ")
        ));
    }
    body.push(Block::Paragraph(notes.join(" ")));
    body.push(Block::Heading("II. HẠN CHẾ, KHÓ KHĂN".into()));
    body.extend(paragraphs(&report.version.narrative.limitations));
    body.push(Block::Heading(
        "III. PHƯƠNG HƯỚNG, NHIỆM VỤ TRỌNG TÂM".into(),
    ));
    body.extend(paragraphs(&report.version.narrative.tasks_ahead));
    let place = unit_name
        .trim_start_matches("Xã ")
        .trim_start_matches("Phường ")
        .trim_start_matches("Thành phố ")
        .trim_start_matches("Tỉnh ")
        .to_owned();
    let date = report
        .row
        .signed_on
        .as_deref()
        .and_then(dinh_platform::time::parse_date)
        .unwrap_or_else(dinh_platform::time::today_vn);
    AdministrativeDocument {
        parent_body: Some(report.committee.parent_body.to_uppercase()),
        issuing_body: "BAN CHỈ ĐẠO XÂY DỰNG VÀ THỰC HIỆN QUY CHẾ DÂN CHỦ Ở CƠ SỞ".into(),
        number: format!("Số: {}", report.row.number),
        place,
        date,
        kind: "BÁO CÁO".into(),
        subject: format!(
            "Kết quả xây dựng và thực hiện Quy chế dân chủ ở cơ sở {period}, phương hướng nhiệm vụ thời gian tới"
        ),
        body,
        signatures: vec![Signature {
            authority: Some("T/M BAN CHỈ ĐẠO".into()),
            title: report
                .row
                .signed_title
                .clone()
                .unwrap_or_else(|| "Trưởng Ban".into())
                .to_uppercase(),
            name: report.row.signed_by.clone().unwrap_or_default(),
        }],
        recipients: vec![
            "Thường trực cấp ủy (để b/c)".into(),
            "Ban Chỉ đạo cấp trên (để b/c)".into(),
            "Các thành viên Ban Chỉ đạo".into(),
            "Lưu: VT".into(),
        ],
    }
}

/// The figures table as a spreadsheet.
pub fn figures_sheet(report: &Report) -> Sheet {
    let f = &report.version.figures;
    let mut s = Sheet::new(
        format!("Số liệu {} — {}", f.period.name_vi(), report.unit.name),
        &HEADERS,
    );
    for line in sheet_lines(f) {
        s.push(line);
    }
    s
}

/// The lower units' figures (thôn of a commune, communes of a province) as a spreadsheet.
pub fn lower_sheet(report: &Report) -> Sheet {
    let f = &report.version.figures;
    let mut headers = vec!["Mã".to_owned(), "Đơn vị".to_owned()];
    headers.extend(f.rows.iter().map(|r| format!("{} ({})", r.name_vi, r.unit)));
    let mut s = Sheet {
        title: format!(
            "Số liệu theo đơn vị {} — {}",
            f.period.name_vi(),
            report.unit.name
        ),
        headers,
        rows: Vec::new(),
    };
    for l in &f.lower {
        let mut line = vec![l.code.clone(), l.name.clone()];
        line.extend(l.values.iter().map(|v| raw(*v)));
        s.push(line);
    }
    s
}
