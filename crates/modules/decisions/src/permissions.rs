//! Actions of household decisions and the roles that may take them, each within the subtree of
//! the unit the role is held at.

use dinh_platform::accounts::{Permission, Role};

/// Propose a matter (đề xuất nội dung), open and close its vote, plan ballots, elections and
/// hương ước: the village head for the thôn, the commune for commune-wide matters.
pub const PROPOSE: Permission = Permission {
    action: "decisions.propose",
    roles: &[Role::SystemAdmin, Role::CommuneOfficer, Role::VillageHead],
    description_vi: "Đề xuất, mở và kết thúc việc Nhân dân bàn và quyết định",
    description_en: "Propose, open and close matters for household decision",
};

/// Run the procedure (tổ chức thực hiện): record attendance, meeting votes, paper ballots and their
/// second check, online-vote consent, secret counts, and the decision document.
pub const RUN: Permission = Permission {
    action: "decisions.run",
    roles: &[
        Role::SystemAdmin,
        Role::CommuneOfficer,
        Role::VillageHead,
        Role::FrontWorkTeam,
    ],
    description_vi: "Ghi điểm danh, biểu quyết, phiếu lấy ý kiến, kiểm phiếu và văn bản ghi nhận kết quả",
    description_en: "Record attendance, votes, ballots, counts and the decision document",
};

/// See who took part (danh sách hộ tham gia) and the households' open votes.
pub const VIEW_REGISTER: Permission = Permission {
    action: "decisions.view_register",
    roles: &[
        Role::SystemAdmin,
        Role::SteeringMember,
        Role::CommuneOfficer,
        Role::VillageHead,
        Role::FrontWorkTeam,
        Role::InspectionBoardMember,
    ],
    description_vi: "Xem danh sách hộ tham gia biểu quyết",
    description_en: "See the register of participating households",
};

/// Vote online, support an initiative or agree to an online vote, for one's own household
/// (đại diện hộ).
pub const VOTE: Permission = Permission {
    action: "decisions.vote",
    roles: &[Role::Resident, Role::VillageHead, Role::FrontWorkTeam],
    description_vi: "Biểu quyết trực tuyến, ủng hộ sáng kiến thay mặt hộ",
    description_en: "Vote online and support initiatives for one's household",
};

/// Recognise or refuse in writing (công nhận): the commune People's Committee or Front.
pub const RECOGNISE: Permission = Permission {
    action: "decisions.recognise",
    roles: &[Role::SystemAdmin, Role::CommuneOfficer],
    description_vi: "Công nhận hoặc từ chối công nhận kết quả",
    description_en: "Recognise a result or refuse in writing",
};

/// Approve a citizen initiative that has less than the pack's share of households (sự đồng ý
/// của Ban công tác Mặt trận, Luật 10/2022 Điều 16): the Front work team of the thôn only.
pub const FRONT_APPROVE: Permission = Permission {
    action: "decisions.front_approve",
    roles: &[Role::FrontWorkTeam],
    description_vi: "Đồng ý đưa sáng kiến chưa đủ số hộ ủng hộ ra lấy ý kiến",
    description_en: "Approve putting an initiative with too little support to the community",
};

/// Every permission of the module.
pub const ALL: &[Permission] = &[PROPOSE, RUN, VIEW_REGISTER, VOTE, RECOGNISE, FRONT_APPROVE];
