//! The text-message channel: one HTTP request per message to the gateway the commune has,
//! described by its address, credentials and the body it expects (`[sms]`).

use super::config::SmsConfig;
use super::sender::Outgoing;

/// A gateway client built from `[sms]`.
pub struct Gateway {
    client: reqwest::Client,
    config: SmsConfig,
    /// Messages sent at once.
    pub parallel: usize,
}

impl Gateway {
    /// Builds the client.
    pub fn new(config: &SmsConfig) -> anyhow::Result<Self> {
        url::Url::parse(&config.url).map_err(|e| anyhow::anyhow!("[sms] url: {e}"))?;
        let client = reqwest::Client::builder()
            .timeout(std::time::Duration::from_secs(20))
            .build()?;
        Ok(Self {
            client,
            parallel: config.parallel.clamp(1, 64),
            config: config.clone(),
        })
    }

    /// Sends one message to `to`; a refusal names the gateway's status and the start of its answer.
    pub async fn send(&self, m: &Outgoing, to: &str, public_url: &str) -> Result<(), String> {
        let mut text = m.body.clone();
        if let Some(l) = &m.link {
            text.push(' ');
            text.push_str(&super::mail::absolute(public_url, l));
        }
        if self.config.unaccented {
            text = crate::text::unaccent(&text);
        }
        let json = self.config.content_type.contains("json");
        let esc = |v: &str| {
            if json {
                let quoted = serde_json::Value::String(v.to_owned()).to_string();
                quoted[1..quoted.len() - 1].to_owned()
            } else {
                url::form_urlencoded::byte_serialize(v.as_bytes()).collect()
            }
        };
        // Only these three names are filled: the body itself may be JSON, full of braces.
        let body = self
            .config
            .body
            .replace("{id}", &esc(&format!("dinh-{}", m.id)))
            .replace("{to}", &esc(to))
            .replace("{text}", &esc(&text));
        let mut request = self
            .client
            .post(&self.config.url)
            .header(
                reqwest::header::CONTENT_TYPE,
                self.config.content_type.as_str(),
            )
            .body(body);
        if let Some(user) = &self.config.username {
            request = request.basic_auth(user, self.config.password.as_ref());
        }
        let answer = request
            .send()
            .await
            .map_err(|e| format!("gateway unreachable: {}", without_url(&e)))?;
        let status = answer.status();
        if status.is_success() {
            return Ok(());
        }
        let text = answer.text().await.unwrap_or_default();
        Err(format!(
            "gateway answered {status}: {}",
            text.chars().take(200).collect::<String>()
        ))
    }
}

/// The error without the gateway's URL (which may hold a key).
fn without_url(e: &reqwest::Error) -> String {
    let mut s = e.to_string();
    if let Some(u) = e.url() {
        s = s.replace(u.as_str(), "<gateway>");
    }
    s
}
