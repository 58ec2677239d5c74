//! The safe subset of HTML an article or comment may carry: what `ammonia` keeps (paragraphs,
//! emphasis, lists, links, tables, images of this site), never scripts, event handlers, styles
//! or frames; and the same text without its markup, for feeds, search and summaries.

use std::collections::HashSet;

/// The body of an article as it may be shown: scripts, `on…` handlers, `style`, `iframe`,
/// `javascript:` links and foreign images are removed; links get `rel="noopener noreferrer"`.
pub fn article_html(html: &str) -> String {
    let tags: HashSet<&str> = [
        "p",
        "br",
        "strong",
        "b",
        "em",
        "i",
        "u",
        "s",
        "sub",
        "sup",
        "blockquote",
        "ul",
        "ol",
        "li",
        "h2",
        "h3",
        "h4",
        "a",
        "img",
        "figure",
        "figcaption",
        "table",
        "thead",
        "tbody",
        "tr",
        "th",
        "td",
        "caption",
        "hr",
    ]
    .into_iter()
    .collect();
    ammonia::Builder::default()
        .tags(tags)
        .url_schemes(["http", "https", "mailto", "tel"].into_iter().collect())
        .add_tag_attributes("img", ["src", "alt", "width", "height", "srcset", "sizes"])
        .add_tag_attributes("td", ["colspan", "rowspan"])
        .add_tag_attributes("th", ["colspan", "rowspan", "scope"])
        .attribute_filter(|element, attribute, value| {
            // Pictures only from this site (uploaded), so a page cannot track its readers.
            if element == "img" && (attribute == "src" || attribute == "srcset") {
                let local = value.split(',').all(|part| {
                    part.trim_start().starts_with('/') && !part.trim_start().starts_with("//")
                });
                return local.then(|| value.into());
            }
            Some(value.into())
        })
        .clean(html)
        .to_string()
}

/// Text without any markup (every tag dropped, entities decoded, spaces collapsed).
pub fn plain_text(html: &str) -> String {
    let cleaned = ammonia::Builder::empty()
        .clean_content_tags(["script", "style"].into_iter().collect())
        .clean(html)
        .to_string();
    let decoded = decode_entities(&cleaned);
    decoded.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The first `words` words of `text`, with "…" when it was cut.
pub fn excerpt(text: &str, words: usize) -> String {
    let mut parts = text.split_whitespace();
    let head: Vec<&str> = parts.by_ref().take(words).collect();
    let mut out = head.join(" ");
    if parts.next().is_some() {
        out.push('…');
    }
    out
}

fn decode_entities(s: &str) -> String {
    s.replace("&nbsp;", " ")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&amp;", "&")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scripts_handlers_and_foreign_pictures_are_removed() {
        let dirty = r#"<p onclick="steal()">Họp <b>dân</b><script>alert(1)</script></p>
            <img src="https://tracker.example/p.gif" onerror="x()"><img src="/portal/images/1-480.jpg" alt="Hội nghị">
            <a href="javascript:alert(1)">x</a><iframe src="https://e.x"></iframe><p style="color:red">Đỏ</p>"#;
        let clean = article_html(dirty);
        assert!(!clean.contains("script"), "{clean}");
        assert!(
            !clean.contains("onclick") && !clean.contains("onerror"),
            "{clean}"
        );
        assert!(!clean.contains("tracker.example"), "{clean}");
        assert!(!clean.contains("javascript"), "{clean}");
        assert!(
            !clean.contains("iframe") && !clean.contains("style"),
            "{clean}"
        );
        assert!(
            clean.contains(r#"src="/portal/images/1-480.jpg""#),
            "{clean}"
        );
        assert!(clean.contains("<b>dân</b>"), "{clean}");
    }

    #[test]
    fn plain_text_and_excerpt() {
        assert_eq!(
            plain_text("<p>Công khai&nbsp;<b>ngân sách</b></p>\n<p>năm 2026 &amp; 2027</p>"),
            "Công khai ngân sách năm 2026 & 2027"
        );
        assert_eq!(excerpt("một hai ba bốn", 2), "một hai…");
        assert_eq!(excerpt("một hai", 2), "một hai");
    }
}
