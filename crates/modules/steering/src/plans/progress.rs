//! Progress on a task (báo cáo tiến độ) with notes and evidence links; at 100 % it is done,
//! and a copy's progress rolls up to the task it was assigned from.

use dinh_platform::audit::{self, Change};
use dinh_platform::db::{Db, ids::next_id, query};
use serde_json::json;

use crate::committees::{self};
use crate::permissions::REPORT_PROGRESS;
use crate::{Actor, StoreError};

use super::*;

/// Records progress on a task of the actor's unit; at 100 % the task is done.
pub async fn record_progress(
    db: &Db,
    actor: Actor<'_>,
    task_id: i64,
    input: Progress,
) -> Result<(), StoreError> {
    let (committee_id, status, before): (i64, String, i32) = db
        .fetch_optional(
            &query("SELECT committee_id, status, progress FROM steering_tasks WHERE id = $1")
                .bind(task_id),
        )
        .await?
        .ok_or(StoreError::NotFound)?;
    let (_, unit) = committees::with_unit(db, committee_id).await?;
    actor.may(&REPORT_PROGRESS, &unit)?;
    if !(0..=100).contains(&input.progress) {
        return Err(StoreError::invalid(
            "progress",
            "write a per cent between 0 and 100",
        ));
    }
    if input.note.trim().is_empty() {
        return Err(StoreError::invalid("note", "say what was done"));
    }
    let url = input.evidence_url.trim();
    let link_like =
        url.starts_with("https://") || url.starts_with("http://") || url.starts_with('/');
    if !url.is_empty() && !link_like {
        return Err(StoreError::invalid(
            "evidence_url",
            "a link starts with https://, http:// or /",
        ));
    }
    if status == "done" {
        return Err(StoreError::invalid("progress", "the task is already done"));
    }
    let done = input.progress == 100;
    let now = dinh_platform::time::now_rfc3339();
    let mut tx = db.begin().await?;
    tx.execute(
        &query(
            "INSERT INTO steering_task_notes (id, task_id, noted_on, progress, note, evidence_url, author, created_at)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
        )
        .bind(next_id())
        .bind(task_id)
        .bind(input.noted_on)
        .bind(input.progress)
        .bind(input.note.trim())
        .bind(url)
        .bind(actor.name())
        .bind(&now),
    )
    .await?;
    tx.execute(
        &query(
            "UPDATE steering_tasks SET progress = $1, status = $2, done_on = $3, updated_at = $4
             WHERE id = $5",
        )
        .bind(input.progress)
        .bind(if done { "done" } else { "open" })
        .bind(done.then_some(input.noted_on))
        .bind(&now)
        .bind(task_id),
    )
    .await?;
    let actor_s = actor.audit();
    audit::record(
        &mut tx,
        Change {
            actor: &actor_s,
            action: "steering.task.progress",
            object_type: "steering_task",
            object_id: &task_id.to_string(),
            before: Some(json!({"progress": before, "status": status})),
            after: Some(
                json!({"progress": input.progress, "done": done, "note": input.note.trim(),
                               "evidence_url": url}),
            ),
        },
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

/// Progress notes of a task, oldest first: (day, per cent, note, evidence link, author).
pub async fn notes(
    db: &Db,
    task_id: i64,
) -> sqlx::Result<Vec<(String, i32, String, String, String)>> {
    db.fetch_all(
        &query(
            "SELECT noted_on, progress, note, evidence_url, author FROM steering_task_notes
             WHERE task_id = $1 ORDER BY noted_on, created_at",
        )
        .bind(task_id),
    )
    .await
}
