//! Preferences and consent (lựa chọn nhận thông báo, sự đồng ý): the address and phone a person
//! is told at, the channels they chose for each kind of notice, their quiet hours, and the
//! recorded consent of a household representative to be sent text messages.

use super::{Channel, catalogue};
use crate::accounts::login_name;
use crate::audit::{self, Change};
use crate::db::{Db, Tx, ids::next_id, query};
use crate::web::i18n::Lang;
use crate::write::WriteError;
use std::collections::HashMap;

/// Where and when a person is told.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Settings {
    /// E-mail address, normalised; empty for none.
    pub email: String,
    /// Phone number for text messages, normalised; empty for none.
    pub phone: String,
    /// Quiet hours (giờ yên lặng), Vietnam time, from this hour …
    pub quiet_from: Option<u32>,
    /// … to this hour (e-mail and text messages wait until it ends; the inbox does not).
    pub quiet_to: Option<u32>,
    /// Channels turned on or off, per kind (what is not here follows the kind's default).
    pub choices: HashMap<(String, Channel), bool>,
    /// The language of e-mail and text messages.
    pub lang: Lang,
}

/// What a person asks to save on their preferences page.
#[derive(Debug, Clone, Copy)]
pub struct Wanted<'a> {
    /// E-mail address as typed (empty for none).
    pub email: &'a str,
    /// Phone as typed (empty for none).
    pub phone: &'a str,
    /// Quiet hours, from and to.
    pub quiet: (Option<u32>, Option<u32>),
    /// Language of e-mail and text messages.
    pub lang: Lang,
    /// Channels turned on or off against each kind's default.
    pub choices: &'a [(String, Channel, bool)],
}

impl Settings {
    /// Whether `channel` is on for `kind_key`, following the kind's default when the person has
    /// not chosen; a legally required kind keeps its own channels on.
    pub fn wants(&self, kind_key: &str, kind: &catalogue::Kind, channel: Channel) -> bool {
        let default = kind.channels.contains(&channel);
        if kind.required && default {
            return true;
        }
        self.choices
            .get(&(kind_key.to_owned(), channel))
            .copied()
            .unwrap_or(default)
    }
}

#[derive(sqlx::FromRow)]
struct SettingsRow {
    account_id: i64,
    login: String,
    email: Option<String>,
    phone: Option<String>,
    quiet_from: Option<i64>,
    quiet_to: Option<i64>,
    lang: Option<String>,
}

/// The settings of several accounts at once (what is not recorded comes from the login: an
/// e-mail login is their e-mail, a phone login their phone), with their choices for `kind`.
pub async fn for_accounts(
    tx: &mut Tx,
    ids: &[i64],
    kind: &str,
) -> sqlx::Result<HashMap<i64, Settings>> {
    let mut out = HashMap::with_capacity(ids.len());
    for chunk in ids.chunks(500) {
        let list = crate::module::id_list(chunk.iter().copied());
        let rows: Vec<SettingsRow> = tx
            .fetch_all(&query(format!(
                "SELECT a.id AS account_id, a.login, s.email, s.phone, s.quiet_from, s.quiet_to, s.lang \
                 FROM accounts a LEFT JOIN notification_settings s ON s.account_id = a.id \
                 WHERE a.id IN ({list}) AND NOT a.disabled"
            )))
            .await?;
        for r in rows {
            out.insert(r.account_id, from_row(r));
        }
        let choices: Vec<(i64, String, bool)> = tx
            .fetch_all(
                &query(format!(
                    "SELECT account_id, channel, enabled FROM notification_choices \
                     WHERE kind = $1 AND account_id IN ({list})"
                ))
                .bind(kind),
            )
            .await?;
        for (account, channel, enabled) in choices {
            if let (Some(s), Some(ch)) = (out.get_mut(&account), Channel::parse(&channel)) {
                s.choices.insert((kind.to_owned(), ch), enabled);
            }
        }
    }
    Ok(out)
}

fn from_row(r: SettingsRow) -> Settings {
    let login_is_email = r.login.contains('@');
    let email = r.email.unwrap_or_else(|| {
        if login_is_email {
            r.login.clone()
        } else {
            String::new()
        }
    });
    let phone = r.phone.unwrap_or_else(|| {
        if login_is_email {
            String::new()
        } else {
            r.login.clone()
        }
    });
    Settings {
        email,
        phone,
        quiet_from: r.quiet_from.and_then(|h| u32::try_from(h).ok()),
        quiet_to: r.quiet_to.and_then(|h| u32::try_from(h).ok()),
        choices: HashMap::new(),
        lang: r.lang.as_deref().map_or(Lang::Vi, Lang::parse),
    }
}

/// One account's settings with every choice they made.
pub async fn of_account(db: &Db, account_id: i64) -> anyhow::Result<Settings> {
    let row: Option<SettingsRow> = db
        .fetch_optional(
            &query(
                "SELECT a.id AS account_id, a.login, s.email, s.phone, s.quiet_from, s.quiet_to, s.lang \
                 FROM accounts a LEFT JOIN notification_settings s ON s.account_id = a.id WHERE a.id = $1",
            )
            .bind(account_id),
        )
        .await?;
    let mut settings = row.map(from_row).unwrap_or_default();
    let choices: Vec<(String, String, bool)> = db
        .fetch_all(
            &query("SELECT kind, channel, enabled FROM notification_choices WHERE account_id = $1")
                .bind(account_id),
        )
        .await?;
    for (kind, channel, enabled) in choices {
        if let Some(ch) = Channel::parse(&channel) {
            settings.choices.insert((kind, ch), enabled);
        }
    }
    Ok(settings)
}

/// Checks an e-mail address, phone number and quiet hours as typed; names the field at fault.
pub fn check(
    email: &str,
    phone: &str,
    quiet: (Option<u32>, Option<u32>),
) -> Result<(String, String), WriteError> {
    let email = email.trim();
    let email = if email.is_empty() {
        String::new()
    } else {
        match login_name::normalise(email) {
            Ok(e) if e.contains('@') => e,
            _ => {
                return Err(WriteError::invalid(
                    "email",
                    "not a valid e-mail address: write it as ten@ten-mien.vn",
                ));
            }
        }
    };
    let phone = phone.trim();
    let phone = if phone.is_empty() {
        String::new()
    } else {
        phone_number(phone)?
    };
    match quiet {
        (Some(a), Some(b)) if a > 23 || b > 23 => {
            return Err(WriteError::invalid(
                "quiet_from",
                "quiet hours are hours of the day, 0 to 23",
            ));
        }
        (Some(_), None) | (None, Some(_)) => {
            return Err(WriteError::invalid(
                "quiet_to",
                "give both the hour quiet begins and the hour it ends, or neither",
            ));
        }
        _ => {}
    }
    Ok((email, phone))
}

/// A Vietnamese phone number as typed, normalised; refused naming the field `phone`.
fn phone_number(text: &str) -> Result<String, WriteError> {
    match login_name::normalise(text) {
        Ok(p) if !p.contains('@') => Ok(p),
        _ => Err(WriteError::invalid(
            "phone",
            "not a Vietnamese phone number: write 10 or 11 digits, e.g. 0912 345 678",
        )),
    }
}

/// Saves a person's settings and choices in one transaction, audited.
pub async fn save(
    db: &Db,
    account_id: i64,
    actor: &str,
    wanted: &Wanted<'_>,
) -> Result<(), WriteError> {
    let Wanted {
        quiet,
        lang,
        choices,
        ..
    } = *wanted;
    let (email, phone) = check(wanted.email, wanted.phone, quiet)?;
    let mut tx = db.begin().await?;
    tx.execute(&query("DELETE FROM notification_settings WHERE account_id = $1").bind(account_id))
        .await?;
    tx.execute(
        &query("INSERT INTO notification_settings (account_id, email, phone, quiet_from, quiet_to, lang, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7)")
            .bind(account_id)
            .bind(email.as_str())
            .bind(phone.as_str())
            .bind(quiet.0.map(i64::from))
            .bind(quiet.1.map(i64::from))
            .bind(lang.code())
            .bind(crate::time::now_rfc3339()),
    )
    .await?;
    tx.execute(&query("DELETE FROM notification_choices WHERE account_id = $1").bind(account_id))
        .await?;
    for (kind, channel, enabled) in choices {
        tx.execute(
            &query("INSERT INTO notification_choices (account_id, kind, channel, enabled) VALUES ($1, $2, $3, $4)")
                .bind(account_id)
                .bind(kind.as_str())
                .bind(channel.as_str())
                .bind(*enabled),
        )
        .await?;
    }
    audit::record(
        &mut tx,
        Change {
            actor,
            action: "notify.settings",
            object_type: "account",
            object_id: &account_id.to_string(),
            before: None,
            after: Some(serde_json::json!({
                "email": !email.is_empty(), "phone": !phone.is_empty(),
                "quiet": [quiet.0, quiet.1], "lang": lang.code(), "choices": choices.len(),
            })),
        },
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

/// Turns `channel` off for `kind` for the account that `token` was sent to (the unsubscribe
/// link of an e-mail); returns the kind, or None when the token is unknown.
pub async fn unsubscribe(db: &Db, token: &str) -> anyhow::Result<Option<String>> {
    let found: Option<(i64, String, String)> = db
        .fetch_optional(
            &query("SELECT account_id, kind, channel FROM notifications WHERE unsubscribe_token = $1 AND account_id IS NOT NULL")
                .bind(token),
        )
        .await?;
    let Some((account_id, kind, channel)) = found else {
        return Ok(None);
    };
    let mut tx = db.begin().await?;
    tx.execute(
        &query(
            "DELETE FROM notification_choices WHERE account_id = $1 AND kind = $2 AND channel = $3",
        )
        .bind(account_id)
        .bind(kind.as_str())
        .bind(channel.as_str()),
    )
    .await?;
    tx.execute(
        &query("INSERT INTO notification_choices (account_id, kind, channel, enabled) VALUES ($1, $2, $3, FALSE)")
            .bind(account_id)
            .bind(kind.as_str())
            .bind(channel.as_str()),
    )
    .await?;
    audit::record(
        &mut tx,
        Change {
            actor: &format!("account:{account_id} (unsubscribe link)"),
            action: "notify.unsubscribe",
            object_type: "account",
            object_id: &account_id.to_string(),
            before: None,
            after: Some(serde_json::json!({"kind": kind, "channel": channel})),
        },
    )
    .await?;
    tx.commit().await?;
    Ok(Some(kind))
}

/// A household representative's consent to text messages at `phone` (đồng ý nhận tin nhắn),
/// recorded by the officer who heard it; replaces any earlier one. An invalid number is refused
/// with the field named.
pub async fn record_consent(
    db: &Db,
    person_id: i64,
    phone: &str,
    actor: &str,
) -> Result<(), WriteError> {
    let phone = phone_number(phone)?;
    let today = crate::time::today_vn();
    let mut tx = db.begin().await?;
    tx.execute(
        &query("UPDATE notification_consents SET withdrawn_on = $1 WHERE person_id = $2 AND withdrawn_on IS NULL")
            .bind(today)
            .bind(person_id),
    )
    .await?;
    tx.execute(
        &query("INSERT INTO notification_consents (id, person_id, channel, address, given_on, recorded_by) VALUES ($1, $2, 'sms', $3, $4, $5)")
            .bind(next_id())
            .bind(person_id)
            .bind(phone.as_str())
            .bind(today)
            .bind(actor),
    )
    .await?;
    audit::record(
        &mut tx,
        Change {
            actor,
            action: "notify.consent",
            object_type: "person",
            object_id: &person_id.to_string(),
            before: None,
            after: Some(serde_json::json!({"channel": "sms", "given_on": today})),
        },
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

/// Withdraws a representative's consent (rút lại sự đồng ý), audited.
pub async fn withdraw_consent(db: &Db, person_id: i64, actor: &str) -> Result<(), WriteError> {
    let today = crate::time::today_vn();
    let mut tx = db.begin().await?;
    tx.execute(
        &query("UPDATE notification_consents SET withdrawn_on = $1 WHERE person_id = $2 AND withdrawn_on IS NULL")
            .bind(today)
            .bind(person_id),
    )
    .await?;
    audit::record(
        &mut tx,
        Change {
            actor,
            action: "notify.consent_withdrawn",
            object_type: "person",
            object_id: &person_id.to_string(),
            before: None,
            after: Some(serde_json::json!({"channel": "sms", "withdrawn_on": today})),
        },
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

/// The phone a person consented to be sent text messages at, if any.
pub async fn consent_of(db: &Db, person_id: i64) -> sqlx::Result<Option<(String, String)>> {
    db.fetch_optional(
        &query("SELECT address, given_on FROM notification_consents WHERE person_id = $1 AND withdrawn_on IS NULL")
            .bind(person_id),
    )
    .await
}
