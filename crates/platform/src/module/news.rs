//! News one module publishes and another keeps in the unit's one news list (tin tức): a
//! steering committee's meeting published as news becomes an article of the portal, so a
//! citizen finds every news item of the commune in one place. The publishing module gives its
//! items through [`super::Module::news_since`]; the module that keeps the list takes them
//! through [`super::Module::gather_news`]; neither reads the other's tables.

/// A published news item of a module.
#[derive(Debug, Clone)]
pub struct NewsItem {
    /// Stable origin, unique across modules (`steering:meeting:42`): the item is taken once.
    pub origin: String,
    /// The unit whose news it is.
    pub unit_id: i64,
    /// Title.
    pub title: String,
    /// Summary (sapo), plain text.
    pub summary: String,
    /// Body, HTML (sanitised again by the module that keeps it).
    pub body_html: String,
    /// Who published it (the body's name, e.g. "Ban Chỉ đạo thực hiện dân chủ ở cơ sở").
    pub author: String,
    /// When it was published (RFC 3339).
    pub published_at: String,
}
