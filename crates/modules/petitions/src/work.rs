//! Petitions on a signed-in person's work home (Việc của tôi, `/viec-cua-toi`).
//!
//! Items, each kind read in one query over every unit of the scope (`WorkScope::path_condition`
//! joined with `units`), never one query per unit:
//!
//! - open time limits of open cases (`petitions.handle`): to accept or refuse, to process a
//!   denunciation, to send a notice, to resolve or answer, to send a decision — of the cases
//!   assigned to the person or to no one, and of a colleague's case once it is overdue; each
//!   due on its clock's last day, with the article it comes from (the case's rule pack) →
//!   the case page. Read with the reminders' query ([`crate::store::due::open_clocks`]);
//! - the heads' reception days planned for the next [`SESSIONS_AHEAD_DAYS`] days, and those of
//!   the last [`SESSIONS_BACK_DAYS`] days whose outcome is not yet recorded (`petitions.handle`)
//!   → the reception page of that month, where the outcome is recorded;
//! - dialogue conferences planned within the week and not yet recorded as held, and the
//!   commitments made at dialogues not yet kept (`petitions.dialogue`) → the community page;
//! - mediations still in progress (`petitions.mediate`) → the community page of their thôn.
//!
//! A title shows a case as its work list does (tracking code, kind, subject): never a
//! petitioner, never a denouncer.
//!
//! Areas, at the units the grants are held at (the provinces for a grant over the whole
//! country): the work list (with how many cases are open and overdue), the intake form, the
//! reception page (schedule, compliance, book) and the community page (mediation, dialogues).
//! The work list links the exports and every case; the reception page links the book's
//! exports and the public schedule; every petitions work page is reachable from here.

use std::collections::HashMap;

use chrono::{Duration, NaiveDate};
use dinh_platform::db::{Db, query};
use dinh_platform::module::id_list;
use dinh_platform::time::show_date;
use dinh_platform::units::Unit;
use dinh_platform::web::i18n::Tr;
use dinh_platform::web::urlencode;
use dinh_platform::work::{Work, WorkArea, WorkItem, WorkScope};

use crate::PetitionsModule;
use crate::clocks::{self, parse_iso};
use crate::kinds::CaseKind;
use crate::permissions::{DIALOGUE, HANDLE, MEDIATE, VIEW};
use crate::store::due::{self, ClockFilter};
use crate::web::reception::position_key;

/// How far ahead planned reception days are listed.
pub const SESSIONS_AHEAD_DAYS: i64 = 7;
/// How far back a planned reception day whose outcome is not recorded is still listed.
pub const SESSIONS_BACK_DAYS: i64 = 30;
/// How far ahead planned dialogue conferences are listed.
pub const DIALOGUES_AHEAD_DAYS: i64 = 7;
/// Most rows read per kind of item (the work home shows 50 per heading and counts the rest).
const MOST: i64 = 500;

/// The petitions' work for `scope`: nothing when no grant allows any of it.
pub(crate) async fn work(
    m: &PetitionsModule,
    db: &Db,
    scope: &WorkScope,
    tr: Tr,
) -> anyhow::Result<Work> {
    let handle = scope.path_condition(&HANDLE, "u.path");
    let dialogue = scope.path_condition(&DIALOGUE, "u.path");
    let mediate = scope.path_condition(&MEDIATE, "u.path");
    let view = scope.path_condition(&VIEW, "u.path");
    if handle.is_none() && dialogue.is_none() && mediate.is_none() && view.is_none() {
        return Ok(Work::default());
    }
    let today = scope.today;
    let mut items = Vec::new();
    if let Some(cond) = &handle {
        items.extend(case_clocks(m, db, scope, cond, tr).await?);
        items.extend(sessions(m, db, cond, today, tr).await?);
    }
    if let Some(cond) = &dialogue {
        items.extend(dialogues(db, cond, today, tr).await?);
        items.extend(commitments(db, cond, tr).await?);
    }
    if let Some(cond) = &mediate {
        items.extend(mediations(db, cond, tr).await?);
    }
    let areas = areas(db, scope, today, tr).await?;
    Ok(Work { items, areas })
}

fn community_href(code: &str) -> String {
    format!("/units/{}/community", urlencode(code))
}

/// The citations of a rule pack's rules by key, for the packs `ids` (one walk per pack).
fn citations<'a>(
    m: &PetitionsModule,
    ids: impl Iterator<Item = &'a str>,
) -> HashMap<String, HashMap<String, String>> {
    let mut out = HashMap::new();
    for id in ids {
        if out.contains_key(id) {
            continue;
        }
        let rules = m.rules().get(id).map_or_else(
            |_| HashMap::new(),
            |pack| {
                pack.rows()
                    .into_iter()
                    .map(|r| (r.key, r.citation))
                    .collect()
            },
        );
        out.insert(id.to_owned(), rules);
    }
    out
}

async fn case_clocks(
    m: &PetitionsModule,
    db: &Db,
    scope: &WorkScope,
    cond: &str,
    tr: Tr,
) -> anyhow::Result<Vec<WorkItem>> {
    let rows = due::open_clocks(
        db,
        ClockFilter {
            prefix: "",
            scope: cond.to_owned(),
            scope_args: Vec::new(),
            me: scope.principal.account_id,
            horizon: None,
            awaiting_on: Some(scope.today),
            limit: MOST,
        },
    )
    .await?;
    let cited = citations(m, rows.iter().map(|r| r.pack_id.as_str()));
    Ok(rows
        .into_iter()
        .map(|k| {
            let kind =
                tr.t(CaseKind::parse(&k.kind).map_or("pet_kind_report", CaseKind::label_key));
            let mut clock = cited
                .get(&k.pack_id)
                .and_then(|c| c.get(&k.rule_key))
                .filter(|c| !c.is_empty())
                .cloned()
                .unwrap_or_else(|| k.rule_key.clone());
            if k.extensions > 0 {
                clock.push_str(&format!(
                    " · {}: {}",
                    tr.t("pet_extended_times"),
                    k.extensions
                ));
            }
            if k.mine {
                clock.push_str(&format!(" · {}", tr.t("pet_reminder_mine")));
            }
            WorkItem {
                title: format!(
                    "{}: {} · {kind} — {}",
                    tr.t(clocks::label_key(&k.clock)),
                    k.tracking_code,
                    k.subject
                ),
                unit: k.unit_name,
                due: parse_iso(&k.due_on),
                clock: Some(clock),
                href: format!("/petitions/cases/{}", k.case_id),
            }
        })
        .collect())
}

#[derive(sqlx::FromRow)]
struct SessionRow {
    day: String,
    place: String,
    pack_id: String,
    full_name: String,
    position: String,
    code: String,
    unit_name: String,
}

async fn sessions(
    m: &PetitionsModule,
    db: &Db,
    cond: &str,
    today: NaiveDate,
    tr: Tr,
) -> anyhow::Result<Vec<WorkItem>> {
    let rows: Vec<SessionRow> = db
        .fetch_all(
            &query(format!(
                "SELECT s.day, s.place, s.pack_id, h.full_name, h.position, u.code,
                        u.name AS unit_name
                 FROM petition_sessions s JOIN petition_heads h ON h.id = s.head_id
                 JOIN units u ON u.id = s.unit_id
                 WHERE {cond} AND s.status = 'planned' AND s.day >= $1 AND s.day <= $2
                 ORDER BY s.day, s.id LIMIT $3"
            ))
            .bind(today - Duration::days(SESSIONS_BACK_DAYS))
            .bind(today + Duration::days(SESSIONS_AHEAD_DAYS))
            .bind(MOST),
        )
        .await?;
    Ok(rows
        .into_iter()
        .map(|s| {
            let day = parse_iso(&s.day);
            let what = if day.is_some_and(|d| d < today) {
                "pet_work_record_session"
            } else {
                "pet_work_session"
            };
            let citation = m.rules().get(&s.pack_id).ok().and_then(|pack| {
                crate::store::reception::frequency(pack, &s.position)
                    .map(|f| f.citation().to_owned())
            });
            WorkItem {
                title: format!(
                    "{}: {} ({}) · {}",
                    tr.t(what),
                    s.full_name,
                    tr.t(position_key(&s.position)),
                    s.place
                ),
                href: format!(
                    "/units/{}/reception?month={}",
                    urlencode(&s.code),
                    s.day.get(..7).unwrap_or_default()
                ),
                unit: s.unit_name,
                due: day,
                clock: citation.filter(|c| !c.is_empty()),
            }
        })
        .collect())
}

#[derive(sqlx::FromRow)]
struct DialogueRow {
    title: String,
    planned_on: String,
    chaired_by: String,
    code: String,
    unit_name: String,
}

async fn dialogues(db: &Db, cond: &str, today: NaiveDate, tr: Tr) -> anyhow::Result<Vec<WorkItem>> {
    let rows: Vec<DialogueRow> = db
        .fetch_all(
            &query(format!(
                "SELECT d.title, d.planned_on, d.chaired_by, u.code, u.name AS unit_name
                 FROM petition_dialogues d JOIN units u ON u.id = d.unit_id
                 WHERE {cond} AND d.held_on IS NULL AND d.planned_on <= $1
                 ORDER BY d.planned_on, d.id LIMIT $2"
            ))
            .bind(today + Duration::days(DIALOGUES_AHEAD_DAYS))
            .bind(MOST),
        )
        .await?;
    Ok(rows
        .into_iter()
        .map(|d| WorkItem {
            title: format!("{}: {}", tr.t("pet_work_dialogue"), d.title),
            due: parse_iso(&d.planned_on),
            clock: Some(format!("{}: {}", tr.t("pet_chaired_by"), d.chaired_by)),
            href: community_href(&d.code),
            unit: d.unit_name,
        })
        .collect())
}

#[derive(sqlx::FromRow)]
struct CommitmentRow {
    issue: String,
    owner: String,
    due_on: String,
    title: String,
    code: String,
    unit_name: String,
}

async fn commitments(db: &Db, cond: &str, tr: Tr) -> anyhow::Result<Vec<WorkItem>> {
    let rows: Vec<CommitmentRow> = db
        .fetch_all(
            &query(format!(
                "SELECT k.issue, k.owner, k.due_on, d.title, u.code, u.name AS unit_name
                 FROM petition_commitments k JOIN petition_dialogues d ON d.id = k.dialogue_id
                 JOIN units u ON u.id = d.unit_id
                 WHERE {cond} AND k.done_on IS NULL
                 ORDER BY k.due_on, k.id LIMIT $1"
            ))
            .bind(MOST),
        )
        .await?;
    Ok(rows
        .into_iter()
        .map(|k| WorkItem {
            title: format!("{}: {}", tr.t("pet_work_commitment"), k.issue),
            due: parse_iso(&k.due_on),
            clock: Some(format!("{} · {}: {}", k.title, tr.t("pet_owner"), k.owner)),
            href: community_href(&k.code),
            unit: k.unit_name,
        })
        .collect())
}

#[derive(sqlx::FromRow)]
struct MediationRow {
    subject: String,
    opened_on: String,
    team: String,
    code: String,
    unit_name: String,
}

async fn mediations(db: &Db, cond: &str, tr: Tr) -> anyhow::Result<Vec<WorkItem>> {
    let rows: Vec<MediationRow> = db
        .fetch_all(
            &query(format!(
                "SELECT m.subject, m.opened_on, t.name AS team, u.code, u.name AS unit_name
                 FROM petition_mediations m JOIN petition_mediation_teams t ON t.id = m.team_id
                 JOIN units u ON u.id = m.unit_id
                 WHERE {cond} AND m.outcome = 'pending'
                 ORDER BY m.opened_on, m.id LIMIT $1"
            ))
            .bind(MOST),
        )
        .await?;
    Ok(rows
        .into_iter()
        .map(|x| WorkItem {
            title: format!("{}: {}", tr.t("pet_work_mediation"), x.subject),
            due: None,
            clock: Some(format!(
                "{} · {} {}",
                x.team,
                tr.t("pet_opened"),
                show_date(&x.opened_on)
            )),
            href: community_href(&x.code),
            unit: x.unit_name,
        })
        .collect())
}

#[derive(sqlx::FromRow)]
struct CountRow {
    unit_id: i64,
    open_cases: i64,
    overdue: i64,
}

/// Open and overdue cases under each of `units`, in one query: by the case's province or
/// commune column for units at those levels, by the units' paths below.
async fn counts(
    db: &Db,
    units: &[&Unit],
    today: NaiveDate,
) -> anyhow::Result<HashMap<i64, (i64, i64)>> {
    if units.is_empty() {
        return Ok(HashMap::new());
    }
    let select = |key: &str, from: &str, cond: String| {
        format!(
            "SELECT {key} AS unit_id, CAST(COUNT(*) AS BIGINT) AS open_cases,
                    CAST(SUM(CASE WHEN c.next_due < $1 THEN 1 ELSE 0 END) AS BIGINT) AS overdue
             FROM petition_cases c{from} WHERE c.is_open = TRUE AND {cond} GROUP BY {key}"
        )
    };
    let ids = |depth: Option<i32>| {
        id_list(
            units
                .iter()
                .filter(|u| depth.map_or(u.depth > 1, |d| u.depth == d))
                .map(|u| u.id),
        )
    };
    let mut parts = Vec::new();
    let provinces = ids(Some(0));
    if !provinces.is_empty() {
        parts.push(select(
            "c.province_id",
            "",
            format!("c.province_id IN ({provinces})"),
        ));
    }
    let communes = ids(Some(1));
    if !communes.is_empty() {
        parts.push(select(
            "c.commune_id",
            "",
            format!("c.commune_id IN ({communes})"),
        ));
    }
    let deeper = ids(None);
    if !deeper.is_empty() {
        parts.push(select(
            "g.id",
            " JOIN units u ON u.id = c.unit_id JOIN units g ON u.path LIKE g.path || '%'",
            format!("g.id IN ({deeper})"),
        ));
    }
    let rows: Vec<CountRow> = db
        .fetch_all(&query(parts.join(" UNION ALL ")).bind(today))
        .await?;
    Ok(rows
        .into_iter()
        .map(|r| (r.unit_id, (r.open_cases, r.overdue)))
        .collect())
}

async fn areas(
    db: &Db,
    scope: &WorkScope,
    today: NaiveDate,
    tr: Tr,
) -> anyhow::Result<Vec<WorkArea>> {
    let units = scope
        .area_units(db, &[&VIEW, &MEDIATE, &DIALOGUE], MOST)
        .await?;
    let viewed: Vec<&Unit> = units.iter().filter(|u| scope.allows(&VIEW, u)).collect();
    let counted = counts(db, &viewed, today).await?;
    let mut out = Vec::new();
    for u in &units {
        let code = urlencode(&u.code);
        let view = scope.allows(&VIEW, u);
        if view {
            let (open, overdue) = counted.get(&u.id).copied().unwrap_or((0, 0));
            out.push(WorkArea {
                title_key: "pet_work_list",
                unit: u.name.clone(),
                note: Some(format!(
                    "{open} {} · {overdue} {}",
                    tr.t("pet_work_open_count"),
                    tr.t("pet_work_overdue_count")
                )),
                href: format!("/units/{code}/petitions"),
            });
        }
        if scope.allows(&HANDLE, u) {
            out.push(WorkArea {
                title_key: "pet_new_case",
                unit: u.name.clone(),
                note: Some(tr.t("pet_work_new_case_note").to_owned()),
                href: format!("/units/{code}/petitions/new"),
            });
        }
        if view {
            out.push(WorkArea {
                title_key: "pet_reception",
                unit: u.name.clone(),
                note: Some(tr.t("pet_work_reception_note").to_owned()),
                href: format!("/units/{code}/reception"),
            });
        }
        if view || scope.allows(&MEDIATE, u) {
            out.push(WorkArea {
                title_key: "pet_community",
                unit: u.name.clone(),
                note: None,
                href: community_href(&u.code),
            });
        }
    }
    Ok(out)
}
