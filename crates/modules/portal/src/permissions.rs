//! Actions of the portal and the roles that may take them, each held at a unit and reaching
//! its subtree: a commune officer of one commune may not write on another's portal.

use dinh_platform::accounts::{Permission, Role};

/// Write and edit news of the unit, as drafts (soạn tin).
pub const WRITE: Permission = Permission {
    action: "portal.write",
    roles: &[
        Role::SystemAdmin,
        Role::CommuneOfficer,
        Role::SteeringMember,
    ],
    description_vi: "Soạn và sửa tin bài của cổng thông tin",
    description_en: "Write and edit the portal's news",
};

/// Publish, schedule and unpublish news (duyệt, đăng, gỡ tin).
pub const PUBLISH: Permission = Permission {
    action: "portal.publish",
    roles: &[Role::SystemAdmin, Role::CommuneOfficer],
    description_vi: "Đăng, hẹn giờ đăng và gỡ tin bài",
    description_en: "Publish, schedule and unpublish news",
};

/// Moderate readers' comments and reply as the unit (kiểm duyệt bình luận, trả lời chính thức);
/// the only ones who see a commenter's e-mail.
pub const MODERATE: Permission = Permission {
    action: "portal.moderate",
    roles: &[Role::SystemAdmin, Role::CommuneOfficer],
    description_vi: "Kiểm duyệt bình luận và trả lời chính thức; xem thư điện tử người bình luận",
    description_en: "Moderate comments and reply officially; see commenters' e-mail",
};

/// Open and close polls (thăm dò ý kiến).
pub const POLLS: Permission = Permission {
    action: "portal.polls",
    roles: &[Role::SystemAdmin, Role::CommuneOfficer],
    description_vi: "Mở và đóng thăm dò ý kiến",
    description_en: "Open and close polls",
};

/// Every permission of the module.
pub const ALL: &[Permission] = &[WRITE, PUBLISH, MODERATE, POLLS];
