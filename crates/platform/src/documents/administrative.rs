//! The administrative document (văn bản hành chính) laid out as Decree 30/2020/NĐ-CP, Phụ lục I
//! asks: A4, Times New Roman, the issuing body and the national motto side by side, the number
//! and the place and date, the kind and subject of the document centred, the body, the
//! signature block and the recipients (nơi nhận).

use chrono::{Datelike, NaiveDate};
use docx_rs::{
    AlignmentType, Docx, PageMargin, Paragraph, Run, RunFonts, Table, TableCell, TableRow,
    WidthType,
};

/// Page geometry in twentieths of a point: A4, margins top/bottom 20 mm, left 30 mm, right 15 mm.
const A4: (u32, u32) = (11_906, 16_838);
const TEXT_WIDTH: usize = 11_906 - 1_701 - 851;
/// Sizes in half-points.
const BODY: usize = 28;
const HEADER: usize = 26;
const SMALL: usize = 22;

/// One part of a document's body.
#[derive(Debug, Clone)]
pub enum Block {
    /// A heading in bold (e.g. "I. KẾT QUẢ ĐẠT ĐƯỢC").
    Heading(String),
    /// A justified paragraph with a first-line indent.
    Paragraph(String),
    /// A table with a bold heading row and borders.
    Table {
        /// Column headings.
        headers: Vec<String>,
        /// Rows.
        rows: Vec<Vec<String>>,
    },
}

/// A signature block: e.g. authority "TM. ỦY BAN NHÂN DÂN", title "CHỦ TỊCH", and the name.
#[derive(Debug, Clone)]
pub struct Signature {
    /// On whose behalf (TM., KT., Q.), if any.
    pub authority: Option<String>,
    /// The signer's position.
    pub title: String,
    /// The signer's full name (blank to sign by hand).
    pub name: String,
}

/// An administrative document of Decree 30/2020/NĐ-CP.
#[derive(Debug, Clone)]
pub struct AdministrativeDocument {
    /// The body above the issuer (cơ quan chủ quản), e.g. "UBND THÀNH PHỐ HÀ NỘI", if any.
    pub parent_body: Option<String>,
    /// The issuing body (cơ quan ban hành), e.g. "ỦY BAN NHÂN DÂN XÃ PHÙ ĐỔNG".
    pub issuing_body: String,
    /// The number and symbol without "Số:", e.g. "12/BC-UBND" (blank to fill in by hand).
    pub number: String,
    /// The place name in the date line, e.g. "Phù Đổng".
    pub place: String,
    /// The date of issue.
    pub date: NaiveDate,
    /// The kind of document, e.g. "BÁO CÁO", "DANH MỤC", "BIÊN BẢN".
    pub kind: String,
    /// What it is about (trích yếu nội dung).
    pub subject: String,
    /// The body.
    pub body: Vec<Block>,
    /// The signature blocks, side by side (a biên bản has several).
    pub signatures: Vec<Signature>,
    /// Recipients (nơi nhận).
    pub recipients: Vec<String>,
}

/// The date line of Decree 30/2020: "Phù Đổng, ngày 05 tháng 01 năm 2026" (a zero before days
/// under 10 and before months 1 and 2).
pub fn vietnamese_date_line(place: &str, date: NaiveDate) -> String {
    let month = if date.month() <= 2 {
        format!("{:02}", date.month())
    } else {
        date.month().to_string()
    };
    format!(
        "{place}, ngày {:02} tháng {month} năm {}",
        date.day(),
        date.year()
    )
}

fn text(s: &str, size: usize) -> Run {
    Run::new().add_text(s).size(size)
}

fn centred(run: Run) -> Paragraph {
    Paragraph::new().add_run(run).align(AlignmentType::Center)
}

fn cell(width: usize, paragraphs: Vec<Paragraph>) -> TableCell {
    paragraphs
        .into_iter()
        .fold(TableCell::new().width(width, WidthType::Dxa), |c, p| {
            c.add_paragraph(p)
        })
}

/// Several documents in one DOCX, each starting on a new page (e.g. one ballot per household).
pub fn docx_all(docs: &[AdministrativeDocument]) -> anyhow::Result<Vec<u8>> {
    let fonts = RunFonts::new()
        .ascii("Times New Roman")
        .hi_ansi("Times New Roman")
        .cs("Times New Roman")
        .east_asia("Times New Roman");
    let mut doc = Docx::new()
        .page_size(A4.0, A4.1)
        .page_margin(
            PageMargin::new()
                .top(1_134)
                .bottom(1_134)
                .left(1_701)
                .right(851),
        )
        .default_fonts(fonts)
        .default_size(BODY);
    for (i, d) in docs.iter().enumerate() {
        if i > 0 {
            doc = doc.add_paragraph(
                Paragraph::new().add_run(Run::new().add_break(docx_rs::BreakType::Page)),
            );
        }
        doc = d.append(doc);
    }
    let mut out = std::io::Cursor::new(Vec::new());
    doc.build().pack(&mut out)?;
    Ok(out.into_inner())
}

impl AdministrativeDocument {
    /// The document as DOCX bytes.
    pub fn docx(&self) -> anyhow::Result<Vec<u8>> {
        docx_all(std::slice::from_ref(self))
    }

    /// Appends this document's parts to `doc`.
    fn append(&self, doc: Docx) -> Docx {
        let mut doc = doc
            .add_table(self.header())
            .add_paragraph(Paragraph::new())
            .add_paragraph(centred(text(&self.kind.to_uppercase(), BODY).bold()))
            .add_paragraph(centred(text(&self.subject, BODY).bold()))
            .add_paragraph(centred(text("__________", BODY)))
            .add_paragraph(Paragraph::new());
        for block in &self.body {
            doc = match block {
                Block::Heading(h) => {
                    doc.add_paragraph(Paragraph::new().add_run(text(h, BODY).bold()).indent(
                        Some(567),
                        None,
                        None,
                        None,
                    ))
                }
                Block::Paragraph(p) => doc.add_paragraph(
                    Paragraph::new()
                        .add_run(text(p, BODY))
                        .align(AlignmentType::Both)
                        .indent(
                            None,
                            Some(docx_rs::SpecialIndentType::FirstLine(567)),
                            None,
                            None,
                        ),
                ),
                Block::Table { headers, rows } => doc
                    .add_table(table(headers, rows))
                    .add_paragraph(Paragraph::new()),
            };
        }
        doc.add_paragraph(Paragraph::new())
            .add_table(self.closing())
    }

    fn header(&self) -> Table {
        let left_width = TEXT_WIDTH * 2 / 5;
        let mut left = Vec::new();
        if let Some(parent) = &self.parent_body {
            left.push(centred(text(&parent.to_uppercase(), HEADER)));
        }
        left.push(centred(
            text(&self.issuing_body.to_uppercase(), HEADER).bold(),
        ));
        left.push(centred(text("_______", HEADER)));
        let number = if self.number.is_empty() {
            "Số:      /".to_owned()
        } else {
            format!("Số: {}", self.number)
        };
        left.push(centred(text(&number, HEADER)));
        let right = vec![
            centred(text("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", HEADER).bold()),
            centred(text("Độc lập - Tự do - Hạnh phúc", BODY).bold()),
            centred(text("________________________", HEADER)),
            centred(text(&vietnamese_date_line(&self.place, self.date), BODY).italic()),
        ];
        Table::without_borders(vec![TableRow::new(vec![
            cell(left_width, left),
            cell(TEXT_WIDTH - left_width, right),
        ])])
        .width(TEXT_WIDTH, WidthType::Dxa)
    }

    /// Recipients on the left, the signature blocks on the right (several: side by side).
    fn closing(&self) -> Table {
        let mut recipients =
            vec![Paragraph::new().add_run(text("Nơi nhận:", HEADER).bold().italic())];
        for r in &self.recipients {
            recipients.push(Paragraph::new().add_run(text(&format!("- {r};"), SMALL)));
        }
        let count = self.signatures.len().max(1);
        let sign_width = if count == 1 {
            TEXT_WIDTH / 2
        } else {
            TEXT_WIDTH / (count + 1)
        };
        let mut cells = vec![cell(TEXT_WIDTH - sign_width * count, recipients)];
        for s in &self.signatures {
            let mut lines = Vec::new();
            if let Some(a) = &s.authority {
                lines.push(centred(text(&a.to_uppercase(), HEADER).bold()));
            }
            lines.push(centred(text(&s.title.to_uppercase(), HEADER).bold()));
            lines.push(centred(text("(Ký, ghi rõ họ tên)", SMALL).italic()));
            for _ in 0..3 {
                lines.push(Paragraph::new());
            }
            lines.push(centred(text(&s.name, BODY).bold()));
            cells.push(cell(sign_width, lines));
        }
        Table::without_borders(vec![TableRow::new(cells)]).width(TEXT_WIDTH, WidthType::Dxa)
    }
}

fn table(headers: &[String], rows: &[Vec<String>]) -> Table {
    let width = TEXT_WIDTH / headers.len().max(1);
    let head = TableRow::new(
        headers
            .iter()
            .map(|h| cell(width, vec![centred(text(h, HEADER).bold())]))
            .collect(),
    );
    let body = rows.iter().map(|r| {
        TableRow::new(
            r.iter()
                .map(|v| cell(width, vec![Paragraph::new().add_run(text(v, HEADER))]))
                .collect(),
        )
    });
    Table::new(std::iter::once(head).chain(body).collect()).width(TEXT_WIDTH, WidthType::Dxa)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample() -> AdministrativeDocument {
        AdministrativeDocument {
            parent_body: Some("UBND thành phố Hà Nội".into()),
            issuing_body: "Ủy ban nhân dân xã Phù Đổng".into(),
            number: "12/DM-UBND".into(),
            place: "Phù Đổng".into(),
            date: NaiveDate::from_ymd_opt(2026, 1, 5).unwrap_or_default(),
            kind: "Danh mục".into(),
            subject: "Thông tin đã công khai quý IV năm 2025".into(),
            body: vec![
                Block::Heading("I. DANH MỤC".into()),
                Block::Table {
                    headers: vec!["STT".into(), "Nội dung".into()],
                    rows: vec![vec![
                        "1".into(),
                        "Dự toán ngân sách <2026> & kế hoạch".into(),
                    ]],
                },
            ],
            signatures: vec![Signature {
                authority: Some("TM. Ủy ban nhân dân".into()),
                title: "Chủ tịch".into(),
                name: "Nguyễn Văn An".into(),
            }],
            recipients: vec!["UBMTTQ xã".into(), "Lưu: VT".into()],
        }
    }

    #[test]
    fn date_line_pads_as_the_decree_asks() {
        let d = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).unwrap_or_default();
        assert_eq!(
            vietnamese_date_line("Phù Đổng", d(2026, 1, 5)),
            "Phù Đổng, ngày 05 tháng 01 năm 2026"
        );
        assert_eq!(
            vietnamese_date_line("Phù Đổng", d(2026, 11, 23)),
            "Phù Đổng, ngày 23 tháng 11 năm 2026"
        );
        assert_eq!(
            vietnamese_date_line("Hà Nội", d(2026, 3, 9)),
            "Hà Nội, ngày 09 tháng 3 năm 2026"
        );
    }

    #[test]
    fn docx_reads_back_with_header_motto_and_escaped_text() -> anyhow::Result<()> {
        let bytes = sample().docx()?;
        let doc = docx_rs::read_docx(&bytes)?;
        let json = doc.json();
        for needle in [
            "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
            "Độc lập - Tự do - Hạnh phúc",
            "ỦY BAN NHÂN DÂN XÃ PHÙ ĐỔNG",
            "Số: 12/DM-UBND",
            "Phù Đổng, ngày 05 tháng 01 năm 2026",
            "DANH MỤC",
            "Dự toán ngân sách <2026> & kế hoạch",
            "Nơi nhận:",
            "Times New Roman",
        ] {
            assert!(json.contains(needle), "missing {needle}");
        }
        Ok(())
    }

    #[test]
    fn docx_all_puts_each_document_on_its_own_page() -> anyhow::Result<()> {
        let bytes = docx_all(&[sample(), sample(), sample()])?;
        let doc = docx_rs::read_docx(&bytes)?;
        let json = doc.json();
        assert_eq!(json.matches("\"breakType\"").count(), 2);
        assert_eq!(
            json.matches("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM").count(),
            3
        );
        Ok(())
    }
}
