//! Interface language: Vietnamese by default, English on request.

use std::collections::HashMap;
use std::sync::{OnceLock, RwLock};

/// An interface language.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Lang {
    /// Tiếng Việt (default).
    #[default]
    Vi,
    /// English.
    En,
}

impl Lang {
    /// The language code (`vi`, `en`).
    pub fn code(self) -> &'static str {
        match self {
            Lang::Vi => "vi",
            Lang::En => "en",
        }
    }

    /// Parses a code; anything but `en` is Vietnamese.
    pub fn parse(code: &str) -> Lang {
        if code.eq_ignore_ascii_case("en") {
            Lang::En
        } else {
            Lang::Vi
        }
    }

    /// The other language (for the switch link).
    pub fn other(self) -> Lang {
        match self {
            Lang::Vi => Lang::En,
            Lang::En => Lang::Vi,
        }
    }
}

#[derive(serde::Deserialize)]
struct Entry {
    vi: String,
    en: String,
}

fn messages() -> &'static HashMap<String, Entry> {
    static MESSAGES: OnceLock<HashMap<String, Entry>> = OnceLock::new();
    MESSAGES.get_or_init(|| {
        toml::from_str(include_str!("../../locales/messages.toml")).unwrap_or_default()
    })
}

type Table = HashMap<String, Entry>;

/// Message tables of the modules, by module name; each is parsed and kept once per process.
fn module_tables() -> &'static RwLock<Vec<(&'static str, &'static Table)>> {
    static TABLES: OnceLock<RwLock<Vec<(&'static str, &'static Table)>>> = OnceLock::new();
    TABLES.get_or_init(|| RwLock::new(Vec::new()))
}

/// Adds a module's messages (TOML, `key = { vi = "…", en = "…" }`) to the interface texts.
/// Registering the same module again is a no-op; a table that does not parse is an error.
pub fn register_messages(module: &'static str, toml_text: &'static str) -> anyhow::Result<()> {
    if toml_text.is_empty() {
        return Ok(());
    }
    let mut tables = module_tables()
        .write()
        .map_err(|_| anyhow::anyhow!("message tables poisoned"))?;
    if tables.iter().any(|(name, _)| *name == module) {
        return Ok(());
    }
    let table: Table = toml::from_str(toml_text)
        .map_err(|e| anyhow::anyhow!("messages of module '{module}': {e}"))?;
    tables.push((module, Box::leak(Box::new(table))));
    Ok(())
}

fn lookup(key: &str) -> Option<&'static Entry> {
    if let Some(e) = messages().get(key) {
        return Some(e);
    }
    let tables = module_tables().read().ok()?;
    tables.iter().find_map(|(_, table)| table.get(key))
}

/// Translator handed to templates: `{{ t.t("nav_home") }}`.
#[derive(Debug, Clone, Copy)]
pub struct Tr {
    /// The language of the page.
    pub lang: Lang,
}

impl Tr {
    /// The text for `key` in the page's language (the key itself if it is missing).
    pub fn t<'a>(&self, key: &'a str) -> &'a str
    where
        'static: 'a,
    {
        match lookup(key) {
            Some(e) => match self.lang {
                Lang::Vi => &e.vi,
                Lang::En => &e.en,
            },
            None => key,
        }
    }

    /// The page's language code.
    pub fn code(&self) -> &'static str {
        self.lang.code()
    }

    /// Picks between a Vietnamese and an English text.
    pub fn pick<'a>(&self, vi: &'a str, en: &'a str) -> &'a str {
        match self.lang {
            Lang::Vi => vi,
            Lang::En => en,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn messages_load_in_both_languages() -> anyhow::Result<()> {
        assert!(messages().len() > 50);
        assert_eq!(Tr { lang: Lang::Vi }.t("nav_login"), "Đăng nhập");
        assert_eq!(Tr { lang: Lang::En }.t("nav_login"), "Sign in");
        assert_eq!(Tr { lang: Lang::En }.t("no_such_key"), "no_such_key");
        register_messages(
            "i18n_test",
            "test_only_key = { vi = \"Thử\", en = \"Test\" }",
        )?;
        assert_eq!(Tr { lang: Lang::Vi }.t("test_only_key"), "Thử");
        assert!(register_messages("i18n_bad", "x = 1").is_err());
        for (key, e) in messages() {
            assert!(
                !e.vi.is_empty() && !e.en.is_empty(),
                "{key} lacks a translation"
            );
        }
        Ok(())
    }
}
