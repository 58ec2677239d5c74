//! What an officer does with a case: accept (thụ lý), refuse, transfer (chuyển đơn), extend by
//! decision (gia hạn), resolve and answer, send the decision or notice, assign the handler,
//! add an internal note, join a duplicate (gộp). Each in one transaction with its audit entry.

use chrono::NaiveDate;
use dinh_platform::accounts::{Principal, authorize, store as accounts};
use dinh_platform::audit::{self, Change};
use dinh_platform::db::{Db, Tx, query};
use dinh_platform::web::AppError;
use serde_json::json;

use super::case_view::{self, CaseRow};
use super::cases::{event, refresh_due, start_clock};
use super::scope::allow;
use crate::PetitionsModule;
use crate::clocks;
use crate::input::{BadInput, MAX_SHORT, MAX_TEXT, required};
use crate::kinds::{CaseKind, status};
use crate::permissions::{HANDLE, READ_IDENTITY};

/// An officer's act on a case.
#[derive(Debug, Clone)]
pub enum Action {
    /// Thụ lý: accept for resolution on `on`.
    Accept {
        /// Day of the acceptance decision.
        on: NaiveDate,
    },
    /// Không thụ lý: refuse, with the reason told to the citizen.
    Reject {
        /// Day.
        on: NaiveDate,
        /// Reason (public).
        reason: String,
    },
    /// Chuyển đơn: transfer to the competent body, telling the citizen.
    Transfer {
        /// Day.
        on: NaiveDate,
        /// The body it goes to.
        to: String,
    },
    /// Gia hạn: extend a denunciation's resolution by written decision.
    Extend {
        /// Day of the decision.
        on: NaiveDate,
        /// Number of the decision.
        decision: String,
    },
    /// Giải quyết / trả lời: resolve, with the answer sent to the citizen.
    Resolve {
        /// Day of the decision or answer.
        on: NaiveDate,
        /// The answer (public).
        answer: String,
    },
    /// Gửi quyết định / thông báo: the decision or acceptance notice was sent.
    Sent {
        /// Day.
        on: NaiveDate,
    },
    /// Giao người xử lý: assign the handler (the only one who may read a protected identity).
    Assign {
        /// Login of the handler.
        login: String,
    },
    /// Internal note (never shown to the citizen).
    Note {
        /// Text.
        text: String,
    },
    /// Gộp: join this case into another about the same matter.
    Join {
        /// Tracking code of the case it joins.
        into: String,
    },
}

impl Action {
    /// Stable name, for the audit log.
    pub fn name(&self) -> &'static str {
        match self {
            Action::Accept { .. } => "accept",
            Action::Reject { .. } => "reject",
            Action::Transfer { .. } => "transfer",
            Action::Extend { .. } => "extend",
            Action::Resolve { .. } => "resolve",
            Action::Sent { .. } => "sent",
            Action::Assign { .. } => "assign",
            Action::Note { .. } => "note",
            Action::Join { .. } => "join",
        }
    }
}

fn bad(msg: impl Into<String>) -> AppError {
    AppError::from(BadInput(msg.into()))
}

async fn close_clocks(
    tx: &mut Tx,
    case_id: i64,
    names: &[&str],
    on: NaiveDate,
) -> anyhow::Result<()> {
    for name in names {
        let closed: Vec<(String, String)> = tx
            .fetch_all(
                &query("UPDATE petition_clocks SET done_on = $1 WHERE case_id = $2 AND clock = $3 AND done_on IS NULL RETURNING clock, due_on")
                    .bind(on)
                    .bind(case_id)
                    .bind(*name),
            )
            .await?;
        super::summary::count_closed(tx, case_id, on, &closed).await?;
    }
    Ok(())
}

async fn close_all(tx: &mut Tx, case_id: i64, on: NaiveDate) -> anyhow::Result<()> {
    let closed: Vec<(String, String)> = tx
        .fetch_all(
            &query("UPDATE petition_clocks SET done_on = $1 WHERE case_id = $2 AND done_on IS NULL RETURNING clock, due_on")
                .bind(on)
                .bind(case_id),
        )
        .await?;
    super::summary::count_closed(tx, case_id, on, &closed).await?;
    Ok(())
}

async fn set_status(tx: &mut Tx, case_id: i64, s: &str, open: bool) -> anyhow::Result<()> {
    tx.execute(
        &query("UPDATE petition_cases SET status = $1, is_open = $2 WHERE id = $3")
            .bind(s)
            .bind(open)
            .bind(case_id),
    )
    .await?;
    Ok(())
}

fn require_open(case: &CaseRow) -> Result<(), AppError> {
    if case.is_open {
        Ok(())
    } else {
        Err(bad("action: the case is closed"))
    }
}

fn not_before_receipt(case: &CaseRow, on: NaiveDate) -> Result<(), AppError> {
    if on.format("%Y-%m-%d").to_string() < case.received_on {
        return Err(bad("on: the date is before the petition was received"));
    }
    Ok(())
}

/// Takes `action` on case `id`; the officer needs [`HANDLE`] at the case's unit.
pub async fn apply(
    m: &PetitionsModule,
    db: &Db,
    principal: Option<&Principal>,
    id: i64,
    action: Action,
) -> Result<(), AppError> {
    let case = case_view::row(db, id).await?;
    let unit = super::unit_by_id(db, case.unit_id).await?;
    allow(principal, &HANDLE, &unit)?;
    let actor = principal.map_or_else(|| "system".to_owned(), Principal::actor);
    let kind = case.case_kind().ok_or_else(|| bad("kind: unknown"))?;
    let mut tx = db.begin().await?;
    let mut after = json!({"action": action.name()});
    match &action {
        Action::Accept { on } => {
            require_open(&case)?;
            not_before_receipt(&case, *on)?;
            if case.status != status::RECEIVED {
                return Err(bad("action: the case was already accepted"));
            }
            let v = case.variant();
            match kind {
                CaseKind::Complaint => {
                    close_clocks(&mut tx, id, &["complaint.accept"], *on).await?;
                    start_clock(
                        m,
                        &mut tx,
                        id,
                        &case.pack_id,
                        "complaint.resolve",
                        v,
                        *on,
                        None,
                    )
                    .await?;
                }
                CaseKind::Denunciation => {
                    close_clocks(&mut tx, id, &["denunciation.initial"], *on).await?;
                    start_clock(
                        m,
                        &mut tx,
                        id,
                        &case.pack_id,
                        "denunciation.notice",
                        v,
                        *on,
                        None,
                    )
                    .await?;
                    start_clock(
                        m,
                        &mut tx,
                        id,
                        &case.pack_id,
                        "denunciation.resolve",
                        v,
                        *on,
                        None,
                    )
                    .await?;
                }
                _ => {
                    return Err(bad(
                        "action: only complaints and denunciations are accepted (thụ lý)",
                    ));
                }
            }
            set_status(&mut tx, id, status::ACCEPTED, true).await?;
            event(
                &mut tx,
                id,
                *on,
                "accepted",
                true,
                "Đã thụ lý giải quyết.",
                &actor,
            )
            .await?;
        }
        Action::Reject { on, reason } => {
            require_open(&case)?;
            not_before_receipt(&case, *on)?;
            let reason = required("reason", reason, MAX_TEXT)?;
            close_all(&mut tx, id, *on).await?;
            set_status(&mut tx, id, status::REJECTED, false).await?;
            event(
                &mut tx,
                id,
                *on,
                "rejected",
                true,
                &format!("Không thụ lý: {reason}"),
                &actor,
            )
            .await?;
        }
        Action::Transfer { on, to } => {
            require_open(&case)?;
            not_before_receipt(&case, *on)?;
            let to = required("to", to, MAX_SHORT)?;
            let received = dinh_platform::time::parse_date(&case.received_on).unwrap_or(*on);
            let v = case.variant();
            close_all(&mut tx, id, *on).await?;
            match kind {
                CaseKind::Denunciation => {
                    start_clock(
                        m,
                        &mut tx,
                        id,
                        &case.pack_id,
                        "denunciation.transfer",
                        v,
                        received,
                        Some(*on),
                    )
                    .await?;
                }
                CaseKind::Recommendation | CaseKind::Report => {
                    start_clock(
                        m,
                        &mut tx,
                        id,
                        &case.pack_id,
                        "feedback.transfer",
                        v,
                        received,
                        Some(*on),
                    )
                    .await?;
                }
                _ => {}
            }
            tx.execute(
                &query("UPDATE petition_cases SET transferred_to = $1 WHERE id = $2")
                    .bind(to.as_str())
                    .bind(id),
            )
            .await?;
            set_status(&mut tx, id, status::TRANSFERRED, false).await?;
            event(
                &mut tx,
                id,
                *on,
                "transferred",
                true,
                &format!("Đã chuyển đơn đến {to} (cơ quan có thẩm quyền)."),
                &actor,
            )
            .await?;
            after["to"] = json!(to);
        }
        Action::Extend { on, decision } => {
            require_open(&case)?;
            let decision = required("decision", decision, MAX_SHORT)?;
            if kind != CaseKind::Denunciation {
                return Err(bad(
                    "action: only a denunciation's resolution is extended by decision",
                ));
            }
            extend(m, &mut tx, &case, *on, &decision, &actor).await?;
            after["decision"] = json!(decision);
        }
        Action::Resolve { on, answer } => {
            require_open(&case)?;
            not_before_receipt(&case, *on)?;
            let answer = required("answer", answer, MAX_TEXT)?;
            match kind {
                CaseKind::Complaint | CaseKind::Denunciation if case.status == status::RECEIVED => {
                    return Err(bad("action: accept the case (thụ lý) before resolving it"));
                }
                _ => {}
            }
            close_clocks(
                &mut tx,
                id,
                &["complaint.resolve", "denunciation.resolve", "answer"],
                *on,
            )
            .await?;
            if kind == CaseKind::Complaint {
                start_clock(
                    m,
                    &mut tx,
                    id,
                    &case.pack_id,
                    "complaint.send_decision",
                    case.variant(),
                    *on,
                    None,
                )
                .await?;
            }
            let open_left: i64 = tx
                .scalar(&query("SELECT COUNT(*) FROM petition_clocks WHERE case_id = $1 AND done_on IS NULL").bind(id))
                .await?;
            tx.execute(
                &query("UPDATE petition_cases SET resolved_on = $1 WHERE id = $2")
                    .bind(*on)
                    .bind(id),
            )
            .await?;
            set_status(&mut tx, id, status::RESOLVED, open_left > 0).await?;
            event(&mut tx, id, *on, "resolved", true, &answer, &actor).await?;
        }
        Action::Sent { on } => {
            let n = tx
                .execute(
                    &query("UPDATE petition_clocks SET done_on = $1 WHERE case_id = $2 AND clock IN ('complaint.send_decision', 'denunciation.notice') AND done_on IS NULL")
                        .bind(*on)
                        .bind(id),
                )
                .await?;
            if n == 0 {
                return Err(bad("action: no decision or notice is waiting to be sent"));
            }
            let open_left: i64 = tx
                .scalar(&query("SELECT COUNT(*) FROM petition_clocks WHERE case_id = $1 AND done_on IS NULL").bind(id))
                .await?;
            if case.status == status::RESOLVED && open_left == 0 {
                set_status(&mut tx, id, status::RESOLVED, false).await?;
            }
            event(
                &mut tx,
                id,
                *on,
                "sent",
                true,
                "Đã gửi quyết định / thông báo cho người gửi đơn.",
                &actor,
            )
            .await?;
        }
        Action::Assign { login } => {
            let login = required("login", login, MAX_SHORT)?;
            let account: Option<i64> = tx
                .scalar_optional(
                    &query("SELECT id FROM accounts WHERE login = $1").bind(login.as_str()),
                )
                .await?;
            let account = account.ok_or_else(|| bad("login: no account with this login"))?;
            let handler = accounts::principal(db, account)
                .await?
                .ok_or_else(|| bad("login: the account is disabled"))?;
            if authorize(Some(&handler), &READ_IDENTITY, Some(&unit)).is_err() {
                return Err(bad("login: this person cannot handle cases of this unit"));
            }
            tx.execute(
                &query("UPDATE petition_cases SET handler_account_id = $1 WHERE id = $2")
                    .bind(account)
                    .bind(id),
            )
            .await?;
            event(
                &mut tx,
                id,
                dinh_platform::time::today_vn(),
                "assigned",
                false,
                &format!("Giao xử lý: {}", handler.display_name),
                &actor,
            )
            .await?;
            after["handler_account_id"] = json!(account);
        }
        Action::Note { text } => {
            let text = required("text", text, MAX_TEXT)?;
            event(
                &mut tx,
                id,
                dinh_platform::time::today_vn(),
                "note",
                false,
                &text,
                &actor,
            )
            .await?;
        }
        Action::Join { into } => {
            require_open(&case)?;
            let code = crate::tracking::canonical_code(into)
                .ok_or_else(|| bad("into: not a tracking code"))?;
            let target: Option<CaseRow> = tx
                .fetch_optional(
                    &query(format!(
                        "SELECT {} FROM petition_cases WHERE tracking_code = $1",
                        case_view::CASE_COLUMNS
                    ))
                    .bind(code.as_str()),
                )
                .await?;
            let target = target.ok_or_else(|| bad("into: no case with this code"))?;
            let target_unit = super::unit_by_id(db, target.unit_id).await?;
            if target.id == id
                || !target.is_open
                || authorize(principal, &HANDLE, Some(&target_unit)).is_err()
            {
                return Err(bad("into: choose another open case of your units"));
            }
            close_all(&mut tx, id, dinh_platform::time::today_vn()).await?;
            tx.execute(
                &query("UPDATE petition_cases SET joined_into = $1 WHERE id = $2")
                    .bind(target.id)
                    .bind(id),
            )
            .await?;
            set_status(&mut tx, id, status::JOINED, false).await?;
            event(
                &mut tx,
                id,
                dinh_platform::time::today_vn(),
                "joined",
                true,
                "Đơn trùng nội dung đã được gộp vào một vụ việc đang giải quyết.",
                &actor,
            )
            .await?;
            event(
                &mut tx,
                target.id,
                dinh_platform::time::today_vn(),
                "joined",
                false,
                &format!("Gộp đơn trùng {}", case.tracking_code),
                &actor,
            )
            .await?;
            after["into"] = json!(target.id);
        }
    }
    refresh_due(&mut tx, id).await?;
    if let Some((step, detail)) = step_told(&mut tx, id, &action).await? {
        crate::notices::tell_petitioner(m, &mut tx, &actor, id, step, &detail).await?;
    }
    audit::record(
        &mut tx,
        Change {
            actor: &actor,
            action: "petitions.case_action",
            object_type: "petition_case",
            object_id: &id.to_string(),
            before: Some(json!({"status": case.status})),
            after: Some(after),
        },
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

/// What the petitioner is told of `action` (the step and its detail), if it is a step they
/// must be told of; read after the case's clocks were updated, so a new last day is known.
async fn step_told(
    tx: &mut Tx,
    id: i64,
    action: &Action,
) -> anyhow::Result<Option<(&'static str, String)>> {
    let due: Option<Option<String>> = tx
        .scalar_optional(&query("SELECT next_due FROM petition_cases WHERE id = $1").bind(id))
        .await?;
    let next_due = due
        .flatten()
        .map(|d| dinh_platform::time::show_date(&d))
        .unwrap_or_default();
    let short = |text: &str| text.chars().take(300).collect::<String>();
    Ok(match action {
        Action::Accept { .. } => Some(("đã được thụ lý", format!("Hạn giải quyết: {next_due}."))),
        Action::Reject { reason, .. } => Some(("không được thụ lý", short(reason))),
        Action::Transfer { to, .. } => {
            Some(("đã được chuyển đến cơ quan có thẩm quyền", short(to)))
        }
        Action::Extend { .. } => Some((
            "thời hạn giải quyết được gia hạn",
            format!("Hạn mới: {next_due}."),
        )),
        Action::Resolve { answer, .. } => Some(("đã có kết quả giải quyết", short(answer))),
        _ => None,
    })
}

/// Gia hạn: one more extension of the denunciation's resolution clock, within the number the
/// case's complexity allows and the longest total of its pack.
async fn extend(
    m: &PetitionsModule,
    tx: &mut Tx,
    case: &CaseRow,
    on: NaiveDate,
    decision: &str,
    actor: &str,
) -> Result<(), AppError> {
    let pack = m.rules().get(&case.pack_id).map_err(anyhow::Error::from)?;
    let clock: Option<case_view::ClockRow> = tx
        .fetch_optional(&query("SELECT id, case_id, clock, rule_key, started_on, period_count, period_unit, extensions, extension_count, extension_unit, due_on, done_on FROM petition_clocks WHERE case_id = $1 AND clock = 'denunciation.resolve' AND done_on IS NULL").bind(case.id))
        .await?;
    let clock =
        clock.ok_or_else(|| bad("action: accept the denunciation (thụ lý) before extending it"))?;
    let allowed = i64::from(clocks::max_extensions(pack, case.complexity));
    if clock.extensions >= allowed {
        return Err(bad(format!(
            "action: this case allows {allowed} extension(s) ({}); mark it complex or especially complex first",
            pack.denunciations.max_extensions_complex.citation()
        )));
    }
    let ext = &pack.denunciations.extension;
    let total = clock.period_count + ext.count * (clock.extensions + 1);
    if ext.unit == pack.denunciations.max_total.unit && total > pack.denunciations.max_total.count {
        return Err(bad(format!(
            "action: the total would exceed {} days",
            pack.denunciations.max_total.count
        )));
    }
    let start = dinh_platform::time::parse_date(&clock.started_on).unwrap_or(on);
    let base = clocks::period(clock.period_count, &clock.period_unit);
    let d = clocks::deadline(
        m.calendar(),
        start,
        base,
        clock.extensions + 1,
        Some(ext.period()),
    )
    .map_err(AppError::from)?;
    tx.execute(
        &query("UPDATE petition_clocks SET extensions = extensions + 1, extension_count = $1, extension_unit = $2, due_on = $3 WHERE id = $4")
            .bind(ext.count)
            .bind(clocks::unit_code(ext.unit))
            .bind(d.due)
            .bind(clock.id),
    )
    .await?;
    set_status(tx, case.id, status::EXTENDED, true).await?;
    event(
        tx,
        case.id,
        on,
        "extended",
        true,
        &format!(
            "Gia hạn giải quyết theo quyết định số {decision} ngày {}; hạn mới {}.",
            on.format("%d/%m/%Y"),
            d.due.format("%d/%m/%Y")
        ),
        actor,
    )
    .await?;
    Ok(())
}
