//! The indicators for many units at once (a province review asks for every commune): one
//! query per source, grouped by the unit a row belongs to, then added up towards each unit
//! asked about. Whole months of receipts and resolutions are read from the monthly summary
//! (`petition_unit_months`), other periods from the cases. The answers equal
//! [`super::value`] for each unit; missing stays `None`, never 0.

use std::collections::HashMap;

use chrono::{Datelike, NaiveDate};
use dinh_platform::db::{Db, query};
use dinh_platform::module::{Period, id_list, subtree_roots};

use crate::PetitionsModule;
use crate::store::summary::month;

/// What the indicators are computed from, for one unit (or added up for a subtree).
#[derive(Debug, Clone, Copy, Default)]
struct Counts {
    received: i64,
    complaints: i64,
    denunciations: i64,
    recommendations_reports: i64,
    resolved: i64,
    resolved_on_time: i64,
    received_to_date: i64,
    overdue: i64,
    compliance_met: i64,
    compliance_all: i64,
    dialogues_planned: i64,
    dialogues_held: i64,
    commitments: i64,
    commitments_kept: i64,
    mediations: i64,
    mediations_settled: i64,
}

impl Counts {
    fn add(&mut self, o: &Counts) {
        self.received += o.received;
        self.complaints += o.complaints;
        self.denunciations += o.denunciations;
        self.recommendations_reports += o.recommendations_reports;
        self.resolved += o.resolved;
        self.resolved_on_time += o.resolved_on_time;
        self.received_to_date += o.received_to_date;
        self.overdue += o.overdue;
        self.compliance_met += o.compliance_met;
        self.compliance_all += o.compliance_all;
        self.dialogues_planned += o.dialogues_planned;
        self.dialogues_held += o.dialogues_held;
        self.commitments += o.commitments;
        self.commitments_kept += o.commitments_kept;
        self.mediations += o.mediations;
        self.mediations_settled += o.mediations_settled;
    }

    /// The indicator's value, with the same rules for "missing" as [`super::value`].
    fn value(&self, key: &str) -> Option<f64> {
        let rate = |num: i64, den: i64| (den > 0).then(|| 100.0 * num as f64 / den as f64);
        let by_kind = |v: i64| (self.received > 0).then_some(v as f64);
        let part = |v: i64, den: i64| (den > 0).then_some(v as f64);
        match key {
            "petitions.received" => (self.received > 0).then_some(self.received as f64),
            "petitions.complaints" => by_kind(self.complaints),
            "petitions.denunciations" => by_kind(self.denunciations),
            "petitions.recommendations_reports" => by_kind(self.recommendations_reports),
            "petitions.resolved_on_time_rate" => rate(self.resolved_on_time, self.resolved),
            "petitions.overdue" => (self.received_to_date > 0).then_some(self.overdue as f64),
            "petitions.reception_compliance_rate" => rate(self.compliance_met, self.compliance_all),
            "petitions.dialogues_held" => (self.dialogues_planned + self.dialogues_held > 0)
                .then_some(self.dialogues_held as f64),
            "petitions.commitments_kept_rate" => rate(self.commitments_kept, self.commitments),
            "petitions.mediation_settled_rate" => rate(self.mediations_settled, self.mediations),
            // The counts of the rates: known where the rate is (it divides by more than zero).
            "petitions.resolved_on_time" => part(self.resolved_on_time, self.resolved),
            "petitions.resolved" => part(self.resolved, self.resolved),
            "petitions.reception_months_met" => part(self.compliance_met, self.compliance_all),
            "petitions.reception_months" => part(self.compliance_all, self.compliance_all),
            "petitions.commitments_kept" => part(self.commitments_kept, self.commitments),
            "petitions.commitments_due" => part(self.commitments, self.commitments),
            "petitions.mediations_settled" => part(self.mediations_settled, self.mediations),
            "petitions.mediations_closed" => part(self.mediations, self.mediations),
            _ => None,
        }
    }
}

/// `roots(id)`: every unit of the subtrees, written out (see [`subtree_roots`]): with a
/// recursive query here PostgreSQL cannot tell how many units there are and scans whole tables.
fn roots_cte(towards: &HashMap<i64, Vec<i64>>) -> String {
    format!(
        "WITH roots(id) AS (SELECT id FROM units WHERE id IN ({}))",
        id_list(towards.keys().copied())
    )
}

/// Whether the period is whole calendar months.
fn whole_months(p: Period) -> bool {
    p.from.day() == 1 && p.to.succ_opt().is_some_and(|d| d.day() == 1)
}

type Rows = Vec<(i64, i64, i64)>;

/// Computes indicator `key` for the subtree of each of `unit_ids` over `p`, in their order.
pub async fn values(
    m: &PetitionsModule,
    db: &Db,
    key: &str,
    unit_ids: &[i64],
    p: Period,
) -> anyhow::Result<Vec<Option<f64>>> {
    // A count behind a rate is read from the rate's source.
    let source = super::rate_of(key).unwrap_or(key);
    if unit_ids.is_empty() || !super::ALL.iter().any(|i| i.key == source) {
        return Ok(vec![None; unit_ids.len()]);
    }
    let towards = subtree_roots(db, unit_ids).await?;
    if towards.is_empty() {
        return Ok(vec![None; unit_ids.len()]);
    }
    let roots = roots_cte(&towards);
    let per_unit = counts(m, db, source, &roots, &towards, p).await?;
    let mut per_root: HashMap<i64, Counts> = HashMap::new();
    for (unit_id, c) in &per_unit {
        for root in towards.get(unit_id).into_iter().flatten() {
            per_root.entry(*root).or_default().add(c);
        }
    }
    Ok(unit_ids
        .iter()
        .map(|id| per_root.get(id).and_then(|c| c.value(key)))
        .collect())
}

/// The counts `key` needs, per unit of the subtrees.
async fn counts(
    m: &PetitionsModule,
    db: &Db,
    key: &str,
    roots: &str,
    towards: &HashMap<i64, Vec<i64>>,
    p: Period,
) -> anyhow::Result<HashMap<i64, Counts>> {
    let mut out: HashMap<i64, Counts> = HashMap::new();
    match key {
        "petitions.received"
        | "petitions.complaints"
        | "petitions.denunciations"
        | "petitions.recommendations_reports" => {
            for (unit_id, r, c, d, rr) in received(db, roots, p).await? {
                let e = out.entry(unit_id).or_default();
                e.received = r;
                e.complaints = c;
                e.denunciations = d;
                e.recommendations_reports = rr;
            }
        }
        "petitions.resolved_on_time_rate" => {
            for (unit_id, all, on_time) in resolved(db, roots, p).await? {
                let e = out.entry(unit_id).or_default();
                e.resolved = all;
                e.resolved_on_time = on_time;
            }
        }
        "petitions.overdue" => {
            let to_date = received_to_date(db, roots, p.to).await?;
            // A clock belongs to a case, so only the units that received one can have any.
            let with_cases = id_list(to_date.iter().filter(|r| r.1 > 0).map(|r| r.0));
            for (unit_id, n) in to_date {
                out.entry(unit_id).or_default().received_to_date = n;
            }
            if p.from <= p.to && !with_cases.is_empty() {
                let rows: Vec<(i64, i64)> = db
                    .fetch_all(
                        &query(format!(
                            "SELECT k.unit_id, CAST(COUNT(*) AS BIGINT)
                         FROM petition_clocks k
                         WHERE k.unit_id IN ({with_cases})
                           AND k.started_on <= $1 AND k.due_on < $1
                           AND (k.done_on IS NULL OR k.done_on > $1)
                         GROUP BY k.unit_id"
                        ))
                        .bind(p.to),
                    )
                    .await?;
                for (unit_id, n) in rows {
                    out.entry(unit_id).or_default().overdue = n;
                }
            }
        }
        "petitions.reception_compliance_rate" => {
            let units: Vec<(i64,)> = db
                .fetch_all(&query(format!(
                    "{roots} SELECT DISTINCT h.unit_id FROM petition_heads h WHERE h.unit_id IN (SELECT id FROM roots)"
                )))
                .await?;
            for (id,) in units {
                if !towards.contains_key(&id) {
                    continue;
                }
                let Some(unit) = dinh_platform::units::store::by_id(db, id).await? else {
                    continue;
                };
                let e = out.entry(id).or_default();
                let mut first = p.from.with_day(1).unwrap_or(p.from);
                while first <= p.to {
                    for c in crate::store::reception::compliance(m, db, &unit, first).await? {
                        e.compliance_all += 1;
                        e.compliance_met += i64::from(c.compliant);
                    }
                    first = first
                        .checked_add_months(chrono::Months::new(1))
                        .unwrap_or(NaiveDate::MAX);
                }
            }
        }
        "petitions.dialogues_held" => {
            let rows: Rows = db
                .fetch_all(&query(format!(
                    "{roots} SELECT d.unit_id,
                        CAST(SUM(CASE WHEN d.planned_on >= $1 AND d.planned_on <= $2 THEN 1 ELSE 0 END) AS BIGINT),
                        CAST(SUM(CASE WHEN d.held_on >= $1 AND d.held_on <= $2 THEN 1 ELSE 0 END) AS BIGINT)
                     FROM petition_dialogues d WHERE d.unit_id IN (SELECT id FROM roots)
                     GROUP BY d.unit_id"
                ))
                .bind(p.from)
                .bind(p.to))
                .await?;
            for (unit_id, planned, held) in rows {
                let e = out.entry(unit_id).or_default();
                e.dialogues_planned = planned;
                e.dialogues_held = held;
            }
        }
        "petitions.commitments_kept_rate" => {
            let rows: Rows = db
                .fetch_all(&query(format!(
                    "{roots} SELECT d.unit_id, CAST(COUNT(*) AS BIGINT),
                        CAST(SUM(CASE WHEN k.done_on IS NOT NULL AND k.done_on <= k.due_on THEN 1 ELSE 0 END) AS BIGINT)
                     FROM petition_commitments k JOIN petition_dialogues d ON d.id = k.dialogue_id
                     WHERE d.unit_id IN (SELECT id FROM roots) AND k.due_on >= $1 AND k.due_on <= $2
                     GROUP BY d.unit_id"
                ))
                .bind(p.from)
                .bind(p.to))
                .await?;
            for (unit_id, all, kept) in rows {
                let e = out.entry(unit_id).or_default();
                e.commitments = all;
                e.commitments_kept = kept;
            }
        }
        "petitions.mediation_settled_rate" => {
            let rows: Rows = db
                .fetch_all(&query(format!(
                    "{roots} SELECT x.unit_id, CAST(COUNT(*) AS BIGINT),
                        CAST(SUM(CASE WHEN x.outcome = 'settled' THEN 1 ELSE 0 END) AS BIGINT)
                     FROM petition_mediations x
                     WHERE x.unit_id IN (SELECT id FROM roots) AND x.closed_on >= $1 AND x.closed_on <= $2
                     GROUP BY x.unit_id"
                ))
                .bind(p.from)
                .bind(p.to))
                .await?;
            for (unit_id, all, settled) in rows {
                let e = out.entry(unit_id).or_default();
                e.mediations = all;
                e.mediations_settled = settled;
            }
        }
        _ => {}
    }
    Ok(out)
}

/// Received in the period, by kind, per unit: whole months from the summary.
async fn received(
    db: &Db,
    roots: &str,
    p: Period,
) -> anyhow::Result<Vec<(i64, i64, i64, i64, i64)>> {
    if whole_months(p) {
        return Ok(db
            .fetch_all(
                &query(format!(
                    "{roots} SELECT m.unit_id, CAST(SUM(m.received) AS BIGINT), CAST(SUM(m.complaints) AS BIGINT),
                        CAST(SUM(m.denunciations) AS BIGINT), CAST(SUM(m.recommendations_reports) AS BIGINT)
                     FROM petition_unit_months m
                     WHERE m.unit_id IN (SELECT id FROM roots) AND m.month >= $1 AND m.month <= $2
                     GROUP BY m.unit_id"
                ))
                .bind(month(&p.from.to_string()))
                .bind(month(&p.to.to_string())),
            )
            .await?);
    }
    Ok(db
        .fetch_all(
            &query(format!(
                "{roots} SELECT c.unit_id, CAST(COUNT(*) AS BIGINT),
                    CAST(SUM(CASE WHEN c.kind = 'complaint' THEN 1 ELSE 0 END) AS BIGINT),
                    CAST(SUM(CASE WHEN c.kind = 'denunciation' THEN 1 ELSE 0 END) AS BIGINT),
                    CAST(SUM(CASE WHEN c.kind IN ('recommendation', 'report') THEN 1 ELSE 0 END) AS BIGINT)
                 FROM petition_cases c
                 WHERE c.unit_id IN (SELECT id FROM roots) AND c.received_on >= $1 AND c.received_on <= $2
                 GROUP BY c.unit_id"
            ))
            .bind(p.from)
            .bind(p.to),
        )
        .await?)
}

/// Resolutions given in the period and those on time, per unit: whole months from the summary.
async fn resolved(db: &Db, roots: &str, p: Period) -> anyhow::Result<Rows> {
    if whole_months(p) {
        return Ok(db
            .fetch_all(
                &query(format!(
                    "{roots} SELECT m.unit_id, CAST(SUM(m.resolved) AS BIGINT), CAST(SUM(m.resolved_on_time) AS BIGINT)
                     FROM petition_unit_months m
                     WHERE m.unit_id IN (SELECT id FROM roots) AND m.month >= $1 AND m.month <= $2
                     GROUP BY m.unit_id"
                ))
                .bind(month(&p.from.to_string()))
                .bind(month(&p.to.to_string())),
            )
            .await?);
    }
    Ok(db
        .fetch_all(
            &query(format!(
                "{roots} SELECT c.unit_id, CAST(COUNT(*) AS BIGINT),
                    CAST(SUM(CASE WHEN k.done_on <= k.due_on THEN 1 ELSE 0 END) AS BIGINT)
                 FROM petition_clocks k JOIN petition_cases c ON c.id = k.case_id
                 WHERE c.unit_id IN (SELECT id FROM roots)
                   AND k.clock IN ('complaint.resolve', 'denunciation.resolve', 'answer')
                   AND k.done_on >= $1 AND k.done_on <= $2
                 GROUP BY c.unit_id"
            ))
            .bind(p.from)
            .bind(p.to),
        )
        .await?)
}

/// Cases received up to `to` (inclusive), per unit: the months before `to`'s from the
/// summary, `to`'s own month from the cases — of the units the summary shows receiving any
/// through that month. (With every thôn of a province named, PostgreSQL expects most of the
/// cases and scans them all.)
async fn received_to_date(db: &Db, roots: &str, to: NaiveDate) -> anyhow::Result<Vec<(i64, i64)>> {
    let first = to.with_day(1).unwrap_or(to);
    let before: Vec<(i64, i64)> = db
        .fetch_all(
            &query(format!(
                "{roots} SELECT m.unit_id,
                    CAST(SUM(CASE WHEN m.month < $1 THEN m.received ELSE 0 END) AS BIGINT)
                 FROM petition_unit_months m
                 WHERE m.unit_id IN (SELECT id FROM roots) AND m.month <= $1 AND m.received > 0
                 GROUP BY m.unit_id"
            ))
            .bind(month(&to.to_string())),
        )
        .await?;
    if before.is_empty() {
        return Ok(before);
    }
    let receiving = id_list(before.iter().map(|r| r.0));
    let mut rows: HashMap<i64, i64> = before.into_iter().collect();
    let this_month: Vec<(i64, i64)> = db
        .fetch_all(
            &query(format!(
                "SELECT c.unit_id, CAST(COUNT(*) AS BIGINT) FROM petition_cases c
                 WHERE c.unit_id IN ({receiving}) AND c.received_on >= $1 AND c.received_on <= $2
                 GROUP BY c.unit_id"
            ))
            .bind(first)
            .bind(to),
        )
        .await?;
    for (unit_id, n) in this_month {
        *rows.entry(unit_id).or_default() += n;
    }
    Ok(rows.into_iter().collect())
}
