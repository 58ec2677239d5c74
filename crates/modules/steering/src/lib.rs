//! Steering committees (Ban Chỉ đạo xây dựng và thực hiện dân chủ ở cơ sở): their members,
//! plans and tasks cascaded down the unit tree, meetings (giao ban, sơ kết, tổng kết) whose
//! conclusions become tasks, inspections of lower committees, and review reports written from
//! the indicators every module publishes through the registry — rolled up the unit tree,
//! compared with the previous period and following the lineage of the 2025 reorganisation.
//!
//! - [`committees`]: committees and members (thành viên, vị trí, nhiệm kỳ);
//! - [`plans`]: plans and tasks, cascading and progress rolling up;
//! - [`meetings`]: meetings, conclusions → tasks, publishing as news;
//! - [`inspections`]: inspections of lower committees and their recommendations;
//! - [`report`]: periods, figures from the registry, versions and sign-off, DOCX/XLSX, SVG;
//! - `sections.rs`, `work.rs`: the committee on its unit's public home page (its news, its
//!   signed reports) and its part of each member's and officer's work home (Việc của tôi).

mod api;
pub mod committees;
mod demo;
mod error;
pub mod inspections;
pub mod meetings;
mod module;
mod pages;
pub mod permissions;
pub mod plans;
pub mod report;
mod sections;
mod work;

pub use error::{Actor, StoreError};

/// The steering module. Review reports read figures from the registry held in the web
/// state, or from the registry given at construction for the demo and jobs.
#[derive(Clone, Default)]
pub struct SteeringModule {
    registry: Option<dinh_platform::module::Registry>,
}

impl SteeringModule {
    /// The module; its pages and API use the registry of the running application.
    pub fn new() -> Self {
        Self::default()
    }

    /// The module with the registry whose indicators its demo report is built from.
    pub fn with_registry(registry: dinh_platform::module::Registry) -> Self {
        Self {
            registry: Some(registry),
        }
    }
}
