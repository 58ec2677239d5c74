//! What WordPress writes, as Đình keeps it: a status as an article's state, a time in UTC, a
//! permalink as the path kept for its redirect, a category slug, a picture's file in the
//! uploads folder, blank-line paragraphs as `<p>`.

use chrono::{NaiveDateTime, SecondsFormat, TimeZone, Utc};
use std::path::Path;

use crate::articles::state;

/// The hours Vietnam is ahead of UTC, for dates WordPress only gives in the site's time.
const VIETNAM_OFFSET_HOURS: i64 = 7;

/// The state an article takes from a WordPress status; `None` for what is not imported.
pub(super) fn article_state(status: &str) -> Option<&'static str> {
    match status.trim() {
        "publish" => Some(state::PUBLISHED),
        "future" => Some(state::SCHEDULED),
        "draft" | "pending" | "private" => Some(state::DRAFT),
        _ => None,
    }
}

/// A WordPress time as RFC 3339: its UTC form, or its local form (the site in Vietnam) when
/// the UTC one is empty or zero (WordPress writes `0000-00-00 00:00:00` for drafts).
pub(super) fn wp_instant(gmt: &str, local: &str) -> Option<String> {
    let parse = |s: &str| NaiveDateTime::parse_from_str(s.trim(), "%Y-%m-%d %H:%M:%S").ok();
    let utc = parse(gmt)
        .or_else(|| parse(local).map(|t| t - chrono::Duration::hours(VIETNAM_OFFSET_HOURS)))?;
    Some(
        Utc.from_utc_datetime(&utc)
            .to_rfc3339_opts(SecondsFormat::Millis, true),
    )
}

/// The path (and query) of an old address, as the redirect keeps it.
pub(super) fn old_path(link: &str) -> Option<String> {
    let link = link.trim();
    let rest = link
        .strip_prefix("https://")
        .or_else(|| link.strip_prefix("http://"))?;
    let path = rest.find('/').map_or("/", |i| &rest[i..]);
    let path = path.split('#').next().unwrap_or("/");
    (path != "/" && !path.is_empty()).then(|| path.to_owned())
}

/// The post number a WordPress address names whatever the site's permalinks were
/// (`/?p=42`, `/index.php?p=42`, `/?page_id=7`), if it names one.
pub fn post_number(path_and_query: &str) -> Option<i64> {
    let (path, query) = path_and_query.split_once('?')?;
    if path != "/" && path != "/index.php" {
        return None;
    }
    query.split('&').find_map(|pair| {
        let (key, value) = pair.split_once('=')?;
        matches!(key, "p" | "page_id")
            .then(|| value.parse::<i64>().ok())
            .flatten()
            .filter(|n| *n > 0)
    })
}

/// A category slug WordPress could have written (and a URL can carry).
pub(super) fn slug_ok(s: &str) -> bool {
    !s.is_empty()
        && s.len() <= 100
        && s.bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
}

/// The file of the uploads folder an address under `wp-content/uploads/` names.
pub(super) fn uploaded_file(dir: &Path, src: &str) -> Option<std::path::PathBuf> {
    let (_, rel) = src.split_once("/wp-content/uploads/")?;
    let rel = rel.split(['?', '#']).next()?;
    let mut path = dir.to_path_buf();
    for part in rel.split('/') {
        if part.is_empty() || part == "." || part == ".." || part.contains('\\') {
            return None;
        }
        path.push(part);
    }
    Some(path)
}

/// WordPress keeps paragraphs as blank lines in the post's text (its `wpautop`): make them
/// paragraphs, unless the text is already in paragraphs or blocks.
pub(super) fn wordpress_paragraphs(content: &str) -> String {
    if content.contains("<p") || content.contains("<!-- wp:") {
        return content.to_owned();
    }
    content
        .replace("\r\n", "\n")
        .split("\n\n")
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .map(|p| format!("<p>{}</p>", p.replace('\n', "<br>")))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_are_read_in_utc_or_from_vietnam_time() {
        assert_eq!(
            wp_instant("2021-07-23 09:22:00", "2021-07-23 16:22:00").as_deref(),
            Some("2021-07-23T09:22:00.000Z")
        );
        assert_eq!(
            wp_instant("0000-00-00 00:00:00", "2021-07-23 16:22:00").as_deref(),
            Some("2021-07-23T09:22:00.000Z")
        );
        assert_eq!(wp_instant("", "23/07/2021"), None);
    }

    #[test]
    fn old_addresses_keep_path_and_query() {
        assert_eq!(
            old_path("https://phudong.gov.vn/tin-tuc/hoi-nghi.html").as_deref(),
            Some("/tin-tuc/hoi-nghi.html")
        );
        assert_eq!(old_path("http://x.vn/?p=12").as_deref(), Some("/?p=12"));
        assert_eq!(old_path("http://x.vn/"), None);
        assert_eq!(post_number("/?p=12"), Some(12));
        assert_eq!(post_number("/index.php?lang=vi&page_id=7"), Some(7));
        assert_eq!(post_number("/tin-tuc/?p=12"), None);
        assert_eq!(post_number("/?p=-3"), None);
        assert_eq!(post_number("/?s=ngan+sach"), None);
        assert_eq!(old_path("javascript:alert(1)"), None);
    }

    #[test]
    fn uploads_never_leave_their_folder() {
        let dir = Path::new("/srv/up");
        assert_eq!(
            uploaded_file(dir, "https://x.vn/wp-content/uploads/2021/07/a.jpg?v=2"),
            Some(Path::new("/srv/up/2021/07/a.jpg").to_path_buf())
        );
        assert_eq!(
            uploaded_file(dir, "https://x.vn/wp-content/uploads/../../etc/passwd"),
            None
        );
        assert_eq!(uploaded_file(dir, "https://x.vn/images/a.jpg"), None);
    }

    #[test]
    fn blank_lines_become_paragraphs() {
        assert_eq!(
            wordpress_paragraphs("Một\n\nHai\nba"),
            "<p>Một</p><p>Hai<br>ba</p>"
        );
        assert_eq!(wordpress_paragraphs("<p>x</p>"), "<p>x</p>");
    }
}
