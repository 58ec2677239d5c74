//! Every page kind in a real browser (Debian's Chromium through ChromeDriver), on a 360 px
//! phone, on both engines: public pages as a visitor and work pages as each demo role, signed
//! in through the sign-in form. On each page axe-core finds no WCAG 2.1 A/AA violation, the page
//! is no wider than the screen, no heading is empty, no date field is left to the browser's own
//! format, and the page carries no script (so it works with JavaScript off). Then a citizen's
//! and an officer's main tasks are done by clicking from `/` and from the work home, in a
//! browser whose JavaScript is switched off. A failing page is saved as a screenshot whose
//! path the failure names.
//!
//! Needs `chromium` and `chromedriver` (Debian's `chromium` and `chromium-driver`) and axe-core
//! from `crates/dinh/tests/browser/` (`npm ci` there); `.ci/run` installs them. Set
//! `DINH_SKIP_BROWSER=1` to skip this file where no browser can be installed.
#![allow(clippy::unwrap_used, clippy::expect_used, missing_docs)]

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use axum::middleware;
use dinh_platform::config::Config;
use dinh_platform::demo::DEMO_PASSWORD;
use dinh_platform::testing::each_engine;
use dinh_platform::web::{AppState, router};
use fantoccini::{Client, ClientBuilder, Locator};
use serde_json::{Value, json};

mod support;
use support::crawl::{crawl, record_route};
use support::signed_in;

#[path = "browser/walk.rs"]
mod walk;

/// The phone the pages must fit: the narrowest common Android screen.
const PHONE_WIDTH: i64 = 360;

/// The longest a page may take to open and be checked.
const PAGE_TIMEOUT: Duration = Duration::from_secs(60);

/// The longest the citizen's and officer's tasks may take together.
const TASKS_TIMEOUT: Duration = Duration::from_secs(180);

/// ChromeDriver on a free port, stopped when dropped.
struct Driver {
    child: Child,
    url: String,
}

impl Drop for Driver {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn program(env: &str, default: &str) -> String {
    std::env::var(env).unwrap_or_else(|_| default.to_owned())
}

fn start_driver() -> Driver {
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .map(|a| a.port())
        .unwrap();
    let exe = program("DINH_CHROMEDRIVER", "chromedriver");
    let child = Command::new(&exe)
        .arg(format!("--port={port}"))
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap_or_else(|e| {
            panic!(
                "{exe} could not start ({e}): install Debian's chromium and chromium-driver \
                 (.ci/run does), or set DINH_SKIP_BROWSER=1"
            )
        });
    let url = format!("http://127.0.0.1:{port}");
    let deadline = Instant::now() + Duration::from_secs(20);
    while std::net::TcpStream::connect(("127.0.0.1", port)).is_err() {
        assert!(Instant::now() < deadline, "{exe} did not listen on {port}");
        std::thread::sleep(Duration::from_millis(100));
    }
    Driver { child, url }
}

/// axe-core's script, from the pinned npm package.
fn axe_source() -> String {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/browser/node_modules/axe-core/axe.min.js");
    std::fs::read_to_string(&path).unwrap_or_else(|e| {
        panic!(
            "{} ({e}): run `npm ci` in crates/dinh/tests/browser (.ci/run does)",
            path.display()
        )
    })
}

/// A new browser: a phone 360 px wide, in Vietnamese.
async fn browser(driver: &Driver) -> Client {
    let profile = std::env::temp_dir().join(format!(
        "dinh-chromium-{}-{}",
        std::process::id(),
        rand_suffix()
    ));
    let args = vec![
        "--headless=new".to_owned(),
        "--no-sandbox".to_owned(),
        "--disable-gpu".to_owned(),
        "--disable-quic".to_owned(),
        "--no-first-run".to_owned(),
        "--disable-background-networking".to_owned(),
        "--disable-component-update".to_owned(),
        "--disable-sync".to_owned(),
        "--disable-dev-shm-usage".to_owned(),
        "--lang=vi".to_owned(),
        format!("--user-data-dir={}", profile.display()),
    ];
    let options = json!({
        "binary": program("DINH_CHROMIUM", "/usr/bin/chromium"),
        "args": args,
        "mobileEmulation": {
            "deviceMetrics": {"width": PHONE_WIDTH, "height": 780, "pixelRatio": 2.0,
                              "mobile": true, "touch": true}
        },
    });
    let mut caps = serde_json::Map::new();
    caps.insert("browserName".into(), json!("chrome"));
    caps.insert("goog:chromeOptions".into(), options);
    ClientBuilder::new(hyper_util::client::legacy::connect::HttpConnector::new())
        .capabilities(caps)
        .connect(&driver.url)
        .await
        .expect("ChromeDriver opens a session")
}

fn rand_suffix() -> u64 {
    use std::sync::atomic::{AtomicU64, Ordering};
    static NEXT: AtomicU64 = AtomicU64::new(0);
    NEXT.fetch_add(1, Ordering::Relaxed)
}

/// Where screenshots of failing pages go.
fn shots_dir() -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("browser");
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// Saves what the browser shows and returns the file's path.
async fn screenshot(c: &Client, name: &str) -> String {
    let file: String = name
        .chars()
        .map(|ch| if ch.is_ascii_alphanumeric() { ch } else { '_' })
        .collect();
    let path = shots_dir().join(format!("{file}.png"));
    match c.screenshot().await {
        Ok(png) => {
            let _ = std::fs::write(&path, png);
            path.display().to_string()
        }
        Err(e) => format!("(no screenshot: {e})"),
    }
}

/// The checks every page passes, as a script: what is wider than the phone (the innermost
/// elements that stick out), empty headings, and date fields left to the browser.
const LAYOUT_CHECKS: &str = r#"
const width = document.documentElement.scrollWidth;
const out = [];
if (width > arguments[0]) {
  const wide = [...document.body.querySelectorAll('*')].filter(e => {
    const r = e.getBoundingClientRect();
    return r.right > arguments[0] + 1 && r.width > 0;
  });
  const innermost = wide.filter(e => !wide.some(o => o !== e && e.contains(o)));
  out.push('page is ' + width + ' px wide: ' + innermost.slice(0, 4).map(e =>
    e.tagName.toLowerCase() + (e.className ? '.' + String(e.className).split(' ').join('.') : '')
    + ' (' + Math.round(e.getBoundingClientRect().right) + ' px) "'
    + (e.textContent || '').trim().slice(0, 30) + '"').join('; '));
}
for (const h of document.querySelectorAll('h1,h2,h3,h4,h5,h6')) {
  if (!h.textContent.trim()) out.push('empty heading <' + h.tagName.toLowerCase() + '>');
}
if (document.scripts.length > 0) {
  out.push('the page carries ' + document.scripts.length + ' script(s): it must work without them');
}
for (const e of document.querySelectorAll('*')) {
  for (const a of e.attributes) {
    if (a.name.startsWith('on') || /^\s*javascript:/i.test(a.value)) {
      out.push('<' + e.tagName.toLowerCase() + ' ' + a.name + '> runs a script: it must work without it');
    }
  }
}
for (const i of document.querySelectorAll('input[type=date]')) {
  out.push('date field ' + (i.name || i.id) + ' shows the browser\'s own format');
}
return out;
"#;

/// axe-core over the page, WCAG 2.1 A and AA rules; each violation with a few of its nodes.
const AXE_RUN: &str = r#"
const done = arguments[arguments.length - 1];
axe.run(document, {runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']}})
  .then(r => done(r.violations.map(v => v.id + ' (' + v.impact + '): ' + v.nodes.slice(0, 3)
    .map(n => n.target.join(' ')).join(' | '))))
  .catch(e => done(['axe failed: ' + e]));
"#;

fn strings(v: Value) -> Vec<String> {
    v.as_array()
        .map(|a| {
            a.iter()
                .filter_map(|x| x.as_str().map(str::to_owned))
                .collect()
        })
        .unwrap_or_default()
}

/// Opens `uri` and checks it; each problem is named with the page and who saw it.
async fn check_page(c: &Client, base: &str, who: &str, uri: &str, axe: &str) -> Vec<String> {
    if let Err(e) = c.goto(&format!("{base}{uri}")).await {
        return vec![format!("{who} {uri}: could not open ({e})")];
    }
    let mut problems = match c.execute(LAYOUT_CHECKS, vec![json!(PHONE_WIDTH)]).await {
        Ok(v) => strings(v),
        Err(e) => vec![format!("layout checks failed: {e}")],
    };
    let axe_script = format!("{axe}\n{AXE_RUN}");
    match c.execute_async(&axe_script, vec![]).await {
        Ok(v) => problems.extend(strings(v)),
        Err(e) => problems.push(format!("axe-core did not run: {e}")),
    }
    if problems.is_empty() {
        return problems;
    }
    let shot = screenshot(c, &format!("{who}{uri}")).await;
    problems
        .into_iter()
        .map(|p| format!("{who} {uri}: {p} [screenshot {shot}]"))
        .collect()
}

/// Signs in through the sign-in form, as a person would.
async fn sign_in(c: &Client, base: &str, login: &str) -> anyhow::Result<()> {
    c.delete_all_cookies().await?;
    c.goto(&format!("{base}/login")).await?;
    c.find(Locator::Id("login")).await?.send_keys(login).await?;
    c.find(Locator::Id("password"))
        .await?
        .send_keys(DEMO_PASSWORD)
        .await?;
    submit(c, "form[action='/login'] button").await?;
    let url = c.current_url().await?;
    anyhow::ensure!(
        url.path() == dinh_platform::work::PATH,
        "{login}: signing in led to {url}, not the work home"
    );
    Ok(())
}

/// Clicks the button `css` and waits for the page it leads to (the old page goes stale).
async fn submit(c: &Client, css: &str) -> anyhow::Result<()> {
    let old = c.find(Locator::Css("html")).await?;
    let here = c.current_url().await?;
    c.find(Locator::Css(css))
        .await
        .map_err(|e| anyhow::anyhow!("no {css} on {here}: {e}"))?
        .click()
        .await?;
    let deadline = Instant::now() + Duration::from_secs(30);
    while old.tag_name().await.is_ok() {
        anyhow::ensure!(
            Instant::now() < deadline,
            "{css} on {here} led nowhere in 30 s"
        );
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    Ok(())
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_page_kind_in_a_phone_browser() {
    if std::env::var_os("DINH_SKIP_BROWSER").is_some() {
        eprintln!("DINH_SKIP_BROWSER is set: the browser walk is skipped");
        return;
    }
    let axe = axe_source();
    let driver = start_driver();
    let dir = std::env::temp_dir().join(format!("dinh-browser-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let registry = dinh::cli::registry(&dir).unwrap();
    each_engine(&registry, |db| {
        let registry = registry.clone();
        let axe = axe.clone();
        let driver = &driver;
        async move {
            let accounts = dinh_platform::demo::build(&db).await?;
            registry.demo(&db, dinh_platform::time::today_vn()).await?;
            let app = router(AppState::new(db.clone(), Config::default(), registry));
            // The pages to open: one address of every route, found in process (fast) by the
            // same crawl that proves every page has a door.
            let routed = app.clone().layer(middleware::from_fn(record_route));
            let mut pages: BTreeMap<String, BTreeMap<String, String>> = BTreeMap::new();
            pages.insert(String::new(), crawl(&routed, "/", None).await.html_routes);
            for account in &accounts {
                let cookie = signed_in(&db, &account.login).await;
                let work = crawl(&routed, dinh_platform::work::PATH, Some(&cookie)).await;
                pages.insert(account.login.clone(), work.html_routes);
            }

            let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await?;
            let base = format!("http://{}", listener.local_addr()?);
            let server = tokio::spawn(axum::serve(listener, app).into_future());

            let c = browser(driver).await;
            let mut failures = Vec::new();
            let mut checked = 0;
            // DINH_BROWSER_TASKS_ONLY: only the tasks (when looking into one of them).
            if std::env::var_os("DINH_BROWSER_TASKS_ONLY").is_some() {
                pages.clear();
            }
            for (who, routes) in &pages {
                let name = if who.is_empty() { "visitor" } else { who };
                if !who.is_empty()
                    && let Err(e) = sign_in(&c, &base, who).await
                {
                    failures.push(format!("{e:#}"));
                    continue;
                }
                for uri in routes.values() {
                    let started = Instant::now();
                    match tokio::time::timeout(PAGE_TIMEOUT, check_page(&c, &base, name, uri, &axe))
                        .await
                    {
                        Ok(problems) => {
                            if std::env::var_os("DINH_BROWSER_VERBOSE").is_some() {
                                for p in &problems {
                                    eprintln!("problem: {p}");
                                }
                            }
                            failures.extend(problems);
                        }
                        Err(_) => failures.push(format!(
                            "{name} {uri}: not checked within {} s",
                            PAGE_TIMEOUT.as_secs()
                        )),
                    }
                    if std::env::var_os("DINH_BROWSER_VERBOSE").is_some() {
                        eprintln!("{name} {uri}: {} ms", started.elapsed().as_millis());
                    }
                    checked += 1;
                }
            }
            eprintln!("browser: {checked} pages checked at {PHONE_WIDTH} px");

            // The tasks, done by clicking.
            match tokio::time::timeout(TASKS_TIMEOUT, walk::tasks(&c, &base)).await {
                Ok(problems) => failures.extend(problems),
                Err(_) => failures.push(format!(
                    "the tasks were not done within {} s",
                    TASKS_TIMEOUT.as_secs()
                )),
            }
            c.close().await?;
            server.abort();
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
