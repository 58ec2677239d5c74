//! Reading cases (vụ việc): the rows lists and pages show, one case with its clocks and
//! timeline, and the work list.

use chrono::NaiveDate;
use dinh_platform::accounts::Principal;
use dinh_platform::db::{Db, query};
use dinh_platform::text::fold;
use dinh_platform::units::Unit;
use dinh_platform::web::AppError;
use serde::Serialize;

use super::scope::allow;
use crate::clocks::{ClockState, Variant};
use crate::kinds::{CaseKind, status};
use crate::permissions::VIEW;

/// A case as lists and pages show it. Never carries a protected identity.
#[derive(Debug, Clone, Serialize, sqlx::FromRow, utoipa::ToSchema)]
pub struct CaseRow {
    /// Id.
    pub id: i64,
    /// Competent unit.
    pub unit_id: i64,
    /// Tracking code.
    pub tracking_code: String,
    /// `complaint`, `denunciation`, `recommendation`, `report`, `dispute`.
    pub kind: String,
    /// `reception`, `online`, `mail`.
    pub channel: String,
    /// Subject.
    pub subject: String,
    /// Content (stripped for a denunciation).
    pub content: String,
    /// Petitioner's name; None when protected or anonymous.
    pub petitioner_name: Option<String>,
    /// Anonymous.
    pub anonymous: bool,
    /// The identity is sealed (tố cáo).
    pub protected: bool,
    /// Day received (ISO).
    pub received_on: String,
    /// Rule pack the case runs under.
    pub pack_id: String,
    /// Status.
    pub status: String,
    /// 1 or 2 (khiếu nại lần hai).
    pub round: i64,
    /// 0, 1, 2.
    pub complexity: i64,
    /// Remote area.
    pub remote: bool,
    /// Several places.
    pub multiple_places: bool,
    /// Assigned handler's account.
    pub handler_account_id: Option<i64>,
    /// Earliest open due date (ISO).
    pub next_due: Option<String>,
    /// Still running.
    pub is_open: bool,
    /// Day resolved (ISO).
    pub resolved_on: Option<String>,
    /// Body it was transferred to.
    pub transferred_to: Option<String>,
}

pub(crate) const CASE_COLUMNS: &str = "id, unit_id, tracking_code, kind, channel, subject, content, \
    petitioner_name, anonymous, protected, received_on, pack_id, status, round, complexity, remote, \
    multiple_places, handler_account_id, next_due, is_open, resolved_on, transferred_to";

impl CaseRow {
    /// The kind.
    pub fn case_kind(&self) -> Option<CaseKind> {
        CaseKind::parse(&self.kind)
    }

    /// The variant flags of its clocks.
    pub fn variant(&self) -> Variant {
        Variant {
            complexity: self.complexity,
            remote: self.remote,
            second_round: self.round > 1,
            multiple_places: self.multiple_places,
        }
    }

    /// Overdue on `today`.
    pub fn overdue(&self, today: NaiveDate) -> bool {
        self.is_open
            && self
                .next_due
                .as_deref()
                .is_some_and(|d| d < today.format("%Y-%m-%d").to_string().as_str())
    }
}

/// A stored clock.
#[derive(Debug, Clone, Serialize, sqlx::FromRow, utoipa::ToSchema)]
pub struct ClockRow {
    /// Id.
    pub id: i64,
    /// Case.
    pub case_id: i64,
    /// Clock name (`complaint.accept`, …).
    pub clock: String,
    /// Rule key in the pack.
    pub rule_key: String,
    /// Counted from (ISO; the day itself is not counted).
    pub started_on: String,
    /// Period count.
    pub period_count: i64,
    /// Period unit.
    pub period_unit: String,
    /// Extensions applied (gia hạn).
    pub extensions: i64,
    /// Each extension's count.
    pub extension_count: i64,
    /// Each extension's unit.
    pub extension_unit: Option<String>,
    /// Due date (ISO).
    pub due_on: String,
    /// Done on (ISO).
    pub done_on: Option<String>,
}

impl ClockRow {
    /// State on `today`.
    pub fn state(&self, today: NaiveDate) -> ClockState {
        let due = dinh_platform::time::parse_date(&self.due_on).unwrap_or(today);
        let done = self
            .done_on
            .as_deref()
            .and_then(dinh_platform::time::parse_date);
        ClockState::of(due, done, today)
    }
}

/// One line of the timeline.
#[derive(Debug, Clone, Serialize, sqlx::FromRow, utoipa::ToSchema)]
pub struct EventRow {
    /// Instant (RFC 3339).
    pub at: String,
    /// Legal date of the act (ISO).
    pub on_date: String,
    /// `received`, `accepted`, `extended`, `note`, …
    pub kind: String,
    /// Shown to the citizen.
    pub public: bool,
    /// Text.
    pub body: String,
}

/// A case by id without authorisation (callers authorise against its unit).
pub(crate) async fn row(db: &Db, id: i64) -> Result<CaseRow, AppError> {
    db.fetch_optional(
        &query(format!(
            "SELECT {CASE_COLUMNS} FROM petition_cases WHERE id = $1"
        ))
        .bind(id),
    )
    .await?
    .ok_or_else(AppError::not_found)
}

/// A case with its clocks and timeline.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct CaseDetail {
    /// The case.
    pub case: CaseRow,
    /// Its clocks.
    pub clocks: Vec<ClockRow>,
    /// Its timeline (internal notes included only for officers).
    pub events: Vec<EventRow>,
}

/// Clocks and timeline of a case (`public_only`: the citizen's view).
pub(crate) async fn detail_of(
    db: &Db,
    case: CaseRow,
    public_only: bool,
) -> Result<CaseDetail, AppError> {
    let clocks: Vec<ClockRow> = db
        .fetch_all(&query("SELECT id, case_id, clock, rule_key, started_on, period_count, period_unit, extensions, extension_count, extension_unit, due_on, done_on FROM petition_clocks WHERE case_id = $1 ORDER BY started_on, id").bind(case.id))
        .await?;
    let sql = if public_only {
        "SELECT at, on_date, kind, public, body FROM petition_events WHERE case_id = $1 AND public = TRUE ORDER BY at, id"
    } else {
        "SELECT at, on_date, kind, public, body FROM petition_events WHERE case_id = $1 ORDER BY at, id"
    };
    let events: Vec<EventRow> = db.fetch_all(&query(sql).bind(case.id)).await?;
    Ok(CaseDetail {
        case,
        clocks,
        events,
    })
}

/// One case for an officer with [`VIEW`] at its unit.
pub async fn get(db: &Db, principal: Option<&Principal>, id: i64) -> Result<CaseDetail, AppError> {
    let case = row(db, id).await?;
    let unit = super::unit_by_id(db, case.unit_id).await?;
    allow(principal, &VIEW, &unit)?;
    detail_of(db, case, false).await
}

/// Filter of the work list.
#[derive(Debug, Clone, Default)]
pub struct ListFilter {
    /// `open`, `overdue`, `closed`, or a status; None: all.
    pub state: Option<String>,
    /// A kind.
    pub kind: Option<CaseKind>,
    /// Text (diacritics optional) in code, subject and content.
    pub q: Option<String>,
    /// Page from 1.
    pub page: i64,
    /// Rows per page.
    pub per_page: i64,
}

/// The work list of a unit's subtree (danh sách việc cần làm): open cases by due date,
/// overdue first; closed cases after.
pub async fn list(
    db: &Db,
    principal: Option<&Principal>,
    unit: &Unit,
    filter: &ListFilter,
    today: NaiveDate,
) -> Result<Vec<CaseRow>, AppError> {
    allow(principal, &VIEW, unit)?;
    Ok(list_unchecked(db, unit, filter, today).await?)
}

/// The work list without authorisation (for callers that authorised already, and benchmarks).
pub async fn list_unchecked(
    db: &Db,
    unit: &Unit,
    filter: &ListFilter,
    today: NaiveDate,
) -> anyhow::Result<Vec<CaseRow>> {
    let mut sql = String::new();
    let mut q = query("");
    let scope_clause = if unit.depth == 0 {
        "c.province_id = $1"
    } else {
        "c.commune_id = $1"
    };
    // A recursive CTE cannot sit in a WHERE on every engine: put it in front instead.
    let deep = unit.depth > 1;
    if deep {
        sql.push_str(dinh_platform::units::store::SUBTREE_CTE);
        sql.push_str(&format!(
            " SELECT {} FROM petition_cases c WHERE c.unit_id IN (SELECT id FROM subtree)",
            prefixed(CASE_COLUMNS)
        ));
    } else {
        sql.push_str(&format!(
            "SELECT {} FROM petition_cases c WHERE {scope_clause}",
            prefixed(CASE_COLUMNS)
        ));
    }
    q.push(unit.id);
    let mut n = 1;
    let today_iso = today.format("%Y-%m-%d").to_string();
    match filter.state.as_deref() {
        Some("open") => sql.push_str(" AND c.is_open = TRUE"),
        Some("overdue") => {
            n += 1;
            sql.push_str(&format!(" AND c.is_open = TRUE AND c.next_due < ${n}"));
            q.push(today_iso.as_str());
        }
        Some("closed") => sql.push_str(" AND c.is_open = FALSE"),
        Some(s) if status::ALL.contains(&s) => {
            n += 1;
            sql.push_str(&format!(" AND c.status = ${n}"));
            q.push(s);
        }
        _ => {}
    }
    if let Some(k) = filter.kind {
        n += 1;
        sql.push_str(&format!(" AND c.kind = ${n}"));
        q.push(k.as_str());
    }
    if let Some(text) = filter.q.as_deref().map(str::trim).filter(|t| !t.is_empty()) {
        n += 1;
        sql.push_str(&format!(" AND c.search_text LIKE ${n}"));
        q.push(format!("%{}%", fold(text).replace(['%', '_'], "")));
    }
    let per = filter.per_page.clamp(1, 500);
    let offset = (filter.page.max(1) - 1) * per;
    let order = if filter.state.as_deref() == Some("overdue") {
        "c.next_due, c.id"
    } else {
        "c.is_open DESC, c.next_due IS NULL, c.next_due, c.id"
    };
    sql.push_str(&format!(" ORDER BY {order} LIMIT {per} OFFSET {offset}"));
    let mut full = query(sql);
    for a in q.args() {
        full.push(a.clone());
    }
    Ok(db.fetch_all(&full).await?)
}

fn prefixed(columns: &str) -> String {
    columns
        .split(',')
        .map(|c| format!("c.{}", c.trim()))
        .collect::<Vec<_>>()
        .join(", ")
}
