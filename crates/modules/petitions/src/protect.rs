//! Protecting the denouncer (bảo vệ người tố cáo, Luật Tố cáo 2018 Điều 8(3), 9, 47, 56):
//! the identity is sealed with ChaCha20-Poly1305 under a key from the configuration.
//!
//! The key is `DINH_PROTECTION_KEY` (32 bytes, standard base64) or, when that is not set,
//! `<data_dir>/protection.key`, created on first use with owner-only permissions (0600).
//! The case id is bound into every seal as associated data, so a sealed identity cannot be
//! moved to another case. Losing the key loses every sealed identity: back it up apart from
//! the database.

use std::path::Path;

use anyhow::Context;
use base64::Engine as _;
use base64::engine::general_purpose::STANDARD;
use chacha20poly1305::aead::{Aead, KeyInit, Payload};
use chacha20poly1305::{ChaCha20Poly1305, Key, Nonce};
use serde::{Deserialize, Serialize};

/// Name of the environment variable holding the key.
pub const KEY_ENV: &str = "DINH_PROTECTION_KEY";
/// Name of the key file under the data directory.
pub const KEY_FILE: &str = "protection.key";

/// The protection key (khóa mã hóa thông tin người tố cáo). Its `Debug` shows nothing.
pub struct ProtectionKey {
    cipher: ChaCha20Poly1305,
}

impl std::fmt::Debug for ProtectionKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("ProtectionKey(redacted)")
    }
}

/// What identifies a denouncer (or any petitioner whose identity is protected).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Identity {
    /// Họ và tên.
    pub name: String,
    /// Địa chỉ.
    pub address: String,
    /// Điện thoại, thư điện tử.
    pub contact: String,
    /// Anything else that identifies: the original petition text, a note on handwriting scans.
    pub original: String,
}

/// A sealed identity as stored: base64 nonce and ciphertext.
#[derive(Debug, Clone)]
pub struct Sealed {
    /// 12-byte nonce, base64.
    pub nonce: String,
    /// Ciphertext with tag, base64.
    pub sealed: String,
}

impl ProtectionKey {
    /// A key from 32 raw bytes.
    pub fn from_bytes(bytes: [u8; 32]) -> Self {
        Self {
            cipher: ChaCha20Poly1305::new(Key::from_slice(&bytes)),
        }
    }

    /// A key from base64 text (32 bytes); the error never repeats the text.
    pub fn from_base64(text: &str) -> anyhow::Result<Self> {
        let raw = STANDARD
            .decode(text.trim())
            .map_err(|_| anyhow::anyhow!("{KEY_ENV}: not valid base64"))?;
        let bytes: [u8; 32] = raw
            .try_into()
            .map_err(|_| anyhow::anyhow!("{KEY_ENV}: the key must be exactly 32 bytes"))?;
        Ok(Self::from_bytes(bytes))
    }

    /// The key from `DINH_PROTECTION_KEY`, else from `<data_dir>/protection.key` (created with
    /// mode 0600 when missing).
    pub fn load(data_dir: &Path) -> anyhow::Result<Self> {
        if let Ok(text) = std::env::var(KEY_ENV)
            && !text.trim().is_empty()
        {
            return Self::from_base64(&text);
        }
        let path = data_dir.join(KEY_FILE);
        if path.exists() {
            let text = std::fs::read_to_string(&path)
                .with_context(|| format!("cannot read the protection key {}", path.display()))?;
            return Self::from_base64(&text)
                .with_context(|| format!("the protection key {} is invalid", path.display()));
        }
        std::fs::create_dir_all(data_dir)
            .with_context(|| format!("cannot create {}", data_dir.display()))?;
        let bytes: [u8; 32] = rand::random();
        write_owner_only(&path, &STANDARD.encode(bytes))
            .with_context(|| format!("cannot write the protection key {}", path.display()))?;
        Ok(Self::from_bytes(bytes))
    }

    /// Seals `identity` for case `case_id`.
    pub fn seal(&self, case_id: i64, identity: &Identity) -> anyhow::Result<Sealed> {
        let nonce_bytes: [u8; 12] = rand::random();
        let plain = serde_json::to_vec(identity)?;
        let aad = case_id.to_be_bytes();
        let sealed = self
            .cipher
            .encrypt(
                Nonce::from_slice(&nonce_bytes),
                Payload {
                    msg: &plain,
                    aad: &aad,
                },
            )
            .map_err(|_| anyhow::anyhow!("cannot seal the protected identity"))?;
        Ok(Sealed {
            nonce: STANDARD.encode(nonce_bytes),
            sealed: STANDARD.encode(sealed),
        })
    }

    /// Opens a sealed identity of case `case_id`; fails (without detail) with a wrong key.
    pub fn open(&self, case_id: i64, sealed: &Sealed) -> anyhow::Result<Identity> {
        let fail = || anyhow::anyhow!("cannot open the protected identity (wrong key?)");
        let nonce = STANDARD.decode(&sealed.nonce).map_err(|_| fail())?;
        let data = STANDARD.decode(&sealed.sealed).map_err(|_| fail())?;
        if nonce.len() != 12 {
            return Err(fail());
        }
        let aad = case_id.to_be_bytes();
        let plain = self
            .cipher
            .decrypt(
                Nonce::from_slice(&nonce),
                Payload {
                    msg: &data,
                    aad: &aad,
                },
            )
            .map_err(|_| fail())?;
        serde_json::from_slice(&plain).map_err(|_| fail())
    }
}

impl ProtectionKey {
    /// Seals the bytes of file `file_id` of case `case_id` (a denouncer's handwriting scan or
    /// any identifying attachment): a 12-byte nonce followed by the ciphertext. The case and
    /// file ids are bound in, so a sealed file cannot be moved to another case or row.
    pub fn seal_file(&self, case_id: i64, file_id: i64, bytes: &[u8]) -> anyhow::Result<Vec<u8>> {
        let nonce: [u8; 12] = rand::random();
        let aad = file_aad(case_id, file_id);
        let sealed = self
            .cipher
            .encrypt(
                Nonce::from_slice(&nonce),
                Payload {
                    msg: bytes,
                    aad: &aad,
                },
            )
            .map_err(|_| anyhow::anyhow!("cannot seal the protected file"))?;
        let mut out = nonce.to_vec();
        out.extend_from_slice(&sealed);
        Ok(out)
    }

    /// Opens a file sealed by [`ProtectionKey::seal_file`]; fails (without detail) with a
    /// wrong key, case or file.
    pub fn open_file(&self, case_id: i64, file_id: i64, stored: &[u8]) -> anyhow::Result<Vec<u8>> {
        let fail = || anyhow::anyhow!("cannot open the protected file (wrong key?)");
        if stored.len() < 12 {
            return Err(fail());
        }
        let (nonce, data) = stored.split_at(12);
        let aad = file_aad(case_id, file_id);
        self.cipher
            .decrypt(
                Nonce::from_slice(nonce),
                Payload {
                    msg: data,
                    aad: &aad,
                },
            )
            .map_err(|_| fail())
    }
}

fn file_aad(case_id: i64, file_id: i64) -> [u8; 16] {
    let mut aad = [0_u8; 16];
    aad[..8].copy_from_slice(&case_id.to_be_bytes());
    aad[8..].copy_from_slice(&file_id.to_be_bytes());
    aad
}

#[cfg(unix)]
fn write_owner_only(path: &Path, text: &str) -> std::io::Result<()> {
    use std::io::Write;
    use std::os::unix::fs::OpenOptionsExt;
    let mut f = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .mode(0o600)
        .open(path)?;
    f.write_all(text.as_bytes())
}

#[cfg(not(unix))]
fn write_owner_only(path: &Path, text: &str) -> std::io::Result<()> {
    std::fs::write(path, text)
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    #[test]
    fn seals_and_opens_and_binds_the_case() {
        let key = ProtectionKey::from_bytes([7; 32]);
        let id = Identity {
            name: "Nguyễn Văn Bí Mật".into(),
            ..Identity::default()
        };
        let s = key.seal(42, &id).unwrap();
        assert!(!s.sealed.contains("Bí Mật"));
        assert_eq!(key.open(42, &s).unwrap(), id);
        assert!(key.open(43, &s).is_err(), "bound to its case");
        assert!(ProtectionKey::from_bytes([8; 32]).open(42, &s).is_err());
        assert!(format!("{key:?}").contains("redacted"));
    }

    #[test]
    fn files_are_sealed_and_bound_to_case_and_file() {
        let key = ProtectionKey::from_bytes([7; 32]);
        let scan = b"%PDF-1.4 Nguyen Van Bi Mat".to_vec();
        let s = key.seal_file(1, 2, &scan).unwrap();
        assert!(!s.windows(7).any(|w| w == b"Bi Mat "));
        assert_eq!(key.open_file(1, 2, &s).unwrap(), scan);
        assert!(key.open_file(1, 3, &s).is_err());
        assert!(key.open_file(2, 2, &s).is_err());
        assert!(
            ProtectionKey::from_bytes([8; 32])
                .open_file(1, 2, &s)
                .is_err()
        );
    }

    #[test]
    fn a_bad_key_is_refused_without_echo() {
        let e = ProtectionKey::from_base64("c2hvcnQ=")
            .unwrap_err()
            .to_string();
        assert!(e.contains("32 bytes") && !e.contains("c2hvcnQ"));
    }
}
