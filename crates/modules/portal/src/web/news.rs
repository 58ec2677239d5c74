//! Public news pages: a unit's news by category (newest or most read), an article with its
//! publication time, view count and comments, and the comment form.

use askama::Template;
use axum::extract::{Path, Query, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{Html, IntoResponse, Redirect, Response};
use dinh_platform::units::Unit;
use dinh_platform::web::{
    AppError, AppState, Chrome, Client, Ctx, Form, chrome_with_session, render,
};
use serde::Deserialize;

use super::{PAGE_SIZE, agent, may, news_href, unit, unit_by_id};
use crate::articles::{self, Article, Category, Listing, state};
use crate::comments::{self, CommentInput, PublicComment, Sent};
use crate::counters;
use crate::permissions::{MODERATE, WRITE};
use crate::polls::{self, Poll};

/// How many articles the "most read" box lists.
const MOST_READ: i64 = 5;

/// The portal's side column: most read, open polls, visitors.
pub(crate) struct Aside {
    pub most_read: Vec<Article>,
    pub polls: Vec<Poll>,
    pub online: i64,
    pub visits: i64,
}

pub(crate) async fn aside(state: &AppState, unit: &Unit) -> Result<Aside, AppError> {
    let (most_read, _) = articles::public_list(
        &state.db,
        &Listing {
            unit_id: unit.id,
            most_read: true,
            limit: MOST_READ,
            ..Listing::default()
        },
    )
    .await?;
    let now = dinh_platform::time::now_rfc3339();
    let polls = polls::of_unit(&state.db, unit.id, 20)
        .await?
        .into_iter()
        .filter(|p| p.is_open(&now))
        .take(3)
        .collect();
    let (online, visits) = counters::figures(&state.db).await?;
    Ok(Aside {
        most_read,
        polls,
        online,
        visits,
    })
}

#[derive(Template)]
#[template(path = "portal/news.html")]
struct NewsPage {
    c: Chrome,
    unit: Unit,
    categories: Vec<Category>,
    current: Option<Category>,
    articles: Vec<Article>,
    total: i64,
    page: i64,
    pages: i64,
    aside: Aside,
    may_write: bool,
}

impl NewsPage {
    fn base(&self) -> String {
        news_href(&self.unit.code)
    }
    fn page_href(&self, page: &i64) -> String {
        match &self.current {
            Some(c) => format!("{}?chuyen-muc={}&trang={page}", self.base(), c.slug),
            None => format!("{}?trang={page}", self.base()),
        }
    }
    fn feed_query(&self) -> String {
        self.current
            .as_ref()
            .map(|c| format!("?chuyen-muc={}", c.slug))
            .unwrap_or_default()
    }
}

/// The query of a news list.
#[derive(Deserialize, Default)]
pub(crate) struct NewsQuery {
    #[serde(rename = "chuyen-muc")]
    category: Option<String>,
    #[serde(rename = "trang")]
    page: Option<i64>,
}

impl NewsQuery {
    /// The category asked for, if any.
    pub(crate) fn category(&self) -> Option<&str> {
        self.category.as_deref().filter(|s| !s.is_empty())
    }
}

/// `GET /units/{code}/tin-tuc`: the unit's news, newest first, by category.
pub(crate) async fn news(
    State(state): State<AppState>,
    ctx: Ctx,
    client: Client,
    headers: HeaderMap,
    Path(code): Path<String>,
    Query(q): Query<NewsQuery>,
) -> Result<Response, AppError> {
    counters::of(&state.db)
        .visit(&client.0, agent(&headers), None)
        .await;
    let cache_key = ctx.public_cache_key();
    if let Some(html) = cache_key.as_deref().and_then(|k| state.pages.get(k)) {
        return Ok(Html(html.to_string()).into_response());
    }
    let unit = unit(&state, &code).await?;
    let categories = articles::categories(&state.db).await?;
    let current = match q.category.as_deref().filter(|s| !s.is_empty()) {
        Some(slug) => Some(
            categories
                .iter()
                .find(|c| c.slug == slug)
                .cloned()
                .ok_or_else(AppError::not_found)?,
        ),
        None => None,
    };
    let page = q.page.unwrap_or(1).max(1);
    let (articles, total) = articles::public_list(
        &state.db,
        &Listing {
            unit_id: unit.id,
            category: current.as_ref().map(|c| c.slug.as_str()),
            most_read: false,
            limit: PAGE_SIZE,
            offset: (page - 1) * PAGE_SIZE,
        },
    )
    .await?;
    let title = match &current {
        Some(c) => format!("{} · {}", ctx.tr.pick(&c.name_vi, &c.name_en), unit.name),
        None => format!("{} · {}", ctx.tr.t("portal_news"), unit.name),
    };
    let page_view = NewsPage {
        c: ctx.chrome(title),
        aside: aside(&state, &unit).await?,
        may_write: may(&ctx, &WRITE, &unit),
        unit,
        categories,
        current,
        articles,
        total,
        page,
        pages: (total + PAGE_SIZE - 1) / PAGE_SIZE,
    };
    let html = render(&page_view)?;
    if let Some(key) = cache_key {
        state.pages.put(key, std::sync::Arc::from(html.0.as_str()));
    }
    Ok(html.into_response())
}

#[derive(Template)]
#[template(path = "portal/article.html")]
struct ArticlePage {
    c: Chrome,
    unit: Unit,
    a: Article,
    views: i64,
    comments: Vec<PublicComment>,
    aside: Aside,
    may_write: bool,
    may_moderate: bool,
    public: bool,
    picture: Option<String>,
}

impl ArticlePage {
    fn state_key(&self) -> &'static str {
        state_key(&self.a.state)
    }
    fn replies(&self, parent: &i64) -> Vec<&PublicComment> {
        self.comments
            .iter()
            .filter(|m| m.parent_id == Some(*parent))
            .collect()
    }
    fn roots(&self) -> Vec<&PublicComment> {
        self.comments
            .iter()
            .filter(|m| m.parent_id.is_none())
            .collect()
    }
}

/// The message key naming an article's state.
pub(crate) fn state_key(s: &str) -> &'static str {
    match s {
        state::DRAFT => "portal_state_draft",
        state::SCHEDULED => "portal_state_scheduled",
        state::PUBLISHED => "portal_state_published",
        _ => "portal_state_unpublished",
    }
}

/// The first picture of an article's body, for Open Graph (a shared link's picture).
fn first_picture(html: &str) -> Option<String> {
    let at = html.find("<img")?;
    let rest = &html[at..];
    let src = rest.find("src=\"")? + 5;
    let end = rest[src..].find('"')?;
    Some(rest[src..src + end].to_owned())
}

#[derive(Template)]
#[template(path = "portal/gone.html")]
struct GonePage {
    c: Chrome,
    unit: Unit,
    a: Article,
}

/// `GET /tin-tuc/{id}`: an article. Each reading is counted (in memory, flushed in batches),
/// a page served from the cache too. A draft is shown only to the unit's writers; an article
/// taken down says so, with its reason.
pub(crate) async fn article(
    State(state): State<AppState>,
    ctx: Ctx,
    client: Client,
    headers: HeaderMap,
    Path(id): Path<String>,
) -> Result<Response, AppError> {
    let Ok(id) = id.parse::<i64>() else {
        // An old portal's address under the same path (`/tin-tuc/hoi-nghi.html`).
        let old = format!("/tin-tuc/{id}");
        let to = articles::by_old_path(&state.db, &old)
            .await?
            .ok_or_else(AppError::not_found)?;
        return Ok(Redirect::permanent(&articles::href(to)).into_response());
    };
    let cache_key = ctx.public_cache_key();
    if let Some(html) = cache_key.as_deref().and_then(|k| state.pages.get(k)) {
        counters::of(&state.db)
            .visit(&client.0, agent(&headers), Some(id))
            .await;
        return Ok(Html(html.to_string()).into_response());
    }
    let a = articles::by_id(&state.db, id)
        .await?
        .ok_or_else(AppError::not_found)?;
    let unit = unit_by_id(&state, a.unit_id).await?;
    let now = dinh_platform::time::now_rfc3339();
    let public = a.is_public(&now);
    let may_write = may(&ctx, &WRITE, &unit);
    if !public && !may_write {
        if a.state == state::UNPUBLISHED {
            let page = GonePage {
                c: ctx.chrome(a.title.clone()),
                unit,
                a,
            };
            return Ok((StatusCode::GONE, render(&page)?).into_response());
        }
        return Err(AppError::not_found());
    }
    let counters = counters::of(&state.db);
    if public {
        counters.visit(&client.0, agent(&headers), Some(id)).await;
    }
    let comments = comments::published(&state.db, id).await?;
    let page = ArticlePage {
        c: ctx.chrome(a.title.clone()),
        views: a.views + counters.unflushed_views(id),
        aside: aside(&state, &unit).await?,
        may_moderate: may(&ctx, &MODERATE, &unit),
        picture: first_picture(&a.body_html),
        may_write,
        public,
        comments,
        unit,
        a,
    };
    let html = render(&page)?;
    if let (Some(key), true) = (cache_key, public) {
        state.pages.put(key, std::sync::Arc::from(html.0.as_str()));
    }
    Ok(html.into_response())
}

#[derive(Template)]
#[template(path = "portal/comment.html")]
struct CommentPage {
    c: Chrome,
    unit: Unit,
    a: Article,
    parent: Option<PublicComment>,
    f: CommentFields,
    error: Option<String>,
    official: bool,
}

/// The fields of the comment form, as sent (kept when the form is shown again).
#[derive(Deserialize, Default, Clone)]
pub(crate) struct CommentFields {
    #[serde(default)]
    name: String,
    #[serde(default)]
    email: String,
    #[serde(default)]
    body: String,
    /// The comment answered (text: a flattened form carries every value as text).
    #[serde(default)]
    parent: String,
    /// The hidden field robots fill.
    #[serde(default)]
    website: String,
}

impl CommentFields {
    fn parent_id(&self) -> Option<i64> {
        self.parent.trim().parse().ok()
    }
}

/// The query of the comment form: the comment answered.
#[derive(Deserialize, Default)]
pub(crate) struct CommentQuery {
    #[serde(rename = "tra-loi")]
    reply_to: Option<i64>,
}

async fn commentable(state: &AppState, id: i64) -> Result<(Article, Unit), AppError> {
    let a = articles::by_id(&state.db, id)
        .await?
        .filter(|a| a.is_public(&dinh_platform::time::now_rfc3339()))
        .ok_or_else(AppError::not_found)?;
    let unit = unit_by_id(state, a.unit_id).await?;
    Ok((a, unit))
}

/// `GET /tin-tuc/{id}/binh-luan`: the comment form (it opens a session for its token).
pub(crate) async fn comment_form(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<i64>,
    Query(q): Query<CommentQuery>,
) -> Result<Response, AppError> {
    let (a, unit) = commentable(&state, id).await?;
    let parent = match q.reply_to {
        Some(p) => comments::published(&state.db, id)
            .await?
            .into_iter()
            .find(|m| m.id == p),
        None => None,
    };
    let (c, jar) = chrome_with_session(
        &state,
        &ctx,
        format!("{} · {}", ctx.tr.t("portal_comment_title"), a.title),
    )
    .await?;
    let official = may(&ctx, &MODERATE, &unit);
    let page = CommentPage {
        c,
        f: CommentFields {
            parent: parent
                .as_ref()
                .map(|p| p.id.to_string())
                .unwrap_or_default(),
            ..CommentFields::default()
        },
        parent,
        unit,
        a,
        error: None,
        official,
    };
    Ok((jar, render(&page)?).into_response())
}

/// `POST /tin-tuc/{id}/binh-luan`: sends a comment; on a mistake the form comes back with
/// what was written and what to correct.
pub(crate) async fn comment(
    State(state): State<AppState>,
    ctx: Ctx,
    client: Client,
    Path(id): Path<i64>,
    Form(f): Form<CommentFields>,
) -> Result<Response, AppError> {
    let (a, unit) = commentable(&state, id).await?;
    let client_key = counters::of(&state.db).keyed(&client.0).await;
    let input = CommentInput {
        name: f.name.clone(),
        email: f.email.clone(),
        body: f.body.clone(),
        parent_id: f.parent_id(),
        trap: f.website.clone(),
    };
    let actor = ctx
        .principal
        .as_ref()
        .map(dinh_platform::write::Actor::Person);
    match comments::send(&state.db, &a, &unit, actor, &client_key, &input).await {
        Ok(sent) => {
            let message = match sent {
                Sent::Published => ctx.tr.t("portal_comment_published"),
                Sent::Held | Sent::Dropped => ctx.tr.t("portal_comment_held"),
            };
            ctx.redirect_with_flash(&state.db, &format!("{}#binh-luan", a.href()), message)
                .await
        }
        Err(dinh_platform::write::WriteError::Invalid { message, .. }) => {
            let parent = match f.parent_id() {
                Some(p) => comments::published(&state.db, id)
                    .await?
                    .into_iter()
                    .find(|m| m.id == p),
                None => None,
            };
            let official = may(&ctx, &MODERATE, &unit);
            let page = CommentPage {
                c: ctx.chrome(format!(
                    "{} · {}",
                    ctx.tr.t("portal_comment_title"),
                    a.title
                )),
                f,
                parent,
                unit,
                a,
                error: Some(message),
                official,
            };
            Ok((StatusCode::UNPROCESSABLE_ENTITY, render(&page)?).into_response())
        }
        Err(e) => Err(e.into()),
    }
}
