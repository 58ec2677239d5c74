//! The public face of a module on a unit's home page (trang chủ của đơn vị): a section with a
//! heading, a short summary, the latest items and links to the rest. The unit page gathers the
//! sections of every module in the registry, so a module added later appears there by itself.

/// One section a module adds to a unit's public home page, e.g. "Công khai thông tin": how many
/// are posted, the latest five, and "see all" / "what is missing".
#[derive(Debug, Clone)]
pub struct UnitSection {
    /// Where it stands among the sections, smaller first (news 10, disclosure 20, decisions 30,
    /// petitions and reception 40, steering 50, calendar 90).
    pub order: u16,
    /// Message key of its heading.
    pub title_key: &'static str,
    /// One sentence in the page's language ("12 thông tin đang công khai"), if any.
    pub summary: Option<String>,
    /// The latest or most pressing items, a handful at most.
    pub items: Vec<SectionItem>,
    /// Where to go next: the whole list, a form.
    pub links: Vec<SectionLink>,
}

/// An item of a [`UnitSection`]: a title that links to its page, and a note (a date, a state).
#[derive(Debug, Clone)]
pub struct SectionItem {
    /// Title, as stored (escaped when rendered).
    pub label: String,
    /// Local path of its page.
    pub href: String,
    /// A short note in the page's language (dd/mm/yyyy, a state), if any.
    pub note: Option<String>,
}

/// A link of a [`UnitSection`] (its label is a message key).
#[derive(Debug, Clone)]
pub struct SectionLink {
    /// Message key of the label.
    pub label_key: &'static str,
    /// Local path.
    pub href: String,
}

impl SectionLink {
    /// A link labelled by message `label_key`.
    pub fn new(label_key: &'static str, href: impl Into<String>) -> Self {
        Self {
            label_key,
            href: href.into(),
        }
    }
}
