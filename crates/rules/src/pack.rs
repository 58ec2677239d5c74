//! A rule pack: every legal number, with citations, in force from a date.

use chrono::NaiveDate;
use serde::Deserialize;

use crate::error::{Problem, RulePackError};
use crate::leaf::Leaf;
use crate::sections::consultation::Consultation;
use crate::sections::decisions::Decisions;
use crate::sections::disclosure::Disclosure;
use crate::sections::emulation::Emulation;
use crate::sections::oversight::Oversight;
use crate::sections::petitions::{Complaints, Denunciations, Feedback};
use crate::sections::reception::Reception;
use crate::sections::village::{Covenant, VillageHeadElection};
use crate::sections::works::Works;
use crate::walk::{RuleRow, Walk, Walker};

/// The format version this code reads.
pub const FORMAT_VERSION: u32 = 1;

/// A versioned set of legal rules (bộ quy tắc) in force from `effective_from`.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RulePack {
    /// Format version of the file; must be 1.
    pub format: u32,
    /// Stable id recorded by every case started under the pack, e.g. "vn-2026-07".
    pub id: String,
    /// Vietnamese title.
    pub title_vi: String,
    /// English title.
    pub title_en: String,
    /// First day in force.
    #[serde(deserialize_with = "crate::date::date")]
    pub effective_from: NaiveDate,
    /// Last day in force, if known; otherwise until the next pack starts.
    #[serde(default, deserialize_with = "crate::date::opt_date")]
    pub effective_to: Option<NaiveDate>,
    /// The legal texts the pack digests.
    #[serde(default)]
    pub sources: Vec<String>,
    /// Free remark for administrators.
    #[serde(default)]
    pub note: Option<String>,
    /// Disclosure (công khai).
    pub disclosure: Disclosure,
    /// Community decisions (bàn và quyết định).
    pub decisions: Decisions,
    /// Village head election (bầu trưởng thôn).
    pub village_head_election: VillageHeadElection,
    /// Hương ước / quy ước.
    pub covenant: Covenant,
    /// Consultation (tham gia ý kiến).
    pub consultation: Consultation,
    /// Inspection and supervision (kiểm tra, giám sát).
    pub oversight: Oversight,
    /// Community works funded by the people (công trình do Nhân dân đóng góp).
    #[serde(default)]
    pub works: Works,
    /// The "Dân vận khéo" emulation movement and its awards (thi đua, khen thưởng).
    #[serde(default)]
    pub emulation: Emulation,
    /// Citizen reception (tiếp công dân).
    pub reception: Reception,
    /// Complaints (khiếu nại).
    pub complaints: Complaints,
    /// Denunciations (tố cáo).
    pub denunciations: Denunciations,
    /// Feedback on administrative regulations (phản ánh, kiến nghị).
    pub feedback: Feedback,
    /// FNV-1a hash of the source text (hex): lets a case detect that the file of its pack
    /// changed. Not a security measure.
    #[serde(skip)]
    pub fingerprint: String,
}

fn fnv1a(text: &str) -> String {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in text.bytes() {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    format!("{h:016x}")
}

fn line_of(text: &str, offset: usize) -> usize {
    text.get(..offset.min(text.len()))
        .map_or(0, |t| t.matches('\n').count())
        + 1
}

/// Turns a serde message into advice.
fn advise(message: &str) -> String {
    if message.starts_with("unknown field") {
        format!("unknown key: {message}; remove it or correct its spelling")
    } else if message.starts_with("missing field") {
        format!("{message}: add this key")
    } else if message.starts_with("unknown variant") {
        format!("{message}: use one of the listed values")
    } else {
        message.to_string()
    }
}

impl RulePack {
    /// Reads and validates a pack from TOML text.
    pub fn parse(text: &str) -> Result<RulePack, RulePackError> {
        Self::parse_from(text, "<text>")
    }

    /// Reads and validates a pack; `origin` (a file name) names it in errors.
    pub fn parse_from(text: &str, origin: &str) -> Result<RulePack, RulePackError> {
        let format_error = |e: toml::de::Error, path: String| {
            // A key missing from the top level has no useful line.
            let top_missing = path.is_empty() && e.message().starts_with("missing field");
            let line = e
                .span()
                .filter(|_| !top_missing)
                .map(|s| line_of(text, s.start));
            RulePackError::Format {
                origin: origin.to_string(),
                problem: Problem {
                    path: if path.is_empty() || path == "." {
                        "(top)".into()
                    } else {
                        path
                    },
                    message: advise(e.message()),
                },
                line,
            }
        };
        let de = toml::Deserializer::parse(text).map_err(|e| format_error(e, String::new()))?;
        let mut pack: RulePack = serde_path_to_error::deserialize(de).map_err(|e| {
            let path = e.path().to_string();
            format_error(e.into_inner(), path)
        })?;
        pack.fingerprint = fnv1a(text);
        pack.validate().map_err(|e| match e {
            RulePackError::Invalid { problems, .. } => RulePackError::Invalid {
                origin: origin.to_string(),
                problems,
            },
            other => other,
        })?;
        Ok(pack)
    }

    /// Checks the rules of the format, listing every problem with its key path: missing
    /// citations, zero or negative durations, ratios above 1, overlapping categories or
    /// thresholds, `effective_to` before `effective_from`, an unknown format version.
    pub fn validate(&self) -> Result<(), RulePackError> {
        let mut problems = Vec::new();
        if self.format != FORMAT_VERSION {
            problems.push(Problem {
                path: "format".into(),
                message: format!(
                    "format {} is not supported: this version reads format {FORMAT_VERSION}",
                    self.format
                ),
            });
        }
        let id_ok = !self.id.is_empty()
            && self
                .id
                .chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-' || c == '.');
        if !id_ok {
            problems.push(Problem {
                path: "id".into(),
                message: format!(
                    "id {:?} must be lowercase letters, digits, '-' or '.'",
                    self.id
                ),
            });
        }
        if self.title_vi.trim().is_empty() || self.title_en.trim().is_empty() {
            problems.push(Problem {
                path: "title_vi".into(),
                message: "title_vi and title_en must both be filled in".into(),
            });
        }
        if let Some(to) = self.effective_to
            && to < self.effective_from
        {
            problems.push(Problem {
                path: "effective_to".into(),
                message: format!(
                    "effective_to {to} is before effective_from {}: correct one of the dates",
                    self.effective_from
                ),
            });
        }
        self.walk(&mut Walker::new(&mut |path: &str, leaf: &dyn Leaf| {
            if leaf.citation().trim().is_empty() {
                problems.push(Problem {
                    path: format!("{path}.citation"),
                    message: "missing citation: add citation = \"<văn bản>, Điều <n>\" naming the legal basis".into(),
                });
            }
            leaf.check(path, &mut problems);
        }));
        self.disclosure.check(&mut problems);
        self.decisions.check(&mut problems);
        self.consultation.check(&mut problems);
        self.emulation.check(&mut problems);
        if problems.is_empty() {
            Ok(())
        } else {
            Err(RulePackError::Invalid {
                origin: self.id.clone(),
                problems,
            })
        }
    }

    /// Every rule as a row (key path, value, unit, citation, verified), in file order.
    pub fn rows(&self) -> Vec<RuleRow> {
        let mut rows = Vec::new();
        self.walk(&mut Walker::new(&mut |path: &str, leaf: &dyn Leaf| {
            rows.push(RuleRow {
                key: path.to_string(),
                value: leaf.value_text(),
                unit: leaf.unit_text(),
                citation: leaf.citation().to_string(),
                verified: leaf.verified(),
            });
        }));
        rows
    }

    /// Whether the pack's own dates cover `date` (ignoring later packs).
    pub fn covers(&self, date: NaiveDate) -> bool {
        self.effective_from <= date && self.effective_to.is_none_or(|to| date <= to)
    }
}

impl Walk for RulePack {
    fn walk(&self, w: &mut Walker<'_>) {
        w.nest("disclosure", |w| self.disclosure.walk(w));
        w.nest("decisions", |w| self.decisions.walk(w));
        w.nest("village_head_election", |w| {
            self.village_head_election.walk(w)
        });
        w.nest("covenant", |w| self.covenant.walk(w));
        w.nest("consultation", |w| self.consultation.walk(w));
        w.nest("oversight", |w| self.oversight.walk(w));
        w.nest("works", |w| self.works.walk(w));
        w.nest("emulation", |w| self.emulation.walk(w));
        w.nest("reception", |w| self.reception.walk(w));
        w.nest("complaints", |w| self.complaints.walk(w));
        w.nest("denunciations", |w| self.denunciations.walk(w));
        w.nest("feedback", |w| self.feedback.walk(w));
    }
}
