//! Village-level procedures: electing the village head (Nghị định 59/2023/NĐ-CP Điều 6-9)
//! and the hương ước / quy ước (Nghị định 61/2023/NĐ-CP).

use serde::Deserialize;

use crate::leaf::Duration;
use crate::leaf_simple::{AnnualDate, Count};
use crate::ratio::Ratio;
use crate::walk::walk_fields;

/// Election of the village head (bầu trưởng thôn, tổ trưởng tổ dân phố).
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct VillageHeadElection {
    /// The commune's plan, at least this long before the election.
    pub plan: Duration,
    /// The election team is set up at least this long before.
    pub team: Duration,
    /// Public notice at least this long before.
    pub notice: Duration,
    /// Candidate list to the commune at least this long before.
    pub candidates: Duration,
    /// Minimum number of candidates.
    pub min_candidates: Count,
    /// A winner needs more than this share of all households.
    pub winner: Ratio,
    /// Recognition or re-vote decision within this time.
    pub recognition: Duration,
    /// After a dismissal, a new election within this time.
    pub after_dismissal: Duration,
}
walk_fields!(VillageHeadElection {
    plan,
    team,
    notice,
    candidates,
    min_candidates,
    winner,
    recognition,
    after_dismissal
});

/// The hương ước / quy ước of a thôn (village covenant).
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Covenant {
    /// The draft is posted for comment at least this long.
    pub draft_posting: Duration,
    /// Adoption threshold (Điều 10).
    pub adoption: Ratio,
    /// Households represented for an adoption meeting to be held (Điều 10).
    pub meeting_quorum: Ratio,
    /// The file goes to UBND xã within this time.
    pub file_to_commune: Duration,
    /// Recognition (or written refusal) within this time of a complete file.
    pub recognition: Duration,
    /// A complaint is answered (suspension) within this time.
    pub complaint_answer: Duration,
    /// A repeal is acted on within this time.
    pub repeal_action: Duration,
    /// The yearly review day.
    pub annual_review: AnnualDate,
}
walk_fields!(Covenant {
    draft_posting,
    adoption,
    meeting_quorum,
    file_to_commune,
    recognition,
    complaint_answer,
    repeal_action,
    annual_review
});
