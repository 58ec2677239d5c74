//! The pages of petitions: server-rendered, no JavaScript, forms POST with the CSRF token.

pub(crate) mod calendar;
pub(crate) mod cases;
pub(crate) mod community;
pub(crate) mod exports;
pub(crate) mod public;
pub(crate) mod reception;
mod views;

pub(crate) use dinh_platform::web::chrome_with_session;
