//! Consultation (Nhân dân tham gia ý kiến): Luật 10/2022/QH15 Điều 25-28.

use serde::Deserialize;

use crate::leaf::Duration;
use crate::walk::walk_fields;

/// The consultation rules of a pack.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Consultation {
    /// A consultation stays open at least this long from publication (Điều 28(2)).
    pub min_duration: Duration,
}
walk_fields!(Consultation { min_duration });
