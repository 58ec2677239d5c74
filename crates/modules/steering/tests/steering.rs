//! Steering committees on SQLite and, when `DINH_TEST_POSTGRES_URL` is set, PostgreSQL:
//! committees and members, cascaded tasks and who is late, review reports from the registry
//! (roll-up, previous period, lineage, missing data, rates combined), versions and sign-off,
//! documents, meetings whose conclusions become tasks, inspections, news, the forms and the web,
//! the unit's home page and the work home.
//! One test binary; its parts live in `tests/steering/`.
#![allow(clippy::unwrap_used, clippy::expect_used, missing_docs)]

mod support;

#[path = "steering/committees.rs"]
mod committees;
#[path = "steering/figures.rs"]
mod figures;
#[path = "steering/forms.rs"]
mod forms;
#[path = "steering/home.rs"]
mod home;
#[path = "steering/meetings.rs"]
mod meetings;
#[path = "steering/plans.rs"]
mod plans;
#[path = "steering/reports.rs"]
mod reports;
#[path = "steering/templates.rs"]
mod templates;
#[path = "steering/web.rs"]
mod web;
