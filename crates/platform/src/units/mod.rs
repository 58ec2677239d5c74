//! Administrative units with lineage (đơn vị hành chính): the tree of provinces, communes,
//! residential communities and attached bodies, in both eras (before and after 1/7/2025),
//! and the many-to-many links between old and new units.

mod api;
pub mod contact;
mod contact_page;
mod household;
mod import;
mod kind;
mod lineage_import;
pub mod logo;
mod module;
pub mod permissions;
pub mod search;
pub mod store;
mod web;

pub use import::ImportSummary;
pub use import::import_units;
pub use kind::UnitKind;
pub use lineage_import::LineageSummary;
pub use lineage_import::import_lineage;
pub use module::UnitsModule;
pub use store::{LineageLink, Unit};
