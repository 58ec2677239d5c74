//! Complaints (khiếu nại, Luật Khiếu nại 2011), denunciations (tố cáo, Luật Tố cáo 2018)
//! and feedback on administrative regulations (phản ánh, kiến nghị, Nghị định 20/2008/NĐ-CP).

use serde::Deserialize;

use crate::leaf::Duration;
use crate::leaf_simple::Count;
use crate::walk::walk_fields;

/// Time limits of the complaint procedure.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Complaints {
    /// A complaint is filed within this time (thời hiệu).
    pub filing: Duration,
    /// It is accepted (thụ lý) within this time.
    pub acceptance: Duration,
    /// First resolution.
    pub first_resolution: Duration,
    /// First resolution of a complex case.
    pub first_resolution_complex: Duration,
    /// First resolution in remote areas.
    pub first_resolution_remote: Duration,
    /// First resolution of a complex case in remote areas.
    pub first_resolution_remote_complex: Duration,
    /// The decision is sent within this time.
    pub decision_sent: Duration,
    /// A second complaint is filed within this time.
    pub second_complaint: Duration,
    /// … in remote areas.
    pub second_complaint_remote: Duration,
    /// Second resolution.
    pub second_resolution: Duration,
    /// Second resolution of a complex case.
    pub second_resolution_complex: Duration,
    /// Second resolution in remote areas.
    pub second_resolution_remote: Duration,
    /// Second resolution of a complex case in remote areas.
    pub second_resolution_remote_complex: Duration,
}
walk_fields!(Complaints {
    filing,
    acceptance,
    first_resolution,
    first_resolution_complex,
    first_resolution_remote,
    first_resolution_remote_complex,
    decision_sent,
    second_complaint,
    second_complaint_remote,
    second_resolution,
    second_resolution_complex,
    second_resolution_remote,
    second_resolution_remote_complex
});

/// Time limits of the denunciation procedure.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Denunciations {
    /// Initial processing (xử lý ban đầu).
    pub initial_processing: Duration,
    /// … when several places are involved.
    pub initial_processing_multiple_places: Duration,
    /// Transfer to the competent body when not competent.
    pub transfer: Duration,
    /// Notice of acceptance to the denouncer.
    pub acceptance_notice: Duration,
    /// Resolution.
    pub resolution: Duration,
    /// Each extension.
    pub extension: Duration,
    /// Extensions allowed for a complex case.
    pub max_extensions_complex: Count,
    /// Extensions allowed for an especially complex case.
    pub max_extensions_especially_complex: Count,
    /// The longest total.
    pub max_total: Duration,
}
walk_fields!(Denunciations {
    initial_processing,
    initial_processing_multiple_places,
    transfer,
    acceptance_notice,
    resolution,
    extension,
    max_extensions_complex,
    max_extensions_especially_complex,
    max_total
});

/// Feedback on administrative regulations.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Feedback {
    /// Transfer to the competent body within this time.
    pub transfer: Duration,
}
walk_fields!(Feedback { transfer });
