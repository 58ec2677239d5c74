//! The difference between two versions of a draft (so sánh các bản dự thảo), part by part: the
//! parts are aligned as a sequence (a part inserted in the middle does not make every later part
//! look changed), then a changed part is compared word by word. Computed by the `similar` crate.

use similar::{Algorithm, ChangeTag, DiffTag, TextDiff, capture_diff_slices};

use crate::store::Part;

/// What happened to a part between two versions.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PartChange {
    /// The same text in both versions.
    Same,
    /// Only in the newer version (thêm mới).
    Added,
    /// Only in the older version (bỏ).
    Removed,
    /// In both, with its text changed (sửa đổi).
    Changed,
}

impl PartChange {
    /// Its name in Vietnamese and English.
    pub fn names(self) -> (&'static str, &'static str) {
        match self {
            Self::Same => ("Không đổi", "Unchanged"),
            Self::Added => ("Thêm mới", "Added"),
            Self::Removed => ("Bỏ", "Removed"),
            Self::Changed => ("Sửa đổi", "Changed"),
        }
    }

    /// Its code, for the page's classes and the tests.
    pub fn code(self) -> &'static str {
        match self {
            Self::Same => "same",
            Self::Added => "added",
            Self::Removed => "removed",
            Self::Changed => "changed",
        }
    }
}

/// A run of text and whether it is kept, added or removed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Segment {
    /// `same`, `added` or `removed`.
    pub kind: &'static str,
    /// The text (shown escaped).
    pub text: String,
}

/// One part in the comparison: its number in each version, and its text as segments.
#[derive(Debug, Clone)]
pub struct PartDiff {
    /// What happened to it.
    pub change: PartChange,
    /// Its number in the older version.
    pub old_number: Option<i64>,
    /// Its number in the newer version.
    pub new_number: Option<i64>,
    /// Its heading, compared.
    pub heading: Vec<Segment>,
    /// Its text, compared.
    pub body: Vec<Segment>,
}

fn whole(kind: &'static str, text: &str) -> Vec<Segment> {
    if text.is_empty() {
        Vec::new()
    } else {
        vec![Segment {
            kind,
            text: text.to_owned(),
        }]
    }
}

/// `old` against `new`, word by word, adjacent runs of one kind joined.
pub fn words(old: &str, new: &str) -> Vec<Segment> {
    let diff = TextDiff::from_words(old, new);
    let mut out: Vec<Segment> = Vec::new();
    for change in diff.iter_all_changes() {
        let kind = match change.tag() {
            ChangeTag::Equal => "same",
            ChangeTag::Insert => "added",
            ChangeTag::Delete => "removed",
        };
        let text = change.value();
        match out.last_mut() {
            Some(last) if last.kind == kind => last.text.push_str(text),
            _ => out.push(Segment {
                kind,
                text: text.to_owned(),
            }),
        }
    }
    out
}

fn same(p: &Part) -> PartDiff {
    PartDiff {
        change: PartChange::Same,
        old_number: Some(p.number),
        new_number: Some(p.number),
        heading: whole("same", &p.heading),
        body: whole("same", &p.body),
    }
}

fn only(p: &Part, added: bool) -> PartDiff {
    let kind = if added { "added" } else { "removed" };
    PartDiff {
        change: if added {
            PartChange::Added
        } else {
            PartChange::Removed
        },
        old_number: (!added).then_some(p.number),
        new_number: added.then_some(p.number),
        heading: whole(kind, &p.heading),
        body: whole(kind, &p.body),
    }
}

fn changed(o: &Part, n: &Part) -> PartDiff {
    PartDiff {
        change: PartChange::Changed,
        old_number: Some(o.number),
        new_number: Some(n.number),
        heading: words(&o.heading, &n.heading),
        body: words(&o.body, &n.body),
    }
}

/// The parts of `old` against those of `new`, in the newer version's order (removed parts
/// where they stood).
pub fn compare(old: &[Part], new: &[Part]) -> Vec<PartDiff> {
    let key = |p: &Part| format!("{}\n{}", p.heading, p.body);
    let old_keys: Vec<String> = old.iter().map(key).collect();
    let new_keys: Vec<String> = new.iter().map(key).collect();
    let mut out = Vec::new();
    for op in capture_diff_slices(Algorithm::Patience, &old_keys, &new_keys) {
        let (tag, o, n) = op.as_tag_tuple();
        match tag {
            DiffTag::Equal => {
                for (i, j) in o.zip(n) {
                    let mut d = same(&new[j]);
                    d.old_number = Some(old[i].number);
                    out.push(d);
                }
            }
            DiffTag::Delete => out.extend(old[o].iter().map(|p| only(p, false))),
            DiffTag::Insert => out.extend(new[n].iter().map(|p| only(p, true))),
            DiffTag::Replace => {
                // Parts replaced in a run are paired in order; what is left over was added or
                // removed.
                let (olds, news) = (&old[o], &new[n]);
                for k in 0..olds.len().max(news.len()) {
                    match (olds.get(k), news.get(k)) {
                        (Some(a), Some(b)) => out.push(changed(a, b)),
                        (Some(a), None) => out.push(only(a, false)),
                        (None, Some(b)) => out.push(only(b, true)),
                        (None, None) => {}
                    }
                }
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn part(number: i64, heading: &str, body: &str) -> Part {
        Part {
            number,
            heading: heading.into(),
            body: body.into(),
        }
    }

    #[test]
    fn an_inserted_part_leaves_the_others_unchanged() {
        let old = vec![
            part(1, "Điều 1", "Phạm vi."),
            part(2, "Điều 2", "Công khai."),
        ];
        let new = vec![
            part(1, "Điều 1", "Phạm vi."),
            part(2, "Điều 1a", "Đối tượng."),
            part(3, "Điều 2", "Công khai."),
        ];
        let d = compare(&old, &new);
        let changes: Vec<PartChange> = d.iter().map(|p| p.change).collect();
        assert_eq!(
            changes,
            [PartChange::Same, PartChange::Added, PartChange::Same]
        );
        assert_eq!((d[2].old_number, d[2].new_number), (Some(2), Some(3)));
    }

    #[test]
    fn a_changed_part_shows_the_words_added_and_removed() {
        let old = vec![part(1, "Điều 1", "Niêm yết tại trụ sở.")];
        let new = vec![part(1, "Điều 1", "Niêm yết tại trụ sở và nhà văn hóa.")];
        let d = compare(&old, &new);
        assert_eq!(d[0].change, PartChange::Changed);
        assert!(
            d[0].body
                .iter()
                .any(|s| s.kind == "added" && s.text.contains("nhà văn hóa"))
        );
        assert!(d[0].body.iter().any(|s| s.kind == "removed"));
    }

    #[test]
    fn a_dropped_part_is_removed() {
        let old = vec![part(1, "", "Một."), part(2, "", "Hai.")];
        let new = vec![part(1, "", "Một.")];
        let d = compare(&old, &new);
        assert_eq!(d[1].change, PartChange::Removed);
        assert_eq!(d[1].old_number, Some(2));
    }
}
