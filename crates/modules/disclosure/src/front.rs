//! The register's doors: its section of a unit's public home page (what is posted, what is
//! missing) and its items on an officer's or village head's work home (disclosures to publish
//! and postings to record, each with its legal due date).

use chrono::NaiveDate;
use dinh_platform::db::{Db, query};
use dinh_platform::module::{SectionItem, SectionLink, UnitSection};
use dinh_platform::units::Unit;
use dinh_platform::web::i18n::{Lang, Tr};
use dinh_platform::web::urlencode;
use dinh_platform::work::{Work, WorkArea, WorkItem, WorkScope};

use crate::obligations::Publisher;
use crate::permissions::{PUBLISH, RECORD_PROOF, VIEW_WORK};
use crate::recurring::period_name;
use crate::{labels, store};

/// How far ahead the work home looks for due dates.
const HORIZON_DAYS: i64 = 14;
/// Most rows of one kind on a work home.
const MOST: i64 = 100;

/// The section "Thông tin công khai" of a publishing unit's home page.
pub(crate) async fn section(db: &Db, unit: &Unit, tr: Tr) -> anyhow::Result<Vec<UnitSection>> {
    if Publisher::for_unit_kind(&unit.kind).is_none() {
        return Ok(Vec::new());
    }
    let today = dinh_platform::time::today_vn();
    let (latest, total) = store::list(db, unit.id, &store::ListFilter::default(), today).await?;
    let missing = store::missing(db, unit.id, today, 1000).await?;
    let not_published = missing.iter().filter(|e| e.item_id.is_none()).count();
    let base = format!("/units/{}/disclosures", urlencode(&unit.code));
    let mut summary = format!("{} {}", tr.number(total), tr.t("disclosure_posted_count"));
    if not_published > 0 {
        summary.push_str(&format!(
            "; {} {}",
            tr.number(i64::try_from(not_published).unwrap_or(i64::MAX)),
            tr.t("disclosure_missing_count")
        ));
    }
    Ok(vec![UnitSection {
        order: 20,
        title_key: "disclosure_title",
        summary: Some(summary),
        items: latest
            .into_iter()
            .take(5)
            .map(|i| SectionItem {
                label: i.title,
                href: format!("/disclosures/{}", i.id),
                note: Some(format!(
                    "{} {}",
                    tr.t("disclosure_published_on"),
                    dinh_platform::time::show_date(&i.published_on)
                )),
            })
            .collect(),
        links: vec![
            SectionLink::new("disclosure_see_all", base.clone()),
            SectionLink::new("disclosure_missing", format!("{base}/missing")),
            SectionLink::new("disclosure_register", format!("{base}/register")),
            SectionLink::new("disclosure_feed", format!("{base}.atom")),
        ],
    }])
}

#[derive(sqlx::FromRow)]
struct ExpectedRow {
    duty_key: String,
    title: Option<String>,
    period_label: String,
    due_on: String,
    citation: String,
    code: String,
    name: String,
}

#[derive(sqlx::FromRow)]
struct DutyRow {
    item_id: i64,
    title: String,
    channel: String,
    due_on: String,
    citation: String,
    place_name: String,
}

/// The register's part of a work home.
pub(crate) async fn work(db: &Db, scope: &WorkScope, tr: Tr) -> anyhow::Result<Work> {
    let horizon = scope.today + chrono::Duration::days(HORIZON_DAYS);
    let mut out = Work::default();
    if let Some(within) = scope.path_condition(&PUBLISH, "u.path") {
        let rows: Vec<ExpectedRow> = db
            .fetch_all(
                &query(format!(
                    "SELECT e.duty_key, e.title, e.period_label, e.due_on, e.citation, u.code, u.name
                     FROM disclosure_expected e JOIN units u ON u.id = e.unit_id
                     WHERE e.item_id IS NULL AND e.due_on <= $1 AND {within}
                     ORDER BY e.due_on, u.code LIMIT {MOST}"
                ))
                .bind(horizon),
            )
            .await?;
        out.items.extend(rows.into_iter().map(|r| match r.title {
            // A duty raised by an event: the form opens with it chosen.
            Some(title) => WorkItem {
                title: format!("{}: {title}", tr.t("disclosure_work_publish")),
                unit: r.name,
                due: date(&r.due_on),
                clock: Some(r.citation),
                href: format!(
                    "/units/{}/disclosures/new?event={}",
                    urlencode(&r.code),
                    urlencode(&r.period_label)
                ),
            },
            None => WorkItem {
                title: format!(
                    "{}: {} ({})",
                    tr.t("disclosure_work_publish"),
                    tr.t(&format!("duty_{}", r.duty_key)),
                    period_name(&r.period_label, tr.lang == Lang::En)
                ),
                unit: r.name,
                due: date(&r.due_on),
                clock: Some(r.citation),
                href: format!("/units/{}/disclosures/new", urlencode(&r.code)),
            },
        }));
    }
    if let Some(within) = scope.path_condition(&RECORD_PROOF, "u.path") {
        let rows: Vec<DutyRow> = db
            .fetch_all(
                &query(format!(
                    "SELECT o.item_id, i.title, o.channel, o.due_on, o.citation, u.name AS place_name
                     FROM disclosure_obligations o JOIN units u ON u.id = o.place_unit_id
                     JOIN disclosure_items i ON i.id = o.item_id
                     WHERE o.satisfied_on IS NULL AND o.first_started_on IS NULL
                       AND o.channel <> 'website' AND o.due_on <= $1 AND {within}
                     ORDER BY o.due_on, o.id LIMIT {MOST}"
                ))
                .bind(horizon),
            )
            .await?;
        out.items.extend(rows.into_iter().map(|r| WorkItem {
            title: format!("{}: {}", labels::channel(tr.lang, &r.channel), r.title),
            unit: r.place_name,
            due: date(&r.due_on),
            clock: Some(r.citation),
            href: format!("/disclosures/{}", r.item_id),
        }));
    }
    for unit in scope.units(&VIEW_WORK) {
        if Publisher::for_unit_kind(&unit.kind).is_none() && unit.depth > 0 {
            continue;
        }
        let base = format!("/units/{}/disclosures", urlencode(&unit.code));
        out.areas.push(WorkArea {
            title_key: "disclosure_dashboard",
            unit: unit.name.clone(),
            note: None,
            href: format!("{base}/dashboard"),
        });
    }
    for unit in scope.units(&PUBLISH) {
        if Publisher::for_unit_kind(&unit.kind).is_none() {
            continue;
        }
        out.areas.push(WorkArea {
            title_key: "disclosure_new",
            unit: unit.name.clone(),
            note: None,
            href: format!("/units/{}/disclosures/new", urlencode(&unit.code)),
        });
    }
    Ok(out)
}

fn date(iso: &str) -> Option<NaiveDate> {
    NaiveDate::parse_from_str(iso, "%Y-%m-%d").ok()
}
