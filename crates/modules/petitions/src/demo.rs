//! The demo's part for petitions: filled in below.

use chrono::NaiveDate;
use dinh_platform::db::Db;

use crate::PetitionsModule;

/// Seeds the demo commune.
pub(crate) async fn build(_m: &PetitionsModule, _db: &Db, _today: NaiveDate) -> anyhow::Result<()> {
    Ok(())
}
