//! What the law requires of one disclosure (nghĩa vụ công khai): the due date and one
//! obligation per channel and place, computed from the rule pack in force — Luật 10/2022/QH15
//! Điều 12(3) (5 working days), Điều 13 (website; notice boards at the commune office and at
//! every thôn cultural house for 30 consecutive days; permanent posting; loudspeaker for 3
//! days; delivery through village heads), Điều 47-48 (agencies) and Điều 65-66 (enterprises).

use chrono::NaiveDate;
use dinh_calendar::HolidayCalendar;
use dinh_rules::sections::disclosure::ChannelRule;
use dinh_rules::{Channel, Duration, DurationUnit, Place, RulePack};

/// Who publishes: the rules differ.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Publisher {
    /// A commune, ward or special zone (xã, phường, đặc khu): Điều 11-14.
    Commune,
    /// An agency or public unit (cơ quan, đơn vị): Điều 47-48, posted internally.
    Agency,
    /// A state-owned enterprise (doanh nghiệp nhà nước): Điều 65-66.
    Enterprise,
}

impl Publisher {
    /// The publisher for a unit kind (`commune`, `ward`, `agency`, …); None for units that do
    /// not publish (provinces, thôn).
    pub fn for_unit_kind(kind: &str) -> Option<Publisher> {
        match kind {
            "commune" | "ward" | "special_zone" | "township" => Some(Publisher::Commune),
            "agency" => Some(Publisher::Agency),
            "enterprise" => Some(Publisher::Enterprise),
            _ => None,
        }
    }

    /// Stored code.
    pub fn code(self) -> &'static str {
        match self {
            Publisher::Commune => "commune",
            Publisher::Agency => "agency",
            Publisher::Enterprise => "enterprise",
        }
    }
}

/// The stored code of a channel.
pub fn channel_code(channel: Channel) -> &'static str {
    match channel {
        Channel::Website => "website",
        Channel::NoticeBoard => "notice_board",
        Channel::PermanentPosting => "permanent_posting",
        Channel::Loudspeaker => "loudspeaker",
        Channel::VillageHead => "village_head",
    }
}

/// One duty: a channel at a place, by a date, for a minimum time.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ObligationSpec {
    /// Channel code (`website`, `notice_board`, `permanent_posting`, `loudspeaker`,
    /// `village_head`, or `office_board` for agencies and enterprises).
    pub channel: &'static str,
    /// The unit where it happens: the commune itself, or one thôn.
    pub place_unit_id: i64,
    /// `commune`, `commune_office`, `village_cultural_house`, `village`, `office`.
    pub place_kind: &'static str,
    /// Minimum consecutive days on the channel, if any.
    pub min_days: Option<u32>,
    /// Must stay posted, updated on change.
    pub permanent: bool,
    /// Must start by this day.
    pub due_on: NaiveDate,
    /// Legal basis.
    pub citation: String,
}

/// The due date and the obligations of one disclosure.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Requirements {
    /// The id of the rule pack applied.
    pub pack_id: String,
    /// Publish by this day (the deadline ends at 24:00).
    pub due_on: NaiveDate,
    /// The legal basis of the due date.
    pub due_citation: String,
    /// One per channel and place.
    pub obligations: Vec<ObligationSpec>,
}

/// Why the requirements cannot be computed.
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum RequirementError {
    /// The category is not among the pack's contents (Điều 11).
    #[error(
        "category {0} is not in the rule pack {1}: choose one of the contents of Điều 11 (1-14)"
    )]
    UnknownCategory(u32, String),
    /// A minimum posting time is not in days.
    #[error("rule {0}: a minimum posting time must be in calendar days")]
    PostingUnit(String),
    /// The calendar cannot count from this date.
    #[error("{0}")]
    Calendar(String),
}

/// The places of a commune: its own id and its thôn / tổ dân phố on the decision date.
#[derive(Debug, Clone)]
pub struct Places {
    /// The publishing unit.
    pub unit_id: i64,
    /// Its residential communities.
    pub villages: Vec<i64>,
}

fn days(d: &Duration, what: &str) -> Result<u32, RequirementError> {
    if d.unit == DurationUnit::CalendarDays {
        Ok(d.count_u32())
    } else {
        Err(RequirementError::PostingUnit(what.to_owned()))
    }
}

/// Computes the requirements of a disclosure of `category` decided on `decided_on`.
pub fn requirements(
    pack: &RulePack,
    cal: &HolidayCalendar,
    publisher: Publisher,
    category: u32,
    decided_on: NaiveDate,
    places: &Places,
) -> Result<Requirements, RequirementError> {
    let rules = &pack.disclosure;
    let cat = rules
        .category(category)
        .ok_or_else(|| RequirementError::UnknownCategory(category, pack.id.clone()))?;
    let (deadline, posting) = match publisher {
        Publisher::Commune => (&rules.deadline, None),
        Publisher::Agency => (&rules.agency_deadline, Some(&rules.agency_posting)),
        Publisher::Enterprise => (&rules.enterprise_deadline, Some(&rules.enterprise_posting)),
    };
    let due_on = cal
        .due_after(decided_on, deadline.period())
        .map_err(|e| RequirementError::Calendar(e.to_string()))?
        .due;
    let mut obligations = Vec::new();
    if let Some(posting) = posting {
        obligations.push(ObligationSpec {
            channel: "office_board",
            place_unit_id: places.unit_id,
            place_kind: "office",
            min_days: Some(days(posting, "posting")?),
            permanent: false,
            due_on,
            citation: posting.citation().to_owned(),
        });
    } else {
        for rule in &cat.channels {
            channel_obligations(rule, places, due_on, &mut obligations)?;
        }
    }
    Ok(Requirements {
        pack_id: pack.id.clone(),
        due_on,
        due_citation: deadline.citation().to_owned(),
        obligations,
    })
}

fn channel_obligations(
    rule: &ChannelRule,
    places: &Places,
    due_on: NaiveDate,
    out: &mut Vec<ObligationSpec>,
) -> Result<(), RequirementError> {
    let channel = channel_code(rule.channel);
    let min_days = match &rule.min_duration {
        Some(d) => Some(days(d, channel)?),
        None => None,
    };
    let permanent = rule.channel == Channel::PermanentPosting;
    let mut add = |place_unit_id: i64, place_kind: &'static str| {
        out.push(ObligationSpec {
            channel,
            place_unit_id,
            place_kind,
            min_days,
            permanent,
            due_on,
            citation: rule.citation.clone(),
        });
    };
    match rule.channel {
        Channel::NoticeBoard | Channel::PermanentPosting => {
            for place in &rule.places {
                match place {
                    Place::CommuneOffice => add(places.unit_id, "commune_office"),
                    Place::VillageCulturalHouse => {
                        for v in &places.villages {
                            add(*v, "village_cultural_house");
                        }
                    }
                }
            }
        }
        Channel::VillageHead => {
            for v in &places.villages {
                add(*v, "village");
            }
        }
        Channel::Website | Channel::Loudspeaker => add(places.unit_id, "commune"),
    }
    Ok(())
}
