//! The movement on the work home (Việc của tôi): for the boards, each model awaiting its
//! evaluation; for the campaign's board, each proposal awaiting the council's vote and each
//! campaign with passed proposals awaiting the award decision; and the emulation area of each
//! unit the person may register, evaluate or run at.

use dinh_platform::db::{Db, query};
use dinh_platform::web::i18n::Tr;
use dinh_platform::web::urlencode;
use dinh_platform::work::{Work, WorkArea, WorkItem, WorkScope};

use crate::permissions::{EVALUATE, REGISTER, RUN};
use crate::store::{outcome, status};

/// Most items listed of each kind.
const MOST: i64 = 100;
/// Most units whose work area is listed.
const AREAS: i64 = 50;

/// The work of `scope`: one query for each kind of item, over all the units of the scope.
pub(crate) async fn work(db: &Db, scope: &WorkScope, tr: Tr) -> anyhow::Result<Work> {
    let mut out = Work::default();
    if let Some(cond) = scope.path_condition(&EVALUATE, "u.path") {
        let rows: Vec<(i64, String, String)> = db
            .fetch_all(
                &query(format!(
                    "SELECT m.id, m.title, u.name FROM emulation_models m
                     JOIN units u ON u.id = m.unit_id
                     WHERE {cond} AND m.status = $1 ORDER BY m.id LIMIT $2"
                ))
                .bind(status::PROPOSED)
                .bind(MOST),
            )
            .await?;
        for (id, title, unit) in rows {
            out.items.push(WorkItem {
                title: format!(
                    "{}: {title}",
                    tr.pick("Khảo sát, đánh giá mô hình", "Evaluate the model")
                ),
                unit,
                due: None,
                clock: None,
                href: format!("/emulation/models/{id}/work"),
            });
        }
    }
    if let Some(cond) = scope.path_condition(&RUN, "u.path") {
        let rows: Vec<(i64, String, String, String, i64)> = db
            .fetch_all(
                &query(format!(
                    "SELECT c.id, c.title, u.name, p.outcome, CAST(COUNT(*) AS BIGINT)
                     FROM emulation_proposals p JOIN emulation_campaigns c ON c.id = p.campaign_id
                     JOIN units u ON u.id = c.unit_id
                     WHERE {cond} AND p.decision_id IS NULL AND p.outcome IN ($1, $2)
                     GROUP BY c.id, c.title, u.name, p.outcome ORDER BY c.id LIMIT $3"
                ))
                .bind(outcome::PENDING)
                .bind(outcome::PASSED)
                .bind(MOST),
            )
            .await?;
        for (id, title, unit, state, n) in rows {
            let what = if state == outcome::PENDING {
                tr.pick(
                    "Hội đồng xét đề nghị khen thưởng",
                    "Council to vote on proposals",
                )
            } else {
                tr.pick(
                    "Ban hành quyết định khen thưởng",
                    "Issue the award decision",
                )
            };
            out.items.push(WorkItem {
                title: format!(
                    "{what}: {title} ({} {})",
                    tr.number(n),
                    tr.pick("đề nghị", "proposals")
                ),
                unit,
                due: None,
                clock: None,
                href: format!("/emulation/{id}/work#khen-thuong"),
            });
        }
    }
    for unit in scope
        .area_units(db, &[&RUN, &EVALUATE, &REGISTER], AREAS)
        .await?
    {
        out.areas.push(WorkArea {
            title_key: "emulation_work_area",
            unit: unit.name.clone(),
            note: None,
            href: format!("/units/{}/emulation/work", urlencode(&unit.code)),
        });
    }
    Ok(out)
}
