//! Proof per channel (bằng chứng công khai): a posting at a place, a broadcast, a delivery
//! through the village head, each with its days, a note, an optional photo and who recorded
//! it. Each record re-evaluates its duty and the disclosure's completeness.

use chrono::NaiveDate;
use dinh_platform::audit::{self, Change};
use dinh_platform::db::{Db, Tx, ids::next_id, query};
use dinh_platform::time::{now_rfc3339, show_date, today_vn};
use serde_json::json;
use std::path::Path;

use super::files::{self, Upload};
use super::{Actor, StoreError, iso, unit_in};
use crate::permissions::RECORD_PROOF;
use crate::satisfaction::{Span, evaluate};

/// A posting, broadcast or delivery to record.
#[derive(Debug, Clone)]
pub struct NewProof {
    /// The channel (`notice_board`, `loudspeaker`, …).
    pub channel: String,
    /// The place: the code of the commune or of one thôn.
    pub place_code: String,
    /// First day.
    pub started_on: NaiveDate,
    /// Last day, if it has ended.
    pub ended_on: Option<NaiveDate>,
    /// What was done, where exactly.
    pub note: String,
}

#[derive(sqlx::FromRow)]
struct Target {
    obligation_id: i64,
    item_id: i64,
    unit_id: i64,
    decided_on: String,
}

/// Records a proof for the duty of disclosure `item_id` on `proof.channel` at
/// `proof.place_code`; returns the proof's id.
pub async fn record_proof(
    db: &Db,
    data_dir: &Path,
    max_upload: u64,
    actor: Actor<'_>,
    item_id: i64,
    proof: NewProof,
    photo: Option<Upload>,
) -> Result<i64, StoreError> {
    let place = dinh_platform::units::store::by_code(db, proof.place_code.trim())
        .await?
        .ok_or_else(|| {
            StoreError::invalid(
                "place",
                format!("no unit has the code '{}'", proof.place_code.trim()),
            )
        })?;
    let item: Option<(i64, String)> = db
        .fetch_optional(
            &query("SELECT unit_id, decided_on FROM disclosure_items WHERE id = $1").bind(item_id),
        )
        .await?;
    let (unit_id, _) = item.ok_or(StoreError::NotFound)?;
    if place.id != unit_id && place.parent_id != Some(unit_id) {
        return Err(StoreError::invalid(
            "place",
            format!(
                "{} is not in the publishing unit: choose the commune itself or one of its thôn",
                place.name
            ),
        ));
    }
    actor.may(&RECORD_PROOF, &place)?;
    let target: Target = db
        .fetch_optional(
            &query(
                "SELECT o.id AS obligation_id, i.id AS item_id, i.unit_id, i.decided_on
                 FROM disclosure_obligations o JOIN disclosure_items i ON i.id = o.item_id
                 WHERE o.item_id = $1 AND o.channel = $2 AND o.place_unit_id = $3",
            )
            .bind(item_id)
            .bind(proof.channel.trim())
            .bind(place.id),
        )
        .await?
        .ok_or_else(|| {
            StoreError::invalid(
                "channel",
                format!(
                    "this disclosure has no duty on channel '{}' at {}: see the list of duties on its page",
                    proof.channel.trim(),
                    place.name
                ),
            )
        })?;
    let decided = iso(&target.decided_on).unwrap_or(proof.started_on);
    if proof.started_on < decided {
        return Err(StoreError::invalid(
            "started_on",
            format!(
                "{} is before the decision ({}): dates are out of order",
                show_date(&proof.started_on.to_string()),
                show_date(&target.decided_on)
            ),
        ));
    }
    let today = today_vn();
    if proof.started_on > today {
        return Err(StoreError::invalid(
            "started_on",
            "is in the future: record a posting once it has started",
        ));
    }
    if let Some(end) = proof.ended_on {
        if end < proof.started_on {
            return Err(StoreError::invalid(
                "ended_on",
                "is before the first day: dates are out of order",
            ));
        }
        if end > today {
            return Err(StoreError::invalid(
                "ended_on",
                "is in the future: leave it empty while the posting is up",
            ));
        }
    }
    if proof.note.chars().count() > 2000 {
        return Err(StoreError::invalid(
            "note",
            "is longer than 2,000 characters",
        ));
    }
    let staged = files::stage(data_dir, photo.into_iter().collect(), max_upload, "photo").await?;
    let photo_id = staged.rows().next().map(|f| f.id);
    let id = next_id();
    let mut tx = db.begin().await?;
    files::insert(&staged, &mut tx, target.unit_id, actor.account_id()).await?;
    tx.execute(
        &query(
            "INSERT INTO disclosure_proofs (id, obligation_id, started_on, ended_on, note, photo_file_id, automatic, recorded_by, recorded_by_name, recorded_at)
             VALUES ($1, $2, $3, $4, $5, $6, 0, $7, $8, $9)",
        )
        .bind(id)
        .bind(target.obligation_id)
        .bind(proof.started_on)
        .bind(proof.ended_on)
        .bind(proof.note.trim())
        .bind(photo_id)
        .bind(actor.account_id())
        .bind(actor.name())
        .bind(now_rfc3339()),
    )
    .await?;
    refresh_obligation(&mut tx, target.obligation_id).await?;
    refresh_item(&mut tx, target.item_id).await?;
    audit::record(
        &mut tx,
        Change {
            actor: &actor.audit(),
            action: "disclosure.record_proof",
            object_type: "disclosure_proof",
            object_id: &id.to_string(),
            before: None,
            after: Some(json!({
                "disclosure": target.item_id, "channel": proof.channel.trim(), "place": place.code,
                "started_on": proof.started_on, "ended_on": proof.ended_on, "photo": photo_id,
            })),
        },
    )
    .await?;
    tx.commit().await?;
    staged.keep().await?;
    Ok(id)
}

/// Records that a running posting was taken down on `ended_on`.
pub async fn end_proof(
    db: &Db,
    actor: Actor<'_>,
    proof_id: i64,
    ended_on: NaiveDate,
) -> Result<(), StoreError> {
    let row: Option<(i64, i64, String, Option<String>, i64)> = db
        .fetch_optional(
            &query(
                "SELECT p.obligation_id, o.item_id, p.started_on, p.ended_on, o.place_unit_id
                 FROM disclosure_proofs p JOIN disclosure_obligations o ON o.id = p.obligation_id
                 WHERE p.id = $1",
            )
            .bind(proof_id),
        )
        .await?;
    let (obligation_id, item_id, started_on, ended, place_id) = row.ok_or(StoreError::NotFound)?;
    let mut tx = db.begin().await?;
    let place = unit_in(&mut tx, place_id)
        .await?
        .ok_or(StoreError::NotFound)?;
    actor.may(&RECORD_PROOF, &place)?;
    if ended.is_some() {
        return Err(StoreError::invalid(
            "ended_on",
            "this posting has already ended",
        ));
    }
    if iso(&started_on).is_some_and(|s| ended_on < s) {
        return Err(StoreError::invalid(
            "ended_on",
            "is before the first day: dates are out of order",
        ));
    }
    if ended_on > today_vn() {
        return Err(StoreError::invalid("ended_on", "is in the future"));
    }
    tx.execute(
        &query("UPDATE disclosure_proofs SET ended_on = $1 WHERE id = $2")
            .bind(ended_on)
            .bind(proof_id),
    )
    .await?;
    refresh_obligation(&mut tx, obligation_id).await?;
    refresh_item(&mut tx, item_id).await?;
    audit::record(
        &mut tx,
        Change {
            actor: &actor.audit(),
            action: "disclosure.end_posting",
            object_type: "disclosure_proof",
            object_id: &proof_id.to_string(),
            before: Some(json!({"ended_on": null})),
            after: Some(json!({"ended_on": ended_on})),
        },
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

/// The website publication, recorded by the system when the disclosure is published.
pub(crate) async fn insert_automatic(
    tx: &mut Tx,
    obligation_id: i64,
    on: NaiveDate,
) -> Result<(), StoreError> {
    tx.execute(
        &query(
            "INSERT INTO disclosure_proofs (id, obligation_id, started_on, ended_on, note, photo_file_id, automatic, recorded_by, recorded_by_name, recorded_at)
             VALUES ($1, $2, $3, NULL, '', NULL, 1, NULL, 'Đình', $4)",
        )
        .bind(next_id())
        .bind(obligation_id)
        .bind(on)
        .bind(now_rfc3339()),
    )
    .await?;
    Ok(())
}

/// Re-evaluates one duty from all its proofs.
pub(crate) async fn refresh_obligation(tx: &mut Tx, obligation_id: i64) -> Result<(), StoreError> {
    let (min_days, permanent): (Option<i64>, i64) = tx
        .fetch_optional(
            &query("SELECT CAST(min_days AS BIGINT), CAST(permanent AS BIGINT) FROM disclosure_obligations WHERE id = $1")
                .bind(obligation_id),
        )
        .await?
        .ok_or(StoreError::NotFound)?;
    let spans: Vec<(String, Option<String>)> = tx
        .fetch_all(
            &query("SELECT started_on, ended_on FROM disclosure_proofs WHERE obligation_id = $1")
                .bind(obligation_id),
        )
        .await?;
    let spans: Vec<Span> = spans
        .iter()
        .filter_map(|(s, e)| {
            Some(Span {
                started_on: iso(s)?,
                ended_on: e.as_deref().and_then(iso),
            })
        })
        .collect();
    let min = min_days.and_then(|m| u32::try_from(m).ok());
    let outcome = evaluate(&spans, min, permanent != 0);
    tx.execute(
        &query(
            "UPDATE disclosure_obligations SET first_started_on = $1, satisfied_on = $2, ended_early = $3 WHERE id = $4",
        )
        .bind(outcome.first_started_on)
        .bind(outcome.satisfied_on)
        .bind(i64::from(outcome.ended_early))
        .bind(obligation_id),
    )
    .await?;
    Ok(())
}

/// The day every duty of a disclosure is met (the latest of them), or none while one is not;
/// the monthly summary follows.
pub(crate) async fn refresh_item(tx: &mut Tx, item_id: i64) -> Result<(), StoreError> {
    let (unit_id, published_on, before): (i64, String, Option<String>) = tx
        .fetch_optional(
            &query("SELECT unit_id, published_on, complete_on FROM disclosure_items WHERE id = $1")
                .bind(item_id),
        )
        .await?
        .ok_or(StoreError::NotFound)?;
    let (open, latest): (i64, Option<String>) = tx
        .fetch_optional(
            &query(
                "SELECT CAST(COALESCE(SUM(CASE WHEN satisfied_on IS NULL THEN 1 ELSE 0 END), 0) AS BIGINT), MAX(satisfied_on)
                 FROM disclosure_obligations WHERE item_id = $1",
            )
            .bind(item_id),
        )
        .await?
        .unwrap_or((0, None));
    let complete_on = if open == 0 { latest } else { None };
    let delta = i64::from(complete_on.is_some()) - i64::from(before.is_some());
    tx.execute(
        &query("UPDATE disclosure_items SET complete_on = $1 WHERE id = $2")
            .bind(complete_on)
            .bind(item_id),
    )
    .await?;
    super::summary::count_completion(tx, unit_id, &published_on, delta).await?;
    Ok(())
}
