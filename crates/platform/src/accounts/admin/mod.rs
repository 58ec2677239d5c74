//! Quản trị tài khoản — the system administrator's account pages (`/admin/accounts`): find an
//! account, add one with its first role, grant and withdraw roles at a unit, lock and unlock an
//! account, reset its password. They call the same functions as `dinh user …`, and each change
//! is audited. An administrator held at a unit manages only the accounts whose every live role
//! lies inside that unit, and grants roles only there.

mod pages;
mod reads;

pub use pages::{PATH, routes};

use super::{Permission, Role};
use crate::units::Unit;
use crate::work::WorkScope;

/// Manage accounts and their roles within the unit the administrator holds the role at.
pub const MANAGE_ACCOUNTS: Permission = Permission {
    action: "accounts.manage",
    roles: &[Role::SystemAdmin],
    description_vi: "Quản lý tài khoản và vai trò",
    description_en: "Manage accounts and roles",
};

/// Whether the administrator of `scope` manages an account whose live roles are held at
/// `held_at` (None: the whole country): an administrator of the whole country manages every
/// account; one held at a unit, an account with at least one role, all inside that unit.
pub fn manages(scope: &WorkScope, held_at: &[Option<&Unit>]) -> bool {
    if scope.everywhere(&MANAGE_ACCOUNTS) {
        return true;
    }
    !held_at.is_empty()
        && held_at
            .iter()
            .all(|u| u.is_some_and(|u| scope.allows(&MANAGE_ACCOUNTS, u)))
}

/// Whether the administrator of `scope` may grant a role at `unit` (None: the whole country,
/// which only an administrator of the whole country may grant).
pub fn may_grant_at(scope: &WorkScope, unit: Option<&Unit>) -> bool {
    match unit {
        Some(u) => scope.allows(&MANAGE_ACCOUNTS, u),
        None => scope.everywhere(&MANAGE_ACCOUNTS),
    }
}
