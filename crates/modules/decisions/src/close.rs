//! Closing the vote (kết thúc biểu quyết): the count is taken against all households on the
//! closing day, stored with its explanation, and audited; secret boxes must match the register.

use chrono::NaiveDate;
use dinh_platform::accounts::{Principal, authorize};
use dinh_platform::audit::{self, Change};
use dinh_platform::db::{Db, query};
use serde_json::json;

use crate::error::{Result, refuse};
use crate::matters::{self, Matter};
use crate::tally::{Source, Tally, count};
use crate::{DecisionsModule, permissions};

/// The provisional (open) or final (closed) count of a matter.
pub async fn tally(
    m: &DecisionsModule,
    db: &Db,
    matter: &Matter,
    today: NaiveDate,
) -> Result<Tally> {
    let pack = m.pack(&matter.rule_pack_id)?;
    let date = matter
        .closed_on
        .as_deref()
        .and_then(dinh_platform::time::parse_date)
        .unwrap_or(today);
    let mut reader = db.clone();
    count(&mut reader, pack, matter, date, Source::Running).await
}

/// Closes the vote on `on` and records the result.
pub async fn close(
    m: &DecisionsModule,
    db: &Db,
    who: Option<&Principal>,
    matter_id: i64,
    on: NaiveDate,
) -> Result<Tally> {
    let matter = matters::get(db, matter_id).await?;
    let unit = matters::unit_of(db, &matter).await?;
    authorize(who, &permissions::PROPOSE, Some(&unit))?;
    let pack = m.pack(&matter.rule_pack_id)?;
    let actor = who.map(Principal::actor).unwrap_or_default();
    let opened = dinh_platform::time::parse_date(&matter.opened_on).unwrap_or(on);
    if on < opened {
        return refuse(
            "closed_on",
            "ngày kết thúc trước ngày mở biểu quyết",
            "the closing day is before the vote opened",
        );
    }
    let mut tx = db.begin().await?;
    // Takes the row: on PostgreSQL this waits for the votes being recorded (they hold it shared).
    let changed = tx
        .execute(
            &query("UPDATE decision_matters SET status = 'closed', closed_on = $2 WHERE id = $1 AND status = 'open'")
                .bind(matter.id)
                .bind(on),
        )
        .await?;
    if changed == 0 {
        return refuse(
            "matter",
            "việc này đã kết thúc biểu quyết",
            "voting on this matter is already closed",
        );
    }
    let matter = matters::lock(&mut tx, matter.id).await?;
    let unchecked: i64 = tx
        .scalar(
            &query(
                "SELECT COUNT(*) FROM decision_votes WHERE matter_id = $1 AND confirmed_by IS NULL",
            )
            .bind(matter.id),
        )
        .await?;
    if unchecked > 0 {
        return refuse(
            "matter",
            format!("còn {unchecked} phiếu chưa được thành viên thứ hai của tổ kiểm tra"),
            format!("{unchecked} ballots have not been checked by a second team member"),
        );
    }
    let mut digest = None;
    if matter.secret {
        let bad = crate::secret::mismatches(&mut tx, &matter).await?;
        if let Some(b) = bad.first() {
            return refuse(
                "count",
                format!(
                    "{}: {} phiếu nhưng {} hộ tham gia; kiểm phiếu trước khi kết thúc",
                    b.unit_code, b.ballots, b.participants
                ),
                format!(
                    "{}: {} ballots but {} households took part; count the box before closing",
                    b.unit_code, b.ballots, b.participants
                ),
            );
        }
        digest = Some(crate::secret::digest(&mut tx, matter.id).await?);
    }
    let result = count(&mut tx, pack, &matter, on, Source::Rows).await?;
    tx.execute(
        &query(
            "UPDATE decision_matters SET passed = $2, agree = $3, total = $4, participants = $5,
                households = $6, result_vi = $7, result_en = $8, ballot_digest = $9 WHERE id = $1",
        )
        .bind(matter.id)
        .bind(result.passed)
        .bind(result.agree)
        .bind(result.total)
        .bind(result.participants)
        .bind(result.households)
        .bind(result.explanation_vi.as_str())
        .bind(result.explanation_en.as_str())
        .bind(digest.clone()),
    )
    .await?;
    // The households of each thôn on the closing day, kept for the result pages.
    for v in &result.villages {
        crate::tally::bump(&mut tx, matter.id, v.unit_id, "_households", v.households).await?;
    }
    if matter.is_election() {
        let winner = result.candidates.iter().find(|c| c.elected).map(|c| c.id);
        tx.execute(
            &query("UPDATE decision_elections SET winner_id = $2 WHERE matter_id = $1")
                .bind(matter.id)
                .bind(winner),
        )
        .await?;
    }
    audit::record(
        &mut tx,
        Change {
            actor: &actor,
            action: "decisions.close",
            object_type: "decision_matter",
            object_id: &matter.id.to_string(),
            before: Some(json!({"status": "open"})),
            after: Some(
                json!({"status": "closed", "closed_on": on, "passed": result.passed,
                "agree": result.agree, "total": result.total, "participants": result.participants,
                "households": result.households, "result": result.explanation_vi,
                "ballot_digest": digest, "rule_pack": pack.id}),
            ),
        },
    )
    .await?;
    crate::search::sync(&mut tx, matter.id).await?;
    crate::notices::tell_households(
        &mut tx,
        &actor,
        crate::notices::RESULT,
        &matter,
        matter.unit_id,
        on,
        &[("result", result.explanation_vi.clone())],
    )
    .await?;
    tx.commit().await?;
    Ok(result)
}
