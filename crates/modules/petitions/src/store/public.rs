//! The citizen's view of a case (tra cứu): status, due dates and the answers sent; never
//! internal notes, the handler or any identity.

use chrono::NaiveDate;
use dinh_platform::db::{Db, query};
use dinh_platform::web::AppError;
use serde::Serialize;

use super::case_view::{self, CaseRow};
use crate::PetitionsModule;
use crate::clocks::{self, ClockState};
use crate::input::BadInput;
use crate::tracking::{self, MAX_FAILURES_PER_CLIENT, MAX_FAILURES_PER_CODE};

/// One clock as the citizen sees it.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct PublicClock {
    /// Clock name.
    pub clock: String,
    /// Due date (ISO).
    pub due_on: String,
    /// Done on (ISO).
    pub done_on: Option<String>,
    /// State.
    pub state: ClockState,
    /// Extensions by decision.
    pub extensions: i64,
}

/// One public line of the timeline.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct PublicEvent {
    /// Date (ISO).
    pub on_date: String,
    /// Kind.
    pub kind: String,
    /// Text.
    pub body: String,
}

/// What the citizen sees.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct PublicView {
    /// The case (for its satisfaction rating; never shown).
    #[serde(skip)]
    pub case_id: i64,
    /// The case's unit (for its satisfaction rating).
    #[serde(skip)]
    pub unit_id: i64,
    /// Tracking code.
    pub tracking_code: String,
    /// Kind.
    pub kind: String,
    /// Subject.
    pub subject: String,
    /// Status.
    pub status: String,
    /// Day received (ISO).
    pub received_on: String,
    /// Clocks.
    pub clocks: Vec<PublicClock>,
    /// Public timeline (answers, notices, transfers).
    pub events: Vec<PublicEvent>,
    /// For a resolved first complaint: the last day to file a second complaint (ISO).
    pub second_complaint_until: Option<String>,
}

/// Why a lookup failed; all but [`Refused::Limited`] read the same to the visitor.
#[derive(Debug)]
pub enum Refused {
    /// Wrong code or secret.
    NoMatch,
    /// Too many failures: wait.
    Limited,
    /// Bad input.
    Bad(BadInput),
    /// Something else.
    Internal(AppError),
}

impl From<Refused> for AppError {
    fn from(r: Refused) -> Self {
        match r {
            Refused::NoMatch => {
                AppError::bad_request("code, secret: no case matches this code and secret")
            }
            Refused::Limited => {
                AppError::bad_request("code: too many failed lookups; try again in 15 minutes")
            }
            Refused::Bad(b) => b.into(),
            Refused::Internal(e) => e,
        }
    }
}

impl From<anyhow::Error> for Refused {
    fn from(e: anyhow::Error) -> Self {
        Refused::Internal(AppError::from(e))
    }
}

/// Looks a case up by code and secret for the citizen; `client` names the asker for the
/// failure limit.
pub async fn lookup(
    m: &PetitionsModule,
    db: &Db,
    code: &str,
    secret: &str,
    client: &str,
    today: NaiveDate,
) -> Result<PublicView, Refused> {
    let code = tracking::canonical_code(code).ok_or_else(|| {
        Refused::Bad(BadInput(
            "code: write the 12-character tracking code".into(),
        ))
    })?;
    let code_bucket = format!("code:{code}");
    let client_bucket = format!("client:{client}");
    if tracking::locked(db, &code_bucket, MAX_FAILURES_PER_CODE).await?
        || tracking::locked(db, &client_bucket, MAX_FAILURES_PER_CLIENT).await?
    {
        return Err(Refused::Limited);
    }
    let found: Option<(i64, String)> = db
        .fetch_optional(
            &query("SELECT id, secret_hash FROM petition_cases WHERE tracking_code = $1")
                .bind(code.as_str()),
        )
        .await
        .map_err(anyhow::Error::from)?;
    let matched = found.filter(|(_, h)| *h == tracking::hash_secret(secret));
    let Some((id, _)) = matched else {
        tracking::fail(db, &code_bucket).await?;
        tracking::fail(db, &client_bucket).await?;
        return Err(Refused::NoMatch);
    };
    let case = case_view::row(db, id).await.map_err(Refused::Internal)?;
    view(m, db, case, today).await.map_err(Refused::Internal)
}

async fn view(
    m: &PetitionsModule,
    db: &Db,
    case: CaseRow,
    today: NaiveDate,
) -> Result<PublicView, AppError> {
    let detail = case_view::detail_of(db, case, true).await?;
    let c = detail.case;
    let second = match (c.case_kind(), c.round, c.resolved_on.as_deref()) {
        (Some(crate::kinds::CaseKind::Complaint), 1, Some(on)) => {
            let pack = m.rules().get(&c.pack_id).map_err(anyhow::Error::from)?;
            let rule = clocks::second_complaint_rule(pack, c.remote);
            dinh_platform::time::parse_date(on)
                .and_then(|d| m.calendar().due_date(d, rule.duration.period()).ok())
                .map(|d| d.format("%Y-%m-%d").to_string())
        }
        _ => None,
    };
    Ok(PublicView {
        case_id: c.id,
        unit_id: c.unit_id,
        tracking_code: c.tracking_code,
        kind: c.kind,
        subject: c.subject,
        status: c.status,
        received_on: c.received_on,
        clocks: detail
            .clocks
            .iter()
            .map(|k| PublicClock {
                clock: k.clock.clone(),
                due_on: k.due_on.clone(),
                done_on: k.done_on.clone(),
                state: k.state(today),
                extensions: k.extensions,
            })
            .collect(),
        events: detail
            .events
            .into_iter()
            .filter(|e| e.public)
            .map(|e| PublicEvent {
                on_date: e.on_date,
                kind: e.kind,
                body: e.body,
            })
            .collect(),
        second_complaint_until: second,
    })
}
