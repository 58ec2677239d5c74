//! Actions of the emulation movement and the roles that may take them, each within the subtree
//! of the unit the role is held at.

use dinh_platform::accounts::{Permission, Role};

/// Open a campaign, record the council's vote and issue the award decision: the Mass
/// Mobilisation Board of the campaign's unit and the steering committee it serves.
pub const RUN: Permission = Permission {
    action: "emulation.run",
    roles: &[
        Role::SystemAdmin,
        Role::MassMobilisation,
        Role::SteeringMember,
    ],
    description_vi: "Phát động phong trào thi đua, ghi kết quả xét của Hội đồng, ban hành quyết định khen thưởng",
    description_en: "Open an emulation campaign, record the council's vote, issue the award decision",
};

/// Survey and evaluate models and propose them for commendation: the Mass Mobilisation Board
/// of the model's unit or a unit above it, and the steering committee.
pub const EVALUATE: Permission = Permission {
    action: "emulation.evaluate",
    roles: &[
        Role::SystemAdmin,
        Role::MassMobilisation,
        Role::SteeringMember,
    ],
    description_vi: "Khảo sát, đánh giá mô hình dân vận khéo, đề nghị khen thưởng",
    description_en: "Survey and evaluate models, propose them for commendation",
};

/// Record registrations and models (the lower units' boards gather them): the boards, the
/// commune's officers, the village head and the Front work team.
pub const REGISTER: Permission = Permission {
    action: "emulation.register",
    roles: &[
        Role::SystemAdmin,
        Role::MassMobilisation,
        Role::SteeringMember,
        Role::CommuneOfficer,
        Role::VillageHead,
        Role::FrontWorkTeam,
    ],
    description_vi: "Ghi nhận đăng ký thi đua của tập thể, cá nhân và mô hình dân vận khéo",
    description_en: "Record registrations of collectives and individuals and their models",
};

/// Every permission of the capability.
pub const ALL: &[Permission] = &[RUN, EVALUATE, REGISTER];
