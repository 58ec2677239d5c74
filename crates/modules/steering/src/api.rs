//! API placeholder.
use axum::Router;
use dinh_platform::web::AppState;
use utoipa::OpenApi;
#[derive(OpenApi)]
#[openapi()]
pub(crate) struct ApiDoc;
pub(crate) fn routes() -> Router<AppState> {
    Router::new()
}
