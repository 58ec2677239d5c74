//! Storage of the petitions capability: SQL written once for both engines, every write in a
//! transaction with its audit entry, every non-public read authorised by unit.

pub mod case_view;
pub mod cases;
pub mod community;
pub mod desk;
pub mod due;
pub mod files;
pub mod identity;
pub mod reception;
pub mod scope;
pub mod summary;

pub use scope::{Scope, system_principal, unit_by_code, unit_by_id};
pub mod actions;
pub mod public;
pub mod recompute;
