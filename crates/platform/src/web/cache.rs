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
    pages: Mutex<HashMap<String, Entry>>,
}

/// A rendered page, when it was rendered, and whether a request is rendering it again.
struct Entry {
    at: Instant,
    html: Arc<str>,
    refreshing: bool,
}

impl PageCache {
    /// The page for `key` if it was rendered less than [`TTL`] ago. Once it is older, the first
    /// caller gets None and renders it again while the others are still served the old copy
    /// (for at most another [`TTL`]), so an expiry under load costs one rendering, not one per
    /// waiting request.
    pub fn get(&self, key: &str) -> Option<Arc<str>> {
        let mut pages = self.pages.lock().ok()?;
        let entry = pages.get_mut(key)?;
        let age = entry.at.elapsed();
        if age < TTL {
            return Some(Arc::clone(&entry.html));
        }
        if age < TTL * 2 && entry.refreshing {
            return Some(Arc::clone(&entry.html));
        }
        entry.refreshing = true;
        None
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
                pages.retain(|_, e| e.at.elapsed() < TTL);
                if pages.len() >= MAX_ENTRIES {
                    pages.clear();
                }
            }
            pages.insert(
                key,
                Entry {
                    at: Instant::now(),
                    html,
                    refreshing: false,
                },
            );
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
        let age = |cache: &PageCache, by: Duration| {
            if let Ok(mut pages) = cache.pages.lock() {
                for e in pages.values_mut() {
                    e.at = Instant::now().checked_sub(by).unwrap_or(e.at);
                }
            }
        };
        age(&cache, TTL + Duration::from_millis(1));
        // The first caller after expiry renders again; the others keep the old copy meanwhile.
        assert!(cache.get("vi|/units/1").is_none());
        assert_eq!(cache.get("vi|/units/1").as_deref(), Some("<p>1</p>"));
        cache.put("vi|/units/1".into(), Arc::from("<p>2</p>"));
        assert_eq!(cache.get("vi|/units/1").as_deref(), Some("<p>2</p>"));
        // Past twice the TTL nobody gets the old copy, even while it is being rendered.
        age(&cache, TTL * 2 + Duration::from_millis(1));
        assert!(cache.get("vi|/units/1").is_none());
        assert!(cache.get("vi|/units/1").is_none());
    }
}
