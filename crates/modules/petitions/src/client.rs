//! Who is asking (người gửi yêu cầu), for the limits on public lookups and submissions: the
//! first address of `X-Forwarded-For` when a proxy gives one, else the connection's address
//! when the server records it, else the visitor's session, else one shared "anonymous".

use std::net::SocketAddr;

use axum::extract::{ConnectInfo, FromRequestParts};
use axum::http::request::Parts;
use dinh_platform::web::{AppError, AppState, Ctx};

/// The client key of a request.
pub struct Client(pub String);

impl FromRequestParts<AppState> for Client {
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, AppError> {
        let forwarded = parts
            .headers
            .get("x-forwarded-for")
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.split(',').next())
            .map(|s| s.trim().to_owned())
            .filter(|s| !s.is_empty());
        if let Some(f) = forwarded {
            return Ok(Client(f));
        }
        if let Some(ConnectInfo(addr)) = parts.extensions.get::<ConnectInfo<SocketAddr>>() {
            return Ok(Client(addr.ip().to_string()));
        }
        let ctx = Ctx::from_request_parts(parts, state).await?;
        Ok(Client(ctx.session.as_ref().map_or_else(
            || "anonymous".to_owned(),
            |s| s.token_hash.clone(),
        )))
    }
}
