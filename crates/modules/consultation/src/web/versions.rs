//! The versions of a draft (các bản dự thảo): the public list of versions with their dates, the
//! text of one version, the difference between two versions part by part, and the form by
//! which an officer publishes a new version.

use askama::Template;
use axum::extract::{Path, Query, State};
use axum::response::{IntoResponse, Response};
use dinh_platform::time::{show_date, today_vn};
use dinh_platform::web::{AppError, AppState, Chrome, Ctx, Form, render};
use dinh_platform::write::Actor;
use serde::Deserialize;

use super::found;
use crate::diff::{self, PartDiff};
use crate::store::{self, Part, Version, VersionInput};

/// A version as a line of the list.
pub(crate) struct VersionRow {
    pub number: i64,
    pub published: String,
    pub note: String,
}

impl From<Version> for VersionRow {
    fn from(v: Version) -> Self {
        Self {
            number: v.number,
            published: show_date(&v.published_on),
            note: v.note,
        }
    }
}

#[derive(Template)]
#[template(path = "consultation/versions.html")]
struct VersionsPage {
    c: Chrome,
    k: store::Consultation,
    versions: Vec<VersionRow>,
}

/// `GET /consultations/{id}/versions`: every version with its date, each linking to its text
/// and to its difference from the one before, and a form to compare any two.
pub(crate) async fn list(
    State(s): State<AppState>,
    ctx: Ctx,
    Path(id): Path<i64>,
) -> Result<Response, AppError> {
    let k = found(&s.db, id).await?;
    let versions = store::versions(&s.db, id)
        .await?
        .into_iter()
        .map(VersionRow::from)
        .collect();
    let page = VersionsPage {
        c: ctx.chrome(format!(
            "{} · {}",
            ctx.tr.pick("Các bản dự thảo", "Versions of the draft"),
            k.title
        )),
        versions,
        k,
    };
    Ok(render(&page)?.into_response())
}

#[derive(Template)]
#[template(path = "consultation/version.html")]
struct VersionPage {
    c: Chrome,
    k: store::Consultation,
    v: VersionRow,
    parts: Vec<Part>,
}

/// `GET /consultations/{id}/versions/{number}`: the whole text of one version.
pub(crate) async fn show(
    State(s): State<AppState>,
    ctx: Ctx,
    Path((id, number)): Path<(i64, i64)>,
) -> Result<Response, AppError> {
    let k = found(&s.db, id).await?;
    let v = store::versions(&s.db, id)
        .await?
        .into_iter()
        .find(|v| v.number == number)
        .ok_or_else(AppError::not_found)?;
    let parts = store::version_parts(&s.db, id, number).await?;
    let page = VersionPage {
        c: ctx.chrome(format!(
            "{} {number} · {}",
            ctx.tr.pick("Bản dự thảo số", "Version"),
            k.title
        )),
        v: v.into(),
        parts,
        k,
    };
    Ok(render(&page)?.into_response())
}

/// `?from=A&to=B` of the comparison (text, so a bad value is a 404, not a 400).
#[derive(Deserialize)]
pub(crate) struct Between {
    #[serde(default)]
    from: String,
    #[serde(default)]
    to: String,
}

#[derive(Template)]
#[template(path = "consultation/diff.html")]
struct DiffPage {
    c: Chrome,
    k: store::Consultation,
    versions: Vec<VersionRow>,
    from: VersionRow,
    to: VersionRow,
    parts: Vec<PartDiff>,
    added: usize,
    removed: usize,
    changed: usize,
}

impl DiffPage {
    /// The name of a part's change in the page's language.
    fn change_name(&self, d: &PartDiff) -> &'static str {
        let (vi, en) = d.change.names();
        self.c.tr.pick(vi, en)
    }

    /// The part's number in the older version, when it had another number there.
    fn moved_from(&self, d: &PartDiff) -> Option<i64> {
        match (d.old_number, d.new_number) {
            (Some(o), Some(n)) if o != n => Some(o),
            _ => None,
        }
    }
}

/// `GET /consultations/{id}/diff?from=A&to=B`: what changed from version A to version B, part
/// by part (by default, from the version before the current one to the current one).
pub(crate) async fn compare(
    State(s): State<AppState>,
    ctx: Ctx,
    Path(id): Path<i64>,
    Query(q): Query<Between>,
) -> Result<Response, AppError> {
    let k = found(&s.db, id).await?;
    let versions = store::versions(&s.db, id).await?;
    let number = |text: &str, default: i64| -> Result<i64, AppError> {
        match text.trim() {
            "" => Ok(default),
            t => t.parse().map_err(|_| AppError::not_found()),
        }
    };
    let to_n = number(&q.to, k.version)?;
    let from_n = number(&q.from, (to_n - 1).max(1))?;
    let pick = |n: i64| {
        versions
            .iter()
            .find(|v| v.number == n)
            .cloned()
            .ok_or_else(AppError::not_found)
    };
    let (from, to) = (pick(from_n)?, pick(to_n)?);
    let old = store::version_parts(&s.db, id, from_n).await?;
    let new = store::version_parts(&s.db, id, to_n).await?;
    let parts = diff::compare(&old, &new);
    let count = |c: diff::PartChange| parts.iter().filter(|p| p.change == c).count();
    let page = DiffPage {
        c: ctx.chrome(format!(
            "{} {from_n} → {to_n} · {}",
            ctx.tr.pick("So sánh bản dự thảo", "Versions compared"),
            k.title
        )),
        added: count(diff::PartChange::Added),
        removed: count(diff::PartChange::Removed),
        changed: count(diff::PartChange::Changed),
        versions: versions.into_iter().map(VersionRow::from).collect(),
        from: from.into(),
        to: to.into(),
        parts,
        k,
    };
    Ok(render(&page)?.into_response())
}

/// The fields of a new version.
#[derive(Deserialize)]
pub(crate) struct VersionFields {
    #[serde(default)]
    draft: String,
    #[serde(default)]
    published_on: String,
    #[serde(default)]
    note: String,
}

/// `POST /consultations/{id}/versions`: publishes a new version of the draft; on to its
/// difference from the one before.
pub(crate) async fn publish(
    State(s): State<AppState>,
    ctx: Ctx,
    Path(id): Path<i64>,
    Form(f): Form<VersionFields>,
) -> Result<Response, AppError> {
    let who = ctx
        .principal
        .as_ref()
        .map(Actor::Person)
        .ok_or_else(|| AppError::new(dinh_platform::web::ErrorKind::Unauthorized))?;
    let input = VersionInput {
        draft: f.draft,
        published_on: f.published_on,
        note: f.note,
    };
    let number = store::publish_version(&s.db, who, id, &input, today_vn()).await?;
    let message = format!(
        "{} {number}.",
        ctx.tr.pick(
            "Đã công khai bản dự thảo số",
            "Published the draft's version"
        )
    );
    ctx.redirect_with_flash(
        &s.db,
        &format!("/consultations/{id}/diff?from={}&to={number}", number - 1),
        &message,
    )
    .await
}
