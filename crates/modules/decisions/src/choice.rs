//! What a household answers (ý kiến của hộ) and through which channel (hình thức).

use serde::{Deserialize, Serialize};

use crate::error::{Result, refuse};

/// The channel through which a household's vote arrived (Điều 17).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum Channel {
    /// At a community meeting (hội nghị), by show of hands or secret ballot.
    Meeting,
    /// A household ballot (phiếu lấy ý kiến hộ gia đình), entered by the ballot team.
    Ballot,
    /// An online vote (biểu quyết trực tuyến), by the household representative.
    Online,
}

impl Channel {
    /// Stored name.
    pub fn as_str(self) -> &'static str {
        match self {
            Channel::Meeting => "meeting",
            Channel::Ballot => "ballot",
            Channel::Online => "online",
        }
    }

    /// Parses a stored or typed name.
    pub fn parse(field: &'static str, s: &str) -> Result<Channel> {
        match s.trim() {
            "meeting" => Ok(Channel::Meeting),
            "ballot" => Ok(Channel::Ballot),
            "online" => Ok(Channel::Online),
            other => refuse(
                field,
                format!("'{other}' không phải hình thức biểu quyết (meeting, ballot, online)"),
                format!("'{other}' is not a channel: use meeting, ballot or online"),
            ),
        }
    }

    /// Name in Vietnamese.
    pub fn label_vi(self) -> &'static str {
        match self {
            Channel::Meeting => "tại hội nghị",
            Channel::Ballot => "bằng phiếu lấy ý kiến hộ gia đình",
            Channel::Online => "trực tuyến",
        }
    }

    /// Name in English.
    pub fn label_en(self) -> &'static str {
        match self {
            Channel::Meeting => "at a meeting",
            Channel::Ballot => "by household ballot",
            Channel::Online => "online",
        }
    }
}

/// A household's answer: agree, disagree, another opinion, a candidate, or a spoilt ballot.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Choice {
    /// Đồng ý.
    Agree,
    /// Không đồng ý.
    Disagree,
    /// Ý kiến khác (with text).
    Other,
    /// A candidate of an election (ứng cử viên), by id.
    Candidate(i64),
    /// Phiếu không hợp lệ (secret counts only).
    Invalid,
}

impl Choice {
    /// Stored form: `agree`, `disagree`, `other`, `candidate:<id>`, `invalid`.
    pub fn code(self) -> String {
        match self {
            Choice::Agree => "agree".into(),
            Choice::Disagree => "disagree".into(),
            Choice::Other => "other".into(),
            Choice::Candidate(id) => format!("candidate:{id}"),
            Choice::Invalid => "invalid".into(),
        }
    }

    /// Parses a stored or typed choice.
    pub fn parse(field: &'static str, s: &str) -> Result<Choice> {
        let s = s.trim();
        match s {
            "agree" => return Ok(Choice::Agree),
            "disagree" => return Ok(Choice::Disagree),
            "other" => return Ok(Choice::Other),
            "invalid" => return Ok(Choice::Invalid),
            _ => {}
        }
        if let Some(id) = s.strip_prefix("candidate:").and_then(|n| n.parse().ok()) {
            return Ok(Choice::Candidate(id));
        }
        refuse(
            field,
            format!("'{s}' không phải ý kiến hợp lệ (agree, disagree, other hoặc candidate:<số>)"),
            format!("'{s}' is not a choice: use agree, disagree, other or candidate:<id>"),
        )
    }

    /// Name in Vietnamese.
    pub fn label_vi(self) -> &'static str {
        match self {
            Choice::Agree => "Đồng ý",
            Choice::Disagree => "Không đồng ý",
            Choice::Other => "Ý kiến khác",
            Choice::Candidate(_) => "Ứng cử viên",
            Choice::Invalid => "Phiếu không hợp lệ",
        }
    }
}
