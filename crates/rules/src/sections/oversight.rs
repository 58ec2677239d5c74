//! Inspection and supervision (kiểm tra, giám sát): Luật 10/2022/QH15 Điều 31-45,
//! Nghị định 59/2023/NĐ-CP Điều 12-17, and the rules for agencies and enterprises.

use serde::Deserialize;

use crate::leaf::{Duration, Frequency};
use crate::leaf_simple::{Count, Range};
use crate::ratio::Ratio;
use crate::walk::{Walk, Walker, walk_fields};

/// The oversight rules of a pack.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Oversight {
    /// Dialogue conferences of UBND xã with the people (Điều 32).
    pub dialogue_conference: Frequency,
    /// Notice of a thôn's year-end conference, at least this long before (Điều 33).
    pub year_end_conference_notice: Duration,
    /// The commune People's Inspection Board (BTTND).
    pub inspection_board: InspectionBoard,
    /// The Community Investment Supervision Board (BGSĐTCĐ).
    pub investment_board: InvestmentBoard,
    /// Agencies and enterprises.
    pub agency: AgencyRules,
}

/// Ban Thanh tra nhân dân ở xã.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct InspectionBoard {
    /// Members per thôn.
    pub members_per_village: Count,
    /// At least this many members.
    pub min_members: Count,
    /// At most this many deputy heads.
    pub max_deputies: Count,
    /// Election threshold at the community meeting.
    pub election: Ratio,
    /// Each inspection plan reaches the Front, the chairman and the subject this long before.
    pub plan_notice: Duration,
    /// UBND xã answers its recommendations within this time.
    pub answer: Duration,
    /// A vacancy is filled by election when at least this much of the term remains.
    pub by_election_min_remaining: Duration,
}
walk_fields!(InspectionBoard {
    members_per_village,
    min_members,
    max_deputies,
    election,
    plan_notice,
    answer,
    by_election_min_remaining
});

/// Ban Giám sát đầu tư của cộng đồng.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct InvestmentBoard {
    /// At least this many members.
    pub min_members: Count,
    /// At most this many resident members.
    pub max_residents: Count,
    /// The investor is notified at least this long before supervision starts.
    pub investor_notice: Duration,
    /// UBND xã answers within this time.
    pub answer: Duration,
}
walk_fields!(InvestmentBoard {
    min_members,
    max_residents,
    investor_notice,
    answer
});

/// Agencies, public units and enterprises.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AgencyRules {
    /// Members of an agency's BTTND.
    pub board_members: Range,
    /// Term of an agency's BTTND.
    pub board_term: Duration,
    /// The annual staff conference is held within this time after the year ends.
    pub staff_conference_within: Duration,
    /// The staff conference is valid with this share present.
    pub staff_conference_quorum: Ratio,
    /// Its resolutions pass with this share of those present.
    pub staff_conference_pass: Ratio,
    /// An enterprise's workplace dialogue needs this share of worker representatives.
    pub enterprise_dialogue_quorum: Ratio,
}
walk_fields!(AgencyRules {
    board_members,
    board_term,
    staff_conference_within,
    staff_conference_quorum,
    staff_conference_pass,
    enterprise_dialogue_quorum
});

impl Walk for Oversight {
    fn walk(&self, w: &mut Walker<'_>) {
        w.leaf("dialogue_conference", &self.dialogue_conference);
        w.leaf(
            "year_end_conference_notice",
            &self.year_end_conference_notice,
        );
        w.nest("inspection_board", |w| self.inspection_board.walk(w));
        w.nest("investment_board", |w| self.investment_board.walk(w));
        w.nest("agency", |w| self.agency.walk(w));
    }
}
