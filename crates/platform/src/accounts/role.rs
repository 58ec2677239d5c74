//! Roles, each held at a unit and reaching that unit's subtree only.

use serde::Serialize;

/// A role in grassroots democracy work.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    /// Quản trị hệ thống: system administrator.
    SystemAdmin,
    /// Thành viên Ban Chỉ đạo: steering committee member.
    SteeringMember,
    /// Cán bộ xã: commune officer (UBND xã).
    CommuneOfficer,
    /// Trưởng thôn / tổ trưởng tổ dân phố: village head.
    VillageHead,
    /// Ban công tác Mặt trận: Front work team of the thôn.
    FrontWorkTeam,
    /// Thành viên Ban Thanh tra nhân dân: people's inspection board member.
    InspectionBoardMember,
    /// Ban Dân vận (Khối Dân vận at a commune): runs the "Dân vận khéo" movement.
    MassMobilisation,
    /// Người dân, đại diện hộ: resident, household representative.
    Resident,
}

impl Role {
    /// Every role.
    pub const ALL: [Role; 8] = [
        Role::SystemAdmin,
        Role::SteeringMember,
        Role::CommuneOfficer,
        Role::VillageHead,
        Role::FrontWorkTeam,
        Role::InspectionBoardMember,
        Role::MassMobilisation,
        Role::Resident,
    ];

    /// Stored name.
    pub fn as_str(self) -> &'static str {
        match self {
            Role::SystemAdmin => "system_admin",
            Role::SteeringMember => "steering_member",
            Role::CommuneOfficer => "commune_officer",
            Role::VillageHead => "village_head",
            Role::FrontWorkTeam => "front_work_team",
            Role::InspectionBoardMember => "inspection_board_member",
            Role::MassMobilisation => "mass_mobilisation",
            Role::Resident => "resident",
        }
    }

    /// Parses a stored name.
    pub fn parse(s: &str) -> Option<Role> {
        Self::ALL.into_iter().find(|r| r.as_str() == s)
    }

    /// Vietnamese name.
    pub fn label_vi(self) -> &'static str {
        match self {
            Role::SystemAdmin => "Quản trị hệ thống",
            Role::SteeringMember => "Thành viên Ban Chỉ đạo",
            Role::CommuneOfficer => "Cán bộ xã",
            Role::VillageHead => "Trưởng thôn / Tổ trưởng TDP",
            Role::FrontWorkTeam => "Ban công tác Mặt trận",
            Role::InspectionBoardMember => "Thành viên Ban Thanh tra nhân dân",
            Role::MassMobilisation => "Ban Dân vận / Khối Dân vận",
            Role::Resident => "Người dân (đại diện hộ)",
        }
    }

    /// English name.
    pub fn label_en(self) -> &'static str {
        match self {
            Role::SystemAdmin => "System administrator",
            Role::SteeringMember => "Steering committee member",
            Role::CommuneOfficer => "Commune officer",
            Role::VillageHead => "Village head",
            Role::FrontWorkTeam => "Front work team",
            Role::InspectionBoardMember => "People's inspection board member",
            Role::MassMobilisation => "Mass Mobilisation Board",
            Role::Resident => "Resident (household representative)",
        }
    }
}
