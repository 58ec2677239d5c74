//! Indicator figures for many parts at once (tổng hợp số liệu): one batch call per indicator
//! and period for every unit asked about, then each figure combined over its parts — counts
//! add up; a rate is 100 × Σ numerator ÷ Σ denominator when its module names them, else the
//! mean of the parts' rates, marked approximate. A part without data is left out; no data at
//! all is None, never 0.

use std::collections::{BTreeMap, HashMap};
use std::sync::Arc;

use chrono::NaiveDate;
use dinh_platform::db::Db;
use dinh_platform::module::{Indicator, Module, Period, sharing_subtrees};
use futures_util::{StreamExt, TryStreamExt, stream};

use super::parts::Part;
use crate::StoreError;

/// How many batch calls run at once (the pool has 8 connections on SQLite).
const CONCURRENCY: usize = 8;

/// One indicator of the report and how it combines.
#[derive(Clone)]
pub(super) struct Plan {
    /// The module publishing it.
    pub module: Arc<dyn Module>,
    /// The indicator.
    pub indicator: Indicator,
    /// The counts a rate divides, when the module names them.
    pub ratio: Option<(&'static str, &'static str)>,
}

impl Plan {
    /// Every indicator of every module in the registry.
    pub fn all(registry: &dinh_platform::module::Registry) -> Vec<Plan> {
        registry
            .indicators()
            .into_iter()
            .map(|(module, indicator)| Plan {
                ratio: (indicator.unit == "%")
                    .then(|| module.indicator_ratio(indicator.key))
                    .flatten(),
                module,
                indicator,
            })
            .collect()
    }

    /// The keys to ask the module for.
    fn keys(&self) -> Vec<&'static str> {
        match self.ratio {
            Some((numerator, denominator)) => vec![numerator, denominator],
            None => vec![self.indicator.key],
        }
    }
}

type Slot = (&'static str, i64, NaiveDate, NaiveDate);

/// The values fetched, by key, unit and days.
#[derive(Default)]
pub(super) struct Values(HashMap<Slot, Option<f64>>);

impl Values {
    fn get(&self, key: &'static str, p: &Part) -> Option<f64> {
        self.0
            .get(&(key, p.unit_id, p.from, p.to))
            .copied()
            .flatten()
    }
}

/// One batch call: a key of a module for several units over the same days.
struct Call {
    module: Arc<dyn Module>,
    key: &'static str,
    period: Period,
    ids: Arc<[i64]>,
}

async fn ask(db: &Db, call: Call) -> Result<(Call, Vec<Option<f64>>), StoreError> {
    let values = call
        .module
        .indicator_values(db, call.key, &call.ids, call.period)
        .await?;
    Ok((call, values))
}

/// Fetches every key of every plan for every part: the parts are grouped by their days, and
/// each module is asked once per key and group for all the group's units.
pub(super) async fn fetch(db: &Db, plans: &[Plan], parts: &[Part]) -> Result<Values, StoreError> {
    let mut groups: BTreeMap<(NaiveDate, NaiveDate), Vec<i64>> = BTreeMap::new();
    for p in parts {
        let ids = groups.entry((p.from, p.to)).or_default();
        if !ids.contains(&p.unit_id) {
            ids.push(p.unit_id);
        }
    }
    let groups: Vec<(Period, Arc<[i64]>)> = groups
        .into_iter()
        .map(|((from, to), ids)| (Period { from, to }, Arc::from(ids)))
        .collect();
    let mut calls: Vec<Call> = Vec::new();
    let mut asked = std::collections::HashSet::new();
    for plan in plans {
        for key in plan.keys() {
            for (period, ids) in &groups {
                // A count that several rates divide by is asked for once.
                if !asked.insert((key, period.from, period.to)) {
                    continue;
                }
                calls.push(Call {
                    module: Arc::clone(&plan.module),
                    key,
                    period: *period,
                    ids: Arc::clone(ids),
                });
            }
        }
    }
    // The calls share one reading of the units under each group's units.
    let answers: Vec<(Call, Vec<Option<f64>>)> = sharing_subtrees(
        stream::iter(calls)
            .map(|call| ask(db, call))
            .buffer_unordered(CONCURRENCY)
            .try_collect(),
    )
    .await?;
    let mut out = Values::default();
    for (call, values) in answers {
        for (i, id) in call.ids.iter().enumerate() {
            out.0.insert(
                (call.key, *id, call.period.from, call.period.to),
                values.get(i).copied().flatten(),
            );
        }
    }
    Ok(out)
}

/// One figure over `parts`; true when it is a mean of rates (approximate).
pub(super) fn combine(values: &Values, plan: &Plan, parts: &[Part]) -> (Option<f64>, bool) {
    if let Some((numerator, denominator)) = plan.ratio {
        let (mut n, mut d) = (0.0, 0.0);
        for p in parts {
            if let Some(den) = values.get(denominator, p) {
                d += den;
                n += values.get(numerator, p).unwrap_or(0.0);
            }
        }
        return ((d > 0.0).then(|| n * 100.0 / d), false);
    }
    let found: Vec<f64> = parts
        .iter()
        .filter_map(|p| values.get(plan.indicator.key, p))
        .collect();
    if found.is_empty() {
        return (None, false);
    }
    let sum: f64 = found.iter().sum();
    if plan.indicator.unit == "%" {
        let n = f64::from(u32::try_from(found.len()).unwrap_or(1));
        (Some(sum / n), found.len() > 1)
    } else {
        (Some(sum), false)
    }
}
