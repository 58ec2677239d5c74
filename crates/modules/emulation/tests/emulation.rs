//! The emulation movement on SQLite and, when `DINH_TEST_POSTGRES_URL` is set, on PostgreSQL.
//! One test binary; its parts live in `tests/emulation/`.
#![allow(clippy::unwrap_used, clippy::expect_used, missing_docs)]

#[path = "emulation/flow.rs"]
mod flow;
#[path = "emulation/refusals.rs"]
mod refusals;
#[path = "emulation/support.rs"]
mod support;
#[path = "emulation/web.rs"]
mod web;
