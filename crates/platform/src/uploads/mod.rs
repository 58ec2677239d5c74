//! Attached files (tệp đính kèm) for every capability: PDF, images and DOCX, checked by
//! content rather than by name ([`sniff`]), under a size limit and a count limit from the
//! configuration, with sanitised names. Bytes are written beside the database as `<id>.part`
//! before the write's transaction and renamed after it commits ([`stage`]); if anything fails,
//! the staged files are removed when [`Staged`] is dropped, so a failed upload leaves nothing.
//! [`form`] reads a multipart form (no JavaScript needed) with its CSRF token checked.
//!
//! Each capability keeps its own table of file rows; only the mechanics live here.

pub mod form;
pub mod sniff;
pub mod stage;

pub use form::{FormWithFiles, Parts, read_form};
pub use sniff::{extension, sanitise_name, sniff_content_type};
pub use stage::{Checked, FileRow, Staged, check};

/// A file as received: the name the sender gave and its bytes.
#[derive(Debug, Clone)]
pub struct Upload {
    /// The sender's file name (only used, sanitised, for display).
    pub file_name: String,
    /// The content.
    pub bytes: Vec<u8>,
}
