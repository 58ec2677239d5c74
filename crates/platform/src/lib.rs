//! Đình platform: what every capability stands on.
//!
//! - [`db`]: one code path for SQLite and PostgreSQL, migrations, ids;
//! - [`units`]: administrative units with lineage; [`households`]: households and people;
//! - [`accounts`]: accounts, roles held at a unit, sessions, the policy;
//! - [`audit`]: the hash-chained audit log;
//! - [`web`]: the web shell (layout, sessions, CSRF, i18n, errors) and [`module`]: the trait
//!   each capability implements to plug in;
//! - [`documents`]: DOCX in the administrative format, XLSX and CSV;
//! - [`notify`]: notices by e-mail, text message and the in-app inbox, from one outbox;
//! - [`search`]: one search across the site's public documents, on both engines;
//! - [`work`]: the work home of everyone who signs in (Việc của tôi);
//! - [`write`]: who acts in a write and why it was refused, for every module.

pub mod accounts;
pub mod audit;
pub mod backup;
pub mod config;
pub mod csvio;
pub mod db;
pub mod demo;
pub mod documents;
pub mod households;
pub mod module;
pub mod notify;
pub mod satisfaction;
pub mod search;
pub mod testing;
pub mod text;
pub mod time;
pub mod units;
pub mod uploads;
pub mod web;
pub mod work;
pub mod write;
