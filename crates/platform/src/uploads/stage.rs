//! Checking uploads against the limits, then staging them as `.part` files until the write's
//! transaction commits (ghi tạm, rồi giữ lại sau khi ghi xong).

use std::path::{Path, PathBuf};

use sha2::{Digest, Sha256};

use super::Upload;
use super::sniff::{sanitise_name, sniff_content_type};
use crate::db::ids::next_id;
use crate::write::WriteError;

/// A stored file as a capability's table keeps it.
#[derive(Debug, Clone, serde::Serialize, sqlx::FromRow, utoipa::ToSchema)]
pub struct FileRow {
    /// Id (also the file's name on disk).
    pub id: i64,
    /// Sanitised name.
    pub file_name: String,
    /// Media type found from the content.
    pub content_type: String,
    /// Size of the content as received.
    pub size_bytes: i64,
    /// SHA-256 of the content as received, hex.
    pub sha256: String,
}

/// An upload that passed the checks, with the media type its content showed.
#[derive(Debug, Clone)]
pub struct Checked {
    /// The upload.
    pub upload: Upload,
    /// Its real media type.
    pub content_type: &'static str,
}

fn mb(bytes: u64) -> String {
    format!("{:.1}", bytes as f64 / 1_048_576.0)
}

/// Checks every upload of form field `field` (empty ones are skipped): at most `max_files`,
/// each at most `max_bytes`, each a PDF, PNG, JPEG, WebP or DOCX by its content. Every
/// refusal names the field and the file and says what to do.
pub fn check(
    uploads: Vec<Upload>,
    max_bytes: u64,
    max_files: usize,
    field: &'static str,
) -> Result<Vec<Checked>, WriteError> {
    let uploads: Vec<Upload> = uploads
        .into_iter()
        .filter(|u| !u.bytes.is_empty())
        .collect();
    if uploads.len() > max_files {
        return Err(WriteError::invalid(
            field,
            format!(
                "{} files attached; at most {max_files} are accepted (tối đa {max_files} tệp): combine them or send the rest later",
                uploads.len()
            ),
        ));
    }
    let mut checked = Vec::with_capacity(uploads.len());
    for up in uploads {
        let size = u64::try_from(up.bytes.len()).unwrap_or(u64::MAX);
        if size > max_bytes {
            return Err(WriteError::invalid(
                field,
                format!(
                    "'{}' is {} MB; the limit is {} MB (tệp quá lớn): reduce it or split it",
                    up.file_name,
                    mb(size),
                    max_bytes / 1_048_576
                ),
            ));
        }
        let Some(content_type) = sniff_content_type(&up.bytes) else {
            return Err(WriteError::invalid(
                field,
                format!(
                    "'{}' is not a PDF, an image (PNG, JPEG, WebP) or a Word document (DOCX), whatever its name says (tệp không đúng loại): attach one of those",
                    up.file_name
                ),
            ));
        };
        checked.push(Checked {
            upload: up,
            content_type,
        });
    }
    Ok(checked)
}

struct StagedFile {
    row: FileRow,
    part: PathBuf,
    target: PathBuf,
}

/// Files written as `<id>.part` in a directory, waiting for their transaction to commit.
/// Dropped without [`Staged::keep`], they are removed.
pub struct Staged {
    files: Vec<StagedFile>,
    kept: bool,
}

impl Staged {
    /// Nothing staged.
    pub fn empty() -> Staged {
        Staged {
            files: Vec::new(),
            kept: false,
        }
    }

    /// Checks every upload (type by content, size; no count limit) and only then writes them
    /// as `.part` in `dir`. `field` names the form field in errors.
    pub async fn stage(
        dir: &Path,
        uploads: Vec<Upload>,
        max_bytes: u64,
        field: &'static str,
    ) -> Result<Staged, WriteError> {
        let checked = check(uploads, max_bytes, usize::MAX, field)?;
        Self::write(dir, checked, |_, bytes| Ok(bytes.to_vec())).await
    }

    /// Writes checked uploads as `.part` in `dir`, each as `seal(id, content)` gives it (the
    /// content itself, or the content encrypted for a protected file). The rows keep the
    /// size and SHA-256 of the content as received.
    pub async fn write(
        dir: &Path,
        checked: Vec<Checked>,
        seal: impl Fn(i64, &[u8]) -> anyhow::Result<Vec<u8>>,
    ) -> Result<Staged, WriteError> {
        let mut staged = Staged::empty();
        if checked.is_empty() {
            return Ok(staged);
        }
        tokio::fs::create_dir_all(dir)
            .await
            .map_err(|e| anyhow::anyhow!("cannot create {}: {e}", dir.display()))?;
        for c in checked {
            let id = next_id();
            let target = dir.join(id.to_string());
            let part = target.with_extension("part");
            let stored = seal(id, &c.upload.bytes)?;
            // Pushed before writing, so a failed write still removes a partial file.
            staged.files.push(StagedFile {
                row: FileRow {
                    id,
                    file_name: sanitise_name(&c.upload.file_name, c.content_type),
                    content_type: c.content_type.to_owned(),
                    size_bytes: i64::try_from(c.upload.bytes.len()).unwrap_or(i64::MAX),
                    sha256: hex::encode(Sha256::digest(&c.upload.bytes)),
                },
                part: part.clone(),
                target,
            });
            tokio::fs::write(&part, &stored)
                .await
                .map_err(|e| anyhow::anyhow!("cannot write {}: {e}", part.display()))?;
        }
        Ok(staged)
    }

    /// The staged files' rows.
    pub fn rows(&self) -> impl Iterator<Item = &FileRow> {
        self.files.iter().map(|f| &f.row)
    }

    /// How many files are staged.
    pub fn len(&self) -> usize {
        self.files.len()
    }

    /// Takes over the files `other` staged, to be kept or removed with this one's.
    pub fn append(&mut self, mut other: Staged) {
        self.files.append(&mut other.files);
    }

    /// Whether nothing is staged.
    pub fn is_empty(&self) -> bool {
        self.files.is_empty()
    }

    /// After the commit: the files take their final names.
    pub async fn keep(mut self) -> Result<(), WriteError> {
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
    #![allow(clippy::unwrap_used)]
    use super::*;

    fn up(name: &str, bytes: &[u8]) -> Upload {
        Upload {
            file_name: name.into(),
            bytes: bytes.to_vec(),
        }
    }

    #[test]
    fn refusals_name_the_field() {
        let e = check(vec![up("a.pdf", b"MZ\x90exe")], 100, 5, "attachments").unwrap_err();
        assert!(
            e.to_string()
                .starts_with("attachments: 'a.pdf' is not a PDF"),
            "{e}"
        );
        let e = check(vec![up("b.pdf", &[b'%'; 200])], 100, 5, "files").unwrap_err();
        assert!(e.to_string().starts_with("files: "), "{e}");
        let many = vec![up("c.pdf", b"%PDF-1"), up("d.pdf", b"%PDF-1")];
        let e = check(many, 100, 1, "files").unwrap_err();
        assert!(e.to_string().contains("at most 1"), "{e}");
        assert_eq!(check(vec![up("e.pdf", b"")], 100, 0, "f").unwrap().len(), 0);
    }

    #[tokio::test]
    async fn dropped_staging_leaves_nothing_and_kept_files_stay() {
        let dir = std::env::temp_dir().join(format!("dinh-uploads-{}", next_id()));
        let checked = check(vec![up("x.pdf", b"%PDF-1.4 x")], 1000, 5, "f").unwrap();
        let staged = Staged::write(&dir, checked.clone(), |_, b| Ok(b.to_vec()))
            .await
            .unwrap();
        assert_eq!(std::fs::read_dir(&dir).unwrap().count(), 1);
        drop(staged);
        assert_eq!(std::fs::read_dir(&dir).unwrap().count(), 0);
        let staged = Staged::write(&dir, checked, |_, b| Ok(b.to_vec()))
            .await
            .unwrap();
        let id = staged.rows().next().unwrap().id;
        staged.keep().await.unwrap();
        assert_eq!(
            std::fs::read(dir.join(id.to_string())).unwrap(),
            b"%PDF-1.4 x"
        );
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
