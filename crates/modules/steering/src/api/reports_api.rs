//! API: live figures for a period, review reports, versions and sign-off.

use super::*;

/// `?kind=quarter|half|year|custom&year=&number=&from=&to=`.
#[derive(Deserialize, IntoParams)]
pub(crate) struct PeriodQuery {
    /// `quarter`, `half`, `year` or `custom`.
    kind: String,
    /// Year (quarter, half, year).
    year: Option<i32>,
    /// Quarter 1-4 or half 1-2.
    number: Option<u32>,
    /// First day (custom).
    from: Option<NaiveDate>,
    /// Last day (custom).
    to: Option<NaiveDate>,
}

impl PeriodQuery {
    fn period(&self) -> Result<ReportPeriod, StoreError> {
        let year = || {
            self.year
                .ok_or_else(|| StoreError::invalid("year", "is required"))
        };
        let number = || {
            self.number
                .ok_or_else(|| StoreError::invalid("number", "is required"))
        };
        match self.kind.as_str() {
            "quarter" => ReportPeriod::quarter(year()?, number()?),
            "half" => ReportPeriod::half(year()?, number()?),
            "year" => ReportPeriod::year(year()?),
            "custom" => ReportPeriod::custom(
                self.from
                    .ok_or_else(|| StoreError::invalid("from", "is required"))?,
                self.to
                    .ok_or_else(|| StoreError::invalid("to", "is required"))?,
            ),
            _ => Err(StoreError::invalid("kind", "quarter, half, year or custom")),
        }
    }
}

/// Live figures of a unit for a period, from every module's indicators.
#[utoipa::path(get, path = "/api/v1/units/{code}/steering/figures", params(("code" = String, Path), PeriodQuery), responses((status = 200, body = Figures), (status = 400), (status = 403)))]
pub(crate) async fn figures(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(code): Path<String>,
    Query(q): Query<PeriodQuery>,
) -> Result<Json<Figures>, AppError> {
    let unit = unit(&state, &code).await?;
    authorize(ctx.principal.as_ref(), &VIEW, Some(&unit))?;
    let period = q.period()?;
    Ok(Json(
        report::figures_for(&state.db, &state.registry, &unit, period).await?,
    ))
}

/// Creates a review report (version 1).
#[utoipa::path(post, path = "/api/v1/steering/{id}/reports", params(("id" = i64, Path)), request_body = NewReport, responses((status = 200, body = Created), (status = 400), (status = 403)))]
pub(crate) async fn create_report(
    State(state): State<AppState>,
    ctx: Ctx,
    headers: HeaderMap,
    Path(id): Path<i64>,
    Json(input): Json<NewReport>,
) -> Result<Json<Created>, AppError> {
    let actor = writer(&ctx, &headers)?;
    let id = report::create(&state.db, &state.registry, actor, id, input).await?;
    Ok(Json(Created { id }))
}

/// A report with one version.
#[derive(Serialize, ToSchema)]
pub(crate) struct ReportJson {
    report: ReportRow,
    version: Version,
}

/// `?version=`.
#[derive(Deserialize, IntoParams)]
pub(crate) struct VersionQuery {
    /// Version number; the latest when absent.
    version: Option<i32>,
}

/// A report (a signed-off version is public; drafts need `steering.view`).
#[utoipa::path(get, path = "/api/v1/steering/reports/{id}", params(("id" = i64, Path), VersionQuery), responses((status = 200, body = ReportJson), (status = 403), (status = 404)))]
pub(crate) async fn report_of(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<i64>,
    Query(q): Query<VersionQuery>,
) -> Result<Json<ReportJson>, AppError> {
    let r = report::load(&state.db, id, q.version).await?;
    if r.row.signed_version != Some(r.version.version) {
        authorize(ctx.principal.as_ref(), &VIEW, Some(&r.unit))?;
    }
    Ok(Json(ReportJson {
        report: r.row,
        version: r.version,
    }))
}

/// A new version of a report.
#[derive(Deserialize, ToSchema)]
pub(crate) struct Revision {
    narrative: Narrative,
    /// Recompute the figures.
    #[serde(default)]
    refresh: bool,
}

/// Writes a new version.
#[utoipa::path(post, path = "/api/v1/steering/reports/{id}/versions", params(("id" = i64, Path)), request_body = Revision, responses((status = 200, body = Created), (status = 400), (status = 403)))]
pub(crate) async fn revise_report(
    State(state): State<AppState>,
    ctx: Ctx,
    headers: HeaderMap,
    Path(id): Path<i64>,
    Json(input): Json<Revision>,
) -> Result<Json<Created>, AppError> {
    let actor = writer(&ctx, &headers)?;
    let v = report::revise(
        &state.db,
        &state.registry,
        actor,
        id,
        input.narrative,
        input.refresh,
    )
    .await?;
    Ok(Json(Created { id: i64::from(v) }))
}

/// A sign-off.
#[derive(Deserialize, ToSchema)]
pub(crate) struct SignOff {
    /// The member signing (head or deputy head).
    member_id: i64,
    /// Day signed.
    signed_on: NaiveDate,
}

/// Signs off the latest version.
#[utoipa::path(post, path = "/api/v1/steering/reports/{id}/sign", params(("id" = i64, Path)), request_body = SignOff, responses((status = 200, body = Created), (status = 400), (status = 403)))]
pub(crate) async fn sign_report(
    State(state): State<AppState>,
    ctx: Ctx,
    headers: HeaderMap,
    Path(id): Path<i64>,
    Json(input): Json<SignOff>,
) -> Result<Json<Created>, AppError> {
    let actor = writer(&ctx, &headers)?;
    report::sign_off(&state.db, actor, id, input.member_id, input.signed_on).await?;
    Ok(Json(Created { id }))
}
