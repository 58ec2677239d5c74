//! The kinds of notice (loại thông báo) every module declares, with their texts in both
//! languages: a TOML table per kind, checked when the module joins the registry and again when
//! an administrator's file of texts is loaded at start, so a text that names a placeholder its
//! kind does not have is refused with the file and the key named.
//!
//! ```toml
//! [case_step]                       # the kind is `petitions.case_step`
//! name = { vi = "Đơn thư: các bước giải quyết", en = "Petitions: each step" }
//! required = true                   # legally required: no unsubscribe link, cannot be turned off
//! confidential = true               # the audit log keeps who, kind, channel and when, never the body
//! channels = ["inbox", "email", "sms"]
//! placeholders = ["code", "step", "due"]
//! subject = { vi = "Đơn {code}: {step}", en = "Petition {code}: {step}" }
//! text = { vi = "…", en = "…" }     # e-mail and inbox
//! sms = { vi = "…", en = "…" }      # short, for a text message
//! ```

use super::Channel;
use crate::web::i18n::Lang;
use serde::Deserialize;
use std::collections::{BTreeMap, HashMap};
use std::sync::{OnceLock, RwLock};

/// A text in both languages.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Texts {
    /// Tiếng Việt.
    pub vi: String,
    /// English.
    pub en: String,
}

impl Texts {
    /// The text in `lang`.
    pub fn pick(&self, lang: Lang) -> &str {
        match lang {
            Lang::Vi => &self.vi,
            Lang::En => &self.en,
        }
    }
}

/// One kind of notice, as declared.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Kind {
    /// Its name on the preferences page.
    pub name: Texts,
    /// Legally required (thông báo bắt buộc theo luật): sent whatever the person chose, and
    /// without an unsubscribe link.
    #[serde(default)]
    pub required: bool,
    /// Its body is confidential: the audit log records only who, which kind, channel and when.
    #[serde(default)]
    pub confidential: bool,
    /// The channels it goes by unless the person chose otherwise.
    pub channels: Vec<Channel>,
    /// The values its texts may name, as `{name}`.
    pub placeholders: Vec<String>,
    /// Subject of an e-mail and title in the inbox.
    pub subject: Texts,
    /// Body of an e-mail and of the inbox entry.
    pub text: Texts,
    /// Body of a text message.
    pub sms: Texts,
}

/// Why a catalogue of texts was refused.
#[derive(Debug, thiserror::Error)]
#[error("{source_name}: [{key}] {message}")]
pub struct CatalogueError {
    /// The module or file the texts came from.
    pub source_name: String,
    /// The kind (and field) at fault.
    pub key: String,
    /// What is wrong and what to do.
    pub message: String,
}

fn kinds() -> &'static RwLock<BTreeMap<String, Kind>> {
    static KINDS: OnceLock<RwLock<BTreeMap<String, Kind>>> = OnceLock::new();
    KINDS.get_or_init(|| RwLock::new(BTreeMap::new()))
}

/// Parses a module's kinds and checks every text's placeholders.
pub fn parse(source_name: &str, toml_text: &str) -> Result<Vec<(String, Kind)>, CatalogueError> {
    let table: BTreeMap<String, Kind> = toml::from_str(toml_text).map_err(|e| CatalogueError {
        source_name: source_name.to_owned(),
        key: e
            .span()
            .map(|s| format!("at byte {}", s.start))
            .unwrap_or_default(),
        message: e.message().to_owned(),
    })?;
    let mut out = Vec::with_capacity(table.len());
    for (key, kind) in table {
        check_kind(source_name, &key, &kind)?;
        out.push((key, kind));
    }
    Ok(out)
}

fn check_kind(source_name: &str, key: &str, kind: &Kind) -> Result<(), CatalogueError> {
    let fields = [
        ("subject", &kind.subject),
        ("text", &kind.text),
        ("sms", &kind.sms),
    ];
    for (field, texts) in fields {
        for (lang, text) in [("vi", &texts.vi), ("en", &texts.en)] {
            for name in placeholders_in(text).map_err(|message| CatalogueError {
                source_name: source_name.to_owned(),
                key: format!("{key}.{field}.{lang}"),
                message,
            })? {
                if !kind.placeholders.iter().any(|p| p == name) {
                    return Err(CatalogueError {
                        source_name: source_name.to_owned(),
                        key: format!("{key}.{field}.{lang}"),
                        message: format!(
                            "unknown placeholder {{{name}}}: use one of {}",
                            kind.placeholders
                                .iter()
                                .map(|p| format!("{{{p}}}"))
                                .collect::<Vec<_>>()
                                .join(", ")
                        ),
                    });
                }
            }
        }
    }
    if kind.channels.is_empty() {
        return Err(CatalogueError {
            source_name: source_name.to_owned(),
            key: format!("{key}.channels"),
            message: "name at least one channel (inbox, email, sms)".to_owned(),
        });
    }
    Ok(())
}

/// The `{name}`s a text uses; an unclosed `{` is an error.
fn placeholders_in(text: &str) -> Result<Vec<&str>, String> {
    let mut out = Vec::new();
    let mut rest = text;
    while let Some(start) = rest.find('{') {
        let after = &rest[start + 1..];
        let end = after
            .find('}')
            .ok_or_else(|| "a '{' is never closed: write {name}".to_owned())?;
        out.push(&after[..end]);
        rest = &after[end + 1..];
    }
    Ok(out)
}

/// Adds a module's kinds (as `module.kind`). Registering the same module again replaces
/// nothing; a table that does not parse or names an unknown placeholder is an error.
pub fn register(module: &str, toml_text: &str) -> Result<(), CatalogueError> {
    if toml_text.is_empty() {
        return Ok(());
    }
    let parsed = parse(&format!("notices of module '{module}'"), toml_text)?;
    let mut all = kinds()
        .write()
        .unwrap_or_else(std::sync::PoisonError::into_inner);
    for (key, kind) in parsed {
        all.entry(format!("{module}.{key}")).or_insert(kind);
    }
    Ok(())
}

/// Replaces texts with an administrator's (`<data dir>/notices.toml`, tables named by the full
/// kind, `["petitions.case_step"]`, each with any of `subject`, `text`, `sms`). Checked against
/// the kinds' placeholders; refused as a whole, naming the file and the key, when one is wrong.
pub fn apply_overrides(path: &std::path::Path) -> Result<usize, CatalogueError> {
    #[derive(Deserialize)]
    #[serde(deny_unknown_fields)]
    struct Override {
        subject: Option<Texts>,
        text: Option<Texts>,
        sms: Option<Texts>,
    }
    let source_name = path.display().to_string();
    let text = match std::fs::read_to_string(path) {
        Ok(t) => t,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(0),
        Err(e) => {
            return Err(CatalogueError {
                source_name,
                key: String::new(),
                message: e.to_string(),
            });
        }
    };
    let table: HashMap<String, Override> = toml::from_str(&text).map_err(|e| CatalogueError {
        source_name: source_name.clone(),
        key: e
            .span()
            .map(|s| format!("at byte {}", s.start))
            .unwrap_or_default(),
        message: e.message().to_owned(),
    })?;
    let mut all = kinds()
        .write()
        .unwrap_or_else(std::sync::PoisonError::into_inner);
    let mut changed = Vec::with_capacity(table.len());
    for (key, o) in table {
        let Some(base) = all.get(&key) else {
            return Err(CatalogueError {
                source_name,
                key,
                message: "no such kind of notice: see `dinh outbox kinds`".to_owned(),
            });
        };
        let mut kind = base.clone();
        if let Some(s) = o.subject {
            kind.subject = s;
        }
        if let Some(s) = o.text {
            kind.text = s;
        }
        if let Some(s) = o.sms {
            kind.sms = s;
        }
        check_kind(&source_name, &key, &kind)?;
        changed.push((key, kind));
    }
    let n = changed.len();
    for (key, kind) in changed {
        all.insert(key, kind);
    }
    Ok(n)
}

/// The kind named `key` (`petitions.case_step`), if a module declared it.
pub fn kind(key: &str) -> Option<Kind> {
    kinds()
        .read()
        .unwrap_or_else(std::sync::PoisonError::into_inner)
        .get(key)
        .cloned()
}

/// Every kind, by key, for the preferences page.
pub fn all() -> Vec<(String, Kind)> {
    kinds()
        .read()
        .unwrap_or_else(std::sync::PoisonError::into_inner)
        .iter()
        .map(|(k, v)| (k.clone(), v.clone()))
        .collect()
}

/// Fills `{name}`s with `values`; a name without a value is left empty.
pub fn fill(text: &str, values: &[(&str, String)]) -> String {
    let mut out = String::with_capacity(text.len() + 64);
    let mut rest = text;
    while let Some(start) = rest.find('{') {
        out.push_str(&rest[..start]);
        let after = &rest[start + 1..];
        match after.find('}') {
            Some(end) => {
                let name = &after[..end];
                if let Some((_, v)) = values.iter().find(|(k, _)| *k == name) {
                    out.push_str(v);
                }
                rest = &after[end + 1..];
            }
            None => {
                out.push_str(&rest[start..]);
                rest = "";
            }
        }
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    const GOOD: &str = r#"
[step]
name = { vi = "Bước", en = "Step" }
channels = ["inbox", "email"]
placeholders = ["code"]
subject = { vi = "Đơn {code}", en = "Petition {code}" }
text = { vi = "Đơn {code} đã được thụ lý.", en = "Petition {code} was accepted." }
sms = { vi = "Don {code}", en = "Petition {code}" }
"#;

    #[test]
    fn a_text_naming_an_unknown_placeholder_is_refused_with_its_key() {
        assert!(parse("m", GOOD).is_ok());
        let bad = GOOD.replace("đã được thụ lý.", "hạn {due}.");
        let e = parse("notices.toml", &bad).unwrap_err();
        assert_eq!(e.key, "step.text.vi");
        assert!(e.to_string().contains("notices.toml"), "{e}");
        assert!(
            e.message.contains("{due}") && e.message.contains("{code}"),
            "{e}"
        );
        let unclosed = GOOD.replace("Don {code}", "Don {code");
        assert_eq!(parse("m", &unclosed).unwrap_err().key, "step.sms.vi");
    }

    #[test]
    fn values_fill_their_placeholders() {
        assert_eq!(
            fill(
                "Đơn {code}: {step}.",
                &[("code", "PA-1".into()), ("step", "thụ lý".into())]
            ),
            "Đơn PA-1: thụ lý."
        );
        assert_eq!(fill("a {", &[]), "a {");
    }
}
