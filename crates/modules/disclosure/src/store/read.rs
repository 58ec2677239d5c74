//! Reads behind the pages and the API: a unit's list with filters, one disclosure with its
//! versions, files, duties and proofs, the compliance dashboard of a unit's subtree, and the
//! rows of the quarterly register.

use chrono::NaiveDate;
use dinh_platform::db::{Db, Query, query};
use dinh_platform::units::store::SUBTREE_CTE;
use serde::{Deserialize, Serialize};

use super::files::FileRow;
use super::iso;
use crate::satisfaction::{Outcome, State, state_on};

/// Filters of a unit's list.
#[derive(Debug, Clone, Default, Deserialize, utoipa::IntoParams)]
pub struct ListFilter {
    /// Category (1-14).
    pub category: Option<u32>,
    /// Year of publication.
    pub year: Option<i32>,
    /// Quarter of publication (1-4), with `year`.
    pub quarter: Option<u32>,
    /// `late` (published after the due date), `incomplete` (a duty not met yet) or
    /// `complete`.
    pub status: Option<String>,
    /// Words of the title, diacritics ignored.
    pub q: Option<String>,
    /// Page, from 1.
    pub page: Option<i64>,
}

/// One line of a list.
#[derive(Debug, Clone, Serialize, sqlx::FromRow, utoipa::ToSchema)]
pub struct ItemRow {
    /// Id.
    pub id: i64,
    /// Category (Điều 11).
    pub category: i32,
    /// Title.
    pub title: String,
    /// Decision date (ISO).
    pub decided_on: String,
    /// Due date (ISO).
    pub due_on: String,
    /// Website publication (ISO).
    pub published_on: String,
    /// Published by the due date.
    pub on_time: i32,
    /// Number of duties.
    pub obligation_count: i32,
    /// The day every duty is met, if it is.
    pub complete_on: Option<String>,
    /// Current version.
    pub version: i32,
}

impl ItemRow {
    /// Every duty met on `today`.
    pub fn complete_on_day(&self, today: NaiveDate) -> bool {
        self.complete_on
            .as_deref()
            .and_then(iso)
            .is_some_and(|d| d <= today)
    }
}

const PAGE: i64 = 50;

fn filtered(unit_id: i64, f: &ListFilter, today: NaiveDate, select: &str, tail: &str) -> Query {
    let mut sql = format!("SELECT {select} FROM disclosure_items WHERE unit_id = $1");
    let mut q = query("");
    q.push(unit_id);
    let mut n = 1;
    let mut next = |q: &mut Query, sql: &mut String, clause: &str, arg: dinh_platform::db::Arg| {
        n += 1;
        sql.push_str(&clause.replace("$?", &format!("${n}")));
        q.push(arg);
    };
    if let Some(c) = f.category {
        next(&mut q, &mut sql, " AND category = $?", c.into());
    }
    if let Some(y) = f.year {
        let (from, to) = match f.quarter.filter(|q| (1..=4).contains(q)) {
            Some(qt) => (
                NaiveDate::from_ymd_opt(y, (qt - 1) * 3 + 1, 1),
                crate::recurring::period_of_label(dinh_rules::Per::Quarter, &format!("{y}-Q{qt}"))
                    .map(|p| p.to),
            ),
            None => (
                NaiveDate::from_ymd_opt(y, 1, 1),
                NaiveDate::from_ymd_opt(y, 12, 31),
            ),
        };
        if let (Some(from), Some(to)) = (from, to) {
            next(&mut q, &mut sql, " AND published_on >= $?", from.into());
            next(&mut q, &mut sql, " AND published_on <= $?", to.into());
        }
    }
    match f.status.as_deref() {
        Some("late") => sql.push_str(" AND on_time = 0"),
        Some("incomplete") => next(
            &mut q,
            &mut sql,
            " AND (complete_on IS NULL OR complete_on > $?)",
            today.into(),
        ),
        Some("complete") => next(&mut q, &mut sql, " AND complete_on <= $?", today.into()),
        _ => {}
    }
    if let Some(words) =
        f.q.as_deref()
            .map(dinh_platform::text::fold)
            .filter(|w| !w.is_empty())
    {
        next(
            &mut q,
            &mut sql,
            " AND title_folded LIKE $?",
            format!("%{}%", words.replace(['%', '_'], "")).into(),
        );
    }
    sql.push_str(tail);
    let mut out = query(sql);
    for a in q.args() {
        out.push(a.clone());
    }
    out
}

/// A page of a unit's disclosures (newest first) and the total matching.
pub async fn list(
    db: &Db,
    unit_id: i64,
    f: &ListFilter,
    today: NaiveDate,
) -> sqlx::Result<(Vec<ItemRow>, i64)> {
    let page = f.page.unwrap_or(1).clamp(1, 100_000);
    let rows = db
        .fetch_all(&filtered(
            unit_id,
            f,
            today,
            "id, CAST(category AS INTEGER) AS category, title, decided_on, due_on, published_on,
             CAST(on_time AS INTEGER) AS on_time, CAST(obligation_count AS INTEGER) AS obligation_count,
             complete_on, CAST(version AS INTEGER) AS version",
            &format!(" ORDER BY published_on DESC, id DESC LIMIT {PAGE} OFFSET {}", (page - 1) * PAGE),
        ))
        .await?;
    let total: i64 = db
        .scalar(&filtered(unit_id, f, today, "CAST(COUNT(*) AS BIGINT)", ""))
        .await?;
    Ok((rows, total))
}

/// Items per page of [`list`].
pub const PAGE_SIZE: i64 = PAGE;

/// One version of a disclosure.
#[derive(Debug, Clone, Serialize, sqlx::FromRow, utoipa::ToSchema)]
pub struct VersionRow {
    /// Version number, from 1.
    pub version: i32,
    /// Title.
    pub title: String,
    /// Body.
    pub body: String,
    /// Document number.
    pub doc_number: String,
    /// Document date (ISO).
    pub doc_date: String,
    /// Issuer.
    pub doc_issuer: String,
    /// Why it was corrected (empty for the first).
    pub reason: String,
    /// Published on (ISO).
    pub published_on: String,
}

/// A duty with its place and state.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct ObligationView {
    /// Id.
    pub id: i64,
    /// Channel code.
    pub channel: String,
    /// Place code.
    pub place_code: String,
    /// Place name.
    pub place_name: String,
    /// Place kind.
    pub place_kind: String,
    /// Minimum consecutive days.
    pub min_days: Option<i32>,
    /// Must stay posted.
    pub permanent: bool,
    /// Due date (ISO).
    pub due_on: String,
    /// The day it is or will be met (ISO).
    pub satisfied_on: Option<String>,
    /// State today.
    pub state: State,
    /// Legal basis.
    pub citation: String,
}

/// A recorded proof.
#[derive(Debug, Clone, Serialize, sqlx::FromRow, utoipa::ToSchema)]
pub struct ProofRow {
    /// Id.
    pub id: i64,
    /// The duty.
    pub obligation_id: i64,
    /// First day (ISO).
    pub started_on: String,
    /// Last day (ISO), if ended.
    pub ended_on: Option<String>,
    /// Note.
    pub note: String,
    /// Photo file, if any.
    pub photo_file_id: Option<i64>,
    /// Recorded by the system (website publication).
    pub automatic: i32,
    /// Who recorded it.
    pub recorded_by_name: String,
    /// When (RFC 3339).
    pub recorded_at: String,
}

/// One disclosure in full.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct Detail {
    /// The list line.
    pub item: ItemRow,
    /// The publishing unit's code.
    pub unit_code: String,
    /// Its name.
    pub unit_name: String,
    /// The rule pack applied.
    pub pack_id: String,
    /// Period concerned (ISO), if any.
    pub period_from: Option<String>,
    /// … to.
    pub period_to: Option<String>,
    /// Every version, newest first.
    pub versions: Vec<VersionRow>,
    /// Files, with the version that attached them.
    pub files: Vec<(i32, FileRow)>,
    /// Duties.
    pub obligations: Vec<ObligationView>,
    /// Proofs, oldest first.
    pub proofs: Vec<ProofRow>,
}

#[derive(sqlx::FromRow)]
struct ObligationRow {
    id: i64,
    channel: String,
    place_code: String,
    place_name: String,
    place_kind: String,
    min_days: Option<i32>,
    permanent: i32,
    due_on: String,
    first_started_on: Option<String>,
    satisfied_on: Option<String>,
    ended_early: i32,
    citation: String,
}

#[derive(sqlx::FromRow)]
struct FileLink {
    version: i32,
    id: i64,
    file_name: String,
    content_type: String,
    size_bytes: i64,
    sha256: String,
}

/// Unit code and name, pack, period of a disclosure.
type Head = (String, String, String, Option<String>, Option<String>);

/// One disclosure with everything about it, states as of `today`.
pub async fn detail(db: &Db, id: i64, today: NaiveDate) -> sqlx::Result<Option<Detail>> {
    let head: Option<Head> = db
        .fetch_optional(
            &query(
                "SELECT u.code, u.name, i.pack_id, i.period_from, i.period_to
                 FROM disclosure_items i JOIN units u ON u.id = i.unit_id WHERE i.id = $1",
            )
            .bind(id),
        )
        .await?;
    let Some((unit_code, unit_name, pack_id, period_from, period_to)) = head else {
        return Ok(None);
    };
    let item: ItemRow = db
        .fetch_optional(
            &query(
                "SELECT id, CAST(category AS INTEGER) AS category, title, decided_on, due_on, published_on,
                        CAST(on_time AS INTEGER) AS on_time, CAST(obligation_count AS INTEGER) AS obligation_count,
                        complete_on, CAST(version AS INTEGER) AS version
                 FROM disclosure_items WHERE id = $1",
            )
            .bind(id),
        )
        .await?
        .ok_or(sqlx::Error::RowNotFound)?;
    let versions = db
        .fetch_all(
            &query(
                "SELECT CAST(version AS INTEGER) AS version, title, body, doc_number, doc_date, doc_issuer, reason, published_on
                 FROM disclosure_versions WHERE item_id = $1 ORDER BY version DESC",
            )
            .bind(id),
        )
        .await?;
    let files: Vec<FileLink> = db
        .fetch_all(
            &query(
                "SELECT CAST(a.version AS INTEGER) AS version, f.id, f.file_name, f.content_type, f.size_bytes, f.sha256
                 FROM disclosure_attachments a JOIN disclosure_files f ON f.id = a.file_id
                 WHERE a.item_id = $1 ORDER BY a.version DESC, f.file_name",
            )
            .bind(id),
        )
        .await?;
    let rows: Vec<ObligationRow> = db
        .fetch_all(
            &query(
                "SELECT o.id, o.channel, u.code AS place_code, u.name AS place_name, o.place_kind,
                        CAST(o.min_days AS INTEGER) AS min_days, CAST(o.permanent AS INTEGER) AS permanent,
                        o.due_on, o.first_started_on, o.satisfied_on, CAST(o.ended_early AS INTEGER) AS ended_early, o.citation
                 FROM disclosure_obligations o JOIN units u ON u.id = o.place_unit_id
                 WHERE o.item_id = $1 ORDER BY o.channel, u.code",
            )
            .bind(id),
        )
        .await?;
    let proofs = db
        .fetch_all(
            &query(
                "SELECT p.id, p.obligation_id, p.started_on, p.ended_on, p.note, p.photo_file_id,
                        CAST(p.automatic AS INTEGER) AS automatic, p.recorded_by_name, p.recorded_at
                 FROM disclosure_proofs p JOIN disclosure_obligations o ON o.id = p.obligation_id
                 WHERE o.item_id = $1 ORDER BY p.started_on, p.recorded_at",
            )
            .bind(id),
        )
        .await?;
    let obligations = rows
        .into_iter()
        .map(|r| {
            let outcome = Outcome {
                first_started_on: r.first_started_on.as_deref().and_then(iso),
                satisfied_on: r.satisfied_on.as_deref().and_then(iso),
                ended_early: r.ended_early != 0,
            };
            let due = iso(&r.due_on).unwrap_or(today);
            ObligationView {
                state: state_on(&outcome, due, today),
                id: r.id,
                channel: r.channel,
                place_code: r.place_code,
                place_name: r.place_name,
                place_kind: r.place_kind,
                min_days: r.min_days,
                permanent: r.permanent != 0,
                due_on: r.due_on,
                satisfied_on: r.satisfied_on,
                citation: r.citation,
            }
        })
        .collect();
    Ok(Some(Detail {
        item,
        unit_code,
        unit_name,
        pack_id,
        period_from,
        period_to,
        versions,
        files: files
            .into_iter()
            .map(|f| {
                (
                    f.version,
                    FileRow {
                        id: f.id,
                        file_name: f.file_name,
                        content_type: f.content_type,
                        size_bytes: f.size_bytes,
                        sha256: f.sha256,
                    },
                )
            })
            .collect(),
        obligations,
        proofs,
    }))
}

/// One unit's line on the compliance dashboard.
#[derive(Debug, Clone, Serialize, sqlx::FromRow, utoipa::ToSchema)]
pub struct DashboardRow {
    /// Unit id.
    pub unit_id: i64,
    /// Code.
    pub code: String,
    /// Name.
    pub name: String,
    /// Disclosures published in the period.
    pub published: i64,
    /// … of which by the due date.
    pub on_time: i64,
    /// … of which every channel's duty is met by the day of the dashboard.
    pub complete: i64,
    /// Expected recurring disclosures due in the period and not published by their due date.
    pub missing: i64,
}

/// The compliance dashboard: every publishing unit under `unit_id` (itself included) with
/// its figures for disclosures published between `from` and `to`, as of `today`.
pub async fn dashboard(
    db: &Db,
    unit_id: i64,
    from: NaiveDate,
    to: NaiveDate,
    today: NaiveDate,
) -> sqlx::Result<Vec<DashboardRow>> {
    let mut rows: Vec<DashboardRow> = db
        .fetch_all(
            &query(format!(
                "{SUBTREE_CTE}
                 SELECT u.id AS unit_id, u.code, u.name, CAST(0 AS BIGINT) AS published,
                        CAST(0 AS BIGINT) AS on_time, CAST(0 AS BIGINT) AS complete, CAST(0 AS BIGINT) AS missing
                 FROM subtree s JOIN units u ON u.id = s.id
                 WHERE u.kind IN ('commune', 'ward', 'special_zone', 'township', 'agency', 'enterprise')
                   AND (u.valid_to IS NULL OR u.valid_to >= $2) AND (u.valid_from IS NULL OR u.valid_from <= $3)
                 ORDER BY u.code"
            ))
            .bind(unit_id)
            .bind(from)
            .bind(to),
        )
        .await?;
    let totals: std::collections::HashMap<i64, super::Totals> =
        super::totals(db, unit_id, from, to, today)
            .await?
            .into_iter()
            .map(|t| (t.unit_id, t))
            .collect();
    let missing: std::collections::HashMap<i64, i64> = db
        .fetch_all::<(i64, i64)>(
            &query(format!(
                "{SUBTREE_CTE}
                 SELECT e.unit_id, CAST(COUNT(*) AS BIGINT)
                 FROM disclosure_expected e JOIN subtree s ON s.id = e.unit_id
                 WHERE e.due_on >= $2 AND e.due_on <= $3 AND e.due_on < $4
                   AND (e.item_id IS NULL OR e.fulfilled_on > e.due_on)
                 GROUP BY e.unit_id"
            ))
            .bind(unit_id)
            .bind(from)
            .bind(to)
            .bind(today),
        )
        .await?
        .into_iter()
        .collect();
    for r in &mut rows {
        if let Some(t) = totals.get(&r.unit_id) {
            r.published = t.published;
            r.on_time = t.on_time;
            r.complete = t.complete;
        }
        r.missing = missing.get(&r.unit_id).copied().unwrap_or(0);
    }
    Ok(rows)
}

/// A line of the quarterly register (Điều 13(2)): what was published, when and how.
#[derive(Debug, Clone, Serialize, sqlx::FromRow, utoipa::ToSchema)]
pub struct RegisterRow {
    /// Disclosure id.
    pub id: i64,
    /// Category.
    pub category: i32,
    /// Title.
    pub title: String,
    /// Document number.
    pub doc_number: String,
    /// Published on (ISO).
    pub published_on: String,
    /// Channels used, with the first day on each (`notice_board:2026-07-03, …`).
    pub channels: String,
}

/// The register lines of a unit for disclosures published between `from` and `to`.
pub async fn register_rows(
    db: &Db,
    unit_id: i64,
    from: NaiveDate,
    to: NaiveDate,
) -> sqlx::Result<Vec<RegisterRow>> {
    let items: Vec<(i64, i32, String, String, String)> = db
        .fetch_all(
            &query(
                "SELECT i.id, CAST(i.category AS INTEGER), i.title, v.doc_number, i.published_on
                 FROM disclosure_items i JOIN disclosure_versions v ON v.item_id = i.id AND v.version = i.version
                 WHERE i.unit_id = $1 AND i.published_on >= $2 AND i.published_on <= $3
                 ORDER BY i.published_on, i.id",
            )
            .bind(unit_id)
            .bind(from)
            .bind(to),
        )
        .await?;
    let channels: Vec<(i64, String, Option<String>)> = db
        .fetch_all(
            &query(
                "SELECT o.item_id, o.channel, MIN(o.first_started_on)
                 FROM disclosure_obligations o JOIN disclosure_items i ON i.id = o.item_id
                 WHERE i.unit_id = $1 AND i.published_on >= $2 AND i.published_on <= $3
                 GROUP BY o.item_id, o.channel ORDER BY o.item_id, o.channel",
            )
            .bind(unit_id)
            .bind(from)
            .bind(to),
        )
        .await?;
    Ok(items
        .into_iter()
        .map(|(id, category, title, doc_number, published_on)| {
            let used: Vec<String> = channels
                .iter()
                .filter(|(item, _, first)| *item == id && first.is_some())
                .map(|(_, ch, first)| format!("{ch}:{}", first.as_deref().unwrap_or_default()))
                .collect();
            RegisterRow {
                id,
                category,
                title,
                doc_number,
                published_on,
                channels: used.join(", "),
            }
        })
        .collect())
}
