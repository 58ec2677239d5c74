//! Actions of the oversight capability and the roles that may take them, each within the
//! subtree of the unit the role is held at.

use dinh_platform::accounts::{Permission, Role};

/// Record an investment project and a board elected and recognised (its members, their
/// positions and declarations): the commune's officers, who keep the records of the commune.
pub const BOARDS: Permission = Permission {
    action: "oversight.boards",
    roles: &[Role::SystemAdmin, Role::CommuneOfficer],
    description_vi: "Ghi nhận dự án đầu tư, Ban Thanh tra nhân dân, Ban Giám sát đầu tư của cộng đồng",
    description_en: "Record investment projects and the oversight boards",
};

/// Record an inspection or supervision, its findings and recommendations, and reject an
/// answer: the members of the boards.
pub const INSPECT: Permission = Permission {
    action: "oversight.inspect",
    roles: &[Role::SystemAdmin, Role::InspectionBoardMember],
    description_vi: "Ghi nhận cuộc kiểm tra, giám sát, kết quả và kiến nghị; không chấp nhận trả lời",
    description_en: "Record inspections, findings and recommendations; reject answers",
};

/// Answer a recommendation on behalf of the authority (UBND xã): the commune's officers.
pub const ANSWER: Permission = Permission {
    action: "oversight.answer",
    roles: &[Role::SystemAdmin, Role::CommuneOfficer],
    description_vi: "Trả lời kiến nghị của Ban Thanh tra nhân dân, Ban Giám sát đầu tư của cộng đồng",
    description_en: "Answer the boards' recommendations",
};

/// Every permission of the capability.
pub const ALL: &[Permission] = &[BOARDS, INSPECT, ANSWER];
