//! JSON API of household decisions under `/api/v1`, by concern: matters and votes
//! (`matters`), meetings (`meetings`), household ballots and secret counts (`ballots`), citizen
//! initiatives (`initiatives`), village-head elections (`elections`), hương ước (`covenants`)
//! and the decision document with its clocks (`documents`).
//!
//! Every handler calls the same store operation as the officers' pages, with the same
//! permission and scope. Writes need a session and its token in the `X-CSRF-Token` header
//! (401 anonymous, 403 without the token or out of scope); a refusal answers 422 naming the
//! field, with nothing written; a vote is committed before its 200 answer.

mod ballots;
mod covenants;
mod documents;
mod elections;
mod initiatives;
mod matters;
mod meetings;

use axum::Router;
use axum::http::HeaderMap;
use axum::routing::{get, post};
use dinh_platform::accounts::{Denied, Permission, authorize};
use dinh_platform::units::Unit;
use dinh_platform::web::{AppError, AppState, Ctx};

use crate::Matter;

use matters::{CloseInput, HouseholdRef, Households, MatterDetail, OnlineVote, Participant};

/// The answer of a handler.
type ApiResult<T> = Result<axum::Json<T>, AppError>;

/// A write: a signed-in person (401 otherwise) whose request carries the session's token in
/// the `X-CSRF-Token` header (403 otherwise).
fn writer(ctx: &Ctx, headers: &HeaderMap) -> Result<(), AppError> {
    if ctx.principal.is_none() {
        return Err(AppError::from(Denied::NotSignedIn));
    }
    let token = headers
        .get("x-csrf-token")
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default();
    ctx.check_csrf(token)
}

/// A matter and its thôn (or commune), once the visitor holds `permission` there.
async fn matter_for(
    s: &AppState,
    ctx: &Ctx,
    id: i64,
    permission: &Permission,
) -> Result<(Matter, Unit), AppError> {
    let matter = crate::matters::get(&s.db, id)
        .await
        .map_err(|e| e.into_app(ctx.tr))?;
    let unit = crate::matters::unit_of(&s.db, &matter)
        .await
        .map_err(|e| e.into_app(ctx.tr))?;
    authorize(ctx.principal.as_ref(), permission, Some(&unit))?;
    Ok((matter, unit))
}

/// A unit by code (404 when there is none).
async fn unit_by_code(s: &AppState, code: &str) -> Result<Unit, AppError> {
    dinh_platform::units::store::by_code(&s.db, code)
        .await?
        .ok_or_else(AppError::not_found)
}

/// The API routes of the module (mounted under `/api/v1`).
pub(crate) fn routes() -> Router<AppState> {
    Router::new()
        // Matters, votes, results.
        .route("/units/{code}/matters", get(matters::list))
        .route("/matters", post(matters::create))
        .route("/matters/{id}", get(matters::detail))
        .route("/matters/{id}/votes", post(matters::vote))
        .route("/matters/{id}/online-vote", post(matters::online_vote))
        .route("/matters/{id}/online-consent", post(matters::consent))
        .route("/matters/{id}/close", post(matters::close_vote))
        .route("/matters/{id}/participants", get(matters::participants))
        // Meetings.
        .route("/matters/{id}/meetings", post(meetings::meeting))
        .route(
            "/matters/{id}/meetings/{meeting}/attendance",
            post(meetings::attend),
        )
        .route(
            "/matters/{id}/meetings/{meeting}/procedural",
            post(meetings::procedural),
        )
        // Household ballots and secret counts.
        .route("/matters/{id}/ballot-plan", post(ballots::ballot_plan))
        .route("/matters/{id}/votes/check", post(ballots::check))
        .route("/matters/{id}/votes/awaiting-check", get(ballots::awaiting))
        .route("/matters/{id}/ballots.docx", get(ballots::docx))
        .route("/matters/{id}/ballots.pdf", get(ballots::pdf))
        .route("/matters/{id}/secret-count", post(ballots::secret_count))
        // Citizen initiatives.
        .route("/units/{code}/initiatives", get(initiatives::list))
        .route("/initiatives", post(initiatives::open))
        .route("/initiatives/{id}", get(initiatives::detail))
        .route("/initiatives/{id}/support", post(initiatives::support))
        .route(
            "/initiatives/{id}/written-support",
            post(initiatives::support_written),
        )
        .route(
            "/initiatives/{id}/front-approval",
            post(initiatives::approve),
        )
        // The decision document and its clocks.
        .route(
            "/matters/{id}/document",
            get(documents::detail).post(documents::create),
        )
        .route("/matters/{id}/document/sent", post(documents::sent))
        .route(
            "/matters/{id}/document/recognition",
            post(documents::recognise),
        )
        .route("/matters/{id}/document.docx", get(documents::docx))
        .route("/matters/{id}/document.pdf", get(documents::pdf))
        .route("/matters/{id}/clocks", get(documents::clocks))
        .route("/units/{code}/overdue", get(documents::overdue))
        // Village-head elections.
        .route("/units/{code}/elections", post(elections::create))
        .route("/matters/{id}/election", get(elections::detail))
        .route("/matters/{id}/candidates", post(elections::nominate))
        .route("/matters/{id}/revote", post(elections::revote))
        // Hương ước.
        .route(
            "/units/{code}/covenants",
            get(covenants::list).post(covenants::create),
        )
        .route("/covenants/{id}", get(covenants::detail))
        .route("/covenants/{id}/vote", post(covenants::open_vote))
        .route("/covenants/{id}/file", post(covenants::file))
        .route("/covenants/{id}/decision", post(covenants::decide))
}

/// The OpenAPI part of this module.
#[derive(utoipa::OpenApi)]
#[openapi(
    paths(
        matters::list, matters::detail, matters::create, matters::vote, matters::online_vote,
        matters::consent, matters::close_vote, matters::participants,
        meetings::meeting, meetings::attend, meetings::procedural,
        ballots::ballot_plan, ballots::check, ballots::awaiting, ballots::docx, ballots::pdf,
        ballots::secret_count,
        initiatives::list, initiatives::open, initiatives::detail, initiatives::support,
        initiatives::support_written, initiatives::approve,
        documents::detail, documents::create, documents::sent, documents::recognise,
        documents::docx, documents::pdf, documents::clocks, documents::overdue,
        elections::create, elections::detail, elections::nominate, elections::revote,
        covenants::list, covenants::create, covenants::detail, covenants::open_vote,
        covenants::file, covenants::decide,
    ),
    components(schemas(
        crate::Matter, MatterDetail, crate::NewMatter, crate::Origin, crate::VoteInput,
        crate::VoteReceipt, OnlineVote, Households, HouseholdRef, CloseInput, Participant,
        crate::Tally, crate::VillageTally, crate::CandidateTally, crate::online::ConsentView,
        crate::MeetingInput, crate::meetings::MeetingView, crate::AttendanceInput,
        crate::ProceduralInput, crate::meetings::ProceduralView, crate::BallotPlanInput,
        crate::ballots::BallotPlanView, crate::ballots::AwaitingCheck, crate::SecretCount,
        crate::secret::CandidateCount, crate::secret::BoxCheck, crate::Channel,
        crate::Initiative, crate::initiatives::Standing, crate::InitiativeInput, initiatives::WrittenSupport,
        crate::DecisionDocument, crate::DocumentInput, documents::SentInput,
        documents::RecognitionInput, documents::Clock, documents::Overdue,
        elections::ElectionPlan, elections::Election, elections::Candidate, elections::Nomination,
        elections::RevoteInput, crate::covenants::Covenant, covenants::DraftInput,
        covenants::CovenantDetail, covenants::FileInput, covenants::Filed, covenants::DecisionInput,
    )),
    tags((name = "decisions", description = "Household decisions (Nhân dân bàn và quyết định): matters, meetings, ballots, online votes, results, initiatives, the decision document, elections, hương ước"))
)]
pub struct ApiDoc;
