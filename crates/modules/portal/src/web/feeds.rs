//! What readers and machines take from the portal: RSS 2.0 and Atom feeds of a unit's news
//! (all, or one category), the sitemap of every unit's page and every public article, and
//! `robots.txt`. Addresses are absolute, built from the request's host.

use askama::Template;
use axum::extract::{Path, Query, State};
use axum::http::{HeaderMap, header};
use axum::response::{IntoResponse, Response};
use dinh_platform::db::query;
use dinh_platform::web::{AppError, AppState};

use super::news::NewsQuery;
use super::{news_href, unit};
use crate::articles::{self, Article, Listing};

/// Articles a feed carries.
const FEED_SIZE: i64 = 30;
/// Most addresses a sitemap may list (the protocol's limit).
const SITEMAP_MAX: i64 = 50_000;

/// `https://host` of this request (`http` when cookies are not marked secure: a test or a
/// machine without TLS).
fn origin(state: &AppState, headers: &HeaderMap) -> String {
    let host = headers
        .get(header::HOST)
        .and_then(|v| v.to_str().ok())
        .filter(|h| {
            h.chars()
                .all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | ':' | '[' | ']'))
        })
        .unwrap_or("localhost");
    let scheme = if state.config.secure_cookies {
        "https"
    } else {
        "http"
    };
    format!("{scheme}://{host}")
}

/// An entry of a feed.
struct Entry {
    a: Article,
    url: String,
    rfc2822: String,
    rfc3339: String,
}

#[derive(Template)]
#[template(path = "portal/rss.xml", escape = "xml")]
struct Rss {
    title: String,
    link: String,
    self_url: String,
    entries: Vec<Entry>,
}

#[derive(Template)]
#[template(path = "portal/atom.xml", escape = "xml")]
struct Atom {
    title: String,
    link: String,
    self_url: String,
    id: String,
    updated: String,
    entries: Vec<Entry>,
}

async fn entries(
    state: &AppState,
    headers: &HeaderMap,
    code: &str,
    q: &NewsQuery,
) -> Result<(String, String, String, Vec<Entry>), AppError> {
    let unit = unit(state, code).await?;
    let base = origin(state, headers);
    let category = q.category();
    let (list, _) = articles::public_list(
        &state.db,
        &Listing {
            unit_id: unit.id,
            category,
            limit: FEED_SIZE,
            ..Listing::default()
        },
    )
    .await?;
    let title = match list.first().filter(|_| category.is_some()) {
        Some(a) => format!("{} · {}", a.category_vi, unit.name),
        None => format!("Tin tức · {}", unit.name),
    };
    let query = category
        .map(|c| format!("?chuyen-muc={c}"))
        .unwrap_or_default();
    let link = format!("{base}{}{query}", news_href(&unit.code));
    let entries = list
        .into_iter()
        .map(|a| {
            let at = a
                .published_at
                .as_deref()
                .and_then(|t| chrono::DateTime::parse_from_rfc3339(t).ok())
                .unwrap_or_default();
            Entry {
                url: format!("{base}{}", a.href()),
                rfc2822: at.to_rfc2822(),
                rfc3339: at.to_rfc3339(),
                a,
            }
        })
        .collect();
    Ok((title, link, query, entries))
}

/// `GET /units/{code}/tin-tuc/rss.xml[?chuyen-muc=…]`.
pub(crate) async fn rss(
    State(state): State<AppState>,
    headers: HeaderMap,
    Path(code): Path<String>,
    Query(q): Query<NewsQuery>,
) -> Result<Response, AppError> {
    let (title, link, query, entries) = entries(&state, &headers, &code, &q).await?;
    let self_url = format!(
        "{}{}/rss.xml{query}",
        origin(&state, &headers),
        news_href(&code)
    );
    let xml = Rss {
        title,
        link,
        self_url,
        entries,
    }
    .render()
    .map_err(|e| anyhow::anyhow!("rss: {e}"))?;
    Ok((
        [(header::CONTENT_TYPE, "application/rss+xml; charset=utf-8")],
        xml,
    )
        .into_response())
}

/// `GET /units/{code}/tin-tuc/atom.xml[?chuyen-muc=…]`.
pub(crate) async fn atom(
    State(state): State<AppState>,
    headers: HeaderMap,
    Path(code): Path<String>,
    Query(q): Query<NewsQuery>,
) -> Result<Response, AppError> {
    let (title, link, query, entries) = entries(&state, &headers, &code, &q).await?;
    let self_url = format!(
        "{}{}/atom.xml{query}",
        origin(&state, &headers),
        news_href(&code)
    );
    let updated = entries.first().map_or_else(
        || "2025-07-01T00:00:00+07:00".to_owned(),
        |e| e.rfc3339.clone(),
    );
    let xml = Atom {
        id: self_url.clone(),
        title,
        link,
        self_url,
        updated,
        entries,
    }
    .render()
    .map_err(|e| anyhow::anyhow!("atom: {e}"))?;
    Ok((
        [(header::CONTENT_TYPE, "application/atom+xml; charset=utf-8")],
        xml,
    )
        .into_response())
}

#[derive(Template)]
#[template(path = "portal/sitemap.xml", escape = "xml")]
struct Sitemap {
    urls: Vec<(String, Option<String>)>,
}

/// `GET /sitemap.xml`: the home page, every current unit's page, every public article (with
/// its day), up to the protocol's 50,000 addresses.
pub(crate) async fn sitemap(
    State(state): State<AppState>,
    headers: HeaderMap,
) -> Result<Response, AppError> {
    let base = origin(&state, &headers);
    let mut urls = vec![(format!("{base}/"), None)];
    let now = dinh_platform::time::now_rfc3339();
    let articles: Vec<(i64, String)> = state
        .db
        .fetch_all(
            &query(format!(
                "SELECT a.id, a.published_at FROM portal_articles a
                 WHERE {} ORDER BY a.published_at DESC LIMIT $2",
                articles::public_condition("$1")
            ))
            .bind(now.as_str())
            .bind(SITEMAP_MAX / 2),
        )
        .await?;
    let units: Vec<(String,)> = state
        .db
        .fetch_all(
            &query("SELECT code FROM units WHERE valid_to IS NULL ORDER BY depth, code LIMIT $1")
                .bind(SITEMAP_MAX / 2 - 1),
        )
        .await?;
    for (code,) in units {
        urls.push((
            format!("{base}/units/{}", dinh_platform::web::urlencode(&code)),
            None,
        ));
    }
    for (id, at) in articles {
        urls.push((
            format!("{base}{}", articles::href(id)),
            Some(at[..10].to_owned()),
        ));
    }
    let xml = Sitemap { urls }
        .render()
        .map_err(|e| anyhow::anyhow!("sitemap: {e}"))?;
    Ok((
        [(header::CONTENT_TYPE, "application/xml; charset=utf-8")],
        xml,
    )
        .into_response())
}

/// `GET /robots.txt`: public pages may be indexed; sign-in, work pages, the API and forms not.
pub(crate) async fn robots(State(state): State<AppState>, headers: HeaderMap) -> Response {
    let body = format!(
        "User-agent: *\nDisallow: /viec-cua-toi\nDisallow: /thong-bao\nDisallow: /admin\nDisallow: /login\nDisallow: /api/\nDisallow: /*/binh-luan\nAllow: /\n\nSitemap: {}/sitemap.xml\n",
        origin(&state, &headers)
    );
    ([(header::CONTENT_TYPE, "text/plain; charset=utf-8")], body).into_response()
}
