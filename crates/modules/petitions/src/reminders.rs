//! Reminders (nhắc hạn) and the scheduled jobs: a clock that runs out within
//! [`REMIND_WORKING_DAYS`] working days (or already has) gets one internal timeline line, shown
//! on the case and, through `next_due`, at the top of the work list; due dates are recomputed
//! daily so that a changed holiday schedule moves them.

use std::time::Duration;

use chrono::NaiveDate;
use dinh_calendar::Period;
use dinh_platform::audit::{self, Change};
use dinh_platform::db::{Db, ids::next_id, query};
use dinh_platform::module::Job;
use serde_json::json;

use crate::PetitionsModule;

/// How far ahead a reminder is given, in working days. A product setting, not a legal number.
pub const REMIND_WORKING_DAYS: u32 = 2;

/// The last due date that is "due soon" on `today`.
pub fn horizon(m: &PetitionsModule, today: NaiveDate) -> NaiveDate {
    m.calendar()
        .due_date(today, Period::working_days(REMIND_WORKING_DAYS))
        .unwrap_or(today)
}

/// Gives the reminders due on `today`; returns how many.
pub async fn remind(m: &PetitionsModule, db: &Db, today: NaiveDate) -> anyhow::Result<u64> {
    let due: Vec<(i64, i64, String, String)> = db
        .fetch_all(
            &query("SELECT id, case_id, clock, due_on FROM petition_clocks WHERE done_on IS NULL AND reminded_on IS NULL AND due_on <= $1 ORDER BY due_on, id LIMIT 5000")
                .bind(horizon(m, today)),
        )
        .await?;
    if due.is_empty() {
        return Ok(0);
    }
    let now = dinh_platform::time::now_rfc3339();
    let today_iso = today.format("%Y-%m-%d").to_string();
    let mut tx = db.begin().await?;
    for (id, case_id, clock, due_on) in &due {
        let state = if *due_on < today_iso {
            "đã quá hạn"
        } else {
            "sắp đến hạn"
        };
        let body = format!(
            "Nhắc hạn: {} {state} ({}).",
            clock,
            dinh_platform::time::show_date(due_on)
        );
        tx.execute(
            &query("INSERT INTO petition_events (id, case_id, at, on_date, kind, public, body, actor) VALUES ($1, $2, $3, $4, 'reminder', FALSE, $5, 'system')")
                .bind(next_id())
                .bind(*case_id)
                .bind(now.as_str())
                .bind(today)
                .bind(body),
        )
        .await?;
        tx.execute(
            &query("UPDATE petition_clocks SET reminded_on = $1 WHERE id = $2")
                .bind(today)
                .bind(*id),
        )
        .await?;
    }
    audit::record(
        &mut tx,
        Change {
            actor: "system",
            action: "petitions.remind",
            object_type: "petition_clock",
            object_id: "batch",
            before: None,
            after: Some(json!({"reminders": due.len(), "on": today})),
        },
    )
    .await?;
    tx.commit().await?;
    Ok(due.len() as u64)
}

/// The module's jobs: reminders hourly, due dates recomputed daily.
pub fn jobs(m: &PetitionsModule) -> Vec<Job> {
    let a = m.clone();
    let b = m.clone();
    vec![
        Job::new(
            "petitions.reminders",
            Duration::from_secs(3600),
            move |state| {
                let m = a.clone();
                Box::pin(async move {
                    remind(&m, &state.db, dinh_platform::time::today_vn())
                        .await
                        .map(drop)
                })
            },
        ),
        Job::new(
            "petitions.recompute_deadlines",
            Duration::from_secs(86_400),
            move |state| {
                let m = b.clone();
                Box::pin(async move {
                    crate::store::recompute::recompute_open_clocks(&m, &state.db)
                        .await
                        .map(drop)
                })
            },
        ),
    ]
}
