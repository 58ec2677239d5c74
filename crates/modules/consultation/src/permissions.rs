//! Actions of the consultation capability (lấy ý kiến Nhân dân) and the roles that may take
//! them, each within the subtree of the unit the role is held at.

use dinh_platform::accounts::{Permission, Role};

/// Open a consultation on a draft, answer each comment (tiếp thu, giải trình) and close it
/// with its synthesis: the commune's officers, on behalf of the chairman.
pub const MANAGE: Permission = Permission {
    action: "consultation.manage",
    roles: &[Role::SystemAdmin, Role::CommuneOfficer],
    description_vi: "Tổ chức lấy ý kiến Nhân dân, tiếp thu, giải trình và tổng hợp",
    description_en: "Run consultations, answer comments and publish the synthesis",
};

/// Enter a comment received at a meeting, by letter, in the comment box or from an
/// organisation, with its source: also the village head and the Front's work team, who hold
/// the meetings of the thôn.
pub const RECORD: Permission = Permission {
    action: "consultation.record",
    roles: &[
        Role::SystemAdmin,
        Role::CommuneOfficer,
        Role::VillageHead,
        Role::FrontWorkTeam,
    ],
    description_vi: "Ghi nhận ý kiến góp ý nhận qua hội nghị, văn bản, hòm thư, tổ chức",
    description_en: "Enter comments received at meetings, by letter, box or organisation",
};

/// Every permission of the capability.
pub const ALL: &[Permission] = &[MANAGE, RECORD];
