//! Reading the demo's pages in process by following links, as a visitor or as a signed-in
//! person: shared by the crawl (every page has a door) and the browser walk (every page kind).
#![allow(dead_code)] // each test file that includes the support uses a part of it

use std::collections::{BTreeMap, BTreeSet, VecDeque};

use axum::Router;
use axum::body::Body;
use axum::extract::{MatchedPath, Request};
use axum::http::{HeaderValue, StatusCode, header};
use axum::middleware::Next;
use axum::response::Response;
use http_body_util::BodyExt;
use tower::ServiceExt;

/// The demo commune: its pages, its thôn's and its province's are followed; other units'
/// pages are requested (a link must not be broken) but not read further.
pub const COMMUNE: &str = "00541";
pub const PROVINCE: &str = "01";
const MOST_PAGES: usize = 4000;
/// Addresses read per path with different queries (calendars link month to month without end).
const MOST_QUERIES_PER_PATH: usize = 3;

/// Names the matched route in an `x-route` header, so the crawl knows the kind of each page.
pub async fn record_route(req: Request, next: Next) -> Response {
    let pattern = req
        .extensions()
        .get::<MatchedPath>()
        .map(|m| m.as_str().to_owned());
    let mut res = next.run(req).await;
    if let Some(p) = pattern.and_then(|p| HeaderValue::from_str(&p).ok()) {
        res.headers_mut().insert("x-route", p);
    }
    res
}

/// One answer read in full.
pub struct Answer {
    pub status: StatusCode,
    pub route: Option<String>,
    pub location: Option<String>,
    pub html: Option<String>,
}

/// `GET uri`, with the session cookie if any.
pub async fn get(app: &Router, uri: &str, cookie: Option<&str>) -> Answer {
    let mut req = Request::get(uri);
    if let Some(c) = cookie {
        req = req.header(header::COOKIE, c);
    }
    let res = app
        .clone()
        .oneshot(req.body(Body::empty()).unwrap())
        .await
        .unwrap();
    let status = res.status();
    let header_text = |name: &str| {
        res.headers()
            .get(name)
            .and_then(|v| v.to_str().ok())
            .map(str::to_owned)
    };
    let route = header_text("x-route");
    let location = header_text("location");
    let is_html = header_text("content-type").is_some_and(|t| t.starts_with("text/html"));
    let body = res.into_body().collect().await.unwrap().to_bytes();
    Answer {
        status,
        route,
        location,
        html: is_html.then(|| String::from_utf8_lossy(&body).into_owned()),
    }
}

/// The local links of a page (fragments dropped, `&amp;` read back).
fn links(html: &str) -> Vec<String> {
    html.split("href=\"")
        .skip(1)
        .filter_map(|rest| rest.split('"').next())
        .map(|h| h.replace("&amp;", "&").replace("&#x2F;", "/"))
        .map(|h| h.split('#').next().unwrap_or_default().to_owned())
        .filter(|h| h.starts_with('/') && !h.starts_with("//"))
        .collect()
}

/// Whether a page's links are read: the demo commune, its thôn and its province, and every
/// page that is not a unit's.
fn read_further(uri: &str) -> bool {
    let Some(rest) = uri.strip_prefix("/units/") else {
        return !uri.starts_with("/lang/") && !uri.starts_with("/login");
    };
    let code = rest.split(['/', '?', '.']).next().unwrap_or_default();
    code == PROVINCE || code == COMMUNE || code.starts_with(&format!("{COMMUNE}-"))
}

/// What a crawl found.
#[derive(Default)]
pub struct Crawl {
    /// Every route reached with 200, with one address of it.
    pub routes: BTreeMap<String, String>,
    /// Every route reached with 200 and an HTML page, with one address of it.
    pub html_routes: BTreeMap<String, String>,
    /// Every address answered 200.
    pub pages: BTreeSet<String>,
    pub failures: Vec<String>,
}

/// Every page reached from `start` by following links, breadth first.
pub async fn crawl(app: &Router, start: &str, cookie: Option<&str>) -> Crawl {
    let mut out = Crawl::default();
    let mut seen: BTreeSet<String> = BTreeSet::new();
    let mut per_path: BTreeMap<String, usize> = BTreeMap::new();
    let mut queue: VecDeque<(String, String)> = VecDeque::from([(start.to_owned(), "-".into())]);
    seen.insert(start.to_owned());
    while let Some((uri, from)) = queue.pop_front() {
        if seen.len() > MOST_PAGES {
            out.failures
                .push(format!("more than {MOST_PAGES} pages: the crawl stopped"));
            break;
        }
        let answer = get(app, &uri, cookie).await;
        let status = answer.status;
        if status.is_server_error() || status == StatusCode::NOT_FOUND {
            out.failures
                .push(format!("{uri} (linked from {from}) answered {status}"));
            continue;
        }
        let mut next = Vec::new();
        if status.is_redirection() {
            next.extend(answer.location.clone());
        }
        if status == StatusCode::OK {
            out.pages.insert(uri.clone());
            if let Some(route) = answer.route {
                if answer.html.is_some() {
                    out.html_routes
                        .entry(route.clone())
                        .or_insert_with(|| uri.clone());
                }
                out.routes.entry(route).or_insert_with(|| uri.clone());
            }
            if read_further(&uri) {
                next.extend(answer.html.as_deref().map(links).unwrap_or_default());
            }
        }
        for link in next {
            let path = link.split('?').next().unwrap_or_default().to_owned();
            // Households are hundreds of pages of one kind: a few of them are enough.
            let household = path.starts_with("/households/");
            let key = if household {
                "/households/".to_owned()
            } else {
                path
            };
            let variants = per_path.entry(key).or_default();
            if *variants >= MOST_QUERIES_PER_PATH && (household || link.contains('?')) {
                continue;
            }
            if !link.starts_with("/lang/") && seen.insert(link.clone()) {
                *variants += 1;
                queue.push_back((link, uri.clone()));
            }
        }
    }
    out
}
