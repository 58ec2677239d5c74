//! The monthly summary of each unit's register (published, on time, every duty met), kept in
//! the transaction of every write, and the totals read from it for whole months — or from the
//! disclosures themselves for any other period.

use chrono::{Datelike, NaiveDate};
use dinh_platform::db::{Db, Tx, query};
use dinh_platform::units::store::SUBTREE_CTE;

use super::StoreError;

fn month(date: &str) -> String {
    date.chars().take(7).collect()
}

/// Counts one publication in its unit's month.
pub(crate) async fn count_publication(
    tx: &mut Tx,
    unit_id: i64,
    published_on: NaiveDate,
    on_time: bool,
) -> Result<(), StoreError> {
    tx.execute(
        &query(
            "INSERT INTO disclosure_unit_months (unit_id, month, published, on_time, complete)
             VALUES ($1, $2, 1, $3, 0)
             ON CONFLICT (unit_id, month) DO UPDATE SET
                published = disclosure_unit_months.published + 1,
                on_time = disclosure_unit_months.on_time + excluded.on_time",
        )
        .bind(unit_id)
        .bind(month(&published_on.to_string()))
        .bind(i64::from(on_time)),
    )
    .await?;
    Ok(())
}

/// Adds `delta` (+1 or −1) to the completed disclosures of a unit's month.
pub(crate) async fn count_completion(
    tx: &mut Tx,
    unit_id: i64,
    published_on: &str,
    delta: i64,
) -> Result<(), StoreError> {
    if delta != 0 {
        tx.execute(
            &query("UPDATE disclosure_unit_months SET complete = complete + $1 WHERE unit_id = $2 AND month = $3")
                .bind(delta)
                .bind(unit_id)
                .bind(month(published_on)),
        )
        .await?;
    }
    Ok(())
}

/// Rebuilds the summary from the disclosures (after a bulk load or a restore).
pub async fn rebuild_summary(db: &Db) -> sqlx::Result<()> {
    let mut tx = db.begin().await?;
    tx.execute(&query("DELETE FROM disclosure_unit_months"))
        .await?;
    tx.execute(&query(
        "INSERT INTO disclosure_unit_months (unit_id, month, published, on_time, complete)
         SELECT unit_id, substr(published_on, 1, 7), COUNT(*), SUM(on_time),
                SUM(CASE WHEN complete_on IS NULL THEN 0 ELSE 1 END)
         FROM disclosure_items GROUP BY unit_id, substr(published_on, 1, 7)",
    ))
    .await?;
    tx.commit().await
}

/// Figures of one unit for a period.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, sqlx::FromRow)]
pub struct Totals {
    /// The unit.
    pub unit_id: i64,
    /// Disclosures published.
    pub published: i64,
    /// … by their due date.
    pub on_time: i64,
    /// … with every duty met on the day asked about.
    pub complete: i64,
}

/// Whether `from`..`to` is whole months.
fn whole_months(from: NaiveDate, to: NaiveDate) -> bool {
    from.day() == 1 && to.succ_opt().is_some_and(|d| d.day() == 1)
}

/// The figures of every unit of the subtree of `unit_id` that published in `from`..`to`, as of
/// `today`. Whole months are read from the summary (running postings, whose duties are not met
/// yet, are taken off from the disclosures themselves); other periods from the disclosures.
pub async fn totals(
    db: &Db,
    unit_id: i64,
    from: NaiveDate,
    to: NaiveDate,
    today: NaiveDate,
) -> sqlx::Result<Vec<Totals>> {
    if whole_months(from, to) {
        // Two queries merged here: joined in one statement, SQLite plans them badly.
        let mut rows: Vec<Totals> = db
            .fetch_all(
                &query(format!(
                    "{SUBTREE_CTE}
                     SELECT m.unit_id, CAST(SUM(m.published) AS BIGINT) AS published,
                            CAST(SUM(m.on_time) AS BIGINT) AS on_time,
                            CAST(SUM(m.complete) AS BIGINT) AS complete
                     FROM disclosure_unit_months m JOIN subtree s ON s.id = m.unit_id
                     WHERE m.month >= $2 AND m.month <= $3 GROUP BY m.unit_id"
                ))
                .bind(unit_id)
                .bind(month(&from.to_string()))
                .bind(month(&to.to_string())),
            )
            .await?;
        // Disclosures whose duties are not all met yet on `today` are few: find them by
        // complete_on. `+unit_id` and `|| ''` keep SQLite from walking the million rows of the
        // (unit_id, published_on) index instead; PostgreSQL plans it the same either way.
        let running: std::collections::HashMap<i64, i64> = db
            .fetch_all::<(i64, i64)>(
                &query(format!(
                    "{SUBTREE_CTE}
                     SELECT +i.unit_id AS running_unit, CAST(COUNT(*) AS BIGINT)
                     FROM disclosure_items i JOIN subtree s ON s.id = +i.unit_id
                     WHERE i.complete_on > $2
                       AND (i.published_on || '') >= $3 AND (i.published_on || '') <= $4
                     GROUP BY running_unit"
                ))
                .bind(unit_id)
                .bind(today)
                .bind(from)
                .bind(to),
            )
            .await?
            .into_iter()
            .collect();
        for r in &mut rows {
            r.complete -= running.get(&r.unit_id).copied().unwrap_or(0);
        }
        Ok(rows)
    } else {
        db.fetch_all(
            &query(format!(
                "{SUBTREE_CTE}
                 SELECT i.unit_id, CAST(COUNT(*) AS BIGINT) AS published,
                        CAST(SUM(i.on_time) AS BIGINT) AS on_time,
                        CAST(SUM(CASE WHEN i.complete_on <= $4 THEN 1 ELSE 0 END) AS BIGINT) AS complete
                 FROM disclosure_items i JOIN subtree s ON s.id = i.unit_id
                 WHERE i.published_on >= $2 AND i.published_on <= $3
                 GROUP BY i.unit_id"
            ))
            .bind(unit_id)
            .bind(from)
            .bind(to)
            .bind(today),
        )
        .await
    }
}
