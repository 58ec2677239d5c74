//! Disclosure (công khai): Luật 10/2022/QH15 Điều 11-14, 47-48, 65-66.

use std::collections::BTreeSet;

use serde::Deserialize;

use crate::error::Problem;
use crate::leaf::{Duration, Frequency, Leaf, Per, leaf_source, yes};
use crate::walk::{Walk, Walker, compress};

/// The disclosure rules of a pack.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Disclosure {
    /// Publish within this time of the decision or document (Điều 12(3)).
    pub deadline: Duration,
    /// The register of everything published is updated and posted this often (Điều 13(2)).
    pub register_update: Frequency,
    /// The annual disclosure plan (Điều 14).
    pub annual_plan: Frequency,
    /// Agencies and public units publish internally within this time (Điều 47-48).
    pub agency_deadline: Duration,
    /// … and keep it posted at least this long.
    pub agency_posting: Duration,
    /// State-owned enterprises publish within this time (Điều 65-66).
    pub enterprise_deadline: Duration,
    /// … and keep it posted at least this long.
    pub enterprise_posting: Duration,
    /// The content categories the commune must publish (Điều 11).
    pub categories: Vec<Category>,
    /// Which channels apply to which categories, for how long (Điều 13).
    pub channels: Vec<ChannelRule>,
    /// Disclosures expected every period (nội dung công khai định kỳ), e.g. the quarterly
    /// budget execution; one not published by its due date is missing.
    #[serde(default)]
    pub recurring: Vec<RecurringDuty>,
}

/// A disclosure that must be made every period (công khai định kỳ).
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RecurringDuty {
    /// Stable key, e.g. `budget_execution`.
    pub key: String,
    /// The Điều 11 category it belongs to.
    pub category: u32,
    /// Vietnamese name.
    pub name_vi: String,
    /// English name.
    pub name_en: String,
    /// One is expected per this period.
    pub per: Per,
    /// Due this long after the period ends (or after it starts, with `from_start`).
    pub due: Duration,
    /// Count `due` from the first day of the period rather than the day after its last.
    #[serde(default)]
    pub from_start: bool,
    /// Legal citation.
    #[serde(default)]
    pub citation: String,
    /// Whether checked against the text (default true).
    #[serde(default = "yes")]
    pub verified: bool,
    /// Free remark for administrators.
    #[serde(default)]
    pub note: Option<String>,
}

/// A content category of Điều 11 (nội dung công khai).
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Category {
    /// Its number in Điều 11 (1-14).
    pub number: u32,
    /// Vietnamese name.
    pub name_vi: String,
    /// English name.
    pub name_en: String,
    /// Legal citation.
    #[serde(default)]
    pub citation: String,
    /// Whether checked against the text (default true).
    #[serde(default = "yes")]
    pub verified: bool,
    /// Free remark for administrators.
    #[serde(default)]
    pub note: Option<String>,
}

/// A disclosure channel (hình thức công khai) with a legal obligation attached.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Channel {
    /// The commune website (trang thông tin điện tử).
    Website,
    /// The notice board (niêm yết) for a minimum time.
    NoticeBoard,
    /// Permanent posting, updated on change (niêm yết thường xuyên).
    PermanentPosting,
    /// The loudspeaker system (hệ thống truyền thanh).
    Loudspeaker,
    /// Via the village head to every household (thông qua trưởng thôn).
    VillageHead,
}

/// Where a notice is posted.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Place {
    /// The commune People's Committee office (trụ sở UBND xã).
    CommuneOffice,
    /// Every thôn / tổ dân phố cultural house (nhà văn hóa).
    VillageCulturalHouse,
}

/// The obligation of one channel.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ChannelRule {
    /// The channel.
    pub channel: Channel,
    /// Vietnamese description.
    pub name_vi: String,
    /// English description.
    pub name_en: String,
    /// The categories (Điều 11 numbers) that must use it.
    pub categories: Vec<u32>,
    /// Minimum consecutive time on the channel, if any.
    #[serde(default)]
    pub min_duration: Option<Duration>,
    /// Where it is posted (notice boards).
    #[serde(default)]
    pub places: Vec<Place>,
    /// Legal citation.
    #[serde(default)]
    pub citation: String,
    /// Whether checked against the text (default true).
    #[serde(default = "yes")]
    pub verified: bool,
    /// Free remark for administrators (e.g. a condition).
    #[serde(default)]
    pub note: Option<String>,
}

/// A category with the channels that apply to it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CategoryRules<'a> {
    /// The category.
    pub category: &'a Category,
    /// The channels it must use.
    pub channels: Vec<&'a ChannelRule>,
}

impl Category {}

impl ChannelRule {}

impl Disclosure {
    /// Category `n` of Điều 11 with its channels.
    pub fn category(&self, n: u32) -> Option<CategoryRules<'_>> {
        let category = self.categories.iter().find(|c| c.number == n)?;
        let channels = self
            .channels
            .iter()
            .filter(|ch| ch.categories.contains(&n))
            .collect();
        Some(CategoryRules { category, channels })
    }

    /// A recurring duty by key.
    pub fn recurring_duty(&self, key: &str) -> Option<&RecurringDuty> {
        self.recurring.iter().find(|r| r.key == key)
    }

    /// The rule of one channel.
    pub fn channel(&self, channel: Channel) -> Option<&ChannelRule> {
        self.channels.iter().find(|c| c.channel == channel)
    }

    pub(crate) fn check(&self, out: &mut Vec<Problem>) {
        let mut seen = BTreeSet::new();
        for (i, c) in self.categories.iter().enumerate() {
            if !seen.insert(c.number) {
                out.push(Problem {
                    path: format!("disclosure.categories[{i}].number"),
                    message: format!("category {} is defined twice: keep one", c.number),
                });
            }
        }
        let mut channels = BTreeSet::new();
        for (i, ch) in self.channels.iter().enumerate() {
            let path = format!("disclosure.channels[{i}]");
            if !channels.insert(ch.channel) {
                out.push(Problem {
                    path: format!("{path}.channel"),
                    message: format!(
                        "channel {:?} is defined twice: merge the entries",
                        ch.channel
                    ),
                });
            }
            let mut listed = BTreeSet::new();
            for n in &ch.categories {
                if !seen.contains(n) {
                    out.push(Problem {
                        path: format!("{path}.categories"),
                        message: format!("category {n} does not exist: define it under [[disclosure.categories]] or remove it"),
                    });
                }
                if !listed.insert(*n) {
                    out.push(Problem {
                        path: format!("{path}.categories"),
                        message: format!("category {n} is listed twice"),
                    });
                }
            }
        }
        let mut keys = BTreeSet::new();
        for (i, r) in self.recurring.iter().enumerate() {
            let path = format!("disclosure.recurring[{i}]");
            if !keys.insert(r.key.as_str()) {
                out.push(Problem {
                    path: format!("{path}.key"),
                    message: format!("recurring duty '{}' is defined twice: keep one", r.key),
                });
            }
            if !seen.contains(&r.category) {
                out.push(Problem {
                    path: format!("{path}.category"),
                    message: format!(
                        "category {} does not exist: use a number defined under [[disclosure.categories]]",
                        r.category
                    ),
                });
            }
            if r.per == Per::Week {
                out.push(Problem {
                    path: format!("{path}.per"),
                    message: "a recurring disclosure is per month, quarter or year".into(),
                });
            }
        }
        if let (Some(board), Some(permanent)) = (
            self.channel(Channel::NoticeBoard),
            self.channel(Channel::PermanentPosting),
        ) {
            let both: Vec<u32> = board
                .categories
                .iter()
                .filter(|n| permanent.categories.contains(n))
                .copied()
                .collect();
            if !both.is_empty() {
                out.push(Problem {
                    path: "disclosure.channels".into(),
                    message: format!(
                        "categories {} are both on the timed notice board and permanently posted: these overlap, keep each category in one of the two",
                        compress(&both)
                    ),
                });
            }
        }
    }
}

leaf_source!(Category);

impl Leaf for Category {
    fn value_text(&self) -> String {
        self.name_vi.clone()
    }
    fn unit_text(&self) -> String {
        "category".into()
    }
}

leaf_source!(RecurringDuty);

impl Leaf for RecurringDuty {
    fn value_text(&self) -> String {
        format!("{} / {}", self.category, self.per.code())
    }
    fn unit_text(&self) -> String {
        "category / per".into()
    }
}

leaf_source!(ChannelRule);

impl Leaf for ChannelRule {
    fn value_text(&self) -> String {
        compress(&self.categories)
    }
    fn unit_text(&self) -> String {
        "categories".into()
    }
}

fn channel_key(c: Channel) -> &'static str {
    match c {
        Channel::Website => "website",
        Channel::NoticeBoard => "notice_board",
        Channel::PermanentPosting => "permanent_posting",
        Channel::Loudspeaker => "loudspeaker",
        Channel::VillageHead => "village_head",
    }
}

impl Walk for Disclosure {
    fn walk(&self, w: &mut Walker<'_>) {
        w.leaf("deadline", &self.deadline);
        w.leaf("register_update", &self.register_update);
        w.leaf("annual_plan", &self.annual_plan);
        w.leaf("agency_deadline", &self.agency_deadline);
        w.leaf("agency_posting", &self.agency_posting);
        w.leaf("enterprise_deadline", &self.enterprise_deadline);
        w.leaf("enterprise_posting", &self.enterprise_posting);
        // Items are named by their number or channel, which reads better than an index.
        for c in &self.categories {
            w.leaf(&format!("categories.{}", c.number), c);
        }
        for ch in &self.channels {
            let key = format!("channels.{}", channel_key(ch.channel));
            w.leaf(&key, ch);
            if let Some(d) = &ch.min_duration {
                w.leaf(&format!("{key}.min_duration"), d);
            }
        }
        for r in &self.recurring {
            let key = format!("recurring.{}", r.key);
            w.leaf(&key, r);
            w.leaf(&format!("{key}.due"), &r.due);
        }
    }
}
