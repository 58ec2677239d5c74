//! The committees on the web: the committee's page (members, news, and for its people the
//! plans, who is late, reports and recommendations), a plan's tasks with progress forms, the
//! review report with charts and downloads, and a meeting published as news. No JavaScript.

mod committee;
mod fields;
mod forms;
mod news;
mod plan;
mod report;

pub(crate) use committee::committee;
pub(crate) use forms::{
    add_member, add_task, answer, apply_template, create_committee, create_inspection, create_plan,
    create_report, record_meeting, sign_off,
};
pub(crate) use news::{news, publish};
pub(crate) use plan::{plan, progress};
pub(crate) use report::{docx, lower_xlsx, report, revise, xlsx};

use dinh_platform::time::show_date;
use dinh_platform::units::Unit;
use dinh_platform::web::{AppError, AppState, Ctx};

use crate::Actor;

/// The unit named in the path, or 404.
pub(crate) async fn unit(state: &AppState, code: &str) -> Result<Unit, AppError> {
    dinh_platform::units::store::by_code(&state.db, code)
        .await?
        .ok_or_else(AppError::not_found)
}

/// The signed-in person as an actor, or 401.
pub(crate) fn actor(ctx: &Ctx) -> Result<Actor<'_>, AppError> {
    ctx.principal
        .as_ref()
        .map(Actor::Person)
        .ok_or_else(|| AppError::from(dinh_platform::accounts::Denied::NotSignedIn))
}

/// An ISO date as dd/mm/yyyy, for templates.
pub(crate) fn date(iso: impl AsRef<str>) -> String {
    show_date(iso.as_ref())
}
