//! Citizen reception (tiếp công dân): Luật Tiếp công dân 2013, Quy định 11-QĐi/TW, and the
//! changes of Luật 136/2025/QH15.

use serde::Deserialize;

use crate::leaf::{Duration, Frequency};
use crate::leaf_simple::Flag;
use crate::walk::walk_fields;

/// The reception rules of a pack.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Reception {
    /// Days the commune chairman receives citizens in person.
    pub commune_chairman: Frequency,
    /// Days the provincial chairman receives citizens.
    pub provincial_chairman: Frequency,
    /// Days any agency head receives citizens.
    pub agency_head: Frequency,
    /// Days the provincial party secretary receives citizens.
    pub provincial_party_secretary: Frequency,
    /// Days the commune party secretary receives citizens.
    pub commune_party_secretary: Frequency,
    /// The head's reception schedule is posted at least this long ahead.
    pub schedule_posted: Duration,
    /// The citizen is told the result within this time.
    pub answer: Duration,
    /// Whether reception may be held online.
    pub online_allowed: Flag,
    /// Whether the head may delegate reception to a deputy.
    pub delegation_to_deputy_allowed: Flag,
    /// Whether the reception book may be electronic (kept in step with the national database).
    pub electronic_book: Flag,
}
walk_fields!(Reception {
    commune_chairman,
    provincial_chairman,
    agency_head,
    provincial_party_secretary,
    commune_party_secretary,
    schedule_posted,
    answer,
    online_allowed,
    delegation_to_deputy_allowed,
    electronic_book
});
