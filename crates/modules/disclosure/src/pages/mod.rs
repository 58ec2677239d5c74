//! The register on the web: public pages (list, detail, feed, missing, register) that work
//! without JavaScript on a phone, and work pages (compose, correct, record proof, dashboard).

mod feed;
mod form;
mod public;
mod work;

pub(crate) use feed::atom;
pub(crate) use public::{detail, download, list, missing, register};
pub(crate) use work::{
    PeriodQuery, compose, correct, correct_form, dashboard, end_posting, publish, record,
};

use dinh_platform::units::Unit;
use dinh_platform::web::AppError;
use dinh_platform::web::AppState;

/// The unit named in the path, or 404.
pub(crate) async fn unit(state: &AppState, code: &str) -> Result<Unit, AppError> {
    dinh_platform::units::store::by_code(&state.db, code)
        .await?
        .ok_or_else(AppError::not_found)
}

/// A category's name in the page's language, from the pack in force today.
pub(crate) fn category_names(
    module: &crate::DisclosureModule,
    english: bool,
) -> Vec<(u32, String)> {
    module
        .rules()
        .in_force_on(dinh_platform::time::today_vn())
        .map(|p| {
            p.disclosure
                .categories
                .iter()
                .map(|c| {
                    (
                        c.number,
                        if english {
                            c.name_en.clone()
                        } else {
                            c.name_vi.clone()
                        },
                    )
                })
                .collect()
        })
        .unwrap_or_default()
}
