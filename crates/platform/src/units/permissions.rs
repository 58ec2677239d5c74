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

/// Record a household representative's consent to text messages, as they gave it to the
/// officer or village head (ghi nhận đồng ý nhận tin nhắn), and withdraw it.
pub const RECORD_CONSENT: Permission = Permission {
    action: "households.consent",
    roles: &[Role::SystemAdmin, Role::CommuneOfficer, Role::VillageHead],
    description_vi: "Ghi nhận chủ hộ đồng ý nhận tin nhắn",
    description_en: "Record a representative's consent to text messages",
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
    RECORD_CONSENT,
    MANAGE_UNITS,
    crate::accounts::admin::MANAGE_ACCOUNTS,
];
