//! Pages of household decisions, server-rendered without JavaScript: the public pages
//! (`public`), the officers' work page of a matter (`work`) and its forms (`procedure`), the
//! decision document and printable ballots (`documents`), village-head elections (`elections`),
//! citizen initiatives (`initiatives`) and hương ước (`covenants`). Every form posts the CSRF
//! token and runs the same store operation as the API; a refusal answers 422 naming the field.

mod covenants;
mod documents;
mod elections;
mod initiatives;
mod procedure;
mod public;
mod work;

use axum::Router;
use axum::routing::{get, post};
use dinh_platform::web::AppState;

/// The page routes of the module.
pub(crate) fn routes() -> Router<AppState> {
    Router::new()
        .route("/units/{code}/matters", get(public::list))
        .route("/matters/{id}", get(public::detail))
        .route("/matters/{id}/vote", post(public::vote))
        .route("/matters/{id}/close", post(public::close_vote))
        .route("/matters/{id}/work", get(work::page))
        .route("/matters/{id}/work/meetings", post(procedure::meeting))
        .route("/matters/{id}/work/attendance", post(procedure::attend))
        .route("/matters/{id}/work/procedural", post(procedure::procedural))
        .route(
            "/matters/{id}/work/ballot-plan",
            post(procedure::ballot_plan),
        )
        .route("/matters/{id}/work/votes", post(procedure::vote))
        .route("/matters/{id}/work/check", post(procedure::check))
        .route("/matters/{id}/work/consent", post(procedure::consent))
        .route(
            "/matters/{id}/work/secret-count",
            post(procedure::secret_count),
        )
        .route("/matters/{id}/work/document", post(documents::create))
        .route("/matters/{id}/work/document/sent", post(documents::sent))
        .route(
            "/matters/{id}/work/document/recognition",
            post(documents::recognise),
        )
        .route("/matters/{id}/document.docx", get(documents::docx))
        .route("/matters/{id}/document.pdf", get(documents::pdf))
        .route("/matters/{id}/ballots.docx", get(documents::ballots))
        .route("/matters/{id}/ballots.pdf", get(documents::ballots_pdf))
        .route("/units/{code}/elections/new", get(elections::form))
        .route("/units/{code}/elections", post(elections::create))
        .route("/matters/{id}/work/candidates", post(elections::nominate))
        .route("/matters/{id}/work/revote", post(elections::revote))
        .route("/units/{code}/initiatives", get(initiatives::list))
        .route("/initiatives/{id}/support", post(initiatives::support))
        .route(
            "/initiatives/{id}/front-approval",
            post(initiatives::approve),
        )
        .route(
            "/units/{code}/covenants",
            get(covenants::list).post(covenants::create),
        )
        .route("/covenants/{id}", get(covenants::page))
        .route("/covenants/{id}/vote", post(covenants::open_vote))
        .route("/covenants/{id}/file", post(covenants::file))
        .route("/covenants/{id}/decision", post(covenants::decide))
}

/// Splits a textarea into its non-empty lines (one name or code per line).
fn lines(text: &str) -> Vec<String> {
    text.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .map(str::to_owned)
        .collect()
}

/// A whole number typed in a form field, refused with the field named.
fn count(field: &'static str, text: &str) -> crate::Result<u32> {
    text.trim().parse().or_else(|_| {
        crate::error::refuse(
            field,
            format!("'{}' không phải số nguyên không âm", text.trim()),
            format!("'{}' is not a whole number", text.trim()),
        )
    })
}
