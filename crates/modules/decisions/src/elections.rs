//! Village-head elections (bầu trưởng thôn, tổ trưởng tổ dân phố; Nghị định 59/2023 Điều 6-9):
//! the commune plan, the election team, the public notice and the candidate list each at least
//! the pack's days before; nominations at the meeting; a secret vote won by more than the pack's
//! share of all households; no winner → the commune decides a re-vote; after a dismissal a new
//! election within the pack's days.

use chrono::NaiveDate;
use dinh_platform::accounts::{Principal, authorize};
use dinh_platform::audit::{self, Change};
use dinh_platform::db::{Db, Tx, ids::next_id, query};
use serde::{Deserialize, Serialize};
use serde_json::json;

use crate::dates::{dmy, parse};
use crate::error::{Error, Result, refuse};
use crate::matters::{self, Matter, NewMatter, Origin};
use crate::votes::ensure_open;
use crate::{DecisionsModule, permissions};

/// An election to organise.
#[derive(Debug, Clone, Deserialize, utoipa::ToSchema)]
pub struct ElectionInput {
    /// Thôn code.
    pub unit_code: String,
    /// Day of the election meeting (dd/mm/yyyy).
    pub election_on: String,
    /// Day the commune issued its plan.
    pub plan_on: String,
    /// Day the election team was set up.
    pub team_on: String,
    /// Day of the public notice.
    pub notice_on: String,
    /// Day the candidate list went to the commune.
    pub candidates_on: String,
    /// Candidates on the list.
    pub candidates: Vec<String>,
    /// Day the previous village head was dismissed, if the election follows a dismissal.
    #[serde(default)]
    pub dismissal_on: String,
}

/// An election with its candidates and result.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct ElectionView {
    /// The matter (matter 4, secret).
    pub matter_id: i64,
    /// Day of the election (ISO).
    pub election_on: String,
    /// Candidates (id, name, nominated at the meeting).
    pub candidates: Vec<(i64, String, bool)>,
    /// The winner's candidate id, once counted.
    pub winner_id: Option<i64>,
    /// The re-vote of this election, if one was decided.
    pub revote_id: Option<i64>,
}

fn before(
    m: &DecisionsModule,
    field: &'static str,
    day: NaiveDate,
    election: NaiveDate,
    rule: &dinh_rules::Duration,
    what_vi: &str,
    what_en: &str,
) -> Result<()> {
    let latest = m.calendar().latest_date_before(election, rule.period())?;
    if day > latest {
        return refuse(
            field,
            format!(
                "{what_vi} phải có chậm nhất ngày {} (trước ngày bầu {} ít nhất {} ngày, {})",
                dmy(latest),
                dmy(election),
                rule.count,
                rule.citation()
            ),
            format!(
                "the {what_en} had to be done by {} (at least {} days before the election on {}, {})",
                dmy(latest),
                rule.count,
                dmy(election),
                rule.citation()
            ),
        );
    }
    Ok(())
}

/// Organises an election: checks every time limit, then opens the secret vote with its list.
pub async fn create(
    m: &DecisionsModule,
    db: &Db,
    who: Option<&Principal>,
    input: &ElectionInput,
    on: NaiveDate,
) -> Result<Matter> {
    let unit = crate::households::unit(db, &input.unit_code).await?;
    authorize(who, &permissions::PROPOSE, Some(&unit))?;
    let pack = m.rules().in_force_on(on)?;
    let rules = &pack.village_head_election;
    let election = parse("election_on", &input.election_on)?;
    let plan = parse("plan_on", &input.plan_on)?;
    let team = parse("team_on", &input.team_on)?;
    let notice = parse("notice_on", &input.notice_on)?;
    let list = parse("candidates_on", &input.candidates_on)?;
    before(
        m,
        "plan_on",
        plan,
        election,
        &rules.plan,
        "Kế hoạch của UBND xã",
        "commune plan",
    )?;
    before(
        m,
        "team_on",
        team,
        election,
        &rules.team,
        "Tổ bầu cử",
        "election team",
    )?;
    before(
        m,
        "notice_on",
        notice,
        election,
        &rules.notice,
        "Thông báo công khai",
        "public notice",
    )?;
    before(
        m,
        "candidates_on",
        list,
        election,
        &rules.candidates,
        "Danh sách ứng cử viên",
        "candidate list",
    )?;
    let names: Vec<&str> = input
        .candidates
        .iter()
        .map(|s| s.trim())
        .filter(|s| !s.is_empty())
        .collect();
    if names.len() < usize::try_from(rules.min_candidates.value).unwrap_or(usize::MAX) {
        return refuse(
            "candidates",
            format!(
                "cần ít nhất {} ứng cử viên ({})",
                rules.min_candidates.value,
                rules.min_candidates.citation()
            ),
            format!(
                "at least {} candidate needed ({})",
                rules.min_candidates.value,
                rules.min_candidates.citation()
            ),
        );
    }
    let dismissal = crate::dates::parse_optional("dismissal_on", &input.dismissal_on)?;
    if let Some(d) = dismissal {
        let due = m.calendar().due_date(d, rules.after_dismissal.period())?;
        if election > due {
            return refuse(
                "election_on",
                format!(
                    "sau khi cho thôi làm trưởng thôn ngày {}, phải bầu chậm nhất ngày {} ({})",
                    dmy(d),
                    dmy(due),
                    rules.after_dismissal.citation()
                ),
                format!(
                    "after the dismissal on {}, the election must be held by {} ({})",
                    dmy(d),
                    dmy(due),
                    rules.after_dismissal.citation()
                ),
            );
        }
    }
    let actor = who.map(Principal::actor).unwrap_or_default();
    let new = NewMatter {
        unit_code: unit.code.clone(),
        matter: 4,
        title: format!("Bầu trưởng thôn {}", unit.name),
        content: format!("Bầu trưởng thôn ngày {}", dmy(election)),
        origin: Origin::VillageHead,
        secret: true,
        election: true,
        initiative_id: None,
    };
    let mut tx = db.begin().await?;
    let id = matters::insert(m, &mut tx, &actor, &unit, &new, on, None).await?;
    tx.execute(
        &query("INSERT INTO decision_elections (matter_id, election_on, plan_on, team_on, notice_on, candidates_on, dismissal_on) VALUES ($1, $2, $3, $4, $5, $6, $7)")
            .bind(id).bind(election).bind(plan).bind(team).bind(notice).bind(list).bind(dismissal),
    )
    .await?;
    for name in &names {
        add_candidate(&mut tx, id, name, false).await?;
    }
    audit::record(&mut tx, Change { actor: &actor, action: "decisions.election", object_type: "decision_matter", object_id: &id.to_string(),
        before: None, after: Some(json!({"unit": unit.code, "election_on": election, "candidates": names, "dismissal_on": dismissal})) }).await?;
    tx.commit().await?;
    matters::get(db, id).await
}

async fn add_candidate(tx: &mut Tx, matter_id: i64, name: &str, at_meeting: bool) -> Result<i64> {
    let id = next_id();
    tx.execute(
        &query("INSERT INTO decision_candidates (id, matter_id, full_name, nominated_at_meeting, created_at) VALUES ($1, $2, $3, $4, $5)")
            .bind(id).bind(matter_id).bind(name).bind(at_meeting).bind(dinh_platform::time::now_rfc3339()),
    )
    .await?;
    Ok(id)
}

/// A candidate nominated by household representatives at the meeting, before any box is counted.
pub async fn nominate(db: &Db, who: Option<&Principal>, matter_id: i64, name: &str) -> Result<i64> {
    let matter = matters::get(db, matter_id).await?;
    let unit = matters::unit_of(db, &matter).await?;
    authorize(who, &permissions::RUN, Some(&unit))?;
    let name = name.trim();
    if name.is_empty() {
        return refuse(
            "full_name",
            "ghi họ tên người được giới thiệu",
            "give the nominee's full name",
        );
    }
    let actor = who.map(Principal::actor).unwrap_or_default();
    let mut tx = db.begin().await?;
    let matter = matters::lock(&mut tx, matter.id).await?;
    ensure_open(&matter)?;
    if !matter.is_election() {
        return refuse(
            "matter",
            "việc này không phải cuộc bầu cử",
            "this matter is not an election",
        );
    }
    let counted: i64 = tx
        .scalar(
            &query("SELECT COUNT(*) FROM decision_secret_ballots WHERE matter_id = $1")
                .bind(matter.id),
        )
        .await?;
    if counted > 0 {
        return refuse(
            "matter",
            "đã kiểm phiếu: không giới thiệu thêm ứng cử viên",
            "ballots have been counted: no more nominations",
        );
    }
    let id = add_candidate(&mut tx, matter.id, name, true).await?;
    audit::record(
        &mut tx,
        Change {
            actor: &actor,
            action: "decisions.nominate",
            object_type: "decision_matter",
            object_id: &matter.id.to_string(),
            before: None,
            after: Some(json!({"candidate": id, "full_name": name, "at_meeting": true})),
        },
    )
    .await?;
    tx.commit().await?;
    Ok(id)
}

/// The commune's decision to hold a re-vote (bầu lại) when nobody won: a new secret vote with
/// the same candidates on `election_on`.
pub async fn revote(
    m: &DecisionsModule,
    db: &Db,
    who: Option<&Principal>,
    matter_id: i64,
    election_on: &str,
    on: NaiveDate,
) -> Result<Matter> {
    let old = matters::get(db, matter_id).await?;
    let unit = matters::unit_of(db, &old).await?;
    authorize(who, &permissions::RECOGNISE, Some(&unit))?;
    let day = parse("election_on", election_on)?;
    if !old.is_election() || old.is_open() || old.passed != Some(false) {
        return refuse(
            "matter",
            "chỉ bầu lại khi cuộc bầu đã kết thúc mà không ai trúng cử",
            "a re-vote is decided only when a closed election elected nobody",
        );
    }
    let actor = who.map(Principal::actor).unwrap_or_default();
    let mut tx = db.begin().await?;
    let already: Option<i64> = tx
        .scalar_optional(
            &query("SELECT id FROM decision_matters WHERE revote_of = $1").bind(old.id),
        )
        .await?;
    if already.is_some() {
        return refuse(
            "matter",
            "đã quyết định bầu lại cho cuộc bầu này",
            "a re-vote has already been decided for this election",
        );
    }
    let new = NewMatter {
        unit_code: unit.code.clone(),
        matter: 4,
        title: format!("Bầu lại trưởng thôn {}", unit.name),
        content: format!(
            "Bầu lại ngày {} (cuộc bầu ngày {} không có người trúng cử)",
            dmy(day),
            old.closed_on
                .as_deref()
                .map(dinh_platform::time::show_date)
                .unwrap_or_default()
        ),
        origin: Origin::VillageHead,
        secret: true,
        election: true,
        initiative_id: None,
    };
    let id = matters::insert(m, &mut tx, &actor, &unit, &new, on, Some(old.id)).await?;
    tx.execute(
        &query("INSERT INTO decision_elections (matter_id, election_on, plan_on, team_on, notice_on, candidates_on)
                SELECT $2, $3, plan_on, team_on, notice_on, candidates_on FROM decision_elections WHERE matter_id = $1")
            .bind(old.id).bind(id).bind(day),
    )
    .await?;
    tx.execute(
        &query("UPDATE decision_elections SET revote_decided_on = $2 WHERE matter_id = $1")
            .bind(old.id)
            .bind(on),
    )
    .await?;
    let names: Vec<(String,)> = tx
        .fetch_all(
            &query("SELECT full_name FROM decision_candidates WHERE matter_id = $1 ORDER BY id")
                .bind(old.id),
        )
        .await?;
    for (name,) in &names {
        add_candidate(&mut tx, id, name, false).await?;
    }
    audit::record(
        &mut tx,
        Change {
            actor: &actor,
            action: "decisions.revote",
            object_type: "decision_matter",
            object_id: &id.to_string(),
            before: None,
            after: Some(json!({"revote_of": old.id, "election_on": day})),
        },
    )
    .await?;
    tx.commit().await?;
    matters::get(db, id).await
}

/// The election of a matter.
pub async fn view(db: &Db, matter_id: i64) -> Result<ElectionView> {
    let row: Option<(String, Option<i64>)> = db
        .fetch_optional(
            &query("SELECT election_on, winner_id FROM decision_elections WHERE matter_id = $1")
                .bind(matter_id),
        )
        .await?;
    let (election_on, winner_id) = row.ok_or(Error::NotFound("election"))?;
    let candidates: Vec<(i64, String, bool)> = db
        .fetch_all(&query("SELECT id, full_name, nominated_at_meeting FROM decision_candidates WHERE matter_id = $1 ORDER BY id").bind(matter_id))
        .await?;
    let revote_id: Option<i64> = db
        .scalar_optional(
            &query("SELECT id FROM decision_matters WHERE revote_of = $1").bind(matter_id),
        )
        .await?;
    Ok(ElectionView {
        matter_id,
        election_on,
        candidates,
        winner_id,
        revote_id,
    })
}
