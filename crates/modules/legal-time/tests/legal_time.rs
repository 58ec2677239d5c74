//! Legal time through the router (pages and API) on SQLite and, when
//! `DINH_TEST_POSTGRES_URL` is set, on PostgreSQL; and the administrator's data files.
//! One test binary; its parts live in `tests/legal_time/`.
#![allow(clippy::unwrap_used, clippy::expect_used, missing_docs)]

#[path = "legal_time/admin.rs"]
mod admin;
#[path = "legal_time/api.rs"]
mod api;
#[path = "legal_time/pages.rs"]
mod pages;
#[path = "legal_time/support.rs"]
mod support;
