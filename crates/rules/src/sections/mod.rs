//! The sections of a rule pack, one file per area of DOMAIN.md.

pub mod consultation;
pub mod decisions;
pub mod disclosure;
pub mod emulation;
pub mod oversight;
pub mod petitions;
pub mod reception;
pub mod village;
pub mod works;
