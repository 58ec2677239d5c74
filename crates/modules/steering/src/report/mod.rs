//! Review reports: periods, figures from the registry, versions and sign-off, documents, charts.

pub mod chart;
mod combine;
pub mod document;
pub mod figures;
mod parts;
pub mod period;
pub mod store;

pub use figures::{FigureRow, Figures, Inherited, LowerRow, compute, show_number};
pub use period::{PeriodKind, ReportPeriod, check_exists};
pub use store::{
    Narrative, NewReport, Report, ReportRow, Version, create, figures_for, list, load, revise, row,
    sign_off,
};
