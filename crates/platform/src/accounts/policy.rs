//! The policy: one function decides every action, for pages and API alike.
//!
//! A role is held *at* a unit and reaches that unit's subtree only. Each capability declares
//! its actions as [`Permission`]s (which roles may do them); [`authorize`] checks the signed-in
//! person's grants against the unit the action touches.

use super::Role;
use crate::units::Unit;
use serde::Serialize;

/// One role held at one unit (or, for a system administrator only, the whole country).
#[derive(Debug, Clone, Serialize)]
pub struct Grant {
    /// The role.
    pub role: Role,
    /// The unit it is held at; None = the whole country.
    pub unit_id: Option<i64>,
    /// Code of that unit.
    pub unit_code: Option<String>,
    /// Name of that unit.
    pub unit_name: Option<String>,
}

/// The signed-in person making a request.
#[derive(Debug, Clone, Serialize)]
pub struct Principal {
    /// Account id.
    pub account_id: i64,
    /// Login (phone or e-mail).
    pub login: String,
    /// Name shown on pages.
    pub display_name: String,
    /// Roles held, each at a unit.
    pub grants: Vec<Grant>,
}

impl Principal {
    /// The actor string recorded in the audit log.
    pub fn actor(&self) -> String {
        format!("account:{} ({})", self.account_id, self.login)
    }
}

/// An action some roles may take, declared by the capability that owns it.
#[derive(Debug, Clone, Copy)]
pub struct Permission {
    /// Stable name, `module.verb` (`households.view`).
    pub action: &'static str,
    /// Roles that may take it, within the subtree of the unit they hold it at.
    pub roles: &'static [Role],
    /// What it allows, in Vietnamese.
    pub description_vi: &'static str,
    /// What it allows, in English.
    pub description_en: &'static str,
}

/// Why an action was refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Denied {
    /// Nobody is signed in: sign in first (401).
    NotSignedIn,
    /// Signed in, but no role allows this action at this unit (403).
    OutOfScope,
}

/// Decides whether `principal` may take `permission`'s action at `unit` (None: an action on the
/// whole country, which only a grant for the whole country allows).
pub fn authorize(
    principal: Option<&Principal>,
    permission: &Permission,
    unit: Option<&Unit>,
) -> Result<(), Denied> {
    let principal = principal.ok_or(Denied::NotSignedIn)?;
    let allowed = principal.grants.iter().any(|g| {
        permission.roles.contains(&g.role)
            && match (g.unit_id, unit) {
                (None, _) => true,
                (Some(held_at), Some(target)) => target.is_within(held_at),
                (Some(_), None) => false,
            }
    });
    if allowed {
        Ok(())
    } else {
        Err(Denied::OutOfScope)
    }
}
