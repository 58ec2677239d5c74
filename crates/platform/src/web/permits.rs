//! What the signed-in visitor may do at a unit, as the pages ask it: whether to show a form,
//! and the refusal of a work page to a visitor who holds none of its permissions.

use super::{AppError, Ctx, ErrorKind};
use crate::accounts::{Permission, authorize};
use crate::units::Unit;

impl Ctx {
    /// Whether the signed-in person holds `permission` at `unit` (or above it).
    pub fn may(&self, permission: &Permission, unit: &Unit) -> bool {
        authorize(self.principal.as_ref(), permission, Some(unit)).is_ok()
    }

    /// Refuses a visitor who is not signed in (401) or who holds none of `permissions` at
    /// `unit` (403, naming the first).
    pub fn require_any(&self, permissions: &[&Permission], unit: &Unit) -> Result<(), AppError> {
        if self.principal.is_none() {
            return Err(AppError::new(ErrorKind::Unauthorized));
        }
        if permissions.iter().any(|p| self.may(p, unit)) {
            return Ok(());
        }
        if let Some(first) = permissions.first() {
            authorize(self.principal.as_ref(), first, Some(unit))?;
        }
        Ok(())
    }
}
