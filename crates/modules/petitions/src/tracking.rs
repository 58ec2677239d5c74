//! The citizen's tracking code (mã tra cứu) and secret (mã bí mật), and the limit on failed
//! lookups that stops guessers.
//!
//! The code (12 characters, 60 bits) names the case; the secret (20 characters, 100 bits) is
//! shown once at submission and stored only as its SHA-256. A lookup needs both. Failures are
//! counted per code and per client in 15-minute windows; past the limit, lookups are refused
//! even with the right secret until the window ends.

use chrono::{Timelike, Utc};
use dinh_platform::db::{Db, query};
use sha2::{Digest, Sha256};

/// Unambiguous characters (Crockford base32: no I, L, O, U).
const ALPHABET: &[u8] = b"0123456789ABCDEFGHJKMNPQRSTVWXYZ";

/// Failed lookups allowed per code per window.
pub const MAX_FAILURES_PER_CODE: i64 = 5;
/// Failed lookups allowed per client per window.
pub const MAX_FAILURES_PER_CLIENT: i64 = 20;

fn random_chars(n: usize) -> String {
    (0..n)
        .map(|_| {
            let i = usize::from(rand::random::<u8>() & 31);
            char::from(ALPHABET.get(i).copied().unwrap_or(b'0'))
        })
        .collect()
}

/// A new tracking code, `XXXX-XXXX-XXXX`.
pub fn new_code() -> String {
    let raw = random_chars(12);
    format!("{}-{}-{}", &raw[..4], &raw[4..8], &raw[8..])
}

/// A new secret (20 characters).
pub fn new_secret() -> String {
    random_chars(20)
}

/// The stored form of a secret.
pub fn hash_secret(secret: &str) -> String {
    hex::encode(Sha256::digest(normalise(secret).as_bytes()))
}

/// Upper case, without spaces or dashes (people copy codes loosely).
pub fn normalise(text: &str) -> String {
    text.chars()
        .filter(|c| c.is_ascii_alphanumeric())
        .map(|c| c.to_ascii_uppercase())
        .collect()
}

/// A code as stored (`XXXX-XXXX-XXXX`), or None when it cannot be one.
pub fn canonical_code(text: &str) -> Option<String> {
    let n = normalise(text);
    (n.len() == 12 && n.bytes().all(|b| ALPHABET.contains(&b)))
        .then(|| format!("{}-{}-{}", &n[..4], &n[4..8], &n[8..]))
}

fn window() -> String {
    let now = Utc::now();
    let minute = now.minute() - now.minute() % 15;
    format!("{}:{minute:02}", now.format("%Y-%m-%dT%H"))
}

/// Whether `bucket` is locked out in the current window.
pub async fn locked(db: &Db, bucket: &str, max: i64) -> anyhow::Result<bool> {
    let n: Option<i64> = db
        .scalar_optional(
            &query("SELECT failures FROM petition_lookup_failures WHERE bucket = $1 AND window_start = $2")
                .bind(bucket)
                .bind(window()),
        )
        .await?;
    Ok(n.unwrap_or(0) >= max)
}

/// Counts a failed lookup against `bucket`.
pub async fn fail(db: &Db, bucket: &str) -> anyhow::Result<()> {
    db.execute(
        &query(
            "INSERT INTO petition_lookup_failures (bucket, window_start, failures) VALUES ($1, $2, CAST(1 AS BIGINT))
             ON CONFLICT (bucket, window_start) DO UPDATE SET failures = petition_lookup_failures.failures + 1",
        )
        .bind(bucket)
        .bind(window()),
    )
    .await?;
    Ok(())
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    #[test]
    fn codes_are_canonical_and_secrets_hash_loosely() {
        let c = new_code();
        assert_eq!(
            canonical_code(&c.to_lowercase().replace('-', " ")).unwrap(),
            c
        );
        assert!(canonical_code("ABC").is_none());
        let s = new_secret();
        assert_eq!(s.len(), 20);
        assert_eq!(
            hash_secret(&s),
            hash_secret(&format!(" {} ", s.to_lowercase()))
        );
    }
}
