//! The stored files of a backup: every file under the modules' file directories (attachments,
//! proofs of posting, petitioners' files — sealed ones stay sealed, as bytes), one JSON line
//! each with its size and SHA-256. A restore writes them beside their final names first and
//! moves them into place only once the tables have been committed, so a failed restore leaves
//! the files it found as they were.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use base64::Engine as _;
use base64::engine::general_purpose::STANDARD;
use serde_json::{Value, json};
use sha2::{Digest, Sha256};

use crate::module::Registry;

/// Suffix of a file waiting for the restore's commit.
const RESTORING: &str = ".restoring";
/// Suffix of an upload staged but not yet committed (never backed up).
const STAGED: &str = ".part";

/// The file directories of every module, under the data directory.
pub(super) fn dirs(registry: &Registry) -> Vec<&'static str> {
    registry
        .modules()
        .iter()
        .flat_map(|m| m.file_dirs().iter().copied())
        .collect()
}

/// The files of `dir`, by name (uploads still staged are left out).
fn listing(dir: &Path) -> std::io::Result<Vec<(String, PathBuf)>> {
    let mut out = Vec::new();
    let entries = match std::fs::read_dir(dir) {
        Ok(e) => e,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(out),
        Err(e) => return Err(e),
    };
    for entry in entries {
        let entry = entry?;
        let name = entry.file_name().to_string_lossy().into_owned();
        if entry.file_type()?.is_file() && !name.ends_with(STAGED) && !name.ends_with(RESTORING) {
            out.push((name, entry.path()));
        }
    }
    out.sort();
    Ok(out)
}

/// Writes one line per stored file; returns how many.
pub(super) fn write(
    registry: &Registry,
    data_dir: &Path,
    out: &mut impl std::io::Write,
) -> anyhow::Result<usize> {
    let mut written = 0;
    for dir in dirs(registry) {
        for (name, path) in listing(&data_dir.join(dir))? {
            let bytes = std::fs::read(&path)
                .map_err(|e| anyhow::anyhow!("cannot read {}: {e}", path.display()))?;
            writeln!(
                out,
                "{}",
                json!({
                    "file": format!("{dir}/{name}"),
                    "bytes": bytes.len(),
                    "sha256": hex::encode(Sha256::digest(&bytes)),
                    "data": STANDARD.encode(&bytes),
                })
            )?;
            written += 1;
        }
    }
    Ok(written)
}

/// Files written by a restore, waiting for its commit.
#[derive(Default)]
pub(super) struct Restoring {
    staged: Vec<(PathBuf, PathBuf)>,
}

impl Restoring {
    /// Checks a file line (`where_` names the file and line for errors) and writes its bytes
    /// beside their final name.
    pub(super) fn stage(
        &mut self,
        registry: &Registry,
        data_dir: &Path,
        line: &Value,
        where_: &str,
    ) -> anyhow::Result<()> {
        let file = line.get("file").and_then(Value::as_str).unwrap_or_default();
        let known = dirs(registry);
        let (dir, name) = file.split_once('/').unwrap_or(("", file));
        if !known.contains(&dir) {
            anyhow::bail!(
                "{where_}: file '{file}' is not under a known file directory ({})",
                known.join(", ")
            );
        }
        let plain = !name.is_empty()
            && !name.starts_with('.')
            && !name.ends_with(STAGED)
            && !name.ends_with(RESTORING)
            && name
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | '_'));
        if !plain {
            anyhow::bail!("{where_}: file name '{name}' is not a plain file name");
        }
        let data = line.get("data").and_then(Value::as_str).unwrap_or_default();
        let bytes = STANDARD
            .decode(data)
            .map_err(|e| anyhow::anyhow!("{where_}: file '{file}': data is not base64: {e}"))?;
        let size = line.get("bytes").and_then(Value::as_u64);
        let sum = line
            .get("sha256")
            .and_then(Value::as_str)
            .unwrap_or_default();
        if size != Some(bytes.len() as u64) || hex::encode(Sha256::digest(&bytes)) != sum {
            anyhow::bail!(
                "{where_}: file '{file}' does not match its recorded size and SHA-256: the backup is damaged"
            );
        }
        let folder = data_dir.join(dir);
        if self.staged.iter().any(|(_, t)| *t == folder.join(name)) {
            anyhow::bail!("{where_}: file '{file}' is listed twice: the backup is damaged");
        }
        std::fs::create_dir_all(&folder)
            .map_err(|e| anyhow::anyhow!("cannot create {}: {e}", folder.display()))?;
        let target = folder.join(name);
        let staged = folder.join(format!("{name}{RESTORING}"));
        std::fs::write(&staged, &bytes)
            .map_err(|e| anyhow::anyhow!("cannot write {}: {e}", staged.display()))?;
        self.staged.push((staged, target));
        Ok(())
    }

    /// Moves the files into place once the tables are committed; with `replace`, files of the
    /// same directories that the backup does not hold are removed (they belonged to the data
    /// the restore replaced). Returns how many files were restored.
    pub(super) fn finish(
        self,
        registry: &Registry,
        data_dir: &Path,
        replace: bool,
    ) -> anyhow::Result<usize> {
        let kept: BTreeSet<PathBuf> = self.staged.iter().map(|(_, t)| t.clone()).collect();
        for (staged, target) in &self.staged {
            std::fs::rename(staged, target)
                .map_err(|e| anyhow::anyhow!("cannot move {} into place: {e}", target.display()))?;
        }
        if replace {
            for dir in dirs(registry) {
                for (_, path) in listing(&data_dir.join(dir))? {
                    if !kept.contains(&path) {
                        std::fs::remove_file(&path).map_err(|e| {
                            anyhow::anyhow!("cannot remove {}: {e}", path.display())
                        })?;
                    }
                }
            }
        }
        Ok(kept.len())
    }

    /// Removes what was written (the restore failed).
    pub(super) fn abandon(self) {
        for (staged, _) in self.staged {
            let _ = std::fs::remove_file(staged);
        }
    }
}
