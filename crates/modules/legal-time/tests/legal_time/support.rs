//! Test databases on both engines (as in the platform's tests) and requests without sockets.

use std::future::Future;
use std::path::PathBuf;
use std::sync::OnceLock;
use std::sync::atomic::{AtomicU64, Ordering};

use axum::body::Body;
use axum::http::{Request, StatusCode, header};
use dinh_legal_time::LegalTimeModule;
use dinh_platform::config::Config;
use dinh_platform::db::Db;
use dinh_platform::module::Registry;
use dinh_platform::units::UnitsModule;
use dinh_platform::web::{AppState, router};
use http_body_util::BodyExt;
use tower::ServiceExt;

/// The module over the shipped data only, built once.
pub fn shipped() -> LegalTimeModule {
    static MODULE: OnceLock<LegalTimeModule> = OnceLock::new();
    MODULE
        .get_or_init(|| LegalTimeModule::load(&temp_dir("empty")).unwrap())
        .clone()
}

pub fn registry(module: LegalTimeModule) -> Registry {
    Registry::default().with(UnitsModule).with(module)
}

/// A fresh directory under the system's temporary directory.
pub fn temp_dir(tag: &str) -> PathBuf {
    static N: AtomicU64 = AtomicU64::new(0);
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_nanos();
    let dir = std::env::temp_dir().join(format!(
        "dinh-lt-{tag}-{}-{nanos}-{}",
        std::process::id(),
        N.fetch_add(1, Ordering::Relaxed)
    ));
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// Runs `test` on a fresh, migrated database of each engine (the platform's harness).
pub async fn each_engine<F, Fut>(test: F)
where
    F: Fn(Db) -> Fut,
    Fut: Future<Output = anyhow::Result<()>>,
{
    dinh_platform::testing::each_engine(&registry(shipped()), test).await;
}

/// GETs `uri` through the whole router; `lang` "en" sets the language cookie.
pub async fn get(db: &Db, module: &LegalTimeModule, uri: &str, lang: &str) -> (StatusCode, String) {
    let app = router(AppState::new(
        db.clone(),
        Config::default(),
        registry(module.clone()),
    ));
    let mut req = Request::builder().method("GET").uri(uri);
    if lang == "en" {
        req = req.header(header::COOKIE, "dinh_lang=en");
    }
    let res = app.oneshot(req.body(Body::empty()).unwrap()).await.unwrap();
    let status = res.status();
    let body = res.into_body().collect().await.unwrap().to_bytes().to_vec();
    (status, String::from_utf8(body).unwrap())
}

/// The month grid cell of `iso` (from its `<time>` to the end of the cell).
pub fn cell<'a>(html: &'a str, iso: &str) -> &'a str {
    let start = html
        .find(&format!("datetime=\"{iso}\""))
        .unwrap_or_else(|| panic!("no cell for {iso}"));
    let rest = &html[start..];
    &rest[..rest.find("</td>").unwrap()]
}
