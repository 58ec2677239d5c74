//! Actions of the units capability and the roles that may take them.

use crate::accounts::{Permission, Role};

/// See the households of a residential community (names, addresses, representatives).
pub const VIEW_HOUSEHOLDS: Permission = Permission {
    action: "households.view",
    roles: &[
        Role::SystemAdmin,
        Role::SteeringMember,
        Role::CommuneOfficer,
        Role::VillageHead,
        Role::FrontWorkTeam,
    ],
    description_vi: "Xem danh sách hộ gia đình",
    description_en: "See the household list",
};

/// Import or change units, lineage and households.
pub const MANAGE_UNITS: Permission = Permission {
    action: "units.manage",
    roles: &[Role::SystemAdmin],
    description_vi: "Nhập, sửa đơn vị hành chính và hộ gia đình",
    description_en: "Import and change units and households",
};

/// Every permission of the capability, with the platform's account administration.
pub const ALL: &[Permission] = &[
    VIEW_HOUSEHOLDS,
    MANAGE_UNITS,
    crate::accounts::admin::MANAGE_ACCOUNTS,
];
