//! A model (mô hình "Dân vận khéo"): what a registration grew into, with its description,
//! start and the results it claims. One model a registration.

use dinh_platform::audit::{self, Change};
use dinh_platform::db::ids::next_id;
use dinh_platform::db::{Db, query};
use dinh_platform::write::{Actor, WriteError};
use serde_json::json;

use super::{BODY_MAX, TITLE_MAX, date_field, status, text_field};
use crate::permissions::REGISTER;

/// What is filled in to record a model.
#[derive(Debug, Clone, Default)]
pub struct ModelInput {
    /// The registration it grew from.
    pub registration_id: i64,
    /// Title.
    pub title: String,
    /// What it is and how it works.
    pub description: String,
    /// The day it started (dd/mm/yyyy).
    pub started_on: String,
    /// The results it claims, with their evidence.
    pub results: String,
}

/// Records a model; returns its id.
pub async fn record_model(
    db: &Db,
    actor: Actor<'_>,
    input: &ModelInput,
) -> Result<i64, WriteError> {
    let registration = super::registration(db, input.registration_id)
        .await?
        .ok_or(WriteError::NotFound)?;
    let unit = dinh_platform::units::store::by_id(db, registration.unit_id)
        .await?
        .ok_or(WriteError::NotFound)?;
    actor.may(&REGISTER, &unit)?;
    let taken: Option<(i64,)> = db
        .fetch_optional(
            &query("SELECT id FROM emulation_models WHERE registration_id = $1")
                .bind(registration.id),
        )
        .await?;
    if taken.is_some() {
        return Err(WriteError::invalid(
            "registration_id",
            format!(
                "đăng ký của {} đã có mô hình: cập nhật kết quả trên mô hình đó",
                registration.name
            ),
        ));
    }
    let title = text_field("title", &input.title, TITLE_MAX, "tên mô hình")?;
    let description = text_field(
        "description",
        &input.description,
        BODY_MAX,
        "nội dung, cách làm",
    )?;
    let started_on = date_field("started_on", &input.started_on)?;
    let results = text_field("results", &input.results, BODY_MAX, "kết quả đạt được")?;
    let id = next_id();
    let who = actor.audit();
    let mut tx = db.begin().await?;
    tx.execute(
        &query(
            "INSERT INTO emulation_models (id, registration_id, campaign_id, unit_id, title,
               description, started_on, results, status, status_reason, created_by,
               created_by_account, created_at)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, '', $10, $11, $12)",
        )
        .bind(id)
        .bind(registration.id)
        .bind(registration.campaign_id)
        .bind(unit.id)
        .bind(title.as_str())
        .bind(description.as_str())
        .bind(started_on)
        .bind(results.as_str())
        .bind(status::PROPOSED)
        .bind(who.as_str())
        .bind(actor.account_id())
        .bind(dinh_platform::time::now_rfc3339()),
    )
    .await?;
    audit::record(
        &mut tx,
        Change {
            actor: &who,
            action: "emulation.model",
            object_type: "emulation_model",
            object_id: &id.to_string(),
            before: None,
            after: Some(json!({
                "registration": registration.id, "title": title,
                "started_on": started_on.to_string(),
            })),
        },
    )
    .await?;
    tx.commit().await?;
    Ok(id)
}
