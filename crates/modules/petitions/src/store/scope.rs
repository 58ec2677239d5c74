//! Units, the authorisation helper and the principal used for demo data.

use dinh_platform::accounts::{Denied, Grant, Permission, Principal, Role, authorize};
use dinh_platform::db::Db;
use dinh_platform::units::{Unit, store};
use dinh_platform::web::AppError;

/// The unit columns a case is scoped by: its province-level and commune-level ancestors.
#[derive(Debug, Clone, Copy)]
pub struct Scope {
    /// The root ancestor (tỉnh).
    pub province_id: Option<i64>,
    /// The second level (xã, or huyện in the old era).
    pub commune_id: Option<i64>,
}

impl Scope {
    /// The scope of a unit.
    pub fn of(unit: &Unit) -> Scope {
        let mut ids = unit.ancestor_ids();
        ids.push(unit.id);
        Scope {
            province_id: ids.first().copied(),
            commune_id: ids.get(1).copied(),
        }
    }
}

/// The unit with `code`, or 404.
pub async fn unit_by_code(db: &Db, code: &str) -> Result<Unit, AppError> {
    store::by_code(db, code)
        .await?
        .ok_or_else(AppError::not_found)
}

/// The unit with `id`, or 404.
pub async fn unit_by_id(db: &Db, id: i64) -> Result<Unit, AppError> {
    store::by_id(db, id).await?.ok_or_else(AppError::not_found)
}

/// Authorises `p` for `perm` at `unit`.
pub fn allow(p: Option<&Principal>, perm: &Permission, unit: &Unit) -> Result<(), AppError> {
    authorize(p, perm, Some(unit)).map_err(AppError::from)
}

/// A refusal as an error.
pub fn denied() -> AppError {
    AppError::from(Denied::OutOfScope)
}

/// The system acting for the demo builder (a grant for the whole country).
pub fn system_principal(actor: &str) -> Principal {
    Principal {
        account_id: 0,
        login: actor.to_owned(),
        display_name: actor.to_owned(),
        grants: vec![Grant {
            role: Role::SystemAdmin,
            unit_id: None,
            unit_code: None,
            unit_name: None,
        }],
    }
}
