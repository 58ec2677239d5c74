//! The administrative document (văn bản hành chính) of Decree 30/2020/NĐ-CP as PDF: the same
//! parts as the DOCX (A4, margins 20/20/30/15 mm, the issuing body and the national motto side
//! by side, the kind and subject centred, the body, recipients and signatures), set in Tinos
//! (metric-compatible with Times New Roman, full Vietnamese coverage, SIL Open Font Licence,
//! `fonts/OFL.txt`), embedded and subset so the file prints the same everywhere.

use krilla::Document;
use krilla::geom::{PathBuilder, Point};
use krilla::metadata::Metadata;
use krilla::page::PageSettings;
use krilla::paint::{Fill, Stroke};
use krilla::text::{Font, TextDirection};

use super::administrative::{AdministrativeDocument, Block, vietnamese_date_line};

const REGULAR: &[u8] = include_bytes!("fonts/Tinos-Regular.ttf");
const BOLD: &[u8] = include_bytes!("fonts/Tinos-Bold.ttf");
const ITALIC: &[u8] = include_bytes!("fonts/Tinos-Italic.ttf");

/// A4 in points, and the margins of Decree 30/2020 (top/bottom 20 mm, left 30 mm, right 15 mm).
const PAGE_W: f32 = 595.28;
const PAGE_H: f32 = 841.89;
const LEFT: f32 = 85.04;
const RIGHT: f32 = 42.52;
const TOP: f32 = 56.69;
const BOTTOM: f32 = 56.69;
const TEXT_W: f32 = PAGE_W - LEFT - RIGHT;
/// Sizes in points (13-14 pt body, as the decree asks).
const BODY: f32 = 14.0;
const HEADER: f32 = 13.0;
const SMALL: f32 = 11.0;
/// First-line indent of a paragraph (1 cm).
const INDENT: f32 = 28.35;
/// Padding inside a table cell.
const PAD: f32 = 3.0;

#[derive(Clone, Copy, PartialEq, Eq)]
enum Style {
    Regular,
    Bold,
    Italic,
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Align {
    Left,
    Centre,
}

/// What is drawn on a page, in points from the top-left corner.
enum Op {
    Text {
        x: f32,
        y: f32,
        style: Style,
        size: f32,
        text: String,
    },
    Line {
        x1: f32,
        y1: f32,
        x2: f32,
        y2: f32,
    },
}

/// The three faces, for measuring text.
struct Faces {
    regular: ttf_parser::Face<'static>,
    bold: ttf_parser::Face<'static>,
    italic: ttf_parser::Face<'static>,
}

impl Faces {
    fn load() -> anyhow::Result<Self> {
        let parse = |data: &'static [u8]| {
            ttf_parser::Face::parse(data, 0).map_err(|e| anyhow::anyhow!("font: {e}"))
        };
        Ok(Self {
            regular: parse(REGULAR)?,
            bold: parse(BOLD)?,
            italic: parse(ITALIC)?,
        })
    }

    fn width(&self, style: Style, size: f32, text: &str) -> f32 {
        let face = match style {
            Style::Regular => &self.regular,
            Style::Bold => &self.bold,
            Style::Italic => &self.italic,
        };
        let units: u32 = text
            .chars()
            .map(|c| {
                let g = face.glyph_index(c).unwrap_or(ttf_parser::GlyphId(0));
                u32::from(face.glyph_hor_advance(g).unwrap_or(0))
            })
            .sum();
        #[allow(clippy::cast_precision_loss)]
        let w = units as f32 * size / f32::from(face.units_per_em());
        w
    }

    /// Breaks `text` into lines no wider than `first` (the first line) and `rest` (the others);
    /// a word longer than a line is cut between characters.
    fn wrap(&self, style: Style, size: f32, text: &str, first: f32, rest: f32) -> Vec<String> {
        let mut lines = Vec::new();
        for para in text.split('\n') {
            let mut line = String::new();
            for word in para.split_whitespace() {
                let limit = if lines.is_empty() { first } else { rest };
                let candidate = if line.is_empty() {
                    word.to_owned()
                } else {
                    format!("{line} {word}")
                };
                if self.width(style, size, &candidate) <= limit {
                    line = candidate;
                    continue;
                }
                if !line.is_empty() {
                    lines.push(std::mem::take(&mut line));
                }
                let limit = if lines.is_empty() { first } else { rest };
                for c in word.chars() {
                    let mut next = line.clone();
                    next.push(c);
                    if !line.is_empty() && self.width(style, size, &next) > limit {
                        lines.push(std::mem::take(&mut line));
                        line.push(c);
                    } else {
                        line = next;
                    }
                }
            }
            lines.push(line);
        }
        lines
    }
}

/// A line of a column: text, style, size, alignment.
type ColumnLine = (String, Style, f32, Align);

fn leading(size: f32) -> f32 {
    size * 1.3
}

/// Pages being laid out.
struct Layout {
    faces: Faces,
    pages: Vec<Vec<Op>>,
    y: f32,
}

impl Layout {
    fn new() -> anyhow::Result<Self> {
        Ok(Self {
            faces: Faces::load()?,
            pages: Vec::new(),
            y: TOP,
        })
    }

    fn new_page(&mut self) {
        self.pages.push(Vec::new());
        self.y = TOP;
    }

    /// Starts a new page unless `height` more fits on this one.
    fn ensure(&mut self, height: f32) {
        if self.pages.is_empty() || (self.y + height > PAGE_H - BOTTOM && self.y > TOP) {
            self.new_page();
        }
    }

    fn op(&mut self, op: Op) {
        if self.pages.is_empty() {
            self.new_page();
        }
        if let Some(page) = self.pages.last_mut() {
            page.push(op);
        }
    }

    /// Lines of one column starting at `y`; returns the height used.
    fn column(&mut self, x: f32, width: f32, y: f32, lines: &[(String, Style, f32, Align)]) -> f32 {
        let mut dy = 0.0;
        for (text, style, size, align) in lines {
            for l in self.faces.wrap(*style, *size, text, width, width) {
                dy += leading(*size);
                let w = self.faces.width(*style, *size, &l);
                let lx = match align {
                    Align::Left => x,
                    Align::Centre => x + (width - w).max(0.0) / 2.0,
                };
                self.op(Op::Text {
                    x: lx,
                    y: y + dy - (leading(*size) - *size),
                    style: *style,
                    size: *size,
                    text: l,
                });
            }
        }
        dy
    }

    /// Columns side by side (header, closing), kept on one page.
    fn columns(&mut self, cols: &[(f32, Vec<ColumnLine>)]) {
        let height: f32 = cols
            .iter()
            .map(|(w, lines)| {
                lines
                    .iter()
                    .map(|(t, s, size, _)| {
                        self.faces.wrap(*s, *size, t, *w, *w).len() as f32 * leading(*size)
                    })
                    .sum::<f32>()
            })
            .fold(0.0, f32::max);
        self.ensure(height);
        let y = self.y;
        let mut x = LEFT;
        let mut used: f32 = 0.0;
        for (w, lines) in cols {
            used = used.max(self.column(x, *w, y, lines));
            x += w;
        }
        self.y = y + used;
    }

    fn text(&mut self, text: &str, style: Style, size: f32, align: Align, indent: f32) {
        for (i, l) in self
            .faces
            .wrap(style, size, text, TEXT_W - indent, TEXT_W)
            .into_iter()
            .enumerate()
        {
            self.ensure(leading(size));
            self.y += leading(size);
            let w = self.faces.width(style, size, &l);
            let x = match align {
                Align::Left if i == 0 => LEFT + indent,
                Align::Left => LEFT,
                Align::Centre => LEFT + (TEXT_W - w).max(0.0) / 2.0,
            };
            let y = self.y - (leading(size) - size);
            self.op(Op::Text {
                x,
                y,
                style,
                size,
                text: l,
            });
        }
    }

    fn gap(&mut self, points: f32) {
        self.y += points;
    }

    fn table(&mut self, headers: &[String], rows: &[Vec<String>]) {
        let n = headers.len().max(1);
        #[allow(clippy::cast_precision_loss)]
        let col = TEXT_W / n as f32;
        let all = std::iter::once((headers.to_vec(), Style::Bold))
            .chain(rows.iter().map(|r| (r.clone(), Style::Regular)));
        for (cells, style) in all {
            let wrapped: Vec<Vec<String>> = (0..n)
                .map(|i| {
                    let t = cells.get(i).map(String::as_str).unwrap_or("");
                    self.faces
                        .wrap(style, HEADER, t, col - 2.0 * PAD, col - 2.0 * PAD)
                })
                .collect();
            let lines = wrapped.iter().map(Vec::len).max().unwrap_or(1).max(1);
            #[allow(clippy::cast_precision_loss)]
            let h = lines as f32 * leading(HEADER) + 2.0 * PAD;
            self.ensure(h);
            let top = self.y;
            for (i, cell) in wrapped.into_iter().enumerate() {
                #[allow(clippy::cast_precision_loss)]
                let x0 = LEFT + col * i as f32;
                for (j, l) in cell.into_iter().enumerate() {
                    let w = self.faces.width(style, HEADER, &l);
                    let x = if style == Style::Bold {
                        x0 + (col - w).max(0.0) / 2.0
                    } else {
                        x0 + PAD
                    };
                    #[allow(clippy::cast_precision_loss)]
                    let y =
                        top + PAD + (j + 1) as f32 * leading(HEADER) - (leading(HEADER) - HEADER);
                    self.op(Op::Text {
                        x,
                        y,
                        style,
                        size: HEADER,
                        text: l,
                    });
                }
            }
            let bottom = top + h;
            self.op(Op::Line {
                x1: LEFT,
                y1: top,
                x2: LEFT + TEXT_W,
                y2: top,
            });
            self.op(Op::Line {
                x1: LEFT,
                y1: bottom,
                x2: LEFT + TEXT_W,
                y2: bottom,
            });
            for i in 0..=n {
                #[allow(clippy::cast_precision_loss)]
                let x = LEFT + col * i as f32;
                self.op(Op::Line {
                    x1: x,
                    y1: top,
                    x2: x,
                    y2: bottom,
                });
            }
            self.y = bottom;
        }
        self.gap(leading(BODY) / 2.0);
    }

    fn document(&mut self, d: &AdministrativeDocument) {
        self.new_page();
        let left_w = TEXT_W * 2.0 / 5.0;
        let mut left = Vec::new();
        if let Some(parent) = &d.parent_body {
            left.push((parent.to_uppercase(), Style::Regular, HEADER, Align::Centre));
        }
        left.push((
            d.issuing_body.to_uppercase(),
            Style::Bold,
            HEADER,
            Align::Centre,
        ));
        left.push(("_______".to_owned(), Style::Regular, HEADER, Align::Centre));
        let number = if d.number.is_empty() {
            "Số:      /".to_owned()
        } else {
            format!("Số: {}", d.number)
        };
        left.push((number, Style::Regular, HEADER, Align::Centre));
        let right = vec![
            (
                "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM".to_owned(),
                Style::Bold,
                HEADER,
                Align::Centre,
            ),
            (
                "Độc lập - Tự do - Hạnh phúc".to_owned(),
                Style::Bold,
                BODY,
                Align::Centre,
            ),
            (
                "________________________".to_owned(),
                Style::Regular,
                HEADER,
                Align::Centre,
            ),
            (
                vietnamese_date_line(&d.place, d.date),
                Style::Italic,
                BODY,
                Align::Centre,
            ),
        ];
        self.columns(&[(left_w, left), (TEXT_W - left_w, right)]);
        self.gap(leading(BODY));
        self.text(
            &d.kind.to_uppercase(),
            Style::Bold,
            BODY,
            Align::Centre,
            0.0,
        );
        self.text(&d.subject, Style::Bold, BODY, Align::Centre, 0.0);
        self.gap(leading(BODY) / 2.0);
        for block in &d.body {
            match block {
                Block::Heading(h) => self.text(h, Style::Bold, BODY, Align::Left, 0.0),
                Block::Paragraph(p) => self.text(p, Style::Regular, BODY, Align::Left, INDENT),
                Block::Table { headers, rows } => self.table(headers, rows),
            }
        }
        self.gap(leading(BODY));
        let mut recipients = vec![("Nơi nhận:".to_owned(), Style::Bold, HEADER, Align::Left)];
        for r in &d.recipients {
            recipients.push((format!("- {r};"), Style::Regular, SMALL, Align::Left));
        }
        let count = d.signatures.len().max(1);
        #[allow(clippy::cast_precision_loss)]
        let sign_w = if count == 1 {
            TEXT_W / 2.0
        } else {
            TEXT_W / (count + 1) as f32
        };
        #[allow(clippy::cast_precision_loss)]
        let mut cols = vec![(TEXT_W - sign_w * count as f32, recipients)];
        for s in &d.signatures {
            let mut lines = Vec::new();
            if let Some(a) = &s.authority {
                lines.push((a.to_uppercase(), Style::Bold, HEADER, Align::Centre));
            }
            lines.push((s.title.to_uppercase(), Style::Bold, HEADER, Align::Centre));
            lines.push((
                "(Ký, ghi rõ họ tên)".to_owned(),
                Style::Italic,
                SMALL,
                Align::Centre,
            ));
            for _ in 0..3 {
                lines.push((String::new(), Style::Regular, BODY, Align::Centre));
            }
            lines.push((s.name.clone(), Style::Bold, BODY, Align::Centre));
            cols.push((sign_w, lines));
        }
        self.columns(&cols);
    }

    fn render(self, title: &str) -> anyhow::Result<Vec<u8>> {
        let font = |data: &'static [u8]| {
            Font::new(data.into(), 0).ok_or_else(|| anyhow::anyhow!("font cannot be read"))
        };
        let (regular, bold, italic) = (font(REGULAR)?, font(BOLD)?, font(ITALIC)?);
        let mut document = Document::new();
        document.set_metadata(
            Metadata::new()
                .title(title.to_owned())
                .language("vi".to_owned())
                .creator("Đình".to_owned()),
        );
        for ops in self.pages {
            let settings = PageSettings::from_wh(PAGE_W, PAGE_H)
                .ok_or_else(|| anyhow::anyhow!("page size"))?;
            let mut page = document.start_page_with(settings);
            let mut surface = page.surface();
            surface.set_fill(None);
            surface.set_stroke(Some(Stroke {
                width: 0.5,
                ..Stroke::default()
            }));
            for op in &ops {
                if let Op::Line { x1, y1, x2, y2 } = op {
                    let mut pb = PathBuilder::new();
                    pb.move_to(*x1, *y1);
                    pb.line_to(*x2, *y2);
                    if let Some(path) = pb.finish() {
                        surface.draw_path(&path);
                    }
                }
            }
            surface.set_stroke(None);
            surface.set_fill(Some(Fill::default()));
            for op in ops {
                if let Op::Text {
                    x,
                    y,
                    style,
                    size,
                    text,
                } = op
                {
                    if text.is_empty() {
                        continue;
                    }
                    let f = match style {
                        Style::Regular => regular.clone(),
                        Style::Bold => bold.clone(),
                        Style::Italic => italic.clone(),
                    };
                    surface.draw_text(
                        Point::from_xy(x, y),
                        f,
                        size,
                        &text,
                        false,
                        TextDirection::Auto,
                    );
                }
            }
            surface.finish();
            page.finish();
        }
        document.finish().map_err(|e| anyhow::anyhow!("PDF: {e:?}"))
    }
}

/// Several documents in one PDF, each starting on a new page (e.g. one ballot per household).
pub fn pdf_all(docs: &[AdministrativeDocument]) -> anyhow::Result<Vec<u8>> {
    let mut layout = Layout::new()?;
    for d in docs {
        layout.document(d);
    }
    let title = docs.first().map(|d| d.subject.clone()).unwrap_or_default();
    layout.render(&title)
}

impl AdministrativeDocument {
    /// The document as PDF bytes.
    pub fn pdf(&self) -> anyhow::Result<Vec<u8>> {
        pdf_all(std::slice::from_ref(self))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::documents::Signature;
    use chrono::NaiveDate;

    fn sample(subject: &str) -> AdministrativeDocument {
        AdministrativeDocument {
            parent_body: Some("UBND thành phố Hà Nội".into()),
            issuing_body: "Thôn Đông, xã Phù Đổng".into(),
            number: String::new(),
            place: "Phù Đổng".into(),
            date: NaiveDate::from_ymd_opt(2026, 1, 5).unwrap_or_default(),
            kind: "Văn bản".into(),
            subject: subject.into(),
            body: vec![
                Block::Heading("Kết quả".into()),
                Block::Paragraph(
                    "Đường bê tông liên thôn, mức đóng góp 200.000 đồng mỗi hộ; ".repeat(12),
                ),
                Block::Table {
                    headers: vec!["Tổng số hộ".into(), "Số hộ tham gia".into()],
                    rows: vec![vec!["900".into(), "612".into()]],
                },
            ],
            signatures: vec![Signature {
                authority: None,
                title: "Trưởng thôn".into(),
                name: "Nguyễn Văn Ấn".into(),
            }],
            recipients: vec!["UBND xã".into()],
        }
    }

    /// The extracted text with every run of whitespace made one space.
    fn words(bytes: &[u8]) -> anyhow::Result<String> {
        let text = pdf_extract::extract_text_from_mem(bytes)?;
        Ok(text.split_whitespace().collect::<Vec<_>>().join(" "))
    }

    #[test]
    fn pdf_reads_back_with_vietnamese_text() -> anyhow::Result<()> {
        let bytes = sample("Ghi nhận kết quả: làm đường bê tông").pdf()?;
        assert!(bytes.starts_with(b"%PDF-"));
        let text = words(&bytes)?;
        for needle in [
            "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
            "Độc lập - Tự do - Hạnh phúc",
            "THÔN ĐÔNG, XÃ PHÙ ĐỔNG",
            "Phù Đổng, ngày 05 tháng 01 năm 2026",
            "VĂN BẢN",
            "Ghi nhận kết quả: làm đường bê tông",
            "Tổng số hộ",
            "612",
            "Nơi nhận:",
            "TRƯỞNG THÔN",
            "Nguyễn Văn Ấn",
        ] {
            assert!(text.contains(needle), "missing {needle} in {text}");
        }
        // The font is embedded (subset), not referenced.
        let raw = String::from_utf8_lossy(&bytes);
        assert!(
            raw.contains("/FontFile2") && raw.contains("Tinos"),
            "font not embedded"
        );
        Ok(())
    }

    #[test]
    fn each_document_starts_a_new_page() -> anyhow::Result<()> {
        let docs: Vec<_> = (1..=3).map(|i| sample(&format!("Phiếu số {i}"))).collect();
        let bytes = pdf_all(&docs)?;
        let pages = pdf_extract::extract_text_from_mem_by_pages(&bytes)?;
        assert_eq!(pages.len(), 3);
        for (i, page) in pages.iter().enumerate() {
            assert!(
                page.contains(&format!("Phiếu số {}", i + 1)),
                "page {i}: {page}"
            );
        }
        Ok(())
    }
}
