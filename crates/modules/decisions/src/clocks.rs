//! The clocks of a decided matter (thời hạn): the decision document must reach UBND xã and
//! UBMTTQ xã within the pack's working days of closing (Luật 10/2022 Điều 20(3)), and matters
//! needing recognition must be recognised or refused in writing within the pack's working days
//! of sending (Điều 21(2)). The work page shows each running clock; the `decisions.clocks` job
//! raises each overdue clock once (audited) so it appears on the officers' list.

use chrono::NaiveDate;
use dinh_platform::audit::{self, Change};
use dinh_platform::db::{Db, query};
use serde_json::json;

use crate::dates::dmy;
use crate::document::DecisionDocument;
use crate::error::{Error, Result};
use crate::{DecisionsModule, Matter, matters};

/// A running clock of a matter, in both languages.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reminder {
    /// The matter.
    pub matter_id: i64,
    /// `send` (gửi văn bản) or `recognition` (công nhận).
    pub kind: &'static str,
    /// Last day.
    pub due_on: NaiveDate,
    /// Past its last day (quá hạn).
    pub overdue: bool,
    /// Text in Vietnamese.
    pub vi: String,
    /// Text in English.
    pub en: String,
}

fn reminder(matter: &Matter, kind: &'static str, due_on: NaiveDate, today: NaiveDate) -> Reminder {
    let overdue = today > due_on;
    let (what_vi, what_en) = match kind {
        "send" => (
            "Gửi văn bản ghi nhận kết quả đến UBND xã và UBMTTQ xã",
            "Send the decision document to the commune People's Committee and Front",
        ),
        _ => (
            "Công nhận hoặc từ chối công nhận bằng văn bản",
            "Recognise the result or refuse in writing",
        ),
    };
    let (state_vi, state_en) = if overdue {
        ("QUÁ HẠN", "OVERDUE")
    } else {
        ("hạn", "due")
    };
    Reminder {
        matter_id: matter.id,
        kind,
        due_on,
        overdue,
        vi: format!("{what_vi} — {state_vi} {} ({})", dmy(due_on), matter.title),
        en: format!("{what_en} — {state_en} {} ({})", dmy(due_on), matter.title),
    }
}

/// The days of a decision document its clocks read (all ISO).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct DocDays {
    pub send_due_on: String,
    pub sent_on: Option<String>,
    pub recognition_due_on: Option<String>,
    pub recognition_by: Option<String>,
    pub recognised_on: Option<String>,
    pub refused_on: Option<String>,
}

impl From<&DecisionDocument> for DocDays {
    fn from(d: &DecisionDocument) -> Self {
        Self {
            send_due_on: d.send_due_on.clone(),
            sent_on: d.sent_on.clone(),
            recognition_due_on: d.recognition_due_on.clone(),
            recognition_by: d.recognition_by.clone(),
            recognised_on: d.recognised_on.clone(),
            refused_on: d.refused_on.clone(),
        }
    }
}

/// The running clocks of one matter on `today` (none while the vote is open).
pub async fn reminders_for(
    m: &DecisionsModule,
    db: &Db,
    matter: &Matter,
    today: NaiveDate,
) -> Result<Vec<Reminder>> {
    if matter.is_open() {
        return Ok(Vec::new());
    }
    let doc = match crate::document::get(db, matter.id).await {
        Ok(d) => Some(DocDays::from(&d)),
        Err(Error::NotFound(_)) => None,
        Err(e) => return Err(e),
    };
    clocks_of(m, matter, doc.as_ref(), today)
}

/// The running clocks of a closed matter whose document (if any) has `doc`'s days: the same
/// reckoning for the work page, the job and the work home.
pub(crate) fn clocks_of(
    m: &DecisionsModule,
    matter: &Matter,
    doc: Option<&DocDays>,
    today: NaiveDate,
) -> Result<Vec<Reminder>> {
    let iso = |s: &str| dinh_platform::time::parse_date(s);
    let mut out = Vec::new();
    match doc {
        None => {
            let Some(closed) = matter.closed_on.as_deref().and_then(iso) else {
                return Ok(out);
            };
            let pack = m.pack(&matter.rule_pack_id)?;
            let due = m
                .calendar()
                .due_date(closed, pack.decisions.decision_document.period())?;
            out.push(reminder(matter, "send", due, today));
        }
        Some(d) if d.sent_on.is_none() => {
            if let Some(due) = iso(&d.send_due_on) {
                out.push(reminder(matter, "send", due, today));
            }
        }
        Some(d)
            if d.recognition_by.is_some()
                && d.recognised_on.is_none()
                && d.refused_on.is_none() =>
        {
            if let Some(due) = d.recognition_due_on.as_deref().and_then(iso) {
                out.push(reminder(matter, "recognition", due, today));
            }
        }
        Some(_) => {}
    }
    Ok(out)
}

/// The job's pass: raises every overdue clock not raised before, each with its audit entry in
/// the same transaction; returns how many were raised.
pub async fn run(m: &DecisionsModule, db: &Db, today: NaiveDate) -> Result<usize> {
    let ids: Vec<(i64,)> = db
        .fetch_all(&query(
            "SELECT m.id FROM decision_matters m LEFT JOIN decision_documents d ON d.matter_id = m.id
             WHERE m.status = 'closed'
               AND (d.matter_id IS NULL OR d.sent_on IS NULL
                    OR (d.recognition_by IS NOT NULL AND d.recognised_on IS NULL AND d.refused_on IS NULL))
             ORDER BY m.id",
        ))
        .await?;
    let mut raised = 0;
    for (id,) in ids {
        let matter = matters::get(db, id).await?;
        for r in reminders_for(m, db, &matter, today).await? {
            if !r.overdue {
                continue;
            }
            let mut tx = db.begin().await?;
            let n = tx
                .execute(
                    &query(
                        "INSERT INTO decision_overdue (matter_id, kind, due_on, flagged_on) VALUES ($1, $2, $3, $4)
                         ON CONFLICT (matter_id, kind) DO NOTHING",
                    )
                    .bind(id)
                    .bind(r.kind)
                    .bind(r.due_on)
                    .bind(today),
                )
                .await?;
            if n == 0 {
                continue;
            }
            audit::record(
                &mut tx,
                Change {
                    actor: "system",
                    action: "decisions.overdue",
                    object_type: "decision_matter",
                    object_id: &id.to_string(),
                    before: None,
                    after: Some(json!({"kind": r.kind, "due_on": r.due_on, "flagged_on": today})),
                },
            )
            .await?;
            tx.commit().await?;
            raised += 1;
        }
    }
    Ok(raised)
}

/// An overdue clock raised by the job, for the officers' list of a unit.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct Raised {
    /// The matter.
    pub matter_id: i64,
    /// Its title.
    pub title: String,
    /// `send` or `recognition`.
    pub kind: String,
    /// Last day (ISO).
    pub due_on: String,
}

/// Overdue clocks raised in the subtree of `unit_id` and still running (the document not yet
/// sent, or not yet recognised or refused).
pub async fn raised_in(db: &Db, unit_id: i64) -> Result<Vec<Raised>> {
    Ok(db
        .fetch_all(
            &query(
                "SELECT o.matter_id, m.title, o.kind, o.due_on FROM decision_overdue o
                 JOIN decision_matters m ON m.id = o.matter_id JOIN units u ON u.id = m.unit_id
                 LEFT JOIN decision_documents d ON d.matter_id = o.matter_id
                 WHERE u.path LIKE (SELECT path FROM units WHERE id = $1) || '%'
                   AND ((o.kind = 'send' AND (d.matter_id IS NULL OR d.sent_on IS NULL))
                     OR (o.kind = 'recognition' AND d.recognised_on IS NULL AND d.refused_on IS NULL))
                 ORDER BY o.due_on, o.matter_id",
            )
            .bind(unit_id),
        )
        .await?)
}
