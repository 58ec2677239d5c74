//! Oversight on a unit's public home page (`/units/{code}`): the recommendations awaiting an
//! answer in the unit and the units under it, and the link to the unit's oversight page, from
//! which every public page of the module is reached (boards, projects, activities,
//! recommendations and answers).

use chrono::NaiveDate;
use dinh_platform::db::{Db, query};
use dinh_platform::module::{SectionItem, SectionLink, UnitSection};
use dinh_platform::time::show_date;
use dinh_platform::units::Unit;
use dinh_platform::web::i18n::Tr;
use dinh_platform::web::urlencode;

/// Where the section stands among the unit's sections (after consultation).
pub const ORDER: u16 = 38;
/// How many recommendations the section lists.
const SHOWN: i64 = 5;

/// The section of `unit`'s home page seen on `today`, when the unit or a unit under it has a
/// board: two queries.
pub(crate) async fn unit_sections(
    db: &Db,
    unit: &Unit,
    tr: Tr,
    today: NaiveDate,
) -> anyhow::Result<Vec<UnitSection>> {
    let within = format!("{}%", unit.path);
    let boards: i64 = db
        .scalar(
            &query(
                "SELECT CAST(COUNT(*) AS BIGINT) FROM oversight_boards b JOIN units u ON u.id = b.unit_id
                 WHERE u.path LIKE $1",
            )
            .bind(within.as_str()),
        )
        .await?;
    if boards == 0 {
        return Ok(Vec::new());
    }
    let waiting: Vec<(i64, String, String, String)> = db
        .fetch_all(
            &query(
                "SELECT r.id, r.body, r.due_on, r.authority FROM oversight_recommendations r
                 JOIN units u ON u.id = r.unit_id
                 WHERE u.path LIKE $1 AND r.status <> 'answered'
                 ORDER BY r.due_on, r.id LIMIT $2",
            )
            .bind(within.as_str())
            .bind(SHOWN),
        )
        .await?;
    let summary = format!(
        "{} {}",
        tr.number(boards),
        tr.pick(
            "Ban kiểm tra, giám sát của Nhân dân",
            "people's oversight boards"
        )
    );
    let items = waiting
        .into_iter()
        .map(|(id, body, due, authority)| {
            let late = due.as_str() < today.to_string().as_str();
            SectionItem {
                label: body.chars().take(120).collect(),
                href: format!("/oversight/recommendations/{id}"),
                note: Some(format!(
                    "{authority} · {} {}{}",
                    tr.pick("hạn trả lời", "answer by"),
                    show_date(&due),
                    if late {
                        tr.pick(" · quá hạn", " · overdue")
                    } else {
                        ""
                    }
                )),
            }
        })
        .collect();
    Ok(vec![UnitSection {
        order: ORDER,
        title_key: "ov_section_title",
        summary: Some(summary),
        items,
        links: vec![SectionLink::new(
            "ov_section_all",
            format!("/units/{}/oversight", urlencode(&unit.code)),
        )],
    }])
}
