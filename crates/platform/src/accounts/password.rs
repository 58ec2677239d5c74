//! Password hashing with Argon2id.

use argon2::Argon2;
use argon2::password_hash::{
    PasswordHash, PasswordHasher, PasswordVerifier, SaltString, rand_core::OsRng,
};

/// Hashes a password with Argon2id (PHC string with its parameters and salt).
pub fn hash(password: &str) -> anyhow::Result<String> {
    let salt = SaltString::generate(&mut OsRng);
    Argon2::default()
        .hash_password(password.as_bytes(), &salt)
        .map(|h| h.to_string())
        .map_err(|e| anyhow::anyhow!("cannot hash password: {e}"))
}

/// True when `password` matches the stored hash.
pub fn verify(password: &str, stored: &str) -> bool {
    PasswordHash::new(stored).is_ok_and(|parsed| {
        Argon2::default()
            .verify_password(password.as_bytes(), &parsed)
            .is_ok()
    })
}

/// A hash that matches no password, verified when the login is unknown so that
/// a wrong login and a wrong password take the same time.
pub fn decoy() -> &'static str {
    "$argon2id$v=19$m=19456,t=2,p=1$c29tZXNhbHRzb21lc2FsdA$3KQxHrHxZ0V0nE1mOT7p5eWcYp2f0yq0cV8R0zJmT1k"
}

/// Checks a new password: at least 10 characters.
pub fn check_strength(password: &str) -> Result<(), &'static str> {
    if password.chars().count() < 10 {
        return Err("the password must have at least 10 characters");
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hashes_are_argon2id_and_verify() -> anyhow::Result<()> {
        let h = hash("mật khẩu dài đủ")?;
        assert!(h.starts_with("$argon2id$"));
        assert!(verify("mật khẩu dài đủ", &h));
        assert!(!verify("sai mật khẩu", &h));
        assert!(!verify("anything", decoy()));
        Ok(())
    }
}
