//! Every write of the movement (one transaction with its audit entry; every check before the
//! first write, so a refusal leaves nothing behind) and the reads the pages share.

mod awards;
mod campaigns;
mod evaluations;
mod models;
mod read;
mod registrations;

pub use awards::{DecisionInput, ProposalInput, VoteInput, issue_decision, propose, record_vote};
pub use campaigns::{CampaignInput, open_campaign, parse_criteria};
pub use evaluations::{EvaluationInput, evaluate, score_field};
pub use models::{ModelInput, record_model};
pub use read::{
    Award, AwardDecision, Campaign, CountRow, Counts, Criterion, Evaluation, Model, Proposal,
    Registration, awards_for_unit, campaign, campaigns_for_unit, counts, criteria, decision,
    decision_awards, decisions_of, evaluations_of, model, models_of, proposals_of, registration,
    registrations_of, scores_of,
};
pub use registrations::{RegistrationInput, register, retally};

/// Who registers (đối tượng đăng ký).
pub mod kind {
    /// Tập thể: a party cell, a mass organisation, a thôn, an agency, a school.
    pub const COLLECTIVE: &str = "collective";
    /// Cá nhân.
    pub const INDIVIDUAL: &str = "individual";

    /// Its name in Vietnamese and English.
    pub fn name(code: &str) -> (&'static str, &'static str) {
        match code {
            INDIVIDUAL => ("Cá nhân", "Individual"),
            _ => ("Tập thể", "Collective"),
        }
    }
}

/// Who may register for a campaign.
pub mod eligible {
    /// Collectives only.
    pub const COLLECTIVES: &str = "collectives";
    /// Individuals only.
    pub const INDIVIDUALS: &str = "individuals";
    /// Both.
    pub const BOTH: &str = "both";

    /// Whether a registrant of `kind` may register under `eligible`.
    pub fn admits(eligible: &str, kind: &str) -> bool {
        match eligible {
            COLLECTIVES => kind == super::kind::COLLECTIVE,
            INDIVIDUALS => kind == super::kind::INDIVIDUAL,
            _ => true,
        }
    }

    /// Its name in Vietnamese and English.
    pub fn name(code: &str) -> (&'static str, &'static str) {
        match code {
            COLLECTIVES => ("Tập thể", "Collectives"),
            INDIVIDUALS => ("Cá nhân", "Individuals"),
            _ => ("Tập thể và cá nhân", "Collectives and individuals"),
        }
    }
}

/// Kinds of collective (loại tập thể).
pub mod collective {
    /// Every kind, by code, with its Vietnamese and English names.
    pub const ALL: &[(&str, &str, &str)] = &[
        ("party_cell", "Chi bộ", "Party cell"),
        ("mass_organisation", "Đoàn thể", "Mass organisation"),
        ("village", "Thôn, tổ dân phố", "Thôn or residential group"),
        ("agency", "Cơ quan, đơn vị", "Agency"),
        ("school", "Trường học", "School"),
        ("other", "Tập thể khác", "Other collective"),
    ];

    /// Its name in Vietnamese and English.
    pub fn name(code: &str) -> (&'static str, &'static str) {
        ALL.iter()
            .find(|(c, _, _)| *c == code)
            .map_or(("", ""), |(_, vi, en)| (*vi, *en))
    }
}

/// A model's standing (kết quả đánh giá).
pub mod status {
    /// Recorded, not yet evaluated.
    pub const PROPOSED: &str = "proposed";
    /// Công nhận: recognised.
    pub const RECOGNISED: &str = "recognised";
    /// Tiếp tục theo dõi: kept for review.
    pub const KEPT: &str = "kept";
    /// Không công nhận: rejected, with a reason.
    pub const REJECTED: &str = "rejected";

    /// Its name in Vietnamese and English.
    pub fn name(code: &str) -> (&'static str, &'static str) {
        match code {
            RECOGNISED => ("Được công nhận", "Recognised"),
            KEPT => ("Tiếp tục theo dõi", "Kept for review"),
            REJECTED => ("Không công nhận", "Not recognised"),
            _ => ("Chờ đánh giá", "Awaiting evaluation"),
        }
    }
}

/// What became of a proposal for commendation.
pub mod outcome {
    /// Awaiting the council's vote.
    pub const PENDING: &str = "pending";
    /// The council voted for it.
    pub const PASSED: &str = "passed";
    /// The council did not.
    pub const FAILED: &str = "failed";

    /// Its name in Vietnamese and English.
    pub fn name(code: &str) -> (&'static str, &'static str) {
        match code {
            PASSED => ("Hội đồng thông qua", "Passed by the council"),
            FAILED => ("Hội đồng không thông qua", "Not passed by the council"),
            _ => ("Chờ Hội đồng xét", "Awaiting the council"),
        }
    }
}

/// Longest title, name or document reference, in characters.
pub const TITLE_MAX: usize = 300;
/// Longest body (commitment, description, results, conclusion), in characters.
pub const BODY_MAX: usize = 8_000;
/// Most criteria a campaign has.
pub const CRITERIA_MAX: usize = 30;

pub(crate) use dinh_platform::write::{date_field, text_field};

/// A whole number in form field `field`, or a refusal naming it.
pub(crate) fn count_field(
    field: &'static str,
    text: &str,
    what: &str,
) -> Result<i64, dinh_platform::write::WriteError> {
    let t = text.trim().replace('.', "");
    t.parse::<i64>().ok().filter(|n| *n >= 0).ok_or_else(|| {
        dinh_platform::write::WriteError::invalid(
            field,
            format!("{what}: “{}” không phải là số nguyên không âm", text.trim()),
        )
    })
}
