//! Pictures on the web: an officer adds one to an article from its edit page (a photo from the
//! phone, with the text that describes it), and every reader gets the width that fits.

use axum::extract::{Multipart, Path, State};
use axum::http::header;
use axum::response::{IntoResponse, Response};
use dinh_platform::db::query;
use dinh_platform::web::{AppError, AppState, Ctx};
use dinh_platform::write::WriteError;

use super::{actor, may, unit_by_id};
use crate::articles::{self, write};
use crate::images;
use crate::permissions::WRITE;

/// Longest description of a picture, in characters.
const ALT_MAX: usize = 300;

/// `POST /tin-tuc/{id}/anh`: stores the picture in its widths and adds it, with its
/// description as caption, at the end of the article (an edit like any other, audited).
pub(crate) async fn add_picture(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<i64>,
    multipart: Multipart,
) -> Result<Response, AppError> {
    let a = articles::by_id(&state.db, id)
        .await?
        .ok_or_else(AppError::not_found)?;
    let unit = unit_by_id(&state, a.unit_id).await?;
    let who = actor(&ctx)?;
    who.may(&WRITE, &unit)?;
    let parts =
        dinh_platform::uploads::read_form(&ctx, multipart, state.config.upload_max_bytes()).await?;
    let alt = parts.text("alt");
    if alt.is_empty() || alt.chars().count() > ALT_MAX {
        return Err(WriteError::invalid(
            "alt",
            format!(
                "describe the picture in a few words (at most {ALT_MAX} characters): it is read to readers who cannot see it and shown as its caption"
            ),
        )
        .into());
    }
    let Some(upload) = parts.files("picture").into_iter().next() else {
        return Err(WriteError::invalid("picture", "choose a photo to add").into());
    };
    let mut staged = images::Staged::empty();
    let mut picture = images::prepare(
        images::dir(&state.config.data_dir),
        upload.bytes,
        upload.file_name,
        &mut staged,
    )
    .await
    .map_err(|m| AppError::from(WriteError::invalid("picture", m)))?;
    picture.article_id = Some(id);
    picture.unit_id = unit.id;
    picture.alt = alt;
    write::add_picture(&state.db, who, &unit, &a, &picture).await?;
    staged.keep().await?;
    state.pages.forget(&articles::href(id));
    ctx.redirect_with_flash(
        &state.db,
        &format!("/tin-tuc/{id}/sua"),
        ctx.tr.t("portal_picture_added"),
    )
    .await
}

/// `GET /anh/{id}`: one stored width of a picture. A picture of an article the public cannot
/// read yet is only shown to the unit's writers.
pub(crate) async fn picture(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<i64>,
) -> Result<Response, AppError> {
    let row: Option<(String, Option<i64>, i64)> = state
        .db
        .fetch_optional(
            &query(
                "SELECT f.content_type, i.article_id, i.unit_id FROM portal_image_files f
                 JOIN portal_images i ON i.id = f.image_id WHERE f.id = $1",
            )
            .bind(id),
        )
        .await?;
    let (content_type, article_id, unit_id) = row.ok_or_else(AppError::not_found)?;
    let public = match article_id {
        Some(a) => articles::is_public(&state.db, a).await?,
        None => false,
    };
    if !public {
        let unit = unit_by_id(&state, unit_id).await?;
        if !may(&ctx, &WRITE, &unit) {
            return Err(AppError::not_found());
        }
    }
    let path = images::dir(&state.config.data_dir).join(id.to_string());
    let bytes = tokio::fs::read(&path)
        .await
        .map_err(|_| AppError::not_found())?;
    let cache = if public {
        "public, max-age=31536000, immutable"
    } else {
        "private, no-store"
    };
    Ok((
        [
            (header::CONTENT_TYPE, content_type),
            (header::CACHE_CONTROL, cache.to_owned()),
        ],
        bytes,
    )
        .into_response())
}
