//! The disclosure register on SQLite and, when `DINH_TEST_POSTGRES_URL` is set, PostgreSQL:
//! every rule of the obligation computation, proof states, refusals with nothing written,
//! attachments, recurring duties, the register's documents, indicators and the web.
//! One test binary; its parts live in `tests/disclosure/`.
#![allow(clippy::unwrap_used, clippy::expect_used, missing_docs)]

#[path = "disclosure/backup.rs"]
mod backup;
#[path = "disclosure/register.rs"]
mod register;
#[path = "disclosure/rules.rs"]
mod rules;
#[path = "disclosure/search.rs"]
mod search;
#[path = "disclosure/support.rs"]
mod support;
#[path = "disclosure/web.rs"]
mod web;
