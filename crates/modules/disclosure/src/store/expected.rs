//! Expected recurring disclosures (công khai định kỳ): one row per unit, duty and period,
//! created when the period begins (the duties raised by events are rows too, see `events`); missing (chưa công khai) when its due date passes with no
//! disclosure published for it.

use chrono::NaiveDate;
use dinh_platform::db::{Db, Tx, ids::next_id, query};
use dinh_platform::units::Unit;
use serde::Serialize;

use super::StoreError;
use crate::DisclosureModule;
use crate::recurring::{due_on, period_of_label, periods_between};

/// An expected disclosure and whether it came.
#[derive(Debug, Clone, Serialize, sqlx::FromRow, utoipa::ToSchema)]
pub struct Expected {
    /// Id.
    pub id: i64,
    /// The unit that must publish.
    pub unit_id: i64,
    /// Its code.
    pub unit_code: String,
    /// Its name.
    pub unit_name: String,
    /// The duty (`budget_execution`, …).
    pub duty_key: String,
    /// Its Điều 11 category.
    pub category: i32,
    /// The period (`2026-Q3`).
    pub period_label: String,
    /// Due date (ISO).
    pub due_on: String,
    /// The legal basis.
    pub citation: String,
    /// The disclosure that fulfilled it, if any.
    pub item_id: Option<i64>,
    /// When it was published, if it was.
    pub fulfilled_on: Option<String>,
    /// For a duty raised by an event: what must be disclosed (None for a recurring duty).
    pub title: Option<String>,
    /// For a duty raised by an event: the page of the event.
    pub link: Option<String>,
    /// The period's first day, or the day an event's duty arose (ISO).
    pub period_from: String,
}

/// Creates the expected rows of `unit` for every recurring duty of the rule packs in force,
/// for each period that has begun between `since` and `today` (already existing rows are
/// kept). Returns how many were created.
pub async fn ensure_expected(
    db: &Db,
    module: &DisclosureModule,
    unit: &Unit,
    since: NaiveDate,
    today: NaiveDate,
) -> Result<u64, StoreError> {
    let mut rows = Vec::new();
    let pack_now = module
        .rules()
        .in_force_on(today)
        .map_err(|e| anyhow::anyhow!("{e}"))?;
    for duty in &pack_now.disclosure.recurring {
        for period in periods_between(duty.per, since, today) {
            // The pack in force at the period's start decides the duty and its due date.
            let Ok(pack) = module.rules().in_force_on(period.from.max(since)) else {
                continue;
            };
            let Some(duty) = pack.disclosure.recurring_duty(&duty.key) else {
                continue;
            };
            // A period that began before the unit was formed was its predecessors' duty.
            if !unit.existed_on(period.from) {
                continue;
            }
            let due = due_on(duty, &period, module.calendar())?;
            rows.push((duty.clone(), period, due, pack.id.clone()));
        }
    }
    let mut created = 0;
    let mut tx = db.begin().await?;
    for (duty, period, due, pack_id) in rows {
        created += tx
            .execute(
                &query(
                    "INSERT INTO disclosure_expected (id, unit_id, duty_key, category, period_label, period_from, period_to, due_on, pack_id, citation)
                     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
                     ON CONFLICT (unit_id, duty_key, period_label) DO NOTHING",
                )
                .bind(next_id())
                .bind(unit.id)
                .bind(&duty.key)
                .bind(duty.category)
                .bind(&period.label)
                .bind(period.from)
                .bind(period.to)
                .bind(due)
                .bind(pack_id)
                .bind(duty.citation()),
            )
            .await?;
    }
    tx.commit().await?;
    Ok(created)
}

/// Marks the expected row of (`unit`, `key`, `label`) fulfilled by disclosure `item_id`,
/// creating the row if the period had not been opened yet.
pub(crate) async fn fulfil(
    tx: &mut Tx,
    module: &DisclosureModule,
    unit: &Unit,
    key: &str,
    label: &str,
    item_id: i64,
    published_on: NaiveDate,
) -> Result<(), StoreError> {
    let existing: Option<(i64, Option<i64>)> = tx
        .fetch_optional(
            &query("SELECT id, item_id FROM disclosure_expected WHERE unit_id = $1 AND duty_key = $2 AND period_label = $3")
                .bind(unit.id)
                .bind(key)
                .bind(label),
        )
        .await?;
    match existing {
        Some((_, Some(_))) => Err(StoreError::invalid(
            "period_label",
            format!(
                "the duty '{key}' for {label} is already fulfilled: correct that disclosure instead"
            ),
        )),
        Some((id, None)) => {
            tx.execute(
                &query(
                    "UPDATE disclosure_expected SET item_id = $1, fulfilled_on = $2 WHERE id = $3",
                )
                .bind(item_id)
                .bind(published_on)
                .bind(id),
            )
            .await?;
            Ok(())
        }
        None => {
            let pack = module
                .rules()
                .in_force_on(published_on)
                .map_err(|e| anyhow::anyhow!("{e}"))?;
            let duty = pack
                .disclosure
                .recurring_duty(key)
                .ok_or_else(|| StoreError::invalid("recurring", format!("unknown duty '{key}'")))?;
            let period = period_of_label(duty.per, label).ok_or_else(|| {
                StoreError::invalid("period_label", format!("'{label}' is not a period"))
            })?;
            let due = due_on(duty, &period, module.calendar())?;
            tx.execute(
                &query(
                    "INSERT INTO disclosure_expected (id, unit_id, duty_key, category, period_label, period_from, period_to, due_on, pack_id, citation, item_id, fulfilled_on)
                     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)",
                )
                .bind(next_id())
                .bind(unit.id)
                .bind(key)
                .bind(duty.category)
                .bind(label)
                .bind(period.from)
                .bind(period.to)
                .bind(due)
                .bind(&pack.id)
                .bind(duty.citation())
                .bind(item_id)
                .bind(published_on),
            )
            .await?;
            Ok(())
        }
    }
}

/// Expected disclosures of the units under `unit_id` (itself included) that are missing on
/// `today` (due date passed, nothing published), or were published after their due date,
/// latest due first.
pub async fn missing(
    db: &Db,
    unit_id: i64,
    today: NaiveDate,
    limit: i64,
) -> sqlx::Result<Vec<Expected>> {
    db.fetch_all(
        &query(format!(
            "{cte}
             SELECT e.id, e.unit_id, u.code AS unit_code, u.name AS unit_name, e.duty_key,
                    CAST(e.category AS INTEGER) AS category, e.period_label, e.due_on, e.citation,
                    e.item_id, e.fulfilled_on, e.title, e.link, e.period_from
             FROM disclosure_expected e JOIN subtree s ON s.id = e.unit_id JOIN units u ON u.id = e.unit_id
             WHERE e.due_on < $2 AND (e.item_id IS NULL OR e.fulfilled_on > e.due_on)
             ORDER BY e.due_on DESC, u.code LIMIT $3",
            cte = dinh_platform::units::store::SUBTREE_CTE
        ))
        .bind(unit_id)
        .bind(today)
        .bind(limit),
    )
    .await
}
