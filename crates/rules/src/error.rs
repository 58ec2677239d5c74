//! The one error type of this crate.

use std::fmt;

use thiserror::Error;

/// One problem found in a rule pack, at a key path such as `complaints.first_resolution.count`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    /// Dotted key path; array items as `categories[2]` (counted from 0).
    pub path: String,
    /// What is wrong and what to do about it.
    pub message: String,
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.path, self.message)
    }
}

/// What went wrong while reading, checking or choosing rule packs.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum RulePackError {
    /// The text is not a rule pack: bad TOML, an unknown key, a missing key or a wrong type.
    #[error("rule pack {origin}: {problem}{}", line.map(|l| format!(" (line {l})")).unwrap_or_default())]
    Format {
        /// Where the text came from.
        origin: String,
        /// The key path and the message.
        problem: Problem,
        /// The line in the text, when known.
        line: Option<usize>,
    },
    /// The pack reads but breaks the rules of the format (every problem is listed).
    #[error("rule pack {origin} is invalid: {}", problems.iter().map(Problem::to_string).collect::<Vec<_>>().join("; "))]
    Invalid {
        /// The pack id or where the text came from.
        origin: String,
        /// Every problem found.
        problems: Vec<Problem>,
    },
    /// Two packs with the same id.
    #[error(
        "two rule packs have the id {id:?}: give the new pack its own id (ids are recorded by cases and never reused)"
    )]
    DuplicateId {
        /// The id.
        id: String,
    },
    /// Two packs in force on the same day.
    #[error("rule packs {first:?} and {second:?} overlap: {message}")]
    Overlap {
        /// The earlier pack.
        first: String,
        /// The later pack.
        second: String,
        /// Details and the fix.
        message: String,
    },
    /// No pack is in force on the date asked for.
    #[error("no rule pack is in force on {date}: add a pack whose effective dates cover it")]
    NoPackInForce {
        /// The date, dd/mm/yyyy.
        date: String,
    },
    /// A pack id that is not loaded (e.g. recorded by an old case).
    #[error(
        "no rule pack with id {id:?} is loaded: restore the pack file that the case was started under"
    )]
    UnknownPack {
        /// The id.
        id: String,
    },
    /// A pack directory or file could not be read.
    #[error("cannot read rule packs from {path}: {message}")]
    Io {
        /// The path.
        path: String,
        /// The operating system's message.
        message: String,
    },
}
