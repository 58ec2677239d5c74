//! Creating accounts, granting roles, loading the signed-in person.

use super::{Grant, Principal, Role, login_name, password};
use crate::audit::{self, Change};
use crate::db::{Db, ids::next_id, is_unique_violation, query};
use crate::units::store::by_code;
use serde_json::json;

/// Creates an account; the login is a phone number or e-mail address.
pub async fn create_account(
    db: &Db,
    login: &str,
    display_name: &str,
    plain_password: &str,
    actor: &str,
) -> anyhow::Result<i64> {
    let login =
        login_name::normalise(login).map_err(|e| anyhow::anyhow!("login '{login}': {e}"))?;
    password::check_strength(plain_password).map_err(|e| anyhow::anyhow!("password: {e}"))?;
    if display_name.trim().is_empty() {
        anyhow::bail!("name: must not be empty");
    }
    let id = next_id();
    let hash = password::hash(plain_password)?;
    let mut tx = db.begin().await?;
    let inserted = tx
        .execute(
            &query("INSERT INTO accounts (id, login, display_name, password_hash, created_at) VALUES ($1, $2, $3, $4, $5)")
                .bind(id)
                .bind(login.as_str())
                .bind(display_name.trim())
                .bind(hash)
                .bind(crate::time::now_rfc3339()),
        )
        .await;
    if let Err(e) = inserted {
        if is_unique_violation(&e) {
            anyhow::bail!("login '{login}' is already taken");
        }
        return Err(e.into());
    }
    let after = json!({"login": login, "display_name": display_name.trim()});
    audit::record(
        &mut tx,
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
    tx.commit().await?;
    Ok(id)
}

/// Grants `role` at the unit with `unit_code` (None: the whole country, for a system
/// administrator only).
pub async fn grant(
    db: &Db,
    login: &str,
    role: Role,
    unit_code: Option<&str>,
    actor: &str,
) -> anyhow::Result<()> {
    let login =
        login_name::normalise(login).map_err(|e| anyhow::anyhow!("login '{login}': {e}"))?;
    let account_id: i64 = db
        .scalar_optional(&query("SELECT id FROM accounts WHERE login = $1").bind(login.as_str()))
        .await?
        .ok_or_else(|| {
            anyhow::anyhow!("no account with login '{login}'; create it with `dinh user add`")
        })?;
    let unit_id = match unit_code {
        Some(code) => Some(
            by_code(db, code)
                .await?
                .ok_or_else(|| anyhow::anyhow!("no unit with code '{code}'"))?
                .id,
        ),
        None if role == Role::SystemAdmin => None,
        None => anyhow::bail!(
            "role {} must be held at a unit: give --unit CODE",
            role.as_str()
        ),
    };
    let mut tx = db.begin().await?;
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
        &mut tx,
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
