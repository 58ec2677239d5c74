//! Community works on SQLite and, when `DINH_TEST_POSTGRES_URL` is set, on PostgreSQL.
//! One test binary; its parts live in `tests/works/`.
#![allow(clippy::unwrap_used, clippy::expect_used, missing_docs)]

#[path = "works/contributions.rs"]
mod contributions;
#[path = "works/refusals.rs"]
mod refusals;
#[path = "works/support.rs"]
mod support;
#[path = "works/web.rs"]
mod web;
