//! Community decisions (Nhân dân bàn và quyết định): Luật 10/2022/QH15 Điều 15-24,
//! Nghị định 59/2023/NĐ-CP.

use std::collections::BTreeSet;

use serde::Deserialize;

use crate::error::Problem;
use crate::leaf::{Duration, Leaf, leaf_source, yes};
use crate::leaf_simple::{Count, NumberList, Range};
use crate::ratio::Ratio;
use crate::walk::{Walk, Walker, compress};

/// The matters of Điều 15 that households decide.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Matter {
    /// 1. Public works funded wholly or partly by the people, and the contribution level.
    PublicWorks = 1,
    /// 2. Collection and use of community contributions and funds.
    CommunityFunds = 2,
    /// 3. The hương ước / quy ước.
    VillageCovenant = 3,
    /// 4. Electing and dismissing the village head (trưởng thôn).
    VillageHead = 4,
    /// 5. Electing and dismissing BTTND and BGSĐTCĐ members.
    OversightBoards = 5,
    /// 6. Other self-management matters.
    Other = 6,
}

impl Matter {
    /// Its number in Điều 15.
    pub fn number(self) -> u32 {
        self as u32
    }

    /// The matter with number `n`.
    pub fn from_number(n: u32) -> Option<Matter> {
        [
            Matter::PublicWorks,
            Matter::CommunityFunds,
            Matter::VillageCovenant,
            Matter::VillageHead,
            Matter::OversightBoards,
            Matter::Other,
        ]
        .into_iter()
        .find(|m| m.number() == n)
    }
}

/// Who decides: the households of one thôn or the thôn of the whole commune.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Scope {
    /// One thôn / tổ dân phố.
    Village,
    /// The whole commune (decided thôn by thôn).
    Commune,
}

/// The community-decision rules of a pack.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Decisions {
    /// The matters of Điều 15.
    pub matters: Vec<MatterRule>,
    /// Pass thresholds per matter and scope (Điều 21(1)).
    pub thresholds: Vec<Threshold>,
    /// Support needed for a citizen initiative (Điều 16).
    pub citizen_initiative: Ratio,
    /// How long initiative support stays valid (Điều 16).
    pub initiative_validity: Duration,
    /// Matters that must go to a meeting first (Điều 17).
    pub meeting_required_matters: NumberList,
    /// Matters that may be voted online (Điều 17).
    pub online_vote_matters: NumberList,
    /// Agreement needed to hold an online vote (Nghị định 59/2023 Điều 5).
    pub online_vote_consent: Ratio,
    /// Pass threshold of an online vote (Nghị định 59/2023 Điều 5).
    pub online_vote_pass: Ratio,
    /// Procedural votes at a meeting (Nghị định 59/2023 Điều 3(5)).
    pub procedural_vote: Ratio,
    /// Size of the counting board.
    pub counting_board: Range,
    /// Household witnesses of a secret count.
    pub secret_count_witnesses: Count,
    /// Thôn at least this large may meet by cluster (Điều 18(3)).
    pub cluster_meeting_min_households: Count,
    /// Notice and documents reach households at least this long before a meeting.
    pub meeting_notice: Duration,
    /// The ballot plan goes to the commune within this time of issuing it.
    pub ballot_plan_sent: Duration,
    /// Ballot content is published at least this long before distribution (Điều 19(2)).
    pub ballot_publication: Duration,
    /// Size of the ballot team.
    pub ballot_team: Range,
    /// The decision document reaches UBND xã and UBMTTQ xã within this time (Điều 20(3)).
    pub decision_document: Duration,
    /// Recognition or written refusal within this time of receipt (Điều 21(2)).
    pub recognition: Duration,
}

/// A matter of Điều 15 with its names.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MatterRule {
    /// Its number (1-6).
    pub number: u32,
    /// Vietnamese name.
    pub name_vi: String,
    /// English name.
    pub name_en: String,
    /// Legal citation.
    #[serde(default)]
    pub citation: String,
    /// Whether checked against the text (default true).
    #[serde(default = "yes")]
    pub verified: bool,
    /// Free remark for administrators.
    #[serde(default)]
    pub note: Option<String>,
}

/// The pass threshold of some matters in one scope.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Threshold {
    /// Village or commune.
    pub scope: Scope,
    /// Matter numbers it applies to.
    pub matters: Vec<u32>,
    /// The threshold.
    pub ratio: Ratio,
}

impl MatterRule {}

impl Decisions {
    /// The pass threshold of `matter` decided in one thôn.
    pub fn threshold(&self, matter: Matter) -> Option<&Ratio> {
        self.threshold_in(matter, Scope::Village)
    }

    /// The pass threshold of `matter` in a scope.
    pub fn threshold_in(&self, matter: Matter, scope: Scope) -> Option<&Ratio> {
        self.thresholds
            .iter()
            .find(|t| t.scope == scope && t.matters.contains(&matter.number()))
            .map(|t| &t.ratio)
    }

    /// The names and citation of a matter.
    pub fn matter(&self, matter: Matter) -> Option<&MatterRule> {
        self.matters.iter().find(|m| m.number == matter.number())
    }

    pub(crate) fn check(&self, out: &mut Vec<Problem>) {
        let mut known = BTreeSet::new();
        for (i, m) in self.matters.iter().enumerate() {
            if Matter::from_number(m.number).is_none() {
                out.push(Problem {
                    path: format!("decisions.matters[{i}].number"),
                    message: format!(
                        "matter {} does not exist: Điều 15 has matters 1-6",
                        m.number
                    ),
                });
            }
            if !known.insert(m.number) {
                out.push(Problem {
                    path: format!("decisions.matters[{i}].number"),
                    message: format!("matter {} is defined twice: keep one", m.number),
                });
            }
        }
        let mut covered = BTreeSet::new();
        for (i, t) in self.thresholds.iter().enumerate() {
            for n in &t.matters {
                if !known.contains(n) {
                    out.push(Problem {
                        path: format!("decisions.thresholds[{i}].matters"),
                        message: format!("matter {n} is not defined under [[decisions.matters]]"),
                    });
                }
                if !covered.insert((t.scope == Scope::Village, *n)) {
                    out.push(Problem {
                        path: format!("decisions.thresholds[{i}].matters"),
                        message: format!(
                            "matter {n} already has a {:?} threshold: thresholds overlap, keep one",
                            t.scope
                        ),
                    });
                }
            }
        }
        for n in &known {
            if !covered.contains(&(true, *n)) {
                out.push(Problem {
                    path: "decisions.thresholds".into(),
                    message: format!("matter {n} has no village threshold: add one"),
                });
            }
        }
    }
}

leaf_source!(MatterRule);

impl Leaf for MatterRule {
    fn value_text(&self) -> String {
        self.name_vi.clone()
    }
    fn unit_text(&self) -> String {
        "matter".into()
    }
}

impl Walk for Decisions {
    fn walk(&self, w: &mut Walker<'_>) {
        for m in &self.matters {
            w.leaf(&format!("matters.{}", m.number), m);
        }
        for t in &self.thresholds {
            let scope = match t.scope {
                Scope::Village => "village",
                Scope::Commune => "commune",
            };
            w.leaf(
                &format!("thresholds.{scope}.{}", compress(&t.matters)),
                &t.ratio,
            );
        }
        w.leaf("citizen_initiative", &self.citizen_initiative);
        w.leaf("initiative_validity", &self.initiative_validity);
        w.leaf("meeting_required_matters", &self.meeting_required_matters);
        w.leaf("online_vote_matters", &self.online_vote_matters);
        w.leaf("online_vote_consent", &self.online_vote_consent);
        w.leaf("online_vote_pass", &self.online_vote_pass);
        w.leaf("procedural_vote", &self.procedural_vote);
        w.leaf("counting_board", &self.counting_board);
        w.leaf("secret_count_witnesses", &self.secret_count_witnesses);
        w.leaf(
            "cluster_meeting_min_households",
            &self.cluster_meeting_min_households,
        );
        w.leaf("meeting_notice", &self.meeting_notice);
        w.leaf("ballot_plan_sent", &self.ballot_plan_sent);
        w.leaf("ballot_publication", &self.ballot_publication);
        w.leaf("ballot_team", &self.ballot_team);
        w.leaf("decision_document", &self.decision_document);
        w.leaf("recognition", &self.recognition);
    }
}
