//! The portal on the web: public pages (news of a unit, an article with its comments, polls),
//! the officers' pages (writing and publishing, moderating, opening polls), and the feeds,
//! sitemap and `robots.txt`. Every page works without JavaScript.

mod feeds;
mod manage;
mod moderation;
mod news;
mod pictures;
mod polls;

pub(crate) use feeds::{atom, robots, rss, sitemap};
pub(crate) use manage::{
    article_form, create_article, edit_article, manage, publish_article, unpublish_article,
    update_article,
};
pub(crate) use moderation::{moderate, queue, settings};
pub(crate) use news::{article, comment, comment_form, news};
pub(crate) use pictures::{add_picture, picture};
pub(crate) use polls::{answer_poll, close_poll, new_poll, open_poll, poll, polls};

use axum::http::HeaderMap;
use dinh_platform::units::Unit;
use dinh_platform::web::{AppError, AppState, Ctx};
use dinh_platform::write::Actor;

/// Articles per page of a list.
pub(crate) const PAGE_SIZE: i64 = 20;

/// The unit named in the path, or 404.
pub(crate) async fn unit(state: &AppState, code: &str) -> Result<Unit, AppError> {
    dinh_platform::units::store::by_code(&state.db, code)
        .await?
        .ok_or_else(AppError::not_found)
}

/// The unit with id `id`, or 404.
pub(crate) async fn unit_by_id(state: &AppState, id: i64) -> Result<Unit, AppError> {
    dinh_platform::units::store::by_id(&state.db, id)
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

/// Whether the signed-in person may take `permission` at `unit`.
pub(crate) fn may(
    ctx: &Ctx,
    permission: &dinh_platform::accounts::Permission,
    unit: &Unit,
) -> bool {
    ctx.principal.as_ref().is_some_and(|p| {
        dinh_platform::accounts::authorize(Some(p), permission, Some(unit)).is_ok()
    })
}

/// The browser's name (User-Agent), for telling visitors apart without a cookie.
pub(crate) fn agent(headers: &HeaderMap) -> &str {
    headers
        .get(axum::http::header::USER_AGENT)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("")
}

/// The path of a unit's news.
pub(crate) fn news_href(code: &str) -> String {
    format!("/units/{}/tin-tuc", dinh_platform::web::urlencode(code))
}
