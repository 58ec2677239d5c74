//! Whose work home it is: the signed-in person, the units their roles reach, and today.

use crate::accounts::{Permission, Principal, authorize};
use crate::db::Db;
use crate::units::{Unit, store};
use chrono::NaiveDate;

/// The person a work home is for, with the units their grants are held at (read once per page,
/// so each module asks for its items in one query over all of them).
#[derive(Debug, Clone)]
pub struct WorkScope {
    /// The signed-in person.
    pub principal: Principal,
    /// Today in Vietnam.
    pub today: NaiveDate,
    /// The units the grants are held at, in grant order (no repeats).
    held: Vec<Unit>,
}

impl WorkScope {
    /// Reads the units `principal`'s grants are held at.
    pub async fn load(db: &Db, principal: Principal, today: NaiveDate) -> anyhow::Result<Self> {
        let ids: Vec<i64> = principal.grants.iter().filter_map(|g| g.unit_id).collect();
        let mut by_id = store::by_ids(db, &ids).await?;
        let mut held = Vec::new();
        for id in ids {
            if let Some(unit) = by_id.remove(&id) {
                held.push(unit);
            }
        }
        Ok(Self {
            principal,
            today,
            held,
        })
    }

    /// True when a grant for the whole country allows `permission` (a system administrator).
    pub fn everywhere(&self, permission: &Permission) -> bool {
        authorize(Some(&self.principal), permission, None).is_ok()
    }

    /// The units at which the person's grants allow `permission`, outermost only (a unit
    /// inside another one listed is left out, its items being already in the outer one's).
    pub fn units(&self, permission: &Permission) -> Vec<&Unit> {
        self.units_any(&[permission])
    }

    /// The units at which the grants allow any of `permissions`, outermost only, in grant order.
    pub fn units_any(&self, permissions: &[&Permission]) -> Vec<&Unit> {
        let allowed: Vec<&Unit> = self
            .held
            .iter()
            .filter(|u| permissions.iter().any(|p| self.allows(p, u)))
            .collect();
        allowed
            .iter()
            .copied()
            .filter(|u| {
                !allowed
                    .iter()
                    .any(|outer| outer.id != u.id && u.is_within(outer.id))
            })
            .collect()
    }

    /// Whether the grants allow `permission` at `unit`.
    pub fn allows(&self, permission: &Permission, unit: &Unit) -> bool {
        authorize(Some(&self.principal), permission, Some(unit)).is_ok()
    }

    /// The units a module shows its work areas at: [`WorkScope::units_any`], or, for a person
    /// whose only grant allowing them is over the whole country, the provinces in force (at
    /// most `most`).
    pub async fn area_units(
        &self,
        db: &Db,
        permissions: &[&Permission],
        most: i64,
    ) -> anyhow::Result<Vec<Unit>> {
        let held: Vec<Unit> = self.units_any(permissions).into_iter().cloned().collect();
        if !held.is_empty() || !permissions.iter().any(|p| self.everywhere(p)) {
            return Ok(held);
        }
        Ok(store::children(db, None, most, 0)
            .await?
            .into_iter()
            .filter(|u| u.valid_to.is_none())
            .collect())
    }

    /// A SQL condition on the column `path_column` (a `units.path`) that holds for the units
    /// where `permission` is allowed: `TRUE` for a grant over the whole country, None when no
    /// grant allows it (the module then has nothing to show). Paths are the platform's own
    /// digits and slashes, never text from a request.
    pub fn path_condition(&self, permission: &Permission, path_column: &str) -> Option<String> {
        if self.everywhere(permission) {
            return Some("TRUE".to_owned());
        }
        let parts: Vec<String> = self
            .units(permission)
            .iter()
            .filter(|u| u.path.chars().all(|c| c.is_ascii_digit() || c == '/'))
            .map(|u| format!("{path_column} LIKE '{}%'", u.path))
            .collect();
        (!parts.is_empty()).then(|| format!("({})", parts.join(" OR ")))
    }
}
