//! The reception desk (bàn tiếp công dân): an entry in the reception book and, when the
//! citizen's matter is classified, the case it opens — written in one transaction with their
//! files, so a failure leaves neither the entry, nor the case, nor a file.

use dinh_platform::accounts::Principal;
use dinh_platform::db::Db;
use dinh_platform::units::Unit;
use dinh_platform::web::AppError;

use super::cases::{self, NewCase, Receipt};
use super::files::{self, CaseFiles, FileLimits, StagedCase};
use super::reception::{self, EntryRow, NewEntry};
use super::scope::allow;
use crate::PetitionsModule;
use crate::permissions::HANDLE;

/// Writes a reception-book entry and, when `case` is given, the case it opens (the entry
/// links to it), with the case's files: one transaction, every check before the first write.
pub async fn receive_at_desk(
    m: &PetitionsModule,
    db: &Db,
    p: Option<&Principal>,
    unit: &Unit,
    mut entry: NewEntry,
    case: Option<NewCase>,
    attached: Option<(&FileLimits, CaseFiles)>,
) -> Result<(EntryRow, Option<Receipt>), AppError> {
    allow(p, &HANDLE, unit)?;
    reception::check_entry(&entry)?;
    let prepared = match case {
        Some(new) => Some(cases::prepare(m, p, unit, new)?),
        None => None,
    };
    let staged = match (&prepared, attached) {
        (Some(pre), Some((limits, f))) if !f.is_empty() => {
            files::stage(m, limits, pre.id, pre.protected, f).await?
        }
        _ => StagedCase::none(),
    };
    let mut tx = db.begin().await?;
    let receipt = match prepared {
        Some(pre) => Some(cases::write(m, &mut tx, unit, pre, &staged).await?),
        None => None,
    };
    entry.case_id = receipt.as_ref().map(|r| r.id);
    let row = reception::add_entry_in(&mut tx, p, unit, entry).await?;
    tx.commit().await?;
    staged.keep().await?;
    Ok((row, receipt))
}
