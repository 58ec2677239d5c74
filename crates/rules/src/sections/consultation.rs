//! Consultation (Nhân dân tham gia ý kiến): Luật 10/2022/QH15 Điều 25-28.

use std::collections::BTreeSet;

use serde::Deserialize;

use crate::error::Problem;
use crate::leaf::{Duration, Leaf, leaf_source, yes};
use crate::leaf_simple::Count;
use crate::walk::{Walk, Walker};

/// The consultation rules of a pack.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Consultation {
    /// A consultation stays open at least this long from publication (Điều 28(2)).
    pub min_duration: Duration,
    /// The category (khoản) of Điều 11 under which a consultation's plan, its draft, the
    /// synthesis of comments and the answers are disclosed: publishing a consultation raises
    /// that disclosure duty. None: no duty is raised.
    #[serde(default)]
    pub disclosure_category: Option<Count>,
    /// The matters the people are consulted on (nội dung Nhân dân tham gia ý kiến, Điều 25).
    #[serde(default)]
    pub matters: Vec<ConsultationMatter>,
    /// The forms of consultation (hình thức tham gia ý kiến, Điều 26) and the other ways a
    /// comment arrives.
    #[serde(default)]
    pub channels: Vec<ConsultationChannel>,
}

/// A matter of Điều 25 (e.g. the commune's land-use plan) with its names.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ConsultationMatter {
    /// Its number in the pack (stable, recorded on each consultation).
    pub number: u32,
    /// Vietnamese name.
    pub name_vi: String,
    /// English name.
    pub name_en: String,
    /// A draft decision that burdens a named person: the person is heard first (Điều 27).
    #[serde(default)]
    pub named_person: bool,
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

/// A form of consultation (Điều 26: website, meeting, household ballot, comment box, the
/// Front and mass organisations, social networks), by its stable code.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ConsultationChannel {
    /// Stable code (`website`, `meeting`, …).
    pub code: String,
    /// Vietnamese name.
    pub name_vi: String,
    /// English name.
    pub name_en: String,
    /// Comments by this channel come from the Front or a mass organisation.
    #[serde(default)]
    pub organisation: bool,
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

impl Consultation {
    /// The matter numbered `number`.
    pub fn matter(&self, number: u32) -> Option<&ConsultationMatter> {
        self.matters.iter().find(|m| m.number == number)
    }

    /// The channel coded `code`.
    pub fn channel(&self, code: &str) -> Option<&ConsultationChannel> {
        self.channels.iter().find(|c| c.code == code)
    }

    pub(crate) fn check(&self, out: &mut Vec<Problem>) {
        let mut numbers = BTreeSet::new();
        for (i, m) in self.matters.iter().enumerate() {
            if !numbers.insert(m.number) {
                out.push(Problem {
                    path: format!("consultation.matters[{i}].number"),
                    message: format!("matter {} is defined twice: keep one", m.number),
                });
            }
        }
        let mut codes = BTreeSet::new();
        for (i, c) in self.channels.iter().enumerate() {
            let well_formed = !c.code.is_empty()
                && c.code
                    .chars()
                    .all(|ch| ch.is_ascii_lowercase() || ch == '_');
            if !well_formed {
                out.push(Problem {
                    path: format!("consultation.channels[{i}].code"),
                    message: format!(
                        "channel code '{}' must be lower-case letters and '_'",
                        c.code
                    ),
                });
            }
            if !codes.insert(c.code.as_str()) {
                out.push(Problem {
                    path: format!("consultation.channels[{i}].code"),
                    message: format!("channel '{}' is defined twice: keep one", c.code),
                });
            }
        }
    }
}

leaf_source!(ConsultationMatter);
leaf_source!(ConsultationChannel);

impl Leaf for ConsultationMatter {
    fn value_text(&self) -> String {
        self.name_vi.clone()
    }
    fn unit_text(&self) -> String {
        "matter".into()
    }
}

impl Leaf for ConsultationChannel {
    fn value_text(&self) -> String {
        self.name_vi.clone()
    }
    fn unit_text(&self) -> String {
        "channel".into()
    }
}

impl Walk for Consultation {
    fn walk(&self, w: &mut Walker<'_>) {
        w.leaf("min_duration", &self.min_duration);
        if let Some(c) = &self.disclosure_category {
            w.leaf("disclosure_category", c);
        }
        for m in &self.matters {
            w.leaf(&format!("matters.{}", m.number), m);
        }
        for c in &self.channels {
            w.leaf(&format!("channels.{}", c.code), c);
        }
    }
}
