//! Household decisions on a signed-in person's work home (Việc của tôi, `/viec-cua-toi`).
//!
//! Items, each kind read in one query over every unit of the scope (`WorkScope::path_condition`
//! joined with `units`), never one query per unit or per matter:
//!
//! - open matters (`decisions.run`): the next step of each — the election to hold or, once its
//!   day has passed, to count; the meeting to hold; the household ballots to distribute or to
//!   collect; the vote to close (`decisions.propose`) or to finish entering; nothing organised
//!   yet — due on the step's day where it has one; and the paper ballots awaiting their second
//!   check → the matter's work page (`/matters/{id}/work`);
//! - the decision document's clocks, reckoned as the work page reckons them
//!   ([`crate::clocks::clocks_of`]): to draw up and send it (`decisions.run`, Luật 10/2022
//!   Điều 20(3)), to recognise or refuse it in writing (`decisions.recognise`, Điều 21(2)),
//!   each due on its last working day with the rule it comes from → the work page;
//! - elections that elected nobody, awaiting the commune's decision to re-vote
//!   (`decisions.recognise`) → the work page;
//! - hương ước (`decisions.propose`): drafts to put to the adoption vote, adopted ones whose
//!   file is due at the commune; and filed ones to recognise (`decisions.recognise`), with
//!   their clocks → the hương ước's page;
//! - citizen initiatives that reached their share, to put to the community
//!   (`decisions.propose`), and those still below it that the Front work team may approve
//!   until their support expires (`decisions.front_approve`) → the thôn's initiatives page;
//! - for a household representative (`decisions.vote`), the open matters of their thôn and
//!   commune their household has not voted on yet → the matter's public page, where an online
//!   vote is cast.
//!
//! Areas, at the units the grants are held at (the provinces for a grant over the whole
//! country): the matters list (with how many are open; officers see each matter's work page
//! from it, and a commune's list links its thôn's), and at a thôn the election form
//! (`decisions.propose`), the initiatives and the hương ước.

use std::collections::HashMap;

use chrono::NaiveDate;
use dinh_platform::accounts::Permission;
use dinh_platform::db::{Db, query};
use dinh_platform::module::id_list;
use dinh_platform::time::{parse_date, show_date};
use dinh_platform::units::Unit;
use dinh_platform::web::i18n::Tr;
use dinh_platform::web::urlencode;
use dinh_platform::work::{Work, WorkArea, WorkItem, WorkScope};

use crate::clocks::{DocDays, clocks_of};
use crate::dates::dmy;
use crate::matters::{self, DECIDING, Deciding, Matter};
use crate::permissions::{FRONT_APPROVE, PROPOSE, RECOGNISE, RUN, VIEW_REGISTER, VOTE};
use crate::steps::Step;
use crate::{DecisionsModule, Error};

/// Most rows read per kind of item (the work home shows 50 per heading and counts the rest).
const MOST: i64 = 500;

/// The decisions' work for `scope`: nothing when no grant allows any of it.
pub(crate) async fn work(
    m: &DecisionsModule,
    db: &Db,
    scope: &WorkScope,
    tr: Tr,
) -> anyhow::Result<Work> {
    let cond = |p: &Permission| scope.path_condition(p, "u.path");
    let (run, propose, recognise) = (cond(&RUN), cond(&PROPOSE), cond(&RECOGNISE));
    let (front, view, vote) = (cond(&FRONT_APPROVE), cond(&VIEW_REGISTER), cond(&VOTE));
    if [&run, &propose, &recognise, &front, &view, &vote]
        .iter()
        .all(|c| c.is_none())
    {
        return Ok(Work::default());
    }
    let or_false = |c: &Option<String>| c.clone().unwrap_or_else(|| "FALSE".to_owned());
    let today = scope.today;
    let mut items = Vec::new();
    if let Some(run) = &run {
        items.extend(open_matters(db, run, &or_false(&propose), today, tr).await?);
    }
    if run.is_some() || recognise.is_some() {
        items.extend(documents(m, db, &or_false(&run), &or_false(&recognise), today, tr).await?);
    }
    if let Some(recognise) = &recognise {
        items.extend(revotes(db, recognise, tr).await?);
    }
    if propose.is_some() || recognise.is_some() {
        items.extend(covenants(m, db, &or_false(&propose), &or_false(&recognise), tr).await?);
    }
    if propose.is_some() || front.is_some() {
        items.extend(initiatives(m, db, &or_false(&propose), &or_false(&front), today, tr).await?);
    }
    if vote.is_some() {
        items.extend(household_votes(db, scope, tr).await?);
    }
    let areas = areas(db, scope, tr).await?;
    Ok(Work { items, areas })
}

fn work_href(id: i64) -> String {
    format!("/matters/{id}/work")
}

/// A time limit as people read it: "5 ngày làm việc (Luật 10/2022/QH15 Điều 20)".
fn span(d: &dinh_rules::Duration, tr: Tr) -> String {
    let unit = match d.unit {
        dinh_rules::DurationUnit::CalendarDays => "decisions_unit_days",
        dinh_rules::DurationUnit::WorkingDays => "decisions_unit_working_days",
        dinh_rules::DurationUnit::Months => "decisions_unit_months",
        dinh_rules::DurationUnit::Years => "decisions_unit_years",
    };
    let citation = d.citation();
    if citation.is_empty() {
        format!("{} {}", d.count, tr.t(unit))
    } else {
        format!("{} {} ({citation})", d.count, tr.t(unit))
    }
}

#[derive(sqlx::FromRow)]
struct OpenRow {
    #[sqlx(flatten)]
    d: Deciding,
    can_close: bool,
}

async fn open_matters(
    db: &Db,
    run: &str,
    propose: &str,
    today: NaiveDate,
    tr: Tr,
) -> anyhow::Result<Vec<WorkItem>> {
    let rows: Vec<OpenRow> = db
        .fetch_all(
            &query(format!(
                "SELECT {DECIDING}, ({propose}) AS can_close
                 FROM decision_matters m JOIN units u ON u.id = m.unit_id
                 WHERE m.status = 'open' AND {run}
                 ORDER BY m.opened_on, m.id LIMIT $2"
            ))
            .bind(today)
            .bind(MOST),
        )
        .await?;
    let mut items = Vec::with_capacity(rows.len());
    for OpenRow { d, can_close } in rows {
        let step = Step::of(&d, today);
        items.push(WorkItem {
            title: format!("{}: {}", tr.t(step.task_key(can_close)), d.title),
            unit: d.unit_name.clone(),
            due: step.due(),
            clock: Some(step.note(tr)),
            href: work_href(d.id),
        });
        if d.unchecked > 0 {
            items.push(WorkItem {
                title: format!(
                    "{} ({}): {}",
                    tr.t("decisions_task_check"),
                    tr.number(d.unchecked),
                    d.title
                ),
                unit: d.unit_name,
                due: None,
                clock: Some(tr.t("decisions_check_rule").to_owned()),
                href: work_href(d.id),
            });
        }
    }
    Ok(items)
}

#[derive(sqlx::FromRow)]
struct ClockRow {
    #[sqlx(flatten)]
    matter: Matter,
    has_doc: bool,
    doc_send_due_on: Option<String>,
    doc_sent_on: Option<String>,
    doc_recognition_due_on: Option<String>,
    doc_recognition_by: Option<String>,
    doc_recognised_on: Option<String>,
    doc_refused_on: Option<String>,
}

async fn documents(
    m: &DecisionsModule,
    db: &Db,
    run: &str,
    recognise: &str,
    today: NaiveDate,
    tr: Tr,
) -> anyhow::Result<Vec<WorkItem>> {
    let rows: Vec<ClockRow> = db
        .fetch_all(
            &query(format!(
                "SELECT {cols}, (d.matter_id IS NOT NULL) AS has_doc,
                        d.send_due_on AS doc_send_due_on, d.sent_on AS doc_sent_on,
                        d.recognition_due_on AS doc_recognition_due_on,
                        d.recognition_by AS doc_recognition_by,
                        d.recognised_on AS doc_recognised_on, d.refused_on AS doc_refused_on
                 FROM decision_matters m JOIN units u ON u.id = m.unit_id
                 LEFT JOIN decision_documents d ON d.matter_id = m.id
                 WHERE m.status = 'closed'
                   AND ((({run}) AND (d.matter_id IS NULL OR d.sent_on IS NULL))
                     OR (({recognise}) AND d.sent_on IS NOT NULL AND d.recognition_by IS NOT NULL
                         AND d.recognised_on IS NULL AND d.refused_on IS NULL))
                 ORDER BY m.closed_on, m.id LIMIT $1",
                cols = matters::COLUMNS
            ))
            .bind(MOST),
        )
        .await?;
    let mut items = Vec::new();
    for row in rows {
        let doc = row.has_doc.then(|| DocDays {
            send_due_on: row.doc_send_due_on.clone().unwrap_or_default(),
            sent_on: row.doc_sent_on.clone(),
            recognition_due_on: row.doc_recognition_due_on.clone(),
            recognition_by: row.doc_recognition_by.clone(),
            recognised_on: row.doc_recognised_on.clone(),
            refused_on: row.doc_refused_on.clone(),
        });
        let matter = &row.matter;
        let pack = m.pack(&matter.rule_pack_id).ok();
        for r in clocks_of(m, matter, doc.as_ref(), today).map_err(anyhow::Error::from)? {
            let (key, rule) = match r.kind {
                "send" if doc.is_none() => (
                    "decisions_task_document",
                    pack.map(|p| &p.decisions.decision_document),
                ),
                "send" => (
                    "decisions_task_send",
                    pack.map(|p| &p.decisions.decision_document),
                ),
                _ => (
                    "decisions_task_recognise",
                    pack.map(|p| &p.decisions.recognition),
                ),
            };
            items.push(WorkItem {
                title: format!("{}: {}", tr.t(key), matter.title),
                unit: matter.unit_name.clone(),
                due: Some(r.due_on),
                clock: rule.map(|d| span(d, tr)),
                href: work_href(matter.id),
            });
        }
    }
    Ok(items)
}

#[derive(sqlx::FromRow)]
struct RevoteRow {
    id: i64,
    title: String,
    unit_name: String,
    closed_on: Option<String>,
}

async fn revotes(db: &Db, recognise: &str, tr: Tr) -> anyhow::Result<Vec<WorkItem>> {
    let rows: Vec<RevoteRow> = db
        .fetch_all(
            &query(format!(
                "SELECT m.id, m.title, u.name AS unit_name, m.closed_on
                 FROM decision_matters m JOIN units u ON u.id = m.unit_id
                 WHERE m.kind = 'election' AND m.status = 'closed' AND m.passed = FALSE
                   AND {recognise}
                   AND NOT EXISTS (SELECT 1 FROM decision_matters r WHERE r.revote_of = m.id)
                 ORDER BY m.closed_on, m.id LIMIT $1"
            ))
            .bind(MOST),
        )
        .await?;
    Ok(rows
        .into_iter()
        .map(|r| WorkItem {
            title: format!("{}: {}", tr.t("decisions_revote"), r.title),
            unit: r.unit_name,
            due: None,
            clock: Some(format!(
                "{} · {} {}",
                tr.t("decisions_nobody_elected"),
                tr.t("decisions_closed"),
                r.closed_on.as_deref().map(show_date).unwrap_or_default()
            )),
            href: work_href(r.id),
        })
        .collect())
}

#[derive(sqlx::FromRow)]
struct CovenantRow {
    id: i64,
    title: String,
    status: String,
    draft_posted_on: String,
    filed_on: Option<String>,
    rule_pack_id: String,
    unit_name: String,
    vote_closed_on: Option<String>,
}

async fn covenants(
    m: &DecisionsModule,
    db: &Db,
    propose: &str,
    recognise: &str,
    tr: Tr,
) -> anyhow::Result<Vec<WorkItem>> {
    let rows: Vec<CovenantRow> = db
        .fetch_all(
            &query(format!(
                "SELECT c.id, c.title, c.status, c.draft_posted_on, c.filed_on, c.rule_pack_id,
                        u.name AS unit_name, v.closed_on AS vote_closed_on
                 FROM decision_covenants c JOIN units u ON u.id = c.unit_id
                 LEFT JOIN decision_matters v ON v.id = c.matter_id
                 WHERE (({propose}) AND (c.status = 'drafting'
                        OR (c.status = 'voting' AND v.status = 'closed' AND v.passed = TRUE)))
                    OR (({recognise}) AND c.status = 'filed')
                 ORDER BY c.draft_posted_on, c.id LIMIT $1"
            ))
            .bind(MOST),
        )
        .await?;
    let mut items = Vec::with_capacity(rows.len());
    for c in rows {
        let Ok(pack) = m.pack(&c.rule_pack_id) else {
            continue;
        };
        let rules = &pack.covenant;
        let after = |day: Option<&str>, rule: &dinh_rules::Duration| -> anyhow::Result<_> {
            match day.and_then(parse_date) {
                Some(d) => Ok(Some(
                    m.calendar()
                        .due_date(d, rule.period())
                        .map_err(Error::from)?,
                )),
                None => Ok(None),
            }
        };
        let (key, due, clock) = match c.status.as_str() {
            "drafting" => {
                let earliest = after(Some(&c.draft_posted_on), &rules.draft_posting)?;
                let clock = format!(
                    "{} {} · {}",
                    tr.t("decisions_draft_posted_for"),
                    span(&rules.draft_posting, tr),
                    earliest.map_or_else(String::new, |d| format!(
                        "{} {}",
                        tr.t("decisions_vote_after"),
                        dmy(d)
                    ))
                );
                ("decisions_task_covenant_vote", None, clock)
            }
            "voting" => (
                "decisions_task_covenant_file",
                after(c.vote_closed_on.as_deref(), &rules.file_to_commune)?,
                span(&rules.file_to_commune, tr),
            ),
            _ => (
                "decisions_task_covenant_recognise",
                after(c.filed_on.as_deref(), &rules.recognition)?,
                span(&rules.recognition, tr),
            ),
        };
        items.push(WorkItem {
            title: format!("{}: {}", tr.t(key), c.title),
            unit: c.unit_name,
            due,
            clock: Some(clock),
            href: format!("/covenants/{}", c.id),
        });
    }
    Ok(items)
}

#[derive(sqlx::FromRow)]
struct InitiativeRow {
    title: String,
    status: String,
    expires_on: String,
    rule_pack_id: String,
    unit_code: String,
    unit_name: String,
}

async fn initiatives(
    m: &DecisionsModule,
    db: &Db,
    propose: &str,
    front: &str,
    today: NaiveDate,
    tr: Tr,
) -> anyhow::Result<Vec<WorkItem>> {
    let rows: Vec<InitiativeRow> = db
        .fetch_all(
            &query(format!(
                "SELECT i.title, i.status, i.expires_on, i.rule_pack_id, u.code AS unit_code,
                        u.name AS unit_name
                 FROM decision_initiatives i JOIN units u ON u.id = i.unit_id
                 WHERE (({propose}) AND i.status = 'reached')
                    OR (({front}) AND i.status = 'collecting' AND i.expires_on >= $1)
                 ORDER BY i.opened_on, i.id LIMIT $2"
            ))
            .bind(today)
            .bind(MOST),
        )
        .await?;
    Ok(rows
        .into_iter()
        .map(|i| {
            let share = m
                .pack(&i.rule_pack_id)
                .ok()
                .map(|p| crate::initiatives::share_text(&p.decisions.citizen_initiative))
                .unwrap_or_default();
            let reached = i.status == "reached";
            WorkItem {
                title: format!(
                    "{}: {}",
                    tr.t(if reached {
                        "decisions_task_initiative_put"
                    } else {
                        "decisions_task_initiative_approve"
                    }),
                    i.title
                ),
                unit: i.unit_name,
                due: if reached {
                    None
                } else {
                    parse_date(&i.expires_on)
                },
                clock: Some(format!("{}: {share}", tr.t("decisions_initiative_rule"))),
                href: format!("/units/{}/initiatives", urlencode(&i.unit_code)),
            }
        })
        .collect())
}

/// The open matters the signed-in representative's household may still vote on: those of its
/// thôn and of the communes above it, not yet voted on by the household through any channel.
async fn household_votes(db: &Db, scope: &WorkScope, tr: Tr) -> anyhow::Result<Vec<WorkItem>> {
    let rep = match crate::households::of_account(&mut db.clone(), scope.principal.account_id).await
    {
        Ok(rep) => rep,
        // Not linked to a household, or not its representative: nothing to vote on.
        Err(Error::Refused(_)) => return Ok(Vec::new()),
        Err(e) => return Err(e.into()),
    };
    let allowed = scope.everywhere(&VOTE)
        || scope
            .units(&VOTE)
            .iter()
            .any(|u| rep.unit_path.starts_with(u.path.as_str()));
    if !allowed {
        return Ok(Vec::new());
    }
    let rows: Vec<Deciding> = db
        .fetch_all(
            &query(format!(
                "SELECT {DECIDING} FROM decision_matters m JOIN units u ON u.id = m.unit_id
                 WHERE m.status = 'open' AND $2 LIKE (u.path || '%')
                   AND NOT EXISTS (SELECT 1 FROM decision_votes v
                                   WHERE v.matter_id = m.id AND v.household_id = $3)
                 ORDER BY m.opened_on, m.id LIMIT $4"
            ))
            .bind(scope.today)
            .bind(rep.unit_path.as_str())
            .bind(rep.id)
            .bind(MOST),
        )
        .await?;
    Ok(rows
        .into_iter()
        .map(|d| {
            let step = Step::of(&d, scope.today);
            WorkItem {
                title: format!("{}: {}", tr.t(step.household_key()), d.title),
                unit: d.unit_name.clone(),
                due: step.due(),
                clock: Some(format!(
                    "{} · {} {}",
                    step.note(tr),
                    tr.t("decisions_household_of"),
                    rep.code
                )),
                href: format!("/matters/{}", d.id),
            }
        })
        .collect())
}

#[derive(sqlx::FromRow)]
struct CountRow {
    unit_id: i64,
    n: i64,
}

/// Open matters under each of `units`, in one query.
async fn open_counts(db: &Db, units: &[Unit]) -> anyhow::Result<HashMap<i64, i64>> {
    if units.is_empty() {
        return Ok(HashMap::new());
    }
    let rows: Vec<CountRow> = db
        .fetch_all(&query(format!(
            "SELECT g.id AS unit_id, COUNT(*) AS n
             FROM decision_matters m JOIN units u ON u.id = m.unit_id
             JOIN units g ON u.path LIKE (g.path || '%')
             WHERE m.status = 'open' AND g.id IN ({})
             GROUP BY g.id",
            id_list(units.iter().map(|u| u.id))
        )))
        .await?;
    Ok(rows.into_iter().map(|r| (r.unit_id, r.n)).collect())
}

async fn areas(db: &Db, scope: &WorkScope, tr: Tr) -> anyhow::Result<Vec<WorkArea>> {
    let units = scope.area_units(db, &[&VIEW_REGISTER, &VOTE], MOST).await?;
    let counts = open_counts(db, &units).await?;
    let mut out = Vec::new();
    for u in &units {
        let code = urlencode(&u.code);
        let open = counts.get(&u.id).copied().unwrap_or(0);
        out.push(WorkArea {
            title_key: "decisions_area_matters",
            unit: u.name.clone(),
            note: Some(if open == 0 {
                tr.t("decisions_section_none").to_owned()
            } else {
                format!("{} {}", tr.number(open), tr.t("decisions_section_open"))
            }),
            href: format!("/units/{code}/matters"),
        });
        if !u
            .unit_kind()
            .is_some_and(dinh_platform::units::UnitKind::is_residential_community)
        {
            continue;
        }
        if scope.allows(&PROPOSE, u) {
            out.push(WorkArea {
                title_key: "decisions_elections_link",
                unit: u.name.clone(),
                note: None,
                href: format!("/units/{code}/elections/new"),
            });
        }
        out.push(WorkArea {
            title_key: "decisions_initiatives",
            unit: u.name.clone(),
            note: None,
            href: format!("/units/{code}/initiatives"),
        });
        out.push(WorkArea {
            title_key: "decisions_covenants",
            unit: u.name.clone(),
            note: None,
            href: format!("/units/{code}/covenants"),
        });
    }
    Ok(out)
}
