//! Meetings of a committee (hội nghị giao ban quý, sơ kết 6 tháng, tổng kết năm, họp đột
//! xuất): agenda, attendees, minutes; conclusions that become tasks of a plan; and publishing
//! a finished meeting as a news item on the unit's public page.

use chrono::NaiveDate;
use dinh_platform::audit::{self, Change};
use dinh_platform::db::{Db, ids::next_id, query};
use serde::{Deserialize, Serialize};
use serde_json::json;
use utoipa::ToSchema;

use crate::committees;
use crate::permissions::MANAGE;
use crate::plans::{self, NewTask};
use crate::{Actor, StoreError};

/// Kinds of meeting, stored name and Vietnamese name.
pub const KINDS: [(&str, &str); 4] = [
    ("briefing", "Hội nghị giao ban"),
    ("review_half", "Hội nghị sơ kết 6 tháng"),
    ("review_year", "Hội nghị tổng kết năm"),
    ("ad_hoc", "Cuộc họp"),
];

/// The Vietnamese name of a meeting kind.
pub fn kind_vi(kind: &str) -> &'static str {
    KINDS
        .iter()
        .find(|(k, _)| *k == kind)
        .map_or("Cuộc họp", |(_, v)| v)
}

/// The English name of a meeting kind.
pub fn kind_en(kind: &str) -> &'static str {
    match kind {
        "briefing" => "Briefing",
        "review_half" => "Six-month review",
        "review_year" => "Year-end review",
        _ => "Meeting",
    }
}

/// A conclusion (kết luận) that becomes a task.
#[derive(Debug, Clone, Deserialize, ToSchema)]
pub struct Conclusion {
    /// What was concluded / is to be done.
    pub content: String,
    /// Who answers for it.
    pub owner: String,
    /// Due date.
    pub due_on: Option<NaiveDate>,
    /// Lower units whose committees it is assigned to.
    #[serde(default)]
    pub assign_to: Vec<String>,
}

/// Input for a meeting.
#[derive(Debug, Clone, Deserialize, ToSchema)]
pub struct NewMeeting {
    /// `briefing`, `review_half`, `review_year` or `ad_hoc`.
    pub kind: String,
    /// Title.
    pub title: String,
    /// Day held.
    pub held_on: NaiveDate,
    /// Time held ("08:00").
    pub held_at: String,
    /// Place.
    pub place: String,
    /// Who chaired.
    pub chaired_by: String,
    /// Agenda.
    pub agenda: String,
    /// Attendees.
    pub attendees: String,
    /// Minutes (biên bản).
    pub minutes: String,
    /// The plan the conclusions' tasks join (required when there are conclusions).
    pub plan_id: Option<i64>,
    /// Conclusions.
    #[serde(default)]
    pub conclusions: Vec<Conclusion>,
}

/// A meeting as listed and published.
#[derive(Debug, Clone, Serialize, sqlx::FromRow, ToSchema)]
pub struct Meeting {
    /// Id.
    pub id: i64,
    /// Committee.
    pub committee_id: i64,
    /// Kind.
    pub kind: String,
    /// Title.
    pub title: String,
    /// Day (ISO).
    pub held_on: String,
    /// Time.
    pub held_at: String,
    /// Place.
    pub place: String,
    /// Chair.
    pub chaired_by: String,
    /// Agenda.
    pub agenda: String,
    /// Attendees.
    pub attendees: String,
    /// Minutes.
    pub minutes: String,
    /// When it was published as news (RFC 3339).
    pub published_at: Option<String>,
    /// Times the news item was read.
    pub views: i64,
}

const SELECT: &str = "SELECT id, committee_id, kind, title, held_on, held_at, place, chaired_by,
    agenda, attendees, minutes, published_at, CAST(views AS BIGINT) AS views FROM steering_meetings";

/// Meetings of a committee, newest first.
pub async fn list(db: &Db, committee_id: i64) -> sqlx::Result<Vec<Meeting>> {
    db.fetch_all(
        &query(format!(
            "{SELECT} WHERE committee_id = $1 ORDER BY held_on DESC"
        ))
        .bind(committee_id),
    )
    .await
}

/// A meeting by id.
pub async fn by_id(db: &Db, id: i64) -> sqlx::Result<Option<Meeting>> {
    db.fetch_optional(&query(format!("{SELECT} WHERE id = $1")).bind(id))
        .await
}

/// The conclusions of a meeting with the task each became: (content, task id).
pub async fn conclusions(db: &Db, meeting_id: i64) -> sqlx::Result<Vec<(String, Option<i64>)>> {
    db.fetch_all(
        &query(
            "SELECT content, task_id FROM steering_conclusions WHERE meeting_id = $1 ORDER BY id",
        )
        .bind(meeting_id),
    )
    .await
}

/// Records a meeting; each conclusion becomes a task of the plan (cascaded when assigned
/// down), all in one transaction.
pub async fn record(
    db: &Db,
    actor: Actor<'_>,
    committee_id: i64,
    input: NewMeeting,
) -> Result<i64, StoreError> {
    let (committee, unit) = committees::with_unit(db, committee_id).await?;
    actor.may(&MANAGE, &unit)?;
    if !KINDS.iter().any(|(k, _)| *k == input.kind) {
        return Err(StoreError::invalid(
            "kind",
            "briefing, review_half, review_year or ad_hoc",
        ));
    }
    if input.title.trim().is_empty() {
        return Err(StoreError::invalid("title", "is required"));
    }
    if !unit.existed_on(input.held_on) {
        return Err(StoreError::invalid(
            "held_on",
            format!("{} did not exist on that day", unit.name),
        ));
    }
    if !input.conclusions.is_empty() {
        let plan_id = input.plan_id.ok_or_else(|| {
            StoreError::invalid("plan_id", "choose the plan the conclusions' tasks join")
        })?;
        let plan = plans::plan(db, plan_id)
            .await?
            .ok_or_else(|| StoreError::invalid("plan_id", "no such plan"))?;
        if plan.committee_id != committee.id {
            return Err(StoreError::invalid(
                "plan_id",
                "the plan belongs to another committee",
            ));
        }
    }
    let id = next_id();
    let mut tx = db.begin().await?;
    tx.execute(
        &query(
            "INSERT INTO steering_meetings (id, committee_id, kind, title, held_on, held_at, place,
               chaired_by, agenda, attendees, minutes, published_at, views, created_at)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, NULL, 0, $12)",
        )
        .bind(id)
        .bind(committee.id)
        .bind(&input.kind)
        .bind(input.title.trim())
        .bind(input.held_on)
        .bind(input.held_at.trim())
        .bind(input.place.trim())
        .bind(input.chaired_by.trim())
        .bind(input.agenda.trim())
        .bind(input.attendees.trim())
        .bind(input.minutes.trim())
        .bind(dinh_platform::time::now_rfc3339()),
    )
    .await?;
    let actor_s = actor.audit();
    audit::record(
        &mut tx,
        Change {
            actor: &actor_s,
            action: "steering.meeting.record",
            object_type: "steering_meeting",
            object_id: &id.to_string(),
            before: None,
            after: Some(json!({"committee": committee.id, "kind": input.kind,
                               "title": input.title.trim(), "held_on": input.held_on,
                               "conclusions": input.conclusions.len()})),
        },
    )
    .await?;
    for c in input.conclusions {
        let plan_id = input.plan_id.unwrap_or_default();
        let task = plans::add_task_in(
            db,
            &mut tx,
            actor,
            plan_id,
            NewTask {
                content: c.content.clone(),
                owner: c.owner,
                due_on: c.due_on,
                assign_to: c.assign_to,
            },
            Some(id),
        )
        .await?;
        tx.execute(
            &query(
                "INSERT INTO steering_conclusions (id, meeting_id, content, task_id) VALUES ($1, $2, $3, $4)",
            )
            .bind(next_id())
            .bind(id)
            .bind(c.content.trim())
            .bind(task),
        )
        .await?;
    }
    tx.commit().await?;
    Ok(id)
}

/// Publishes a meeting as a news item on the unit's public page.
pub async fn publish(db: &Db, actor: Actor<'_>, meeting_id: i64) -> Result<(), StoreError> {
    let m = by_id(db, meeting_id).await?.ok_or(StoreError::NotFound)?;
    let (_, unit) = committees::with_unit(db, m.committee_id).await?;
    actor.may(&MANAGE, &unit)?;
    if m.published_at.is_some() {
        return Err(StoreError::invalid("published_at", "already published"));
    }
    if m.minutes.trim().is_empty() {
        return Err(StoreError::invalid(
            "minutes",
            "write what the meeting concluded before publishing it",
        ));
    }
    let now = dinh_platform::time::now_rfc3339();
    let mut tx = db.begin().await?;
    tx.execute(
        &query("UPDATE steering_meetings SET published_at = $1 WHERE id = $2")
            .bind(&now)
            .bind(meeting_id),
    )
    .await?;
    let actor_s = actor.audit();
    audit::record(
        &mut tx,
        Change {
            actor: &actor_s,
            action: "steering.meeting.publish",
            object_type: "steering_meeting",
            object_id: &meeting_id.to_string(),
            before: None,
            after: Some(json!({"published_at": now})),
        },
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

/// The meetings published as news at or after `since` (RFC 3339; all when empty), as items of
/// the unit's news list: the title, the day and place, the agenda and the conclusions written
/// in the minutes, under the committee's name.
pub async fn news_since(
    db: &Db,
    since: &str,
) -> sqlx::Result<Vec<dinh_platform::module::NewsItem>> {
    #[derive(sqlx::FromRow)]
    struct Row {
        id: i64,
        unit_id: i64,
        committee: String,
        kind: String,
        title: String,
        held_on: String,
        held_at: String,
        place: String,
        chaired_by: String,
        agenda: String,
        minutes: String,
        published_at: String,
    }
    let rows: Vec<Row> = db
        .fetch_all(
            &query(
                "SELECT m.id, c.unit_id, c.name AS committee, m.kind, m.title, m.held_on,
                   m.held_at, m.place, m.chaired_by, m.agenda, m.minutes, m.published_at
                 FROM steering_meetings m JOIN steering_committees c ON c.id = m.committee_id
                 WHERE m.published_at IS NOT NULL AND m.published_at >= $1
                 ORDER BY m.published_at, m.id",
            )
            .bind(since),
        )
        .await?;
    let paragraphs = |text: &str| -> String {
        text.lines()
            .map(str::trim)
            .filter(|l| !l.is_empty())
            .map(|l| format!("<p>{}</p>", dinh_platform::text::escape_html(l)))
            .collect()
    };
    Ok(rows
        .into_iter()
        .map(|r| {
            let when = format!(
                "{} {} {}, tại {}{}",
                kind_vi(&r.kind),
                r.held_at,
                dinh_platform::time::show_date(&r.held_on),
                r.place,
                if r.chaired_by.is_empty() {
                    String::new()
                } else {
                    format!(", do {} chủ trì", r.chaired_by)
                }
            );
            dinh_platform::module::NewsItem {
                origin: format!("steering:meeting:{}", r.id),
                unit_id: r.unit_id,
                summary: format!("{when}."),
                body_html: format!(
                    "<p><em>{}.</em></p><h2>Nội dung</h2>{}<h2>Kết luận</h2>{}<p><a href=\"/steering/meetings/{}\">Trang cuộc họp của Ban Chỉ đạo</a></p>",
                    dinh_platform::text::escape_html(&when),
                    paragraphs(&r.agenda),
                    paragraphs(&r.minutes),
                    r.id
                ),
                title: r.title,
                author: r.committee,
                published_at: r.published_at,
            }
        })
        .collect())
}

/// Counts one reading of a published meeting; None when it is not published.
pub async fn read_news(db: &Db, meeting_id: i64) -> sqlx::Result<Option<Meeting>> {
    let n = db
        .execute(
            &query(
                "UPDATE steering_meetings SET views = views + 1 WHERE id = $1 AND published_at IS NOT NULL",
            )
            .bind(meeting_id),
        )
        .await?;
    if n == 0 {
        return Ok(None);
    }
    by_id(db, meeting_id).await
}
