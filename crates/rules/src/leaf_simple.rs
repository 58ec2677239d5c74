//! Simple leaf values: counts, ranges, flags, yearly dates and number lists.

use serde::Deserialize;

use crate::error::Problem;
use crate::leaf::{Leaf, leaf_source, yes};

/// A whole number with its legal basis, e.g. 200 households for cluster meetings.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Count {
    /// The number.
    pub value: u32,
    /// Legal citation.
    #[serde(default)]
    pub citation: String,
    /// Whether the value was checked against the text (default true).
    #[serde(default = "yes")]
    pub verified: bool,
    /// Free remark for administrators.
    #[serde(default)]
    pub note: Option<String>,
}
leaf_source!(Count);

impl Leaf for Count {
    fn value_text(&self) -> String {
        self.value.to_string()
    }
    fn unit_text(&self) -> String {
        String::new()
    }
}

/// An inclusive range of whole numbers, e.g. a ballot team of 3-5 members.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Range {
    /// Smallest allowed.
    pub min: u32,
    /// Largest allowed.
    pub max: u32,
    /// Legal citation.
    #[serde(default)]
    pub citation: String,
    /// Whether the value was checked against the text (default true).
    #[serde(default = "yes")]
    pub verified: bool,
    /// Free remark for administrators.
    #[serde(default)]
    pub note: Option<String>,
}
impl Range {
    /// Whether `n` lies in the range.
    pub fn contains(&self, n: u32) -> bool {
        self.min <= n && n <= self.max
    }
}

leaf_source!(Range);

impl Leaf for Range {
    fn value_text(&self) -> String {
        format!("{}-{}", self.min, self.max)
    }
    fn unit_text(&self) -> String {
        String::new()
    }
    fn check(&self, path: &str, out: &mut Vec<Problem>) {
        if self.min > self.max {
            out.push(Problem {
                path: path.to_string(),
                message: format!(
                    "min {} is greater than max {}; swap them",
                    self.min, self.max
                ),
            });
        }
    }
}

/// A yes/no rule, e.g. whether online citizen reception is allowed.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Flag {
    /// The rule.
    pub value: bool,
    /// Legal citation.
    #[serde(default)]
    pub citation: String,
    /// Whether the value was checked against the text (default true).
    #[serde(default = "yes")]
    pub verified: bool,
    /// Free remark for administrators.
    #[serde(default)]
    pub note: Option<String>,
}
leaf_source!(Flag);

impl Leaf for Flag {
    fn value_text(&self) -> String {
        self.value.to_string()
    }
    fn unit_text(&self) -> String {
        String::new()
    }
}

/// A day of every year, e.g. 18 November (review of hương ước).
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AnnualDate {
    /// Month 1-12.
    pub month: u32,
    /// Day of the month.
    pub day: u32,
    /// Legal citation.
    #[serde(default)]
    pub citation: String,
    /// Whether the value was checked against the text (default true).
    #[serde(default = "yes")]
    pub verified: bool,
    /// Free remark for administrators.
    #[serde(default)]
    pub note: Option<String>,
}
impl AnnualDate {
    /// The date in a given year.
    pub fn in_year(&self, year: i32) -> Option<chrono::NaiveDate> {
        chrono::NaiveDate::from_ymd_opt(year, self.month, self.day)
    }
}

leaf_source!(AnnualDate);

impl Leaf for AnnualDate {
    fn value_text(&self) -> String {
        format!("{:02}/{:02}", self.day, self.month)
    }
    fn unit_text(&self) -> String {
        "day_of_year".into()
    }
    fn check(&self, path: &str, out: &mut Vec<Problem>) {
        // 2024 is a leap year, so 29/02 is accepted.
        if self.in_year(2024).is_none() {
            out.push(Problem {
                path: path.to_string(),
                message: format!("{}/{} is not a day of the year", self.day, self.month),
            });
        }
    }
}

/// A list of numbers (e.g. the community-decision matters allowed online).
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NumberList {
    /// The numbers.
    pub values: Vec<u32>,
    /// Legal citation.
    #[serde(default)]
    pub citation: String,
    /// Whether the value was checked against the text (default true).
    #[serde(default = "yes")]
    pub verified: bool,
    /// Free remark for administrators.
    #[serde(default)]
    pub note: Option<String>,
}
impl NumberList {
    /// Whether `n` is listed.
    pub fn contains(&self, n: u32) -> bool {
        self.values.contains(&n)
    }
}

leaf_source!(NumberList);

impl Leaf for NumberList {
    fn value_text(&self) -> String {
        let v: Vec<String> = self.values.iter().map(u32::to_string).collect();
        v.join(",")
    }
    fn unit_text(&self) -> String {
        String::new()
    }
}
