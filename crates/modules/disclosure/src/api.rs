//! The register's JSON API under `/api/v1`: reads are public except the dashboard; writes need
//! a session and its token in the `X-CSRF-Token` header, and the same permissions as the pages.

use axum::extract::{Path, Query, State};
use axum::http::HeaderMap;
use axum::{Extension, Json};
use chrono::NaiveDate;
use dinh_platform::accounts::authorize;
use dinh_platform::time::today_vn;
use dinh_platform::web::{AppError, AppState, Ctx};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, OpenApi, ToSchema};

use crate::DisclosureModule;
use crate::obligations::{ObligationSpec, Places, Publisher, requirements as compute};
use crate::pages::unit;
use crate::permissions::VIEW_WORK;
use crate::store::{self, Actor, DashboardRow, Detail, Expected, ItemRow, ListFilter, RegisterRow};

/// The register's part of the OpenAPI document.
#[derive(OpenApi)]
#[openapi(
    paths(
        list,
        detail,
        requirements,
        missing,
        register,
        dashboard,
        publish,
        record_proof
    ),
    components(schemas(
        ItemRow,
        Detail,
        Expected,
        RegisterRow,
        DashboardRow,
        Page,
        Required,
        Duty,
        NewDisclosure,
        NewProofJson,
        Created
    ))
)]
pub(crate) struct ApiDoc;

/// A page of disclosures.
#[derive(Serialize, ToSchema)]
pub(crate) struct Page {
    items: Vec<ItemRow>,
    total: i64,
    page: i64,
}

/// Disclosures of a unit, newest first, with filters.
#[utoipa::path(get, path = "/api/v1/units/{code}/disclosures", params(("code" = String, Path), ListFilter), responses((status = 200, body = Page)))]
pub(crate) async fn list(
    State(state): State<AppState>,
    Path(code): Path<String>,
    Query(filter): Query<ListFilter>,
) -> Result<Json<Page>, AppError> {
    let unit = unit(&state, &code).await?;
    let (items, total) = store::list(&state.db, unit.id, &filter, today_vn()).await?;
    Ok(Json(Page {
        items,
        total,
        page: filter.page.unwrap_or(1).max(1),
    }))
}

/// One disclosure: versions, files, duties with their state today, proofs.
#[utoipa::path(get, path = "/api/v1/disclosures/{id}", params(("id" = i64, Path)), responses((status = 200, body = Detail), (status = 404)))]
pub(crate) async fn detail(
    State(state): State<AppState>,
    Path(id): Path<i64>,
) -> Result<Json<Detail>, AppError> {
    store::detail(&state.db, id, today_vn())
        .await?
        .map(Json)
        .ok_or_else(AppError::not_found)
}

/// `?unit=&category=&decided_on=`.
#[derive(Deserialize, IntoParams)]
pub(crate) struct RequirementQuery {
    /// Publishing unit code.
    unit: String,
    /// Category (1-14).
    category: u32,
    /// Decision date (ISO).
    decided_on: NaiveDate,
}

/// One duty the law requires.
#[derive(Serialize, ToSchema)]
pub(crate) struct Duty {
    channel: String,
    place_unit_id: i64,
    place_kind: String,
    min_days: Option<u32>,
    permanent: bool,
    due_on: NaiveDate,
    citation: String,
}

impl From<ObligationSpec> for Duty {
    fn from(o: ObligationSpec) -> Self {
        Duty {
            channel: o.channel.to_owned(),
            place_unit_id: o.place_unit_id,
            place_kind: o.place_kind.to_owned(),
            min_days: o.min_days,
            permanent: o.permanent,
            due_on: o.due_on,
            citation: o.citation,
        }
    }
}

/// What the law requires of a disclosure.
#[derive(Serialize, ToSchema)]
pub(crate) struct Required {
    pack_id: String,
    due_on: NaiveDate,
    due_citation: String,
    duties: Vec<Duty>,
}

/// What the law requires of a disclosure of this category decided on this date: due date and
/// duties per channel and place, from the rule pack in force.
#[utoipa::path(get, path = "/api/v1/disclosure/requirements", params(RequirementQuery), responses((status = 200, body = Required), (status = 422)))]
pub(crate) async fn requirements(
    State(state): State<AppState>,
    Extension(module): Extension<DisclosureModule>,
    Query(q): Query<RequirementQuery>,
) -> Result<Json<Required>, AppError> {
    let unit = unit(&state, &q.unit).await?;
    let publisher = Publisher::for_unit_kind(&unit.kind)
        .ok_or_else(|| AppError::bad_request(format!("unit: {} does not publish", unit.name)))?;
    let pack = module
        .rules()
        .in_force_on(q.decided_on)
        .map_err(|e| AppError::bad_request(format!("decided_on: {e}")))?;
    let places = Places {
        unit_id: unit.id,
        villages: store::villages_on(&state.db, unit.id, q.decided_on).await?,
    };
    let r = compute(
        pack,
        module.calendar(),
        publisher,
        q.category,
        q.decided_on,
        &places,
    )
    .map_err(|e| AppError::bad_request(format!("category: {e}")))?;
    Ok(Json(Required {
        pack_id: r.pack_id,
        due_on: r.due_on,
        due_citation: r.due_citation,
        duties: r.obligations.into_iter().map(Duty::from).collect(),
    }))
}

/// Recurring disclosures missing or late under a unit.
#[utoipa::path(get, path = "/api/v1/units/{code}/disclosures/missing", params(("code" = String, Path)), responses((status = 200, body = [Expected])))]
pub(crate) async fn missing(
    State(state): State<AppState>,
    Path(code): Path<String>,
) -> Result<Json<Vec<Expected>>, AppError> {
    let unit = unit(&state, &code).await?;
    Ok(Json(
        store::missing(&state.db, unit.id, today_vn(), 1000).await?,
    ))
}

/// `?quarter=2026-Q3`.
#[derive(Deserialize, IntoParams)]
pub(crate) struct QuarterQuery {
    /// The quarter.
    quarter: String,
}

/// The quarterly register (Điều 13(2)) of a unit.
#[utoipa::path(get, path = "/api/v1/units/{code}/disclosures/register", params(("code" = String, Path), QuarterQuery), responses((status = 200, body = [RegisterRow]), (status = 422)))]
pub(crate) async fn register(
    State(state): State<AppState>,
    Path(code): Path<String>,
    Query(q): Query<QuarterQuery>,
) -> Result<Json<Vec<RegisterRow>>, AppError> {
    let unit = unit(&state, &code).await?;
    let period = crate::recurring::period_of_label(dinh_rules::Per::Quarter, &q.quarter)
        .ok_or_else(|| {
            AppError::bad_request(format!(
                "quarter: '{}' is not a quarter; write 2026-Q3",
                q.quarter
            ))
        })?;
    Ok(Json(
        store::register_rows(&state.db, unit.id, period.from, period.to).await?,
    ))
}

/// Compliance of every publishing unit under a unit (officers, steering committees).
#[utoipa::path(get, path = "/api/v1/units/{code}/disclosures/dashboard", params(("code" = String, Path), crate::pages::PeriodQuery), responses((status = 200, body = [DashboardRow]), (status = 401), (status = 403)))]
pub(crate) async fn dashboard(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(code): Path<String>,
    Query(q): Query<crate::pages::PeriodQuery>,
) -> Result<Json<Vec<DashboardRow>>, AppError> {
    let unit = unit(&state, &code).await?;
    authorize(ctx.principal.as_ref(), &VIEW_WORK, Some(&unit))?;
    let (from, to) = q.period()?;
    Ok(Json(
        store::dashboard(&state.db, unit.id, from, to, today_vn()).await?,
    ))
}

/// A disclosure to publish (attachments are added through the web form).
#[derive(Deserialize, ToSchema)]
pub(crate) struct NewDisclosure {
    category: u32,
    title: String,
    #[serde(default)]
    body: String,
    doc_number: String,
    doc_date: NaiveDate,
    doc_issuer: String,
    decided_on: Option<NaiveDate>,
    published_on: Option<NaiveDate>,
    period_from: Option<NaiveDate>,
    period_to: Option<NaiveDate>,
    recurring: Option<String>,
    period_label: Option<String>,
}

/// The id of what was created.
#[derive(Serialize, ToSchema)]
pub(crate) struct Created {
    id: i64,
}

fn writer<'a>(ctx: &'a Ctx, headers: &HeaderMap) -> Result<Actor<'a>, AppError> {
    let principal = ctx
        .principal
        .as_ref()
        .ok_or_else(|| AppError::from(dinh_platform::accounts::Denied::NotSignedIn))?;
    let token = headers
        .get("x-csrf-token")
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default();
    ctx.check_csrf(token)?;
    Ok(Actor::Person(principal))
}

/// Publishes a disclosure.
#[utoipa::path(post, path = "/api/v1/units/{code}/disclosures", params(("code" = String, Path)), request_body = NewDisclosure,
    responses((status = 200, body = Created), (status = 401), (status = 403), (status = 422)))]
pub(crate) async fn publish(
    State(state): State<AppState>,
    Extension(module): Extension<DisclosureModule>,
    ctx: Ctx,
    headers: HeaderMap,
    Path(code): Path<String>,
    Json(d): Json<NewDisclosure>,
) -> Result<Json<Created>, AppError> {
    let actor = writer(&ctx, &headers)?;
    let unit = unit(&state, &code).await?;
    let draft = store::Draft {
        category: d.category,
        title: d.title,
        body: d.body,
        doc_number: d.doc_number,
        doc_date: d.doc_date,
        doc_issuer: d.doc_issuer,
        decided_on: d.decided_on,
        published_on: d.published_on.unwrap_or_else(today_vn),
        period_from: d.period_from,
        period_to: d.period_to,
        recurring: d.recurring.map(|k| (k, d.period_label.unwrap_or_default())),
    };
    let id = store::publish(
        &state.db,
        &module,
        &state.config.data_dir,
        state.config.upload_max_bytes(),
        actor,
        &unit,
        draft,
        Vec::new(),
    )
    .await?;
    Ok(Json(Created { id }))
}

/// A posting, broadcast or delivery.
#[derive(Deserialize, ToSchema)]
pub(crate) struct NewProofJson {
    channel: String,
    place: String,
    started_on: NaiveDate,
    ended_on: Option<NaiveDate>,
    #[serde(default)]
    note: String,
}

/// Records proof for a duty of a disclosure.
#[utoipa::path(post, path = "/api/v1/disclosures/{id}/proofs", params(("id" = i64, Path)), request_body = NewProofJson,
    responses((status = 200, body = Created), (status = 401), (status = 403), (status = 422)))]
pub(crate) async fn record_proof(
    State(state): State<AppState>,
    ctx: Ctx,
    headers: HeaderMap,
    Path(id): Path<i64>,
    Json(p): Json<NewProofJson>,
) -> Result<Json<Created>, AppError> {
    let actor = writer(&ctx, &headers)?;
    let proof = store::NewProof {
        channel: p.channel,
        place_code: p.place,
        started_on: p.started_on,
        ended_on: p.ended_on,
        note: p.note,
    };
    let id = store::record_proof(
        &state.db,
        &state.config.data_dir,
        state.config.upload_max_bytes(),
        actor,
        id,
        proof,
        None,
    )
    .await?;
    Ok(Json(Created { id }))
}
