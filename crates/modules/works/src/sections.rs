//! Community works on a unit's public home page (`/units/{code}`): the works of the unit and
//! the units under it, each with what was collected against what is owed once its accounts are
//! published, and the link to the unit's works page, from which every public page of the module
//! is reached (each work with its progress and accounts).

use dinh_platform::db::{Db, query};
use dinh_platform::module::{SectionItem, SectionLink, UnitSection};
use dinh_platform::units::Unit;
use dinh_platform::web::i18n::Tr;
use dinh_platform::web::urlencode;

/// Where the section stands among the unit's sections (after oversight).
pub const ORDER: u16 = 40;
/// How many works the section lists.
const SHOWN: i64 = 5;

/// The section of `unit`'s home page, when the unit or a unit under it has a work: one query.
pub(crate) async fn unit_sections(
    db: &Db,
    unit: &Unit,
    tr: Tr,
) -> anyhow::Result<Vec<UnitSection>> {
    let rows: Vec<(i64, String, String, Option<String>)> = db
        .fetch_all(
            &query(
                "SELECT w.id, w.name, u.name, w.accounts_published_on FROM works w
                 JOIN units u ON u.id = w.unit_id WHERE u.path LIKE $1
                 ORDER BY w.decided_on DESC, w.id DESC LIMIT $2",
            )
            .bind(format!("{}%", unit.path))
            .bind(SHOWN),
        )
        .await?;
    if rows.is_empty() {
        return Ok(Vec::new());
    }
    let items = rows
        .into_iter()
        .map(|(id, name, unit_name, published)| SectionItem {
            label: name,
            href: format!("/works/{id}"),
            note: Some(format!(
                "{unit_name} · {}",
                if published.is_some() {
                    tr.pick("đã công khai tài chính", "accounts published")
                } else {
                    tr.pick("chưa công khai tài chính", "accounts not yet published")
                }
            )),
        })
        .collect();
    Ok(vec![UnitSection {
        order: ORDER,
        title_key: "works_section_title",
        summary: None,
        items,
        links: vec![SectionLink::new(
            "works_section_all",
            format!("/units/{}/works", urlencode(&unit.code)),
        )],
    }])
}
