//! Review reports (báo cáo sơ kết, tổng kết) and their versions: every revision of the
//! narrative is a new version with its figures frozen; the head or a deputy head signs one off.

use chrono::NaiveDate;
use dinh_platform::audit::{self, Change};
use dinh_platform::db::{Db, ids::next_id, query};
use dinh_platform::module::Registry;
use dinh_platform::units::{Unit, store as units};
use serde::{Deserialize, Serialize};
use serde_json::json;
use utoipa::ToSchema;

use super::figures::{Figures, compute};
use super::period::{ReportPeriod, check_exists};
use crate::committees::{self, Committee};
use crate::permissions::{MANAGE, SIGN};
use crate::{Actor, StoreError};

/// The narrative sections the committee writes.
#[derive(Debug, Clone, Default, Serialize, Deserialize, ToSchema)]
pub struct Narrative {
    /// Kết quả đạt được.
    pub results: String,
    /// Hạn chế, khó khăn.
    pub limitations: String,
    /// Phương hướng, nhiệm vụ thời gian tới.
    pub tasks_ahead: String,
}

/// Input for a new report.
#[derive(Debug, Clone, Deserialize, ToSchema)]
pub struct NewReport {
    /// The period.
    pub period: ReportPeriod,
    /// Document number ("15-BC/BCĐ").
    pub number: String,
    /// The narrative of the first version.
    pub narrative: Narrative,
}

/// A report's header.
#[derive(Debug, Clone, Serialize, sqlx::FromRow, ToSchema)]
pub struct ReportRow {
    /// Id.
    pub id: i64,
    /// Committee.
    pub committee_id: i64,
    /// `quarter`, `half`, `year`, `custom`.
    pub period_kind: String,
    /// First day (ISO).
    pub period_from: String,
    /// Last day (ISO).
    pub period_to: String,
    /// Document number.
    pub number: String,
    /// Latest version.
    pub current_version: i32,
    /// Version signed off, if any.
    pub signed_version: Option<i32>,
    /// Who signed.
    pub signed_by: Option<String>,
    /// Their title in the committee.
    pub signed_title: Option<String>,
    /// Day signed (ISO).
    pub signed_on: Option<String>,
}

impl ReportRow {
    /// The report's period.
    pub fn period(&self) -> Option<ReportPeriod> {
        ReportPeriod::stored(&self.period_kind, &self.period_from, &self.period_to)
    }
}

/// One version of a report, with its frozen figures.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct Version {
    /// Number, from 1.
    pub version: i32,
    /// The narrative.
    pub narrative: Narrative,
    /// The figures as computed for this version.
    pub figures: Figures,
    /// Who wrote it.
    pub author: String,
    /// When (RFC 3339).
    pub created_at: String,
}

/// A report as shown: header, committee, unit, the version asked for, and all version numbers.
#[derive(Debug, Clone)]
pub struct Report {
    /// Header.
    pub row: ReportRow,
    /// Committee.
    pub committee: Committee,
    /// Unit.
    pub unit: Unit,
    /// The version shown.
    pub version: Version,
    /// Every version: (number, author, created_at).
    pub versions: Vec<(i32, String, String)>,
}

const ROW: &str = "SELECT id, committee_id, period_kind, period_from, period_to, number,
    current_version, signed_version, signed_by, signed_title, signed_on FROM steering_reports";

/// Where a unit's figures are outside its lifetime: its successors and predecessors.
async fn elsewhere(db: &Db, unit: &Unit) -> sqlx::Result<Vec<String>> {
    let mut out: Vec<String> = units::successors(db, unit.id)
        .await?
        .into_iter()
        .map(|l| format!("{} ({})", l.name, l.code))
        .collect();
    out.extend(
        units::predecessors(db, unit.id)
            .await?
            .into_iter()
            .map(|l| format!("{} ({})", l.name, l.code)),
    );
    Ok(out)
}

/// Checks that `period` exists for `unit`, then computes its figures.
pub async fn figures_for(
    db: &Db,
    registry: &Registry,
    unit: &Unit,
    period: ReportPeriod,
) -> Result<Figures, StoreError> {
    check_exists(unit, &period, &elsewhere(db, unit).await?)?;
    compute(db, registry, unit, period).await
}

/// Creates a report (version 1) for a committee and period, with figures from the registry.
pub async fn create(
    db: &Db,
    registry: &Registry,
    actor: Actor<'_>,
    committee_id: i64,
    input: NewReport,
) -> Result<i64, StoreError> {
    let (committee, unit) = committees::with_unit(db, committee_id).await?;
    actor.may(&MANAGE, &unit)?;
    if input.number.trim().is_empty() {
        return Err(StoreError::invalid(
            "number",
            "is required (e.g. 15-BC/BCĐ)",
        ));
    }
    let figures = figures_for(db, registry, &unit, input.period).await?;
    let id = next_id();
    let now = dinh_platform::time::now_rfc3339();
    let mut tx = db.begin().await?;
    tx.execute(
        &query(
            "INSERT INTO steering_reports (id, committee_id, period_kind, period_from, period_to,
               number, current_version, signed_version, signed_by, signed_title, signed_on, created_at)
             VALUES ($1, $2, $3, $4, $5, $6, 1, NULL, NULL, NULL, NULL, $7)",
        )
        .bind(id)
        .bind(committee.id)
        .bind(input.period.kind.as_str())
        .bind(input.period.from)
        .bind(input.period.to)
        .bind(input.number.trim())
        .bind(&now),
    )
    .await?;
    insert_version(&mut tx, id, 1, &input.narrative, &figures, &actor, &now).await?;
    let actor_s = actor.audit();
    audit::record(
        &mut tx,
        Change {
            actor: &actor_s,
            action: "steering.report.create",
            object_type: "steering_report",
            object_id: &id.to_string(),
            before: None,
            after: Some(json!({"committee": committee.id, "unit": unit.code,
                               "period": input.period, "number": input.number.trim()})),
        },
    )
    .await?;
    tx.commit().await?;
    Ok(id)
}

async fn insert_version(
    tx: &mut dinh_platform::db::Tx,
    report_id: i64,
    version: i32,
    narrative: &Narrative,
    figures: &Figures,
    actor: &Actor<'_>,
    now: &str,
) -> Result<(), StoreError> {
    tx.execute(
        &query(
            "INSERT INTO steering_report_versions (id, report_id, version, results, limitations,
               tasks_ahead, figures, author, created_at)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
        )
        .bind(next_id())
        .bind(report_id)
        .bind(version)
        .bind(narrative.results.trim())
        .bind(narrative.limitations.trim())
        .bind(narrative.tasks_ahead.trim())
        .bind(serde_json::to_string(figures).map_err(anyhow::Error::from)?)
        .bind(actor.name())
        .bind(now),
    )
    .await?;
    Ok(())
}

/// A report's header by id.
pub async fn row(db: &Db, id: i64) -> sqlx::Result<Option<ReportRow>> {
    db.fetch_optional(&query(format!("{ROW} WHERE id = $1")).bind(id))
        .await
}

/// Reports of a committee, newest period first.
pub async fn list(db: &Db, committee_id: i64) -> sqlx::Result<Vec<ReportRow>> {
    db.fetch_all(
        &query(format!(
            "{ROW} WHERE committee_id = $1 ORDER BY period_from DESC, period_to DESC"
        ))
        .bind(committee_id),
    )
    .await
}

/// Writes a new version of the narrative; figures are recomputed when `refresh` is set,
/// otherwise carried over. Returns the new version number.
pub async fn revise(
    db: &Db,
    registry: &Registry,
    actor: Actor<'_>,
    report_id: i64,
    narrative: Narrative,
    refresh: bool,
) -> Result<i32, StoreError> {
    let report = load(db, report_id, None).await?;
    actor.may(&MANAGE, &report.unit)?;
    let figures = if refresh {
        let period = report
            .row
            .period()
            .ok_or_else(|| StoreError::invalid("period", "stored period is unreadable"))?;
        figures_for(db, registry, &report.unit, period).await?
    } else {
        report.version.figures.clone()
    };
    let next = report.row.current_version + 1;
    let now = dinh_platform::time::now_rfc3339();
    let mut tx = db.begin().await?;
    let changed = tx
        .execute(
            &query(
                "UPDATE steering_reports SET current_version = $1 WHERE id = $2 AND current_version = $3",
            )
            .bind(next)
            .bind(report_id)
            .bind(report.row.current_version),
        )
        .await?;
    if changed != 1 {
        return Err(StoreError::invalid(
            "version",
            "someone saved a newer version meanwhile: reload and write again",
        ));
    }
    insert_version(&mut tx, report_id, next, &narrative, &figures, &actor, &now).await?;
    let actor_s = actor.audit();
    audit::record(
        &mut tx,
        Change {
            actor: &actor_s,
            action: "steering.report.revise",
            object_type: "steering_report",
            object_id: &report_id.to_string(),
            before: Some(json!({"version": report.row.current_version})),
            after: Some(json!({"version": next, "refreshed_figures": refresh})),
        },
    )
    .await?;
    tx.commit().await?;
    Ok(next)
}

/// Signs off the latest version in the name of a member who is the head or a deputy head on
/// `signed_on`.
pub async fn sign_off(
    db: &Db,
    actor: Actor<'_>,
    report_id: i64,
    signer_member_id: i64,
    signed_on: NaiveDate,
) -> Result<(), StoreError> {
    let report = row(db, report_id).await?.ok_or(StoreError::NotFound)?;
    let (committee, unit) = committees::with_unit(db, report.committee_id).await?;
    actor.may(&SIGN, &unit)?;
    if report.signed_version == Some(report.current_version) {
        return Err(StoreError::invalid(
            "version",
            format!("version {} is already signed off", report.current_version),
        ));
    }
    let day = signed_on.format("%Y-%m-%d").to_string();
    let signer: Option<(String, String)> = db
        .fetch_optional(
            &query(
                "SELECT full_name, position FROM steering_members
                 WHERE id = $1 AND committee_id = $2 AND position IN ('head', 'deputy')
                   AND term_from <= $3 AND (term_to IS NULL OR term_to >= $3)",
            )
            .bind(signer_member_id)
            .bind(committee.id)
            .bind(&day),
        )
        .await?;
    let (name, position) = signer.ok_or_else(|| {
        StoreError::invalid(
            "signer",
            "the report is signed by the committee's head or a deputy head in office on that day",
        )
    })?;
    if day < report.period_to {
        return Err(StoreError::invalid(
            "signed_on",
            "a review report is signed after its period ends",
        ));
    }
    let title = crate::committees::Position::parse(&position)
        .map_or("Trưởng Ban", |p| p.label_vi())
        .to_owned();
    let mut tx = db.begin().await?;
    tx.execute(
        &query(
            "UPDATE steering_reports SET signed_version = $1, signed_by = $2, signed_title = $3,
               signed_on = $4 WHERE id = $5",
        )
        .bind(report.current_version)
        .bind(&name)
        .bind(&title)
        .bind(&day)
        .bind(report_id),
    )
    .await?;
    let actor_s = actor.audit();
    audit::record(
        &mut tx,
        Change {
            actor: &actor_s,
            action: "steering.report.sign",
            object_type: "steering_report",
            object_id: &report_id.to_string(),
            before: Some(json!({"signed_version": report.signed_version})),
            after: Some(
                json!({"signed_version": report.current_version, "signed_by": name,
                               "signed_on": day}),
            ),
        },
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

#[derive(sqlx::FromRow)]
struct VersionRow {
    version: i32,
    results: String,
    limitations: String,
    tasks_ahead: String,
    figures: String,
    author: String,
    created_at: String,
}

/// A report with one version (the latest when `version` is None).
pub async fn load(db: &Db, report_id: i64, version: Option<i32>) -> Result<Report, StoreError> {
    let row = row(db, report_id).await?.ok_or(StoreError::NotFound)?;
    let (committee, unit) = committees::with_unit(db, row.committee_id).await?;
    let wanted = version.unwrap_or(row.current_version);
    let v: VersionRow = db
        .fetch_optional(
            &query(
                "SELECT version, results, limitations, tasks_ahead, figures, author, created_at
                 FROM steering_report_versions WHERE report_id = $1 AND version = $2",
            )
            .bind(report_id)
            .bind(wanted),
        )
        .await?
        .ok_or(StoreError::NotFound)?;
    let figures: Figures = serde_json::from_str(&v.figures).map_err(anyhow::Error::from)?;
    let versions = db
        .fetch_all(
            &query(
                "SELECT version, author, created_at FROM steering_report_versions
                 WHERE report_id = $1 ORDER BY version",
            )
            .bind(report_id),
        )
        .await?;
    Ok(Report {
        row,
        committee,
        unit,
        version: Version {
            version: v.version,
            narrative: Narrative {
                results: v.results,
                limitations: v.limitations,
                tasks_ahead: v.tasks_ahead,
            },
            figures,
            author: v.author,
            created_at: v.created_at,
        },
        versions,
    })
}
