//! A small commune on both engines: two thôn, another commune, and one account per role.

use std::future::Future;
use std::sync::OnceLock;

use chrono::{Duration, NaiveDate};
use dinh_consultation::{ConsultationModule, OpenInput};
use dinh_platform::accounts::{Principal, Role, store};
use dinh_platform::db::Db;
use dinh_platform::module::Registry;
use dinh_platform::units::UnitsModule;

pub fn module() -> ConsultationModule {
    static M: OnceLock<ConsultationModule> = OnceLock::new();
    M.get_or_init(|| ConsultationModule::shipped().unwrap())
        .clone()
}

pub fn registry() -> Registry {
    Registry::default().with(UnitsModule).with(module())
}

pub async fn each_engine<F, Fut>(test: F)
where
    F: Fn(Db) -> Fut,
    Fut: Future<Output = anyhow::Result<()>>,
{
    dinh_platform::testing::each_engine(&registry(), test).await;
}

pub fn day(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

pub fn dmy(d: NaiveDate) -> String {
    d.format("%d/%m/%Y").to_string()
}

/// The earliest closing day the pack allows for a consultation published on `opens`.
pub fn earliest(opens: NaiveDate) -> NaiveDate {
    let m = module();
    let pack = m.rules().in_force_on(opens).unwrap();
    m.calendar()
        .due_after(opens, pack.consultation.min_duration.period())
        .unwrap()
        .due
}

pub struct Fixture {
    pub officer: Principal,
    pub head: Principal,
    pub outsider: Principal,
    pub resident: Principal,
}

const UNITS: &str = "code,name,kind,parent_code
T9,Tỉnh Thử,tỉnh,
T9-X,Xã Thử,xã,T9
T9-X-01,Thôn Một,thôn,T9-X
T9-X-02,Thôn Hai,thôn,T9-X
T9-Y,Xã Khác,xã,T9
";

pub async fn account(db: &Db, login: &str, role: Role, unit: &str) -> anyhow::Result<Principal> {
    let id = store::create_account(db, login, login, "mat-khau-thu-2026", "test").await?;
    store::grant(db, login, role, Some(unit), "test").await?;
    Ok(store::principal(db, id).await?.unwrap())
}

pub async fn setup(db: &Db) -> anyhow::Result<Fixture> {
    dinh_platform::units::import_units(db, UNITS.as_bytes(), "test").await?;
    Ok(Fixture {
        officer: account(db, "canbo@thu.vn", Role::CommuneOfficer, "T9-X").await?,
        head: account(db, "0900000001", Role::VillageHead, "T9-X-01").await?,
        outsider: account(db, "canbo@khac.vn", Role::CommuneOfficer, "T9-Y").await?,
        resident: account(db, "0900000006", Role::Resident, "T9-X-01").await?,
    })
}

pub const DRAFT: &str = "Điều 1. Phạm vi
Quy chế áp dụng trong toàn xã.

Điều 2. Công khai
Niêm yết tại trụ sở và nhà văn hóa thôn.

Điều 3. Lấy ý kiến
Thời gian lấy ý kiến ít nhất 20 ngày.";

/// A consultation at the commune published on `opens`, closing on the earliest day allowed.
pub fn input(opens: NaiveDate) -> OpenInput {
    OpenInput {
        unit_code: "T9-X".into(),
        matter: "7".into(),
        title: "Quy chế dân chủ của xã".into(),
        summary: "Xin ý kiến dự thảo quy chế.".into(),
        draft: DRAFT.into(),
        opens_on: dmy(opens),
        closes_on: dmy(earliest(opens)),
        channels: vec!["website".into(), "meeting".into()],
    }
}

pub fn after(d: NaiveDate, days: i64) -> NaiveDate {
    d + Duration::days(days)
}

pub use dinh_platform::testing::client::rows;

/// The field a refusal names (panics when it is not a refusal of input).
pub fn field(e: dinh_platform::write::WriteError) -> &'static str {
    match e {
        dinh_platform::write::WriteError::Invalid { field, .. } => field,
        other => panic!("expected a refusal naming a field, got {other:?}"),
    }
}
