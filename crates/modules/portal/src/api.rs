//! The portal's JSON API under `/api/v1`, read only and public: a unit's news, an article with
//! its published comments (never an e-mail: the type carries none), a poll and, once it is
//! closed, its results. Writing goes through the officers' pages.

use axum::extract::{Path, Query, State};
use axum::routing::get;
use axum::{Json, Router};
use dinh_platform::web::{AppError, AppState};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, OpenApi, ToSchema};

use crate::articles::{self, Article, Listing};
use crate::comments::{self, PublicComment};
use crate::polls::{self, Poll, Tally};
use crate::web::{PAGE_SIZE, unit};

/// The portal's part of the OpenAPI document.
#[derive(OpenApi)]
#[openapi(
    paths(news, article, poll),
    components(schemas(Article, PublicComment, Poll, Tally, NewsJson, ArticleJson, PollJson))
)]
pub struct ApiDoc;

pub(crate) fn routes() -> Router<AppState> {
    Router::new()
        .route("/units/{code}/news", get(news))
        .route("/news/{id}", get(article))
        .route("/polls/{id}", get(poll))
}

/// A page of a unit's news.
#[derive(Serialize, ToSchema)]
pub struct NewsJson {
    /// Public articles in all.
    pub total: i64,
    /// This page, newest first.
    pub articles: Vec<Article>,
}

/// Which page, which category.
#[derive(Deserialize, IntoParams)]
pub struct NewsParams {
    /// Category slug.
    pub category: Option<String>,
    /// Page, from 1.
    pub page: Option<i64>,
}

/// A unit's public news, newest first.
#[utoipa::path(get, path = "/api/v1/units/{code}/news", params(("code" = String, Path), NewsParams), responses((status = 200, body = NewsJson), (status = 404)))]
pub(crate) async fn news(
    State(state): State<AppState>,
    Path(code): Path<String>,
    Query(p): Query<NewsParams>,
) -> Result<Json<NewsJson>, AppError> {
    let unit = unit(&state, &code).await?;
    let page = p.page.unwrap_or(1).max(1);
    let (articles, total) = articles::public_list(
        &state.db,
        &Listing {
            unit_id: unit.id,
            category: p.category.as_deref(),
            limit: PAGE_SIZE,
            offset: (page - 1) * PAGE_SIZE,
            ..Listing::default()
        },
    )
    .await?;
    Ok(Json(NewsJson { total, articles }))
}

/// An article and its published comments.
#[derive(Serialize, ToSchema)]
pub struct ArticleJson {
    /// The article.
    pub article: Article,
    /// Its published comments, oldest first (no e-mail).
    pub comments: Vec<PublicComment>,
}

/// A public article (views as last flushed).
#[utoipa::path(get, path = "/api/v1/news/{id}", params(("id" = i64, Path)), responses((status = 200, body = ArticleJson), (status = 404)))]
pub(crate) async fn article(
    State(state): State<AppState>,
    Path(id): Path<i64>,
) -> Result<Json<ArticleJson>, AppError> {
    let article = articles::by_id(&state.db, id)
        .await?
        .filter(|a| a.is_public(&dinh_platform::time::now_rfc3339()))
        .ok_or_else(AppError::not_found)?;
    let comments = comments::published(&state.db, id).await?;
    Ok(Json(ArticleJson { article, comments }))
}

/// A poll; its results once it is closed.
#[derive(Serialize, ToSchema)]
pub struct PollJson {
    /// The poll.
    pub poll: Poll,
    /// Whether it takes answers now.
    pub open: bool,
    /// The answers; counted only once the poll is closed.
    pub options: Vec<Tally>,
}

/// A poll that has opened.
#[utoipa::path(get, path = "/api/v1/polls/{id}", params(("id" = i64, Path)), responses((status = 200, body = PollJson), (status = 404)))]
pub(crate) async fn poll(
    State(state): State<AppState>,
    Path(id): Path<i64>,
) -> Result<Json<PollJson>, AppError> {
    let now = dinh_platform::time::now_rfc3339();
    let poll = polls::by_id(&state.db, id)
        .await?
        .filter(|p| p.opens_at <= now)
        .ok_or_else(AppError::not_found)?;
    let open = poll.is_open(&now);
    let mut options = polls::tally(&state.db, id).await?;
    if open {
        for o in &mut options {
            o.answers = 0;
        }
    }
    Ok(Json(PollJson {
        poll,
        open,
        options,
    }))
}
