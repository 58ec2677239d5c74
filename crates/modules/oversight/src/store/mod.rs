//! Every write of the capability (one transaction with its audit entry; every check before the
//! first write, so a refusal leaves nothing behind) and the reads the pages share.

mod activities;
mod boards;
mod read;
mod recommendations;

pub use activities::{ActivityInput, FindingInput, record_activity, record_finding};
pub use boards::{
    BoardInput, MemberInput, ProjectInput, parse_members, record_board, record_project,
};
pub use read::{
    Activity, Board, Finding, Member, Project, Recommendation, activities_of_board, activity,
    board, boards_for_unit, findings_of_activity, members, project, projects_for_unit,
    recommendation, recommendations_for_unit, recommendations_of_activity,
};
pub use recommendations::{AnswerInput, RecommendationInput, answer, recommend, reject_answer};

use dinh_platform::write::WriteError;

/// The kinds of board.
pub mod kind {
    /// Ban Thanh tra nhân dân of a commune.
    pub const INSPECTION: &str = "inspection";
    /// Ban Giám sát đầu tư của cộng đồng of a project.
    pub const INVESTMENT: &str = "investment";

    /// Its name in Vietnamese and English.
    pub fn name(code: &str) -> (&'static str, &'static str) {
        match code {
            INSPECTION => ("Ban Thanh tra nhân dân", "People's Inspection Board"),
            _ => (
                "Ban Giám sát đầu tư của cộng đồng",
                "Community Investment Supervision Board",
            ),
        }
    }
}

/// Positions on a board.
pub mod position {
    /// Trưởng ban.
    pub const HEAD: &str = "head";
    /// Phó trưởng ban.
    pub const DEPUTY: &str = "deputy";
    /// Thành viên.
    pub const MEMBER: &str = "member";

    /// Its name in Vietnamese and English.
    pub fn name(code: &str) -> (&'static str, &'static str) {
        match code {
            HEAD => ("Trưởng ban", "Head"),
            DEPUTY => ("Phó trưởng ban", "Deputy head"),
            _ => ("Thành viên", "Member"),
        }
    }
}

/// States of a recommendation (the overdue state is read from the clock, see
/// [`Recommendation::state`]).
pub mod status {
    /// Sent, awaiting the authority's answer.
    pub const DUE: &str = "due";
    /// Past its answer day without an answer (computed).
    pub const OVERDUE: &str = "overdue";
    /// Answered by the authority.
    pub const ANSWERED: &str = "answered";
    /// The board did not accept the answer.
    pub const REJECTED: &str = "rejected";

    /// Its name in Vietnamese and English.
    pub fn name(code: &str) -> (&'static str, &'static str) {
        match code {
            DUE => ("Đang chờ trả lời", "Awaiting the answer"),
            OVERDUE => ("Quá hạn trả lời", "Overdue"),
            ANSWERED => ("Đã trả lời", "Answered"),
            _ => (
                "Ban không chấp nhận trả lời",
                "Answer rejected by the board",
            ),
        }
    }
}

/// Longest text of a name or title, in characters.
pub const TITLE_MAX: usize = 300;
/// Longest body (scope, finding, recommendation, answer), in characters.
pub const BODY_MAX: usize = 8_000;
/// Most members of a board.
pub const MEMBERS_MAX: usize = 60;

pub(crate) use dinh_calendar::fmt::dmy;
pub(crate) use dinh_platform::write::{date_field, text_field};

/// An id written in `field`.
pub(crate) fn id_field(field: &'static str, text: &str, what: &str) -> Result<i64, WriteError> {
    text.trim()
        .parse()
        .map_err(|_| WriteError::invalid(field, format!("chọn {what}")))
}
