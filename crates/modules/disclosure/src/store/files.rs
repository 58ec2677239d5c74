//! Attached files (tệp đính kèm): PDF, images and DOCX, checked by content rather than by
//! name, under a size limit, with sanitised names. Bytes are written beside the database as
//! `<id>.part` before the transaction and renamed after it commits; if anything fails, the
//! staged files are removed when [`Staged`] is dropped, so a failed upload leaves nothing.

use std::path::{Path, PathBuf};

use dinh_platform::db::{Tx, ids::next_id, query};
use sha2::{Digest, Sha256};

use super::StoreError;

/// A file as received: the name the sender gave and its bytes.
#[derive(Debug, Clone)]
pub struct Upload {
    /// The sender's file name (only used, sanitised, for display).
    pub file_name: String,
    /// The content.
    pub bytes: Vec<u8>,
}

/// A stored file.
#[derive(Debug, Clone, serde::Serialize, sqlx::FromRow, utoipa::ToSchema)]
pub struct FileRow {
    /// Id.
    pub id: i64,
    /// Sanitised name.
    pub file_name: String,
    /// Media type found from the content.
    pub content_type: String,
    /// Size.
    pub size_bytes: i64,
    /// SHA-256 of the content, hex.
    pub sha256: String,
}

/// The media type of `bytes` from their first bytes, if it is one Đình accepts: PDF, PNG,
/// JPEG, WebP, or a Word document (DOCX).
pub fn sniff_content_type(bytes: &[u8]) -> Option<&'static str> {
    if bytes.starts_with(b"%PDF-") {
        Some("application/pdf")
    } else if bytes.starts_with(b"\x89PNG\r\n\x1a\n") {
        Some("image/png")
    } else if bytes.starts_with(&[0xFF, 0xD8, 0xFF]) {
        Some("image/jpeg")
    } else if bytes.len() > 12 && bytes.starts_with(b"RIFF") && bytes.get(8..12) == Some(b"WEBP") {
        Some("image/webp")
    } else if bytes.starts_with(b"PK\x03\x04")
        && bytes.windows(17).any(|w| w == b"word/document.xml")
    {
        Some("application/vnd.openxmlformats-officedocument.wordprocessingml.document")
    } else {
        None
    }
}

fn extension(content_type: &str) -> &'static str {
    match content_type {
        "application/pdf" => "pdf",
        "image/png" => "png",
        "image/jpeg" => "jpg",
        "image/webp" => "webp",
        _ => "docx",
    }
}

/// A safe display name: no directories, no control or markup characters, at most 100
/// characters, with the extension of the real content type.
pub(crate) fn sanitise_name(name: &str, content_type: &str) -> String {
    let base = name.rsplit(['/', '\\']).next().unwrap_or_default();
    let stem = base.rsplit_once('.').map_or(base, |(s, _)| s);
    let clean: String = stem
        .chars()
        .map(|c| {
            if c.is_alphanumeric() || matches!(c, ' ' | '-' | '_' | '(' | ')') {
                c
            } else {
                '_'
            }
        })
        .take(100)
        .collect();
    let clean = clean.trim().trim_matches('_');
    let clean = if clean.is_empty() { "tep" } else { clean };
    format!("{clean}.{}", extension(content_type))
}

/// The directory of the register's files under the data directory.
pub(crate) fn files_dir(data_dir: &Path) -> PathBuf {
    data_dir.join("disclosure-files")
}

/// The path of a stored file.
pub(crate) fn file_path(data_dir: &Path, id: i64) -> PathBuf {
    files_dir(data_dir).join(id.to_string())
}

struct StagedFile {
    row: FileRow,
    part: PathBuf,
    target: PathBuf,
}

/// Files written as `.part`, waiting for their transaction to commit.
pub(crate) struct Staged {
    files: Vec<StagedFile>,
    kept: bool,
}

impl Staged {
    /// Checks every upload (type by content, size) and only then writes them as `.part`.
    /// `field` names the form field in errors.
    pub(crate) async fn stage(
        data_dir: &Path,
        uploads: Vec<Upload>,
        max_bytes: u64,
        field: &'static str,
    ) -> Result<Staged, StoreError> {
        let mut checked = Vec::new();
        for up in uploads {
            if up.bytes.is_empty() {
                continue;
            }
            let size = u64::try_from(up.bytes.len()).unwrap_or(u64::MAX);
            if size > max_bytes {
                return Err(StoreError::invalid(
                    field,
                    format!(
                        "'{}' is {:.1} MB; the limit is {} MB: reduce it or split it",
                        up.file_name,
                        size as f64 / 1_048_576.0,
                        max_bytes / 1_048_576
                    ),
                ));
            }
            let Some(content_type) = sniff_content_type(&up.bytes) else {
                return Err(StoreError::invalid(
                    field,
                    format!(
                        "'{}' is not a PDF, an image (PNG, JPEG, WebP) or a Word document (DOCX), whatever its name says: attach one of those",
                        up.file_name
                    ),
                ));
            };
            checked.push((up, content_type));
        }
        let mut staged = Staged {
            files: Vec::new(),
            kept: false,
        };
        if checked.is_empty() {
            return Ok(staged);
        }
        let dir = files_dir(data_dir);
        tokio::fs::create_dir_all(&dir)
            .await
            .map_err(|e| anyhow::anyhow!("cannot create {}: {e}", dir.display()))?;
        for (up, content_type) in checked {
            let id = next_id();
            let target = file_path(data_dir, id);
            let part = target.with_extension("part");
            tokio::fs::write(&part, &up.bytes)
                .await
                .map_err(|e| anyhow::anyhow!("cannot write {}: {e}", part.display()))?;
            staged.files.push(StagedFile {
                row: FileRow {
                    id,
                    file_name: sanitise_name(&up.file_name, content_type),
                    content_type: content_type.to_owned(),
                    size_bytes: i64::try_from(up.bytes.len()).unwrap_or(i64::MAX),
                    sha256: hex::encode(Sha256::digest(&up.bytes)),
                },
                part,
                target,
            });
        }
        Ok(staged)
    }

    /// The staged files' rows.
    pub(crate) fn rows(&self) -> impl Iterator<Item = &FileRow> {
        self.files.iter().map(|f| &f.row)
    }

    /// Inserts the files' rows inside the write's transaction.
    pub(crate) async fn insert(
        &self,
        tx: &mut Tx,
        unit_id: i64,
        account: Option<i64>,
    ) -> Result<(), StoreError> {
        for f in &self.files {
            tx.execute(
                &query(
                    "INSERT INTO disclosure_files (id, unit_id, file_name, content_type, size_bytes, sha256, uploaded_by, uploaded_at)
                     VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
                )
                .bind(f.row.id)
                .bind(unit_id)
                .bind(&f.row.file_name)
                .bind(&f.row.content_type)
                .bind(f.row.size_bytes)
                .bind(&f.row.sha256)
                .bind(account)
                .bind(dinh_platform::time::now_rfc3339()),
            )
            .await?;
        }
        Ok(())
    }

    /// After the commit: the files take their final names.
    pub(crate) async fn keep(mut self) -> Result<(), StoreError> {
        self.kept = true;
        for f in &self.files {
            tokio::fs::rename(&f.part, &f.target)
                .await
                .map_err(|e| anyhow::anyhow!("cannot rename {}: {e}", f.part.display()))?;
        }
        Ok(())
    }
}

impl Drop for Staged {
    fn drop(&mut self) {
        if !self.kept {
            for f in &self.files {
                let _ = std::fs::remove_file(&f.part);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn content_decides_the_type_not_the_name() {
        assert_eq!(sniff_content_type(b"%PDF-1.7 ..."), Some("application/pdf"));
        assert_eq!(sniff_content_type(b"MZ\x90\x00 windows exe"), None);
        assert_eq!(sniff_content_type(b"PK\x03\x04 some zip"), None);
        assert_eq!(
            sanitise_name("../../etc/Quyết định <số 12>.pdf.exe", "application/pdf"),
            "Quyết định _số 12__pdf.pdf"
        );
        assert_eq!(sanitise_name("", "image/png"), "tep.png");
    }
}
