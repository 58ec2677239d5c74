//! Grassroots mediation (hòa giải ở cơ sở, Luật Hòa giải ở cơ sở 2013) and dialogue
//! conferences between heads and the people (hội nghị đối thoại, Luật 10/2022/QH15 Điều 32)
//! with the commitments made there.

use chrono::NaiveDate;
use dinh_platform::accounts::Principal;
use dinh_platform::audit::{self, Change};
use dinh_platform::db::{Db, ids::next_id, query};
use dinh_platform::units::Unit;
use dinh_platform::web::AppError;
use serde::Serialize;
use serde_json::json;

use super::scope::allow;
use crate::input::{BadInput, MAX_SHORT, MAX_TEXT, required};
use crate::permissions::{DIALOGUE, MEDIATE, VIEW};

/// Outcomes of a mediation (kết quả hòa giải).
pub const OUTCOMES: [&str; 4] = ["pending", "settled", "not_settled", "referred"];

async fn audited(
    db: &Db,
    p: Option<&Principal>,
    action: &str,
    object: &str,
    id: i64,
    sql: dinh_platform::db::Query,
    after: serde_json::Value,
) -> Result<(), AppError> {
    let actor = p.map_or_else(String::new, Principal::actor);
    let mut tx = db.begin().await?;
    let n = tx.execute(&sql).await?;
    if n == 0 {
        return Err(AppError::not_found());
    }
    audit::record(
        &mut tx,
        Change {
            actor: &actor,
            action,
            object_type: object,
            object_id: &id.to_string(),
            before: None,
            after: Some(after),
        },
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

/// A mediation team (tổ hòa giải).
#[derive(Debug, Clone, Serialize, sqlx::FromRow, utoipa::ToSchema)]
pub struct Team {
    /// Id.
    pub id: i64,
    /// Thôn.
    pub unit_id: i64,
    /// Name.
    pub name: String,
    /// Leader (tổ trưởng).
    pub leader: String,
    /// Members.
    pub members: i64,
}

/// Adds a mediation team at a thôn.
pub async fn add_team(
    db: &Db,
    p: Option<&Principal>,
    unit: &Unit,
    name: &str,
    leader: &str,
    members: i64,
) -> Result<i64, AppError> {
    allow(p, &MEDIATE, unit)?;
    let name = required("name", name, MAX_SHORT)?;
    let leader = required("leader", leader, MAX_SHORT)?;
    if !(1..=100).contains(&members) {
        return Err(BadInput("members: between 1 and 100".into()).into());
    }
    let id = next_id();
    let sql = query("INSERT INTO petition_mediation_teams (id, unit_id, name, leader, members, created_at) VALUES ($1, $2, $3, $4, $5, $6)")
        .bind(id).bind(unit.id).bind(name.as_str()).bind(leader.as_str()).bind(members).bind(dinh_platform::time::now_rfc3339());
    audited(
        db,
        p,
        "petitions.team_add",
        "petition_mediation_team",
        id,
        sql,
        json!({"unit": unit.code, "name": name, "leader": leader, "members": members}),
    )
    .await?;
    Ok(id)
}

/// A dispute mediated.
#[derive(Debug, Clone, Serialize, sqlx::FromRow, utoipa::ToSchema)]
pub struct Mediation {
    /// Id.
    pub id: i64,
    /// Team.
    pub team_id: i64,
    /// Thôn.
    pub unit_id: i64,
    /// Subject.
    pub subject: String,
    /// Opened on (ISO).
    pub opened_on: String,
    /// `pending`, `settled`, `not_settled`, `referred`.
    pub outcome: String,
    /// Closed on (ISO).
    pub closed_on: Option<String>,
}

/// Records a dispute brought to a team.
pub async fn open_mediation(
    db: &Db,
    p: Option<&Principal>,
    team_id: i64,
    subject: &str,
    opened_on: NaiveDate,
    case_id: Option<i64>,
) -> Result<i64, AppError> {
    let team: Team = db.fetch_optional(&query("SELECT id, unit_id, name, leader, members FROM petition_mediation_teams WHERE id = $1").bind(team_id)).await?.ok_or_else(AppError::not_found)?;
    let unit = super::unit_by_id(db, team.unit_id).await?;
    allow(p, &MEDIATE, &unit)?;
    let subject = required("subject", subject, MAX_TEXT)?;
    let id = next_id();
    let sql = query("INSERT INTO petition_mediations (id, team_id, unit_id, case_id, subject, opened_on, outcome, created_at) VALUES ($1, $2, $3, $4, $5, $6, 'pending', $7)")
        .bind(id).bind(team.id).bind(unit.id).bind(case_id).bind(subject.as_str()).bind(opened_on).bind(dinh_platform::time::now_rfc3339());
    audited(
        db,
        p,
        "petitions.mediation_open",
        "petition_mediation",
        id,
        sql,
        json!({"team": team.id, "opened_on": opened_on}),
    )
    .await?;
    Ok(id)
}

/// Records the outcome of a mediation.
pub async fn close_mediation(
    db: &Db,
    p: Option<&Principal>,
    id: i64,
    outcome: &str,
    closed_on: NaiveDate,
) -> Result<(), AppError> {
    let unit_id: i64 = db
        .scalar_optional(&query("SELECT unit_id FROM petition_mediations WHERE id = $1").bind(id))
        .await?
        .ok_or_else(AppError::not_found)?;
    let unit = super::unit_by_id(db, unit_id).await?;
    allow(p, &MEDIATE, &unit)?;
    if !OUTCOMES.contains(&outcome) || outcome == "pending" {
        return Err(BadInput("outcome: settled, not_settled or referred".into()).into());
    }
    let sql = query("UPDATE petition_mediations SET outcome = $1, closed_on = $2 WHERE id = $3")
        .bind(outcome)
        .bind(closed_on)
        .bind(id);
    audited(
        db,
        p,
        "petitions.mediation_close",
        "petition_mediation",
        id,
        sql,
        json!({"outcome": outcome, "closed_on": closed_on}),
    )
    .await
}

/// Teams and mediations of a unit's subtree.
pub async fn mediations(
    db: &Db,
    p: Option<&Principal>,
    unit: &Unit,
) -> Result<(Vec<Team>, Vec<Mediation>), AppError> {
    allow(p, &VIEW, unit).or_else(|_| allow(p, &MEDIATE, unit))?;
    let cte = dinh_platform::units::store::SUBTREE_CTE;
    let teams = db.fetch_all(&query(format!("{cte} SELECT id, unit_id, name, leader, members FROM petition_mediation_teams WHERE unit_id IN (SELECT id FROM subtree) ORDER BY name")).bind(unit.id)).await?;
    let ms = db.fetch_all(&query(format!("{cte} SELECT id, team_id, unit_id, subject, opened_on, outcome, closed_on FROM petition_mediations WHERE unit_id IN (SELECT id FROM subtree) ORDER BY opened_on DESC, id")).bind(unit.id)).await?;
    Ok((teams, ms))
}

/// A dialogue conference.
#[derive(Debug, Clone, Serialize, sqlx::FromRow, utoipa::ToSchema)]
pub struct Dialogue {
    /// Id.
    pub id: i64,
    /// Unit.
    pub unit_id: i64,
    /// Title.
    pub title: String,
    /// Planned day (ISO).
    pub planned_on: String,
    /// Held on (ISO).
    pub held_on: Option<String>,
    /// Chaired by.
    pub chaired_by: String,
    /// People attending.
    pub participants: Option<i64>,
}

/// A commitment made at a dialogue (cam kết), followed up to its due date.
#[derive(Debug, Clone, Serialize, sqlx::FromRow, utoipa::ToSchema)]
pub struct Commitment {
    /// Id.
    pub id: i64,
    /// Dialogue.
    pub dialogue_id: i64,
    /// Issue raised.
    pub issue: String,
    /// Answer given.
    pub answer: String,
    /// Who is responsible.
    pub owner: String,
    /// Due (ISO).
    pub due_on: String,
    /// Done (ISO).
    pub done_on: Option<String>,
}

/// Plans a dialogue.
pub async fn plan_dialogue(
    db: &Db,
    p: Option<&Principal>,
    unit: &Unit,
    title: &str,
    planned_on: NaiveDate,
    chaired_by: &str,
) -> Result<i64, AppError> {
    allow(p, &DIALOGUE, unit)?;
    let title = required("title", title, MAX_SHORT)?;
    let chaired_by = required("chaired_by", chaired_by, MAX_SHORT)?;
    let id = next_id();
    let sql = query("INSERT INTO petition_dialogues (id, unit_id, title, planned_on, chaired_by, created_at) VALUES ($1, $2, $3, $4, $5, $6)")
        .bind(id).bind(unit.id).bind(title.as_str()).bind(planned_on).bind(chaired_by.as_str()).bind(dinh_platform::time::now_rfc3339());
    audited(
        db,
        p,
        "petitions.dialogue_plan",
        "petition_dialogue",
        id,
        sql,
        json!({"unit": unit.code, "title": title, "planned_on": planned_on}),
    )
    .await?;
    Ok(id)
}

async fn dialogue_unit(db: &Db, id: i64) -> Result<Unit, AppError> {
    let unit_id: i64 = db
        .scalar_optional(&query("SELECT unit_id FROM petition_dialogues WHERE id = $1").bind(id))
        .await?
        .ok_or_else(AppError::not_found)?;
    super::unit_by_id(db, unit_id).await
}

/// Records that a dialogue was held.
pub async fn hold_dialogue(
    db: &Db,
    p: Option<&Principal>,
    id: i64,
    held_on: NaiveDate,
    participants: i64,
) -> Result<(), AppError> {
    let unit = dialogue_unit(db, id).await?;
    allow(p, &DIALOGUE, &unit)?;
    if !(1..=100_000).contains(&participants) {
        return Err(BadInput("participants: between 1 and 100000".into()).into());
    }
    let sql = query("UPDATE petition_dialogues SET held_on = $1, participants = $2 WHERE id = $3")
        .bind(held_on)
        .bind(participants)
        .bind(id);
    audited(
        db,
        p,
        "petitions.dialogue_held",
        "petition_dialogue",
        id,
        sql,
        json!({"held_on": held_on, "participants": participants}),
    )
    .await
}

/// Adds a commitment made at a dialogue.
pub async fn commit(
    db: &Db,
    p: Option<&Principal>,
    dialogue_id: i64,
    issue: &str,
    answer: &str,
    owner: &str,
    due_on: NaiveDate,
) -> Result<i64, AppError> {
    let unit = dialogue_unit(db, dialogue_id).await?;
    allow(p, &DIALOGUE, &unit)?;
    let issue = required("issue", issue, MAX_TEXT)?;
    let answer = required("answer", answer, MAX_TEXT)?;
    let owner = required("owner", owner, MAX_SHORT)?;
    let id = next_id();
    let sql = query("INSERT INTO petition_commitments (id, dialogue_id, issue, answer, owner, due_on, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7)")
        .bind(id).bind(dialogue_id).bind(issue.as_str()).bind(answer.as_str()).bind(owner.as_str()).bind(due_on).bind(dinh_platform::time::now_rfc3339());
    audited(
        db,
        p,
        "petitions.commitment_add",
        "petition_commitment",
        id,
        sql,
        json!({"dialogue": dialogue_id, "owner": owner, "due_on": due_on}),
    )
    .await?;
    Ok(id)
}

/// Marks a commitment kept.
pub async fn commitment_done(
    db: &Db,
    p: Option<&Principal>,
    id: i64,
    done_on: NaiveDate,
) -> Result<(), AppError> {
    let dialogue_id: i64 = db
        .scalar_optional(
            &query("SELECT dialogue_id FROM petition_commitments WHERE id = $1").bind(id),
        )
        .await?
        .ok_or_else(AppError::not_found)?;
    let unit = dialogue_unit(db, dialogue_id).await?;
    allow(p, &DIALOGUE, &unit)?;
    let sql = query("UPDATE petition_commitments SET done_on = $1 WHERE id = $2")
        .bind(done_on)
        .bind(id);
    audited(
        db,
        p,
        "petitions.commitment_done",
        "petition_commitment",
        id,
        sql,
        json!({"done_on": done_on}),
    )
    .await
}

/// Dialogues of a unit with their commitments.
pub async fn dialogues(
    db: &Db,
    p: Option<&Principal>,
    unit: &Unit,
) -> Result<Vec<(Dialogue, Vec<Commitment>)>, AppError> {
    allow(p, &VIEW, unit).or_else(|_| allow(p, &DIALOGUE, unit))?;
    let ds: Vec<Dialogue> = db.fetch_all(&query("SELECT id, unit_id, title, planned_on, held_on, chaired_by, participants FROM petition_dialogues WHERE unit_id = $1 ORDER BY planned_on DESC, id").bind(unit.id)).await?;
    let all: Vec<Commitment> = db.fetch_all(&query("SELECT c.id, c.dialogue_id, c.issue, c.answer, c.owner, c.due_on, c.done_on FROM petition_commitments c JOIN petition_dialogues d ON d.id = c.dialogue_id WHERE d.unit_id = $1 ORDER BY c.due_on, c.id").bind(unit.id)).await?;
    Ok(ds
        .into_iter()
        .map(|d| {
            let cs = all
                .iter()
                .filter(|c| c.dialogue_id == d.id)
                .cloned()
                .collect();
            (d, cs)
        })
        .collect())
}
