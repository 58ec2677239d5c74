//! The kinds, channels and states of a case (vụ việc).

use serde::Serialize;

/// What a petition is, once classified (phân loại đơn).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum CaseKind {
    /// Khiếu nại (Luật Khiếu nại 2011).
    Complaint,
    /// Tố cáo (Luật Tố cáo 2018): the denouncer is protected.
    Denunciation,
    /// Kiến nghị.
    Recommendation,
    /// Phản ánh.
    Report,
    /// Tranh chấp đưa ra hòa giải ở cơ sở.
    Dispute,
}

impl CaseKind {
    /// Every kind.
    pub const ALL: [CaseKind; 5] = [
        CaseKind::Complaint,
        CaseKind::Denunciation,
        CaseKind::Recommendation,
        CaseKind::Report,
        CaseKind::Dispute,
    ];

    /// Stored name.
    pub fn as_str(self) -> &'static str {
        match self {
            CaseKind::Complaint => "complaint",
            CaseKind::Denunciation => "denunciation",
            CaseKind::Recommendation => "recommendation",
            CaseKind::Report => "report",
            CaseKind::Dispute => "dispute",
        }
    }

    /// Parses a stored name.
    pub fn parse(s: &str) -> Option<CaseKind> {
        Self::ALL.into_iter().find(|k| k.as_str() == s)
    }

    /// The message key of its name.
    pub fn label_key(self) -> &'static str {
        match self {
            CaseKind::Complaint => "pet_kind_complaint",
            CaseKind::Denunciation => "pet_kind_denunciation",
            CaseKind::Recommendation => "pet_kind_recommendation",
            CaseKind::Report => "pet_kind_report",
            CaseKind::Dispute => "pet_kind_dispute",
        }
    }
}

/// How the petition came in (hình thức tiếp nhận).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Channel {
    /// At a reception session (tại buổi tiếp công dân).
    Reception,
    /// The online public form.
    Online,
    /// By mail, entered by an officer (qua bưu chính).
    Mail,
}

impl Channel {
    /// Stored name.
    pub fn as_str(self) -> &'static str {
        match self {
            Channel::Reception => "reception",
            Channel::Online => "online",
            Channel::Mail => "mail",
        }
    }

    /// Parses a stored name.
    pub fn parse(s: &str) -> Option<Channel> {
        [Channel::Reception, Channel::Online, Channel::Mail]
            .into_iter()
            .find(|c| c.as_str() == s)
    }
}

/// Where a case stands (trạng thái).
pub mod status {
    /// Received, not yet accepted or classified (đã tiếp nhận).
    pub const RECEIVED: &str = "received";
    /// Accepted for resolution (đã thụ lý).
    pub const ACCEPTED: &str = "accepted";
    /// Resolution extended by decision (đã gia hạn).
    pub const EXTENDED: &str = "extended";
    /// Resolved / answered (đã giải quyết, đã trả lời).
    pub const RESOLVED: &str = "resolved";
    /// Not accepted (không thụ lý).
    pub const REJECTED: &str = "rejected";
    /// Transferred to the competent body (đã chuyển đơn).
    pub const TRANSFERRED: &str = "transferred";
    /// Joined into another case about the same matter (gộp).
    pub const JOINED: &str = "joined";
    /// Every status.
    pub const ALL: [&str; 7] = [
        RECEIVED,
        ACCEPTED,
        EXTENDED,
        RESOLVED,
        REJECTED,
        TRANSFERRED,
        JOINED,
    ];

    /// The message key of a status.
    pub fn label_key(s: &str) -> &'static str {
        match s {
            RECEIVED => "pet_status_received",
            ACCEPTED => "pet_status_accepted",
            EXTENDED => "pet_status_extended",
            RESOLVED => "pet_status_resolved",
            REJECTED => "pet_status_rejected",
            TRANSFERRED => "pet_status_transferred",
            _ => "pet_status_joined",
        }
    }
}
