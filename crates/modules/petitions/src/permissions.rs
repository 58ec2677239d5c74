//! Actions of the petitions capability and the roles that may take them, each within the
//! subtree of the unit the role is held at.

use dinh_platform::accounts::{Permission, Role};

/// See work lists, cases (never the denouncer), reception schedules, the book, indicators.
pub const VIEW: Permission = Permission {
    action: "petitions.view",
    roles: &[
        Role::SystemAdmin,
        Role::SteeringMember,
        Role::CommuneOfficer,
        Role::InspectionBoardMember,
    ],
    description_vi: "Xem đơn thư, lịch tiếp công dân, sổ tiếp công dân",
    description_en: "See petitions, reception schedules and the reception book",
};

/// Receive, classify, assign, accept, extend, resolve; keep schedules and the book.
pub const HANDLE: Permission = Permission {
    action: "petitions.handle",
    roles: &[Role::SystemAdmin, Role::CommuneOfficer],
    description_vi: "Tiếp nhận, phân loại, thụ lý, gia hạn, giải quyết đơn thư",
    description_en: "Receive, classify, accept, extend and resolve petitions",
};

/// Read a protected identity; also requires being the case's assigned handler.
pub const READ_IDENTITY: Permission = Permission {
    action: "petitions.read_identity",
    roles: &[Role::SystemAdmin, Role::CommuneOfficer],
    description_vi: "Xem thông tin người tố cáo (chỉ người được giao xử lý)",
    description_en: "Read a denouncer's identity (assigned handler only)",
};

/// Record mediation teams and disputes mediated.
pub const MEDIATE: Permission = Permission {
    action: "petitions.mediate",
    roles: &[
        Role::SystemAdmin,
        Role::CommuneOfficer,
        Role::VillageHead,
        Role::FrontWorkTeam,
    ],
    description_vi: "Ghi nhận hòa giải ở cơ sở",
    description_en: "Record grassroots mediation",
};

/// Plan dialogue conferences and follow up commitments.
pub const DIALOGUE: Permission = Permission {
    action: "petitions.dialogue",
    roles: &[Role::SystemAdmin, Role::CommuneOfficer],
    description_vi: "Tổ chức đối thoại và theo dõi cam kết",
    description_en: "Hold dialogues and follow up commitments",
};

/// Every permission of the capability.
pub const ALL: &[Permission] = &[VIEW, HANDLE, READ_IDENTITY, MEDIATE, DIALOGUE];
