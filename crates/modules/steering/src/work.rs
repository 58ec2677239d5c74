//! The committees' part of a signed-in person's work home (Việc của tôi, `/viec-cua-toi`).
//!
//! Items, each read in one query over every unit of the scope (`WorkScope::path_condition`
//! joined with `units`), never one query per unit:
//!
//! - open tasks (`steering.report_progress`), with their due date: every open task of the
//!   committees at the units the person's grants are held at, and, of the committees below,
//!   those overdue or due within [`DUE_SOON_DAYS`] (who is late below) → the plan's page;
//! - recommendations after an inspection still to be answered (`steering.report_progress`),
//!   due on their answer date, under the same rule → the committee's page, where the answer
//!   form is;
//! - review reports whose latest version awaits signing after their period ended
//!   (`steering.sign`, the person's own committees) → the report's page with the sign form;
//! - finished meetings with minutes not yet published as news, held in the last
//!   [`MEETINGS_WINDOW_DAYS`] days (`steering.manage`, own committees) → the committee's page,
//!   where the publish button is.
//!
//! Areas (`steering.view`): each own committee's page (with how many tasks are overdue there
//! and below; a unit of steering level without a committee, for who may set one up), its
//! reports, and its plans running today. The committee's page links every plan, report,
//! meeting and lower committee, so every steering work page is reachable from the work home.

use chrono::{Days, NaiveDate};
use dinh_platform::accounts::{Permission, authorize};
use dinh_platform::db::{Db, query};
use dinh_platform::module::id_list;
use dinh_platform::time::show_date;
use dinh_platform::units::Unit;
use dinh_platform::web::i18n::Tr;
use dinh_platform::work::{Work, WorkArea, WorkItem, WorkScope};
use std::collections::HashMap;

use crate::committees::steering_level;
use crate::permissions::{MANAGE, REPORT_PROGRESS, SIGN, VIEW};
use crate::plans::DUE_SOON_DAYS;
use crate::sections::{committee_href, report_label};

/// How far back an unpublished meeting is still offered for publishing on the work home.
pub const MEETINGS_WINDOW_DAYS: u64 = 90;
/// Most rows read per kind of item (the work home shows 50 per heading and counts the rest).
const MOST: i64 = 500;

/// Where a permission reaches in the scope, as SQL over `u` (a `units` row).
struct Reach<'a> {
    /// Every unit the grants allowing it reach (`u.path` condition).
    all: String,
    /// The units the grants are held at (their own committees): `u.id IN (…)`, or FALSE.
    own: String,
    /// Those units.
    units: Vec<&'a Unit>,
}

fn reach<'a>(scope: &'a WorkScope, permission: &Permission) -> Option<Reach<'a>> {
    let all = scope.path_condition(permission, "u.path")?;
    let units = scope.units(permission);
    let own = if units.is_empty() {
        "FALSE".to_owned()
    } else {
        format!("u.id IN ({})", id_list(units.iter().map(|u| u.id)))
    };
    Some(Reach { all, own, units })
}

fn iso(d: NaiveDate) -> String {
    d.format("%Y-%m-%d").to_string()
}

fn day(iso: &str) -> Option<NaiveDate> {
    NaiveDate::parse_from_str(iso, "%Y-%m-%d").ok()
}

/// The committees' work for `scope`: nothing when no grant allows seeing their work.
pub(crate) async fn work(db: &Db, scope: &WorkScope, tr: Tr) -> anyhow::Result<Work> {
    let Some(view) = reach(scope, &VIEW) else {
        return Ok(Work::default());
    };
    let today = scope.today;
    let soon = iso(today
        .checked_add_days(Days::new(DUE_SOON_DAYS))
        .unwrap_or(today));
    let mut items = Vec::new();
    if let Some(r) = reach(scope, &REPORT_PROGRESS) {
        items.extend(tasks(db, &r, &soon, tr).await?);
        items.extend(recommendations(db, &r, &soon, tr).await?);
    }
    if let Some(r) = reach(scope, &SIGN)
        && !r.units.is_empty()
    {
        items.extend(reports(db, &r, today, tr).await?);
    }
    if let Some(r) = reach(scope, &MANAGE)
        && !r.units.is_empty()
    {
        items.extend(meetings(db, &r, today, tr).await?);
    }
    let areas = areas(db, scope, &view, today, tr).await?;
    Ok(Work { items, areas })
}

#[derive(sqlx::FromRow)]
struct TaskRow {
    id: i64,
    plan_id: i64,
    content: String,
    due_on: String,
    unit_name: String,
    plan_title: String,
}

async fn tasks(db: &Db, r: &Reach<'_>, soon: &str, tr: Tr) -> anyhow::Result<Vec<WorkItem>> {
    let rows: Vec<TaskRow> = db
        .fetch_all(
            &query(format!(
                "SELECT t.id, t.plan_id, t.content, t.due_on, u.name AS unit_name,
                        p.title AS plan_title
                 FROM steering_tasks t JOIN steering_plans p ON p.id = t.plan_id
                 JOIN steering_committees c ON c.id = t.committee_id
                 JOIN units u ON u.id = c.unit_id
                 WHERE t.status <> 'done' AND {} AND ({} OR t.due_on <= $1)
                 ORDER BY t.due_on, t.id LIMIT $2",
                r.all, r.own
            ))
            .bind(soon)
            .bind(MOST),
        )
        .await?;
    Ok(rows
        .into_iter()
        .map(|t| WorkItem {
            title: format!("{}: {}", tr.t("steering_work_task"), t.content),
            unit: t.unit_name,
            due: day(&t.due_on),
            clock: Some(t.plan_title),
            href: format!("/steering/plans/{}#task-{}", t.plan_id, t.id),
        })
        .collect())
}

#[derive(sqlx::FromRow)]
struct RecommendationRow {
    content: String,
    due_on: String,
    code: String,
    unit_name: String,
    by_name: String,
    planned_on: String,
}

async fn recommendations(
    db: &Db,
    r: &Reach<'_>,
    soon: &str,
    tr: Tr,
) -> anyhow::Result<Vec<WorkItem>> {
    let rows: Vec<RecommendationRow> = db
        .fetch_all(
            &query(format!(
                "SELECT r.content, r.due_on, u.code, u.name AS unit_name, bu.name AS by_name,
                        i.planned_on
                 FROM steering_recommendations r
                 JOIN steering_inspections i ON i.id = r.inspection_id
                 JOIN steering_committees c ON c.id = i.target_committee_id
                 JOIN units u ON u.id = c.unit_id
                 JOIN steering_committees bc ON bc.id = i.committee_id
                 JOIN units bu ON bu.id = bc.unit_id
                 WHERE r.answered_on IS NULL AND {} AND ({} OR r.due_on <= $1)
                 ORDER BY r.due_on, r.id LIMIT $2",
                r.all, r.own
            ))
            .bind(soon)
            .bind(MOST),
        )
        .await?;
    Ok(rows
        .into_iter()
        .map(|r| WorkItem {
            title: format!("{}: {}", tr.t("steering_work_recommendation"), r.content),
            due: day(&r.due_on),
            clock: Some(format!(
                "{} {} ({})",
                tr.t("steering_work_inspected_by"),
                r.by_name,
                show_date(&r.planned_on)
            )),
            href: format!("{}#received", committee_href(&r.code)),
            unit: r.unit_name,
        })
        .collect())
}

#[derive(sqlx::FromRow)]
struct ReportRow {
    id: i64,
    period_kind: String,
    period_from: String,
    period_to: String,
    number: String,
    current_version: i32,
    unit_name: String,
}

async fn reports(
    db: &Db,
    r: &Reach<'_>,
    today: NaiveDate,
    tr: Tr,
) -> anyhow::Result<Vec<WorkItem>> {
    let rows: Vec<ReportRow> = db
        .fetch_all(
            &query(format!(
                "SELECT r.id, r.period_kind, r.period_from, r.period_to, r.number,
                        r.current_version, u.name AS unit_name
                 FROM steering_reports r JOIN steering_committees c ON c.id = r.committee_id
                 JOIN units u ON u.id = c.unit_id
                 WHERE (r.signed_version IS NULL OR r.signed_version <> r.current_version)
                   AND r.period_to <= $1 AND {} AND {}
                 ORDER BY r.period_to, r.id LIMIT $2",
                r.all, r.own
            ))
            .bind(iso(today))
            .bind(MOST),
        )
        .await?;
    Ok(rows
        .into_iter()
        .map(|r| WorkItem {
            title: format!(
                "{}: {}",
                tr.t("steering_work_sign"),
                report_label(tr, &r.number, &r.period_kind, &r.period_from, &r.period_to)
            ),
            unit: r.unit_name,
            due: None,
            clock: Some(format!(
                "{} {}",
                tr.t("steering_version"),
                r.current_version
            )),
            href: format!("/steering/reports/{}", r.id),
        })
        .collect())
}

#[derive(sqlx::FromRow)]
struct MeetingRow {
    title: String,
    held_on: String,
    code: String,
    unit_name: String,
}

async fn meetings(
    db: &Db,
    r: &Reach<'_>,
    today: NaiveDate,
    tr: Tr,
) -> anyhow::Result<Vec<WorkItem>> {
    let since = today
        .checked_sub_days(Days::new(MEETINGS_WINDOW_DAYS))
        .unwrap_or(today);
    let rows: Vec<MeetingRow> = db
        .fetch_all(
            &query(format!(
                "SELECT m.title, m.held_on, u.code, u.name AS unit_name
                 FROM steering_meetings m JOIN steering_committees c ON c.id = m.committee_id
                 JOIN units u ON u.id = c.unit_id
                 WHERE m.published_at IS NULL AND m.minutes <> ''
                   AND m.held_on <= $1 AND m.held_on >= $2 AND {} AND {}
                 ORDER BY m.held_on DESC, m.id LIMIT $3",
                r.all, r.own
            ))
            .bind(iso(today))
            .bind(iso(since))
            .bind(MOST),
        )
        .await?;
    Ok(rows
        .into_iter()
        .map(|m| WorkItem {
            title: format!("{}: {}", tr.t("steering_work_publish"), m.title),
            unit: m.unit_name,
            due: None,
            clock: Some(format!(
                "{} {}",
                tr.t("steering_work_held_on"),
                show_date(&m.held_on)
            )),
            href: format!("{}#meetings", committee_href(&m.code)),
        })
        .collect())
}

#[derive(sqlx::FromRow)]
struct AreaRow {
    unit_id: i64,
    code: String,
    unit_name: String,
    late: i64,
    lower: i64,
    reports: i64,
    unsigned: i64,
}

#[derive(sqlx::FromRow)]
struct PlanRow {
    id: i64,
    unit_id: i64,
    title: String,
    period_from: String,
    period_to: String,
    unit_name: String,
}

async fn areas(
    db: &Db,
    scope: &WorkScope,
    view: &Reach<'_>,
    today: NaiveDate,
    tr: Tr,
) -> anyhow::Result<Vec<WorkArea>> {
    // The committees at the units the grants are held at; for a grant over the whole
    // country, the provinces' committees.
    let everywhere = view.units.is_empty() && view.all == "TRUE";
    let which = if everywhere {
        "u.parent_id IS NULL AND u.valid_to IS NULL".to_owned()
    } else {
        view.own.clone()
    };
    let today_s = iso(today);
    let rows: Vec<AreaRow> = db
        .fetch_all(
            &query(format!(
                "SELECT u.id AS unit_id, u.code, u.name AS unit_name,
                   (SELECT CAST(COUNT(*) AS BIGINT) FROM steering_tasks t
                      JOIN steering_committees tc ON tc.id = t.committee_id
                      JOIN units tu ON tu.id = tc.unit_id
                     WHERE tu.path LIKE u.path || '%' AND t.status <> 'done'
                       AND t.due_on < $1) AS late,
                   (SELECT CAST(COUNT(*) AS BIGINT) FROM steering_committees lc
                      JOIN units lu ON lu.id = lc.unit_id
                     WHERE lu.path LIKE u.path || '%' AND lu.id <> u.id) AS lower,
                   (SELECT CAST(COUNT(*) AS BIGINT) FROM steering_reports r
                     WHERE r.committee_id = c.id) AS reports,
                   (SELECT CAST(COUNT(*) AS BIGINT) FROM steering_reports r
                     WHERE r.committee_id = c.id
                       AND (r.signed_version IS NULL OR r.signed_version <> r.current_version))
                     AS unsigned
                 FROM steering_committees c JOIN units u ON u.id = c.unit_id
                 WHERE {which} ORDER BY u.depth, u.name LIMIT $2"
            ))
            .bind(&today_s)
            .bind(MOST),
        )
        .await?;
    let plans: Vec<PlanRow> = if view.units.is_empty() {
        Vec::new()
    } else {
        db.fetch_all(
            &query(format!(
                "SELECT p.id, c.unit_id, p.title, p.period_from, p.period_to, u.name AS unit_name
                 FROM steering_plans p JOIN steering_committees c ON c.id = p.committee_id
                 JOIN units u ON u.id = c.unit_id
                 WHERE {} AND p.period_from <= $1 AND p.period_to >= $1
                 ORDER BY u.depth, u.name, p.period_from, p.id",
                view.own
            ))
            .bind(&today_s),
        )
        .await?
    };
    let mut by_unit: HashMap<i64, &AreaRow> = rows.iter().map(|r| (r.unit_id, r)).collect();
    let mut out = Vec::new();
    let push = |row: &AreaRow, out: &mut Vec<WorkArea>| {
        let page = committee_href(&row.code);
        let mut note = if row.late > 0 {
            format!("{} {}", row.late, tr.t("steering_work_late_count"))
        } else {
            tr.t("steering_work_none_late").to_owned()
        };
        if row.lower > 0 {
            note.push_str(&format!(
                " · {} {}",
                row.lower,
                tr.t("steering_work_lower_count")
            ));
        }
        out.push(WorkArea {
            title_key: "steering_title",
            unit: row.unit_name.clone(),
            note: Some(note),
            href: page.clone(),
        });
        out.push(WorkArea {
            title_key: "steering_reports",
            unit: row.unit_name.clone(),
            note: Some(format!(
                "{} {} · {} {}",
                row.reports,
                tr.t("steering_work_reports_count"),
                row.unsigned,
                tr.t("steering_work_unsigned_count")
            )),
            href: format!("{page}#reports"),
        });
        for p in plans.iter().filter(|p| p.unit_id == row.unit_id) {
            out.push(WorkArea {
                title_key: "steering_plans",
                unit: p.unit_name.clone(),
                note: Some(format!(
                    "{} ({} – {})",
                    p.title,
                    show_date(&p.period_from),
                    show_date(&p.period_to)
                )),
                href: format!("/steering/plans/{}", p.id),
            });
        }
    };
    if everywhere {
        for row in &rows {
            push(row, &mut out);
        }
        return Ok(out);
    }
    for unit in &view.units {
        if let Some(row) = by_unit.remove(&unit.id) {
            push(row, &mut out);
        } else if steering_level(unit)
            && authorize(Some(&scope.principal), &MANAGE, Some(unit)).is_ok()
        {
            out.push(WorkArea {
                title_key: "steering_title",
                unit: unit.name.clone(),
                note: Some(tr.t("steering_work_set_up").to_owned()),
                href: committee_href(&unit.code),
            });
        }
    }
    Ok(out)
}
