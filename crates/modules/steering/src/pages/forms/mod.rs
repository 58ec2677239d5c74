//! The committees' forms (server-rendered, no JavaScript): each reads its fields with the
//! CSRF token checked, writes through the same store functions as the API, and on a refusal
//! shows the field and the reason with nothing written (`../fields.rs`).

mod committee;
mod inspection;
mod meeting;
mod plan;
mod report;

pub(crate) use committee::{add_member, create_committee};
pub(crate) use inspection::{answer, create_inspection};
pub(crate) use meeting::record_meeting;
pub(crate) use plan::{add_task, apply_template, create_plan};
pub(crate) use report::{create_report, sign_off};

/// The committee page of a unit, where most forms live.
fn committee_page(unit: &dinh_platform::units::Unit) -> String {
    format!("/units/{}/steering", unit.code)
}
