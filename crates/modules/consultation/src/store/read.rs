//! Reads: a consultation with its unit, its parts, its comments (public or with the contact, for
//! officers), the comments of a part, and the numbers still unanswered.

use chrono::NaiveDate;
use dinh_platform::db::{Db, DbResult, query};
use serde::Serialize;

use super::status;

/// A consultation (đợt lấy ý kiến) with its unit.
#[derive(Debug, Clone, Serialize, sqlx::FromRow, utoipa::ToSchema)]
pub struct Consultation {
    /// Id.
    pub id: i64,
    /// The unit consulted.
    #[serde(skip)]
    pub unit_id: i64,
    /// Its code.
    pub unit_code: String,
    /// Its name.
    pub unit_name: String,
    /// Its `path` (for permission checks).
    #[serde(skip)]
    pub unit_path: String,
    /// The matter of Điều 25 (its number in the pack).
    pub matter: i64,
    /// Title of the draft.
    pub title: String,
    /// What is asked and why.
    pub summary: String,
    /// The forms of Điều 26 used, comma-separated codes.
    pub channels: String,
    /// Day of publication (ISO).
    pub opens_on: String,
    /// Last day comments are taken (ISO).
    pub closes_on: String,
    /// `open` or `closed`.
    pub status: String,
    /// Comments received so far (the last number given).
    pub comment_count: i64,
    /// The rule pack in force at publication.
    pub rule_pack_id: String,
    /// Day it was closed (ISO).
    pub closed_on: Option<String>,
    /// Why the draft goes against most comments on a part, when it does.
    pub closing_reason: Option<String>,
    /// The number of the current version of the draft (1 until a new one is published).
    pub version: i64,
}

impl Consultation {
    /// Still collecting comments.
    pub fn is_open(&self) -> bool {
        self.status == status::OPEN
    }

    /// The codes of the forms used.
    pub fn channel_codes(&self) -> Vec<&str> {
        self.channels.split(',').filter(|c| !c.is_empty()).collect()
    }

    /// Day of publication.
    pub fn opens(&self) -> Option<NaiveDate> {
        dinh_platform::time::parse_date(&self.opens_on)
    }

    /// Last day of comments.
    pub fn closes(&self) -> Option<NaiveDate> {
        dinh_platform::time::parse_date(&self.closes_on)
    }

    /// Whether the website takes comments on `today` (open, published, not past its last day).
    pub fn takes_comments_on(&self, today: NaiveDate) -> bool {
        self.is_open()
            && self.opens().is_some_and(|d| d <= today)
            && self.closes().is_some_and(|d| today <= d)
    }

    /// A `Unit` with the fields permission checks read.
    pub fn unit(&self) -> dinh_platform::units::Unit {
        dinh_platform::units::Unit {
            id: self.unit_id,
            code: self.unit_code.clone(),
            name: self.unit_name.clone(),
            kind: String::new(),
            kind_label: String::new(),
            parent_id: None,
            path: self.unit_path.clone(),
            depth: 0,
            valid_from: None,
            valid_to: None,
        }
    }
}

/// A numbered part of the draft.
#[derive(Debug, Clone, Serialize, sqlx::FromRow, utoipa::ToSchema)]
pub struct Part {
    /// Its number (1, 2, …).
    pub number: i64,
    /// Its heading ("Điều 1. …"), possibly empty.
    pub heading: String,
    /// Its text.
    pub body: String,
}

/// A comment with its answer. `contact` is filled only for officers' reads.
#[derive(Debug, Clone, Serialize, sqlx::FromRow, utoipa::ToSchema)]
pub struct Comment {
    /// Its number within the consultation.
    pub number: i64,
    /// The part it is about (None: the whole draft).
    pub part_number: Option<i64>,
    /// The channel (a pack channel code).
    pub channel: String,
    /// From the Front or a mass organisation.
    pub organisation: bool,
    /// Where it was received (the meeting, the letter, the organisation).
    pub source: String,
    /// The name given.
    pub author_name: String,
    /// Phone or e-mail (officers only; never public).
    #[serde(skip)]
    pub contact: Option<String>,
    /// Its text, as written (escaped when shown).
    pub body: String,
    /// Day received (ISO).
    pub received_on: String,
    /// Its answer kind, None while unanswered.
    pub disposition: Option<String>,
    /// The answer's text.
    pub answer: Option<String>,
    /// Day answered (ISO).
    pub answered_on: Option<String>,
    /// The version of the draft it was made on.
    pub version: i64,
    /// For an accepted answer: the version of the draft that made the change, when named.
    pub changed_in_version: Option<i64>,
}

impl Comment {
    /// Message key of its answer kind.
    pub fn disposition_key(&self) -> &'static str {
        super::disposition::key(self.disposition.as_deref().unwrap_or(""))
    }
}

const COLUMNS: &str =
    "c.id, c.unit_id, u.code AS unit_code, u.name AS unit_name, u.path AS unit_path,
    c.matter, c.title, c.summary, c.channels, c.opens_on, c.closes_on, c.status, c.comment_count,
    c.rule_pack_id, c.closed_on, c.closing_reason, c.version";

/// The consultation `id`, if any.
pub async fn by_id(db: &Db, id: i64) -> DbResult<Option<Consultation>> {
    db.fetch_optional(
        &query(format!(
            "SELECT {COLUMNS} FROM consultations c JOIN units u ON u.id = c.unit_id WHERE c.id = $1"
        ))
        .bind(id),
    )
    .await
}

/// The consultations of the units under `path` (a unit's `path`), newest first.
pub async fn for_unit(db: &Db, path: &str, limit: i64) -> DbResult<Vec<Consultation>> {
    db.fetch_all(
        &query(format!(
            "SELECT {COLUMNS} FROM consultations c JOIN units u ON u.id = c.unit_id
             WHERE u.path LIKE $1 ORDER BY c.opens_on DESC, c.id DESC LIMIT $2"
        ))
        .bind(format!("{path}%"))
        .bind(limit),
    )
    .await
}

/// The parts of a consultation, in order.
pub async fn parts(db: &Db, consultation: i64) -> DbResult<Vec<Part>> {
    db.fetch_all(
        &query(
            "SELECT number, heading, body FROM consultation_parts
             WHERE consultation_id = $1 ORDER BY number",
        )
        .bind(consultation),
    )
    .await
}

const COMMENT_COLUMNS: &str = "number, part_number, channel, organisation, source, author_name,
    contact, body, received_on, disposition, answer, answered_on, version, changed_in_version";

/// Every comment, by number; with the contacts when `officer`.
pub async fn comments(db: &Db, consultation: i64, officer: bool) -> DbResult<Vec<Comment>> {
    let mut rows: Vec<Comment> = db
        .fetch_all(
            &query(format!(
                "SELECT {COMMENT_COLUMNS} FROM consultation_comments
                 WHERE consultation_id = $1 ORDER BY number"
            ))
            .bind(consultation),
        )
        .await?;
    if !officer {
        for r in &mut rows {
            r.contact = None;
        }
    }
    Ok(rows)
}

/// The comments on part `part` (None: on the whole draft) of every version, by number, without
/// contacts (the part numbers are those of the version each comment was made on).
pub async fn comments_of_part(
    db: &Db,
    consultation: i64,
    part: Option<i64>,
) -> DbResult<Vec<Comment>> {
    let q = match part {
        Some(n) => query(format!(
            "SELECT {COMMENT_COLUMNS} FROM consultation_comments
             WHERE consultation_id = $1 AND part_number = $2 ORDER BY number"
        ))
        .bind(consultation)
        .bind(n),
        None => query(format!(
            "SELECT {COMMENT_COLUMNS} FROM consultation_comments
             WHERE consultation_id = $1 AND part_number IS NULL ORDER BY number"
        ))
        .bind(consultation),
    };
    let mut rows: Vec<Comment> = db.fetch_all(&q).await?;
    for r in &mut rows {
        r.contact = None;
    }
    Ok(rows)
}

/// The numbers of the comments still without an answer.
pub async fn unanswered_numbers(db: &Db, consultation: i64) -> DbResult<Vec<i64>> {
    let rows: Vec<(i64,)> = db.fetch_all(&unanswered_query(consultation)).await?;
    Ok(rows.into_iter().map(|r| r.0).collect())
}

/// The query of [`unanswered_numbers`], also run inside the closing transaction.
pub(crate) fn unanswered_query(consultation: i64) -> dinh_platform::db::Query {
    query(
        "SELECT number FROM consultation_comments
         WHERE consultation_id = $1 AND disposition IS NULL ORDER BY number",
    )
    .bind(consultation)
}
