//! Community works on the work home (Việc của tôi): for the collectors, each work with
//! households that still owe; for the managers, each work whose accounts are not yet published;
//! and the works area of each unit.

use dinh_platform::db::{Db, query};
use dinh_platform::web::i18n::Tr;
use dinh_platform::web::urlencode;
use dinh_platform::work::{Work, WorkArea, WorkItem, WorkScope};

use crate::permissions::{COLLECT, MANAGE};

/// Most items listed of each kind.
const MOST: i64 = 100;
/// Most units whose work area is listed.
const AREAS: i64 = 50;

/// The work of `scope`: one query for each kind of item, over all the units of the scope.
pub(crate) async fn work(db: &Db, scope: &WorkScope, tr: Tr) -> anyhow::Result<Work> {
    let mut out = Work::default();
    if let Some(cond) = scope.path_condition(&COLLECT, "u.path") {
        let rows: Vec<(i64, String, String, i64)> = db
            .fetch_all(
                &query(format!(
                    "SELECT w.id, w.name, u.name, CAST(COUNT(*) AS BIGINT) FROM works w
                     JOIN units u ON u.id = w.unit_id
                     JOIN works_shares s ON s.work_id = w.id
                     WHERE {cond} AND s.owed
                       - COALESCE((SELECT SUM(r.amount) FROM works_reductions r
                           WHERE r.work_id = w.id AND r.household_code = s.household_code), 0)
                       - COALESCE((SELECT SUM(p.amount) FROM works_payments p
                           WHERE p.work_id = w.id AND p.household_code = s.household_code), 0) > 0
                     GROUP BY w.id, w.name, u.name ORDER BY w.id LIMIT $1"
                ))
                .bind(MOST),
            )
            .await?;
        for (id, name, unit, owing) in rows {
            out.items.push(WorkItem {
                title: format!(
                    "{}: {} ({} {})",
                    tr.pick("Thu đóng góp", "Collect contributions"),
                    name,
                    tr.number(owing),
                    tr.pick("hộ còn phải đóng", "households still owe")
                ),
                unit,
                due: None,
                clock: None,
                href: format!("/works/{id}/work"),
            });
        }
    }
    if let Some(cond) = scope.path_condition(&MANAGE, "u.path") {
        let rows: Vec<(i64, String, String)> = db
            .fetch_all(
                &query(format!(
                    "SELECT w.id, w.name, u.name FROM works w JOIN units u ON u.id = w.unit_id
                     WHERE {cond} AND w.accounts_published_on IS NULL ORDER BY w.id LIMIT $1"
                ))
                .bind(MOST),
            )
            .await?;
        for (id, name, unit) in rows {
            out.items.push(WorkItem {
                title: format!(
                    "{}: {name}",
                    tr.pick(
                        "Công khai tài chính công trình",
                        "Publish the work's accounts"
                    )
                ),
                unit,
                due: None,
                clock: None,
                href: format!("/works/{id}/work"),
            });
        }
    }
    for unit in scope.area_units(db, &[&MANAGE, &COLLECT], AREAS).await? {
        out.areas.push(WorkArea {
            title_key: "works_work_area",
            unit: unit.name.clone(),
            note: None,
            href: format!("/units/{}/works/work", urlencode(&unit.code)),
        });
    }
    Ok(out)
}
