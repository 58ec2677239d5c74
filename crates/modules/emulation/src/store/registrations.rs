//! A registration (đăng ký thi đua): a collective or an individual of a unit under the
//! campaign's commits to what it will do, within the registration period. The lower units'
//! boards gather them, so whoever records one may register for any unit of their subtree.

use dinh_platform::audit::{self, Change};
use dinh_platform::db::ids::next_id;
use dinh_platform::db::{Db, query};
use dinh_platform::write::{Actor, WriteError};
use serde_json::json;

use super::{BODY_MAX, TITLE_MAX, collective, date_field, eligible, kind, text_field};
use crate::permissions::REGISTER;

/// What is filled in to register.
#[derive(Debug, Clone, Default)]
pub struct RegistrationInput {
    /// The campaign.
    pub campaign_id: i64,
    /// The registrant's unit (a thôn, the commune, …), by code.
    pub unit_code: String,
    /// [`kind::COLLECTIVE`] or [`kind::INDIVIDUAL`].
    pub kind: String,
    /// For a collective, its kind (a code of [`collective::ALL`]).
    pub collective_kind: String,
    /// The collective's or the person's name.
    pub name: String,
    /// The field code, one of the campaign's.
    pub field: String,
    /// What it commits to do.
    pub commitment: String,
    /// The day it registered (dd/mm/yyyy).
    pub registered_on: String,
}

/// Records a registration; returns its id.
pub async fn register(
    db: &Db,
    actor: Actor<'_>,
    input: &RegistrationInput,
) -> Result<i64, WriteError> {
    let campaign = super::campaign(db, input.campaign_id)
        .await?
        .ok_or(WriteError::NotFound)?;
    let campaign_unit = campaign.unit(db).await?;
    let unit = dinh_platform::units::store::by_code(db, input.unit_code.trim())
        .await?
        .ok_or_else(|| {
            WriteError::invalid(
                "unit_code",
                format!("không có đơn vị mã “{}”", input.unit_code.trim()),
            )
        })?;
    if !unit.path.starts_with(&campaign_unit.path) {
        return Err(WriteError::invalid(
            "unit_code",
            format!(
                "{} không thuộc {}: phong trào chỉ nhận đăng ký của đơn vị trực thuộc",
                unit.name, campaign_unit.name
            ),
        ));
    }
    actor.may(&REGISTER, &unit)?;
    let kind_code = match input.kind.trim() {
        kind::COLLECTIVE => kind::COLLECTIVE,
        kind::INDIVIDUAL => kind::INDIVIDUAL,
        _ => {
            return Err(WriteError::invalid("kind", "chọn tập thể hoặc cá nhân"));
        }
    };
    if !eligible::admits(&campaign.eligible, kind_code) {
        let (vi, _) = eligible::name(&campaign.eligible);
        return Err(WriteError::invalid(
            "kind",
            format!("phong trào này chỉ nhận đăng ký của: {}", vi.to_lowercase()),
        ));
    }
    let collective_kind = if kind_code == kind::COLLECTIVE {
        let c = input.collective_kind.trim();
        if collective::name(c).0.is_empty() {
            return Err(WriteError::invalid(
                "collective_kind",
                "chọn loại tập thể (chi bộ, đoàn thể, thôn, cơ quan, trường học, khác)",
            ));
        }
        c.to_owned()
    } else {
        String::new()
    };
    let name = text_field(
        "name",
        &input.name,
        TITLE_MAX,
        "tên tập thể hoặc họ tên cá nhân",
    )?;
    let field = input.field.trim();
    if !campaign.field_codes().contains(&field) {
        return Err(WriteError::invalid(
            "field",
            "chọn một lĩnh vực của phong trào",
        ));
    }
    let commitment = text_field(
        "commitment",
        &input.commitment,
        BODY_MAX,
        "nội dung đăng ký",
    )?;
    let on = date_field("registered_on", &input.registered_on)?;
    let from = dinh_platform::time::parse_date(&campaign.period_from);
    let until = dinh_platform::time::parse_date(&campaign.register_until);
    if from.is_some_and(|f| on < f) || until.is_some_and(|u| on > u) {
        return Err(WriteError::invalid(
            "registered_on",
            format!(
                "ngày {} ngoài thời gian đăng ký của phong trào (từ {} đến hết {})",
                on.format("%d/%m/%Y"),
                dinh_platform::time::show_date(&campaign.period_from),
                dinh_platform::time::show_date(&campaign.register_until)
            ),
        ));
    }
    let area = area_unit(&campaign_unit.path, &unit.path).unwrap_or(campaign_unit.id);
    let id = next_id();
    let who = actor.audit();
    let mut tx = db.begin().await?;
    tx.execute(
        &query(
            "INSERT INTO emulation_registrations (id, campaign_id, unit_id, area_unit_id, kind,
               collective_kind, name, name_key, field, commitment, registered_on,
               registered_by, registered_by_account, created_at)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)",
        )
        .bind(id)
        .bind(campaign.id)
        .bind(unit.id)
        .bind(area)
        .bind(kind_code)
        .bind(collective_kind.as_str())
        .bind(name.as_str())
        .bind(dinh_platform::text::fold(&name))
        .bind(field)
        .bind(commitment.as_str())
        .bind(on)
        .bind(who.as_str())
        .bind(actor.account_id())
        .bind(dinh_platform::time::now_rfc3339()),
    )
    .await?;
    tx.execute(
        &query(
            "INSERT INTO emulation_tallies (campaign_id, area_unit_id, field, kind, registrations)
             VALUES ($1, $2, $3, $4, 1)
             ON CONFLICT (campaign_id, area_unit_id, field, kind)
             DO UPDATE SET registrations = emulation_tallies.registrations + 1",
        )
        .bind(campaign.id)
        .bind(area)
        .bind(field)
        .bind(kind_code),
    )
    .await?;
    audit::record(
        &mut tx,
        Change {
            actor: &who,
            action: "emulation.register",
            object_type: "emulation_registration",
            object_id: &id.to_string(),
            before: None,
            after: Some(json!({
                "campaign": campaign.id, "unit": unit.code, "kind": kind_code,
                "collective_kind": collective_kind, "name": name, "field": field,
                "registered_on": on.to_string(),
            })),
        },
    )
    .await?;
    tx.commit().await?;
    Ok(id)
}

/// Counts a campaign's registrations again from the registrations themselves (after a bulk
/// load or a restore from an older backup), in one transaction; returns how many were counted.
pub async fn retally(db: &Db, campaign_id: i64) -> Result<i64, WriteError> {
    let mut tx = db.begin().await?;
    tx.execute(&query("DELETE FROM emulation_tallies WHERE campaign_id = $1").bind(campaign_id))
        .await?;
    tx.execute(
        &query(
            "INSERT INTO emulation_tallies (campaign_id, area_unit_id, field, kind, registrations)
             SELECT campaign_id, area_unit_id, field, kind, CAST(COUNT(*) AS BIGINT)
             FROM emulation_registrations WHERE campaign_id = $1
             GROUP BY campaign_id, area_unit_id, field, kind",
        )
        .bind(campaign_id),
    )
    .await?;
    let n: i64 = tx
        .scalar(
            &query(
                "SELECT CAST(COALESCE(SUM(registrations), 0) AS BIGINT) FROM emulation_tallies
                 WHERE campaign_id = $1",
            )
            .bind(campaign_id),
        )
        .await?;
    tx.commit().await?;
    Ok(n)
}

/// The unit directly under the campaign's unit that holds `path`, from the ids of the path
/// (`/1/5/9/`); None when `path` is the campaign's own unit.
pub(crate) fn area_unit(campaign_path: &str, path: &str) -> Option<i64> {
    path.strip_prefix(campaign_path)?
        .split('/')
        .find(|s| !s.is_empty())?
        .parse()
        .ok()
}

#[cfg(test)]
mod tests {
    use super::area_unit;

    #[test]
    fn the_unit_under_the_campaigns() {
        assert_eq!(area_unit("/1/", "/1/5/9/"), Some(5));
        assert_eq!(area_unit("/1/5/", "/1/5/9/"), Some(9));
        assert_eq!(area_unit("/1/5/", "/1/5/"), None);
    }
}
