//! Oversight on the work home (Việc của tôi): for the authority's officers, each recommendation
//! awaiting their answer, due on its last day; for the board members, each answer the board has
//! not yet reviewed is left to their work area; the work area of each commune.

use dinh_platform::db::{Db, query};
use dinh_platform::web::i18n::Tr;
use dinh_platform::web::urlencode;
use dinh_platform::work::{Work, WorkArea, WorkItem, WorkScope};

use crate::OversightModule;
use crate::permissions::{ANSWER, BOARDS, INSPECT};

/// Most items listed.
const MOST: i64 = 200;
/// Most units whose work area is listed.
const AREAS: i64 = 50;

/// The work of `scope`: one query for the items, over all the units of the scope.
pub(crate) async fn work(
    m: &OversightModule,
    db: &Db,
    scope: &WorkScope,
    tr: Tr,
) -> anyhow::Result<Work> {
    let mut out = Work::default();
    if let Some(cond) = scope.path_condition(&ANSWER, "u.path") {
        let rows: Vec<(i64, String, String, String, String, String)> = db
            .fetch_all(
                &query(format!(
                    "SELECT r.id, r.body, r.due_on, u.name, r.rule_pack_id, b.kind
                     FROM oversight_recommendations r JOIN units u ON u.id = r.unit_id
                     JOIN oversight_boards b ON b.id = r.board_id
                     WHERE r.status <> 'answered' AND {cond}
                     ORDER BY r.due_on, r.id LIMIT $1"
                ))
                .bind(MOST),
            )
            .await?;
        for (id, body, due, unit, pack, kind) in rows {
            let clock = m.rules().get(&pack).ok().map(|p| {
                let rule = if kind == crate::store::kind::INSPECTION {
                    &p.oversight.inspection_board.answer
                } else {
                    &p.oversight.investment_board.answer
                };
                rule.citation().to_owned()
            });
            out.items.push(WorkItem {
                title: format!(
                    "{}: {}",
                    tr.pick("Trả lời kiến nghị", "Answer the recommendation"),
                    body.chars().take(120).collect::<String>()
                ),
                unit,
                due: dinh_platform::time::parse_date(&due),
                clock,
                href: format!("/oversight/recommendations/{id}/work"),
            });
        }
    }
    for unit in scope
        .area_units(db, &[&BOARDS, &INSPECT, &ANSWER], AREAS)
        .await?
    {
        if !unit.unit_kind().is_some_and(|k| k.is_commune_level()) {
            continue;
        }
        out.areas.push(WorkArea {
            title_key: "ov_work_area",
            unit: unit.name.clone(),
            note: None,
            href: format!("/units/{}/oversight/work", urlencode(&unit.code)),
        });
    }
    Ok(out)
}
