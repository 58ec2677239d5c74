//! The facts beside a model's claim: the figures Đình already holds for the model's unit over
//! the campaign's period (the thôn's disclosure on time, household-vote participation,
//! petitions resolved on time, contributions collected), read through the indicator registry
//! under the keys the rule pack's `[emulation] evidence` lists, so a board evaluates on facts
//! and not only on self-reports.

use chrono::NaiveDate;
use dinh_platform::module::{Period, Registry};
use dinh_platform::web::i18n::Tr;

use crate::EmulationModule;
use crate::store::{Campaign, Model};

/// One figure shown beside the claim.
pub(crate) struct Fact {
    /// The indicator's name.
    pub name: String,
    /// Its value with its unit, or "no data".
    pub value: String,
}

/// The figures of `model`'s unit over the campaign's period up to `today`.
pub(crate) async fn facts(
    m: &EmulationModule,
    registry: &Registry,
    db: &dinh_platform::db::Db,
    campaign: &Campaign,
    model: &Model,
    today: NaiveDate,
    tr: Tr,
) -> anyhow::Result<Vec<Fact>> {
    let Ok(pack) = m.rules().get(&campaign.rule_pack_id) else {
        return Ok(Vec::new());
    };
    let (Some(from), Some(to)) = (
        dinh_platform::time::parse_date(&campaign.period_from),
        dinh_platform::time::parse_date(&campaign.period_to),
    ) else {
        return Ok(Vec::new());
    };
    let period = Period {
        from,
        to: to.min(today).max(from),
    };
    let listed = registry.indicators();
    let mut out = Vec::new();
    for key in &pack.emulation.evidence {
        let Some((_, indicator)) = listed.iter().find(|(_, i)| i.key == key) else {
            continue;
        };
        let value = registry
            .indicator_value(db, key, model.unit_id, period)
            .await?;
        out.push(Fact {
            name: tr.pick(indicator.name_vi, indicator.name_en).to_owned(),
            value: match value {
                Some(v) if indicator.unit == "%" => tr.percent(v),
                Some(v) => format!("{} {}", tr.number(whole(v)), indicator.unit),
                None => tr.pick("chưa có số liệu", "no data").to_owned(),
            },
        });
    }
    Ok(out)
}

/// A count computed as a figure, back to a whole number.
#[allow(clippy::cast_possible_truncation)]
fn whole(v: f64) -> i64 {
    v.round() as i64
}
