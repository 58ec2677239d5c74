//! The officers' work page of a matter (trang nghiệp vụ): its meetings with the notice check,
//! attendance and procedural votes, the household ballot plan and the ballots awaiting their
//! second check, the online-vote agreement, closing, the decision document with its clocks, and
//! for an election its candidates and re-vote. Seen by those who may see the register.

use askama::Template;
use axum::Extension;
use axum::extract::{Path, Query, State};
use axum::response::{IntoResponse, Response};
use chrono::NaiveDate;
use dinh_platform::accounts::authorize;
use dinh_platform::db::query;
use dinh_platform::time::{show_date, today_vn};
use dinh_platform::web::{AppError, AppState, Chrome, Ctx, render};
use serde::Deserialize;

use crate::document::DecisionDocument;
use crate::elections::ElectionView;
use crate::meetings::AttendanceAdvice;
use crate::{DecisionsModule, Matter, clocks, matters, permissions};

/// A meeting of the matter as the work page shows it.
struct MeetingRow {
    id: i64,
    place: String,
    cluster: String,
    held_on: String,
    notice_on: String,
    /// The notice-period warning (thông báo muộn), empty when on time.
    late: String,
    present: i64,
    procedural: Vec<String>,
}

/// The household ballot plan as shown.
struct PlanRow {
    issued_on: String,
    published_on: String,
    distribution_on: String,
    team_head: String,
    team: String,
}

/// The document's days as dd/mm/yyyy (empty when not yet).
#[derive(Default)]
struct DocDates {
    send_due: String,
    sent: String,
    recognition_due: String,
    recognised: String,
    refused: String,
}

impl DocDates {
    fn of(d: &DecisionDocument) -> Self {
        let opt = |x: &Option<String>| x.as_deref().map(show_date).unwrap_or_default();
        Self {
            send_due: show_date(&d.send_due_on),
            sent: opt(&d.sent_on),
            recognition_due: opt(&d.recognition_due_on),
            recognised: opt(&d.recognised_on),
            refused: opt(&d.refused_on),
        }
    }
}

#[derive(Template)]
#[template(path = "decisions/work.html")]
struct WorkPage {
    c: Chrome,
    m: Matter,
    can_run: bool,
    can_propose: bool,
    can_recognise: bool,
    notice: Option<String>,
    /// The household filled in the vote form (an officer acting for it).
    for_household: String,
    reminders: Vec<String>,
    meetings: Vec<MeetingRow>,
    advice: Option<AttendanceAdvice>,
    advice_text: String,
    plan: Option<PlanRow>,
    awaiting: Vec<(String, String)>,
    entered: i64,
    consent: (i64, i64),
    doc: Option<DecisionDocument>,
    doc_dates: DocDates,
    election: Option<ElectionView>,
    candidates: Vec<Candidate>,
    online_possible: bool,
}

/// A candidate of an election as listed.
struct Candidate {
    id: i64,
    name: String,
    at_meeting: bool,
    winner: bool,
}

/// `?done=…`: which form just succeeded.
#[derive(Deserialize)]
pub(crate) struct Done {
    done: Option<String>,
    /// The household an officer acts for (from its page): fills the vote form.
    #[serde(default)]
    household: Option<String>,
}

fn iso_dmy(iso: &str) -> String {
    show_date(iso)
}

/// `/matters/{id}/work`: the work page (register viewers; forms shown to those who may act).
pub(crate) async fn page(
    Extension(m): Extension<DecisionsModule>,
    State(s): State<AppState>,
    ctx: Ctx,
    Path(id): Path<i64>,
    Query(q): Query<Done>,
) -> Result<Response, AppError> {
    let tr = ctx.tr;
    let app = |e: crate::Error| e.into_app(tr);
    let matter = matters::get(&s.db, id).await.map_err(app)?;
    let unit = matters::unit_of(&s.db, &matter).await.map_err(app)?;
    let who = ctx.principal.as_ref();
    authorize(who, &permissions::VIEW_REGISTER, Some(&unit))?;
    let can = |p| authorize(who, p, Some(&unit)).is_ok();
    let pack = m.pack(&matter.rule_pack_id).map_err(app)?;
    let today = today_vn();

    let rows: Vec<(i64, String, Option<String>, String, String)> = s
        .db
        .fetch_all(
            &query(
                "SELECT mt.id, u.name, mt.cluster, mt.held_on, mt.notice_on FROM decision_meetings mt
                 JOIN units u ON u.id = mt.unit_id WHERE mt.matter_id = $1 ORDER BY mt.held_on, mt.id",
            )
            .bind(id),
        )
        .await?;
    let mut meetings = Vec::with_capacity(rows.len());
    for (mid, place, cluster, held_on, notice_on) in rows {
        let present: i64 =
            s.db.scalar(
                &query("SELECT COUNT(*) FROM decision_attendance WHERE meeting_id = $1").bind(mid),
            )
            .await?;
        let procedural: Vec<(String, String, String, String)> = s
            .db
            .fetch_all(
                &query("SELECT subject, detail, result_vi, result_en FROM decision_procedural_votes WHERE meeting_id = $1 ORDER BY id")
                    .bind(mid),
            )
            .await?;
        let late = match (
            dinh_platform::time::parse_date(&held_on),
            dinh_platform::time::parse_date(&notice_on),
        ) {
            (Some(h), Some(n)) => late_notice(&m, pack, h, n)
                .map_err(app)?
                .map(|(vi, en)| tr.pick(&vi, &en).to_owned())
                .unwrap_or_default(),
            _ => String::new(),
        };
        meetings.push(MeetingRow {
            id: mid,
            place,
            cluster: cluster.unwrap_or_default(),
            held_on: iso_dmy(&held_on),
            notice_on: iso_dmy(&notice_on),
            late,
            present,
            procedural: procedural
                .into_iter()
                .map(|(subject, detail, vi, en)| {
                    format!("{subject} ({detail}): {}", tr.pick(&vi, &en))
                })
                .collect(),
        });
    }
    let advice = if matter.is_open() && !meetings.is_empty() {
        Some(
            crate::meetings::advice(&m, &s.db, &matter, today)
                .await
                .map_err(app)?,
        )
    } else {
        None
    };
    let advice_text = advice
        .as_ref()
        .map(|a| tr.pick(&a.advice_vi, &a.advice_en).to_owned())
        .unwrap_or_default();
    let plan: Option<(String, String, String, String, String)> = s
        .db
        .fetch_optional(
            &query("SELECT issued_on, published_on, distribution_on, team_head, team FROM decision_ballot_plans WHERE matter_id = $1")
                .bind(id),
        )
        .await?;
    let awaiting: Vec<(String, String)> = crate::ballots::awaiting_check(&s.db, id)
        .await
        .map_err(app)?
        .into_iter()
        .map(|a| (a.household, a.recorded_by))
        .collect();
    let entered: i64 =
        s.db.scalar(&query("SELECT COUNT(*) FROM decision_votes WHERE matter_id = $1").bind(id))
            .await?;
    let agreed: i64 =
        s.db.scalar(
            &query("SELECT COUNT(*) FROM decision_online_consents WHERE matter_id = $1").bind(id),
        )
        .await?;
    let households = dinh_platform::households::count_at(&s.db, matter.unit_id, today).await?;
    let doc = match crate::document::get(&s.db, id).await {
        Ok(d) => Some(d),
        Err(crate::Error::NotFound(_)) => None,
        Err(e) => return Err(app(e)),
    };
    let election = if matter.is_election() {
        match crate::elections::view(&s.db, id).await {
            Ok(v) => Some(v),
            Err(crate::Error::NotFound(_)) => None,
            Err(e) => return Err(app(e)),
        }
    } else {
        None
    };
    let reminders = clocks::reminders_for(&m, &s.db, &matter, today)
        .await
        .map_err(app)?
        .into_iter()
        .map(|r| tr.pick(&r.vi, &r.en).to_owned())
        .collect();
    let notice = q.done.as_deref().and_then(|d| match d {
        "meeting" | "attendance" | "procedural" | "plan" | "vote" | "check" | "consent"
        | "document" | "sent" | "recognition" | "candidate" | "revote" | "election" | "count" => {
            Some(tr.t("decisions_saved").to_owned())
        }
        _ => None,
    });
    let online_possible = pack
        .decisions
        .online_vote_matters
        .contains(u32::try_from(matter.matter).unwrap_or(0));
    let page = WorkPage {
        c: ctx.chrome(format!("{} · {}", tr.t("decisions_work"), matter.title)),
        can_run: can(&permissions::RUN),
        can_propose: can(&permissions::PROPOSE),
        can_recognise: can(&permissions::RECOGNISE),
        notice,
        for_household: q.household.clone().unwrap_or_default(),
        reminders,
        meetings,
        advice,
        advice_text,
        plan: plan.map(|(i, p, d, h, t)| PlanRow {
            issued_on: iso_dmy(&i),
            published_on: iso_dmy(&p),
            distribution_on: iso_dmy(&d),
            team_head: h,
            team: t,
        }),
        awaiting,
        entered,
        consent: (agreed, households),
        doc_dates: doc.as_ref().map(DocDates::of).unwrap_or_default(),
        doc,
        candidates: election
            .as_ref()
            .map(|e| {
                e.candidates
                    .iter()
                    .map(|(cid, name, at_meeting)| Candidate {
                        id: *cid,
                        name: name.clone(),
                        at_meeting: *at_meeting,
                        winner: e.winner_id == Some(*cid),
                    })
                    .collect()
            })
            .unwrap_or_default(),
        election,
        online_possible,
        m: matter,
    };
    Ok(render(&page)?.into_response())
}

/// The warning when the notice reached households later than the pack's days before the
/// meeting (thông báo trước ít nhất 2 ngày), in Vietnamese and English.
fn late_notice(
    m: &DecisionsModule,
    pack: &dinh_rules::RulePack,
    held_on: NaiveDate,
    notice_on: NaiveDate,
) -> crate::Result<Option<(String, String)>> {
    let latest = m
        .calendar()
        .latest_date_before(held_on, pack.decisions.meeting_notice.period())?;
    if notice_on <= latest {
        return Ok(None);
    }
    let rule = &pack.decisions.meeting_notice;
    Ok(Some((
        format!(
            "Thông báo muộn: phải đến hộ chậm nhất ngày {} (trước ít nhất {} ngày, {})",
            crate::dates::dmy(latest),
            rule.count,
            rule.citation()
        ),
        format!(
            "Late notice: it had to reach households by {} (at least {} days before, {})",
            crate::dates::dmy(latest),
            rule.count,
            rule.citation()
        ),
    )))
}
