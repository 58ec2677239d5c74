//! A rule book: several packs, one in force on any day.

use std::path::Path;

use chrono::{Datelike, Duration, NaiveDate};

use crate::error::RulePackError;
use crate::pack::RulePack;

/// The packs shipped with the product as (file name, text), embedded at compile time.
pub const SHIPPED_PACKS: &[(&str, &str)] = &[
    ("vn-2023-07.toml", include_str!("../packs/vn-2023-07.toml")),
    ("vn-2026-07.toml", include_str!("../packs/vn-2026-07.toml")),
];

/// Several rule packs ordered by date, never overlapping (sổ quy tắc).
#[derive(Debug, Clone)]
pub struct RuleBook {
    packs: Vec<RulePack>,
}

fn dmy(d: NaiveDate) -> String {
    format!("{:02}/{:02}/{}", d.day(), d.month(), d.year())
}

impl RuleBook {
    /// Builds a book, checking that ids are unique and that no two packs are in force on
    /// the same day. A pack without `effective_to` ends the day before the next pack starts.
    pub fn new(mut packs: Vec<RulePack>) -> Result<RuleBook, RulePackError> {
        packs.sort_by(|a, b| {
            a.effective_from
                .cmp(&b.effective_from)
                .then(a.id.cmp(&b.id))
        });
        for (i, p) in packs.iter().enumerate() {
            if packs.iter().skip(i + 1).any(|q| q.id == p.id) {
                return Err(RulePackError::DuplicateId { id: p.id.clone() });
            }
        }
        for pair in packs.windows(2) {
            let [a, b] = pair else { continue };
            if a.effective_from == b.effective_from {
                return Err(RulePackError::Overlap {
                    first: a.id.clone(),
                    second: b.id.clone(),
                    message: format!(
                        "both take effect on {}: give one a later effective_from",
                        dmy(a.effective_from)
                    ),
                });
            }
            if let Some(to) = a.effective_to
                && to >= b.effective_from
            {
                return Err(RulePackError::Overlap {
                    first: a.id.clone(),
                    second: b.id.clone(),
                    message: format!(
                        "the first is in force until {} but the second starts {}: set effective_to of {:?} to {}",
                        dmy(to),
                        dmy(b.effective_from),
                        a.id,
                        dmy(b.effective_from - Duration::days(1))
                    ),
                });
            }
        }
        Ok(RuleBook { packs })
    }

    /// The packs shipped with the product.
    pub fn shipped() -> Result<RuleBook, RulePackError> {
        RuleBook::new(shipped_packs()?)
    }

    /// This book plus every `*.toml` pack in `dir` (an administrator's packs for new laws).
    /// The only I/O of the crate. Packs keep their ids; a file reusing a shipped id is an
    /// error, because cases refer to packs by id.
    pub fn with_extra_dir(self, dir: &Path) -> Result<RuleBook, RulePackError> {
        let io = |e: std::io::Error, p: &Path| RulePackError::Io {
            path: p.display().to_string(),
            message: e.to_string(),
        };
        let mut files: Vec<_> = std::fs::read_dir(dir)
            .map_err(|e| io(e, dir))?
            .filter_map(Result::ok)
            .map(|e| e.path())
            .filter(|p| p.extension().is_some_and(|x| x == "toml"))
            .collect();
        files.sort();
        let mut packs = self.packs;
        for f in files {
            let text = std::fs::read_to_string(&f).map_err(|e| io(e, &f))?;
            packs.push(RulePack::parse_from(&text, &f.display().to_string())?);
        }
        RuleBook::new(packs)
    }

    /// The pack in force on `date`.
    pub fn in_force_on(&self, date: NaiveDate) -> Result<&RulePack, RulePackError> {
        let idx = self.packs.partition_point(|p| p.effective_from <= date);
        idx.checked_sub(1)
            .and_then(|i| self.packs.get(i))
            .filter(|p| p.effective_to.is_none_or(|to| date <= to))
            .ok_or_else(|| RulePackError::NoPackInForce { date: dmy(date) })
    }

    /// The pack with `id` (as recorded by a case).
    pub fn get(&self, id: &str) -> Result<&RulePack, RulePackError> {
        self.packs
            .iter()
            .find(|p| p.id == id)
            .ok_or_else(|| RulePackError::UnknownPack { id: id.to_string() })
    }

    /// All packs, oldest first.
    pub fn packs(&self) -> &[RulePack] {
        &self.packs
    }

    /// The last day `pack` is in force: its `effective_to`, or the day before the next
    /// pack starts, or `None` while it is the latest.
    pub fn in_force_until(&self, pack: &RulePack) -> Option<NaiveDate> {
        pack.effective_to.or_else(|| {
            self.packs
                .iter()
                .find(|p| p.effective_from > pack.effective_from)
                .map(|p| p.effective_from - Duration::days(1))
        })
    }
}

/// Parses the embedded packs.
pub fn shipped_packs() -> Result<Vec<RulePack>, RulePackError> {
    SHIPPED_PACKS
        .iter()
        .map(|(name, text)| RulePack::parse_from(text, &format!("embedded {name}")))
        .collect()
}
