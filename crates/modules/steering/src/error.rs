//! Who is acting, and why a write is refused.

use dinh_platform::accounts::{Denied, Permission, Principal, authorize};
use dinh_platform::units::Unit;
use dinh_platform::web::AppError;

/// The one acting: a signed-in person (checked against the permission) or the system itself
/// (the demo, jobs).
#[derive(Debug, Clone, Copy)]
pub enum Actor<'a> {
    /// A signed-in person.
    Person(&'a Principal),
    /// The system, with a label for the audit log.
    System(&'a str),
}

impl Actor<'_> {
    /// Refuses when a person may not take `permission` at `unit`.
    pub fn may(&self, permission: &Permission, unit: &Unit) -> Result<(), StoreError> {
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
pub enum StoreError {
    /// Bad input: which field, what is wrong and what to do.
    #[error("{field}: {message}")]
    Invalid {
        /// The field.
        field: &'static str,
        /// What is wrong and what to do.
        message: String,
    },
    /// The committee, plan, task, meeting or report does not exist.
    #[error("not found")]
    NotFound,
    /// The actor may not do this here.
    #[error("refused: {0:?}")]
    Denied(Denied),
    /// The database failed.
    #[error(transparent)]
    Db(#[from] sqlx::Error),
    /// Something else failed (an indicator, a document).
    #[error(transparent)]
    Other(#[from] anyhow::Error),
}

impl From<Denied> for StoreError {
    fn from(d: Denied) -> Self {
        StoreError::Denied(d)
    }
}

impl StoreError {
    /// Bad input in `field`.
    pub fn invalid(field: &'static str, message: impl Into<String>) -> Self {
        StoreError::Invalid {
            field,
            message: message.into(),
        }
    }
}

impl From<StoreError> for AppError {
    fn from(e: StoreError) -> Self {
        match e {
            StoreError::Invalid { .. } => AppError::bad_request(e.to_string()),
            StoreError::NotFound => AppError::not_found(),
            StoreError::Denied(d) => d.into(),
            StoreError::Db(e) => e.into(),
            StoreError::Other(e) => e.into(),
        }
    }
}
