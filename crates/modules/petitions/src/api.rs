//! JSON API of petitions (`/api/v1/…`). Officers' reads are authorised like the pages; the
//! public submits and tracks. No response ever carries a protected identity except
//! `/petitions/cases/{id}/identity`, for the assigned handler, audited.

use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::{Extension, Json};
use chrono::{Datelike, NaiveDate};
use dinh_platform::time::today_vn;
use dinh_platform::web::{AppError, AppState, Ctx};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, OpenApi, ToSchema};

use dinh_platform::uploads::FileRow;

use crate::PetitionsModule;
use crate::kinds::{CaseKind, Channel};
use crate::protect::Identity;
use crate::store::case_view::{self, CaseDetail, CaseRow, ListFilter};
use crate::store::cases::{self, NewCase, Receipt};
use crate::store::community::{Commitment, Dialogue, Mediation, Team};
use crate::store::due::Reminder;
use crate::store::public::PublicView;
use crate::store::reception::{Compliance, EntryRow};
use crate::store::{self, unit_by_code};
use dinh_platform::web::Client;

/// The OpenAPI document of this module.
#[derive(OpenApi)]
#[openapi(
    paths(
        submit, track, list, reminders, case, files, file, identity, compliance, book, mediations,
        dialogues
    ),
    components(schemas(
        SubmitBody,
        TrackBody,
        Receipt,
        PublicView,
        CaseRow,
        Reminder,
        FileRow,
        CaseDetail,
        IdentityView,
        Compliance,
        EntryRow,
        Team,
        Mediation,
        Dialogue,
        Commitment,
        CaseKind
    ))
)]
pub struct ApiDoc;

/// A petition sent by a citizen.
#[derive(Deserialize, ToSchema)]
pub struct SubmitBody {
    /// Code of the commune it is addressed to.
    pub unit: String,
    /// `complaint`, `denunciation`, `recommendation`, `report`.
    pub kind: String,
    /// Subject.
    pub subject: String,
    /// Content.
    pub content: String,
    /// Name (leave empty to stay anonymous).
    #[serde(default)]
    pub name: String,
    /// Address.
    #[serde(default)]
    pub address: String,
    /// Phone or e-mail.
    #[serde(default)]
    pub contact: String,
}

/// Parses a public submission.
pub(crate) fn public_case(
    kind: &str,
    subject: &str,
    content: &str,
    name: &str,
    address: &str,
    contact: &str,
) -> Result<NewCase, AppError> {
    let kind = CaseKind::parse(kind)
        .filter(|k| *k != CaseKind::Dispute)
        .ok_or_else(|| {
            AppError::bad_request("kind: complaint, denunciation, recommendation or report")
        })?;
    let petitioner = (!name.trim().is_empty()).then(|| Identity {
        name: name.trim().to_owned(),
        address: address.trim().to_owned(),
        contact: contact.trim().to_owned(),
        original: String::new(),
    });
    Ok(NewCase {
        kind,
        channel: Channel::Online,
        subject: subject.to_owned(),
        content: content.to_owned(),
        received_on: today_vn(),
        petitioner,
        complexity: 0,
        remote: false,
        second_round: false,
        multiple_places: false,
    })
}

/// Send a petition (public); answers the tracking code and secret. At most
/// `public_submit_per_hour` petitions per client an hour (429 after, with `Retry-After`).
#[utoipa::path(post, path = "/api/v1/petitions", request_body = SubmitBody, responses((status = 201, body = Receipt), (status = 422), (status = 429)))]
pub async fn submit(
    Extension(m): Extension<PetitionsModule>,
    State(state): State<AppState>,
    ctx: Ctx,
    Client(client): Client,
    Json(b): Json<SubmitBody>,
) -> Result<axum::response::Response, AppError> {
    use axum::response::IntoResponse;
    let per_hour = state.config.public_submit_per_hour;
    if crate::submissions::exhausted(&state.db, &client, per_hour).await? {
        return Ok(crate::submissions::api_refusal(&ctx, per_hour));
    }
    let unit = unit_by_code(&state.db, &b.unit)
        .await
        .map_err(|_| AppError::bad_request("unit: no unit with this code"))?;
    let new = public_case(
        &b.kind, &b.subject, &b.content, &b.name, &b.address, &b.contact,
    )?;
    let r = cases::receive(&m, &state.db, None, &unit, new).await?;
    crate::submissions::count(&state.db, &client).await?;
    Ok((StatusCode::CREATED, Json(r)).into_response())
}

/// A tracking lookup.
#[derive(Deserialize, ToSchema)]
pub struct TrackBody {
    /// Tracking code.
    pub code: String,
    /// Secret.
    pub secret: String,
}

/// The citizen's view of a case by code and secret (public, rate-limited).
#[utoipa::path(post, path = "/api/v1/petitions/track", request_body = TrackBody, responses((status = 200, body = PublicView), (status = 422)))]
pub async fn track(
    Extension(m): Extension<PetitionsModule>,
    State(state): State<AppState>,
    Client(client): Client,
    Json(b): Json<TrackBody>,
) -> Result<Json<PublicView>, AppError> {
    Ok(Json(
        store::public::lookup(&m, &state.db, &b.code, &b.secret, &client, today_vn()).await?,
    ))
}

/// Filter of the work list.
#[derive(Deserialize, IntoParams)]
pub struct ListQuery {
    /// `open`, `overdue`, `closed` or a status.
    pub state: Option<String>,
    /// A kind.
    pub kind: Option<String>,
    /// Text to search.
    pub q: Option<String>,
    /// Page from 1 (50 per page).
    pub page: Option<i64>,
}

impl ListQuery {
    pub(crate) fn filter(&self) -> Result<ListFilter, AppError> {
        let kind = match self.kind.as_deref().filter(|k| !k.is_empty()) {
            Some(k) => Some(
                CaseKind::parse(k).ok_or_else(|| AppError::bad_request("kind: unknown kind"))?,
            ),
            None => None,
        };
        Ok(ListFilter {
            state: self.state.clone().filter(|s| !s.is_empty()),
            kind,
            q: self.q.clone(),
            page: self.page.unwrap_or(1),
            per_page: 50,
        })
    }
}

/// Reminders of a unit's subtree (nhắc việc): open time limits ending within two working days
/// or overdue, the caller's own cases first (officers).
#[utoipa::path(get, path = "/api/v1/units/{code}/petitions/reminders", params(("code" = String, Path)), responses((status = 200, body = [Reminder]), (status = 403)))]
pub async fn reminders(
    Extension(m): Extension<PetitionsModule>,
    State(state): State<AppState>,
    ctx: Ctx,
    Path(code): Path<String>,
) -> Result<Json<Vec<Reminder>>, AppError> {
    let unit = unit_by_code(&state.db, &code).await?;
    let horizon = crate::reminders::horizon(&m, today_vn());
    Ok(Json(
        store::due::reminders(&state.db, ctx.principal.as_ref(), &unit, horizon, 200).await?,
    ))
}

/// Work list of a unit's subtree, overdue first (officers).
#[utoipa::path(get, path = "/api/v1/units/{code}/petitions", params(("code" = String, Path), ListQuery), responses((status = 200, body = [CaseRow]), (status = 403)))]
pub async fn list(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(code): Path<String>,
    Query(q): Query<ListQuery>,
) -> Result<Json<Vec<CaseRow>>, AppError> {
    let unit = unit_by_code(&state.db, &code).await?;
    Ok(Json(
        case_view::list(
            &state.db,
            ctx.principal.as_ref(),
            &unit,
            &q.filter()?,
            today_vn(),
        )
        .await?,
    ))
}

/// One case with clocks and timeline (officers; never the denouncer).
#[utoipa::path(get, path = "/api/v1/petitions/cases/{id}", params(("id" = i64, Path)), responses((status = 200, body = CaseDetail), (status = 403)))]
pub async fn case(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<i64>,
) -> Result<Json<CaseDetail>, AppError> {
    Ok(Json(
        case_view::get(&state.db, ctx.principal.as_ref(), id).await?,
    ))
}

/// A protected identity.
#[derive(Serialize, ToSchema)]
pub struct IdentityView {
    /// Name.
    pub name: String,
    /// Address.
    pub address: String,
    /// Contact.
    pub contact: String,
}

/// The denouncer's identity: the assigned handler only; every read and refusal audited.
#[utoipa::path(get, path = "/api/v1/petitions/cases/{id}/identity", params(("id" = i64, Path)), responses((status = 200, body = IdentityView), (status = 403)))]
pub async fn identity(
    Extension(m): Extension<PetitionsModule>,
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<i64>,
) -> Result<Json<IdentityView>, AppError> {
    let i = store::identity::read(&m, &state.db, ctx.principal.as_ref(), id, "api").await?;
    Ok(Json(IdentityView {
        name: i.name,
        address: i.address,
        contact: i.contact,
    }))
}

/// The files of a case officers in scope may open (never the sealed ones).
#[utoipa::path(get, path = "/api/v1/petitions/cases/{id}/files", params(("id" = i64, Path)), responses((status = 200, body = [FileRow]), (status = 403)))]
pub async fn files(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<i64>,
) -> Result<Json<Vec<FileRow>>, AppError> {
    let d = case_view::get(&state.db, ctx.principal.as_ref(), id).await?;
    Ok(Json(store::files::list(&state.db, d.case.id).await?))
}

/// A case's file: for officers in scope; a sealed (identifying) file for the assigned handler
/// only, decrypted, every read and refusal audited.
#[utoipa::path(get, path = "/api/v1/petitions/files/{id}", params(("id" = i64, Path)), responses((status = 200, description = "The file's bytes"), (status = 403)))]
pub async fn file(
    Extension(m): Extension<PetitionsModule>,
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<i64>,
) -> Result<axum::response::Response, AppError> {
    let (row, bytes) = store::files::open(
        &m,
        &state.db,
        &state.config.data_dir,
        ctx.principal.as_ref(),
        id,
        "api",
    )
    .await?;
    Ok(crate::web::cases::file_response(row, bytes))
}

/// `?month=yyyy-mm` or `?year=yyyy`.
#[derive(Deserialize, IntoParams)]
pub struct MonthQuery {
    /// Month, `yyyy-mm` (default: this month).
    pub month: Option<String>,
    /// Year (default: this year).
    pub year: Option<i32>,
}

pub(crate) fn month_start(text: Option<&str>) -> Result<NaiveDate, AppError> {
    match text.filter(|s| !s.trim().is_empty()) {
        None => Ok(today_vn().with_day(1).unwrap_or_else(today_vn)),
        Some(t) => NaiveDate::parse_from_str(&format!("{}-01", t.trim()), "%Y-%m-%d")
            .map_err(|_| AppError::bad_request("month: write yyyy-mm")),
    }
}

/// Heads' reception compliance in a month (officers).
#[utoipa::path(get, path = "/api/v1/units/{code}/reception/compliance", params(("code" = String, Path), MonthQuery), responses((status = 200, body = [Compliance])))]
pub async fn compliance(
    Extension(m): Extension<PetitionsModule>,
    State(state): State<AppState>,
    ctx: Ctx,
    Path(code): Path<String>,
    Query(q): Query<MonthQuery>,
) -> Result<Json<Vec<Compliance>>, AppError> {
    let unit = unit_by_code(&state.db, &code).await?;
    store::scope::allow(ctx.principal.as_ref(), &crate::permissions::VIEW, &unit)?;
    let first = month_start(q.month.as_deref())?;
    Ok(Json(
        store::reception::compliance(&m, &state.db, &unit, first).await?,
    ))
}

/// The reception book of a year (officers).
#[utoipa::path(get, path = "/api/v1/units/{code}/reception/book", params(("code" = String, Path), MonthQuery), responses((status = 200, body = [EntryRow])))]
pub async fn book(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(code): Path<String>,
    Query(q): Query<MonthQuery>,
) -> Result<Json<Vec<EntryRow>>, AppError> {
    let unit = unit_by_code(&state.db, &code).await?;
    let year = q.year.unwrap_or_else(|| today_vn().year());
    Ok(Json(
        store::reception::book(&state.db, ctx.principal.as_ref(), &unit, year).await?,
    ))
}

/// Mediation teams and disputes of a unit's subtree.
#[derive(Serialize, ToSchema)]
pub struct MediationList {
    /// Teams.
    pub teams: Vec<Team>,
    /// Disputes mediated.
    pub mediations: Vec<Mediation>,
}

/// Mediation teams and disputes (officers, mediators).
#[utoipa::path(get, path = "/api/v1/units/{code}/mediations", params(("code" = String, Path)), responses((status = 200, body = MediationList)))]
pub async fn mediations(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(code): Path<String>,
) -> Result<Json<MediationList>, AppError> {
    let unit = unit_by_code(&state.db, &code).await?;
    let (teams, mediations) =
        store::community::mediations(&state.db, ctx.principal.as_ref(), &unit).await?;
    Ok(Json(MediationList { teams, mediations }))
}

/// A dialogue with its commitments.
#[derive(Serialize, ToSchema)]
pub struct DialogueView {
    /// The dialogue.
    pub dialogue: Dialogue,
    /// Commitments made.
    pub commitments: Vec<Commitment>,
}

/// Dialogues and commitments of a unit (officers).
#[utoipa::path(get, path = "/api/v1/units/{code}/dialogues", params(("code" = String, Path)), responses((status = 200, body = [DialogueView])))]
pub async fn dialogues(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(code): Path<String>,
) -> Result<Json<Vec<DialogueView>>, AppError> {
    let unit = unit_by_code(&state.db, &code).await?;
    let ds = store::community::dialogues(&state.db, ctx.principal.as_ref(), &unit).await?;
    Ok(Json(
        ds.into_iter()
            .map(|(dialogue, commitments)| DialogueView {
                dialogue,
                commitments,
            })
            .collect(),
    ))
}
