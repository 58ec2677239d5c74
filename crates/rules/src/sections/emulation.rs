//! The "Dân vận khéo" emulation movement and its awards (thi đua, khen thưởng): Luật Thi đua,
//! khen thưởng 06/2022/QH15 and the guidance of the Mass Mobilisation Boards. The fields a
//! campaign covers, the commendations a council may propose, the council's majority, and the
//! live figures shown beside a model's claim.

use std::collections::BTreeSet;

use serde::Deserialize;

use crate::error::Problem;
use crate::leaf::{Leaf, leaf_source, yes};
use crate::ratio::Ratio;
use crate::walk::{Walk, Walker};

/// The emulation rules of a pack.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Emulation {
    /// The fields (lĩnh vực) a campaign may cover: economy, culture, security, …
    #[serde(default)]
    pub fields: Vec<EmulationEntry>,
    /// The commendations (hình thức khen thưởng) a council may propose: giấy khen, bằng khen.
    #[serde(default)]
    pub awards: Vec<EmulationEntry>,
    /// The share of the emulation council's members who must vote for a proposal for it to
    /// pass (Hội đồng Thi đua, Khen thưởng). None: a council vote cannot be recorded.
    #[serde(default)]
    pub council_majority: Option<Ratio>,
    /// Indicator keys read for a model's unit and shown beside its claim on the evaluation
    /// page (the thôn's disclosure on time, vote participation, …). Keys no module publishes
    /// are skipped.
    #[serde(default)]
    pub evidence: Vec<String>,
}

/// A field or an award, by its stable code, with its names and legal basis.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EmulationEntry {
    /// Stable code (`economy`, `giay_khen_xa`, …), recorded on registrations and awards.
    pub code: String,
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

leaf_source!(EmulationEntry);

impl Leaf for EmulationEntry {
    fn value_text(&self) -> String {
        self.name_vi.clone()
    }
    fn unit_text(&self) -> String {
        String::new()
    }
}

impl Emulation {
    /// The field coded `code`.
    pub fn field(&self, code: &str) -> Option<&EmulationEntry> {
        self.fields.iter().find(|f| f.code == code)
    }

    /// The award coded `code`.
    pub fn award(&self, code: &str) -> Option<&EmulationEntry> {
        self.awards.iter().find(|a| a.code == code)
    }

    pub(crate) fn check(&self, out: &mut Vec<Problem>) {
        for (list, entries) in [("fields", &self.fields), ("awards", &self.awards)] {
            let mut codes = BTreeSet::new();
            for (i, e) in entries.iter().enumerate() {
                let well_formed = !e.code.is_empty()
                    && e.code
                        .chars()
                        .all(|ch| ch.is_ascii_lowercase() || ch.is_ascii_digit() || ch == '_');
                if !well_formed {
                    out.push(Problem {
                        path: format!("emulation.{list}[{i}].code"),
                        message: format!(
                            "code '{}' must be lower-case letters, digits and '_'",
                            e.code
                        ),
                    });
                }
                if !codes.insert(e.code.as_str()) {
                    out.push(Problem {
                        path: format!("emulation.{list}[{i}].code"),
                        message: format!("'{}' is defined twice: keep one", e.code),
                    });
                }
            }
        }
    }
}

impl Walk for Emulation {
    fn walk(&self, w: &mut Walker<'_>) {
        for f in &self.fields {
            w.leaf(&format!("fields.{}", f.code), f);
        }
        for a in &self.awards {
            w.leaf(&format!("awards.{}", a.code), a);
        }
        if let Some(r) = &self.council_majority {
            w.leaf("council_majority", r);
        }
    }
}
