//! Oversight on SQLite and, when `DINH_TEST_POSTGRES_URL` is set, on PostgreSQL.
//! One test binary; its parts live in `tests/oversight/`.
#![allow(clippy::unwrap_used, clippy::expect_used, missing_docs)]

#[path = "oversight/lifecycle.rs"]
mod lifecycle;
#[path = "oversight/refusals.rs"]
mod refusals;
#[path = "oversight/support.rs"]
mod support;
#[path = "oversight/web.rs"]
mod web;
