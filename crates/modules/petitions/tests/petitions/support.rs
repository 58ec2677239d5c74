//! A small tree, accounts with roles, signed-in requests without sockets.

use std::future::Future;
use std::sync::OnceLock;

use axum::body::Body;
use axum::http::{Request, StatusCode, header};
use chrono::NaiveDate;
use dinh_calendar::HolidayCalendar;
use dinh_petitions::PetitionsModule;
use dinh_petitions::kinds::{CaseKind, Channel};
use dinh_petitions::protect::{Identity, ProtectionKey};
use dinh_petitions::store::cases::{self, NewCase, Receipt};
use dinh_platform::accounts::{Principal, Role, session, store};
use dinh_platform::config::Config;
use dinh_platform::db::Db;
use dinh_platform::module::Registry;
use dinh_platform::units::{Unit, UnitsModule};
use dinh_platform::web::{AppState, router};
use dinh_rules::RuleBook;
use http_body_util::BodyExt;
use tower::ServiceExt;

pub const PASSWORD: &str = "mat-khau-thu-nghiem-2026";
/// The denouncer's name used by the leak tests: it must never appear outside the sealed store.
pub const SECRET_NAME: &str = "Trịnh Văn Kín Đáo";
pub const SECRET_ADDRESS: &str = "Số 99 ngõ Bí Mật";

pub fn module() -> PetitionsModule {
    static M: OnceLock<PetitionsModule> = OnceLock::new();
    M.get_or_init(|| {
        PetitionsModule::new(
            HolidayCalendar::shipped().unwrap(),
            RuleBook::shipped().unwrap(),
            ProtectionKey::from_bytes([9; 32]),
        )
    })
    .clone()
}

pub fn registry(m: PetitionsModule) -> Registry {
    Registry::default().with(UnitsModule).with(m)
}

pub async fn each_engine<F, Fut>(test: F)
where
    F: Fn(Db) -> Fut,
    Fut: Future<Output = anyhow::Result<()>>,
{
    dinh_platform::testing::each_engine(&registry(module()), test).await;
}

pub fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

/// Province P; communes C1, C2; thôn T1 in C1.
pub const TREE: &str = "code,name,kind,parent_code
P,Tỉnh Thử Nghiệm,tỉnh,
C1,Xã Một,xã,P
C2,Xã Hai,xã,P
T1,Thôn Một,thôn,C1
";

/// Accounts: `handler` and `officer` (commune officers of C1), `outsider` (officer of C2),
/// `inspector` (inspection board of C1), `head` (village head of T1).
pub async fn world(db: &Db) -> anyhow::Result<()> {
    dinh_platform::units::import_units(db, TREE.as_bytes(), "test").await?;
    for (login, role, unit) in [
        ("handler@test.vn", Role::CommuneOfficer, "C1"),
        ("officer@test.vn", Role::CommuneOfficer, "C1"),
        ("outsider@test.vn", Role::CommuneOfficer, "C2"),
        ("inspector@test.vn", Role::InspectionBoardMember, "C1"),
        ("head@test.vn", Role::VillageHead, "T1"),
    ] {
        store::create_account(db, login, login, PASSWORD, "test").await?;
        store::grant(db, login, role, Some(unit), "test").await?;
    }
    Ok(())
}

pub async fn unit(db: &Db, code: &str) -> Unit {
    dinh_platform::units::store::by_code(db, code)
        .await
        .unwrap()
        .unwrap()
}

pub async fn principal(db: &Db, login: &str) -> Principal {
    let id: i64 = db
        .scalar(&dinh_platform::db::query("SELECT id FROM accounts WHERE login = $1").bind(login))
        .await
        .unwrap();
    store::principal(db, id).await.unwrap().unwrap()
}

/// A signed-in visitor: cookie header and CSRF token.
pub struct Visitor {
    pub cookie: Option<String>,
    pub csrf: String,
}

pub async fn sign_in(db: &Db, login: Option<&str>) -> Visitor {
    let account = match login {
        Some(l) => Some(principal(db, l).await.account_id),
        None => None,
    };
    let (token, s) = session::create(db, account, 1).await.unwrap();
    Visitor {
        cookie: Some(format!("dinh_session={token}")),
        csrf: s.csrf_token,
    }
}

pub fn nobody() -> Visitor {
    Visitor {
        cookie: None,
        csrf: String::new(),
    }
}

pub async fn call(
    db: &Db,
    v: &Visitor,
    method: &str,
    uri: &str,
    form: Option<&str>,
) -> (StatusCode, String) {
    call_with(db, v, method, uri, form, None).await
}

pub async fn call_with(
    db: &Db,
    v: &Visitor,
    method: &str,
    uri: &str,
    body: Option<&str>,
    content_type: Option<&str>,
) -> (StatusCode, String) {
    let (status, _, bytes) = send(
        db,
        &Config::default(),
        v,
        method,
        uri,
        body.map(|b| b.as_bytes().to_vec()),
        content_type,
        &[],
    )
    .await;
    (status, String::from_utf8_lossy(&bytes).into_owned())
}

/// The reverse proxy requests carrying `x-forwarded-for` come through in [`send`].
pub const PROXY: [u8; 4] = [10, 0, 0, 1];

/// A request under `config`, with extra headers; answers status, headers and body bytes. A
/// request with an `x-forwarded-for` header arrives from the connection [`PROXY`].
#[allow(clippy::too_many_arguments)]
pub async fn send(
    db: &Db,
    config: &Config,
    v: &Visitor,
    method: &str,
    uri: &str,
    body: Option<Vec<u8>>,
    content_type: Option<&str>,
    headers: &[(&str, &str)],
) -> (StatusCode, axum::http::HeaderMap, Vec<u8>) {
    let app = router(AppState::new(
        db.clone(),
        config.clone(),
        registry(module()),
    ));
    let mut req = Request::builder().method(method).uri(uri);
    if let Some(c) = &v.cookie {
        req = req.header(header::COOKIE, c);
    }
    for (k, val) in headers {
        req = req.header(*k, *val);
    }
    let body = match body {
        Some(b) => {
            req = req.header(
                header::CONTENT_TYPE,
                content_type.unwrap_or("application/x-www-form-urlencoded"),
            );
            Body::from(b)
        }
        None => Body::empty(),
    };
    let mut req = req.body(body).unwrap();
    if headers
        .iter()
        .any(|(k, _)| k.eq_ignore_ascii_case("x-forwarded-for"))
    {
        req.extensions_mut()
            .insert(axum::extract::ConnectInfo(std::net::SocketAddr::from((
                PROXY, 40_000,
            ))));
    }
    let res = app.oneshot(req).await.unwrap();
    let status = res.status();
    let headers = res.headers().clone();
    let bytes = res.into_body().collect().await.unwrap().to_bytes().to_vec();
    (status, headers, bytes)
}

/// The boundary of [`multipart`] bodies.
pub const BOUNDARY: &str = "dinh-test-boundary-7MA4YWxkTrZu0gW";

/// A `multipart/form-data` body: text fields, then files as (field, file name, bytes).
pub fn multipart(fields: &[(&str, &str)], files: &[(&str, &str, &[u8])]) -> Vec<u8> {
    let mut out = Vec::new();
    for (k, v) in fields {
        out.extend_from_slice(
            format!("--{BOUNDARY}\r\nContent-Disposition: form-data; name=\"{k}\"\r\n\r\n{v}\r\n")
                .as_bytes(),
        );
    }
    for (k, name, bytes) in files {
        out.extend_from_slice(
            format!("--{BOUNDARY}\r\nContent-Disposition: form-data; name=\"{k}\"; filename=\"{name}\"\r\nContent-Type: application/octet-stream\r\n\r\n")
                .as_bytes(),
        );
        out.extend_from_slice(bytes);
        out.extend_from_slice(b"\r\n");
    }
    out.extend_from_slice(format!("--{BOUNDARY}--\r\n").as_bytes());
    out
}

/// The content type of [`multipart`] bodies.
pub fn multipart_type() -> String {
    format!("multipart/form-data; boundary={BOUNDARY}")
}

/// A configuration whose data directory is a fresh temporary directory.
pub fn temp_config() -> Config {
    let dir = std::env::temp_dir().join(format!(
        "dinh-petitions-test-{}",
        dinh_platform::db::ids::next_id()
    ));
    std::fs::create_dir_all(&dir).unwrap();
    Config {
        data_dir: dir,
        ..Config::default()
    }
}

/// Files in the petitions' file directory (any `.part` left behind included).
pub fn files_on_disk(config: &Config) -> Vec<String> {
    let dir = config.data_dir.join("petition-files");
    match std::fs::read_dir(dir) {
        Ok(rd) => rd
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect(),
        Err(_) => Vec::new(),
    }
}

/// Form-encodes pairs.
pub fn form(pairs: &[(&str, &str)]) -> String {
    pairs
        .iter()
        .map(|(k, v)| format!("{k}={}", enc(v)))
        .collect::<Vec<_>>()
        .join("&")
}

pub fn new_case(kind: CaseKind, received_on: NaiveDate) -> NewCase {
    NewCase {
        kind,
        channel: Channel::Mail,
        subject: format!("Đơn {} thử nghiệm", kind.as_str()),
        content: "Nội dung đơn thử nghiệm".into(),
        received_on,
        petitioner: Some(Identity {
            name: "Lê Văn Công Khai".into(),
            address: "Thôn Một".into(),
            contact: "0900000000".into(),
            original: String::new(),
        }),
        complexity: 0,
        remote: false,
        second_round: false,
        multiple_places: false,
    }
}

/// A denunciation whose denouncer is [`SECRET_NAME`].
pub fn denunciation(received_on: NaiveDate) -> NewCase {
    NewCase {
        petitioner: Some(Identity {
            name: SECRET_NAME.into(),
            address: SECRET_ADDRESS.into(),
            contact: "0988777666".into(),
            original: format!("Tôi là {SECRET_NAME}, viết tay"),
        }),
        subject: "Tố cáo sai phạm đất công".into(),
        content: "Cán bộ địa chính cho thuê đất công trái phép (đã bỏ thông tin người tố cáo)"
            .into(),
        ..new_case(CaseKind::Denunciation, received_on)
    }
}

pub async fn receive(db: &Db, unit_code: &str, new: NewCase) -> Receipt {
    let p = principal(db, "handler@test.vn").await;
    let u = unit(db, unit_code).await;
    cases::receive(&module(), db, Some(&p), &u, new)
        .await
        .unwrap()
}

fn enc(v: &str) -> String {
    v.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' => (b as char).to_string(),
            _ => format!("%{b:02X}"),
        })
        .collect()
}
