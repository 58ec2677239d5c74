//! Creating accounts, granting roles, loading the signed-in person.

use super::{Grant, Principal, Role, login_name, password};
use crate::audit::{self, Change};
use crate::db::{Db, Tx, ids::next_id, is_unique_violation, query};
use crate::units::store::by_code;
use serde_json::json;

/// A request the accounts capability refuses, with a message naming the field and what to do;
/// pages answer it as a bad request, the command line prints it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rejected(pub String);

impl std::fmt::Display for Rejected {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for Rejected {}

fn rejected(message: impl Into<String>) -> anyhow::Error {
    Rejected(message.into()).into()
}

/// A checked new account, before it is written.
struct NewAccount {
    login: String,
    display_name: String,
    password_hash: String,
}

fn check_new_account(
    login: &str,
    display_name: &str,
    plain_password: &str,
) -> anyhow::Result<NewAccount> {
    let login =
        login_name::normalise(login).map_err(|e| rejected(format!("login '{login}': {e}")))?;
    password::check_strength(plain_password).map_err(|e| rejected(format!("password: {e}")))?;
    if display_name.trim().is_empty() {
        return Err(rejected("name: must not be empty"));
    }
    Ok(NewAccount {
        login,
        display_name: display_name.trim().to_owned(),
        password_hash: password::hash(plain_password)?,
    })
}

async fn insert_account(tx: &mut Tx, account: &NewAccount, actor: &str) -> anyhow::Result<i64> {
    let id = next_id();
    let inserted = tx
        .execute(
            &query("INSERT INTO accounts (id, login, display_name, password_hash, created_at) VALUES ($1, $2, $3, $4, $5)")
                .bind(id)
                .bind(account.login.as_str())
                .bind(account.display_name.as_str())
                .bind(account.password_hash.as_str())
                .bind(crate::time::now_rfc3339()),
        )
        .await;
    if let Err(e) = inserted {
        if is_unique_violation(&e) {
            return Err(rejected(format!(
                "login '{}' is already taken",
                account.login
            )));
        }
        return Err(e.into());
    }
    let after = json!({"login": account.login, "display_name": account.display_name});
    audit::record(
        tx,
        Change {
            actor,
            action: "accounts.create",
            object_type: "account",
            object_id: &id.to_string(),
            before: None,
            after: Some(after),
        },
    )
    .await?;
    Ok(id)
}

/// Creates an account; the login is a phone number or e-mail address.
pub async fn create_account(
    db: &Db,
    login: &str,
    display_name: &str,
    plain_password: &str,
    actor: &str,
) -> anyhow::Result<i64> {
    let account = check_new_account(login, display_name, plain_password)?;
    let mut tx = db.begin().await?;
    let id = insert_account(&mut tx, &account, actor).await?;
    tx.commit().await?;
    Ok(id)
}

/// Creates an account holding its first role, in one transaction: the account is not written
/// when the role cannot be granted.
pub async fn create_account_with_role(
    db: &Db,
    new: NewAccountWithRole<'_>,
    actor: &str,
) -> anyhow::Result<i64> {
    let account = check_new_account(new.login, new.display_name, new.password)?;
    let unit_id = grant_unit(db, new.role, new.unit_code).await?;
    let mut tx = db.begin().await?;
    let id = insert_account(&mut tx, &account, actor).await?;
    insert_grant(
        &mut tx,
        id,
        &account.login,
        new.role,
        unit_id,
        new.unit_code,
        actor,
    )
    .await?;
    tx.commit().await?;
    Ok(id)
}

/// What [`create_account_with_role`] needs.
#[derive(Debug, Clone, Copy)]
pub struct NewAccountWithRole<'a> {
    /// Phone number or e-mail address.
    pub login: &'a str,
    /// Name shown on pages.
    pub display_name: &'a str,
    /// The first password (at least 10 characters).
    pub password: &'a str,
    /// The first role.
    pub role: Role,
    /// The unit it is held at (None only for a system administrator of the whole country).
    pub unit_code: Option<&'a str>,
}

/// The unit a grant of `role` is held at, checked.
async fn grant_unit(db: &Db, role: Role, unit_code: Option<&str>) -> anyhow::Result<Option<i64>> {
    match unit_code {
        Some(code) => Ok(Some(
            by_code(db, code)
                .await?
                .ok_or_else(|| rejected(format!("unit: no unit with code '{code}'")))?
                .id,
        )),
        None if role == Role::SystemAdmin => Ok(None),
        None => Err(rejected(format!(
            "unit: role {} must be held at a unit; give its code",
            role.as_str()
        ))),
    }
}

async fn insert_grant(
    tx: &mut Tx,
    account_id: i64,
    login: &str,
    role: Role,
    unit_id: Option<i64>,
    unit_code: Option<&str>,
    actor: &str,
) -> anyhow::Result<()> {
    let id = next_id();
    tx.execute(
        &query("INSERT INTO role_grants (id, account_id, role, unit_id, granted_at, granted_by) VALUES ($1, $2, $3, $4, $5, $6)")
            .bind(id)
            .bind(account_id)
            .bind(role.as_str())
            .bind(unit_id)
            .bind(crate::time::now_rfc3339())
            .bind(actor),
    )
    .await?;
    let after = json!({"login": login, "role": role.as_str(), "unit": unit_code});
    audit::record(
        tx,
        Change {
            actor,
            action: "accounts.grant",
            object_type: "role_grant",
            object_id: &id.to_string(),
            before: None,
            after: Some(after),
        },
    )
    .await?;
    Ok(())
}

/// The id of the account with `login` and the login as stored; refused when there is none.
pub async fn account_by_login(db: &Db, login: &str) -> anyhow::Result<(i64, String)> {
    let login =
        login_name::normalise(login).map_err(|e| rejected(format!("login '{login}': {e}")))?;
    let id = db
        .scalar_optional(&query("SELECT id FROM accounts WHERE login = $1").bind(login.as_str()))
        .await?
        .ok_or_else(|| {
            rejected(format!(
                "no account with login '{login}'; create it with `dinh user add`"
            ))
        })?;
    Ok((id, login))
}

/// The live grant of `role` that account `account_id` holds at the unit `unit_code` (None: the
/// whole country); refused when it holds none there.
pub async fn live_grant(
    db: &Db,
    account_id: i64,
    role: Role,
    unit_code: Option<&str>,
) -> anyhow::Result<i64> {
    let unit_id = grant_unit(db, role, unit_code).await?;
    db.scalar_optional(
        &query(
            "SELECT id FROM role_grants WHERE account_id = $1 AND role = $2
             AND revoked_at IS NULL AND COALESCE(unit_id, 0) = $3",
        )
        .bind(account_id)
        .bind(role.as_str())
        // No unit id is 0: 0 stands for the whole country.
        .bind(unit_id.unwrap_or(0)),
    )
    .await?
    .ok_or_else(|| {
        rejected(format!(
            "role: the account does not hold {} at {}",
            role.as_str(),
            unit_code.unwrap_or("the whole country")
        ))
    })
}

/// Grants `role` at the unit with `unit_code` (None: the whole country, for a system
/// administrator only). A role the account already holds there live is refused.
pub async fn grant(
    db: &Db,
    login: &str,
    role: Role,
    unit_code: Option<&str>,
    actor: &str,
) -> anyhow::Result<()> {
    let (account_id, login) = account_by_login(db, login).await?;
    let unit_id = grant_unit(db, role, unit_code).await?;
    let held: i64 = db
        .scalar(
            &query(
                "SELECT COUNT(*) FROM role_grants WHERE account_id = $1 AND role = $2
                 AND revoked_at IS NULL AND COALESCE(unit_id, 0) = $3",
            )
            .bind(account_id)
            .bind(role.as_str())
            // No unit id is 0: 0 stands for the whole country.
            .bind(unit_id.unwrap_or(0)),
        )
        .await?;
    if held > 0 {
        return Err(rejected(format!(
            "role: {login} already holds {} at {}",
            role.as_str(),
            unit_code.unwrap_or("the whole country")
        )));
    }
    let mut tx = db.begin().await?;
    insert_grant(&mut tx, account_id, &login, role, unit_id, unit_code, actor).await?;
    tx.commit().await?;
    Ok(())
}

#[derive(sqlx::FromRow)]
struct GrantRow {
    role: String,
    unit_id: Option<i64>,
    code: Option<String>,
    name: Option<String>,
}

/// Loads an account with its live grants; None when it does not exist or is disabled.
pub async fn principal(db: &Db, account_id: i64) -> anyhow::Result<Option<Principal>> {
    let account: Option<(String, String)> = db
        .fetch_optional(
            &query("SELECT login, display_name FROM accounts WHERE id = $1 AND disabled = FALSE")
                .bind(account_id),
        )
        .await?;
    let Some((login, display_name)) = account else {
        return Ok(None);
    };
    let rows: Vec<GrantRow> = db
        .fetch_all(
            &query(
                "SELECT g.role, g.unit_id, u.code, u.name FROM role_grants g LEFT JOIN units u ON u.id = g.unit_id
                 WHERE g.account_id = $1 AND g.revoked_at IS NULL ORDER BY g.granted_at",
            )
            .bind(account_id),
        )
        .await?;
    let grants = rows
        .into_iter()
        .filter_map(|r| {
            Role::parse(&r.role).map(|role| Grant {
                role,
                unit_id: r.unit_id,
                unit_code: r.code,
                unit_name: r.name,
            })
        })
        .collect();
    Ok(Some(Principal {
        account_id,
        login,
        display_name,
        grants,
    }))
}
