//! Signing in, with a lockout after repeated failures.

use super::{login_name, password};
use crate::db::{Db, query};

/// How many failures lock an account, and for how long.
#[derive(Debug, Clone, Copy)]
pub struct LockoutRule {
    /// Failures in a row that lock the account.
    pub max_failures: i32,
    /// Minutes the lock lasts.
    pub lock_minutes: i64,
}

impl Default for LockoutRule {
    fn default() -> Self {
        Self {
            max_failures: 5,
            lock_minutes: 15,
        }
    }
}

/// The result of a sign-in attempt.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LoginOutcome {
    /// Signed in as this account.
    Success(i64),
    /// Wrong login or password (the two are not told apart).
    Wrong,
    /// Too many failures: locked until this instant (RFC 3339).
    Locked(String),
}

#[derive(sqlx::FromRow)]
struct Candidate {
    id: i64,
    password_hash: String,
    failed_logins: i32,
    locked_until: Option<String>,
    disabled: bool,
}

/// Checks a login and password; counts failures and locks the account after too many.
pub async fn attempt(
    db: &Db,
    login: &str,
    plain_password: &str,
    rule: LockoutRule,
) -> anyhow::Result<LoginOutcome> {
    let Ok(login) = login_name::normalise(login) else {
        password::verify(plain_password, password::decoy());
        return Ok(LoginOutcome::Wrong);
    };
    let candidate: Option<Candidate> = db
        .fetch_optional(
            &query("SELECT id, password_hash, failed_logins, locked_until, disabled FROM accounts WHERE login = $1").bind(login.as_str()),
        )
        .await?;
    let Some(c) = candidate else {
        password::verify(plain_password, password::decoy());
        return Ok(LoginOutcome::Wrong);
    };
    let now = crate::time::now_rfc3339();
    if let Some(until) = c.locked_until.filter(|u| *u > now) {
        return Ok(LoginOutcome::Locked(until));
    }
    if !c.disabled && password::verify(plain_password, &c.password_hash) {
        db.execute(
            &query("UPDATE accounts SET failed_logins = 0, locked_until = NULL WHERE id = $1")
                .bind(c.id),
        )
        .await?;
        return Ok(LoginOutcome::Success(c.id));
    }
    let failures = c.failed_logins + 1;
    if failures >= rule.max_failures {
        let until = (chrono::Utc::now() + chrono::Duration::minutes(rule.lock_minutes))
            .to_rfc3339_opts(chrono::SecondsFormat::Millis, true);
        db.execute(
            &query("UPDATE accounts SET failed_logins = 0, locked_until = $1 WHERE id = $2")
                .bind(until.as_str())
                .bind(c.id),
        )
        .await?;
        return Ok(LoginOutcome::Locked(until));
    }
    db.execute(
        &query("UPDATE accounts SET failed_logins = $1 WHERE id = $2")
            .bind(failures)
            .bind(c.id),
    )
    .await?;
    Ok(LoginOutcome::Wrong)
}
