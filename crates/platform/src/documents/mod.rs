//! Documents officials use: the administrative document (văn bản hành chính) of Decree
//! 30/2020/NĐ-CP as DOCX and PDF, tables as XLSX and CSV, and the HTTP response that downloads them.
//!
//! Modules describe *what* a document says ([`AdministrativeDocument`], [`Sheet`]); this module
//! knows *how* it is laid out, once for all of them.

mod administrative;
mod download;
mod pdf;
mod sheet;

pub use administrative::{
    AdministrativeDocument, Block, Signature, docx_all, vietnamese_date_line,
};
pub use download::{Download, DownloadKind};
pub use pdf::pdf_all;
pub use sheet::Sheet;
