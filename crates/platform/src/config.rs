//! Typed, layered configuration: defaults, then `dinh.toml` (or the file `DINH_CONFIG` names),
//! then `DINH_*` environment variables, then command-line flags.

use serde::Deserialize;
use std::net::{IpAddr, SocketAddr};
use std::path::PathBuf;

/// Everything Đình reads at start.
#[derive(Clone, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Config {
    /// `postgres://…` for PostgreSQL; unset for the SQLite file under `data_dir`.
    pub database_url: Option<String>,
    /// Directory of the SQLite file, uploaded files, and administrator data (rule packs, holidays).
    pub data_dir: PathBuf,
    /// Address `serve` and `demo` listen on.
    pub bind: SocketAddr,
    /// Mark cookies `Secure` (set when served behind TLS).
    pub secure_cookies: bool,
    /// Hours a session lasts.
    pub session_hours: i64,
    /// Failed sign-ins in a row that lock an account.
    pub login_max_failures: i32,
    /// Minutes an account stays locked.
    pub login_lock_minutes: i64,
    /// Largest uploaded file accepted, in megabytes (tệp đính kèm).
    pub upload_max_mb: u64,
    /// Most files attached to one form field (tệp đính kèm mỗi lần gửi).
    pub upload_max_files: usize,
    /// Public submissions (the petition form and its API) accepted from one client in an
    /// hour; more are refused with 429 until the hour ends (chống gửi hàng loạt).
    pub public_submit_per_hour: i64,
    /// Addresses of the reverse proxies in front of Đình. Only a connection from one of them
    /// may name the client with `X-Forwarded-For`; from anyone else the header is ignored, so
    /// a sender cannot dodge the public limits by writing it (địa chỉ máy chủ trung gian tin cậy).
    pub trusted_proxies: Vec<IpAddr>,
    /// The SMTP server notices are sent through; none sends no e-mail (`[mail]`).
    pub mail: Option<crate::notify::MailConfig>,
    /// The text-message gateway; none sends no text message (`[sms]`).
    pub sms: Option<crate::notify::SmsConfig>,
    /// The sender's settings and the public address links start with (`[notify]`).
    pub notify: crate::notify::config::NotifyConfig,
}

impl Default for Config {
    fn default() -> Self {
        Self {
            database_url: None,
            data_dir: PathBuf::from("./data"),
            bind: SocketAddr::from(([127, 0, 0, 1], 8080)),
            secure_cookies: false,
            session_hours: 12,
            login_max_failures: 5,
            login_lock_minutes: 15,
            upload_max_mb: 20,
            upload_max_files: 5,
            public_submit_per_hour: 10,
            trusted_proxies: Vec::new(),
            mail: None,
            sms: None,
            notify: crate::notify::config::NotifyConfig::default(),
        }
    }
}

impl std::fmt::Debug for Config {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Config")
            .field(
                "database_url",
                &self.database_url.as_deref().map(redact_url),
            )
            .field("data_dir", &self.data_dir)
            .field("bind", &self.bind)
            .field("secure_cookies", &self.secure_cookies)
            .field("session_hours", &self.session_hours)
            .field("mail", &self.mail)
            .field("sms", &self.sms)
            .finish_non_exhaustive()
    }
}

/// Hides the password of a database URL (`postgres://user:***@host/db`).
pub fn redact_url(url: &str) -> String {
    match url::Url::parse(url) {
        Ok(mut u) if u.password().is_some() => {
            let _ = u.set_password(Some("***"));
            u.to_string()
        }
        _ => url.to_owned(),
    }
}

impl Config {
    /// Loads defaults, then the config file if present, then the environment.
    pub fn load() -> anyhow::Result<Self> {
        let path = std::env::var("DINH_CONFIG")
            .map(PathBuf::from)
            .unwrap_or_else(|_| PathBuf::from("dinh.toml"));
        let mut config = if path.exists() {
            let text = std::fs::read_to_string(&path)?;
            toml::from_str(&text).map_err(|e| anyhow::anyhow!("{}: {e}", path.display()))?
        } else {
            Config::default()
        };
        let env = |k: &str| std::env::var(k).ok().filter(|v| !v.is_empty());
        if let Some(v) = env("DINH_DATABASE_URL") {
            config.database_url = Some(v);
        }
        if let Some(v) = env("DINH_DATA") {
            config.data_dir = PathBuf::from(v);
        }
        if let Some(v) = env("DINH_BIND") {
            config.bind = v
                .parse()
                .map_err(|e| anyhow::anyhow!("DINH_BIND '{v}': {e}"))?;
        }
        if let Some(v) = env("DINH_SECURE_COOKIES") {
            config.secure_cookies = matches!(v.as_str(), "1" | "true" | "yes");
        }
        if let Some(v) = env("DINH_UPLOAD_MAX_MB") {
            config.upload_max_mb = v
                .parse()
                .map_err(|e| anyhow::anyhow!("DINH_UPLOAD_MAX_MB '{v}': {e}"))?;
        }
        if let Some(v) = env("DINH_UPLOAD_MAX_FILES") {
            config.upload_max_files = v
                .parse()
                .map_err(|e| anyhow::anyhow!("DINH_UPLOAD_MAX_FILES '{v}': {e}"))?;
        }
        if let Some(v) = env("DINH_PUBLIC_SUBMIT_PER_HOUR") {
            config.public_submit_per_hour = v
                .parse()
                .map_err(|e| anyhow::anyhow!("DINH_PUBLIC_SUBMIT_PER_HOUR '{v}': {e}"))?;
        }
        config.notify_from_env(&env)?;
        if let Some(v) = env("DINH_TRUSTED_PROXIES") {
            config.trusted_proxies = parse_addresses(&v)
                .map_err(|e| anyhow::anyhow!("DINH_TRUSTED_PROXIES '{v}': {e}"))?;
        }
        Ok(config)
    }

    /// `DINH_MAIL_HOST`, `_PORT`, `_TLS`, `_USERNAME`, `_PASSWORD`, `_FROM`; `DINH_SMS_URL`,
    /// `_USERNAME`, `_PASSWORD`, `_BODY`; `DINH_PUBLIC_URL`. A host or URL given here starts the
    /// section when the file has none.
    fn notify_from_env(&mut self, env: &dyn Fn(&str) -> Option<String>) -> anyhow::Result<()> {
        if let Some(host) = env("DINH_MAIL_HOST") {
            let mail = self.mail.get_or_insert_with(|| crate::notify::MailConfig {
                host: host.clone(),
                port: 587,
                tls: crate::notify::TlsMode::Starttls,
                username: None,
                password: None,
                from: String::new(),
                parallel: 32,
            });
            mail.host = host;
        }
        if let Some(mail) = self.mail.as_mut() {
            if let Some(v) = env("DINH_MAIL_PORT") {
                mail.port = v
                    .parse()
                    .map_err(|e| anyhow::anyhow!("DINH_MAIL_PORT '{v}': {e}"))?;
            }
            if let Some(v) = env("DINH_MAIL_TLS") {
                mail.tls = match v.as_str() {
                    "none" => crate::notify::TlsMode::None,
                    "starttls" => crate::notify::TlsMode::Starttls,
                    "tls" => crate::notify::TlsMode::Tls,
                    _ => anyhow::bail!("DINH_MAIL_TLS '{v}': write none, starttls or tls"),
                };
            }
            if let Some(v) = env("DINH_MAIL_USERNAME") {
                mail.username = Some(v);
            }
            if let Some(v) = env("DINH_MAIL_PASSWORD") {
                mail.password = Some(v);
            }
            if let Some(v) = env("DINH_MAIL_FROM") {
                mail.from = v;
            }
        }
        if let Some(url) = env("DINH_SMS_URL") {
            match self.sms.as_mut() {
                Some(sms) => sms.url = url,
                None => self.sms = Some(crate::notify::SmsConfig::at(url)),
            }
        }
        if let Some(sms) = self.sms.as_mut() {
            if let Some(v) = env("DINH_SMS_USERNAME") {
                sms.username = Some(v);
            }
            if let Some(v) = env("DINH_SMS_PASSWORD") {
                sms.password = Some(v);
            }
            if let Some(v) = env("DINH_SMS_BODY") {
                sms.body = v;
            }
        }
        if let Some(v) = env("DINH_PUBLIC_URL") {
            self.notify.public_url = v;
        }
        Ok(())
    }

    /// The upload limit in bytes.
    pub fn upload_max_bytes(&self) -> u64 {
        self.upload_max_mb.saturating_mul(1024 * 1024)
    }

    /// The lockout rule for sign-in.
    pub fn lockout(&self) -> crate::accounts::login::LockoutRule {
        crate::accounts::login::LockoutRule {
            max_failures: self.login_max_failures,
            lock_minutes: self.login_lock_minutes,
        }
    }
}

/// Comma-separated IP addresses (`10.0.0.1, ::1`).
fn parse_addresses(v: &str) -> Result<Vec<IpAddr>, std::net::AddrParseError> {
    v.split(',')
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(str::parse)
        .collect()
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    #[test]
    fn trusted_proxies_parse_as_addresses() {
        assert_eq!(
            parse_addresses("10.0.0.1, ::1,").unwrap(),
            vec![
                IpAddr::from([10, 0, 0, 1]),
                IpAddr::from(std::net::Ipv6Addr::LOCALHOST)
            ]
        );
        assert!(parse_addresses("10.0.0.300").is_err());
    }

    #[test]
    fn debug_redacts_database_password() {
        let c = Config {
            database_url: Some("postgres://dinh:secret@db/dinh".into()),
            ..Config::default()
        };
        let shown = format!("{c:?}");
        assert!(!shown.contains("secret"), "{shown}");
        assert!(shown.contains("***"));
    }
}
