//! Reading TOML dates (`2026-07-01`) into chrono dates.

use chrono::NaiveDate;
use serde::{Deserialize, Deserializer, de::Error};
use toml::value::Datetime;

fn convert<E: Error>(dt: Datetime) -> Result<NaiveDate, E> {
    match (dt.date, dt.time, dt.offset) {
        (Some(d), None, None) => {
            NaiveDate::from_ymd_opt(i32::from(d.year), u32::from(d.month), u32::from(d.day))
                .ok_or_else(|| E::custom(format!("{dt} is not a valid date")))
        }
        _ => Err(E::custom(format!(
            "{dt} must be a plain date like 2026-07-01 (no time)"
        ))),
    }
}

/// Deserializes a required date.
pub(crate) fn date<'de, D: Deserializer<'de>>(d: D) -> Result<NaiveDate, D::Error> {
    convert(Datetime::deserialize(d)?)
}

/// Deserializes an optional date.
pub(crate) fn opt_date<'de, D: Deserializer<'de>>(d: D) -> Result<Option<NaiveDate>, D::Error> {
    match Option::<Datetime>::deserialize(d)? {
        Some(dt) => convert(dt).map(Some),
        None => Ok(None),
    }
}
