//! Exact pass thresholds (tỷ lệ biểu quyết), compared with integer arithmetic only.

use serde::Deserialize;

use crate::error::Problem;
use crate::leaf::{Leaf, leaf_source, yes};
use crate::numbers;

/// What a threshold is a fraction of.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Base {
    /// All households (hộ gia đình) of the thôn, not only those present.
    AllHouseholds,
    /// All thôn of the commune.
    AllVillages,
    /// Those present at the meeting.
    Present,
    /// All members (staff of an agency, worker representatives).
    AllMembers,
}

impl Base {
    /// The code used in pack files.
    pub fn code(self) -> &'static str {
        match self {
            Base::AllHouseholds => "all_households",
            Base::AllVillages => "all_villages",
            Base::Present => "present",
            Base::AllMembers => "all_members",
        }
    }

    fn noun_vi(self) -> &'static str {
        match self {
            Base::AllHouseholds => "hộ",
            Base::AllVillages => "thôn",
            Base::Present => "người dự họp",
            Base::AllMembers => "thành viên",
        }
    }

    /// The whole a share is of: "tổng số hộ".
    fn whole_vi(self) -> &'static str {
        match self {
            Base::AllHouseholds => "tổng số hộ",
            Base::AllVillages => "tổng số thôn",
            Base::Present => "số người dự họp",
            Base::AllMembers => "tổng số thành viên",
        }
    }

    /// The whole a share is of: "all households".
    fn whole_en(self) -> &'static str {
        match self {
            Base::AllHouseholds => "all households",
            Base::AllVillages => "all villages",
            Base::Present => "those present",
            Base::AllMembers => "all members",
        }
    }

    fn noun_en(self) -> &'static str {
        match self {
            Base::AllHouseholds => "households",
            Base::AllVillages => "villages",
            Base::Present => "people present",
            Base::AllMembers => "members",
        }
    }
}

/// A threshold `numerator/denominator` of a [`Base`]; `inclusive` means "at least" (≥),
/// otherwise "more than" (>).
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Ratio {
    /// Numerator, e.g. 2 in 2/3.
    pub numerator: u64,
    /// Denominator, e.g. 3 in 2/3.
    pub denominator: u64,
    /// true: agree/total ≥ ratio passes; false: agree/total must be strictly greater.
    pub inclusive: bool,
    /// What the ratio is a fraction of.
    pub of: Base,
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

/// The outcome of a count against a [`Ratio`], with its explanation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Verdict {
    /// Whether the count passes.
    pub passed: bool,
    /// E.g. "Thông qua: 612 trên 900 hộ đồng ý (68,0 %), cần từ 2/3 tổng số hộ trở lên".
    pub vi: String,
    /// E.g. "Passed: 612 of 900 households agreed (68.0 %); at least 2/3 of all households
    /// needed".
    pub en: String,
}

impl Ratio {
    /// A ratio without citation, for code and tests.
    pub fn new(numerator: u64, denominator: u64, inclusive: bool, of: Base) -> Ratio {
        Ratio {
            numerator,
            denominator,
            inclusive,
            of,
            citation: String::new(),
            verified: true,
            note: None,
        }
    }

    /// Whether `agree` out of `total` passes: `agree·den ≥ num·total` (inclusive) or `>`
    /// (strict), in 128-bit integers. No total, or more agreeing than the total, never passes.
    pub fn passes(&self, agree: u64, total: u64) -> bool {
        if total == 0 || agree > total || self.denominator == 0 {
            return false;
        }
        let lhs = u128::from(agree) * u128::from(self.denominator);
        let rhs = u128::from(self.numerator) * u128::from(total);
        if self.inclusive {
            lhs >= rhs
        } else {
            lhs > rhs
        }
    }

    /// The fewest agreeing out of `total` that pass (what a citizen initiative still needs, or
    /// a vote must reach); `None` when nothing can pass (no total, or a share above the whole).
    pub fn fewest(&self, total: u64) -> Option<u64> {
        if total == 0 || self.denominator == 0 {
            return None;
        }
        let need = u128::from(self.numerator) * u128::from(total);
        let den = u128::from(self.denominator);
        // agree·den ≥ need (inclusive) or > need (strict), the smallest such agree.
        let fewest = if self.inclusive {
            need.div_ceil(den)
        } else {
            need / den + 1
        };
        u64::try_from(fewest).ok().filter(|&f| f <= total)
    }

    /// The verdict as a sentence in Vietnamese and English: "Không thông qua: 229 trên 1.016
    /// hộ đồng ý (22,6 %), cần hơn 1/2 tổng số hộ".
    pub fn explain(&self, agree: u64, total: u64) -> Verdict {
        let (vi_noun, en_noun) = (self.of.noun_vi(), self.of.noun_en());
        let vi_num = |n: u64| numbers::grouped(i64::try_from(n).unwrap_or(i64::MAX), numbers::VI);
        let en_num = |n: u64| numbers::grouped(i64::try_from(n).unwrap_or(i64::MAX), numbers::EN);
        if total == 0 {
            return Verdict {
                passed: false,
                vi: format!("Không thông qua: chưa có {vi_noun} nào được tính"),
                en: format!("Not passed: no {en_noun} counted"),
            };
        }
        if agree > total {
            return Verdict {
                passed: false,
                vi: format!(
                    "Không thông qua: số đồng ý {} lớn hơn tổng số {}, số liệu sai",
                    vi_num(agree),
                    vi_num(total)
                ),
                en: format!(
                    "Not passed: {} agreeing exceeds the total {} (invalid figures)",
                    en_num(agree),
                    en_num(total)
                ),
            };
        }
        let passed = self.passes(agree, total);
        // Per mille, rounded half up, in integers (agree ≤ total, so it is at most 1000).
        let pm = (u128::from(agree) * 2000 + u128::from(total)) / (2 * u128::from(total));
        let pm = i64::try_from(pm).unwrap_or(1000);
        let frac = format!("{}/{}", self.numerator, self.denominator);
        let (vi_whole, en_whole) = (self.of.whole_vi(), self.of.whole_en());
        let (vi_need, en_need) = if self.inclusive {
            (
                format!("cần từ {frac} {vi_whole} trở lên"),
                format!("at least {frac} of {en_whole} needed"),
            )
        } else {
            (
                format!("cần hơn {frac} {vi_whole}"),
                format!("more than {frac} of {en_whole} needed"),
            )
        };
        let (vi_result, en_result) = if passed {
            ("Thông qua", "Passed")
        } else {
            ("Không thông qua", "Not passed")
        };
        Verdict {
            passed,
            vi: format!(
                "{vi_result}: {} trên {} {vi_noun} đồng ý ({}), {vi_need}",
                vi_num(agree),
                vi_num(total),
                numbers::percent_tenths(pm, numbers::VI)
            ),
            en: format!(
                "{en_result}: {} of {} {en_noun} agreed ({}); {en_need}",
                en_num(agree),
                en_num(total),
                numbers::percent_tenths(pm, numbers::EN)
            ),
        }
    }
}

leaf_source!(Ratio);

impl Leaf for Ratio {
    fn value_text(&self) -> String {
        let op = if self.inclusive { "≥" } else { ">" };
        format!("{op} {}/{}", self.numerator, self.denominator)
    }
    fn unit_text(&self) -> String {
        self.of.code().to_string()
    }
    fn check(&self, path: &str, out: &mut Vec<Problem>) {
        if self.denominator == 0 || self.numerator == 0 {
            out.push(Problem {
                path: path.to_string(),
                message: format!(
                    "ratio {}/{}: numerator and denominator must both be at least 1",
                    self.numerator, self.denominator
                ),
            });
        } else if self.numerator > self.denominator {
            out.push(Problem {
                path: path.to_string(),
                message: format!(
                    "ratio {}/{} is more than the whole: the numerator must not exceed the denominator",
                    self.numerator, self.denominator
                ),
            });
        }
    }
}
