//! Consultation on a unit's public home page (`/units/{code}`): the drafts open for comments
//! in the unit and the units under it, each linking to its page, and the list of every
//! consultation (`/units/{code}/consultations`), from which every public page of the module is
//! reached: a draft, its parts, the comment form and the synthesis with its DOCX and PDF.

use chrono::NaiveDate;
use dinh_platform::db::{Db, query};
use dinh_platform::module::{SectionItem, SectionLink, UnitSection};
use dinh_platform::time::show_date;
use dinh_platform::units::Unit;
use dinh_platform::web::i18n::Tr;
use dinh_platform::web::urlencode;

/// Where the section stands among the unit's sections (after household decisions).
pub const ORDER: u16 = 35;
/// How many open consultations the section lists.
const SHOWN: i64 = 5;

/// The section of `unit`'s home page seen on `today`, when the unit or a unit under it has
/// held a consultation: two queries.
pub(crate) async fn unit_sections(
    db: &Db,
    unit: &Unit,
    tr: Tr,
    today: NaiveDate,
) -> anyhow::Result<Vec<UnitSection>> {
    let within = format!("{}%", unit.path);
    let any: i64 = db
        .scalar(
            &query(
                "SELECT CAST(COUNT(*) AS BIGINT) FROM consultations c JOIN units u ON u.id = c.unit_id
                 WHERE u.path LIKE $1",
            )
            .bind(within.as_str()),
        )
        .await?;
    if any == 0 {
        return Ok(Vec::new());
    }
    let open: Vec<(i64, String, String, String)> = db
        .fetch_all(
            &query(
                "SELECT c.id, c.title, c.closes_on, u.name FROM consultations c
                 JOIN units u ON u.id = c.unit_id
                 WHERE u.path LIKE $1 AND c.status = 'open' AND c.opens_on <= $2 AND c.closes_on >= $2
                 ORDER BY c.closes_on, c.id LIMIT $3",
            )
            .bind(within.as_str())
            .bind(today)
            .bind(SHOWN),
        )
        .await?;
    let summary = if open.is_empty() {
        tr.pick(
            "Không có dự thảo nào đang lấy ý kiến.",
            "No draft is open for comments.",
        )
        .to_owned()
    } else {
        format!(
            "{} {}",
            tr.number(i64::try_from(open.len()).unwrap_or(0)),
            tr.pick("dự thảo đang lấy ý kiến", "drafts open for comments")
        )
    };
    let items = open
        .into_iter()
        .map(|(id, title, closes, unit_name)| SectionItem {
            label: title,
            href: format!("/consultations/{id}"),
            note: Some(format!(
                "{unit_name} · {} {}",
                tr.pick("đến hết ngày", "until"),
                show_date(&closes)
            )),
        })
        .collect();
    Ok(vec![UnitSection {
        order: ORDER,
        title_key: "cons_section_title",
        summary: Some(summary),
        items,
        links: vec![SectionLink::new(
            "cons_section_all",
            format!("/units/{}/consultations", urlencode(&unit.code)),
        )],
    }])
}
