//! Every page has a door: the demo crawled from `/` by following links, as a visitor and as
//! each demo role from their work home, on both engines. Fails on any 5xx or broken link, on a
//! public page that answers an anonymous visitor but that no link from `/` reaches, and on a
//! work page a role needs that no link from its work home reaches.
#![allow(clippy::unwrap_used, clippy::expect_used, missing_docs)]

use std::collections::{BTreeMap, BTreeSet};

use axum::http::StatusCode;
use axum::middleware;
use dinh_platform::config::Config;
use dinh_platform::testing::each_engine;
use dinh_platform::web::{AppState, router};

mod support;
use support::crawl::{crawl, get, record_route};
use support::signed_in;

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
            "/thong-bao",
            "/thong-bao/cai-dat",
            "/units/{code}/tin-tuc/quan-ly",
            "/units/{code}/tin-tuc/moi",
            "/tin-tuc/{id}/sua",
            "/units/{code}/binh-luan",
            "/units/{code}/tham-do/moi",
            "/units/{code}/consultations/work",
            "/units/{code}/consultations/new",
            "/consultations/{id}/work",
            "/units/{code}/oversight/work",
            "/oversight/recommendations/{id}/work",
            "/units/{code}/works/work",
            "/works/{id}/work",
            "/works/{id}/households/{household}",
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
            "/units/{code}/works/work",
            "/works/{id}/work",
            "/units/{code}/emulation/work",
            "/emulation/{id}/work",
        ],
    ),
    ("0912000004", &["/works/{id}/households/{household}"]),
    (
        "danvan.phudong@dinh.demo",
        &[
            "/units/{code}/emulation/work",
            "/emulation/{id}/work",
            "/emulation/models/{id}/work",
        ],
    ),
    (
        "0912000003",
        &[
            "/units/{code}/disclosures/dashboard",
            "/units/{code}/oversight/work",
            "/oversight/recommendations/{id}/work",
        ],
    ),
    (
        "quantri@dinh.demo",
        &[
            "/admin/accounts",
            "/admin/accounts/{id}",
            "/units/{code}/contact",
        ],
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
                "/units/{code}/tin-tuc",
                "/tin-tuc/{id}",
                "/tin-tuc/{id}/binh-luan",
                "/units/{code}/tham-do",
                "/tham-do/{id}",
                "/units/{code}/tin-tuc/rss.xml",
                "/search",
                "/units/{code}/consultations",
                "/consultations/{id}",
                "/consultations/{id}/parts/{number}",
                "/consultations/{id}/comment",
                "/consultations/{id}/synthesis",
                "/units/{code}/oversight",
                "/oversight/boards/{id}",
                "/oversight/projects/{id}",
                "/oversight/activities/{id}",
                "/oversight/recommendations/{id}",
                "/consultations/{id}/versions",
                "/consultations/{id}/versions/{number}",
                "/consultations/{id}/diff",
                "/units/{code}/works",
                "/works/{id}",
                "/units/{code}/emulation",
                "/units/{code}/emulation/awards",
                "/emulation/{id}",
                "/emulation/models/{id}",
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
