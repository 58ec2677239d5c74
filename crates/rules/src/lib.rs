//! Rule packs: every legal number of grassroots democracy (dân chủ ở cơ sở), versioned, with
//! citations and effective dates. See `docs/rule-packs.md` for the format.
//!
//! A [`RulePack`] is TOML data read with unknown keys rejected; [`RulePack::parse`] also
//! validates it. A [`RuleBook`] holds several packs and answers which one is in force on a
//! date; a case records the id of the pack it started under and looks it up with
//! [`RuleBook::get`].

mod book;
mod date;
pub mod error;
mod leaf;
mod leaf_simple;
pub mod numbers;
mod pack;
mod ratio;
pub mod sections;
mod walk;

pub use book::{RuleBook, SHIPPED_PACKS, shipped_packs};
pub use error::{Problem, RulePackError};
pub use leaf::{Duration, DurationUnit, Frequency, Per};
pub use leaf_simple::{AnnualDate, Count, Flag, NumberList, Range};
pub use pack::{FORMAT_VERSION, RulePack};
pub use ratio::{Base, Ratio, Verdict};
pub use sections::decisions::{Matter, Scope};
pub use sections::disclosure::{Channel, Place, RecurringDuty};
pub use walk::RuleRow;
