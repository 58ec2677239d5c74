//! The officers' news pages: the unit's articles in every state, the form to write or edit one
//! (shown again with what was written when something must be corrected), publishing now or at
//! a set time, and taking down with a reason. Each behind its permission at the unit.

use askama::Template;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use dinh_platform::units::Unit;
use dinh_platform::web::{AppError, AppState, Chrome, Ctx, Form, render};
use dinh_platform::write::WriteError;
use serde::Deserialize;

use super::news::state_key;
use super::{actor, may, news_href, unit, unit_by_id};
use crate::articles::write::{self, ArticleInput};
use crate::articles::{self, Article, Category};
use crate::comments;
use crate::permissions::{MODERATE, POLLS, PUBLISH, WRITE};
use crate::polls::{self, Poll};

#[derive(Template)]
#[template(path = "portal/manage.html")]
struct ManagePage {
    c: Chrome,
    unit: Unit,
    articles: Vec<Article>,
    held: i64,
    polls: Vec<Poll>,
    may_moderate: bool,
    may_polls: bool,
}

impl ManagePage {
    fn state_key(&self, s: &str) -> &'static str {
        state_key(s)
    }
}

/// `GET /units/{code}/tin-tuc/quan-ly`: every article of the unit (drafts, scheduled,
/// published, taken down), the comments waiting, the polls.
pub(crate) async fn manage(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(code): Path<String>,
) -> Result<Response, AppError> {
    let unit = unit(&state, &code).await?;
    dinh_platform::accounts::authorize(ctx.principal.as_ref(), &WRITE, Some(&unit))?;
    let articles = articles::all_of_unit(&state.db, unit.id, 200).await?;
    let held = comments::held_count(&state.db, unit.id).await?;
    let polls = polls::of_unit(&state.db, unit.id, 20).await?;
    let page = ManagePage {
        c: ctx.chrome(format!("{} · {}", ctx.tr.t("portal_manage"), unit.name)),
        may_moderate: may(&ctx, &MODERATE, &unit),
        may_polls: may(&ctx, &POLLS, &unit),
        unit,
        articles,
        held,
        polls,
    };
    Ok(render(&page)?.into_response())
}

#[derive(Template)]
#[template(path = "portal/article_form.html")]
struct FormPage {
    c: Chrome,
    unit: Unit,
    categories: Vec<Category>,
    f: ArticleFields,
    article: Option<Article>,
    error: Option<(String, String)>,
    may_publish: bool,
    history: Vec<(String, String, String)>,
}

impl FormPage {
    fn action(&self) -> String {
        match &self.article {
            Some(a) => format!("/tin-tuc/{}/sua", a.id),
            None => format!("{}/moi", news_href(&self.unit.code)),
        }
    }
    fn error_for(&self, field: &str) -> Option<&str> {
        self.error
            .as_ref()
            .filter(|(f, _)| f == field)
            .map(|(_, m)| m.as_str())
    }
    fn state_key(&self, s: &str) -> &'static str {
        state_key(s)
    }
}

/// The fields of the article form, as sent.
#[derive(Deserialize, Default, Clone)]
pub(crate) struct ArticleFields {
    #[serde(default)]
    category: String,
    #[serde(default)]
    title: String,
    #[serde(default)]
    summary: String,
    #[serde(default)]
    body: String,
    /// "on" when comments are open.
    #[serde(default)]
    comments_open: Option<String>,
    /// The version the form was opened at (text: a flattened form carries values as text).
    #[serde(default)]
    version: String,
}

impl ArticleFields {
    fn input(&self) -> ArticleInput {
        ArticleInput {
            category: self.category.clone(),
            title: self.title.clone(),
            summary: self.summary.clone(),
            body: self.body.clone(),
            comments_open: self.comments_open.is_some(),
        }
    }
}

/// The edit history of an article, from the audit log: when, who, what was done.
async fn history(state: &AppState, id: i64) -> Result<Vec<(String, String, String)>, AppError> {
    let rows: Vec<(String, String, String)> = state
        .db
        .fetch_all(
            &dinh_platform::db::query(
                "SELECT at, actor, action FROM audit_log
                 WHERE object_type = 'portal_article' AND object_id = $1 ORDER BY seq DESC LIMIT 50",
            )
            .bind(id.to_string()),
        )
        .await?;
    Ok(rows
        .into_iter()
        .map(|(at, who, what)| (dinh_platform::time::show_instant(&at), who, what))
        .collect())
}

#[allow(clippy::too_many_arguments)]
async fn form_page(
    state: &AppState,
    ctx: &Ctx,
    unit: Unit,
    f: ArticleFields,
    article: Option<Article>,
    error: Option<(String, String)>,
) -> Result<Response, AppError> {
    let history = match &article {
        Some(a) => history(state, a.id).await?,
        None => Vec::new(),
    };
    let title = match &article {
        Some(a) => format!("{} · {}", ctx.tr.t("portal_edit"), a.title),
        None => ctx.tr.t("portal_new_article").to_owned(),
    };
    let status = if error.is_some() {
        StatusCode::UNPROCESSABLE_ENTITY
    } else {
        StatusCode::OK
    };
    let page = FormPage {
        c: ctx.chrome(title),
        categories: articles::categories(&state.db).await?,
        may_publish: may(ctx, &PUBLISH, &unit),
        unit,
        f,
        article,
        error,
        history,
    };
    Ok((status, render(&page)?).into_response())
}

/// `GET /units/{code}/tin-tuc/moi`: an empty form.
pub(crate) async fn article_form(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(code): Path<String>,
) -> Result<Response, AppError> {
    let unit = unit(&state, &code).await?;
    dinh_platform::accounts::authorize(ctx.principal.as_ref(), &WRITE, Some(&unit))?;
    let f = ArticleFields {
        comments_open: Some("on".into()),
        category: "tin-tuc-hoat-dong".into(),
        ..ArticleFields::default()
    };
    form_page(&state, &ctx, unit, f, None, None).await
}

fn refused(e: WriteError) -> Result<(String, String), AppError> {
    match e {
        WriteError::Invalid { field, message } => Ok((field.to_owned(), message)),
        other => Err(other.into()),
    }
}

/// `POST /units/{code}/tin-tuc/moi`: saves a draft, then opens it for editing.
pub(crate) async fn create_article(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(code): Path<String>,
    Form(f): Form<ArticleFields>,
) -> Result<Response, AppError> {
    let unit = unit(&state, &code).await?;
    match write::create(&state.db, actor(&ctx)?, &unit, &f.input()).await {
        Ok(id) => {
            ctx.redirect_with_flash(
                &state.db,
                &format!("/tin-tuc/{id}/sua"),
                ctx.tr.t("portal_saved"),
            )
            .await
        }
        Err(e) => {
            let error = refused(e)?;
            form_page(&state, &ctx, unit, f, None, Some(error)).await
        }
    }
}

async fn article_and_unit(state: &AppState, id: i64) -> Result<(Article, Unit), AppError> {
    let a = articles::by_id(&state.db, id)
        .await?
        .ok_or_else(AppError::not_found)?;
    let unit = unit_by_id(state, a.unit_id).await?;
    Ok((a, unit))
}

/// `GET /tin-tuc/{id}/sua`: the form with the article, its state and its history.
pub(crate) async fn edit_article(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<i64>,
) -> Result<Response, AppError> {
    let (a, unit) = article_and_unit(&state, id).await?;
    dinh_platform::accounts::authorize(ctx.principal.as_ref(), &WRITE, Some(&unit))?;
    let f = ArticleFields {
        category: a.category.clone(),
        title: a.title.clone(),
        summary: a.summary.clone(),
        body: a.body_html.clone(),
        comments_open: a.comments_open.then(|| "on".to_owned()),
        version: a.version.to_string(),
    };
    form_page(&state, &ctx, unit, f, Some(a), None).await
}

/// `POST /tin-tuc/{id}/sua`: saves an edit.
pub(crate) async fn update_article(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<i64>,
    Form(f): Form<ArticleFields>,
) -> Result<Response, AppError> {
    let (a, unit) = article_and_unit(&state, id).await?;
    match write::update(
        &state.db,
        actor(&ctx)?,
        &unit,
        id,
        f.version.trim().parse().unwrap_or(0),
        &f.input(),
    )
    .await
    {
        Ok(()) => {
            ctx.redirect_with_flash(
                &state.db,
                &format!("/tin-tuc/{id}/sua"),
                ctx.tr.t("portal_saved"),
            )
            .await
        }
        Err(e) => {
            let error = refused(e)?;
            form_page(&state, &ctx, unit, f, Some(a), Some(error)).await
        }
    }
}

/// The publish form: empty `at` for now, or a day and time in Vietnam.
#[derive(Deserialize, Default)]
pub(crate) struct PublishFields {
    #[serde(default)]
    on: String,
    #[serde(default)]
    at: String,
}

/// The instant (RFC 3339) of a day `dd/mm/yyyy` and time `HH:MM` in Vietnam.
pub(crate) fn vietnam_instant(day: &str, time: &str) -> Option<String> {
    let day = dinh_platform::time::parse_date(day)?;
    let time = chrono::NaiveTime::parse_from_str(time.trim(), "%H:%M").ok()?;
    let local = day.and_time(time) - chrono::Duration::hours(7);
    Some(
        local
            .and_utc()
            .to_rfc3339_opts(chrono::SecondsFormat::Millis, true),
    )
}

/// `POST /tin-tuc/{id}/dang`: publishes now, or at the day and time given (hẹn giờ).
pub(crate) async fn publish_article(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<i64>,
    Form(f): Form<PublishFields>,
) -> Result<Response, AppError> {
    let (_, unit) = article_and_unit(&state, id).await?;
    let at = if f.on.trim().is_empty() {
        None
    } else {
        let time = if f.at.trim().is_empty() {
            "07:00"
        } else {
            f.at.as_str()
        };
        Some(vietnam_instant(&f.on, time).ok_or_else(|| {
            AppError::from(WriteError::invalid(
                "on",
                "write the day as dd/mm/yyyy and the time as HH:MM",
            ))
        })?)
    };
    write::publish(&state.db, actor(&ctx)?, &unit, id, at.as_deref()).await?;
    ctx.redirect_with_flash(
        &state.db,
        &format!("/tin-tuc/{id}/sua"),
        ctx.tr.t("portal_published"),
    )
    .await
}

/// The take-down form.
#[derive(Deserialize, Default)]
pub(crate) struct UnpublishFields {
    #[serde(default)]
    reason: String,
}

/// `POST /tin-tuc/{id}/go`: takes the article down with its reason.
pub(crate) async fn unpublish_article(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<i64>,
    Form(f): Form<UnpublishFields>,
) -> Result<Response, AppError> {
    let (_, unit) = article_and_unit(&state, id).await?;
    write::unpublish(&state.db, actor(&ctx)?, &unit, id, &f.reason).await?;
    state.pages.forget(&articles::href(id));
    ctx.redirect_with_flash(
        &state.db,
        &format!("/tin-tuc/{id}/sua"),
        ctx.tr.t("portal_unpublished"),
    )
    .await
}
