//! Figures for the steering reports over a unit's subtree and a period: collectives and
//! individuals registered, models evaluated and recognised, awards granted. For many units at
//! once (a province's communes) each figure is one grouped read by the registrant's unit, added
//! up per subtree in memory, never one query per unit.

use std::collections::HashMap;

use dinh_platform::db::{Db, query};
use dinh_platform::module::{Indicator, Period};

use crate::store::{kind, status};

/// Collectives registered in the period.
pub const COLLECTIVES: &str = "emulation.collectives_registered";
/// Individuals registered in the period.
pub const INDIVIDUALS: &str = "emulation.individuals_registered";
/// Models evaluated in the period.
pub const EVALUATED: &str = "emulation.models_evaluated";
/// Models recognised in the period.
pub const RECOGNISED: &str = "emulation.models_recognised";
/// Awards granted by decisions signed in the period.
pub const AWARDS: &str = "emulation.awards";

/// The indicators listed for the reports.
pub const ALL: &[Indicator] = &[
    Indicator {
        key: COLLECTIVES,
        name_vi: "Số tập thể đăng ký thi đua “Dân vận khéo”",
        name_en: "Collectives registered for “Dân vận khéo”",
        unit: "tập thể",
    },
    Indicator {
        key: INDIVIDUALS,
        name_vi: "Số cá nhân đăng ký thi đua “Dân vận khéo”",
        name_en: "Individuals registered for “Dân vận khéo”",
        unit: "cá nhân",
    },
    Indicator {
        key: EVALUATED,
        name_vi: "Số mô hình dân vận khéo được khảo sát, đánh giá",
        name_en: "Models surveyed and evaluated",
        unit: "mô hình",
    },
    Indicator {
        key: RECOGNISED,
        name_vi: "Số mô hình dân vận khéo được công nhận",
        name_en: "Models recognised",
        unit: "mô hình",
    },
    Indicator {
        key: AWARDS,
        name_vi: "Số tập thể, cá nhân được khen thưởng",
        name_en: "Collectives and individuals awarded",
        unit: "lượt",
    },
];

/// The grouped read of a figure: the registrant unit's path and a count, over paths under
/// `$1`, in the period `$2`..`$3`.
fn grouped(key: &str) -> Option<String> {
    let (from, cond) = match key {
        COLLECTIVES | INDIVIDUALS => (
            "emulation_registrations x JOIN units u ON u.id = x.unit_id",
            format!(
                "x.registered_on >= $2 AND x.registered_on <= $3 AND x.kind = '{}'",
                if key == COLLECTIVES {
                    kind::COLLECTIVE
                } else {
                    kind::INDIVIDUAL
                }
            ),
        ),
        EVALUATED => (
            "emulation_models x JOIN units u ON u.id = x.unit_id",
            "EXISTS (SELECT 1 FROM emulation_evaluations e WHERE e.model_id = x.id
               AND e.evaluated_on >= $2 AND e.evaluated_on <= $3)"
                .to_owned(),
        ),
        RECOGNISED => (
            "emulation_models x JOIN units u ON u.id = x.unit_id",
            format!(
                "x.status = '{}' AND x.status_on >= $2 AND x.status_on <= $3",
                status::RECOGNISED
            ),
        ),
        AWARDS => (
            "emulation_proposals x JOIN emulation_decisions d ON d.id = x.decision_id
             JOIN emulation_models m ON m.id = x.model_id JOIN units u ON u.id = m.unit_id",
            "d.signed_on >= $2 AND d.signed_on <= $3".to_owned(),
        ),
        _ => return None,
    };
    Some(format!(
        "SELECT u.path, CAST(COUNT(*) AS BIGINT) FROM {from}
         WHERE u.path LIKE $1 AND {cond} GROUP BY u.path"
    ))
}

/// A count as a figure (counts stay far below 2^52).
#[allow(clippy::cast_precision_loss)]
fn float(n: i64) -> f64 {
    n as f64
}

/// The longest common prefix of unit paths, cut at a `/`.
fn common_prefix<'a>(paths: impl Iterator<Item = &'a str>) -> String {
    let mut prefix: Option<&str> = None;
    for p in paths {
        prefix = Some(match prefix {
            None => p,
            Some(q) => {
                let n = q.bytes().zip(p.bytes()).take_while(|(a, b)| a == b).count();
                &q[..n]
            }
        });
    }
    let prefix = prefix.unwrap_or("/");
    match prefix.rfind('/') {
        Some(i) => prefix[..=i].to_owned(),
        None => "/".to_owned(),
    }
}

/// The figure for each of `unit_ids`' subtrees, in their order; None where there is nothing.
pub(crate) async fn values(
    db: &Db,
    key: &str,
    unit_ids: &[i64],
    p: Period,
) -> anyhow::Result<Vec<Option<f64>>> {
    let Some(sql) = grouped(key) else {
        return Ok(vec![None; unit_ids.len()]);
    };
    let units = dinh_platform::units::store::by_ids(db, unit_ids).await?;
    let prefix = common_prefix(units.values().map(|u| u.path.as_str()));
    let rows: Vec<(String, i64)> = db
        .fetch_all(
            &query(sql)
                .bind(format!("{prefix}%"))
                .bind(p.from)
                .bind(p.to),
        )
        .await?;
    let mut by_path: HashMap<&str, i64> = HashMap::new();
    for (path, n) in &rows {
        *by_path.entry(path.as_str()).or_default() += n;
    }
    Ok(unit_ids
        .iter()
        .map(|id| {
            let unit = units.get(id)?;
            let n: i64 = by_path
                .iter()
                .filter(|(path, _)| path.starts_with(unit.path.as_str()))
                .map(|(_, n)| n)
                .sum();
            (n > 0).then_some(float(n))
        })
        .collect())
}

/// One figure for one unit's subtree.
pub(crate) async fn value(
    db: &Db,
    key: &str,
    unit_id: i64,
    p: Period,
) -> anyhow::Result<Option<f64>> {
    Ok(values(db, key, &[unit_id], p)
        .await?
        .into_iter()
        .next()
        .flatten())
}

#[cfg(test)]
mod tests {
    use super::common_prefix;

    #[test]
    fn prefix_of_paths() {
        assert_eq!(common_prefix(["/1/5/9/", "/1/5/12/"].into_iter()), "/1/5/");
        assert_eq!(common_prefix(["/1/5/"].into_iter()), "/1/5/");
        assert_eq!(common_prefix(["/1/15/", "/1/12/"].into_iter()), "/1/");
        assert_eq!(common_prefix(std::iter::empty()), "/");
    }
}
