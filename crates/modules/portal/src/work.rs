//! The portal's part of a signed-in person's work home (Việc của tôi):
//!
//! - items (`portal.moderate`): comments waiting for moderation, one line per unit, over every
//!   unit of the scope in one query → the unit's moderation queue;
//! - areas (`portal.write`): each unit's news desk (`/units/{code}/tin-tuc/quan-ly`), with its
//!   drafts and scheduled articles counted; from there the article forms, the moderation queue
//!   and the polls are reached.

use dinh_platform::db::{Db, query};
use dinh_platform::module::id_list;
use dinh_platform::units::Unit;
use dinh_platform::web::i18n::Tr;
use dinh_platform::work::{Work, WorkArea, WorkItem, WorkScope};
use std::collections::HashMap;

use crate::articles::state;
use crate::permissions::{MODERATE, WRITE};
use crate::web::news_href;

/// Most units whose news desks are listed.
const MOST: i64 = 100;

#[derive(sqlx::FromRow)]
struct Held {
    unit_name: String,
    unit_code: String,
    n: i64,
}

pub(crate) async fn work(db: &Db, scope: &WorkScope, tr: Tr) -> anyhow::Result<Work> {
    let mut work = Work::default();
    if let Some(cond) = scope.path_condition(&MODERATE, "u.path") {
        let held: Vec<Held> = db
            .fetch_all(&query(format!(
                "SELECT u.name AS unit_name, u.code AS unit_code,
                            CAST(COUNT(*) AS BIGINT) AS n
                     FROM portal_comments m JOIN units u ON u.id = m.unit_id
                     WHERE m.state = 'held' AND {cond}
                     GROUP BY u.id, u.name, u.code ORDER BY u.name LIMIT 200"
            )))
            .await?;
        for h in held {
            work.items.push(WorkItem {
                title: format!("{} {}", tr.number(h.n), tr.t("portal_work_held")),
                unit: h.unit_name,
                due: None,
                clock: None,
                href: format!(
                    "/units/{}/binh-luan",
                    dinh_platform::web::urlencode(&h.unit_code)
                ),
            });
        }
    }
    let units: Vec<Unit> = scope.area_units(db, &[&WRITE], MOST).await?;
    if units.is_empty() {
        return Ok(work);
    }
    let counts: Vec<(i64, String, i64)> = db
        .fetch_all(&query(format!(
            "SELECT unit_id, state, CAST(COUNT(*) AS BIGINT) FROM portal_articles
             WHERE unit_id IN ({}) AND state IN ('{}', '{}') GROUP BY unit_id, state",
            id_list(units.iter().map(|u| u.id)),
            state::DRAFT,
            state::SCHEDULED
        )))
        .await?;
    let mut by_unit: HashMap<i64, (i64, i64)> = HashMap::new();
    for (unit_id, s, n) in counts {
        let e = by_unit.entry(unit_id).or_default();
        if s == state::DRAFT {
            e.0 = n;
        } else {
            e.1 = n;
        }
    }
    for u in units {
        let (drafts, scheduled) = by_unit.get(&u.id).copied().unwrap_or_default();
        work.areas.push(WorkArea {
            title_key: "portal_manage",
            note: Some(format!(
                "{} {} · {} {}",
                tr.number(drafts),
                tr.t("portal_drafts"),
                tr.number(scheduled),
                tr.t("portal_scheduled")
            )),
            href: format!("{}/quan-ly", news_href(&u.code)),
            unit: u.name,
        });
    }
    Ok(work)
}
