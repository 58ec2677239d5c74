//! Words as the search index and the queries see them, the same on both engines.
//!
//! A word is a run of letters and digits (with the combining marks of text typed in decomposed
//! form); everything else separates words. Each word is folded by [`crate::text::fold`]: lower
//! case, no diacritics, `đ` → `d` (which neither SQLite's `unicode61` nor PostgreSQL's
//! `unaccent` can be relied on for). The index stores the folded words joined by one space, so
//! the engines' own tokenizers only ever split on spaces and agree with each other and with the
//! highlighting, which folds the original text word by word the same way.

use std::ops::Range;
use unicode_normalization::char::is_combining_mark;

/// Longest word kept, in characters: longer runs (hashes, pasted garbage) are neither indexed
/// nor searched for, so no engine meets a word it refuses.
pub const WORD_MAX: usize = 64;
/// Most words of a query used: the rest of a pasted text is ignored.
pub const QUERY_WORDS_MAX: usize = 12;
/// Characters of a body that are indexed (and searched for highlights); the rest is not.
pub const BODY_MAX: usize = 20_000;

fn in_word(c: char) -> bool {
    c.is_alphanumeric() || is_combining_mark(c)
}

/// The words of `text`: each one's byte range in `text` and its folded form. Words longer
/// than [`WORD_MAX`] are left out.
pub fn words(text: &str) -> Vec<(Range<usize>, String)> {
    let mut out = Vec::new();
    let mut start: Option<usize> = None;
    let push = |range: Range<usize>, out: &mut Vec<(Range<usize>, String)>| {
        let word = &text[range.clone()];
        if word.chars().count() <= WORD_MAX {
            let folded: String = crate::text::fold(word)
                .chars()
                .filter(|c| c.is_alphanumeric())
                .collect();
            if !folded.is_empty() {
                out.push((range, folded));
            }
        }
    };
    for (at, c) in text.char_indices() {
        match (in_word(c), start) {
            (true, None) => start = Some(at),
            (false, Some(s)) => {
                push(s..at, &mut out);
                start = None;
            }
            _ => {}
        }
    }
    if let Some(s) = start {
        push(s..text.len(), &mut out);
    }
    out
}

/// The folded words of `text` joined by one space, as stored in the index, at most `max_chars`
/// characters of `text` read.
pub fn index_text(text: &str, max_chars: usize) -> String {
    let end = text
        .char_indices()
        .nth(max_chars)
        .map_or(text.len(), |(at, _)| at);
    words(&text[..end])
        .into_iter()
        .map(|(_, w)| w)
        .collect::<Vec<_>>()
        .join(" ")
}

/// The words to look for in what a visitor typed: folded, each once, at most
/// [`QUERY_WORDS_MAX`]. Every character outside a word (quotes, stars, brackets, operators)
/// is a separator, so no query can carry the engines' query syntax; `AND`, `OR` and `NOT`
/// are plain words.
pub fn terms(query: &str) -> Vec<String> {
    // A query is read no further than the words it may use (a pasted page is cut early).
    let end = query
        .char_indices()
        .nth(QUERY_WORDS_MAX * (WORD_MAX + 1))
        .map_or(query.len(), |(at, _)| at);
    let mut out: Vec<String> = Vec::new();
    for (_, w) in words(&query[..end]) {
        if !out.contains(&w) {
            out.push(w);
            if out.len() == QUERY_WORDS_MAX {
                break;
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_fold_diacritics_and_d_with_stroke() {
        let folded: Vec<String> = words("Quyết toán ngân sách xã Đông Đức, năm 2024!")
            .into_iter()
            .map(|(_, w)| w)
            .collect();
        assert_eq!(
            folded,
            [
                "quyet", "toan", "ngan", "sach", "xa", "dong", "duc", "nam", "2024"
            ]
        );
        // Decomposed input (combining marks typed separately) folds the same.
        let nfd = "quye\u{302}\u{301}t toa\u{301}n";
        assert_eq!(index_text(nfd, 100), "quyet toan");
    }

    #[test]
    fn ranges_point_at_the_original_words() {
        let text = "Đường «liên thôn» số 2";
        let w = words(text);
        assert_eq!(&text[w[0].0.clone()], "Đường");
        assert_eq!(&text[w[1].0.clone()], "liên");
        assert_eq!(w.len(), 5);
    }

    #[test]
    fn queries_carry_no_syntax() {
        assert!(terms("\"").is_empty());
        assert!(terms("* ( ) : ^ - + ' \\").is_empty());
        assert_eq!(terms("AND OR NOT"), ["and", "or", "not"]);
        assert_eq!(terms("\"quyết* toán\" (NEAR"), ["quyet", "toan", "near"]);
        assert_eq!(terms("a a a"), ["a"]);
        let long = "x".repeat(5_000);
        assert!(terms(&long).is_empty(), "a 5,000-letter word is no word");
        let many: Vec<String> = (1..=20).map(|i| format!("w{i}")).collect();
        assert_eq!(terms(&many.join(" ")).len(), QUERY_WORDS_MAX);
        assert_eq!(index_text("abc def", 5), "abc d");
    }
}
