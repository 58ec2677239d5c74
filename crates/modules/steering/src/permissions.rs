//! Actions of the steering committees and the roles that may take them, each held at a unit
//! and reaching its subtree.

use dinh_platform::accounts::{Permission, Role};

/// Set up a committee and its members, plans, tasks, meetings, inspections and reports
/// (quản lý công việc của Ban Chỉ đạo).
pub const MANAGE: Permission = Permission {
    action: "steering.manage",
    roles: &[Role::SystemAdmin, Role::SteeringMember],
    description_vi: "Quản lý Ban Chỉ đạo: thành viên, kế hoạch, nhiệm vụ, hội nghị, kiểm tra, báo cáo",
    description_en: "Manage a steering committee: members, plans, tasks, meetings, inspections, reports",
};

/// Report progress on a task assigned to the unit (báo cáo tiến độ nhiệm vụ).
pub const REPORT_PROGRESS: Permission = Permission {
    action: "steering.report_progress",
    roles: &[
        Role::SystemAdmin,
        Role::SteeringMember,
        Role::CommuneOfficer,
    ],
    description_vi: "Báo cáo tiến độ thực hiện nhiệm vụ được giao",
    description_en: "Report progress on assigned tasks",
};

/// See the committee's work: plans, tasks, draft reports, inspections (xem công việc).
pub const VIEW: Permission = Permission {
    action: "steering.view",
    roles: &[
        Role::SystemAdmin,
        Role::SteeringMember,
        Role::CommuneOfficer,
        Role::InspectionBoardMember,
    ],
    description_vi: "Xem kế hoạch, nhiệm vụ, báo cáo và kết quả kiểm tra của Ban Chỉ đạo",
    description_en: "See the committee's plans, tasks, reports and inspections",
};

/// Sign off a review report (ký ban hành báo cáo).
pub const SIGN: Permission = Permission {
    action: "steering.sign",
    roles: &[Role::SystemAdmin, Role::SteeringMember],
    description_vi: "Ký ban hành báo cáo sơ kết, tổng kết",
    description_en: "Sign off review reports",
};

/// Every permission of the module.
pub const ALL: &[Permission] = &[MANAGE, REPORT_PROGRESS, VIEW, SIGN];
