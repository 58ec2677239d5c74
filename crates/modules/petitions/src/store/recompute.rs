//! Recomputing due dates after a change of the holiday schedule (lịch nghỉ lễ thay đổi).
//!
//! A due date is a pure function of the start, the period and the extensions, so the open
//! clocks are read grouped by those (a few thousand groups for a million clocks, grouped by the
//! database); each group is recomputed once, and only the groups whose date moved are written,
//! with the `next_due` of their cases.

use dinh_platform::audit::{self, Change};
use dinh_platform::db::{Db, query};
use serde_json::json;

use crate::PetitionsModule;
use crate::clocks;

#[derive(sqlx::FromRow)]
struct Group {
    started_on: String,
    period_count: i64,
    period_unit: String,
    extensions: i64,
    extension_count: i64,
    extension_unit: String,
    due_on: String,
    clocks: i64,
}

const SAME_GROUP: &str = "done_on IS NULL AND started_on = $2 AND period_count = $3 AND period_unit = $4 \
    AND extensions = $5 AND extension_count = $6 AND COALESCE(extension_unit, '') = $7";

/// Recomputes the due date of every open clock with the module's calendar; writes only the
/// clocks whose date moved, in one transaction. Returns how many moved.
pub async fn recompute_open_clocks(m: &PetitionsModule, db: &Db) -> anyhow::Result<u64> {
    let groups: Vec<Group> = db
        .fetch_all(&query(
            "SELECT started_on, period_count, period_unit, extensions, extension_count, COALESCE(extension_unit, '') AS extension_unit, due_on, COUNT(*) AS clocks \
             FROM petition_clocks WHERE done_on IS NULL \
             GROUP BY started_on, period_count, period_unit, extensions, extension_count, COALESCE(extension_unit, ''), due_on",
        ))
        .await?;
    let mut moved_groups = Vec::new();
    for g in groups {
        let Some(start) = clocks::parse_iso(&g.started_on) else {
            continue;
        };
        let base = clocks::period(g.period_count, &g.period_unit);
        let due = if g.extensions == 0 {
            m.calendar().due_date(start, base)?
        } else {
            let ext = clocks::period(g.extension_count, &g.extension_unit);
            clocks::deadline(m.calendar(), start, base, g.extensions, Some(ext))?.due
        };
        if clocks::parse_iso(&g.due_on) != Some(due) {
            moved_groups.push((g, due));
        }
    }
    if moved_groups.is_empty() {
        return Ok(0);
    }
    let mut moved = 0_u64;
    let mut case_ids: Vec<i64> = Vec::new();
    let mut tx = db.begin().await?;
    for (g, due) in &moved_groups {
        let bind = |sql: String, first: String| {
            query(sql)
                .bind(first)
                .bind(g.started_on.as_str())
                .bind(g.period_count)
                .bind(g.period_unit.as_str())
                .bind(g.extensions)
                .bind(g.extension_count)
                .bind(g.extension_unit.as_str())
        };
        let new_due = due.format("%Y-%m-%d").to_string();
        let touched: Vec<(i64,)> = tx
            .fetch_all(
                &bind(
                    format!("UPDATE petition_clocks SET due_on = $1 WHERE {SAME_GROUP} AND due_on = $8 RETURNING case_id"),
                    new_due,
                )
                .bind(g.due_on.as_str()),
            )
            .await?;
        moved += touched.len() as u64;
        case_ids.extend(touched.into_iter().map(|(id,)| id));
        debug_assert!(g.clocks > 0);
    }
    case_ids.sort_unstable();
    case_ids.dedup();
    for chunk in case_ids.chunks(2000) {
        let list = (1..=chunk.len())
            .map(|k| format!("${k}"))
            .collect::<Vec<_>>()
            .join(", ");
        let mut q = query(format!(
            "UPDATE petition_cases SET next_due = (SELECT MIN(k.due_on) FROM petition_clocks k WHERE k.case_id = petition_cases.id AND k.done_on IS NULL) WHERE id IN ({list})"
        ));
        for id in chunk {
            q.push(*id);
        }
        tx.execute(&q).await?;
    }
    audit::record(
        &mut tx,
        Change {
            actor: "system",
            action: "petitions.recompute_deadlines",
            object_type: "petition_clock",
            object_id: "all",
            before: None,
            after: Some(json!({"moved": moved, "groups": moved_groups.len()})),
        },
    )
    .await?;
    tx.commit().await?;
    Ok(moved)
}
