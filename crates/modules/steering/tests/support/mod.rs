//! The world of the tests: a province with a new commune made of three old ones (one from an
//! old province merged in), a second commune, committees, people, and a small module whose
//! indicators are counted per unit and month (`stand_in.rs`).
#![allow(dead_code)]

pub mod http;
pub mod stand_in;
pub use http::{call, form, login};
pub use stand_in::{EventsModule, event};

use chrono::NaiveDate;
use dinh_disclosure::DisclosureModule;
use dinh_legal_time::LegalTimeModule;
use dinh_platform::accounts::{Principal, Role, store as accounts};
use dinh_platform::db::{Db, query};
use dinh_platform::module::Registry;
use dinh_platform::units::{Unit, UnitsModule, import_lineage, import_units, store as units};
use dinh_steering::committees::{self, NewCommittee, NewMember, Position};
use dinh_steering::{Actor, SteeringModule};

/// The disclosure module, as the registry has it.
pub fn disclosure_module() -> DisclosureModule {
    let legal = LegalTimeModule::load(std::path::Path::new("/nonexistent")).unwrap();
    DisclosureModule::new(&legal)
}

pub fn registry() -> Registry {
    let base = Registry::default()
        .with(UnitsModule)
        .with(disclosure_module())
        .with(EventsModule::new());
    base.clone().with(SteeringModule::with_registry(base))
}

const UNITS: &str = "code,name,kind,parent_code
91,Tỉnh Thử,tỉnh,
91001,Xã Mới,xã,91
91001-01,Thôn Đông,thôn,91001
91001-02,Thôn Tây,thôn,91001
91002,Xã Hai,xã,91
";

const LINEAGE: &str = "old_province,old_district,old_ward,new_province,new_ward
Tỉnh Thử,Huyện Cũ,Xã Cũ An,Tỉnh Thử,Xã Mới
Tỉnh Thử,Huyện Cũ,Xã Cũ Bình,Tỉnh Thử,Xã Mới
Tỉnh Cũ,Huyện Xa,Xã Cũ Đông,Tỉnh Thử,Xã Mới
Tỉnh Thử,Huyện Cũ,Xã Cũ Hai,Tỉnh Thử,Xã Hai
";

pub struct World {
    pub province: Unit,
    pub commune: Unit,
    pub province_committee: i64,
    pub commune_committee: i64,
    pub other_committee: i64,
    pub province_member: Principal,
    pub commune_member: Principal,
    pub officer: Principal,
    pub other_member: Principal,
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

pub fn new_committee(unit_name: &str) -> NewCommittee {
    NewCommittee {
        name: format!("Ban Chỉ đạo xây dựng và thực hiện QCDC ở cơ sở {unit_name}"),
        parent_body: format!("Đảng ủy {unit_name}"),
        standing_body: "Khối Dân vận".into(),
        decision_number: "15-QĐ/ĐU".into(),
        established_on: NaiveDate::from_ymd_opt(2025, 7, 15).unwrap(),
    }
}

pub fn member(name: &str, position: Position, unit_code: &str) -> NewMember {
    NewMember {
        full_name: name.into(),
        position,
        body: "Đảng ủy xã".into(),
        unit_code: unit_code.into(),
        term_from: NaiveDate::from_ymd_opt(2025, 7, 15).unwrap(),
        term_to: None,
    }
}

pub async fn world(db: &Db) -> World {
    import_units(db, UNITS.as_bytes(), "test").await.unwrap();
    import_lineage(db, LINEAGE.as_bytes(), "test")
        .await
        .unwrap();
    let province = units::by_code(db, "91").await.unwrap().unwrap();
    let commune = units::by_code(db, "91001").await.unwrap().unwrap();
    let other = units::by_code(db, "91002").await.unwrap().unwrap();
    let sys = Actor::System("test");
    let province_committee = committees::create(db, sys, &province, new_committee("tỉnh Thử"))
        .await
        .unwrap();
    let commune_committee = committees::create(db, sys, &commune, new_committee("xã Mới"))
        .await
        .unwrap();
    let other_committee = committees::create(db, sys, &other, new_committee("xã Hai"))
        .await
        .unwrap();
    for (c, code) in [(commune_committee, "91001"), (other_committee, "91002")] {
        committees::add_member(
            db,
            sys,
            c,
            member("Nguyễn Văn Trưởng", Position::Head, code),
        )
        .await
        .unwrap();
        committees::add_member(
            db,
            sys,
            c,
            member("Trần Thị Ủy Viên", Position::Member, code),
        )
        .await
        .unwrap();
    }
    World {
        province,
        commune,
        province_committee,
        commune_committee,
        other_committee,
        province_member: person(db, "bcd@tinh.vn", Role::SteeringMember, "91").await,
        commune_member: person(db, "bcd@xamoi.vn", Role::SteeringMember, "91001").await,
        officer: person(db, "canbo@xamoi.vn", Role::CommuneOfficer, "91001").await,
        other_member: person(db, "bcd@xahai.vn", Role::SteeringMember, "91002").await,
    }
}

/// The pre-2025 commune named `name` that went into the commune `new_code`.
pub async fn old(db: &Db, new_code: &str, name: &str) -> Unit {
    let new = units::by_code(db, new_code).await.unwrap().unwrap();
    let link = units::predecessors(db, new.id)
        .await
        .unwrap()
        .into_iter()
        .find(|l| l.name == name)
        .unwrap();
    units::by_code(db, &link.code).await.unwrap().unwrap()
}

pub async fn count(db: &Db, table: &str) -> i64 {
    db.scalar(&query(format!(
        "SELECT CAST(COUNT(*) AS BIGINT) FROM {table}"
    )))
    .await
    .unwrap()
}

pub fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

/// The field a refusal names.
pub fn field(e: dinh_steering::StoreError) -> &'static str {
    match e {
        dinh_steering::StoreError::Invalid { field, .. } => field,
        other => panic!("expected a field error, got {other:?}"),
    }
}

/// Where an indicator is in a report's rows.
pub fn idx(f: &dinh_steering::report::Figures, key: &str) -> usize {
    f.rows.iter().position(|r| r.key == key).unwrap()
}
