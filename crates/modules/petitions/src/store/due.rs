//! Open clocks (thời hạn đang chạy) of the cases in a scope, read from the clocks themselves,
//! so every list is right even before the hourly reminder job has run. Two readers share the
//! one query ([`open_clocks`]):
//!
//! - the officer's reminders (nhắc việc) of a unit: clocks that run out within the reminder
//!   horizon (two working days) or already have, the viewer's own cases first;
//! - the work home (Việc của tôi, `crate::work`): every open clock awaiting the person over all
//!   the units of their grants at once.

use chrono::NaiveDate;
use dinh_platform::accounts::Principal;
use dinh_platform::db::{Arg, Db, query};
use dinh_platform::units::Unit;
use dinh_platform::web::AppError;
use serde::Serialize;

use super::scope::allow;
use crate::permissions::VIEW;

/// One reminder: a clock that is due soon or overdue.
#[derive(Debug, Clone, Serialize, sqlx::FromRow, utoipa::ToSchema)]
pub struct Reminder {
    /// Case id.
    pub case_id: i64,
    /// Tracking code.
    pub tracking_code: String,
    /// Case kind.
    pub kind: String,
    /// Subject (stripped for a denunciation).
    pub subject: String,
    /// Clock name (`complaint.resolve`, …).
    pub clock: String,
    /// Due date (ISO).
    pub due_on: String,
    /// The case is assigned to the viewer.
    pub mine: bool,
}

impl Reminder {
    /// Overdue on `today`.
    pub fn overdue(&self, today: NaiveDate) -> bool {
        self.due_on.as_str() < today.format("%Y-%m-%d").to_string().as_str()
    }
}

/// An open clock of an open case, with what the lists show of its case (never a protected
/// identity: the case row holds none) and its unit.
#[derive(Debug, Clone, sqlx::FromRow)]
pub(crate) struct OpenClock {
    pub(crate) case_id: i64,
    pub(crate) tracking_code: String,
    pub(crate) kind: String,
    pub(crate) subject: String,
    pub(crate) pack_id: String,
    pub(crate) clock: String,
    pub(crate) rule_key: String,
    pub(crate) extensions: i64,
    pub(crate) due_on: String,
    pub(crate) mine: bool,
    pub(crate) unit_name: String,
}

impl From<OpenClock> for Reminder {
    fn from(k: OpenClock) -> Reminder {
        Reminder {
            case_id: k.case_id,
            tracking_code: k.tracking_code,
            kind: k.kind,
            subject: k.subject,
            clock: k.clock,
            due_on: k.due_on,
            mine: k.mine,
        }
    }
}

/// Which open clocks [`open_clocks`] reads.
pub(crate) struct ClockFilter {
    /// SQL before the `SELECT` (a CTE), if any; it may use the scope's placeholders.
    pub(crate) prefix: &'static str,
    /// A condition over the case `c` (and its unit `u`), with placeholders `$1…$n` for
    /// `scope_args`.
    pub(crate) scope: String,
    /// The scope's bind values.
    pub(crate) scope_args: Vec<Arg>,
    /// The viewer's account (`mine`), -1 for none.
    pub(crate) me: i64,
    /// Only clocks due on or before this day.
    pub(crate) horizon: Option<NaiveDate>,
    /// Only clocks awaiting the viewer on this day: of a case assigned to them or to no one,
    /// or already overdue (a colleague's case past its time limit).
    pub(crate) awaiting_on: Option<NaiveDate>,
    /// Most rows (clamped to 1–500).
    pub(crate) limit: i64,
}

/// The open clocks of open cases chosen by `f`, the viewer's own cases first, then by due date.
pub(crate) async fn open_clocks(db: &Db, f: ClockFilter) -> anyhow::Result<Vec<OpenClock>> {
    let mut args = f.scope_args;
    let mut bind = |value: Arg| {
        args.push(value);
        format!("${}", args.len())
    };
    let me = bind(Arg::from(f.me));
    let mut conditions = String::new();
    if let Some(h) = f.horizon {
        let p = bind(Arg::from(h));
        conditions.push_str(&format!(" AND c.next_due <= {p} AND k.due_on <= {p}"));
    }
    if let Some(today) = f.awaiting_on {
        let p = bind(Arg::from(today));
        conditions.push_str(&format!(
            " AND (c.handler_account_id IS NULL OR c.handler_account_id = {me} OR k.due_on < {p})"
        ));
    }
    let sql = format!(
        "{prefix} SELECT c.id AS case_id, c.tracking_code, c.kind, c.subject, c.pack_id, k.clock,
                k.rule_key, k.extensions, k.due_on,
                CASE WHEN c.handler_account_id = {me} THEN TRUE ELSE FALSE END AS mine,
                u.name AS unit_name
         FROM petition_cases c JOIN petition_clocks k ON k.case_id = c.id
         JOIN units u ON u.id = c.unit_id
         WHERE {scope} AND c.is_open = TRUE AND k.done_on IS NULL{conditions}
         ORDER BY mine DESC, k.due_on, c.id, k.id
         LIMIT {limit}",
        prefix = f.prefix,
        scope = f.scope,
        limit = f.limit.clamp(1, 500)
    );
    let mut q = query(sql);
    for a in args {
        q.push(a);
    }
    Ok(db.fetch_all(&q).await?)
}

/// The reminders of `unit`'s scope for `principal` (who needs [`VIEW`] there): open clocks due
/// on or before `horizon`, the viewer's own cases first, then by due date; at most `limit`.
pub async fn reminders(
    db: &Db,
    principal: Option<&Principal>,
    unit: &Unit,
    horizon: NaiveDate,
    limit: i64,
) -> Result<Vec<Reminder>, AppError> {
    allow(principal, &VIEW, unit)?;
    let (prefix, scope) = match unit.depth {
        0 => ("", "c.province_id = $1"),
        1 => ("", "c.commune_id = $1"),
        _ => (
            dinh_platform::units::store::SUBTREE_CTE,
            "c.unit_id IN (SELECT id FROM subtree)",
        ),
    };
    let rows = open_clocks(
        db,
        ClockFilter {
            prefix,
            scope: scope.to_owned(),
            scope_args: vec![Arg::from(unit.id)],
            me: principal.map_or(-1, |p| p.account_id),
            horizon: Some(horizon),
            awaiting_on: None,
            limit,
        },
    )
    .await?;
    Ok(rows.into_iter().map(Reminder::from).collect())
}
