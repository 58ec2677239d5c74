//! One search across the site (tìm kiếm): units, published disclosures, matters put to the
//! households, published news and the site's own pages, found with or without diacritics,
//! ranked, each with a highlighted snippet.
//!
//! **Write side** ([`index`], [`index_many`], [`remove`], [`replace`]): the module that owns a
//! document writes it into `search_documents` in the same transaction as the write that makes it
//! public (publishing, correcting, closing a vote…), and removes it in the transaction that takes
//! it down. Only what the public may read is ever written here: petitions, denunciations,
//! households, people and comments are never indexed, so no search can reveal them.
//!
//! **Read side** ([`find`]): one function over both engines. SQLite answers from an FTS5 index
//! (bm25), PostgreSQL from a generated `tsvector` under a GIN index (`ts_rank`); a title match
//! ranks before a body match on both. Words are folded in Rust ([`fold`]) before either engine
//! sees them, so "quyet toan" finds "quyết toán" and "duong" finds "đường" on both, and a
//! visitor's query is reduced to plain words: no query can produce a syntax error. A search
//! within a unit adds the unit's token (`u<id>`, stored with every document of its subtree) as
//! one more term, so it costs no join.
//!
//! The page (`/search?q=…&unit=CODE`) and the API (`GET /api/v1/search`) are in `page.rs` and
//! `api.rs`; the units module mounts them.

pub(crate) mod api;
mod find;
pub mod fold;
mod index;
pub(crate) mod page;

pub use find::find;
pub use index::{index, index_many, remove, replace, rescope};

use chrono::NaiveDate;
use serde::Serialize;

/// Message key of the label of a unit's hits ("Đơn vị").
pub const KIND_UNIT: &str = "search_kind_unit";
/// Message key of the label of a disclosure's hits ("Công khai").
pub const KIND_DISCLOSURE: &str = "search_kind_disclosure";
/// Message key of the label of a matter's hits ("Nhân dân bàn và quyết định").
pub const KIND_MATTER: &str = "search_kind_matter";
/// Message key of the label of a news article's hits ("Tin tức").
pub const KIND_ARTICLE: &str = "search_kind_article";
/// Message key of the label of a page's hits ("Trang").
pub const KIND_PAGE: &str = "search_kind_page";
/// Every kind, in the order the page offers them.
pub const KINDS: [&str; 5] = [
    KIND_UNIT,
    KIND_DISCLOSURE,
    KIND_MATTER,
    KIND_ARTICLE,
    KIND_PAGE,
];

/// The `unit_id` of a document that belongs to no unit (the site's own pages): a search within
/// a unit does not find it.
pub const SITE_WIDE: i64 = 0;

/// The source of the site's own pages ([`SitePage`]).
pub const PAGE_SOURCE: &str = "page";

/// Most hits one search answers.
pub const LIMIT_MAX: i64 = 100;

/// A public document as its module gives it to the index.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Doc {
    /// The module's kind of document (`"disclosure"`, `"article"`, `"unit"`, …): with
    /// `reference`, what identifies the document.
    pub source: &'static str,
    /// The document's id within its source.
    pub reference: String,
    /// The unit it belongs to (its subtree's searches find it), or [`SITE_WIDE`].
    pub unit_id: i64,
    /// One of [`KINDS`]: the label the hit is shown with.
    pub kind_key: &'static str,
    /// Title (plain text), weighed above the body.
    pub title: String,
    /// Public text (plain text; its first [`fold::BODY_MAX`] characters are searched).
    pub body: String,
    /// Where the hit leads (a local path).
    pub href: String,
    /// The day it was published, shown with the hit.
    pub published_at: Option<NaiveDate>,
}

/// One search result.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, utoipa::ToSchema)]
pub struct Hit {
    /// Title (plain text).
    pub title: String,
    /// Where it leads (a local path).
    pub href: String,
    /// Message key of its kind's label (one of the `KIND_*` keys, e.g. `search_kind_disclosure`).
    pub kind_key: String,
    /// An excerpt of the body around the words found, HTML-escaped, with each word found in
    /// `<mark>`: safe to render as it is.
    pub snippet_html: String,
    /// The day it was published (ISO), if it has one.
    #[schema(value_type = Option<String>, format = Date)]
    pub published_at: Option<NaiveDate>,
    /// The unit it belongs to (0 for the site's own pages).
    #[serde(skip)]
    pub unit_id: i64,
}

/// One of the site's own public pages, as a module declares it for the search
/// ([`crate::module::Module::search_pages`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SitePage {
    /// Local path of the page.
    pub href: &'static str,
    /// Its title, in Vietnamese.
    pub title: &'static str,
    /// What it is for, in the words people search with (Vietnamese).
    pub body: &'static str,
}

impl SitePage {
    /// The page as a document of the index.
    pub fn doc(&self) -> Doc {
        Doc {
            source: PAGE_SOURCE,
            reference: self.href.to_owned(),
            unit_id: SITE_WIDE,
            kind_key: KIND_PAGE,
            title: self.title.to_owned(),
            body: self.body.to_owned(),
            href: self.href.to_owned(),
            published_at: None,
        }
    }
}

/// The kind key among [`KINDS`] equal to `key`, for translating a stored kind.
pub fn kind_key(key: &str) -> Option<&'static str> {
    KINDS.iter().copied().find(|k| *k == key)
}
