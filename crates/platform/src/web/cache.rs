//! A short-lived cache of public pages as anonymous visitors see them.
//!
//! Unit pages are the same for every visitor who is not signed in (in one language), and are
//! read far more often than units or households change. Each node keeps a rendered copy for a
//! few seconds; signed-in visitors always get a fresh page. A figure shown to the public may
//! therefore be up to [`TTL`] old.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// How long a rendered page is served again.
pub const TTL: Duration = Duration::from_secs(5);
const MAX_ENTRIES: usize = 10_000;

/// Rendered pages by key (language and path).
#[derive(Default)]
pub struct PageCache {
    pages: Mutex<HashMap<String, (Instant, Arc<str>)>>,
}

impl PageCache {
    /// The page for `key` if it was rendered less than [`TTL`] ago.
    pub fn get(&self, key: &str) -> Option<Arc<str>> {
        let pages = self.pages.lock().ok()?;
        pages
            .get(key)
            .filter(|(at, _)| at.elapsed() < TTL)
            .map(|(_, html)| Arc::clone(html))
    }

    /// Drops this node's copies of the page at `path` (every language), so a page taken down
    /// here is not served again from the cache; other nodes drop theirs within [`TTL`].
    pub fn forget(&self, path: &str) {
        if let Ok(mut pages) = self.pages.lock() {
            pages.retain(|key, _| key.split_once('|').is_none_or(|(_, p)| p != path));
        }
    }

    /// Keeps a rendered page; when full, drops the expired ones (or everything, if none expired).
    pub fn put(&self, key: String, html: Arc<str>) {
        if let Ok(mut pages) = self.pages.lock() {
            if pages.len() >= MAX_ENTRIES {
                pages.retain(|_, (at, _)| at.elapsed() < TTL);
                if pages.len() >= MAX_ENTRIES {
                    pages.clear();
                }
            }
            pages.insert(key, (Instant::now(), html));
        }
    }
}

/// The unit that runs the site, as every page's header and footer name it, read again at most
/// every [`TTL`] (an edit on another node shows within it; on this node at once, see
/// [`SiteOwnerCache::forget`]).
#[derive(Default)]
pub struct SiteOwnerCache {
    owner: Mutex<Option<(Instant, Option<Arc<crate::units::contact::SiteOwner>>)>>,
}

impl SiteOwnerCache {
    /// The site owner, from the cache or read from `db`.
    pub async fn get(
        &self,
        db: &crate::db::Db,
    ) -> crate::db::DbResult<Option<Arc<crate::units::contact::SiteOwner>>> {
        if let Ok(guard) = self.owner.lock()
            && let Some((at, owner)) = guard.as_ref()
            && at.elapsed() < TTL
        {
            return Ok(owner.clone());
        }
        let owner = crate::units::contact::site_owner(db).await?.map(Arc::new);
        if let Ok(mut guard) = self.owner.lock() {
            *guard = Some((Instant::now(), owner.clone()));
        }
        Ok(owner)
    }

    /// Reads the owner again at the next page (after its contact was saved here).
    pub fn forget(&self) {
        if let Ok(mut guard) = self.owner.lock() {
            *guard = None;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pages_are_served_again_then_expire() {
        let cache = PageCache::default();
        cache.put("vi|/units/1".into(), Arc::from("<p>1</p>"));
        assert_eq!(cache.get("vi|/units/1").as_deref(), Some("<p>1</p>"));
        assert!(cache.get("en|/units/1").is_none());
        if let Ok(mut pages) = cache.pages.lock() {
            for (at, _) in pages.values_mut() {
                *at = Instant::now()
                    .checked_sub(TTL + Duration::from_millis(1))
                    .unwrap_or(*at);
            }
        }
        assert!(cache.get("vi|/units/1").is_none());
    }
}
