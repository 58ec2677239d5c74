//! Files attached to a case (tệp đính kèm hồ sơ): evidence officers in scope may read, and a
//! denouncer's handwriting scans or other identifying files, sealed with the protection key
//! (Luật Tố cáo 2018, Điều 47) and opened only by the assigned handler, every read audited.
//! The citizen's public lookup shows neither. Checking, staging and renaming after the commit
//! are the platform's ([`dinh_platform::uploads`]).

use std::path::{Path, PathBuf};

use dinh_platform::accounts::Principal;
use dinh_platform::config::Config;
use dinh_platform::db::{Db, Tx, query};
use dinh_platform::uploads::{self, Checked, FileRow, Staged, Upload};
use dinh_platform::web::AppError;

use super::identity::{may_open, note};
use super::scope::{allow, denied};
use crate::PetitionsModule;
use crate::permissions::VIEW;

/// The files sent with a petition.
#[derive(Debug, Clone, Default)]
pub struct CaseFiles {
    /// Evidence and documents without the petitioner's identity (form field `attachments`).
    pub attachments: Vec<Upload>,
    /// Handwriting scans and anything else identifying (form field `identity_files`): sealed
    /// for a denunciation.
    pub identifying: Vec<Upload>,
}

impl CaseFiles {
    /// No file at all.
    pub fn is_empty(&self) -> bool {
        self.attachments.is_empty() && self.identifying.is_empty()
    }
}

/// Where files go and how many and how large they may be (from [`Config`]).
#[derive(Debug, Clone)]
pub struct FileLimits {
    /// The data directory; files live in `<data_dir>/petition-files`.
    pub data_dir: PathBuf,
    /// Largest file in bytes.
    pub max_bytes: u64,
    /// Most files per field.
    pub max_files: usize,
}

impl FileLimits {
    /// The limits of the configuration.
    pub fn of(config: &Config) -> FileLimits {
        FileLimits {
            data_dir: config.data_dir.clone(),
            max_bytes: config.upload_max_bytes(),
            max_files: config.upload_max_files,
        }
    }
}

/// The directory of case files under the data directory.
pub fn files_dir(data_dir: &Path) -> PathBuf {
    data_dir.join("petition-files")
}

/// A case's files written as `.part`, waiting for the case's transaction.
pub(crate) struct StagedCase {
    plain: Staged,
    sealed: Staged,
}

/// Checks both fields (nothing is written if either is refused), then stages them. For a
/// protected case the identifying files are sealed for `case_id`; otherwise they are kept as
/// ordinary internal files.
pub(crate) async fn stage(
    m: &PetitionsModule,
    limits: &FileLimits,
    case_id: i64,
    protected: bool,
    files: CaseFiles,
) -> Result<StagedCase, AppError> {
    let plain = uploads::check(
        files.attachments,
        limits.max_bytes,
        limits.max_files,
        "attachments",
    )?;
    let identifying: Vec<Checked> = uploads::check(
        files.identifying,
        limits.max_bytes,
        limits.max_files,
        "identity_files",
    )?;
    let dir = files_dir(&limits.data_dir);
    if protected {
        let plain = Staged::write(&dir, plain, |_, b| Ok(b.to_vec())).await?;
        let key = m.key();
        let sealed = Staged::write(&dir, identifying, |file_id, b| {
            key.seal_file(case_id, file_id, b)
        })
        .await?;
        Ok(StagedCase { plain, sealed })
    } else {
        let all = plain.into_iter().chain(identifying).collect();
        let plain = Staged::write(&dir, all, |_, b| Ok(b.to_vec())).await?;
        Ok(StagedCase {
            plain,
            sealed: Staged::empty(),
        })
    }
}

impl StagedCase {
    /// Nothing staged.
    pub(crate) fn none() -> StagedCase {
        StagedCase {
            plain: Staged::empty(),
            sealed: Staged::empty(),
        }
    }

    /// How many files (plain, sealed).
    pub(crate) fn counts(&self) -> (usize, usize) {
        (self.plain.len(), self.sealed.len())
    }

    /// Inserts the rows inside the case's transaction. A sealed file's row has a generic name
    /// (the sender's file name may itself identify them).
    pub(crate) async fn insert(
        &self,
        tx: &mut Tx,
        case_id: i64,
        account: Option<i64>,
    ) -> anyhow::Result<()> {
        let now = dinh_platform::time::now_rfc3339();
        let rows = self
            .plain
            .rows()
            .map(|r| (r, false))
            .chain(self.sealed.rows().map(|r| (r, true)));
        for (n, (f, sealed)) in rows.enumerate() {
            let name = if sealed {
                format!("ban-goc-{}.{}", n + 1, uploads::extension(&f.content_type))
            } else {
                f.file_name.clone()
            };
            tx.execute(
                &query("INSERT INTO petition_files (id, case_id, file_name, content_type, size_bytes, sha256, sealed, uploaded_by, uploaded_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)")
                    .bind(f.id)
                    .bind(case_id)
                    .bind(name)
                    .bind(&f.content_type)
                    .bind(f.size_bytes)
                    .bind(&f.sha256)
                    .bind(sealed)
                    .bind(account)
                    .bind(now.as_str()),
            )
            .await?;
        }
        Ok(())
    }

    /// After the commit: the files take their final names.
    pub(crate) async fn keep(self) -> Result<(), AppError> {
        self.plain.keep().await?;
        self.sealed.keep().await?;
        Ok(())
    }
}

const FILE_COLUMNS: &str = "id, file_name, content_type, size_bytes, sha256";

/// The case's files officers in scope may see (never the sealed ones).
pub async fn list(db: &Db, case_id: i64) -> anyhow::Result<Vec<FileRow>> {
    Ok(db
        .fetch_all(
            &query(format!(
                "SELECT {FILE_COLUMNS} FROM petition_files WHERE case_id = $1 AND sealed = FALSE ORDER BY id"
            ))
            .bind(case_id),
        )
        .await?)
}

/// The case's sealed files (for the identity page, after the handler check).
pub(crate) async fn sealed_list(db: &Db, case_id: i64) -> anyhow::Result<Vec<FileRow>> {
    Ok(db
        .fetch_all(
            &query(format!(
                "SELECT {FILE_COLUMNS} FROM petition_files WHERE case_id = $1 AND sealed = TRUE ORDER BY id"
            ))
            .bind(case_id),
        )
        .await?)
}

/// Opens file `file_id` for `principal`: an ordinary file for anyone with [`VIEW`] at the
/// case's unit; a sealed one for the assigned handler only, decrypted, every read and refusal
/// audited (via `channel`: `page` or `api`).
pub async fn open(
    m: &PetitionsModule,
    db: &Db,
    data_dir: &Path,
    principal: Option<&Principal>,
    file_id: i64,
    channel: &str,
) -> Result<(FileRow, Vec<u8>), AppError> {
    let found: Option<(i64, bool)> = db
        .fetch_optional(
            &query("SELECT case_id, sealed FROM petition_files WHERE id = $1").bind(file_id),
        )
        .await?;
    let (case_id, sealed) = found.ok_or_else(AppError::not_found)?;
    let case = super::case_view::row(db, case_id).await?;
    let unit = super::unit_by_id(db, case.unit_id).await?;
    if sealed {
        let Some(p) = principal else {
            return Err(AppError::from(dinh_platform::accounts::Denied::NotSignedIn));
        };
        if !may_open(p, &case, &unit) {
            note(
                db,
                &p.actor(),
                "petitions.identity_file_refused",
                case_id,
                channel,
            )
            .await?;
            return Err(denied());
        }
    } else {
        allow(principal, &VIEW, &unit)?;
    }
    let row: FileRow = db
        .fetch_optional(
            &query(format!(
                "SELECT {FILE_COLUMNS} FROM petition_files WHERE id = $1"
            ))
            .bind(file_id),
        )
        .await?
        .ok_or_else(AppError::not_found)?;
    let stored = tokio::fs::read(files_dir(data_dir).join(file_id.to_string()))
        .await
        .map_err(|_| AppError::not_found())?;
    if sealed {
        let plain = m.key().open_file(case_id, file_id, &stored)?;
        if let Some(p) = principal {
            note(
                db,
                &p.actor(),
                "petitions.identity_file_read",
                case_id,
                channel,
            )
            .await?;
        }
        Ok((row, plain))
    } else {
        Ok((row, stored))
    }
}
