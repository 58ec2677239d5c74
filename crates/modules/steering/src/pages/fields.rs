//! Reading the committees' forms (biểu mẫu): the posted fields as pairs (so that a field may
//! repeat, like the lower units a task is assigned to), the CSRF token checked with
//! [`Ctx::check_csrf`], dates as dd/mm/yyyy; and the page shown when a write is refused, naming
//! the field, with nothing written.

use askama::Template;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use chrono::NaiveDate;
use dinh_platform::time::parse_date;
use dinh_platform::web::{AppError, Chrome, Ctx, render};

use crate::StoreError;

/// The posted fields of a form whose token matched the session.
pub(crate) struct Fields(Vec<(String, String)>);

impl Fields {
    /// Checks the form's `csrf` field against the visitor's session (403 otherwise).
    pub(crate) fn checked(ctx: &Ctx, pairs: Vec<(String, String)>) -> Result<Self, AppError> {
        let token = pairs
            .iter()
            .find(|(k, _)| k == "csrf")
            .map_or("", |(_, v)| v.as_str());
        ctx.check_csrf(token)?;
        Ok(Fields(pairs))
    }

    /// A field's text, trimmed ("" when absent).
    pub(crate) fn text(&self, name: &str) -> String {
        self.0
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.trim().to_owned())
            .unwrap_or_default()
    }

    /// Every value of a repeated field, without the empty ones.
    pub(crate) fn all(&self, name: &str) -> Vec<String> {
        self.0
            .iter()
            .filter(|(k, v)| k == name && !v.trim().is_empty())
            .map(|(_, v)| v.trim().to_owned())
            .collect()
    }

    /// A date written dd/mm/yyyy (or as a date picker sends it); None when left empty.
    pub(crate) fn date(&self, name: &'static str) -> Result<Option<NaiveDate>, StoreError> {
        let text = self.text(name);
        if text.is_empty() {
            return Ok(None);
        }
        parse_date(&text)
            .map(Some)
            .ok_or_else(|| StoreError::invalid(name, "write the date as dd/mm/yyyy"))
    }

    /// A date that must be given.
    pub(crate) fn required_date(&self, name: &'static str) -> Result<NaiveDate, StoreError> {
        self.date(name)?
            .ok_or_else(|| StoreError::invalid(name, "is required: write the date as dd/mm/yyyy"))
    }

    /// A whole number that must be given.
    pub(crate) fn number<T: std::str::FromStr>(&self, name: &'static str) -> Result<T, StoreError> {
        self.text(name)
            .parse()
            .map_err(|_| StoreError::invalid(name, "write a whole number"))
    }
}

#[derive(Template)]
#[template(path = "steering/refused.html")]
struct RefusedPage {
    c: Chrome,
    field: String,
    label: String,
    message: String,
    back: String,
}

/// The outcome of a form: the page to go to, or why nothing was written. A refusal naming a
/// field is shown on a page of its own (422) with the field's name and a link back to the
/// form; other refusals (not signed in, out of scope, not found) are the platform's pages.
pub(crate) async fn outcome(
    ctx: &Ctx,
    db: &dinh_platform::db::Db,
    back: &str,
    result: Result<String, StoreError>,
) -> Result<Response, AppError> {
    match result {
        Ok(to) => {
            ctx.redirect_with_flash(db, &to, ctx.tr.t("flash_saved"))
                .await
        }
        Err(StoreError::Invalid { field, message }) => {
            let key = format!("steering_field_{field}");
            let label = match ctx.tr.t(&key) {
                t if t == key => field.to_owned(),
                t => t.to_owned(),
            };
            let page = RefusedPage {
                c: ctx.chrome(ctx.tr.t("steering_refused").to_owned()),
                field: field.to_owned(),
                label,
                message,
                back: back.to_owned(),
            };
            Ok((StatusCode::UNPROCESSABLE_ENTITY, render(&page)?).into_response())
        }
        Err(other) => Err(other.into()),
    }
}
