//! Consultation on the work home (Việc của tôi): each open consultation in the person's units
//! whose comments await an answer, due on its last day of comments (the answers make the
//! synthesis), and one past its last day that is not closed yet; the work area of each unit.

use dinh_platform::db::{Db, query};
use dinh_platform::web::i18n::Tr;
use dinh_platform::web::urlencode;
use dinh_platform::work::{Work, WorkArea, WorkItem, WorkScope};

use crate::ConsultationModule;
use crate::permissions::{MANAGE, RECORD};

/// Most items listed.
const MOST: i64 = 200;
/// Most units whose work area is listed.
const AREAS: i64 = 50;

#[derive(sqlx::FromRow)]
struct Pending {
    id: i64,
    title: String,
    closes_on: String,
    unit_name: String,
    unanswered: i64,
}

/// The work of `scope`: one query for the items, over all the units of the scope.
pub(crate) async fn work(
    m: &ConsultationModule,
    db: &Db,
    scope: &WorkScope,
    tr: Tr,
) -> anyhow::Result<Work> {
    let mut out = Work::default();
    if let Some(cond) = scope.path_condition(&MANAGE, "u.path") {
        let rows: Vec<Pending> = db
            .fetch_all(
                &query(format!(
                    "SELECT c.id, c.title, c.closes_on, u.name AS unit_name,
                            CAST((SELECT COUNT(*) FROM consultation_comments k
                                  WHERE k.consultation_id = c.id AND k.disposition IS NULL) AS BIGINT) AS unanswered
                     FROM consultations c JOIN units u ON u.id = c.unit_id
                     WHERE c.status = 'open' AND {cond}
                     ORDER BY c.closes_on, c.id LIMIT $1"
                ))
                .bind(MOST),
            )
            .await?;
        for r in rows {
            let closes = dinh_platform::time::parse_date(&r.closes_on);
            let past = closes.is_some_and(|d| d < scope.today);
            if r.unanswered == 0 && !past {
                continue;
            }
            let citation = m
                .rules()
                .in_force_on(closes.unwrap_or(scope.today))
                .map(|p| p.consultation.min_duration.citation().to_owned())
                .ok();
            let title = if r.unanswered > 0 {
                format!(
                    "{} {} {}: {}",
                    tr.pick("Tiếp thu, giải trình", "Answer"),
                    tr.number(r.unanswered),
                    tr.pick("ý kiến", "comments"),
                    r.title
                )
            } else {
                format!(
                    "{}: {}",
                    tr.pick(
                        "Kết thúc lấy ý kiến, công khai báo cáo tổng hợp",
                        "Close and publish the synthesis"
                    ),
                    r.title
                )
            };
            out.items.push(WorkItem {
                title,
                unit: r.unit_name,
                due: if past { None } else { closes },
                clock: citation,
                href: format!("/consultations/{}/work", r.id),
            });
        }
    }
    for unit in scope.area_units(db, &[&MANAGE, &RECORD], AREAS).await? {
        if !unit.unit_kind().is_some_and(|k| {
            k.is_commune_level() || k.is_residential_community() || k.is_province_level()
        }) {
            continue;
        }
        out.areas.push(WorkArea {
            title_key: "cons_work_area",
            unit: unit.name.clone(),
            note: None,
            href: format!("/units/{}/consultations/work", urlencode(&unit.code)),
        });
    }
    Ok(out)
}
