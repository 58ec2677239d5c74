//! A small commune on both engines: three thôn of 9, 4 and 3 households, another commune, and
//! one account per role.

use std::fmt::Write as _;
use std::future::Future;
use std::sync::OnceLock;

use chrono::NaiveDate;
use dinh_decisions::{DecisionsModule, NewMatter, Origin, VoteInput};
use dinh_platform::accounts::{Principal, Role, store};
use dinh_platform::db::{Db, query};
use dinh_platform::module::Registry;
use dinh_platform::units::UnitsModule;

pub fn module() -> DecisionsModule {
    static M: OnceLock<DecisionsModule> = OnceLock::new();
    M.get_or_init(|| DecisionsModule::shipped().unwrap())
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

/// The day votes are taken in these tests.
pub fn today() -> NaiveDate {
    day(2025, 9, 15)
}

pub struct Fixture {
    pub head: Principal,
    pub head2: Principal,
    pub officer: Principal,
    pub front: Principal,
    pub front2: Principal,
    pub outsider: Principal,
    pub resident: Principal,
    pub member: Principal,
}

const UNITS: &str = "code,name,kind,parent_code
T9,Tỉnh Thử,tỉnh,
T9-X,Xã Thử,xã,T9
T9-X-01,Thôn Một,thôn,T9-X
T9-X-02,Thôn Hai,thôn,T9-X
T9-X-03,Thôn Ba,thôn,T9-X
T9-Y,Xã Khác,xã,T9
T9-Y-01,Thôn Khác,thôn,T9-Y
";

pub fn code(village: u32, n: u32) -> String {
    format!("T9-X-{village:02}-{n:04}")
}

pub async fn account(db: &Db, login: &str, role: Role, unit: &str) -> anyhow::Result<Principal> {
    let id = store::create_account(db, login, login, "mat-khau-thu-2026", "test").await?;
    store::grant(db, login, role, Some(unit), "test").await?;
    Ok(store::principal(db, id).await?.unwrap())
}

/// Links an account to a person of a household (the representative, or another member).
pub async fn link(
    db: &Db,
    p: &Principal,
    household: &str,
    representative: bool,
) -> anyhow::Result<()> {
    let cmp = if representative { "=" } else { "<>" };
    db.execute(
        &query(format!(
            "UPDATE accounts SET person_id = (SELECT pe.id FROM people pe JOIN households h ON h.id = pe.household_id
              WHERE h.code = $1 AND pe.id {cmp} h.representative_id) WHERE id = $2"
        ))
        .bind(household)
        .bind(p.account_id),
    )
    .await?;
    Ok(())
}

pub async fn setup(db: &Db) -> anyhow::Result<Fixture> {
    dinh_platform::units::import_units(db, UNITS.as_bytes(), "test").await?;
    let mut csv = String::from(
        "household_code,unit_code,address,full_name,birth_date,gender,relation,representative,formed_on\n",
    );
    for (village, n) in [(1, 9), (2, 4), (3, 3)] {
        for h in 1..=n {
            let c = code(village, h);
            writeln!(
                csv,
                "{c},T9-X-{village:02},Số {h},Nguyễn Văn {h},01/01/1970,nam,chủ hộ,1,01/01/2020"
            )?;
            if h == 1 {
                writeln!(
                    csv,
                    "{c},T9-X-{village:02},Số {h},Nguyễn Thị {h},01/01/1972,nữ,vợ,0,01/01/2020"
                )?;
            }
        }
    }
    writeln!(
        csv,
        "T9-Y-01-0001,T9-Y-01,Số 1,Trần Văn Một,01/01/1970,nam,chủ hộ,1,01/01/2020"
    )?;
    dinh_platform::households::import_households(db, csv.as_bytes(), "test", |_| {}).await?;
    let f = Fixture {
        head: account(db, "0900000001", Role::VillageHead, "T9-X-01").await?,
        head2: account(db, "0900000009", Role::VillageHead, "T9-X-02").await?,
        officer: account(db, "canbo@thu.vn", Role::CommuneOfficer, "T9-X").await?,
        front: account(db, "0900000002", Role::FrontWorkTeam, "T9-X-01").await?,
        front2: account(db, "0900000003", Role::FrontWorkTeam, "T9-X-01").await?,
        outsider: account(db, "0900000005", Role::VillageHead, "T9-Y-01").await?,
        resident: account(db, "0900000006", Role::Resident, "T9-X-01").await?,
        member: account(db, "0900000007", Role::Resident, "T9-X-01").await?,
    };
    link(db, &f.resident, &code(1, 1), true).await?;
    link(db, &f.member, &code(1, 1), false).await?;
    Ok(f)
}

pub fn new_matter(unit: &str, matter: u32, origin: Origin) -> NewMatter {
    NewMatter {
        unit_code: unit.into(),
        matter,
        title: format!("Việc số {matter}"),
        content: "Nội dung đưa ra lấy ý kiến".into(),
        origin,
        secret: false,
        election: false,
        initiative_id: None,
    }
}

pub fn vote(household: &str, channel: &str, choice: &str) -> VoteInput {
    VoteInput {
        household: household.into(),
        channel: channel.into(),
        choice: choice.into(),
        opinion: String::new(),
    }
}

/// Holds a meeting of the matter's thôn today and records the households present.
pub async fn meeting(
    db: &Db,
    f: &Fixture,
    matter: i64,
    unit: &str,
    present: &[String],
) -> anyhow::Result<i64> {
    let m = module();
    let view = dinh_decisions::meetings::create(
        &m,
        db,
        Some(&f.officer),
        matter,
        &dinh_decisions::MeetingInput {
            held_on: "15/09/2025".into(),
            notice_on: "10/09/2025".into(),
            unit_code: unit.into(),
            cluster: String::new(),
        },
    )
    .await?;
    for h in present {
        dinh_decisions::meetings::attend(
            db,
            Some(&f.officer),
            matter,
            view.id,
            &dinh_decisions::AttendanceInput {
                household: h.clone(),
                attendee: "Đại diện".into(),
                capacity: "representative".into(),
            },
        )
        .await?;
    }
    Ok(view.id)
}

/// Votes `agree` for the first `agree` households of the list and `disagree` for the rest,
/// at a meeting.
pub async fn meeting_votes(
    db: &Db,
    f: &Fixture,
    matter: i64,
    unit: &str,
    households: &[String],
    agree: usize,
) -> anyhow::Result<()> {
    meeting(db, f, matter, unit, households).await?;
    for (i, h) in households.iter().enumerate() {
        let choice = if i < agree { "agree" } else { "disagree" };
        dinh_decisions::votes::record(
            &module(),
            db,
            Some(&f.officer),
            matter,
            &vote(h, "meeting", choice),
            today(),
        )
        .await?;
    }
    Ok(())
}

pub fn village(n: u32, count: u32) -> Vec<String> {
    (1..=count).map(|h| code(n, h)).collect()
}

pub use dinh_platform::testing::client::rows;
