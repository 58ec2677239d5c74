//! Integration tests of the platform: one test binary, every test on SQLite and, when
//! `DINH_TEST_POSTGRES_URL` is set, on PostgreSQL too (each test in its own schema).
#![allow(clippy::unwrap_used, clippy::expect_used, missing_docs)]

mod accounts_admin;
mod audit;
mod backup;
mod client;
mod households;
mod notify;
mod policy;
mod search;
mod support;
mod unit_contact;
mod unit_logo;
mod units;
mod web;
mod work_home;
