//! A small commune on both engines: two thôn, a commune with six thôn, another commune, and
//! accounts for the officers and board members.

use std::future::Future;
use std::sync::OnceLock;

use chrono::NaiveDate;
use dinh_oversight::{
    ActivityInput, BoardInput, FindingInput, MemberInput, OversightModule, ProjectInput,
    RecommendationInput, store,
};
use dinh_platform::accounts::{Principal, Role, store as accounts};
use dinh_platform::db::Db;
use dinh_platform::module::Registry;
use dinh_platform::units::UnitsModule;
use dinh_platform::write::Actor;

pub fn module() -> OversightModule {
    static M: OnceLock<OversightModule> = OnceLock::new();
    M.get_or_init(|| OversightModule::shipped().unwrap())
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

pub struct Fixture {
    pub officer: Principal,
    pub member: Principal,
    pub outsider_member: Principal,
    pub outsider_officer: Principal,
    pub resident: Principal,
}

const UNITS: &str = "code,name,kind,parent_code
T9,Tỉnh Thử,tỉnh,
T9-X,Xã Thử,xã,T9
T9-X-01,Thôn Một,thôn,T9-X
T9-X-02,Thôn Hai,thôn,T9-X
T9-Y,Xã Khác,xã,T9
T9-Z,Xã Lớn,xã,T9
T9-Z-01,Thôn A,thôn,T9-Z
T9-Z-02,Thôn B,thôn,T9-Z
T9-Z-03,Thôn C,thôn,T9-Z
T9-Z-04,Thôn D,thôn,T9-Z
T9-Z-05,Thôn E,thôn,T9-Z
T9-Z-06,Thôn G,thôn,T9-Z
";

pub async fn account(db: &Db, login: &str, role: Role, unit: &str) -> anyhow::Result<Principal> {
    let id = accounts::create_account(db, login, login, "mat-khau-thu-2026", "test").await?;
    accounts::grant(db, login, role, Some(unit), "test").await?;
    Ok(accounts::principal(db, id).await?.unwrap())
}

pub async fn setup(db: &Db) -> anyhow::Result<Fixture> {
    dinh_platform::units::import_units(db, UNITS.as_bytes(), "test").await?;
    Ok(Fixture {
        officer: account(db, "canbo@thu.vn", Role::CommuneOfficer, "T9-X").await?,
        member: account(db, "0900000003", Role::InspectionBoardMember, "T9-X").await?,
        outsider_member: account(db, "0900000009", Role::InspectionBoardMember, "T9-Y").await?,
        outsider_officer: account(db, "canbo@khac.vn", Role::CommuneOfficer, "T9-Y").await?,
        resident: account(db, "0900000006", Role::Resident, "T9-X-01").await?,
    })
}

pub fn person(name: &str, pos: &str) -> MemberInput {
    MemberInput {
        name: name.into(),
        position: pos.into(),
        represents: "Thôn Một".into(),
        relative: Some(false),
        ..MemberInput::default()
    }
}

/// `n` members: a head, two deputies, the rest members.
pub fn people(n: usize) -> Vec<MemberInput> {
    (0..n)
        .map(|i| {
            let pos = match i {
                0 => "head",
                1 | 2 => "deputy",
                _ => "member",
            };
            person(&format!("Thành viên <b>{i}</b>"), pos)
        })
        .collect()
}

pub fn inspection_board(unit: &str, n: usize) -> BoardInput {
    BoardInput {
        unit_code: unit.into(),
        kind: "inspection".into(),
        term_from: "01/01/2026".into(),
        term_to: "31/12/2030".into(),
        recognition: "Quyết định số 5/QĐ-MTTQ ngày 05/01/2026".into(),
        members: people(n),
        ..BoardInput::default()
    }
}

pub fn project_input() -> ProjectInput {
    ProjectInput {
        unit_code: "T9-X".into(),
        name: "Đường trục thôn Một".into(),
        investor: "UBND xã Thử".into(),
        funding: "Ngân sách xã, Nhân dân đóng góp".into(),
        budget: "1.200.000.000 đồng".into(),
        place: "Thôn Một".into(),
        starts_on: "01/03/2026".into(),
        ends_on: "31/12/2026".into(),
        contractors: "Công ty Xây dựng Thử".into(),
    }
}

/// An inspection board at T9-X, an activity starting 10/08/2026 with its plan sent on
/// 20/07/2026, and one finding: (board, activity, finding).
pub async fn inspected(db: &Db, f: &Fixture) -> anyhow::Result<(i64, i64, i64)> {
    let m = module();
    let board = store::record_board(
        &m,
        db,
        Actor::Person(&f.officer),
        &inspection_board("T9-X", 5),
    )
    .await?;
    let activity = store::record_activity(
        &m,
        db,
        Actor::Person(&f.member),
        &ActivityInput {
            board_id: board.to_string(),
            subject: "Bộ phận một cửa".into(),
            scope: "Hồ sơ đất đai quý II".into(),
            notice_on: "20/07/2026".into(),
            starts_on: "10/08/2026".into(),
            ends_on: "12/08/2026".into(),
        },
    )
    .await?;
    let finding = store::record_finding(
        db,
        Actor::Person(&f.member),
        &FindingInput {
            activity_id: activity.to_string(),
            body: "<script>alert(1)</script> 5 hồ sơ quá hạn".into(),
            evidence: "Biên bản".into(),
            found_on: "11/08/2026".into(),
        },
    )
    .await?;
    Ok((board, activity, finding))
}

pub fn recommendation(finding: i64, sent: &str) -> RecommendationInput {
    RecommendationInput {
        finding_id: finding.to_string(),
        body: "Đề nghị xin lỗi người dân có hồ sơ quá hạn".into(),
        sent_on: sent.into(),
        ..RecommendationInput::default()
    }
}

pub use dinh_platform::testing::client::rows;

/// The field and message a refusal names (panics when it is not a refusal of input).
pub fn refusal(e: dinh_platform::write::WriteError) -> (&'static str, String) {
    match e {
        dinh_platform::write::WriteError::Invalid { field, message } => (field, message),
        other => panic!("expected a refusal naming a field, got {other:?}"),
    }
}

pub fn denied(e: dinh_platform::write::WriteError) {
    assert!(
        matches!(e, dinh_platform::write::WriteError::Denied(_)),
        "expected a refusal of the role, got {e:?}"
    );
}
