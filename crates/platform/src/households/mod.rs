//! Households (hộ gia đình) and their members: the voting unit of community decisions.
//! One representative per household, an adult with full legal capacity (Law 10/2022 Art. 5).

mod import;

pub use import::{HouseholdImportSummary, import_households};

use crate::db::{Db, DbResult, query};
use crate::units::store::SUBTREE_CTE;
use chrono::NaiveDate;
use serde::Serialize;

/// A household as officers see it.
#[derive(Debug, Clone, Serialize, sqlx::FromRow, utoipa::ToSchema)]
pub struct Household {
    /// Household code (số hộ khẩu / mã hộ).
    pub code: String,
    /// Code of the thôn or tổ dân phố it belongs to.
    pub unit_code: String,
    /// Address.
    pub address: String,
    /// Day it was registered (ISO).
    pub formed_on: String,
    /// Day it ceased to exist (ISO), if it did.
    pub dissolved_on: Option<String>,
    /// Name of its representative (đại diện hộ).
    pub representative: String,
    /// Number of members.
    pub members: i64,
}

/// Number of households of a unit's whole subtree that existed on `date`. This is the exact
/// denominator of community votes ("all households", Law 10/2022 Art. 21).
pub async fn count_at(db: &Db, unit_id: i64, date: NaiveDate) -> DbResult<i64> {
    db.scalar(
        &query(format!(
            "{SUBTREE_CTE} SELECT COUNT(*) FROM households h JOIN subtree s ON h.unit_id = s.id
             WHERE h.formed_on <= $2 AND (h.dissolved_on IS NULL OR h.dissolved_on > $2)"
        ))
        .bind(unit_id)
        .bind(date),
    )
    .await
}

/// Every household of a unit's whole subtree that existed on `date`, by code: the exact list
/// behind [`count_at`] (for a share per household of a community work, Law 10/2022 Art. 15(1)).
pub async fn all_at(db: &Db, unit_id: i64, date: NaiveDate) -> DbResult<Vec<Household>> {
    db.fetch_all(
        &query(format!(
            "{SUBTREE_CTE} SELECT h.code, u.code AS unit_code, h.address, h.formed_on,
                    h.dissolved_on, p.full_name AS representative,
                    (SELECT COUNT(*) FROM people m WHERE m.household_id = h.id) AS members
             FROM households h
             JOIN subtree s ON h.unit_id = s.id
             JOIN units u ON u.id = h.unit_id
             JOIN people p ON p.id = h.representative_id
             WHERE h.formed_on <= $2 AND (h.dissolved_on IS NULL OR h.dissolved_on > $2)
             ORDER BY h.code"
        ))
        .bind(unit_id)
        .bind(date),
    )
    .await
}

/// Households of one residential community existing on `date`, by code, one page.
pub async fn list(
    db: &Db,
    unit_id: i64,
    date: NaiveDate,
    limit: i64,
    offset: i64,
) -> DbResult<Vec<Household>> {
    db.fetch_all(
        &query(
            "SELECT h.code, u.code AS unit_code, h.address, h.formed_on, h.dissolved_on,
                    p.full_name AS representative,
                    (SELECT COUNT(*) FROM people m WHERE m.household_id = h.id) AS members
             FROM households h
             JOIN units u ON u.id = h.unit_id
             JOIN people p ON p.id = h.representative_id
             WHERE h.unit_id = $1 AND h.formed_on <= $2 AND (h.dissolved_on IS NULL OR h.dissolved_on > $2)
             ORDER BY h.code LIMIT $3 OFFSET $4",
        )
        .bind(unit_id)
        .bind(date)
        .bind(limit)
        .bind(offset),
    )
    .await
}

/// A household found by its code, with the id of the thôn or tổ dân phố it belongs to.
pub async fn by_code(db: &Db, code: &str) -> DbResult<Option<(Household, i64)>> {
    #[derive(sqlx::FromRow)]
    struct Row {
        code: String,
        unit_code: String,
        unit_id: i64,
        address: String,
        formed_on: String,
        dissolved_on: Option<String>,
        representative: String,
        members: i64,
    }
    let row: Option<Row> = db
        .fetch_optional(
            &query(
                "SELECT h.code, u.code AS unit_code, u.id AS unit_id, h.address, h.formed_on,
                        h.dissolved_on, p.full_name AS representative,
                        (SELECT COUNT(*) FROM people m WHERE m.household_id = h.id) AS members
                 FROM households h
                 JOIN units u ON u.id = h.unit_id
                 JOIN people p ON p.id = h.representative_id
                 WHERE h.code = $1",
            )
            .bind(code.trim()),
        )
        .await?;
    Ok(row.map(|r| {
        (
            Household {
                code: r.code,
                unit_code: r.unit_code,
                address: r.address,
                formed_on: r.formed_on,
                dissolved_on: r.dissolved_on,
                representative: r.representative,
                members: r.members,
            },
            r.unit_id,
        )
    }))
}

/// Households of a unit's whole subtree existing on `date` whose code, representative or
/// address contains `words`, ignoring case and diacritics ("tim ho" finds "Tìm Hộ"); at most
/// `limit`, by code. For an officer finding a household to act for (làm thay cho hộ).
pub async fn search(
    db: &Db,
    unit_id: i64,
    words: &str,
    date: NaiveDate,
    limit: usize,
) -> DbResult<Vec<Household>> {
    let wanted = crate::text::fold(words);
    let all: Vec<Household> = db
        .fetch_all(
            &query(format!(
                "{SUBTREE_CTE} SELECT h.code, u.code AS unit_code, h.address, h.formed_on,
                        h.dissolved_on, p.full_name AS representative,
                        (SELECT COUNT(*) FROM people m WHERE m.household_id = h.id) AS members
                 FROM households h
                 JOIN subtree s ON h.unit_id = s.id
                 JOIN units u ON u.id = h.unit_id
                 JOIN people p ON p.id = h.representative_id
                 WHERE h.formed_on <= $2 AND (h.dissolved_on IS NULL OR h.dissolved_on > $2)
                 ORDER BY h.code"
            ))
            .bind(unit_id)
            .bind(date),
        )
        .await?;
    Ok(all
        .into_iter()
        .filter(|h| {
            wanted.is_empty()
                || crate::text::fold(&format!("{} {} {}", h.code, h.representative, h.address))
                    .contains(&wanted)
        })
        .take(limit)
        .collect())
}
