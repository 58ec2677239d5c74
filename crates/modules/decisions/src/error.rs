//! Why a request was refused (từ chối), in Vietnamese and English, naming the field.

use dinh_platform::accounts::Denied;
use dinh_platform::web::AppError;
use dinh_platform::web::i18n::Tr;

/// A refusal or failure of a decisions procedure.
#[derive(Debug)]
pub enum Error {
    /// The request breaks a rule or names bad input: nothing was written.
    Refused(Refusal),
    /// The person may not do this here.
    Denied(Denied),
    /// No such matter, meeting, household or unit.
    NotFound(&'static str),
    /// A database or other internal failure.
    Internal(anyhow::Error),
}

/// A refusal naming the field (or rule) at fault, in both languages.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Refusal {
    /// The field or object at fault (`household`, `choice`, `matter`, …).
    pub field: &'static str,
    /// The reason in Vietnamese.
    pub vi: String,
    /// The reason in English.
    pub en: String,
}

/// Result of a decisions procedure.
pub type Result<T> = std::result::Result<T, Error>;

/// A refusal of `field` with its reason in Vietnamese and English.
pub fn refuse<T>(field: &'static str, vi: impl Into<String>, en: impl Into<String>) -> Result<T> {
    Err(Error::Refused(Refusal {
        field,
        vi: vi.into(),
        en: en.into(),
    }))
}

impl Error {
    /// The refusal, when this is one (for tests and callers that show it).
    pub fn refusal(&self) -> Option<&Refusal> {
        match self {
            Error::Refused(r) => Some(r),
            _ => None,
        }
    }

    /// The web error in the visitor's language.
    pub fn into_app(self, tr: Tr) -> AppError {
        match self {
            Error::Refused(r) => {
                AppError::bad_request(format!("{}: {}", r.field, tr.pick(&r.vi, &r.en)))
            }
            Error::Denied(d) => d.into(),
            Error::NotFound(_) => AppError::not_found(),
            Error::Internal(e) => e.into(),
        }
    }
}

impl std::fmt::Display for Error {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Error::Refused(r) => write!(f, "{}: {} / {}", r.field, r.vi, r.en),
            Error::Denied(d) => write!(f, "denied: {d:?}"),
            Error::NotFound(what) => write!(f, "{what}: not found"),
            Error::Internal(e) => write!(f, "{e:#}"),
        }
    }
}

impl std::error::Error for Error {}

impl From<Denied> for Error {
    fn from(d: Denied) -> Self {
        Error::Denied(d)
    }
}

impl From<sqlx::Error> for Error {
    fn from(e: sqlx::Error) -> Self {
        Error::Internal(e.into())
    }
}

impl From<anyhow::Error> for Error {
    fn from(e: anyhow::Error) -> Self {
        Error::Internal(e)
    }
}

impl From<dinh_rules::RulePackError> for Error {
    fn from(e: dinh_rules::RulePackError) -> Self {
        Error::Internal(anyhow::anyhow!("{e}"))
    }
}

impl From<dinh_calendar::CalendarError> for Error {
    fn from(e: dinh_calendar::CalendarError) -> Self {
        Error::Internal(anyhow::anyhow!("{e}"))
    }
}
