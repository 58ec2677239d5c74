//! Sending a generated document to the browser as a download.

use axum::http::{HeaderValue, header};
use axum::response::{IntoResponse, Response};

/// The kinds of file Đình generates.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DownloadKind {
    /// Word document (DOCX).
    Docx,
    /// Excel workbook (XLSX).
    Xlsx,
    /// Comma-separated values, UTF-8 with a byte-order mark so that Excel reads Vietnamese.
    Csv,
    /// Portable Document Format (PDF), fonts embedded.
    Pdf,
}

impl DownloadKind {
    /// The file extension, without the dot.
    pub fn extension(self) -> &'static str {
        match self {
            DownloadKind::Docx => "docx",
            DownloadKind::Xlsx => "xlsx",
            DownloadKind::Csv => "csv",
            DownloadKind::Pdf => "pdf",
        }
    }

    /// The media type.
    pub fn content_type(self) -> &'static str {
        match self {
            DownloadKind::Docx => {
                "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
            }
            DownloadKind::Xlsx => {
                "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            }
            DownloadKind::Csv => "text/csv; charset=utf-8",
            DownloadKind::Pdf => "application/pdf",
        }
    }
}

/// A generated file: its bytes, kind and a file name without extension (any text: it is
/// reduced to a safe ASCII name, with the exact name given to browsers that read RFC 5987).
#[derive(Debug, Clone)]
pub struct Download {
    /// The file's content.
    pub bytes: Vec<u8>,
    /// Its kind.
    pub kind: DownloadKind,
    /// Its name, without extension.
    pub name: String,
}

impl IntoResponse for Download {
    fn into_response(self) -> Response {
        let ext = self.kind.extension();
        let ascii = crate::text::slug(&self.name);
        let ascii = if ascii.is_empty() {
            "document".to_owned()
        } else {
            ascii
        };
        let utf8: String = url::form_urlencoded::byte_serialize(self.name.as_bytes()).collect();
        let disposition = format!(
            "attachment; filename=\"{ascii}.{ext}\"; filename*=UTF-8''{}.{ext}",
            utf8.replace('+', "%20")
        );
        let mut response = self.bytes.into_response();
        let headers = response.headers_mut();
        headers.insert(
            header::CONTENT_TYPE,
            HeaderValue::from_static(self.kind.content_type()),
        );
        if let Ok(value) = HeaderValue::from_str(&disposition) {
            headers.insert(header::CONTENT_DISPOSITION, value);
        }
        response
    }
}
