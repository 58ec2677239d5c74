//! Vietnamese text folding for search that ignores diacritics.

use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::is_combining_mark;

/// Folds text for matching: lower case, no diacritics, `đ` → `d`, spaces collapsed.
/// "Phường Cầu Giấy" and "phuong cau giay" fold to the same string.
pub fn fold(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut space = false;
    for c in text.nfd() {
        if is_combining_mark(c) {
            continue;
        }
        let c = match c {
            'đ' | 'Đ' => 'd',
            '\u{2019}' | '\u{2018}' | '\u{02bc}' => '\'',
            '\u{2013}' | '\u{2014}' => '-',
            c if c.is_whitespace() => ' ',
            c => c,
        };
        if c == ' ' {
            if !space && !out.is_empty() {
                out.push(' ');
            }
            space = true;
            continue;
        }
        space = false;
        out.extend(c.to_lowercase());
    }
    if out.ends_with(' ') {
        out.pop();
    }
    out
}

/// Vietnamese without its diacritics, case and spacing kept ("Đơn đã được thụ lý" → "Don da
/// duoc thu ly"): what text-message gateways that only carry unaccented text (tin nhắn không
/// dấu) accept.
pub fn unaccent(text: &str) -> String {
    text.nfd()
        .filter(|c| !is_combining_mark(*c))
        .map(|c| match c {
            'đ' => 'd',
            'Đ' => 'D',
            c => c,
        })
        .collect()
}

/// A short code-friendly slug of a name: folded, words joined by `-`.
pub fn slug(text: &str) -> String {
    fold(text)
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() { c } else { '-' })
        .collect::<String>()
        .split('-')
        .filter(|s| !s.is_empty())
        .collect::<Vec<_>>()
        .join("-")
}

/// `text` safe inside HTML, in an element or a quoted attribute (`&`, `<`, `>`, `"`, `'`
/// escaped), for the little markup a module writes itself; pages use the templates' escaping.
pub fn escape_html(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    escape_html_into(text, &mut out);
    out
}

/// [`escape_html`] appended to `out`.
pub fn escape_html_into(text: &str, out: &mut String) {
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            other => out.push(other),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folding_ignores_diacritics_and_case() {
        assert_eq!(fold("Phường Cầu  Giấy"), "phuong cau giay");
        assert_eq!(fold("Đống Đa"), "dong da");
        assert_eq!(fold("Quy chế dân chủ"), "quy che dan chu");
        assert_eq!(slug("Thành Phố Hà Nội"), "thanh-pho-ha-noi");
        assert_eq!(fold("Xã Cư M’gar"), fold("Xã Cư M'gar"));
        assert_eq!(fold("Chân Mây – Lăng Cô"), "chan may - lang co");
    }
}
