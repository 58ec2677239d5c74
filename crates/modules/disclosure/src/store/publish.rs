//! Publishing a disclosure (công bố) and correcting it (đính chính: a new version; the history
//! stays visible). The obligations of Điều 12-13 are computed and stored with it, and the
//! website publication is recorded as its own proof. Both bring the site search in line in
//! their transaction.

use chrono::NaiveDate;
use dinh_platform::audit::{self, Change};
use dinh_platform::db::{Db, Tx, ids::next_id, query};
use dinh_platform::text::fold;
use dinh_platform::time::now_rfc3339;
use dinh_platform::units::Unit;
use serde_json::json;
use std::path::Path;

use super::files::{self, Upload};
use super::{Actor, StoreError, proof, villages_on};
use crate::DisclosureModule;
use crate::obligations::{Places, Publisher, RequirementError, requirements};
use crate::permissions::PUBLISH;
use crate::recurring;

/// What an officer fills in to publish.
#[derive(Debug, Clone)]
pub struct Draft {
    /// Category: a content of Điều 11 (1-14).
    pub category: u32,
    /// Title.
    pub title: String,
    /// Body text.
    pub body: String,
    /// Number of the decision or document behind it (số văn bản).
    pub doc_number: String,
    /// Its date.
    pub doc_date: NaiveDate,
    /// Who issued it.
    pub doc_issuer: String,
    /// The day the clock starts (the decision's date unless given).
    pub decided_on: Option<NaiveDate>,
    /// The day it was published on the website.
    pub published_on: NaiveDate,
    /// The period it concerns, if any.
    pub period_from: Option<NaiveDate>,
    /// … to.
    pub period_to: Option<NaiveDate>,
    /// The expected duty it fulfils: a recurring duty (`budget_execution`, …) with the period
    /// label, or [`super::events::EVENT`] with the origin of the event that raised the duty
    /// (`consultation:42`).
    pub recurring: Option<(String, String)>,
}

/// A correction (đính chính): the new text and why.
#[derive(Debug, Clone)]
pub struct Correction {
    /// New title.
    pub title: String,
    /// New body.
    pub body: String,
    /// Number of the document behind the correction.
    pub doc_number: String,
    /// Its date.
    pub doc_date: NaiveDate,
    /// Who issued it.
    pub doc_issuer: String,
    /// Why it is corrected.
    pub reason: String,
    /// The day the correction is published.
    pub published_on: NaiveDate,
}

fn check_text(field: &'static str, value: &str, max: usize) -> Result<(), StoreError> {
    if value.trim().is_empty() {
        return Err(StoreError::invalid(field, "is empty: fill it in"));
    }
    if value.chars().count() > max {
        return Err(StoreError::invalid(
            field,
            format!("is longer than {max} characters: shorten it or attach a file"),
        ));
    }
    Ok(())
}

fn check_dates(
    doc_date: NaiveDate,
    decided_on: NaiveDate,
    published_on: NaiveDate,
    today: NaiveDate,
) -> Result<(), StoreError> {
    if decided_on < doc_date {
        return Err(StoreError::invalid(
            "decided_on",
            format!(
                "{} is before the document's date {}: the clock starts on or after the document",
                dinh_platform::time::show_date(&decided_on.to_string()),
                dinh_platform::time::show_date(&doc_date.to_string())
            ),
        ));
    }
    if published_on < decided_on {
        return Err(StoreError::invalid(
            "published_on",
            format!(
                "{} is before the decision {}: dates are out of order",
                dinh_platform::time::show_date(&published_on.to_string()),
                dinh_platform::time::show_date(&decided_on.to_string())
            ),
        ));
    }
    if published_on > today {
        return Err(StoreError::invalid(
            "published_on",
            "is in the future: record a publication once it has happened",
        ));
    }
    Ok(())
}

/// Publishes a disclosure of `unit` with its attachments; returns its id.
#[allow(clippy::too_many_lines, clippy::too_many_arguments)]
pub async fn publish(
    db: &Db,
    module: &DisclosureModule,
    data_dir: &Path,
    max_upload: u64,
    actor: Actor<'_>,
    unit: &Unit,
    draft: Draft,
    uploads: Vec<Upload>,
) -> Result<i64, StoreError> {
    actor.may(&PUBLISH, unit)?;
    let today = dinh_platform::time::today_vn();
    let publisher = Publisher::for_unit_kind(&unit.kind).ok_or_else(|| {
        StoreError::invalid(
            "unit",
            format!(
                "{} is a {}: only a commune, ward, agency or enterprise publishes",
                unit.name, unit.kind_label
            ),
        )
    })?;
    check_text("title", &draft.title, 300)?;
    check_text("doc_number", &draft.doc_number, 60)?;
    check_text("doc_issuer", &draft.doc_issuer, 200)?;
    if draft.body.chars().count() > 100_000 {
        return Err(StoreError::invalid(
            "body",
            "is longer than 100,000 characters: attach the full text as a file",
        ));
    }
    let decided_on = draft.decided_on.unwrap_or(draft.doc_date);
    check_dates(draft.doc_date, decided_on, draft.published_on, today)?;
    if let (Some(from), Some(to)) = (draft.period_from, draft.period_to)
        && from > to
    {
        return Err(StoreError::invalid(
            "period_to",
            "is before the period's first day: dates are out of order",
        ));
    }
    if !unit.existed_on(decided_on) {
        return Err(StoreError::invalid(
            "decided_on",
            format!(
                "{} did not exist on {}: publish under the unit that existed then",
                unit.name,
                dinh_platform::time::show_date(&decided_on.to_string())
            ),
        ));
    }
    let pack = module
        .rules()
        .in_force_on(decided_on)
        .map_err(|e| StoreError::invalid("decided_on", e.to_string()))?;
    let event = draft
        .recurring
        .as_ref()
        .filter(|(key, _)| key == super::events::EVENT)
        .map(|(_, origin)| origin.as_str());
    if let Some(origin) = event {
        super::events::check(db, unit, origin, draft.category).await?;
    } else if let Some((key, label)) = &draft.recurring {
        let duty = pack.disclosure.recurring_duty(key).ok_or_else(|| {
            StoreError::invalid(
                "recurring",
                format!("'{key}' is not a recurring duty of rule pack {}", pack.id),
            )
        })?;
        if duty.category != draft.category {
            return Err(StoreError::invalid(
                "category",
                format!(
                    "the duty '{key}' belongs to category {}, not {}",
                    duty.category, draft.category
                ),
            ));
        }
        if recurring::period_of_label(duty.per, label).is_none() {
            return Err(StoreError::invalid(
                "period_label",
                format!(
                    "'{label}' is not a {} period (e.g. 2026-Q3, 2026, 2026-07)",
                    duty.per.code()
                ),
            ));
        }
    }
    let places = Places {
        unit_id: unit.id,
        villages: villages_on(db, unit.id, decided_on).await?,
    };
    let req = requirements(
        pack,
        module.calendar(),
        publisher,
        draft.category,
        decided_on,
        &places,
    )
    .map_err(|e| match e {
        RequirementError::UnknownCategory(..) => StoreError::invalid("category", e.to_string()),
        other => StoreError::Other(anyhow::anyhow!(other)),
    })?;

    let staged = files::stage(data_dir, uploads, max_upload, "attachments").await?;
    let id = next_id();
    let mut tx = db.begin().await?;
    files::insert(&staged, &mut tx, unit.id, actor.account_id()).await?;
    let on_time = draft.published_on <= req.due_on;
    tx.execute(
        &query(
            "INSERT INTO disclosure_items (id, unit_id, publisher_kind, category, title, title_folded, pack_id,
                decided_on, due_on, published_on, on_time, period_from, period_to, recurring_key, period_label,
                version, obligation_count, complete_on, created_at, created_by)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, 1, $16, NULL, $17, $18)",
        )
        .bind(id)
        .bind(unit.id)
        .bind(publisher.code())
        .bind(draft.category)
        .bind(draft.title.trim())
        .bind(fold(&draft.title))
        .bind(&req.pack_id)
        .bind(decided_on)
        .bind(req.due_on)
        .bind(draft.published_on)
        .bind(i64::from(on_time))
        .bind(draft.period_from)
        .bind(draft.period_to)
        .bind(draft.recurring.as_ref().map(|(k, _)| k.clone()))
        .bind(draft.recurring.as_ref().map(|(_, l)| l.clone()))
        .bind(i64::try_from(req.obligations.len()).unwrap_or(0))
        .bind(now_rfc3339())
        .bind(actor.account_id()),
    )
    .await?;
    super::summary::count_publication(&mut tx, unit.id, draft.published_on, on_time).await?;
    insert_version(
        &mut tx,
        id,
        1,
        VersionText {
            title: &draft.title,
            body: &draft.body,
            doc_number: &draft.doc_number,
            doc_date: draft.doc_date,
            doc_issuer: &draft.doc_issuer,
            reason: "",
            published_on: draft.published_on,
        },
        actor,
    )
    .await?;
    attach(&mut tx, id, 1, &staged).await?;
    for o in &req.obligations {
        let oid = next_id();
        tx.execute(
            &query(
                "INSERT INTO disclosure_obligations (id, item_id, channel, place_unit_id, place_kind, min_days, permanent, due_on, citation)
                 VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
            )
            .bind(oid)
            .bind(id)
            .bind(o.channel)
            .bind(o.place_unit_id)
            .bind(o.place_kind)
            .bind(o.min_days.map(i64::from))
            .bind(i64::from(o.permanent))
            .bind(o.due_on)
            .bind(&o.citation),
        )
        .await?;
        if o.channel == "website" {
            proof::insert_automatic(&mut tx, oid, draft.published_on).await?;
            proof::refresh_obligation(&mut tx, oid).await?;
        }
    }
    proof::refresh_item(&mut tx, id).await?;
    if let Some(origin) = event {
        super::events::fulfil(&mut tx, unit, origin, id, draft.published_on).await?;
    } else if let Some((key, label)) = &draft.recurring {
        super::expected::fulfil(&mut tx, module, unit, key, label, id, draft.published_on).await?;
    }
    audit::record(
        &mut tx,
        Change {
            actor: &actor.audit(),
            action: "disclosure.publish",
            object_type: "disclosure",
            object_id: &id.to_string(),
            before: None,
            after: Some(json!({
                "unit": unit.code, "category": draft.category, "title": draft.title.trim(),
                "doc_number": draft.doc_number, "decided_on": decided_on, "due_on": req.due_on,
                "published_on": draft.published_on, "pack": req.pack_id,
                "obligations": req.obligations.len(),
                "files": staged.rows().map(|f| json!({"name": f.file_name, "sha256": f.sha256})).collect::<Vec<_>>(),
            })),
        },
    )
    .await?;
    super::search::sync(&mut tx, id).await?;
    tx.commit().await?;
    staged.keep().await?;
    Ok(id)
}

struct VersionText<'a> {
    title: &'a str,
    body: &'a str,
    doc_number: &'a str,
    doc_date: NaiveDate,
    doc_issuer: &'a str,
    reason: &'a str,
    published_on: NaiveDate,
}

async fn insert_version(
    tx: &mut Tx,
    item_id: i64,
    version: i64,
    v: VersionText<'_>,
    actor: Actor<'_>,
) -> Result<(), StoreError> {
    tx.execute(
        &query(
            "INSERT INTO disclosure_versions (id, item_id, version, title, body, doc_number, doc_date, doc_issuer, reason, published_on, created_at, created_by)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)",
        )
        .bind(next_id())
        .bind(item_id)
        .bind(version)
        .bind(v.title.trim())
        .bind(v.body)
        .bind(v.doc_number.trim())
        .bind(v.doc_date)
        .bind(v.doc_issuer.trim())
        .bind(v.reason.trim())
        .bind(v.published_on)
        .bind(now_rfc3339())
        .bind(actor.account_id()),
    )
    .await?;
    Ok(())
}

async fn attach(
    tx: &mut Tx,
    item_id: i64,
    version: i64,
    staged: &files::Staged,
) -> Result<(), StoreError> {
    for f in staged.rows() {
        tx.execute(
            &query("INSERT INTO disclosure_attachments (item_id, version, file_id) VALUES ($1, $2, $3)")
                .bind(item_id)
                .bind(version)
                .bind(f.id),
        )
        .await?;
    }
    Ok(())
}

/// Corrects a disclosure: a new version with its reason; earlier versions stay readable.
#[allow(clippy::too_many_arguments)]
pub async fn correct(
    db: &Db,
    data_dir: &Path,
    max_upload: u64,
    actor: Actor<'_>,
    item_id: i64,
    c: Correction,
    uploads: Vec<Upload>,
) -> Result<i64, StoreError> {
    let (unit_id, version, title, published_on): (i64, i64, String, String) = db
        .fetch_optional(
            &query("SELECT unit_id, CAST(version AS BIGINT), title, published_on FROM disclosure_items WHERE id = $1")
                .bind(item_id),
        )
        .await?
        .ok_or(StoreError::NotFound)?;
    let unit = dinh_platform::units::store::by_id(db, unit_id)
        .await?
        .ok_or(StoreError::NotFound)?;
    actor.may(&PUBLISH, &unit)?;
    check_text("title", &c.title, 300)?;
    check_text("reason", &c.reason, 1000)?;
    check_text("doc_number", &c.doc_number, 60)?;
    check_text("doc_issuer", &c.doc_issuer, 200)?;
    let first = super::iso(&published_on).unwrap_or(c.published_on);
    if c.published_on < first {
        return Err(StoreError::invalid(
            "published_on",
            "is before the first publication: dates are out of order",
        ));
    }
    if c.published_on > dinh_platform::time::today_vn() {
        return Err(StoreError::invalid("published_on", "is in the future"));
    }
    let staged = files::stage(data_dir, uploads, max_upload, "attachments").await?;
    let next = version + 1;
    let mut tx = db.begin().await?;
    files::insert(&staged, &mut tx, unit_id, actor.account_id()).await?;
    insert_version(
        &mut tx,
        item_id,
        next,
        VersionText {
            title: &c.title,
            body: &c.body,
            doc_number: &c.doc_number,
            doc_date: c.doc_date,
            doc_issuer: &c.doc_issuer,
            reason: &c.reason,
            published_on: c.published_on,
        },
        actor,
    )
    .await?;
    attach(&mut tx, item_id, next, &staged).await?;
    tx.execute(
        &query(
            "UPDATE disclosure_items SET version = $1, title = $2, title_folded = $3 WHERE id = $4",
        )
        .bind(next)
        .bind(c.title.trim())
        .bind(fold(&c.title))
        .bind(item_id),
    )
    .await?;
    audit::record(
        &mut tx,
        Change {
            actor: &actor.audit(),
            action: "disclosure.correct",
            object_type: "disclosure",
            object_id: &item_id.to_string(),
            before: Some(json!({"version": version, "title": title})),
            after: Some(json!({"version": next, "title": c.title.trim(), "reason": c.reason.trim(), "doc_number": c.doc_number})),
        },
    )
    .await?;
    super::search::sync(&mut tx, item_id).await?;
    tx.commit().await?;
    staged.keep().await?;
    Ok(next)
}
