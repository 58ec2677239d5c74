//! The e-mail channel: SMTP through `lettre`, a pool of open connections, plain text and HTML
//! in the recipient's language, a `Message-ID` made from the notice's id so that a message sent
//! twice (a sender that died before marking it) can be recognised by the receiving side.

use super::config::{MailConfig, TlsMode};
use super::sender::Outgoing;
use lettre::message::{Mailbox, MultiPart};
use lettre::transport::smtp::authentication::Credentials;
use lettre::{AsyncSmtpTransport, AsyncTransport, Message, Tokio1Executor};

/// An SMTP sender built from `[mail]`.
pub struct Mailer {
    transport: AsyncSmtpTransport<Tokio1Executor>,
    from: Mailbox,
    domain: String,
    /// Messages sent at once.
    pub parallel: usize,
}

impl Mailer {
    /// Builds the transport (no connection is opened until the first message); a bad sender
    /// address or host is an error naming the field.
    pub fn new(config: &MailConfig) -> anyhow::Result<Self> {
        let from: Mailbox = config
            .from
            .parse()
            .map_err(|e| anyhow::anyhow!("[mail] from '{}': {e}", config.from))?;
        let domain = from.email.domain().to_owned();
        let mut builder = match config.tls {
            TlsMode::None => {
                AsyncSmtpTransport::<Tokio1Executor>::builder_dangerous(config.host.as_str())
            }
            TlsMode::Starttls => AsyncSmtpTransport::<Tokio1Executor>::starttls_relay(&config.host)
                .map_err(|e| anyhow::anyhow!("[mail] host '{}': {e}", config.host))?,
            TlsMode::Tls => AsyncSmtpTransport::<Tokio1Executor>::relay(&config.host)
                .map_err(|e| anyhow::anyhow!("[mail] host '{}': {e}", config.host))?,
        }
        .port(config.port)
        .timeout(Some(std::time::Duration::from_secs(20)));
        if let (Some(user), Some(password)) = (&config.username, &config.password) {
            builder = builder.credentials(Credentials::new(user.clone(), password.clone()));
        }
        let parallel = config.parallel.clamp(1, 64);
        let pool = lettre::transport::smtp::PoolConfig::new()
            .max_size(u32::try_from(parallel).unwrap_or(8));
        Ok(Self {
            transport: builder.pool_config(pool).build(),
            from,
            domain,
            parallel,
        })
    }

    /// Sends one message; the error says why the server refused or could not be reached.
    pub async fn send(&self, m: &Outgoing, to: &str, public_url: &str) -> Result<(), String> {
        let to: Mailbox = to
            .parse()
            .map_err(|e| format!("the address cannot be used: {e}"))?;
        let link = m.link.as_ref().map(|l| absolute(public_url, l));
        let unsubscribe = m.unsubscribe_token.as_ref().map(|t| {
            absolute(
                public_url,
                &format!("{}/{t}", super::pages::UNSUBSCRIBE_PATH),
            )
        });
        let (open, stop) = match m.lang.as_str() {
            "en" => ("Open", "Stop these e-mails"),
            _ => ("Mở trang", "Không nhận loại thư này nữa"),
        };
        let mut text = m.body.clone();
        let mut html = format!("<p>{}</p>", escape(&m.body).replace('\n', "<br>"));
        if let Some(l) = &link {
            text.push_str(&format!("\n\n{open}: {l}"));
            html.push_str(&format!("<p><a href=\"{}\">{open}</a></p>", escape(l)));
        }
        if let Some(u) = &unsubscribe {
            text.push_str(&format!("\n\n{stop}: {u}"));
            html.push_str(&format!(
                "<p><small><a href=\"{}\">{stop}</a></small></p>",
                escape(u)
            ));
        }
        let message = Message::builder()
            .from(self.from.clone())
            .to(to)
            .subject(m.subject.clone())
            .message_id(Some(format!("<dinh-{}@{}>", m.id, self.domain)))
            .multipart(MultiPart::alternative_plain_html(text, html))
            .map_err(|e| format!("the message cannot be built: {e}"))?;
        self.transport
            .send(message)
            .await
            .map(drop)
            .map_err(|e| format!("SMTP: {e}"))
    }
}

/// `public_url` + a local path.
pub fn absolute(public_url: &str, path: &str) -> String {
    if path.starts_with("http://") || path.starts_with("https://") {
        path.to_owned()
    } else {
        format!("{}{path}", public_url.trim_end_matches('/'))
    }
}

fn escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}
