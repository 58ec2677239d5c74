//! Consultation on SQLite and, when `DINH_TEST_POSTGRES_URL` is set, on PostgreSQL.
//! One test binary; its parts live in `tests/consultation/`.
#![allow(clippy::unwrap_used, clippy::expect_used, missing_docs)]

#[path = "consultation/duties.rs"]
mod duties;
#[path = "consultation/lifecycle.rs"]
mod lifecycle;
#[path = "consultation/refusals.rs"]
mod refusals;
#[path = "consultation/support.rs"]
mod support;
#[path = "consultation/versions.rs"]
mod versions;
#[path = "consultation/web.rs"]
mod web;
