//! The count (kết quả biểu quyết) against **all** households of the thôn on the day of the vote
//! (Điều 21(1)), or against all thôn of the commune for commune-wide matters 1-2; exact integer
//! arithmetic through the pack's ratios, with the explanation shown on the result page.

use std::collections::HashMap;

use chrono::NaiveDate;
use dinh_platform::db::query;
use dinh_platform::units::UnitKind;
use dinh_rules::{Matter as Article15, Ratio, RulePack, Scope};
use serde::Serialize;

use crate::choice::Choice;
use crate::error::Result;
use crate::matters::Matter;
use crate::reader::Reader;

/// The count of one thôn.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct VillageTally {
    /// Id of the thôn.
    #[serde(skip)]
    pub unit_id: i64,
    /// Code of the thôn.
    pub unit_code: String,
    /// Name of the thôn.
    pub unit_name: String,
    /// All its households on the day of the vote (the denominator).
    pub households: i64,
    /// Households that took part.
    pub participants: i64,
    /// Agreeing.
    pub agree: i64,
    /// Disagreeing.
    pub disagree: i64,
    /// Another opinion.
    pub other: i64,
    /// Spoilt ballots (secret votes).
    pub invalid: i64,
    /// Whether the thôn approved (commune-wide matters) or the matter passed (one thôn).
    pub passed: bool,
    /// Explanation in Vietnamese.
    pub explanation_vi: String,
    /// Explanation in English.
    pub explanation_en: String,
}

/// The votes of one candidate.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct CandidateTally {
    /// Candidate id.
    pub id: i64,
    /// Full name.
    pub full_name: String,
    /// Households choosing the candidate.
    pub votes: i64,
    /// Elected: more than the pack's share of all households.
    pub elected: bool,
    /// Explanation in Vietnamese.
    pub explanation_vi: String,
    /// Explanation in English.
    pub explanation_en: String,
}

/// The result of a matter (provisional while open).
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct Tally {
    /// The matter.
    pub matter_id: i64,
    /// The day whose household count is the denominator (ISO).
    pub date: String,
    /// All households of the community that day.
    pub households: i64,
    /// Households that took part (checked ballots only).
    pub participants: i64,
    /// Agreeing households (one thôn), approving thôn (commune-wide) or the leading candidate's votes.
    pub agree: i64,
    /// The denominator of the verdict: all households, or all thôn.
    pub total: i64,
    /// Whether the matter passed (or someone was elected).
    pub passed: bool,
    /// The threshold, e.g. "≥ 2/3".
    pub threshold: String,
    /// Its legal basis.
    pub citation: String,
    /// Explanation in Vietnamese, e.g. "Thông qua: 612 trên 900 hộ đồng ý (68,0 %), cần từ 2/3 tổng số hộ trở lên".
    pub explanation_vi: String,
    /// Explanation in English, e.g. "Passed: 612 of 900 households agreed (68.0 %); at least 2/3 of all households needed".
    pub explanation_en: String,
    /// Per thôn.
    pub villages: Vec<VillageTally>,
    /// Per candidate, for an election.
    pub candidates: Vec<CandidateTally>,
    /// Paper ballots entered but not yet checked by a second team member.
    pub unchecked_ballots: i64,
}

#[derive(sqlx::FromRow)]
struct VillageRow {
    id: i64,
    code: String,
    name: String,
    kind: String,
    valid_from: Option<String>,
    valid_to: Option<String>,
    households: i64,
}

#[derive(sqlx::FromRow)]
struct CountRow {
    unit_id: i64,
    choice: Option<String>,
    checked: bool,
    n: i64,
}

/// The ratio a matter is decided by, from the pack it started under.
pub(crate) fn ratio_for<'p>(pack: &'p RulePack, matter: &Matter) -> Result<&'p Ratio> {
    let article = matter.article15()?;
    if matter.is_election() && article == Article15::VillageHead {
        return Ok(&pack.village_head_election.winner);
    }
    if article == Article15::VillageCovenant {
        return Ok(&pack.covenant.adoption);
    }
    if matter.online_allowed {
        return Ok(&pack.decisions.online_vote_pass);
    }
    pack.decisions.threshold(article).ok_or_else(|| {
        crate::error::Error::Internal(anyhow::anyhow!(
            "pack {} has no threshold for matter {}",
            pack.id,
            matter.matter
        ))
    })
}

/// The thôn with their households on `$2` (all households, Điều 21(1)).
const VILLAGES: &str =
    "SELECT u.id, u.code, u.name, u.kind, u.valid_from, u.valid_to, COUNT(h.id) AS households
     FROM units u LEFT JOIN households h ON h.unit_id = u.id
        AND h.formed_on <= $2 AND (h.dissolved_on IS NULL OR h.dissolved_on > $2)
     WHERE {WHERE} GROUP BY u.id, u.code, u.name, u.kind, u.valid_from, u.valid_to ORDER BY u.code";

/// The thôn with the households counted at closing (kept as `_households` running counts).
const VILLAGES_CLOSED: &str =
    "SELECT u.id, u.code, u.name, u.kind, u.valid_from, u.valid_to, COALESCE(c.n, 0) AS households
     FROM units u LEFT JOIN decision_counts c ON c.matter_id = $2 AND c.unit_id = u.id AND c.choice = '_households'
     WHERE {WHERE} ORDER BY u.code";

/// Adds `delta` to the running count of `choice` (or `_participants`, `_unchecked`) of a thôn.
/// Callers touch these rows in the order choice, `_participants`, `_unchecked`, always before
/// the audit entry, so that concurrent votes cannot deadlock.
pub(crate) async fn bump(
    tx: &mut dinh_platform::db::Tx,
    matter_id: i64,
    unit_id: i64,
    choice: &str,
    delta: i64,
) -> Result<()> {
    tx.execute(
        &query(
            "INSERT INTO decision_counts (matter_id, unit_id, choice, n) VALUES ($1, $2, $3, $4)
             ON CONFLICT (matter_id, unit_id, choice) DO UPDATE SET n = decision_counts.n + $4",
        )
        .bind(matter_id)
        .bind(unit_id)
        .bind(choice)
        .bind(delta),
    )
    .await?;
    Ok(())
}

/// Where a count reads its figures from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Source {
    /// The running counts (pages, API).
    Running,
    /// The register and ballots themselves (closing).
    Rows,
}

/// Counts a matter on `date` (its closing day, or today for a provisional count).
pub(crate) async fn count<R: Reader>(
    r: &mut R,
    pack: &RulePack,
    matter: &Matter,
    date: NaiveDate,
    source: Source,
) -> Result<Tally> {
    let scope = matter.scope();
    let filter = match scope {
        Scope::Village => "u.id = $1",
        Scope::Commune => "u.parent_id = $1",
    };
    // A closed matter's households were counted at closing; an open one is counted now.
    let villages: Vec<VillageRow> = if source == Source::Running && !matter.is_open() {
        r.rows(
            &query(VILLAGES_CLOSED.replace("{WHERE}", filter))
                .bind(matter.unit_id)
                .bind(matter.id),
        )
        .await?
    } else {
        r.rows(
            &query(VILLAGES.replace("{WHERE}", filter))
                .bind(matter.unit_id)
                .bind(date),
        )
        .await?
    };
    let iso = date.format("%Y-%m-%d").to_string();
    let villages: Vec<VillageRow> = villages
        .into_iter()
        .filter(|v| {
            UnitKind::from_stored(&v.kind).is_some_and(UnitKind::is_residential_community)
                && v.valid_from.as_deref().is_none_or(|f| f <= iso.as_str())
                && v.valid_to.as_deref().is_none_or(|t| t >= iso.as_str())
        })
        .collect();
    let (counts, register) = match source {
        Source::Running => {
            let rows: Vec<(i64, String, i64)> = r
                .rows(
                    &query("SELECT unit_id, choice, n FROM decision_counts WHERE matter_id = $1")
                        .bind(matter.id),
                )
                .await?;
            let mut counts = Vec::new();
            let mut register = Vec::new();
            for (unit_id, choice, n) in rows {
                match choice.as_str() {
                    "_households" => {}
                    "_participants" => register.push(CountRow {
                        unit_id,
                        choice: None,
                        checked: true,
                        n,
                    }),
                    "_unchecked" => register.push(CountRow {
                        unit_id,
                        choice: None,
                        checked: false,
                        n,
                    }),
                    _ => counts.push(CountRow {
                        unit_id,
                        choice: Some(choice),
                        checked: true,
                        n,
                    }),
                }
            }
            (counts, register)
        }
        Source::Rows => {
            // One pass over the register: per thôn, choice and whether the vote is checked.
            let register: Vec<CountRow> = r
                .rows(
                    &query(
                        "SELECT unit_id, choice, (confirmed_by IS NOT NULL) AS checked, COUNT(*) AS n
                         FROM decision_votes WHERE matter_id = $1 GROUP BY unit_id, choice, (confirmed_by IS NOT NULL)",
                    )
                    .bind(matter.id),
                )
                .await?;
            let counts: Vec<CountRow> = if matter.secret {
                r.rows(
                    &query(
                        "SELECT unit_id, choice, TRUE AS checked, COUNT(*) AS n FROM decision_secret_ballots
                         WHERE matter_id = $1 GROUP BY unit_id, choice",
                    )
                    .bind(matter.id),
                )
                .await?
            } else {
                register
                    .iter()
                    .map(|c| CountRow {
                        unit_id: c.unit_id,
                        choice: c.choice.clone(),
                        checked: c.checked,
                        n: c.n,
                    })
                    .collect()
            };
            (counts, register)
        }
    };
    let candidates: Vec<(i64, String)> = if matter.is_election() {
        r.rows(
            &query(
                "SELECT id, full_name FROM decision_candidates WHERE matter_id = $1 ORDER BY id",
            )
            .bind(matter.id),
        )
        .await?
    } else {
        Vec::new()
    };
    let ratio = ratio_for(pack, matter)?;
    Ok(compute(
        pack,
        matter,
        ratio,
        date,
        &villages,
        &counts,
        &register,
        &candidates,
    ))
}

#[allow(clippy::too_many_arguments)]
fn compute(
    pack: &RulePack,
    matter: &Matter,
    ratio: &Ratio,
    date: NaiveDate,
    villages: &[VillageRow],
    counts: &[CountRow],
    register: &[CountRow],
    candidates: &[(i64, String)],
) -> Tally {
    let mut by_unit: HashMap<i64, HashMap<Choice, i64>> = HashMap::new();
    for c in counts.iter().filter(|c| c.checked) {
        if let Some(choice) = c
            .choice
            .as_deref()
            .and_then(|s| Choice::parse("choice", s).ok())
        {
            *by_unit
                .entry(c.unit_id)
                .or_default()
                .entry(choice)
                .or_default() += c.n;
        }
    }
    let mut participants_by_unit: HashMap<i64, i64> = HashMap::new();
    let mut unchecked = 0;
    for c in register {
        if c.checked {
            *participants_by_unit.entry(c.unit_id).or_default() += c.n;
        } else {
            unchecked += c.n;
        }
    }
    let u = |n: i64| u64::try_from(n).unwrap_or(0);
    let mut out_villages = Vec::new();
    let mut households = 0;
    let mut participants = 0;
    let mut agree_all = 0;
    let mut per_candidate: HashMap<i64, i64> = HashMap::new();
    for v in villages {
        let empty = HashMap::new();
        let c = by_unit.get(&v.id).unwrap_or(&empty);
        let get = |k: Choice| c.get(&k).copied().unwrap_or(0);
        for (choice, n) in c {
            if let Choice::Candidate(id) = choice {
                *per_candidate.entry(*id).or_default() += n;
            }
        }
        let agree = get(Choice::Agree);
        let verdict = ratio.explain(u(agree), u(v.households));
        households += v.households;
        let p = participants_by_unit.get(&v.id).copied().unwrap_or(0);
        participants += p;
        agree_all += agree;
        out_villages.push(VillageTally {
            unit_id: v.id,
            unit_code: v.code.clone(),
            unit_name: v.name.clone(),
            households: v.households,
            participants: p,
            agree,
            disagree: get(Choice::Disagree),
            other: get(Choice::Other),
            invalid: get(Choice::Invalid),
            passed: verdict.passed,
            explanation_vi: verdict.vi,
            explanation_en: verdict.en,
        });
    }
    let mut out_candidates: Vec<CandidateTally> = candidates
        .iter()
        .map(|(id, name)| {
            let votes = per_candidate.get(id).copied().unwrap_or(0);
            let v = ratio.explain(u(votes), u(households));
            CandidateTally {
                id: *id,
                full_name: name.clone(),
                votes,
                elected: v.passed,
                explanation_vi: format!("{name}: {}", v.vi),
                explanation_en: format!("{name}: {}", v.en),
            }
        })
        .collect();
    out_candidates.sort_by(|a, b| b.votes.cmp(&a.votes).then(a.id.cmp(&b.id)));
    let (agree, total, passed, vi, en, threshold, citation) = if matter.is_election() {
        let best = out_candidates.first();
        let passed = best.is_some_and(|c| c.elected);
        let (vi, en) = match best {
            Some(c) if passed => (
                format!("Trúng cử: {}", c.explanation_vi),
                format!("Elected: {}", c.explanation_en),
            ),
            Some(c) => (
                format!("Không ai trúng cử ({}); cần bầu lại", c.explanation_vi),
                format!("Nobody elected ({}); a re-vote is needed", c.explanation_en),
            ),
            None => ("Chưa có ứng cử viên".to_owned(), "No candidates".to_owned()),
        };
        (
            best.map_or(0, |c| c.votes),
            households,
            passed,
            vi,
            en,
            leaf_text(ratio),
            ratio.citation().to_owned(),
        )
    } else if matter.scope() == Scope::Commune {
        let commune_ratio = matter
            .article15()
            .ok()
            .and_then(|a| pack.decisions.threshold_in(a, Scope::Commune))
            .unwrap_or(ratio);
        let approving = out_villages.iter().filter(|v| v.passed).count();
        let n = out_villages.len();
        let v = commune_ratio.explain(approving as u64, n as u64);
        let approving = i64::try_from(approving).unwrap_or(i64::MAX);
        let n = i64::try_from(n).unwrap_or(i64::MAX);
        (
            approving,
            n,
            v.passed,
            v.vi,
            v.en,
            leaf_text(commune_ratio),
            commune_ratio.citation().to_owned(),
        )
    } else {
        let v = ratio.explain(u(agree_all), u(households));
        (
            agree_all,
            households,
            v.passed,
            v.vi,
            v.en,
            leaf_text(ratio),
            ratio.citation().to_owned(),
        )
    };
    Tally {
        matter_id: matter.id,
        date: date.format("%Y-%m-%d").to_string(),
        households,
        participants,
        agree,
        total,
        passed,
        threshold,
        citation,
        explanation_vi: vi,
        explanation_en: en,
        villages: out_villages,
        candidates: out_candidates,
        unchecked_ballots: unchecked,
    }
}

fn leaf_text(r: &Ratio) -> String {
    format!(
        "{} {}/{}",
        if r.inclusive { "≥" } else { ">" },
        r.numerator,
        r.denominator
    )
}
