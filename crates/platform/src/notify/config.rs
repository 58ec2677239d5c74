//! `[mail]` and `[sms]` of `dinh.toml` (and `DINH_MAIL_*`, `DINH_SMS_*`): where notices are
//! sent from. Passwords never appear in `Debug` or in logs.

use serde::Deserialize;

/// How the SMTP connection is secured.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Default)]
#[serde(rename_all = "lowercase")]
pub enum TlsMode {
    /// Plain SMTP (a relay on the same machine or network).
    None,
    /// STARTTLS on the submission port (587), the usual choice.
    #[default]
    Starttls,
    /// TLS from the first byte (465).
    Tls,
}

/// The SMTP server notices are sent through (máy chủ thư).
#[derive(Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MailConfig {
    /// Host name.
    pub host: String,
    /// Port (587 for STARTTLS, 465 for TLS, 25 for a plain relay).
    #[serde(default = "default_port")]
    pub port: u16,
    /// How the connection is secured.
    #[serde(default)]
    pub tls: TlsMode,
    /// User name, if the server asks for one.
    #[serde(default)]
    pub username: Option<String>,
    /// Password (redacted in `Debug`).
    #[serde(default)]
    pub password: Option<String>,
    /// The sender, `Tên <dia-chi@xa.gov.vn>`.
    pub from: String,
    /// Messages sent at once (connections kept open).
    #[serde(default = "default_parallel")]
    pub parallel: usize,
}

fn default_port() -> u16 {
    587
}

/// Messages sent at once: an SMTP transaction waits on the network several times, so the
/// rate comes from connections in parallel (see `docs/performance.md`).
fn default_parallel() -> usize {
    32
}

impl std::fmt::Debug for MailConfig {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("MailConfig")
            .field("host", &self.host)
            .field("port", &self.port)
            .field("tls", &self.tls)
            .field("username", &self.username)
            .field("password", &self.password.as_ref().map(|_| "***"))
            .field("from", &self.from)
            .finish_non_exhaustive()
    }
}

/// The text-message gateway (cổng tin nhắn): one HTTP request per message, so a commune plugs
/// in the provider it has by its address, credentials and the body it expects.
#[derive(Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SmsConfig {
    /// The gateway's address (`https://…/send`).
    pub url: String,
    /// User name for HTTP basic authentication, if any.
    #[serde(default)]
    pub username: Option<String>,
    /// Password or API key (redacted in `Debug`).
    #[serde(default)]
    pub password: Option<String>,
    /// The request body, with `{to}`, `{text}` and `{id}` filled in (JSON-escaped when the
    /// content type is JSON).
    #[serde(default = "default_body")]
    pub body: String,
    /// The body's content type.
    #[serde(default = "default_content_type")]
    pub content_type: String,
    /// Messages sent at once.
    #[serde(default = "default_parallel")]
    pub parallel: usize,
    /// Send the text without diacritics (tin nhắn không dấu), as most gateways require.
    #[serde(default = "default_true")]
    pub unaccented: bool,
}

impl SmsConfig {
    /// A gateway at `url` with every other setting at its default.
    pub fn at(url: impl Into<String>) -> Self {
        Self {
            url: url.into(),
            username: None,
            password: None,
            body: default_body(),
            content_type: default_content_type(),
            parallel: default_parallel(),
            unaccented: true,
        }
    }
}

fn default_true() -> bool {
    true
}

fn default_body() -> String {
    r#"{"to": "{to}", "text": "{text}", "id": "{id}"}"#.to_owned()
}

fn default_content_type() -> String {
    "application/json".to_owned()
}

impl std::fmt::Debug for SmsConfig {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SmsConfig")
            .field("url", &crate::config::redact_url(&self.url))
            .field("username", &self.username)
            .field("password", &self.password.as_ref().map(|_| "***"))
            .field("content_type", &self.content_type)
            .finish_non_exhaustive()
    }
}

/// How often the sender looks for messages, how often it tries one, and from which address
/// the links in messages start.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct NotifyConfig {
    /// The site's public address, which links in e-mail and text messages start with.
    pub public_url: String,
    /// Attempts before a message is given up (đã bỏ).
    pub max_attempts: i64,
    /// Minutes a message being sent is held before another attempt may take it (a sender that
    /// died between sending and marking is replaced after this).
    pub lease_minutes: i64,
    /// Hour (Vietnam time) from which the morning digest is sent.
    pub digest_hour: u32,
}

impl Default for NotifyConfig {
    fn default() -> Self {
        Self {
            public_url: "http://127.0.0.1:8080".to_owned(),
            max_attempts: 6,
            lease_minutes: 5,
            digest_hour: 6,
        }
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    #[test]
    fn debug_hides_passwords() {
        let mail: MailConfig = toml::from_str(
            "host = \"smtp.xa.gov.vn\"\nfrom = \"UBND <x@xa.gov.vn>\"\nusername = \"u\"\npassword = \"hunter2\"",
        )
        .unwrap();
        assert!(!format!("{mail:?}").contains("hunter2"));
        let sms: SmsConfig =
            toml::from_str("url = \"https://u:key@sms.example/send\"\npassword = \"s3cret\"")
                .unwrap();
        let shown = format!("{sms:?}");
        assert!(
            !shown.contains("s3cret") && !shown.contains("key@"),
            "{shown}"
        );
    }
}
