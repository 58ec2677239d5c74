//! placeholder
use axum::response::Html;
pub(crate) async fn committee() -> Html<&'static str> {
    Html("")
}
pub(crate) use committee as plan;
pub(crate) use committee as progress;
pub(crate) use committee as report;
pub(crate) use committee as revise;
pub(crate) use committee as docx;
pub(crate) use committee as xlsx;
pub(crate) use committee as lower_xlsx;
pub(crate) use committee as news;
