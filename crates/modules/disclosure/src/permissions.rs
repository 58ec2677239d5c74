//! Actions of the disclosure register and the roles that may take them, each held at a unit
//! and reaching its subtree.

use dinh_platform::accounts::{Permission, Role};

/// Publish and correct disclosures, attach files (công bố, đính chính thông tin công khai).
pub const PUBLISH: Permission = Permission {
    action: "disclosure.publish",
    roles: &[Role::SystemAdmin, Role::CommuneOfficer],
    description_vi: "Công bố, đính chính thông tin công khai",
    description_en: "Publish and correct disclosures",
};

/// Record a posting, broadcast or delivery (ghi nhận niêm yết, phát thanh, chuyển đến hộ).
pub const RECORD_PROOF: Permission = Permission {
    action: "disclosure.record_proof",
    roles: &[Role::SystemAdmin, Role::CommuneOfficer, Role::VillageHead],
    description_vi: "Ghi nhận niêm yết, phát thanh, chuyển thông tin đến hộ",
    description_en: "Record postings, broadcasts and deliveries",
};

/// See the work dashboard: due, overdue and running duties, reminders.
pub const VIEW_WORK: Permission = Permission {
    action: "disclosure.view_work",
    roles: &[
        Role::SystemAdmin,
        Role::CommuneOfficer,
        Role::VillageHead,
        Role::SteeringMember,
        Role::InspectionBoardMember,
    ],
    description_vi: "Xem bảng theo dõi công khai (đến hạn, quá hạn, đang niêm yết)",
    description_en: "See the disclosure dashboard (due, overdue, running)",
};

/// Every permission of the module.
pub const ALL: &[Permission] = &[PUBLISH, RECORD_PROOF, VIEW_WORK];
