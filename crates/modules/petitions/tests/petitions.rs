//! Petitions through the store and the router, on SQLite and, when `DINH_TEST_POSTGRES_URL`
//! is set, on PostgreSQL. One test binary; its parts live in `tests/petitions/`.
#![allow(clippy::unwrap_used, clippy::expect_used, missing_docs)]

#[path = "petitions/api.rs"]
mod api;
#[path = "petitions/calendar.rs"]
mod calendar;
#[path = "petitions/clocks.rs"]
mod clocks;
#[path = "petitions/community.rs"]
mod community;
#[path = "petitions/demo.rs"]
mod demo;
#[path = "petitions/files.rs"]
mod files;
#[path = "petitions/front_doors.rs"]
mod front_doors;
#[path = "petitions/indicators.rs"]
mod indicators;
#[path = "petitions/limits.rs"]
mod limits;
#[path = "petitions/logs.rs"]
mod logs;
#[path = "petitions/notices.rs"]
mod notices;
#[path = "petitions/protection.rs"]
mod protection;
#[path = "petitions/public.rs"]
mod public;
#[path = "petitions/reception.rs"]
mod reception;
#[path = "petitions/refusals.rs"]
mod refusals;
#[path = "petitions/reminders.rs"]
mod reminders;
#[path = "petitions/support.rs"]
mod support;
