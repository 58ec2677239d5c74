//! Thông báo — notices that reach people: one outbox written in the same transaction as the
//! write that caused it, sent by e-mail (SMTP), text message (an HTTP gateway) and the in-app
//! inbox (hộp thư) shown on every signed-in page.
//!
//! A module says what happened and to whom ([`Notice`], [`Recipient`]) with [`queue`]; the
//! platform picks the channels from the person's preferences and consent ([`settings`]), and the
//! sender ([`sender`]) delivers them with retries and back-off on one node at a time. Each
//! module declares its kinds of notice and their texts through
//! [`crate::module::Module::notices`] ([`catalogue`]).

pub mod catalogue;
pub mod config;
pub mod digest;
mod mail;
pub mod outbox;
mod pages;
mod queue;
pub mod sender;
pub mod settings;
mod sms;

pub use config::{MailConfig, SmsConfig, TlsMode};
pub use pages::{INBOX_PATH, routes, unread_count};
pub use queue::queue;

use crate::accounts::Role;
use crate::web::i18n::Lang;
use serde::Deserialize;

/// A way a notice reaches a person.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Channel {
    /// The in-app inbox (hộp thư trên trang).
    Inbox,
    /// E-mail (thư điện tử).
    Email,
    /// Text message (tin nhắn SMS).
    Sms,
}

impl Channel {
    /// Every channel, in the order pages list them.
    pub const ALL: [Channel; 3] = [Channel::Inbox, Channel::Email, Channel::Sms];

    /// Stable name, as stored.
    pub fn as_str(self) -> &'static str {
        match self {
            Channel::Inbox => "inbox",
            Channel::Email => "email",
            Channel::Sms => "sms",
        }
    }

    /// The channel named `name`, if any.
    pub fn parse(name: &str) -> Option<Channel> {
        Channel::ALL.into_iter().find(|c| c.as_str() == name)
    }

    /// Message key of its name.
    pub fn title_key(self) -> &'static str {
        match self {
            Channel::Inbox => "notify_channel_inbox",
            Channel::Email => "notify_channel_email",
            Channel::Sms => "notify_channel_sms",
        }
    }
}

/// Who a notice is for.
#[derive(Debug, Clone)]
pub enum Recipient {
    /// A person with an account.
    Account(i64),
    /// Everyone holding `role` at the unit `unit_id` (not below it).
    RoleAt {
        /// The role.
        role: Role,
        /// The unit.
        unit_id: i64,
    },
    /// A household's representative (chủ hộ / đại diện hộ): their account if they have one, and
    /// a text message to their phone only when their consent is recorded.
    Household(i64),
    /// The representatives of every household of a unit's subtree on a day (the households
    /// of a thôn called to a meeting), each as [`Recipient::Household`], in one query.
    Households {
        /// The unit.
        unit_id: i64,
        /// The day the households are counted on.
        on: chrono::NaiveDate,
    },
    /// Someone known only by the e-mail address or phone number they gave (a petitioner by
    /// tracking code). Only for legally required kinds, since there is no account to
    /// unsubscribe from.
    Address {
        /// The address or phone number as given.
        address: String,
        /// Their language.
        lang: Lang,
    },
    /// Someone whose address must not be stored beside the notice (a protected denouncer): the
    /// module that holds it returns it when the notice is sent, through
    /// [`crate::module::Module::notice_address`].
    Sealed {
        /// The module that holds the address.
        module: &'static str,
        /// What the module needs to find it (a case id).
        reference: String,
        /// The channel the address is for.
        channel: Channel,
        /// Their language.
        lang: Lang,
    },
}

/// What happened and to whom: one kind of notice, the values its texts name, and the page to
/// act on it.
#[derive(Debug, Clone)]
pub struct Notice {
    /// The kind, `module.kind` (`petitions.case_step`).
    pub kind: &'static str,
    /// Who it is for.
    pub to: Recipient,
    /// The values of its placeholders.
    pub values: Vec<(&'static str, String)>,
    /// The local page to act on it (`/petitions/track?code=…`).
    pub link: Option<String>,
    /// A key that makes it once-only: a second notice with the same key is not queued (the
    /// morning digest of one person on one day).
    pub once: Option<String>,
}

impl Notice {
    /// A notice of `kind` to `to`, with no values yet.
    pub fn new(kind: &'static str, to: Recipient) -> Self {
        Self {
            kind,
            to,
            values: Vec::new(),
            link: None,
            once: None,
        }
    }

    /// Adds the value of a placeholder.
    pub fn value(mut self, name: &'static str, value: impl Into<String>) -> Self {
        self.values.push((name, value.into()));
        self
    }

    /// Sets the page to act on it.
    pub fn link(mut self, link: impl Into<String>) -> Self {
        self.link = Some(link.into());
        self
    }

    /// Makes it once-only under `key`.
    pub fn once(mut self, key: impl Into<String>) -> Self {
        self.once = Some(key.into());
        self
    }
}

/// The platform's own kinds of notice (the morning digest).
pub const PLATFORM_NOTICES: &str = include_str!("../../locales/notices.toml");

/// What `dinh serve` checks before it starts: the administrator's texts
/// (`<data dir>/notices.toml`) against their kinds' placeholders, and `[mail]` and `[sms]`;
/// the error names the file and key, or the section and field.
pub fn start_checks(config: &crate::config::Config) -> anyhow::Result<()> {
    catalogue::apply_overrides(&config.data_dir.join("notices.toml"))?;
    if let Some(problem) = sender::Channels::from_config(config).problem() {
        anyhow::bail!("{problem}");
    }
    Ok(())
}

/// The notify part of the scheduled jobs: the sender and the morning digest.
pub fn jobs() -> Vec<crate::module::Job> {
    vec![sender::job(), digest::job()]
}
