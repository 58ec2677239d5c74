//! A unit's emblem (biểu trưng, logo): uploaded by the unit's administrator on its contact
//! page, shown beside the body's name in every page's header when the unit runs the site, and
//! served at `/units/{code}/logo`. A PNG, JPEG or WebP picture (checked by its content), at most
//! [`MAX_BYTES`]; the file is written beside the database and kept only once the record commits.

use std::path::PathBuf;

use axum::extract::{Multipart, Path, State};
use axum::http::header;
use axum::response::{IntoResponse, Response};
use serde_json::json;

use super::permissions::MANAGE_UNITS;
use super::{Unit, store};
use crate::accounts::authorize;
use crate::audit::{self, Change};
use crate::db::{Db, DbResult, query};
use crate::uploads::{Staged, read_form};
use crate::web::{AppError, AppState, Ctx, urlencode};
use crate::write::WriteError;

/// The largest emblem accepted: a header picture needs far less.
pub const MAX_BYTES: u64 = 512 * 1024;

/// The picture types an emblem may be.
const PICTURES: &[&str] = &["image/png", "image/jpeg", "image/webp"];

/// The recorded emblem of a unit.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct Logo {
    /// The file's id (its name on disk, and the version in its address).
    pub file_id: i64,
    /// Its media type, found from the content.
    pub content_type: String,
}

/// Where emblems are kept under the data directory.
fn dir(state: &AppState) -> PathBuf {
    state.config.data_dir.join("logos")
}

/// The address of `code`'s emblem, versioned by the file so a new one is fetched at once.
pub fn href(code: &str, file_id: i64) -> String {
    format!("/units/{}/logo?v={file_id}", urlencode(code))
}

/// The emblem recorded for `unit_id`, if any.
pub async fn of_unit(db: &Db, unit_id: i64) -> DbResult<Option<Logo>> {
    db.fetch_optional(
        &query("SELECT file_id, content_type FROM unit_logos WHERE unit_id = $1").bind(unit_id),
    )
    .await
}

/// Records `staged` (one checked picture) as `unit`'s emblem, or removes the emblem when
/// `staged` is empty; audited. The old file stays on disk (a backup may still name it).
async fn save(db: &Db, unit: &Unit, staged: Staged, actor: &str) -> anyhow::Result<()> {
    let before = of_unit(db, unit.id).await?;
    let mut tx = db.begin().await?;
    let after = match staged.rows().next() {
        Some(row) => {
            tx.execute(
                &query(
                    "INSERT INTO unit_logos (unit_id, file_id, content_type, size_bytes, sha256,
                         updated_at, updated_by)
                     VALUES ($1, $2, $3, $4, $5, $6, $7)
                     ON CONFLICT (unit_id) DO UPDATE SET file_id = excluded.file_id,
                         content_type = excluded.content_type, size_bytes = excluded.size_bytes,
                         sha256 = excluded.sha256, updated_at = excluded.updated_at,
                         updated_by = excluded.updated_by",
                )
                .bind(unit.id)
                .bind(row.id)
                .bind(&row.content_type)
                .bind(row.size_bytes)
                .bind(&row.sha256)
                .bind(crate::time::now_rfc3339())
                .bind(actor),
            )
            .await?;
            Some(json!({"file_id": row.id, "content_type": row.content_type,
                        "size_bytes": row.size_bytes, "sha256": row.sha256}))
        }
        None => {
            tx.execute(&query("DELETE FROM unit_logos WHERE unit_id = $1").bind(unit.id))
                .await?;
            None
        }
    };
    audit::record(
        &mut tx,
        Change {
            actor,
            action: "units.logo",
            object_type: "unit",
            object_id: &unit.code,
            before: before.map(|b| json!({"file_id": b.file_id, "content_type": b.content_type})),
            after,
        },
    )
    .await?;
    tx.commit().await?;
    staged.keep().await?;
    Ok(())
}

/// `POST /units/{code}/logo` (multipart: `logo`, a picture; or `remove`): saves, then back to
/// the contact page with a flash; a file that is not a picture, or too large, is refused with
/// the field named and nothing kept.
pub(super) async fn upload(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(code): Path<String>,
    form: Multipart,
) -> Result<Response, AppError> {
    let unit = store::by_code(&state.db, &code)
        .await?
        .ok_or_else(AppError::not_found)?;
    authorize(ctx.principal.as_ref(), &MANAGE_UNITS, Some(&unit))?;
    let parts = read_form(&ctx, form, MAX_BYTES).await?;
    let remove = parts.raw("remove").is_some();
    let files = parts.files("logo");
    let staged = if remove {
        Staged::empty()
    } else {
        if files.is_empty() {
            return Err(WriteError::invalid(
                "logo",
                ctx.tr.pick(
                    "Chưa chọn tệp ảnh biểu trưng: chọn một ảnh PNG, JPEG hoặc WebP rồi gửi lại",
                    "No emblem picture chosen: choose a PNG, JPEG or WebP picture and send again",
                ),
            )
            .into());
        }
        let staged = Staged::stage(&dir(&state), files, MAX_BYTES, "logo").await?;
        if staged
            .rows()
            .any(|r| !PICTURES.contains(&r.content_type.as_str()))
            || staged.len() > 1
        {
            return Err(WriteError::invalid(
                "logo",
                ctx.tr.pick(
                    "Biểu trưng phải là một ảnh PNG, JPEG hoặc WebP (không nhận PDF hay Word)",
                    "The emblem must be one PNG, JPEG or WebP picture (not a PDF or Word file)",
                ),
            )
            .into());
        }
        staged
    };
    let actor = ctx
        .principal
        .as_ref()
        .map(crate::accounts::Principal::actor)
        .unwrap_or_default();
    save(&state.db, &unit, staged, &actor).await?;
    state.site_owner.forget();
    let done = if remove {
        ctx.tr.pick("Đã gỡ biểu trưng.", "The emblem was removed.")
    } else {
        ctx.tr.pick("Đã lưu biểu trưng.", "The emblem was saved.")
    };
    ctx.redirect_with_flash(&state.db, &super::contact_page::path(&unit.code), done)
        .await
}

/// `GET /units/{code}/logo`: the emblem, cached by browsers for a day (its address changes
/// with the file).
pub(super) async fn serve(
    State(state): State<AppState>,
    Path(code): Path<String>,
) -> Result<Response, AppError> {
    let unit = store::by_code(&state.db, &code)
        .await?
        .ok_or_else(AppError::not_found)?;
    let logo = of_unit(&state.db, unit.id)
        .await?
        .ok_or_else(AppError::not_found)?;
    let bytes = tokio::fs::read(dir(&state).join(logo.file_id.to_string()))
        .await
        .map_err(|_| AppError::not_found())?;
    Ok((
        [
            (header::CONTENT_TYPE, logo.content_type),
            (header::CACHE_CONTROL, "public, max-age=86400".to_owned()),
        ],
        bytes,
    )
        .into_response())
}
