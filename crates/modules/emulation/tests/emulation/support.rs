//! A province with two communes on both engines: T9 (the province) with Xã Thử (T9-X, its thôn
//! T9-X-01) and Xã Khác (T9-Y); the province's Mass Mobilisation Board, two members of Xã
//! Thử's, Xã Khác's, a village head of thôn Một and a resident; a campaign of the province for
//! 2026 with three criteria.

use std::future::Future;
use std::sync::OnceLock;

use dinh_emulation::EmulationModule;
use dinh_emulation::store::{self, CampaignInput, ModelInput, RegistrationInput};
use dinh_platform::accounts::{Principal, Role, store as accounts};
use dinh_platform::db::Db;
use dinh_platform::module::Registry;
use dinh_platform::units::UnitsModule;
use dinh_platform::write::{Actor, WriteError};

pub fn module() -> EmulationModule {
    static M: OnceLock<EmulationModule> = OnceLock::new();
    M.get_or_init(|| EmulationModule::shipped().unwrap())
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

pub struct Fixture {
    pub province: Principal,
    pub board: Principal,
    pub board2: Principal,
    pub other_board: Principal,
    pub head: Principal,
    pub resident: Principal,
}

const UNITS: &str = "code,name,kind,parent_code
T9,Tỉnh Thử,tỉnh,
T9-X,Xã Thử,xã,T9
T9-X-01,Thôn Một,thôn,T9-X
T9-Y,Xã Khác,xã,T9
T8,Tỉnh Khác,tỉnh,
";

pub async fn account(db: &Db, login: &str, role: Role, unit: &str) -> anyhow::Result<Principal> {
    let id = accounts::create_account(db, login, login, "mat-khau-thu-2026", "test").await?;
    accounts::grant(db, login, role, Some(unit), "test").await?;
    Ok(accounts::principal(db, id).await?.unwrap())
}

pub async fn setup(db: &Db) -> anyhow::Result<Fixture> {
    dinh_platform::units::import_units(db, UNITS.as_bytes(), "test").await?;
    Ok(Fixture {
        province: account(db, "danvan@tinh.vn", Role::MassMobilisation, "T9").await?,
        board: account(db, "danvan@xa.vn", Role::MassMobilisation, "T9-X").await?,
        board2: account(db, "danvan2@xa.vn", Role::MassMobilisation, "T9-X").await?,
        other_board: account(db, "danvan@khac.vn", Role::MassMobilisation, "T9-Y").await?,
        head: account(db, "0900000001", Role::VillageHead, "T9-X-01").await?,
        resident: account(db, "0900000006", Role::Resident, "T9-X-01").await?,
    })
}

/// The province's campaign of 2026: registrations until 31/03/2026.
pub fn campaign() -> CampaignInput {
    CampaignInput {
        unit_code: "T9".into(),
        title: "Phong trào thi đua “Dân vận khéo” năm 2026".into(),
        document: "Kế hoạch số 12-KH/BDV ngày 05/01/2026".into(),
        description: "Mỗi tập thể, cá nhân đăng ký một việc làm cụ thể.".into(),
        period_from: "01/01/2026".into(),
        period_to: "31/12/2026".into(),
        register_until: "31/03/2026".into(),
        eligible: "both".into(),
        fields: vec!["grassroots_democracy".into(), "economy".into()],
        criteria: "Hiệu quả thiết thực | 40\nCách làm sáng tạo | 30\nPhát huy quyền làm chủ | 30"
            .into(),
    }
}

pub async fn open(db: &Db, f: &Fixture) -> anyhow::Result<i64> {
    Ok(store::open_campaign(&module(), db, Actor::Person(&f.province), &campaign()).await?)
}

pub fn registration(campaign: i64, unit: &str, kind: &str, name: &str) -> RegistrationInput {
    RegistrationInput {
        campaign_id: campaign,
        unit_code: unit.into(),
        kind: kind.into(),
        collective_kind: if kind == "collective" {
            "village".into()
        } else {
            String::new()
        },
        name: name.into(),
        field: "grassroots_democracy".into(),
        commitment: "Công khai đầy đủ, đúng hạn".into(),
        registered_on: "15/02/2026".into(),
    }
}

pub fn model(registration: i64) -> ModelInput {
    ModelInput {
        registration_id: registration,
        title: "Dân bàn, dân làm <b>đường thôn</b>".into(),
        description: "Các hộ bàn, biểu quyết và giám sát.".into(),
        started_on: "01/03/2026".into(),
        results: "Đường bê tông 600 m.".into(),
    }
}

/// A campaign with thôn Một's registration (recorded by the village head) and its model.
pub async fn with_model(db: &Db, f: &Fixture) -> anyhow::Result<(i64, i64)> {
    let c = open(db, f).await?;
    let r = store::register(
        db,
        Actor::Person(&f.head),
        &registration(c, "T9-X-01", "collective", "Thôn Một"),
    )
    .await?;
    let m = store::record_model(db, Actor::Person(&f.head), &model(r)).await?;
    Ok((c, m))
}

pub fn evaluation(model: i64, scores: [&str; 3], verdict: &str) -> store::EvaluationInput {
    store::EvaluationInput {
        model_id: model,
        evaluated_on: "01/06/2026".into(),
        scores: scores.map(str::to_owned).to_vec(),
        verdict: verdict.into(),
        conclusion: "Kết quả được đối chiếu với số liệu".into(),
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
