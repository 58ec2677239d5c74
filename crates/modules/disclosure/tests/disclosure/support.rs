//! The test world: two communes of one province, an officer, a village head, an officer of
//! the other commune; helpers to publish, count rows and call the router.

use axum::body::Body;
use axum::http::{Request, StatusCode, header};
use chrono::NaiveDate;
use dinh_disclosure::DisclosureModule;
use dinh_disclosure::store::{self, Actor, Draft, StoreError, Upload};
use dinh_legal_time::LegalTimeModule;
use dinh_platform::accounts::{Principal, Role, store as accounts};
use dinh_platform::config::Config;
use dinh_platform::db::{Db, query};
use dinh_platform::module::Registry;
use dinh_platform::units::{Unit, UnitsModule, import_units};
use dinh_platform::web::{AppState, router};
use http_body_util::BodyExt;
use tower::ServiceExt;
pub fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

pub fn module() -> DisclosureModule {
    DisclosureModule::new(&LegalTimeModule::load(std::path::Path::new("/nonexistent")).unwrap())
}

pub fn registry() -> Registry {
    Registry::default().with(UnitsModule).with(module())
}

pub const UNITS: &str = "code,name,kind,parent_code
91,Tỉnh Thử,tỉnh,
91001,Xã Thử Một,xã,91
91001-01,Thôn Đông,thôn,91001
91001-02,Thôn Tây,thôn,91001
91001-03,Thôn Nam,thôn,91001
91002,Xã Thử Hai,xã,91
91002-01,Thôn Bắc,thôn,91002
";

pub struct World {
    pub commune: Unit,
    pub officer: Principal,
    pub head: Principal,
    pub stranger: Principal,
    pub dir: std::path::PathBuf,
}

pub async fn person(db: &Db, login: &str, role: Role, unit: &str) -> Principal {
    let id = accounts::create_account(db, login, login, "mat-khau-thu-2026", "test")
        .await
        .unwrap();
    accounts::grant(db, login, role, Some(unit), "test")
        .await
        .unwrap();
    accounts::principal(db, id).await.unwrap().unwrap()
}

pub async fn world(db: &Db) -> World {
    import_units(db, UNITS.as_bytes(), "test").await.unwrap();
    let dir = std::env::temp_dir().join(format!("dinh-disclosure-{:x}", rand::random::<u64>()));
    std::fs::create_dir_all(&dir).unwrap();
    World {
        commune: dinh_platform::units::store::by_code(db, "91001")
            .await
            .unwrap()
            .unwrap(),
        officer: person(db, "canbo@thu.vn", Role::CommuneOfficer, "91001").await,
        head: person(db, "0912111222", Role::VillageHead, "91001-01").await,
        stranger: person(db, "canbo@khac.vn", Role::CommuneOfficer, "91002").await,
        dir,
    }
}

pub fn draft(category: u32, decided: NaiveDate, published: NaiveDate) -> Draft {
    Draft {
        category,
        title: format!("Thông tin nội dung {category}"),
        body: "Nội dung".into(),
        doc_number: "12/QĐ-UBND".into(),
        doc_date: decided,
        doc_issuer: "UBND xã Thử Một".into(),
        decided_on: None,
        published_on: published,
        period_from: None,
        period_to: None,
        recurring: None,
    }
}

pub async fn publish(
    db: &Db,
    w: &World,
    draft: Draft,
    files: Vec<Upload>,
) -> Result<i64, StoreError> {
    store::publish(
        db,
        &module(),
        &w.dir,
        1024 * 1024,
        Actor::Person(&w.officer),
        &w.commune,
        draft,
        files,
    )
    .await
}

pub async fn count(db: &Db, table: &str) -> i64 {
    db.scalar(&query(format!(
        "SELECT CAST(COUNT(*) AS BIGINT) FROM {table}"
    )))
    .await
    .unwrap()
}

pub async fn get(db: &Db, uri: &str) -> (StatusCode, Vec<u8>, String) {
    let app = router(AppState::new(db.clone(), Config::default(), registry()));
    let res = app
        .oneshot(Request::builder().uri(uri).body(Body::empty()).unwrap())
        .await
        .unwrap();
    let status = res.status();
    let ct = res
        .headers()
        .get(header::CONTENT_TYPE)
        .map(|v| v.to_str().unwrap().to_owned())
        .unwrap_or_default();
    (
        status,
        res.into_body().collect().await.unwrap().to_bytes().to_vec(),
        ct,
    )
}

/// A multipart body with text fields and one file.
pub fn multipart(fields: &[(&str, &str)], file: Option<(&str, &str, &[u8])>) -> (String, Vec<u8>) {
    let boundary = "dinh-test-boundary";
    let mut body = Vec::new();
    for (name, value) in fields {
        body.extend_from_slice(
            format!(
                "--{boundary}\r\nContent-Disposition: form-data; name=\"{name}\"\r\n\r\n{value}\r\n"
            )
            .as_bytes(),
        );
    }
    if let Some((name, file_name, bytes)) = file {
        body.extend_from_slice(
            format!("--{boundary}\r\nContent-Disposition: form-data; name=\"{name}\"; filename=\"{file_name}\"\r\nContent-Type: application/octet-stream\r\n\r\n").as_bytes(),
        );
        body.extend_from_slice(bytes);
        body.extend_from_slice(b"\r\n");
    }
    body.extend_from_slice(format!("--{boundary}--\r\n").as_bytes());
    (format!("multipart/form-data; boundary={boundary}"), body)
}
