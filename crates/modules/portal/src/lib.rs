//! The commune's public portal (cổng thông tin điện tử): the news its committees publish, in
//! categories, with view counts; readers' comments held for moderation, their e-mail never
//! shown; polls that bind no one; visitors online and total visits; RSS and Atom feeds, the
//! sitemap and `robots.txt`. The unit's home page (`/units/{code}`) shows its latest news
//! through the registry, beside every other module's section.
//!
//! - [`articles`]: reading and writing news (drafts, scheduling, unpublishing, history);
//! - [`comments`]: comments, moderation, official replies;
//! - [`polls`]: polls and their answers;
//! - [`counters`]: views, visitors online and visits, counted in memory and flushed in batches;
//! - [`images`]: pictures stored in several widths, shown with `srcset`;
//! - [`sanitize`]: the safe subset of HTML;
//! - [`wordpress`]: importing a WordPress portal (WXR), its old addresses kept as redirects;
//! - `web/`: the public pages, the officers' pages, feeds and sitemap; `api.rs`: the JSON API;
//! - `sections.rs`, `work.rs`: the portal on the unit's home page and on officers' work homes.

mod api;
pub mod articles;
pub mod comments;
pub mod counters;
mod demo;
pub mod images;
mod module;
pub mod permissions;
pub mod polls;
pub mod sanitize;
mod sections;
mod web;
pub mod wordpress;
mod work;

/// The portal module.
#[derive(Clone, Default)]
pub struct PortalModule {
    /// The data directory, where the demo stores its pictures.
    data_dir: std::sync::Arc<std::path::PathBuf>,
}

impl PortalModule {
    /// The module, storing files under `data_dir`.
    pub fn new(data_dir: &std::path::Path) -> Self {
        Self {
            data_dir: std::sync::Arc::new(data_dir.to_path_buf()),
        }
    }
}
