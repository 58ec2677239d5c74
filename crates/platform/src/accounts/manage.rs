//! Changing an existing account: withdrawing a role (thu hồi vai trò), locking and unlocking it
//! (khóa tài khoản), resetting its password. Each change is audited in the same transaction, and
//! locking or a new password ends the account's open sessions.

use super::password;
use super::store::Rejected;
use crate::audit::{self, Change};
use crate::db::{Db, Tx, query};
use serde_json::json;

fn rejected(message: impl Into<String>) -> anyhow::Error {
    Rejected(message.into()).into()
}

async fn end_sessions(tx: &mut Tx, account_id: i64) -> anyhow::Result<()> {
    tx.execute(&query("DELETE FROM sessions WHERE account_id = $1").bind(account_id))
        .await?;
    Ok(())
}

async fn login_of(db: &Db, account_id: i64) -> anyhow::Result<String> {
    db.scalar_optional(&query("SELECT login FROM accounts WHERE id = $1").bind(account_id))
        .await?
        .ok_or_else(|| rejected(format!("account: no account {account_id}")))
}

/// Withdraws the live grant `grant_id` of account `account_id`; its holder loses the role on
/// their next request.
pub async fn revoke_grant(
    db: &Db,
    account_id: i64,
    grant_id: i64,
    actor: &str,
) -> anyhow::Result<()> {
    let login = login_of(db, account_id).await?;
    let held: Option<(String, Option<String>)> = db
        .fetch_optional(
            &query(
                "SELECT g.role, u.code FROM role_grants g LEFT JOIN units u ON u.id = g.unit_id
                 WHERE g.id = $1 AND g.account_id = $2 AND g.revoked_at IS NULL",
            )
            .bind(grant_id)
            .bind(account_id),
        )
        .await?;
    let Some((role, unit)) = held else {
        return Err(rejected(
            "grant: this role is not held by the account (already withdrawn?)",
        ));
    };
    let mut tx = db.begin().await?;
    tx.execute(
        &query("UPDATE role_grants SET revoked_at = $1 WHERE id = $2 AND revoked_at IS NULL")
            .bind(crate::time::now_rfc3339())
            .bind(grant_id),
    )
    .await?;
    audit::record(
        &mut tx,
        Change {
            actor,
            action: "accounts.revoke",
            object_type: "role_grant",
            object_id: &grant_id.to_string(),
            before: Some(json!({"login": login, "role": role, "unit": unit})),
            after: None,
        },
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

/// Locks (`locked = true`) or unlocks an account. A locked account cannot sign in and its open
/// sessions end; unlocking also lifts a lockout left by failed sign-ins.
pub async fn set_locked(db: &Db, account_id: i64, locked: bool, actor: &str) -> anyhow::Result<()> {
    let login = login_of(db, account_id).await?;
    let mut tx = db.begin().await?;
    tx.execute(
        &query(
            "UPDATE accounts SET disabled = $1, failed_logins = 0, locked_until = NULL WHERE id = $2",
        )
        .bind(locked)
        .bind(account_id),
    )
    .await?;
    if locked {
        end_sessions(&mut tx, account_id).await?;
    }
    audit::record(
        &mut tx,
        Change {
            actor,
            action: if locked {
                "accounts.lock"
            } else {
                "accounts.unlock"
            },
            object_type: "account",
            object_id: &account_id.to_string(),
            before: Some(json!({"login": login, "locked": !locked})),
            after: Some(json!({"login": login, "locked": locked})),
        },
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

/// Gives an account a new password (checked like a first one), lifts a failed-sign-in lockout
/// and ends its open sessions. The audit entry records that it changed, never the password.
pub async fn reset_password(
    db: &Db,
    account_id: i64,
    plain_password: &str,
    actor: &str,
) -> anyhow::Result<()> {
    password::check_strength(plain_password).map_err(|e| rejected(format!("password: {e}")))?;
    let login = login_of(db, account_id).await?;
    let hash = password::hash(plain_password)?;
    let mut tx = db.begin().await?;
    tx.execute(
        &query(
            "UPDATE accounts SET password_hash = $1, failed_logins = 0, locked_until = NULL WHERE id = $2",
        )
        .bind(hash)
        .bind(account_id),
    )
    .await?;
    end_sessions(&mut tx, account_id).await?;
    audit::record(
        &mut tx,
        Change {
            actor,
            action: "accounts.password_reset",
            object_type: "account",
            object_id: &account_id.to_string(),
            before: None,
            after: Some(json!({"login": login, "password": "changed"})),
        },
    )
    .await?;
    tx.commit().await?;
    Ok(())
}
