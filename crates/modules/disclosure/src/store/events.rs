//! Disclosure duties raised by events (nghĩa vụ công khai phát sinh): another module's event,
//! such as a draft published for the people's comments (Luật 10/2022/QH15 Điều 11 khoản 11),
//! becomes an expected disclosure of its unit, due within the pack's deadline (Điều 12(3))
//! counted by the legal calendar from the day it arose. The duties come through the registry
//! ([`dinh_platform::module::Registry::duties_since`]); this module never reads the other's
//! tables. A disclosure published for the duty fulfils it.

use chrono::NaiveDate;
use dinh_platform::audit::{self, Change};
use dinh_platform::db::{Db, Tx, ids::next_id, query};
use dinh_platform::module::Registry;
use dinh_platform::units::Unit;
use serde::Serialize;
use serde_json::json;

use super::StoreError;
use crate::DisclosureModule;

/// The `duty_key` of every duty raised by an event.
pub const EVENT: &str = "event";

/// A duty raised by an event and not yet fulfilled, as the compose form offers it.
#[derive(Debug, Clone, Serialize, sqlx::FromRow, utoipa::ToSchema)]
pub struct EventDuty {
    /// Where it came from (`consultation:42`).
    pub origin: String,
    /// What must be disclosed.
    pub title: String,
    /// Its Điều 11 category.
    pub category: i32,
    /// Due date (ISO).
    pub due_on: String,
    /// The page of the event.
    pub link: String,
}

/// Takes the duties the modules of `registry` raised since the last one taken into the
/// register of expected disclosures, each once; returns how many were new (the
/// `disclosure.gather_duties` job, and the demo).
pub async fn gather(
    db: &Db,
    module: &DisclosureModule,
    registry: &Registry,
) -> anyhow::Result<u64> {
    let since: String = db
        .scalar(&query(
            "SELECT COALESCE(MAX(recorded_at), '') FROM disclosure_expected WHERE origin IS NOT NULL",
        ))
        .await?;
    let duties = registry.duties_since(db, &since).await?;
    if duties.is_empty() {
        return Ok(0);
    }
    let mut taken = 0;
    let mut tx = db.begin().await?;
    for d in duties {
        let Ok(pack) = module.rules().in_force_on(d.arose_on) else {
            continue;
        };
        let deadline = &pack.disclosure.deadline;
        let due = module
            .calendar()
            .due_after(d.arose_on, deadline.period())?
            .due;
        let id = next_id();
        let created = tx
            .execute(
                &query(
                    "INSERT INTO disclosure_expected (id, unit_id, duty_key, category, period_label,
                       period_from, period_to, due_on, pack_id, citation, origin, title, link,
                       recorded_at)
                     VALUES ($1, $2, $3, $4, $5, $6, $6, $7, $8, $9, $5, $10, $11, $12)
                     ON CONFLICT (unit_id, duty_key, period_label) DO NOTHING",
                )
                .bind(id)
                .bind(d.unit_id)
                .bind(EVENT)
                .bind(d.category)
                .bind(d.origin.as_str())
                .bind(d.arose_on)
                .bind(due)
                .bind(pack.id.as_str())
                .bind(deadline.citation())
                .bind(d.title.as_str())
                .bind(d.link.as_str())
                .bind(d.recorded_at.as_str()),
            )
            .await?;
        if created == 0 {
            continue;
        }
        taken += created;
        audit::record(
            &mut tx,
            Change {
                actor: "system",
                action: "disclosure.expected.event",
                object_type: "disclosure_expected",
                object_id: &id.to_string(),
                before: None,
                after: Some(
                    json!({"origin": d.origin, "unit": d.unit_id, "category": d.category,
                                   "title": d.title, "arose_on": d.arose_on.to_string(),
                                   "due_on": due.to_string()}),
                ),
            },
        )
        .await?;
    }
    tx.commit().await?;
    Ok(taken)
}

/// The duties raised by events at `unit` that no disclosure has fulfilled yet, soonest due
/// first.
pub async fn open_event_duties(db: &Db, unit_id: i64) -> sqlx::Result<Vec<EventDuty>> {
    db.fetch_all(
        &query(
            "SELECT origin, COALESCE(title, '') AS title, CAST(category AS INTEGER) AS category,
                    due_on, COALESCE(link, '') AS link
             FROM disclosure_expected
             WHERE unit_id = $1 AND duty_key = $2 AND item_id IS NULL
             ORDER BY due_on, origin",
        )
        .bind(unit_id)
        .bind(EVENT),
    )
    .await
}

/// Checks, before anything is written, that the duty `origin` of `unit` is open and of the
/// disclosure's `category`.
pub(crate) async fn check(
    db: &Db,
    unit: &Unit,
    origin: &str,
    category: u32,
) -> Result<(), StoreError> {
    let row: Option<(i32, Option<i64>)> = db
        .fetch_optional(
            &query(
                "SELECT CAST(category AS INTEGER), item_id FROM disclosure_expected
                 WHERE unit_id = $1 AND duty_key = $2 AND period_label = $3",
            )
            .bind(unit.id)
            .bind(EVENT)
            .bind(origin),
        )
        .await?;
    match row {
        None => Err(StoreError::invalid(
            "event",
            format!(
                "{} has no disclosure duty '{origin}': choose one from the list",
                unit.name
            ),
        )),
        Some((_, Some(_))) => Err(StoreError::invalid(
            "event",
            format!("the duty '{origin}' is already fulfilled: correct that disclosure instead"),
        )),
        Some((c, None)) if u32::try_from(c).ok() != Some(category) => Err(StoreError::invalid(
            "category",
            format!("the duty '{origin}' belongs to category {c}, not {category}"),
        )),
        Some(_) => Ok(()),
    }
}

/// Marks the duty `origin` of `unit` fulfilled by disclosure `item_id`, published on
/// `published_on` (refused when another disclosure fulfilled it meanwhile).
pub(crate) async fn fulfil(
    tx: &mut Tx,
    unit: &Unit,
    origin: &str,
    item_id: i64,
    published_on: NaiveDate,
) -> Result<(), StoreError> {
    let changed = tx
        .execute(
            &query(
                "UPDATE disclosure_expected SET item_id = $1, fulfilled_on = $2
                 WHERE unit_id = $3 AND duty_key = $4 AND period_label = $5 AND item_id IS NULL",
            )
            .bind(item_id)
            .bind(published_on)
            .bind(unit.id)
            .bind(EVENT)
            .bind(origin),
        )
        .await?;
    if changed == 0 {
        return Err(StoreError::invalid(
            "event",
            format!("the duty '{origin}' is already fulfilled: correct that disclosure instead"),
        ));
    }
    Ok(())
}
