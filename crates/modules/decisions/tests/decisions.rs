//! Household decisions on SQLite and, when `DINH_TEST_POSTGRES_URL` is set, on PostgreSQL.
//! One test binary; its parts live in `tests/decisions/`.
#![allow(clippy::unwrap_used, clippy::expect_used, missing_docs)]

#[path = "decisions/api_elections.rs"]
mod api_elections;
#[path = "decisions/api_procedures.rs"]
mod api_procedures;
#[path = "decisions/client.rs"]
mod client;
#[path = "decisions/demo.rs"]
mod demo;
#[path = "decisions/doors.rs"]
mod doors;
#[path = "decisions/durability.rs"]
mod durability;
#[path = "decisions/indicators.rs"]
mod indicators;
#[path = "decisions/initiative_quorum.rs"]
mod initiative_quorum;
#[path = "decisions/integrity.rs"]
mod integrity;
#[path = "decisions/lifecycle.rs"]
mod lifecycle;
#[path = "decisions/notices.rs"]
mod notices;
#[path = "decisions/officer_pages.rs"]
mod officer_pages;
#[path = "decisions/officer_pages_elections.rs"]
mod officer_pages_elections;
#[path = "decisions/procedure.rs"]
mod procedure;
#[path = "decisions/search.rs"]
mod search;
#[path = "decisions/secret.rs"]
mod secret;
#[path = "decisions/support.rs"]
mod support;
#[path = "decisions/thresholds.rs"]
pub mod thresholds;
#[path = "decisions/web.rs"]
mod web;
