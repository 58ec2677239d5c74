//! The movement on a unit's public home page (`/units/{code}`): the campaigns its people take
//! part in (the unit's, those above it and those under it), and the link to the unit's
//! emulation page, from which every public page of the module is reached.

use dinh_platform::db::Db;
use dinh_platform::module::{SectionItem, SectionLink, UnitSection};
use dinh_platform::time::show_date;
use dinh_platform::units::Unit;
use dinh_platform::web::i18n::Tr;
use dinh_platform::web::urlencode;

/// Where the section stands among the unit's sections (after community works).
pub const ORDER: u16 = 45;
/// How many campaigns the section lists.
const SHOWN: i64 = 3;

/// The section of `unit`'s home page, when a campaign concerns it: one query.
pub(crate) async fn unit_sections(
    db: &Db,
    unit: &Unit,
    tr: Tr,
) -> anyhow::Result<Vec<UnitSection>> {
    let campaigns = crate::store::campaigns_for_unit(db, unit, SHOWN).await?;
    if campaigns.is_empty() {
        return Ok(Vec::new());
    }
    let items = campaigns
        .into_iter()
        .map(|c| SectionItem {
            label: c.title,
            href: format!("/emulation/{}", c.id),
            note: Some(format!(
                "{} · {} {} {} {}",
                c.unit_name,
                tr.pick("từ", "from"),
                show_date(&c.period_from),
                tr.pick("đến", "to"),
                show_date(&c.period_to)
            )),
        })
        .collect();
    Ok(vec![UnitSection {
        order: ORDER,
        title_key: "emulation_section_title",
        summary: None,
        items,
        links: vec![SectionLink::new(
            "emulation_section_all",
            format!("/units/{}/emulation", urlencode(&unit.code)),
        )],
    }])
}
