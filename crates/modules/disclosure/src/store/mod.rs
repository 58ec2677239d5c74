//! The register's data: publishing and correcting disclosures, attaching files, recording
//! proof, expected recurring disclosures, and the reads behind the pages and the API.
//! Every write runs in one transaction with its audit entry; every check that can fail runs
//! before anything is written.

mod error;
pub mod events;
mod expected;
mod files;
mod proof;
mod publish;
mod read;
pub mod search;
mod summary;

pub use error::{Actor, StoreError};
pub use events::{EventDuty, gather as gather_duties, open_event_duties};
pub use expected::{Expected, ensure_expected, missing};
pub(crate) use files::file_path;
pub use files::{FileRow, Upload, sniff_content_type};
pub use proof::{NewProof, end_proof, record_proof};
pub use publish::{Correction, Draft, correct, publish};
pub use read::{
    DashboardRow, Detail, ItemRow, ListFilter, ObligationView, PAGE_SIZE, ProofRow, RegisterRow,
    VersionRow, dashboard, detail, list, register_rows,
};
pub use summary::{Totals, rebuild_summary, totals};

use chrono::NaiveDate;
use dinh_platform::db::{Db, Tx, query};
use dinh_platform::units::Unit;

/// The thôn / tổ dân phố of a commune that existed on `date` (the places of Điều 13(2)).
pub async fn villages_on(db: &Db, unit_id: i64, date: NaiveDate) -> sqlx::Result<Vec<i64>> {
    db.fetch_all::<(i64,)>(
        &query(
            "SELECT id FROM units WHERE parent_id = $1 AND kind IN ('village', 'residential_group')
               AND (valid_from IS NULL OR valid_from <= $2) AND (valid_to IS NULL OR valid_to >= $2)
             ORDER BY code",
        )
        .bind(unit_id)
        .bind(date),
    )
    .await
    .map(|rows| rows.into_iter().map(|(id,)| id).collect())
}

/// A unit by id inside a transaction.
pub(crate) async fn unit_in(tx: &mut Tx, id: i64) -> sqlx::Result<Option<Unit>> {
    tx.fetch_optional(
        &query(
            "SELECT id, code, name, kind, kind_label, parent_id, path, depth, valid_from, valid_to
             FROM units WHERE id = $1",
        )
        .bind(id),
    )
    .await
}

/// Parses a stored ISO date.
pub fn parse_iso(text: &str) -> Option<NaiveDate> {
    NaiveDate::parse_from_str(text, "%Y-%m-%d").ok()
}

pub(crate) use parse_iso as iso;
