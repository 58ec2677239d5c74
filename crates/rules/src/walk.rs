//! Walking every leaf of a pack with its key path: for validation and for listings.

use crate::leaf::Leaf;

/// One rule as a row, for `dinh rules show` and the web page listing a pack.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RuleRow {
    /// Dotted key path, e.g. "complaints.first_resolution".
    pub key: String,
    /// The value as text, e.g. "30", "≥ 2/3", "1-3,5-12".
    pub value: String,
    /// The unit code, e.g. "calendar_days", "all_households", "per_week" ("" when none).
    pub unit: String,
    /// The legal citation.
    pub citation: String,
    /// Whether the value was checked against the text.
    pub verified: bool,
}

/// Visits leaves, keeping the key path.
pub(crate) struct Walker<'a> {
    prefix: String,
    sink: &'a mut dyn FnMut(&str, &dyn Leaf),
}

impl<'a> Walker<'a> {
    pub(crate) fn new(sink: &'a mut dyn FnMut(&str, &dyn Leaf)) -> Self {
        Walker {
            prefix: String::new(),
            sink,
        }
    }

    fn path(&self, key: &str) -> String {
        if self.prefix.is_empty() {
            key.to_string()
        } else {
            format!("{}.{key}", self.prefix)
        }
    }

    /// Visits one leaf at `key` below the current path.
    pub(crate) fn leaf(&mut self, key: &str, leaf: &dyn Leaf) {
        let path = self.path(key);
        (self.sink)(&path, leaf);
    }

    /// Walks below `key`.
    pub(crate) fn nest(&mut self, key: &str, f: impl FnOnce(&mut Walker<'_>)) {
        let saved = std::mem::take(&mut self.prefix);
        self.prefix = if saved.is_empty() {
            key.to_string()
        } else {
            format!("{saved}.{key}")
        };
        f(self);
        self.prefix = saved;
    }
}

/// Sections of a pack implement this to expose their leaves.
pub(crate) trait Walk {
    /// Visits every leaf.
    fn walk(&self, w: &mut Walker<'_>);
}

/// Writes a list of numbers compactly: [1,2,3,5,6] -> "1-3,5-6".
pub(crate) fn compress(numbers: &[u32]) -> String {
    let mut sorted = numbers.to_vec();
    sorted.sort_unstable();
    sorted.dedup();
    let mut parts = Vec::new();
    let mut i = 0;
    while let Some(&start) = sorted.get(i) {
        let mut end = start;
        while sorted.get(i + 1) == Some(&(end + 1)) {
            end += 1;
            i += 1;
        }
        parts.push(if start == end {
            start.to_string()
        } else {
            format!("{start}-{end}")
        });
        i += 1;
    }
    parts.join(",")
}

/// Implements [`Walk`] for a struct whose fields are all leaves, in the order given.
macro_rules! walk_fields {
    ($t:ty { $($field:ident),* $(,)? }) => {
        impl $crate::walk::Walk for $t {
            fn walk(&self, w: &mut $crate::walk::Walker<'_>) {
                $( w.leaf(stringify!($field), &self.$field); )*
            }
        }
    };
}
pub(crate) use walk_fields;
