//! The register's attached files (tệp đính kèm): where they live and their rows in
//! `disclosure_files`. Checking, staging and renaming after the commit are the platform's
//! ([`dinh_platform::uploads`]).

use std::path::{Path, PathBuf};

use dinh_platform::db::{Tx, query};
pub use dinh_platform::uploads::{FileRow, Staged, Upload, sniff_content_type};

use super::StoreError;

/// The directory of the register's files under the data directory.
pub(crate) fn files_dir(data_dir: &Path) -> PathBuf {
    data_dir.join("disclosure-files")
}

/// The path of a stored file.
pub(crate) fn file_path(data_dir: &Path, id: i64) -> PathBuf {
    files_dir(data_dir).join(id.to_string())
}

/// Checks and stages the uploads of `field` in the register's directory.
pub(crate) async fn stage(
    data_dir: &Path,
    uploads: Vec<Upload>,
    max_bytes: u64,
    field: &'static str,
) -> Result<Staged, StoreError> {
    Staged::stage(&files_dir(data_dir), uploads, max_bytes, field).await
}

/// Inserts the staged files' rows inside the write's transaction.
pub(crate) async fn insert(
    staged: &Staged,
    tx: &mut Tx,
    unit_id: i64,
    account: Option<i64>,
) -> Result<(), StoreError> {
    for f in staged.rows() {
        tx.execute(
            &query(
                "INSERT INTO disclosure_files (id, unit_id, file_name, content_type, size_bytes, sha256, uploaded_by, uploaded_at)
                 VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
            )
            .bind(f.id)
            .bind(unit_id)
            .bind(&f.file_name)
            .bind(&f.content_type)
            .bind(f.size_bytes)
            .bind(&f.sha256)
            .bind(account)
            .bind(dinh_platform::time::now_rfc3339()),
        )
        .await?;
    }
    Ok(())
}
