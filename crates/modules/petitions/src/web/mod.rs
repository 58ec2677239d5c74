//! The pages of petitions: server-rendered, no JavaScript, forms POST with the CSRF token.

pub(crate) mod calendar;
pub(crate) mod cases;
pub(crate) mod community;
pub(crate) mod exports;
pub(crate) mod public;
pub(crate) mod reception;
mod views;

use axum_extra::extract::cookie::{Cookie, CookieJar, SameSite};
use dinh_platform::accounts::session::{self, COOKIE};
use dinh_platform::web::{AppError, AppState, Chrome, Ctx};

/// The page frame, opening an anonymous session when the visitor has none, so that a public
/// form carries a CSRF token.
pub(crate) async fn chrome_with_session(
    state: &AppState,
    ctx: &Ctx,
    title: String,
) -> Result<(Chrome, CookieJar), AppError> {
    let mut chrome = ctx.chrome(title);
    let mut jar = CookieJar::new();
    if ctx.session.is_none() {
        let (token, s) = session::create(&state.db, None, 1).await?;
        chrome.csrf = Some(s.csrf_token);
        jar = jar.add(
            Cookie::build((COOKIE, token))
                .http_only(true)
                .same_site(SameSite::Lax)
                .secure(state.config.secure_cookies)
                .path("/")
                .build(),
        );
    }
    Ok((chrome, jar))
}
