//! What every module's write needs: who is acting ([`Actor`]) and why a write was refused
//! ([`WriteError`]), rendered by the web layer as a 422 naming the field, a 401/403, or a 404.

use crate::accounts::{Denied, Permission, Principal, authorize};
use crate::units::Unit;
use crate::web::AppError;

/// The one acting: a signed-in person (checked against the permission) or the system itself
/// (the demo, the scheduled jobs, an import), with a label for the audit log.
#[derive(Debug, Clone, Copy)]
pub enum Actor<'a> {
    /// A signed-in person.
    Person(&'a Principal),
    /// The system, with a label for the audit log (`demo`, `job`).
    System(&'a str),
}

impl Actor<'_> {
    /// Refuses when a person may not take `permission` at `unit`.
    pub fn may(&self, permission: &Permission, unit: &Unit) -> Result<(), WriteError> {
        match self {
            Actor::Person(p) => Ok(authorize(Some(p), permission, Some(unit))?),
            Actor::System(_) => Ok(()),
        }
    }

    /// The actor string of the audit log.
    pub fn audit(&self) -> String {
        match self {
            Actor::Person(p) => p.actor(),
            Actor::System(label) => (*label).to_owned(),
        }
    }

    /// The account id, if a person.
    pub fn account_id(&self) -> Option<i64> {
        match self {
            Actor::Person(p) => Some(p.account_id),
            Actor::System(_) => None,
        }
    }

    /// The name recorded as author.
    pub fn name(&self) -> String {
        match self {
            Actor::Person(p) => p.display_name.clone(),
            Actor::System(label) => (*label).to_owned(),
        }
    }
}

/// Why a write was refused or failed. Nothing is written in any of these cases.
#[derive(Debug, thiserror::Error)]
pub enum WriteError {
    /// Bad input: which field, what is wrong and what to do.
    #[error("{field}: {message}")]
    Invalid {
        /// The field.
        field: &'static str,
        /// What is wrong and what to do.
        message: String,
    },
    /// What the write is about does not exist.
    #[error("not found")]
    NotFound,
    /// The actor may not do this here.
    #[error("refused: {0:?}")]
    Denied(Denied),
    /// The database failed.
    #[error(transparent)]
    Db(#[from] sqlx::Error),
    /// Something else failed (files, the calendar).
    #[error(transparent)]
    Other(#[from] anyhow::Error),
}

impl From<Denied> for WriteError {
    fn from(d: Denied) -> Self {
        WriteError::Denied(d)
    }
}

impl WriteError {
    /// Bad input in `field`.
    pub fn invalid(field: &'static str, message: impl Into<String>) -> Self {
        WriteError::Invalid {
            field,
            message: message.into(),
        }
    }
}

impl From<WriteError> for AppError {
    fn from(e: WriteError) -> Self {
        match e {
            WriteError::Invalid { .. } => AppError::bad_request(e.to_string()),
            WriteError::NotFound => AppError::not_found(),
            WriteError::Denied(d) => d.into(),
            WriteError::Db(e) => e.into(),
            WriteError::Other(e) => e.into(),
        }
    }
}

/// A date written dd/mm/yyyy (or ISO) in form field `field`, or a refusal naming it.
pub fn date_field(field: &'static str, text: &str) -> Result<chrono::NaiveDate, WriteError> {
    crate::time::parse_date(text).ok_or_else(|| {
        WriteError::invalid(
            field,
            format!(
                "“{}” không phải là ngày: ghi theo dạng dd/mm/yyyy",
                text.trim()
            ),
        )
    })
}

/// Required text in form field `field` (`what` names it in the refusal), trimmed, at most
/// `max` characters.
pub fn text_field(
    field: &'static str,
    text: &str,
    max: usize,
    what: &str,
) -> Result<String, WriteError> {
    let text = text.trim();
    if text.is_empty() {
        return Err(WriteError::invalid(field, format!("ghi {what}")));
    }
    if text.chars().count() > max {
        return Err(WriteError::invalid(
            field,
            format!("{what} dài quá {max} ký tự: rút gọn lại"),
        ));
    }
    Ok(text.to_owned())
}
