//! Every page has a door: the demo crawled from `/` by following links, as a visitor and as
//! each demo role from their work home, on both engines. Fails on any 5xx or broken link, on a
//! public page that answers an anonymous visitor but that no link from `/` reaches, and on a
//! work page a role needs that no link from its work home reaches.
#![allow(clippy::unwrap_used, clippy::expect_used, missing_docs)]

use std::collections::{BTreeMap, BTreeSet, VecDeque};

use axum::Router;
use axum::body::Body;
use axum::extract::{MatchedPath, Request};
use axum::http::{HeaderValue, StatusCode, header};
use axum::middleware::{self, Next};
use axum::response::Response;
use dinh_platform::config::Config;
use dinh_platform::testing::each_engine;
use dinh_platform::web::{AppState, router};
use http_body_util::BodyExt;
use tower::ServiceExt;

mod support;
use support::signed_in;

/// The demo commune: its pages, its thôn's and its province's are followed; other units'
/// pages are requested (a link must not be broken) but not read further.
const COMMUNE: &str = "00541";
const PROVINCE: &str = "01";
const MOST_PAGES: usize = 4000;
/// Addresses read per path with different queries (calendars link month to month without end).
const MOST_QUERIES_PER_PATH: usize = 3;

async fn record_route(req: Request, next: Next) -> Response {
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

struct Answer {
    status: StatusCode,
    route: Option<String>,
    location: Option<String>,
    html: Option<String>,
}

async fn get(app: &Router, uri: &str, cookie: Option<&str>) -> Answer {
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

#[derive(Default)]
struct Crawl {
    /// Every route reached with 200, with one address of it.
    routes: BTreeMap<String, String>,
    /// Every address answered 200.
    pages: BTreeSet<String>,
    failures: Vec<String>,
}

async fn crawl(app: &Router, start: &str, cookie: Option<&str>) -> Crawl {
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

/// Work pages each role must reach from its work home, by route.
const WORK_PAGES: &[(&str, &[&str])] = &[
    (
        "canbo.phudong@dinh.demo",
        &[
            "/units/{code}/disclosures/dashboard",
            "/units/{code}/disclosures/new",
            "/units/{code}/petitions",
            "/units/{code}/petitions/new",
            "/units/{code}/reception",
            "/units/{code}/community",
            "/matters/{id}/work",
            "/petitions/cases/{id}",
            "/units/{code}/households",
            "/households/{code}",
        ],
    ),
    (
        "bcd.phudong@dinh.demo",
        &[
            "/units/{code}/steering",
            "/steering/plans/{id}",
            "/steering/reports/{id}",
        ],
    ),
    (
        "0912000001",
        &[
            "/matters/{id}/work",
            "/units/{code}/households",
            "/households/{code}",
        ],
    ),
    ("0912000003", &["/units/{code}/disclosures/dashboard"]),
    (
        "quantri@dinh.demo",
        &["/admin/accounts", "/admin/accounts/{id}"],
    ),
];

#[tokio::test]
async fn every_page_has_a_door() {
    let dir = std::env::temp_dir().join(format!("dinh-crawl-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let registry = dinh::cli::registry(&dir).unwrap();
    each_engine(&registry, |db| {
        let registry = registry.clone();
        async move {
            let accounts = dinh_platform::demo::build(&db).await?;
            registry.demo(&db, dinh_platform::time::today_vn()).await?;
            let app = router(AppState::new(db.clone(), Config::default(), registry))
                .layer(middleware::from_fn(record_route));
            let mut failures = Vec::new();

            let public = crawl(&app, "/", None).await;
            failures.extend(public.failures.iter().cloned());
            for must in [
                "/petitions/submit",
                "/petitions/track",
                "/calendar",
                "/rules",
            ] {
                if !public.routes.contains_key(must) {
                    failures.push(format!("no link from / reaches {must}"));
                }
            }

            let mut work_routes: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
            for account in &accounts {
                let cookie = signed_in(&db, &account.login).await;
                let home = get(&app, dinh_platform::work::PATH, Some(&cookie)).await;
                if home.status != StatusCode::OK {
                    failures.push(format!(
                        "work home of {} answered {}",
                        account.login, home.status
                    ));
                    continue;
                }
                let work = crawl(&app, dinh_platform::work::PATH, Some(&cookie)).await;
                failures.extend(
                    work.failures
                        .iter()
                        .map(|f| format!("{}: {f}", account.login)),
                );
                // A page a signed-in person reached that also answers an anonymous visitor is
                // public: a link from / must reach its route too.
                for (route, uri) in &work.routes {
                    if public.routes.contains_key(route) {
                        continue;
                    }
                    if get(&app, uri, None).await.status == StatusCode::OK {
                        failures.push(format!(
                            "public page {uri} ({route}) is not reachable from /"
                        ));
                    }
                }
                work_routes.insert(account.login.clone(), work.routes.keys().cloned().collect());
            }
            for (login, routes) in WORK_PAGES {
                for route in *routes {
                    if !work_routes.get(*login).is_some_and(|r| r.contains(*route)) {
                        failures.push(format!(
                            "{login}: no link from the work home reaches {route}"
                        ));
                    }
                }
            }
            failures.sort();
            failures.dedup();
            assert!(
                failures.is_empty(),
                "{} problems:\n{}",
                failures.len(),
                failures.join("\n")
            );
            Ok(())
        }
    })
    .await;
    let _ = std::fs::remove_dir_all(&dir);
}
