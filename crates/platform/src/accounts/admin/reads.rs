//! What the account pages read: accounts with their roles, each role with its unit.

use super::MANAGE_ACCOUNTS;
use crate::accounts::Role;
use crate::db::{Db, query};
use crate::units::{Unit, store};
use crate::work::WorkScope;

/// Most accounts read for one list (a search is filtered from them).
const MOST_READ: i64 = 20_000;

/// An account as its page shows it.
pub(super) struct Account {
    pub id: i64,
    pub login: String,
    pub display_name: String,
    /// Locked by an administrator.
    pub disabled: bool,
    /// Locked after failed sign-ins until this instant (RFC 3339), if still in the future.
    pub locked_until: Option<String>,
    pub grants: Vec<HeldRole>,
}

impl Account {
    /// The units its live roles are held at (None: the whole country).
    pub fn live_units(&self) -> Vec<Option<&Unit>> {
        self.grants
            .iter()
            .filter(|g| g.revoked_at.is_none())
            .map(|g| g.unit.as_ref())
            .collect()
    }
}

/// A role an account holds or held.
pub(super) struct HeldRole {
    pub id: i64,
    pub role: Role,
    pub unit: Option<Unit>,
    pub granted_at: String,
    pub granted_by: String,
    pub revoked_at: Option<String>,
}

#[derive(sqlx::FromRow)]
struct Row {
    id: i64,
    login: String,
    display_name: String,
    disabled: bool,
    locked_until: Option<String>,
    grant_id: Option<i64>,
    role: Option<String>,
    unit_id: Option<i64>,
    granted_at: Option<String>,
    granted_by: Option<String>,
    revoked_at: Option<String>,
}

const SELECT: &str = "SELECT a.id, a.login, a.display_name, a.disabled, a.locked_until,
        g.id AS grant_id, g.role, g.unit_id, g.granted_at, g.granted_by, g.revoked_at
    FROM accounts a LEFT JOIN role_grants g ON g.account_id = a.id";

/// Groups joined rows (ordered by account) into accounts, reading the roles' units at once.
async fn group(db: &Db, rows: Vec<Row>) -> anyhow::Result<Vec<Account>> {
    let unit_ids: Vec<i64> = rows.iter().filter_map(|r| r.unit_id).collect();
    let units = store::by_ids(db, &unit_ids).await?;
    let now = crate::time::now_rfc3339();
    let mut accounts: Vec<Account> = Vec::new();
    for r in rows {
        if accounts.last().is_none_or(|a| a.id != r.id) {
            accounts.push(Account {
                id: r.id,
                login: r.login,
                display_name: r.display_name,
                disabled: r.disabled,
                locked_until: r.locked_until.filter(|u| *u > now),
                grants: Vec::new(),
            });
        }
        let (Some(grant_id), Some(role)) = (r.grant_id, r.role.as_deref().and_then(Role::parse))
        else {
            continue;
        };
        if let Some(account) = accounts.last_mut() {
            account.grants.push(HeldRole {
                id: grant_id,
                role,
                unit: r.unit_id.and_then(|id| units.get(&id).cloned()),
                granted_at: r.granted_at.unwrap_or_default(),
                granted_by: r.granted_by.unwrap_or_default(),
                revoked_at: r.revoked_at,
            });
        }
    }
    Ok(accounts)
}

/// The accounts the administrator of `scope` sees, with their live roles: every account for
/// an administrator of the whole country; otherwise those with a live role inside their units.
/// `words` keeps those whose name or login holds them, ignoring diacritics.
pub(super) async fn accounts(
    db: &Db,
    scope: &WorkScope,
    words: &str,
) -> anyhow::Result<Vec<Account>> {
    let within = if scope.everywhere(&MANAGE_ACCOUNTS) {
        "TRUE".to_owned()
    } else {
        let Some(paths) = scope.path_condition(&MANAGE_ACCOUNTS, "u.path") else {
            return Ok(Vec::new());
        };
        format!(
            "a.id IN (SELECT r.account_id FROM role_grants r JOIN units u ON u.id = r.unit_id
                      WHERE r.revoked_at IS NULL AND {paths})"
        )
    };
    let rows: Vec<Row> = db
        .fetch_all(
            &query(format!(
                "{SELECT} AND g.revoked_at IS NULL WHERE {within}
                 ORDER BY a.display_name, a.id, g.granted_at LIMIT $1"
            ))
            .bind(MOST_READ),
        )
        .await?;
    let wanted = crate::text::fold(words);
    Ok(group(db, rows)
        .await?
        .into_iter()
        .filter(|a| {
            wanted.is_empty()
                || crate::text::fold(&format!("{} {}", a.display_name, a.login)).contains(&wanted)
        })
        .collect())
}

/// One account with every role it holds or held, newest first; None when there is none.
pub(super) async fn account(db: &Db, id: i64) -> anyhow::Result<Option<Account>> {
    let rows: Vec<Row> = db
        .fetch_all(
            &query(format!(
                "{SELECT} WHERE a.id = $1 ORDER BY a.id, g.revoked_at IS NOT NULL, g.granted_at DESC"
            ))
            .bind(id),
        )
        .await?;
    Ok(group(db, rows).await?.into_iter().next())
}
