//! `dinh demo`: a demonstration database built from the real unit list.
//!
//! Xã Phù Đổng (Hà Nội), as it stands after 1/7/2025, with ten residential communities of our
//! own invention, generated households and people with Vietnamese names, and one account per
//! role. Everything goes through the same import paths an administrator uses.

use crate::accounts::{Role, store};
use crate::db::Db;
use crate::units::{import_lineage, import_units};
use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};
use std::fmt::Write as _;

/// The unit list shipped with Đình (34 provinces, 3,321 communes, in force since 1/7/2025).
pub const UNITS_2025_CSV: &str = include_str!("../data/vn-units-2025.csv");
/// The old-to-new mapping of the 2025 reorganisation shipped with Đình.
pub const LINEAGE_2025_CSV: &str = include_str!("../data/vn-units-merge-2025.csv");

/// Code of the demo commune (Xã Phù Đổng, Hà Nội).
pub const DEMO_COMMUNE: &str = "00541";
/// Password of every demo account (the demo is for trying Đình on one's own machine).
pub const DEMO_PASSWORD: &str = "dinh-demo-2026";

const VILLAGES: [(&str, &str); 10] = [
    ("Thôn Đông Đình", "thôn"),
    ("Thôn Trung Hòa", "thôn"),
    ("Thôn Bến Sông", "thôn"),
    ("Thôn Gò Gạo", "thôn"),
    ("Thôn Cầu Tre", "thôn"),
    ("Thôn Bãi Ngô", "thôn"),
    ("Thôn Xóm Chùa", "thôn"),
    ("Tổ dân phố Ga", "tổ dân phố"),
    ("Tổ dân phố Chợ Mới", "tổ dân phố"),
    ("Tổ dân phố Hàng Tre", "tổ dân phố"),
];

const FAMILY: [&str; 14] = [
    "Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Vũ", "Đặng", "Bùi", "Đỗ", "Ngô", "Dương", "Lý",
    "Đinh", "Phan",
];
const MIDDLE_M: [&str; 6] = ["Văn", "Đức", "Minh", "Quang", "Hữu", "Công"];
const MIDDLE_F: [&str; 6] = ["Thị", "Thu", "Ngọc", "Thanh", "Minh", "Hồng"];
const GIVEN_M: [&str; 14] = [
    "Hùng", "Dũng", "Tuấn", "Nam", "Sơn", "Long", "Bình", "Khánh", "Phúc", "Thắng", "Quý", "Tài",
    "Hải", "Việt",
];
const GIVEN_F: [&str; 14] = [
    "Lan", "Hoa", "Hương", "Mai", "Hạnh", "Nga", "Thảo", "Linh", "Trang", "Yến", "Nhung", "Hằng",
    "Vân", "Loan",
];

/// One demo account, as printed for the person trying the demo.
#[derive(Debug, Clone)]
pub struct DemoAccount {
    /// Login.
    pub login: String,
    /// Role.
    pub role: Role,
    /// Where the role is held.
    pub unit: String,
}

/// Builds the demo in an empty, migrated database; returns the accounts created.
pub async fn build(db: &Db) -> anyhow::Result<Vec<DemoAccount>> {
    import_units(db, UNITS_2025_CSV.as_bytes(), "demo").await?;
    import_lineage(db, LINEAGE_2025_CSV.as_bytes(), "demo").await?;

    let mut villages = String::from("code,name,kind,parent_code\n");
    for (i, (name, kind)) in VILLAGES.iter().enumerate() {
        let _ = writeln!(
            villages,
            "{DEMO_COMMUNE}-{:02},{name},{kind},{DEMO_COMMUNE}",
            i + 1
        );
    }
    import_units(db, villages.as_bytes(), "demo").await?;

    let mut rng = StdRng::seed_from_u64(2026);
    let csv = households_csv(&mut rng, DEMO_COMMUNE, VILLAGES.len(), 60..=140);
    crate::households::import_households(db, csv.as_bytes(), "demo", |_| {}).await?;

    let first_village = format!("{DEMO_COMMUNE}-01");
    let accounts = [
        (
            "quantri@dinh.demo",
            "Quản trị hệ thống",
            Role::SystemAdmin,
            None,
        ),
        (
            "bcd.phudong@dinh.demo",
            "Ông Trần Minh Đức (Ban Chỉ đạo xã)",
            Role::SteeringMember,
            Some(DEMO_COMMUNE),
        ),
        (
            "canbo.phudong@dinh.demo",
            "Bà Lê Thu Hà (cán bộ xã)",
            Role::CommuneOfficer,
            Some(DEMO_COMMUNE),
        ),
        (
            "0912000001",
            "Ông Nguyễn Văn Thành (trưởng thôn)",
            Role::VillageHead,
            Some(first_village.as_str()),
        ),
        (
            "0912000002",
            "Bà Phạm Thị Hòa (Ban công tác Mặt trận)",
            Role::FrontWorkTeam,
            Some(first_village.as_str()),
        ),
        (
            "0912000003",
            "Ông Đỗ Quang Vinh (Ban Thanh tra nhân dân)",
            Role::InspectionBoardMember,
            Some(DEMO_COMMUNE),
        ),
        (
            "danvan.phudong@dinh.demo",
            "Bà Nguyễn Thị Thu (Khối Dân vận xã)",
            Role::MassMobilisation,
            Some(DEMO_COMMUNE),
        ),
        (
            "0912000004",
            "Bà Vũ Thị Lan (đại diện hộ)",
            Role::Resident,
            Some(first_village.as_str()),
        ),
    ];
    let mut created = Vec::new();
    for (login, name, role, unit) in accounts {
        store::create_account(db, login, name, DEMO_PASSWORD, "demo").await?;
        store::grant(db, login, role, unit, "demo").await?;
        created.push(DemoAccount {
            login: login.to_owned(),
            role,
            unit: unit.unwrap_or("toàn quốc").to_owned(),
        });
    }
    let commune = crate::units::store::by_code(db, DEMO_COMMUNE)
        .await?
        .ok_or_else(|| anyhow::anyhow!("the demo commune {DEMO_COMMUNE} was not imported"))?;
    crate::units::contact::save(
        db,
        &commune,
        &crate::units::contact::UnitContact {
            body_name: "UBND xã Phù Đổng".into(),
            address: "Thôn Phù Dực, xã Phù Đổng, thành phố Hà Nội".into(),
            phone: "024 3827 6543".into(),
            email: "ubnd.phudong@dinh.demo".into(),
            reception_hours: "Thứ Năm hằng tuần, 7 giờ 30 đến 11 giờ 30".into(),
            runs_site: true,
        },
        "demo",
    )
    .await?;
    Ok(created)
}

fn person(rng: &mut StdRng, family: &str, male: bool) -> String {
    let (middle, given) = if male {
        (&MIDDLE_M[..], &GIVEN_M[..])
    } else {
        (&MIDDLE_F[..], &GIVEN_F[..])
    };
    let pick = |rng: &mut StdRng, list: &[&'static str]| {
        list.get(rng.random_range(0..list.len()))
            .copied()
            .unwrap_or("An")
    };
    format!("{family} {} {}", pick(rng, middle), pick(rng, given))
}

/// The day a demo household was registered (ngày lập hộ): between 2000 and 2019, derived from
/// its number so the generated names stay the same, and always before any demo procedure.
fn formed_on(household: u32) -> String {
    format!(
        "{:02}/{:02}/{}",
        household % 28 + 1,
        household % 12 + 1,
        2000 + household * 7 % 20
    )
}

/// Generates a household CSV (the documented import format) for `villages` residential
/// communities coded `<commune>-01…`, each with a number of households drawn from `per_village`.
pub fn households_csv(
    rng: &mut StdRng,
    commune: &str,
    villages: usize,
    per_village: std::ops::RangeInclusive<u32>,
) -> String {
    let mut out = String::from(
        "household_code,unit_code,address,full_name,birth_date,gender,relation,representative,phone,formed_on\n",
    );
    for v in 1..=villages {
        let count = rng.random_range(per_village.clone());
        for h in 1..=count {
            let family = FAMILY
                .get(rng.random_range(0..FAMILY.len()))
                .copied()
                .unwrap_or("Nguyễn");
            let code = format!("{commune}-{v:02}-{h:04}");
            let address = format!(
                "\"Số {h}, {}\"",
                VILLAGES.get(v - 1).map_or("thôn", |(n, _)| n)
            );
            let head_male = rng.random_bool(0.6);
            let head_year = rng.random_range(1950..=1995);
            let _ = writeln!(
                out,
                "{code},{commune}-{v:02},{address},{},{:02}/{:02}/{head_year},{},chủ hộ,1,09{:08},{}",
                person(rng, family, head_male),
                rng.random_range(1..=28),
                rng.random_range(1..=12),
                if head_male { "nam" } else { "nữ" },
                rng.random_range(0..100_000_000_u32),
                formed_on(h)
            );
            for _ in 0..rng.random_range(0..=4) {
                let male = rng.random_bool(0.5);
                let year = rng.random_range(1950..=2022);
                let _ = writeln!(
                    out,
                    "{code},{commune}-{v:02},{address},{},{:02}/{:02}/{year},{},{},0,,",
                    person(rng, family, male),
                    rng.random_range(1..=28),
                    rng.random_range(1..=12),
                    if male { "nam" } else { "nữ" },
                    if year > head_year + 15 {
                        "con"
                    } else {
                        "vợ/chồng"
                    }
                );
            }
        }
    }
    out
}
