//! The review report on the web: figures with SVG charts, lower units, narrative, versions,
//! the revision form and the downloads (DOCX, XLSX).

use askama::Template;
use axum::extract::{Path, Query, State};
use axum::response::{Html, Response};
use dinh_platform::accounts::authorize;
use dinh_platform::documents::{Download, DownloadKind};
use dinh_platform::web::{AppError, AppState, Chrome, Ctx, Form, render};
use serde::Deserialize;

use super::actor;
use crate::committees::{self, Member};
use crate::permissions::{MANAGE, SIGN, VIEW};
use crate::report::{self, FigureRow, Narrative, Report, chart, document, show_number};

/// `?version=`.
#[derive(Deserialize)]
pub(crate) struct VersionQuery {
    version: Option<i32>,
}

#[derive(Template)]
#[template(path = "steering/report.html")]
struct ReportPage {
    c: Chrome,
    r: Report,
    may_edit: bool,
    /// Head and deputy heads who may sign off, when the visitor may record a sign-off.
    signers: Vec<Member>,
    charts: Vec<String>,
}

impl ReportPage {
    fn num(&self, v: &Option<f64>, unit: impl AsRef<str>) -> String {
        show_number(*v, unit.as_ref())
    }
    fn change(&self, row: &FigureRow) -> String {
        row.change().map_or_else(
            || "—".to_owned(),
            |c| {
                let s = show_number(Some(c), &row.unit);
                if c > 0.0 { format!("+{s}") } else { s }
            },
        )
    }
    fn unit_of(&self, i: &usize) -> String {
        self.r
            .version
            .figures
            .rows
            .get(*i)
            .map(|r| r.unit.clone())
            .unwrap_or_default()
    }
    fn approximate(&self) -> bool {
        self.r.version.figures.rows.iter().any(|r| r.approximate)
    }
    fn signed(&self) -> bool {
        self.r.row.signed_version == Some(self.r.version.version)
    }
}

/// Loads a report the visitor may see: a signed-off version is public, drafts need VIEW.
async fn visible(
    state: &AppState,
    ctx: &Ctx,
    id: i64,
    version: Option<i32>,
) -> Result<Report, AppError> {
    let r = report::load(&state.db, id, version).await?;
    if r.row.signed_version != Some(r.version.version) {
        authorize(ctx.principal.as_ref(), &VIEW, Some(&r.unit))?;
    }
    Ok(r)
}

/// `GET /steering/reports/{id}`.
pub(crate) async fn report(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<i64>,
    Query(q): Query<VersionQuery>,
) -> Result<Html<String>, AppError> {
    let r = visible(&state, &ctx, id, q.version).await?;
    let may_edit = authorize(ctx.principal.as_ref(), &MANAGE, Some(&r.unit)).is_ok();
    let signers = if authorize(ctx.principal.as_ref(), &SIGN, Some(&r.unit)).is_ok() {
        committees::members(&state.db, r.committee.id)
            .await?
            .into_iter()
            .filter(|m| m.position == "head" || m.position == "deputy")
            .collect()
    } else {
        Vec::new()
    };
    let now = ctx.tr.t("steering_this_period");
    let prev = ctx.tr.t("steering_previous");
    let charts = r
        .version
        .figures
        .rows
        .iter()
        .enumerate()
        .map(|(i, row)| chart::bars(row, &format!("chart-{i}"), now, prev))
        .collect();
    let title = format!("{} {}", ctx.tr.t("steering_report"), r.row.number);
    render(&ReportPage {
        c: ctx.chrome(title),
        r,
        may_edit,
        signers,
        charts,
    })
}

/// The revision form.
#[derive(Deserialize)]
pub(crate) struct ReviseForm {
    results: String,
    limitations: String,
    tasks_ahead: String,
    #[serde(default)]
    refresh: Option<String>,
}

/// `POST /steering/reports/{id}/revise`: a new version.
pub(crate) async fn revise(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<i64>,
    Form(form): Form<ReviseForm>,
) -> Result<Response, AppError> {
    let actor = actor(&ctx)?;
    report::revise(
        &state.db,
        &state.registry,
        actor,
        id,
        Narrative {
            results: form.results,
            limitations: form.limitations,
            tasks_ahead: form.tasks_ahead,
        },
        form.refresh.is_some(),
    )
    .await?;
    ctx.redirect_with_flash(
        &state.db,
        &format!("/steering/reports/{id}"),
        ctx.tr.t("flash_saved"),
    )
    .await
}

fn file_name(r: &Report) -> String {
    format!(
        "Bao cao {} {}",
        r.version.figures.period.name_vi(),
        r.unit.name
    )
}

/// `GET /steering/reports/{id}/report.docx`.
pub(crate) async fn docx(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<i64>,
    Query(q): Query<VersionQuery>,
) -> Result<Download, AppError> {
    let r = visible(&state, &ctx, id, q.version).await?;
    Ok(Download {
        bytes: document::document(&r).docx()?,
        kind: DownloadKind::Docx,
        name: file_name(&r),
    })
}

/// `GET /steering/reports/{id}/figures.xlsx`.
pub(crate) async fn xlsx(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<i64>,
    Query(q): Query<VersionQuery>,
) -> Result<Download, AppError> {
    let r = visible(&state, &ctx, id, q.version).await?;
    Ok(Download {
        bytes: document::figures_sheet(&r).xlsx()?,
        kind: DownloadKind::Xlsx,
        name: format!("So lieu {}", file_name(&r)),
    })
}

/// `GET /steering/reports/{id}/units.xlsx`.
pub(crate) async fn lower_xlsx(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<i64>,
    Query(q): Query<VersionQuery>,
) -> Result<Download, AppError> {
    let r = visible(&state, &ctx, id, q.version).await?;
    Ok(Download {
        bytes: document::lower_sheet(&r).xlsx()?,
        kind: DownloadKind::Xlsx,
        name: format!("So lieu theo don vi {}", file_name(&r)),
    })
}
