//! Community works funded by the people (công trình do Nhân dân đóng góp): Luật 10/2022/QH15
//! Điều 11 khoản 5, Điều 15(1)-(2).

use serde::Deserialize;

use crate::leaf_simple::Count;
use crate::walk::{Walk, Walker};

/// The community works rules of a pack.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Works {
    /// The category (khoản) of Điều 11 under which the contributions raised from the people are
    /// disclosed: publishing a work's accounts raises that disclosure duty. None: no duty.
    #[serde(default)]
    pub disclosure_category: Option<Count>,
}

impl Walk for Works {
    fn walk(&self, w: &mut Walker<'_>) {
        if let Some(c) = &self.disclosure_category {
            w.leaf("disclosure_category", c);
        }
    }
}
