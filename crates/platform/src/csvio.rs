//! Reading CSV files from officials: clear errors that name the line and the field.

use std::collections::HashMap;
use std::fmt;
use std::io::{BufRead, BufReader, Read};

/// One problem in an imported file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImportError {
    /// Line number in the file (1 is the header).
    pub line: u64,
    /// The column at fault, if one is.
    pub field: Option<String>,
    /// What is wrong and what to do.
    pub message: String,
}

/// Most errors listed for one file; the rest are counted.
pub const MAX_LISTED: usize = 50;

/// Why a whole file was rejected. Nothing from it was written.
#[derive(Debug, Clone, Default)]
pub struct ImportErrors {
    /// The errors found (at most [`MAX_LISTED`]).
    pub errors: Vec<ImportError>,
    /// How many more errors were found but not listed.
    pub more: usize,
}

impl ImportErrors {
    /// Adds an error.
    pub fn push(&mut self, line: u64, field: Option<&str>, message: impl Into<String>) {
        if self.errors.len() < MAX_LISTED {
            self.errors.push(ImportError {
                line,
                field: field.map(str::to_owned),
                message: message.into(),
            });
        } else {
            self.more += 1;
        }
    }

    /// True when nothing is wrong.
    pub fn is_empty(&self) -> bool {
        self.errors.is_empty()
    }

    /// One error, as a rejection of the whole file.
    pub fn single(line: u64, field: Option<&str>, message: impl Into<String>) -> Self {
        let mut e = Self::default();
        e.push(line, field, message);
        e
    }
}

impl fmt::Display for ImportErrors {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let total = self.errors.len() + self.more;
        writeln!(
            f,
            "the file was rejected with {total} error(s); nothing was imported:"
        )?;
        for e in &self.errors {
            match &e.field {
                Some(field) => writeln!(f, "  line {}, field '{}': {}", e.line, field, e.message)?,
                None => writeln!(f, "  line {}: {}", e.line, e.message)?,
            }
        }
        if self.more > 0 {
            writeln!(f, "  … and {} more", self.more)?;
        }
        Ok(())
    }
}

impl std::error::Error for ImportErrors {}

/// Drops carriage returns, so files saved on Windows (CRLF) number their lines right.
pub struct StripCr<R> {
    inner: R,
}

impl<R: BufRead> Read for StripCr<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        loop {
            let n = self.inner.read(buf)?;
            if n == 0 {
                return Ok(0);
            }
            let mut kept = 0;
            for i in 0..n {
                let b = buf.get(i).copied().unwrap_or(b'\r');
                if b != b'\r' {
                    if let Some(slot) = buf.get_mut(kept) {
                        *slot = b;
                    }
                    kept += 1;
                }
            }
            if kept > 0 {
                return Ok(kept);
            }
        }
    }
}

/// A CSV file whose header has been checked.
pub struct CsvTable<R: Read> {
    reader: csv::Reader<StripCr<BufReader<R>>>,
    columns: HashMap<String, usize>,
}

/// Opens a CSV file: checks the encoding (UTF-8, with or without BOM) and that the header
/// has every `required` column (any order; `optional` ones may be present).
pub fn open<R: Read>(
    input: R,
    required: &[&str],
    optional: &[&str],
) -> Result<CsvTable<R>, ImportErrors> {
    let mut buffered = BufReader::with_capacity(1 << 16, input);
    let start = buffered
        .fill_buf()
        .map_err(|e| ImportErrors::single(1, None, format!("cannot read the file: {e}")))?;
    if start.starts_with(&[0xff, 0xfe]) || start.starts_with(&[0xfe, 0xff]) {
        return Err(ImportErrors::single(
            1,
            None,
            "the file is UTF-16; save it as \"CSV UTF-8\" and import again",
        ));
    }
    let mut reader = csv::ReaderBuilder::new()
        .flexible(true)
        .trim(csv::Trim::All)
        .from_reader(StripCr { inner: buffered });
    let header = reader.headers().map_err(|e| csv_error(&e, 1))?.clone();
    let columns: HashMap<String, usize> = header
        .iter()
        .enumerate()
        .map(|(i, h)| (h.trim_start_matches('\u{feff}').trim().to_lowercase(), i))
        .collect();
    let mut errors = ImportErrors::default();
    for name in required {
        if !columns.contains_key(*name) {
            errors.push(
                1,
                Some(name),
                format!(
                    "missing column; the header must have: {}",
                    required.join(",")
                ),
            );
        }
    }
    for name in columns.keys() {
        if !required.contains(&name.as_str()) && !optional.contains(&name.as_str()) {
            errors.push(
                1,
                Some(name),
                format!(
                    "unknown column; allowed: {}",
                    [required, optional].concat().join(",")
                ),
            );
        }
    }
    if errors.is_empty() {
        Ok(CsvTable { reader, columns })
    } else {
        Err(errors)
    }
}

fn csv_error(e: &csv::Error, fallback_line: u64) -> ImportErrors {
    let line = e.position().map_or(fallback_line, csv::Position::line);
    match e.kind() {
        csv::ErrorKind::Utf8 { .. } => ImportErrors::single(
            line,
            None,
            "this line is not valid UTF-8 (the file may be in another encoding); save it as \"CSV UTF-8\" and import again",
        ),
        _ => ImportErrors::single(line, None, format!("malformed CSV: {e}")),
    }
}

/// One data line of a CSV file.
pub struct Line {
    /// Line number in the file.
    pub number: u64,
    record: csv::StringRecord,
}

impl Line {
    /// The value of a column (empty when the column is absent or the line is short).
    pub fn get<'a, R: Read>(&'a self, table: &CsvTable<R>, column: &str) -> &'a str {
        table
            .columns
            .get(column)
            .and_then(|&i| self.record.get(i))
            .unwrap_or("")
    }
}

impl<R: Read> CsvTable<R> {
    /// The next line, or a malformed-line / encoding error naming the line.
    pub fn next_line(&mut self) -> Option<Result<Line, ImportErrors>> {
        let mut record = csv::StringRecord::new();
        match self.reader.read_record(&mut record) {
            Ok(true) => {
                let number = record.position().map_or(0, csv::Position::line);
                Some(Ok(Line { number, record }))
            }
            Ok(false) => None,
            Err(e) => Some(Err(csv_error(&e, 0))),
        }
    }

    /// Bytes read so far (for progress bars).
    pub fn bytes_read(&self) -> u64 {
        self.reader.position().byte()
    }
}
