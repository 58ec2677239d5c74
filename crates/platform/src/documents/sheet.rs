//! A table of figures or rows (bảng), written as XLSX or CSV.

use rust_xlsxwriter::{Format, FormatBorder, Workbook};

/// One table: a title, column headings and rows of text or numbers (numbers are written as
/// numbers in XLSX so that officials can add them up).
#[derive(Debug, Clone, Default)]
pub struct Sheet {
    /// Sheet name (at most 31 characters are used) and title line.
    pub title: String,
    /// Column headings.
    pub headers: Vec<String>,
    /// Rows, each as long as `headers`.
    pub rows: Vec<Vec<String>>,
}

impl Sheet {
    /// A new, empty table.
    pub fn new(title: impl Into<String>, headers: &[&str]) -> Self {
        Sheet {
            title: title.into(),
            headers: headers.iter().map(|h| (*h).to_owned()).collect(),
            rows: Vec::new(),
        }
    }

    /// Adds a row.
    pub fn push(&mut self, row: Vec<String>) {
        self.rows.push(row);
    }

    /// The table as CSV: UTF-8 with a byte-order mark (Excel then reads Vietnamese), CRLF lines.
    pub fn csv(&self) -> anyhow::Result<Vec<u8>> {
        let mut out = vec![0xEF, 0xBB, 0xBF];
        {
            let mut w = csv::WriterBuilder::new()
                .terminator(csv::Terminator::CRLF)
                .from_writer(&mut out);
            w.write_record(&self.headers)?;
            for row in &self.rows {
                w.write_record(row)?;
            }
            w.flush()?;
        }
        Ok(out)
    }

    /// The table as an XLSX workbook of one sheet: a title line, bold headings with borders,
    /// numbers as numbers, columns sized to their content. The sheet is written row by row to a
    /// temporary file (the writer's constant-memory mode), so a list of tens of thousands of rows
    /// takes no more memory than its rows already do.
    pub fn xlsx(&self) -> anyhow::Result<Vec<u8>> {
        let mut book = Workbook::new();
        let sheet = book.add_worksheet_with_constant_memory()?;
        let name: String = self
            .title
            .chars()
            .filter(|c| !"[]:*?/\\".contains(*c))
            .take(31)
            .collect();
        if !name.trim().is_empty() {
            sheet.set_name(name.trim())?;
        }
        let font = "Times New Roman";
        let title = Format::new()
            .set_bold()
            .set_font_name(font)
            .set_font_size(13);
        let head = Format::new()
            .set_bold()
            .set_font_name(font)
            .set_border(FormatBorder::Thin)
            .set_text_wrap();
        let cell = Format::new()
            .set_font_name(font)
            .set_border(FormatBorder::Thin);
        for c in 0..self.headers.len() {
            let widest = std::iter::once(self.headers.get(c).map_or(0, |h| h.chars().count()))
                .chain(
                    self.rows
                        .iter()
                        .map(|r| r.get(c).map_or(0, |v| v.chars().count())),
                )
                .max()
                .unwrap_or(8);
            sheet.set_column_width(col(c)?, (widest.clamp(6, 60) + 2) as f64)?;
        }
        sheet.write_string_with_format(0, 0, &self.title, &title)?;
        for (c, h) in self.headers.iter().enumerate() {
            sheet.write_string_with_format(2, col(c)?, h, &head)?;
        }
        for (r, row) in self.rows.iter().enumerate() {
            let r = u32::try_from(r + 3)?;
            for (c, value) in row.iter().enumerate() {
                match number(value) {
                    Some(n) => sheet.write_number_with_format(r, col(c)?, n, &cell)?,
                    None => sheet.write_string_with_format(r, col(c)?, value, &cell)?,
                };
            }
        }
        Ok(book.save_to_buffer()?)
    }
}

fn col(c: usize) -> anyhow::Result<u16> {
    Ok(u16::try_from(c)?)
}

/// A cell that is a plain number (no leading zero, which codes such as "00541" have).
fn number(value: &str) -> Option<f64> {
    let plain = value
        .chars()
        .all(|c| c.is_ascii_digit() || c == '.' || c == '-');
    let code_like = value.len() > 1 && value.starts_with('0') && !value.starts_with("0.");
    if !plain || code_like || value.is_empty() {
        return None;
    }
    value.parse().ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csv_has_bom_and_quotes() -> anyhow::Result<()> {
        let mut s = Sheet::new("Danh mục", &["Số", "Tên"]);
        s.push(vec!["1".into(), "Thôn Đông, xã Phù Đổng".into()]);
        let bytes = s.csv()?;
        assert!(bytes.starts_with(&[0xEF, 0xBB, 0xBF]));
        let text = String::from_utf8(bytes)?;
        assert!(text.contains("\"Thôn Đông, xã Phù Đổng\"\r\n"));
        Ok(())
    }

    #[test]
    fn xlsx_is_a_zip_and_codes_stay_text() -> anyhow::Result<()> {
        let mut s = Sheet::new("Danh mục công khai quý IV/2026", &["Mã", "Số lượng"]);
        s.push(vec!["00541".into(), "12".into()]);
        assert_eq!(number("00541"), None);
        assert_eq!(number("12"), Some(12.0));
        assert_eq!(number("0.5"), Some(0.5));
        let bytes = s.xlsx()?;
        assert!(bytes.starts_with(b"PK"));
        Ok(())
    }
}
