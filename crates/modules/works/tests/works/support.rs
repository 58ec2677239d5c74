//! A commune on both engines: thôn Một with four households on the decision day (one formed
//! later), thôn Hai with one; a village head, an officer, another commune's officer, and a
//! resident linked to a household.

use std::future::Future;
use std::sync::OnceLock;

use dinh_platform::accounts::{Principal, Role, store as accounts};
use dinh_platform::db::{Db, query};
use dinh_platform::module::Registry;
use dinh_platform::units::UnitsModule;
use dinh_platform::write::{Actor, WriteError};
use dinh_works::WorksModule;
use dinh_works::store::{self, WorkInput};

pub fn module() -> WorksModule {
    static M: OnceLock<WorksModule> = OnceLock::new();
    M.get_or_init(|| WorksModule::shipped().unwrap()).clone()
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

pub struct Fixture {
    pub head: Principal,
    pub officer: Principal,
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

const HOUSEHOLDS: &str =
    "household_code,unit_code,address,full_name,birth_date,gender,relation,representative,formed_on
H1,T9-X-01,Số 1,Nguyễn Văn Một,01/01/1970,nam,chủ hộ,1,01/01/2020
H1,T9-X-01,Số 1,Nguyễn Thị Một,01/01/1972,nữ,vợ,0,01/01/2020
H1,T9-X-01,Số 1,Nguyễn Văn Con,01/01/2000,nam,con,0,01/01/2020
H2,T9-X-01,Số 2,Trần Văn Hai,01/01/1960,nam,chủ hộ,1,01/01/2020
H3,T9-X-01,Số 3,Lê Thị Ba,01/01/1980,nữ,chủ hộ,1,01/01/2020
H3,T9-X-01,Số 3,Lê Văn Bé,01/01/2010,nam,con,0,01/01/2020
H4,T9-X-01,Số 4,Phạm Văn Tư,01/01/1990,nam,chủ hộ,1,01/01/2026
H9,T9-X-02,Số 9,Đỗ Văn Chín,01/01/1975,nam,chủ hộ,1,01/01/2020
";

pub async fn account(db: &Db, login: &str, role: Role, unit: &str) -> anyhow::Result<Principal> {
    let id = accounts::create_account(db, login, login, "mat-khau-thu-2026", "test").await?;
    accounts::grant(db, login, role, Some(unit), "test").await?;
    Ok(accounts::principal(db, id).await?.unwrap())
}

pub async fn setup(db: &Db) -> anyhow::Result<Fixture> {
    dinh_platform::units::import_units(db, UNITS.as_bytes(), "test").await?;
    dinh_platform::households::import_households(db, HOUSEHOLDS.as_bytes(), "test", |_| {}).await?;
    let resident = account(db, "0900000006", Role::Resident, "T9-X-01").await?;
    db.execute(
        &query(
            "UPDATE accounts SET person_id = (SELECT h.representative_id FROM households h
              WHERE h.code = 'H2') WHERE id = $1",
        )
        .bind(resident.account_id),
    )
    .await?;
    Ok(Fixture {
        head: account(db, "0900000001", Role::VillageHead, "T9-X-01").await?,
        officer: account(db, "canbo@thu.vn", Role::CommuneOfficer, "T9-X").await?,
        outsider: account(db, "canbo@khac.vn", Role::CommuneOfficer, "T9-Y").await?,
        resident,
    })
}

/// The road of thôn Một, decided on 10/06/2025: 500.000 đồng a person, a labour day 200.000.
pub fn road() -> WorkInput {
    WorkInput {
        unit_code: "T9-X-01".into(),
        name: "Đường bê tông <b>xóm Chùa</b>".into(),
        purpose: "Bê tông hóa 300 m đường xóm".into(),
        estimate: "150.000.000".into(),
        funding: "Nhân dân đóng góp, ngân sách xã hỗ trợ".into(),
        decision: "Biên bản họp thôn ngày 10/06/2025".into(),
        decided_on: "10/06/2025".into(),
        rule: "per_person".into(),
        rate: "500.000".into(),
        labour_day_value: "200.000".into(),
    }
}

pub async fn road_work(db: &Db, f: &Fixture) -> anyhow::Result<i64> {
    Ok(store::record_work(db, Actor::Person(&f.head), &road()).await?)
}

pub fn cash(household: &str, receipt: &str, amount: &str) -> store::PaymentInput {
    store::PaymentInput {
        household_code: household.into(),
        receipt_no: receipt.into(),
        kind: "cash".into(),
        amount: amount.into(),
        paid_on: "20/06/2025".into(),
        ..store::PaymentInput::default()
    }
}

pub use dinh_platform::testing::client::rows;

/// The field and message a refusal names (panics when it is not a refusal of input).
pub fn refusal(e: WriteError) -> (&'static str, String) {
    match e {
        WriteError::Invalid { field, message } => (field, message),
        other => panic!("expected a refusal naming a field, got {other:?}"),
    }
}
