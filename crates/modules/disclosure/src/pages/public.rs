//! Public pages: a unit's disclosures with filters, one disclosure with its files and channel
//! history, the missing recurring disclosures, the quarterly register, and attached files.

use askama::Template;
use axum::Extension;
use axum::extract::{Path, Query, State};
use axum::http::header;
use axum::response::{Html, IntoResponse, Response};
use dinh_platform::accounts::authorize;
use dinh_platform::documents::{Download, DownloadKind};
use dinh_platform::time::{show_date, today_vn};
use dinh_platform::units::Unit;
use dinh_platform::web::{AppError, AppState, Chrome, Ctx, render};
use serde::Deserialize;

use super::{category_names, unit};
use crate::permissions::{PUBLISH, RECORD_PROOF};
use crate::recurring::{parse_quarter, period_containing, period_name};
use crate::store::{self, Detail, Expected, ItemRow, ListFilter, PAGE_SIZE, RegisterRow};
use crate::{DisclosureModule, labels};

#[derive(Template)]
#[template(path = "disclosure/list.html")]
struct ListPage {
    c: Chrome,
    unit: Unit,
    rows: Vec<ItemRow>,
    total: i64,
    page: i64,
    pages: i64,
    filter: ListFilter,
    categories: Vec<(u32, String)>,
    today: chrono::NaiveDate,
    query_base: String,
    can_publish: bool,
}

impl ListPage {
    fn is_category(&self, n: &u32) -> bool {
        self.filter.category == Some(*n)
    }
    fn is_quarter(&self, q: &u32) -> bool {
        self.filter.quarter == Some(*q)
    }
}

fn query_base(f: &ListFilter) -> String {
    let mut parts = Vec::new();
    if let Some(c) = f.category {
        parts.push(format!("category={c}"));
    }
    if let Some(y) = f.year {
        parts.push(format!("year={y}"));
    }
    if let Some(q) = f.quarter {
        parts.push(format!("quarter={q}"));
    }
    if let Some(s) = &f.status {
        parts.push(format!("status={}", dinh_platform::web::urlencode(s)));
    }
    if let Some(q) = &f.q {
        parts.push(format!("q={}", dinh_platform::web::urlencode(q)));
    }
    parts.join("&")
}

/// `GET /units/{code}/disclosures`: a unit's disclosures, newest first, with filters.
pub(crate) async fn list(
    State(state): State<AppState>,
    Extension(module): Extension<DisclosureModule>,
    ctx: Ctx,
    Path(code): Path<String>,
    Query(filter): Query<ListFilter>,
) -> Result<Response, AppError> {
    let cache_key = ctx.public_cache_key();
    if let Some(html) = cache_key.as_deref().and_then(|k| state.pages.get(k)) {
        return Ok(Html(html.to_string()).into_response());
    }
    let unit = unit(&state, &code).await?;
    let today = today_vn();
    let (rows, total) = store::list(&state.db, unit.id, &filter, today).await?;
    let page = filter.page.unwrap_or(1).max(1);
    let title = format!("{} — {}", ctx.tr.t("disclosure_title"), unit.name);
    let can_publish = authorize(ctx.principal.as_ref(), &PUBLISH, Some(&unit)).is_ok();
    let html = render(&ListPage {
        c: ctx.chrome(title),
        categories: category_names(&module, ctx.tr.lang == dinh_platform::web::i18n::Lang::En),
        pages: (total + PAGE_SIZE - 1) / PAGE_SIZE,
        query_base: query_base(&filter),
        unit,
        rows,
        total,
        page,
        filter,
        today,
        can_publish,
    })?;
    if let Some(key) = cache_key {
        state.pages.put(key, std::sync::Arc::from(html.0.as_str()));
    }
    Ok(html.into_response())
}

#[derive(Template)]
#[template(path = "disclosure/detail.html")]
struct DetailPage {
    c: Chrome,
    d: Detail,
    category: String,
    can_record: bool,
    can_publish: bool,
    today: String,
    /// The rule pack that set the due date, by its title (none if no longer installed).
    pack: Option<dinh_platform::web::PackRef>,
}

impl DetailPage {
    fn channel(&self, code: &str) -> &'static str {
        labels::channel(self.c.tr.lang, code)
    }
    fn place_kind(&self, code: &str) -> &'static str {
        labels::place_kind(self.c.tr.lang, code)
    }
    fn state(&self, code: &str) -> &'static str {
        labels::state(self.c.tr.lang, code)
    }
    fn proofs_of(&self, obligation: &i64) -> Vec<&store::ProofRow> {
        self.d
            .proofs
            .iter()
            .filter(|p| p.obligation_id == *obligation)
            .collect()
    }
}

/// `GET /disclosures/{id}`: one disclosure with its versions, files, duties and proofs.
pub(crate) async fn detail(
    State(state): State<AppState>,
    Extension(module): Extension<DisclosureModule>,
    ctx: Ctx,
    Path(id): Path<i64>,
) -> Result<Response, AppError> {
    let today = today_vn();
    let d = store::detail(&state.db, id, today)
        .await?
        .ok_or_else(AppError::not_found)?;
    let unit = unit(&state, &d.unit_code).await?;
    let english = ctx.tr.lang == dinh_platform::web::i18n::Lang::En;
    let category = category_names(&module, english)
        .into_iter()
        .find(|(n, _)| i64::from(*n) == i64::from(d.item.category))
        .map(|(n, name)| format!("{n}. {name}"))
        .unwrap_or_default();
    // The form is offered to anyone who may record proof somewhere; the write itself checks
    // the place (a village head records for their own thôn only).
    let can_record = d.obligations.iter().any(|o| o.channel != "website")
        && ctx.principal.as_ref().is_some_and(|p| {
            p.grants
                .iter()
                .any(|g| RECORD_PROOF.roles.contains(&g.role))
        });
    let can_publish = authorize(ctx.principal.as_ref(), &PUBLISH, Some(&unit)).is_ok();
    let title = d.item.title.clone();
    let pack = module
        .rules()
        .get(&d.pack_id)
        .ok()
        .map(|p| dinh_platform::web::PackRef::of(p, ctx.tr));
    Ok(render(&DetailPage {
        pack,
        c: ctx.chrome(title),
        d,
        category,
        can_record,
        can_publish,
        today: today.to_string(),
    })?
    .into_response())
}

/// `GET /disclosures/files/{id}`: an attached file or photo, with its checked type.
pub(crate) async fn download(
    State(state): State<AppState>,
    Path(id): Path<i64>,
) -> Result<Response, AppError> {
    let row: Option<(String, String)> = state
        .db
        .fetch_optional(
            &dinh_platform::db::query(
                "SELECT file_name, content_type FROM disclosure_files WHERE id = $1",
            )
            .bind(id),
        )
        .await?;
    let (name, content_type) = row.ok_or_else(AppError::not_found)?;
    let path = crate::store::file_path(&state.config.data_dir, id);
    let bytes = tokio::fs::read(&path)
        .await
        .map_err(|_| AppError::not_found())?;
    let disposition = format!(
        "inline; filename=\"{}\"",
        dinh_platform::text::slug(&name) + "." + name.rsplit('.').next().unwrap_or("bin")
    );
    Ok((
        [
            (header::CONTENT_TYPE, content_type),
            (header::CONTENT_DISPOSITION, disposition),
            (header::CACHE_CONTROL, "public, max-age=86400".to_owned()),
        ],
        bytes,
    )
        .into_response())
}

#[derive(Template)]
#[template(path = "disclosure/missing.html")]
struct MissingPage {
    c: Chrome,
    unit: Unit,
    rows: Vec<Expected>,
}

impl MissingPage {
    fn duty(&self, key: &str) -> String {
        duty_name(&self.c, key)
    }
    fn period(&self, label: &str) -> String {
        period_name(label, self.c.tr.lang == dinh_platform::web::i18n::Lang::En)
    }
}

fn duty_name(c: &Chrome, key: &str) -> String {
    let k = format!("duty_{key}");
    c.tr.t(&k).to_owned()
}

/// `GET /units/{code}/disclosures/missing`: recurring disclosures not published by their due date.
pub(crate) async fn missing(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(code): Path<String>,
) -> Result<Response, AppError> {
    let unit = unit(&state, &code).await?;
    let rows = store::missing(&state.db, unit.id, today_vn(), 500).await?;
    let title = format!("{} — {}", ctx.tr.t("disclosure_missing"), unit.name);
    Ok(render(&MissingPage {
        c: ctx.chrome(title),
        unit,
        rows,
    })?
    .into_response())
}

/// `?quarter=2026-Q3&format=docx|xlsx|csv`.
#[derive(Deserialize)]
pub(crate) struct RegisterQuery {
    quarter: Option<String>,
    format: Option<String>,
}

#[derive(Template)]
#[template(path = "disclosure/register.html")]
struct RegisterPage {
    c: Chrome,
    unit: Unit,
    quarter: String,
    quarter_name: String,
    rows: Vec<RegisterRow>,
    sheet: dinh_platform::documents::Sheet,
}

/// `GET /units/{code}/disclosures/register`: the quarterly register, printable, or as a file.
pub(crate) async fn register(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(code): Path<String>,
    Query(q): Query<RegisterQuery>,
) -> Result<Response, AppError> {
    let unit = unit(&state, &code).await?;
    let today = today_vn();
    let quarter = match q.quarter.as_deref().filter(|s| !s.is_empty()) {
        Some(label) => label.to_owned(),
        None => period_containing(dinh_rules::Per::Quarter, today)
            .map(|p| p.label)
            .unwrap_or_default(),
    };
    let Some((year, qn)) = parse_quarter(&quarter) else {
        return Err(AppError::bad_request(format!(
            "quarter: '{quarter}' is not a quarter; write it as 2026-Q3"
        )));
    };
    let period =
        crate::recurring::period_of_label(dinh_rules::Per::Quarter, &format!("{year}-Q{qn}"))
            .ok_or_else(|| AppError::bad_request("quarter: not a quarter"))?;
    let rows = store::register_rows(&state.db, unit.id, period.from, period.to).await?;
    let name = format!("danh-muc-cong-khai-{}-{quarter}", unit.code);
    let file = |bytes: anyhow::Result<Vec<u8>>, kind| -> Result<Response, AppError> {
        Ok(Download {
            bytes: bytes?,
            kind,
            name: name.clone(),
        }
        .into_response())
    };
    match q.format.as_deref() {
        Some("csv") => file(
            crate::register::sheet(&unit, &quarter, &rows).csv(),
            DownloadKind::Csv,
        ),
        Some("xlsx") => file(
            crate::register::sheet(&unit, &quarter, &rows).xlsx(),
            DownloadKind::Xlsx,
        ),
        Some("docx") => file(
            crate::register::document(&unit, &quarter, &rows, today).docx(),
            DownloadKind::Docx,
        ),
        Some(other) => Err(AppError::bad_request(format!(
            "format: '{other}' is not offered; choose docx, xlsx or csv"
        ))),
        None => {
            let english = ctx.tr.lang == dinh_platform::web::i18n::Lang::En;
            let title = format!("{} — {}", ctx.tr.t("disclosure_register"), unit.name);
            let sheet = crate::register::sheet(&unit, &quarter, &rows);
            Ok(render(&RegisterPage {
                c: ctx.chrome(title),
                quarter_name: period_name(&quarter, english),
                unit,
                quarter,
                rows,
                sheet,
            })?
            .into_response())
        }
    }
}

/// Shown in templates.
pub(crate) fn date(iso: impl AsRef<str>) -> String {
    show_date(iso.as_ref())
}
