//! Committees (Ban Chỉ đạo) per unit and their members (thành viên): position, body and term.

use chrono::NaiveDate;
use dinh_platform::audit::{self, Change};
use dinh_platform::db::{Db, ids::next_id, query};
use dinh_platform::units::{Unit, UnitKind, store as units};
use serde::{Deserialize, Serialize};
use serde_json::json;
use utoipa::ToSchema;

use crate::permissions::MANAGE;
use crate::{Actor, StoreError};

/// A steering committee (Ban Chỉ đạo xây dựng và thực hiện dân chủ ở cơ sở) of one unit.
#[derive(Debug, Clone, Serialize, sqlx::FromRow, ToSchema)]
pub struct Committee {
    /// Id.
    pub id: i64,
    /// The unit it serves.
    #[serde(skip)]
    pub unit_id: i64,
    /// Name ("Ban Chỉ đạo xây dựng và thực hiện QCDC ở cơ sở xã Phù Đổng").
    pub name: String,
    /// The party committee it belongs to ("Đảng ủy xã Phù Đổng"), the document's parent body.
    pub parent_body: String,
    /// Its standing body (Ban Dân vận / Khối Dân vận) that prepares its work.
    pub standing_body: String,
    /// Number of the decision that set it up.
    pub decision_number: String,
    /// Day it was set up (ISO).
    pub established_on: String,
}

/// Input for a new committee.
#[derive(Debug, Clone, Deserialize, ToSchema)]
pub struct NewCommittee {
    /// Name.
    pub name: String,
    /// The party committee it belongs to.
    pub parent_body: String,
    /// Its standing body.
    pub standing_body: String,
    /// Number of the founding decision.
    pub decision_number: String,
    /// Day it was set up.
    pub established_on: NaiveDate,
}

/// Position in the committee (chức danh trong Ban Chỉ đạo).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum Position {
    /// Trưởng ban.
    Head,
    /// Phó Trưởng ban.
    Deputy,
    /// Ủy viên thường trực.
    Standing,
    /// Ủy viên.
    Member,
}

impl Position {
    /// Every position, head first.
    pub const ALL: [Position; 4] = [
        Position::Head,
        Position::Deputy,
        Position::Standing,
        Position::Member,
    ];

    /// Stored name.
    pub fn as_str(self) -> &'static str {
        match self {
            Position::Head => "head",
            Position::Deputy => "deputy",
            Position::Standing => "standing",
            Position::Member => "member",
        }
    }

    /// Parses a stored name.
    pub fn parse(s: &str) -> Option<Position> {
        Self::ALL.into_iter().find(|p| p.as_str() == s)
    }

    /// Vietnamese title.
    pub fn label_vi(self) -> &'static str {
        match self {
            Position::Head => "Trưởng Ban",
            Position::Deputy => "Phó Trưởng Ban",
            Position::Standing => "Ủy viên thường trực",
            Position::Member => "Ủy viên",
        }
    }
}

/// A member of a committee.
#[derive(Debug, Clone, Serialize, sqlx::FromRow, ToSchema)]
pub struct Member {
    /// Id.
    pub id: i64,
    /// Full name.
    pub full_name: String,
    /// Position (`head`, `deputy`, `standing`, `member`).
    pub position: String,
    /// Body the member comes from (Đảng ủy, UBND, UBMTTQ, Hội Phụ nữ, …).
    pub body: String,
    /// First day of the term (ISO).
    pub term_from: String,
    /// Last day of the term (ISO), if it ended.
    pub term_to: Option<String>,
}

/// Input for a new member.
#[derive(Debug, Clone, Deserialize, ToSchema)]
pub struct NewMember {
    /// Full name.
    pub full_name: String,
    /// Position.
    pub position: Position,
    /// Body the member comes from.
    pub body: String,
    /// Code of the unit of that body (the committee's unit or one below it).
    pub unit_code: String,
    /// First day of the term.
    pub term_from: NaiveDate,
    /// Last day of the term, if known.
    pub term_to: Option<NaiveDate>,
}

const COLUMNS: &str =
    "id, unit_id, name, parent_body, standing_body, decision_number, established_on";

/// A committee by id.
pub async fn by_id(db: &Db, id: i64) -> sqlx::Result<Option<Committee>> {
    db.fetch_optional(
        &query(format!(
            "SELECT {COLUMNS} FROM steering_committees WHERE id = $1"
        ))
        .bind(id),
    )
    .await
}

/// The committee of a unit, if it has one.
pub async fn of_unit(db: &Db, unit_id: i64) -> sqlx::Result<Option<Committee>> {
    db.fetch_optional(
        &query(format!(
            "SELECT {COLUMNS} FROM steering_committees WHERE unit_id = $1"
        ))
        .bind(unit_id),
    )
    .await
}

/// A committee and its unit, or NotFound.
pub async fn with_unit(db: &Db, id: i64) -> Result<(Committee, Unit), StoreError> {
    let c = by_id(db, id).await?.ok_or(StoreError::NotFound)?;
    let u = units::by_id(db, c.unit_id)
        .await?
        .ok_or(StoreError::NotFound)?;
    Ok((c, u))
}

/// Committees of the units strictly below `unit` (the lower level it directs and inspects).
pub async fn below(db: &Db, unit: &Unit) -> sqlx::Result<Vec<(Committee, Unit)>> {
    #[derive(sqlx::FromRow)]
    struct Row {
        id: i64,
        unit_id: i64,
        name: String,
        parent_body: String,
        standing_body: String,
        decision_number: String,
        established_on: String,
        code: String,
        unit_name: String,
        kind: String,
        kind_label: String,
        parent_id: Option<i64>,
        path: String,
        depth: i32,
        valid_from: Option<String>,
        valid_to: Option<String>,
    }
    let rows: Vec<Row> = db
        .fetch_all(
            &query(
                "SELECT c.id, c.unit_id, c.name, c.parent_body, c.standing_body, c.decision_number,
                        c.established_on, u.code, u.name AS unit_name, u.kind, u.kind_label,
                        u.parent_id, u.path, u.depth, u.valid_from, u.valid_to
                 FROM steering_committees c JOIN units u ON u.id = c.unit_id
                 WHERE u.path LIKE $1 AND u.id <> $2 ORDER BY u.depth, u.name",
            )
            .bind(format!("{}%", unit.path))
            .bind(unit.id),
        )
        .await?;
    Ok(rows
        .into_iter()
        .map(|r| {
            (
                Committee {
                    id: r.id,
                    unit_id: r.unit_id,
                    name: r.name,
                    parent_body: r.parent_body,
                    standing_body: r.standing_body,
                    decision_number: r.decision_number,
                    established_on: r.established_on,
                },
                Unit {
                    id: r.unit_id,
                    code: r.code,
                    name: r.unit_name,
                    kind: r.kind,
                    kind_label: r.kind_label,
                    parent_id: r.parent_id,
                    path: r.path,
                    depth: r.depth,
                    valid_from: r.valid_from,
                    valid_to: r.valid_to,
                },
            )
        })
        .collect())
}

/// Members of a committee, head first.
pub async fn members(db: &Db, committee_id: i64) -> sqlx::Result<Vec<Member>> {
    db.fetch_all(
        &query(
            "SELECT id, full_name, position, body, term_from, term_to FROM steering_members
             WHERE committee_id = $1
             ORDER BY CASE position WHEN 'head' THEN 0 WHEN 'deputy' THEN 1
                      WHEN 'standing' THEN 2 ELSE 3 END, full_name",
        )
        .bind(committee_id),
    )
    .await
}

fn required(field: &'static str, text: &str) -> Result<String, StoreError> {
    let t = text.trim();
    if t.is_empty() {
        Err(StoreError::invalid(field, "is required"))
    } else {
        Ok(t.to_owned())
    }
}

/// True when `unit` is of a level that has a steering committee: a province, a commune
/// (xã, phường, đặc khu) or a pre-2025 district.
pub fn steering_level(unit: &Unit) -> bool {
    matches!(
        unit.unit_kind(),
        Some(
            UnitKind::Province
                | UnitKind::Municipality
                | UnitKind::District
                | UnitKind::Commune
                | UnitKind::Ward
                | UnitKind::Township
                | UnitKind::SpecialZone
        )
    )
}

/// Sets up the committee of `unit` (a province, commune or pre-2025 district).
pub async fn create(
    db: &Db,
    actor: Actor<'_>,
    unit: &Unit,
    input: NewCommittee,
) -> Result<i64, StoreError> {
    actor.may(&MANAGE, unit)?;
    let name = required("name", &input.name)?;
    let parent_body = required("parent_body", &input.parent_body)?;
    let standing_body = required("standing_body", &input.standing_body)?;
    let decision_number = required("decision_number", &input.decision_number)?;
    if !steering_level(unit) {
        return Err(StoreError::invalid(
            "unit",
            format!(
                "{} is a {}: steering committees are set up at province, district (before 2025) or commune level",
                unit.name, unit.kind_label
            ),
        ));
    }
    if !unit.existed_on(input.established_on) {
        return Err(StoreError::invalid(
            "established_on",
            format!(
                "{} did not exist on {}",
                unit.name,
                input.established_on.format("%d/%m/%Y")
            ),
        ));
    }
    if of_unit(db, unit.id).await?.is_some() {
        return Err(StoreError::invalid(
            "unit",
            format!("{} already has a steering committee", unit.name),
        ));
    }
    let id = next_id();
    let now = dinh_platform::time::now_rfc3339();
    let mut tx = db.begin().await?;
    tx.execute(
        &query(
            "INSERT INTO steering_committees (id, unit_id, name, parent_body, standing_body,
               decision_number, established_on, created_at)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
        )
        .bind(id)
        .bind(unit.id)
        .bind(&name)
        .bind(&parent_body)
        .bind(&standing_body)
        .bind(&decision_number)
        .bind(input.established_on)
        .bind(now),
    )
    .await?;
    let actor_s = actor.audit();
    audit::record(
        &mut tx,
        Change {
            actor: &actor_s,
            action: "steering.committee.create",
            object_type: "steering_committee",
            object_id: &id.to_string(),
            before: None,
            after: Some(
                json!({"unit": unit.code, "name": name, "standing_body": standing_body,
                               "decision_number": decision_number}),
            ),
        },
    )
    .await?;
    tx.commit().await?;
    Ok(id)
}

/// Adds a member; the member's body must sit in the committee's unit or below it, and a
/// committee has one head at a time.
pub async fn add_member(
    db: &Db,
    actor: Actor<'_>,
    committee_id: i64,
    input: NewMember,
) -> Result<i64, StoreError> {
    let (committee, unit) = with_unit(db, committee_id).await?;
    actor.may(&MANAGE, &unit)?;
    let full_name = required("full_name", &input.full_name)?;
    let body = required("body", &input.body)?;
    let member_unit = units::by_code(db, input.unit_code.trim())
        .await?
        .ok_or_else(|| {
            StoreError::invalid(
                "unit_code",
                format!("no unit has the code '{}'", input.unit_code),
            )
        })?;
    if !member_unit.is_within(unit.id) {
        return Err(StoreError::invalid(
            "unit_code",
            format!(
                "{} is outside {}: a member's body must sit in the committee's unit or below it",
                member_unit.name, unit.name
            ),
        ));
    }
    if let Some(to) = input.term_to
        && to < input.term_from
    {
        return Err(StoreError::invalid(
            "term_to",
            "the term ends before it starts",
        ));
    }
    if input.position == Position::Head {
        let from = input.term_from.format("%Y-%m-%d").to_string();
        let to = input.term_to.map_or_else(
            || "9999-12-31".to_owned(),
            |d| d.format("%Y-%m-%d").to_string(),
        );
        let heads: i64 = db
            .scalar(
                &query(
                    "SELECT CAST(COUNT(*) AS BIGINT) FROM steering_members
                     WHERE committee_id = $1 AND position = 'head'
                       AND term_from <= $3 AND (term_to IS NULL OR term_to >= $2)",
                )
                .bind(committee.id)
                .bind(from)
                .bind(to),
            )
            .await?;
        if heads > 0 {
            return Err(StoreError::invalid(
                "position",
                "the committee already has a head for this term: end that term first",
            ));
        }
    }
    let id = next_id();
    let mut tx = db.begin().await?;
    tx.execute(
        &query(
            "INSERT INTO steering_members (id, committee_id, full_name, position, body, unit_id,
               term_from, term_to, created_at)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
        )
        .bind(id)
        .bind(committee.id)
        .bind(&full_name)
        .bind(input.position.as_str())
        .bind(&body)
        .bind(member_unit.id)
        .bind(input.term_from)
        .bind(input.term_to)
        .bind(dinh_platform::time::now_rfc3339()),
    )
    .await?;
    let actor_s = actor.audit();
    audit::record(
        &mut tx,
        Change {
            actor: &actor_s,
            action: "steering.member.add",
            object_type: "steering_member",
            object_id: &id.to_string(),
            before: None,
            after: Some(json!({"committee": committee.id, "full_name": full_name,
                               "position": input.position.as_str(), "body": body,
                               "unit": member_unit.code})),
        },
    )
    .await?;
    tx.commit().await?;
    Ok(id)
}
