//! Reads: projects, boards and their members, activities, findings and recommendations, each
//! with the unit it belongs to.

use chrono::NaiveDate;
use dinh_platform::db::{Db, DbResult, query};
use serde::Serialize;

use super::status;

/// An investment project (dự án đầu tư) of a commune.
#[derive(Debug, Clone, Serialize, sqlx::FromRow, utoipa::ToSchema)]
pub struct Project {
    /// Id.
    pub id: i64,
    /// The commune.
    #[serde(skip)]
    pub unit_id: i64,
    /// Its code.
    pub unit_code: String,
    /// Its name.
    pub unit_name: String,
    /// Name of the project.
    pub name: String,
    /// The investor (chủ đầu tư).
    pub investor: String,
    /// Funding sources.
    pub funding: String,
    /// The budget, as written.
    pub budget: String,
    /// Where it is built.
    pub place: String,
    /// First day of the works (ISO).
    pub starts_on: String,
    /// Last day of the works (ISO).
    pub ends_on: String,
    /// The contractors, one a line.
    pub contractors: String,
}

/// A board (Ban Thanh tra nhân dân, Ban Giám sát đầu tư của cộng đồng).
#[derive(Debug, Clone, Serialize, sqlx::FromRow, utoipa::ToSchema)]
pub struct Board {
    /// Id.
    pub id: i64,
    /// The commune.
    #[serde(skip)]
    pub unit_id: i64,
    /// Its code.
    pub unit_code: String,
    /// Its name.
    pub unit_name: String,
    /// Its `path` (for permission checks).
    #[serde(skip)]
    pub unit_path: String,
    /// `inspection` or `investment`.
    pub kind: String,
    /// The project supervised (investment boards).
    pub project_id: Option<i64>,
    /// Name of the board.
    pub name: String,
    /// First day of the term (ISO).
    pub term_from: String,
    /// Last day of the term (ISO).
    pub term_to: String,
    /// The Front's act recognising it.
    pub recognition: String,
    /// The rule pack its composition was checked under.
    pub rule_pack_id: String,
}

/// A member of a board.
#[derive(Debug, Clone, Serialize, sqlx::FromRow, utoipa::ToSchema)]
pub struct Member {
    /// Order on the board.
    pub number: i64,
    /// Full name.
    pub name: String,
    /// `head`, `deputy` or `member`.
    pub position: String,
    /// Whom the member represents.
    pub represents: String,
}

/// An inspection or supervision (cuộc kiểm tra, giám sát).
#[derive(Debug, Clone, Serialize, sqlx::FromRow, utoipa::ToSchema)]
pub struct Activity {
    /// Id.
    pub id: i64,
    /// The board.
    pub board_id: i64,
    /// Its name.
    pub board_name: String,
    /// Its kind.
    pub board_kind: String,
    /// The commune.
    #[serde(skip)]
    pub unit_id: i64,
    /// Its code.
    pub unit_code: String,
    /// Its name.
    pub unit_name: String,
    /// Its `path`.
    #[serde(skip)]
    pub unit_path: String,
    /// Who or what is inspected or supervised.
    pub subject: String,
    /// What is looked at.
    pub scope: String,
    /// Day the plan or notice was sent (ISO).
    pub notice_on: String,
    /// The latest day the notice could be sent (ISO).
    pub notice_due: String,
    /// First day (ISO).
    pub starts_on: String,
    /// Last day (ISO).
    pub ends_on: String,
    /// The rule pack in force when it was recorded.
    pub rule_pack_id: String,
}

/// A finding of an activity.
#[derive(Debug, Clone, Serialize, sqlx::FromRow, utoipa::ToSchema)]
pub struct Finding {
    /// Id.
    pub id: i64,
    /// The activity.
    pub activity_id: i64,
    /// What was found.
    pub body: String,
    /// The evidence (minutes, photos, documents), as described.
    pub evidence: String,
    /// Day it was found (ISO).
    pub found_on: String,
}

/// A recommendation (kiến nghị) with its answer.
#[derive(Debug, Clone, Serialize, sqlx::FromRow, utoipa::ToSchema)]
pub struct Recommendation {
    /// Id.
    pub id: i64,
    /// The finding it follows from.
    pub finding_id: i64,
    /// The activity of the finding.
    pub activity_id: i64,
    /// The board.
    pub board_id: i64,
    /// Its name.
    pub board_name: String,
    /// The authority's unit.
    #[serde(skip)]
    pub unit_id: i64,
    /// Its code.
    pub unit_code: String,
    /// Its name.
    pub unit_name: String,
    /// Its `path`.
    #[serde(skip)]
    pub unit_path: String,
    /// The authority it is sent to (e.g. UBND xã).
    pub authority: String,
    /// The recommendation.
    pub body: String,
    /// Day it was sent (ISO).
    pub sent_on: String,
    /// The last day of the answer (ISO).
    pub due_on: String,
    /// The rule pack the answer's time came from.
    pub rule_pack_id: String,
    /// `due`, `answered` or `rejected`.
    pub status: String,
    /// The authority's answer.
    pub answer: Option<String>,
    /// Day of the answer (ISO).
    pub answered_on: Option<String>,
    /// Who answered (name).
    pub answered_by: Option<String>,
    /// Why the board did not accept the answer.
    pub rejection: Option<String>,
}

impl Recommendation {
    /// The state seen on `today`: due, overdue, answered or rejected.
    pub fn state(&self, today: NaiveDate) -> &'static str {
        match self.status.as_str() {
            status::ANSWERED => status::ANSWERED,
            status::REJECTED => status::REJECTED,
            _ if self.due_on.as_str() < today.to_string().as_str() => status::OVERDUE,
            _ => status::DUE,
        }
    }

    /// Answered no later than its last day.
    pub fn answered_on_time(&self) -> bool {
        self.answered_on
            .as_deref()
            .is_some_and(|a| a <= self.due_on.as_str())
    }
}

const PROJECT: &str = "SELECT p.id, p.unit_id, u.code AS unit_code, u.name AS unit_name, p.name,
    p.investor, p.funding, p.budget, p.place, p.starts_on, p.ends_on, p.contractors
    FROM oversight_projects p JOIN units u ON u.id = p.unit_id";

const BOARD: &str = "SELECT b.id, b.unit_id, u.code AS unit_code, u.name AS unit_name,
    u.path AS unit_path, b.kind, b.project_id, b.name, b.term_from, b.term_to, b.recognition, b.rule_pack_id
    FROM oversight_boards b JOIN units u ON u.id = b.unit_id";

const ACTIVITY: &str = "SELECT a.id, a.board_id, b.name AS board_name, b.kind AS board_kind,
    a.unit_id, u.code AS unit_code, u.name AS unit_name, u.path AS unit_path, a.subject, a.scope,
    a.notice_on, a.notice_due, a.starts_on, a.ends_on, a.rule_pack_id
    FROM oversight_activities a JOIN oversight_boards b ON b.id = a.board_id
    JOIN units u ON u.id = a.unit_id";

const RECOMMENDATION: &str = "SELECT r.id, r.finding_id, f.activity_id, r.board_id,
    b.name AS board_name, r.unit_id, u.code AS unit_code, u.name AS unit_name, u.path AS unit_path,
    r.authority, r.body, r.sent_on, r.due_on, r.rule_pack_id, r.status, r.answer, r.answered_on,
    r.answered_by, r.rejection
    FROM oversight_recommendations r JOIN oversight_findings f ON f.id = r.finding_id
    JOIN oversight_boards b ON b.id = r.board_id JOIN units u ON u.id = r.unit_id";

/// A project by id.
pub async fn project(db: &Db, id: i64) -> DbResult<Option<Project>> {
    db.fetch_optional(&query(format!("{PROJECT} WHERE p.id = $1")).bind(id))
        .await
}

/// The projects of a unit and the units under it, newest first.
pub async fn projects_for_unit(db: &Db, path: &str, limit: i64) -> DbResult<Vec<Project>> {
    db.fetch_all(
        &query(format!(
            "{PROJECT} WHERE u.path LIKE $1 ORDER BY p.starts_on DESC, p.id DESC LIMIT $2"
        ))
        .bind(format!("{path}%"))
        .bind(limit),
    )
    .await
}

/// A board by id.
pub async fn board(db: &Db, id: i64) -> DbResult<Option<Board>> {
    db.fetch_optional(&query(format!("{BOARD} WHERE b.id = $1")).bind(id))
        .await
}

/// The boards of a unit and the units under it, the inspection boards first.
pub async fn boards_for_unit(db: &Db, path: &str, limit: i64) -> DbResult<Vec<Board>> {
    db.fetch_all(
        &query(format!(
            "{BOARD} WHERE u.path LIKE $1 ORDER BY b.kind DESC, b.term_from DESC, b.id LIMIT $2"
        ))
        .bind(format!("{path}%"))
        .bind(limit),
    )
    .await
}

/// The members of a board, in order.
pub async fn members(db: &Db, board_id: i64) -> DbResult<Vec<Member>> {
    db.fetch_all(
        &query(
            "SELECT number, name, position, represents FROM oversight_members
             WHERE board_id = $1 ORDER BY number",
        )
        .bind(board_id),
    )
    .await
}

/// An activity by id.
pub async fn activity(db: &Db, id: i64) -> DbResult<Option<Activity>> {
    db.fetch_optional(&query(format!("{ACTIVITY} WHERE a.id = $1")).bind(id))
        .await
}

/// The activities of a board, newest first.
pub async fn activities_of_board(db: &Db, board_id: i64) -> DbResult<Vec<Activity>> {
    db.fetch_all(
        &query(format!(
            "{ACTIVITY} WHERE a.board_id = $1 ORDER BY a.starts_on DESC, a.id DESC LIMIT 500"
        ))
        .bind(board_id),
    )
    .await
}

/// The findings of an activity, in order.
pub async fn findings_of_activity(db: &Db, activity_id: i64) -> DbResult<Vec<Finding>> {
    db.fetch_all(
        &query(
            "SELECT id, activity_id, body, evidence, found_on FROM oversight_findings
             WHERE activity_id = $1 ORDER BY found_on, id",
        )
        .bind(activity_id),
    )
    .await
}

/// A recommendation by id.
pub async fn recommendation(db: &Db, id: i64) -> DbResult<Option<Recommendation>> {
    db.fetch_optional(&query(format!("{RECOMMENDATION} WHERE r.id = $1")).bind(id))
        .await
}

/// The recommendations of an activity's findings, in order.
pub async fn recommendations_of_activity(
    db: &Db,
    activity_id: i64,
) -> DbResult<Vec<Recommendation>> {
    db.fetch_all(
        &query(format!(
            "{RECOMMENDATION} WHERE f.activity_id = $1 ORDER BY r.sent_on, r.id"
        ))
        .bind(activity_id),
    )
    .await
}

/// The recommendations sent to the authorities of a unit and the units under it, the ones
/// awaiting an answer first, by their last day.
pub async fn recommendations_for_unit(
    db: &Db,
    path: &str,
    limit: i64,
) -> DbResult<Vec<Recommendation>> {
    db.fetch_all(
        &query(format!(
            "{RECOMMENDATION} WHERE u.path LIKE $1
             ORDER BY CASE WHEN r.status <> 'answered' THEN 0 ELSE 1 END, r.due_on, r.id LIMIT $2"
        ))
        .bind(format!("{path}%"))
        .bind(limit),
    )
    .await
}
