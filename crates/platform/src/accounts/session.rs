//! Sessions stored in the database, so application nodes stay stateless.
//! The cookie holds a random token; the database holds only its SHA-256.

use crate::db::{Db, DbResult, query};
use base64::Engine as _;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use sha2::{Digest, Sha256};

/// Name of the session cookie.
pub const COOKIE: &str = "dinh_session";

/// A live session.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct Session {
    /// SHA-256 of the cookie token.
    pub token_hash: String,
    /// The signed-in account, if any (anonymous sessions carry a CSRF token for the login form).
    pub account_id: Option<i64>,
    /// The token every state-changing form must send back.
    pub csrf_token: String,
    /// When it expires (RFC 3339).
    pub expires_at: String,
    /// The message a form left for the next page ("Đã lưu"), shown once.
    pub flash: Option<String>,
}

/// A new random token (256 bits, URL-safe).
pub fn random_token() -> String {
    URL_SAFE_NO_PAD.encode(rand::random::<[u8; 32]>())
}

fn hash_token(token: &str) -> String {
    hex::encode(Sha256::digest(token.as_bytes()))
}

/// Opens a session; returns the cookie token and the session.
pub async fn create(
    db: &Db,
    account_id: Option<i64>,
    ttl_hours: i64,
) -> DbResult<(String, Session)> {
    let token = random_token();
    let session = Session {
        token_hash: hash_token(&token),
        account_id,
        csrf_token: random_token(),
        expires_at: (chrono::Utc::now() + chrono::Duration::hours(ttl_hours))
            .to_rfc3339_opts(chrono::SecondsFormat::Millis, true),
        flash: None,
    };
    db.execute(
        &query("INSERT INTO sessions (token_hash, account_id, csrf_token, created_at, expires_at) VALUES ($1, $2, $3, $4, $5)")
            .bind(session.token_hash.as_str())
            .bind(account_id)
            .bind(session.csrf_token.as_str())
            .bind(crate::time::now_rfc3339())
            .bind(session.expires_at.as_str()),
    )
    .await?;
    Ok((token, session))
}

/// The live session for a cookie token; an expired one is deleted and not returned. A flash
/// message it carries is taken: returned this once and cleared.
pub async fn load(db: &Db, token: &str) -> DbResult<Option<Session>> {
    let hash = hash_token(token);
    let session: Option<Session> = db
        .fetch_optional(&query("SELECT token_hash, account_id, csrf_token, expires_at, flash FROM sessions WHERE token_hash = $1").bind(hash.as_str()))
        .await?;
    match session {
        Some(s) if s.expires_at > crate::time::now_rfc3339() => {
            if s.flash.is_some() {
                db.execute(
                    &query("UPDATE sessions SET flash = NULL WHERE token_hash = $1")
                        .bind(hash.as_str()),
                )
                .await?;
            }
            Ok(Some(s))
        }
        Some(_) => {
            db.execute(&query("DELETE FROM sessions WHERE token_hash = $1").bind(hash))
                .await?;
            Ok(None)
        }
        None => Ok(None),
    }
}

/// Leaves a one-time message for the next page this session opens (after a form's 303).
pub async fn set_flash(db: &Db, session: &Session, message: &str) -> DbResult<()> {
    db.execute(
        &query("UPDATE sessions SET flash = $1 WHERE token_hash = $2")
            .bind(message)
            .bind(session.token_hash.as_str()),
    )
    .await
    .map(drop)
}

/// Ends a session (logout).
pub async fn delete(db: &Db, token_hash: &str) -> DbResult<()> {
    db.execute(&query("DELETE FROM sessions WHERE token_hash = $1").bind(token_hash))
        .await
        .map(drop)
}

/// Deletes expired sessions; returns how many.
pub async fn purge_expired(db: &Db) -> DbResult<u64> {
    db.execute(
        &query("DELETE FROM sessions WHERE expires_at <= $1").bind(crate::time::now_rfc3339()),
    )
    .await
}

/// Constant-time comparison of a submitted CSRF token with the session's.
pub fn csrf_matches(session: &Session, submitted: &str) -> bool {
    let a = session.csrf_token.as_bytes();
    let b = submitted.as_bytes();
    a.len() == b.len() && a.iter().zip(b).fold(0_u8, |acc, (x, y)| acc | (x ^ y)) == 0
}
