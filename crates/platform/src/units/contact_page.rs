//! `/units/{code}/contact`: the form where a unit's administrator edits its contact details
//! (thông tin liên hệ); only an administrator of the whole country names the unit that runs
//! the site.

use super::contact::{self, UnitContact};
use super::permissions::MANAGE_UNITS;
use super::{Unit, store};
use crate::accounts::authorize;
use crate::accounts::store::Rejected;
use crate::web::{AppError, AppState, Chrome, Ctx, Form, render, urlencode};
use askama::Template;
use axum::extract::{Path, State};
use axum::response::{IntoResponse, Redirect, Response};
use serde::Deserialize;

/// The address of `code`'s contact form.
pub fn path(code: &str) -> String {
    format!("/units/{}/contact", urlencode(code))
}

#[derive(Template)]
#[template(path = "units/contact.html")]
struct ContactPage {
    c: Chrome,
    unit: Unit,
    contact: UnitContact,
    /// Whether the person may name the unit that runs the site (a country-wide administrator).
    may_name_site: bool,
    error: Option<String>,
    /// The address of the unit's emblem, when one was uploaded.
    logo: Option<String>,
}

/// The unit named in the address, and whether the person may edit it (and name the site's
/// owner); a visitor is sent to sign in.
async fn editable(
    state: &AppState,
    ctx: &Ctx,
    code: &str,
) -> Result<Result<(Unit, bool), Response>, AppError> {
    if ctx.principal.is_none() {
        return Ok(Err(Redirect::to(&format!(
            "/login?next={}",
            urlencode(&ctx.here)
        ))
        .into_response()));
    }
    let unit = store::by_code(&state.db, code)
        .await?
        .ok_or_else(AppError::not_found)?;
    authorize(ctx.principal.as_ref(), &MANAGE_UNITS, Some(&unit))?;
    let may_name_site = authorize(ctx.principal.as_ref(), &MANAGE_UNITS, None).is_ok();
    Ok(Ok((unit, may_name_site)))
}

async fn page(
    state: &AppState,
    ctx: &Ctx,
    unit: Unit,
    contact: UnitContact,
    may: bool,
    error: Option<String>,
) -> Result<ContactPage, AppError> {
    let logo = super::logo::of_unit(&state.db, unit.id)
        .await?
        .map(|l| super::logo::href(&unit.code, l.file_id));
    Ok(ContactPage {
        logo,
        c: ctx.chrome(format!("{} — {}", ctx.tr.t("contact_title"), unit.name)),
        unit,
        contact,
        may_name_site: may,
        error,
    })
}

/// `GET /units/{code}/contact`: the form, filled with what is recorded (or a name to start
/// from: "UBND" and the unit's name).
pub(super) async fn form(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(code): Path<String>,
) -> Result<Response, AppError> {
    let (unit, may) = match editable(&state, &ctx, &code).await? {
        Ok(x) => x,
        Err(to_login) => return Ok(to_login),
    };
    let contact = contact::of_unit(&state.db, unit.id)
        .await?
        .unwrap_or_else(|| UnitContact {
            body_name: format!("UBND {}", lowercase_first(&unit.name)),
            ..UnitContact::default()
        });
    Ok(render(&page(&state, &ctx, unit, contact, may, None).await?)?.into_response())
}

/// The form's fields.
#[derive(Deserialize)]
pub(super) struct ContactForm {
    #[serde(default)]
    body_name: String,
    #[serde(default)]
    address: String,
    #[serde(default)]
    phone: String,
    #[serde(default)]
    email: String,
    #[serde(default)]
    reception_hours: String,
    /// Present (`on`) when the box is ticked.
    #[serde(default)]
    runs_site: Option<String>,
}

/// `POST /units/{code}/contact`: saves, then back to the unit's home page with a flash; a bad
/// field sends the form back with what was written and the field named.
pub(super) async fn save(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(code): Path<String>,
    Form(f): Form<ContactForm>,
) -> Result<Response, AppError> {
    let (unit, may) = match editable(&state, &ctx, &code).await? {
        Ok(x) => x,
        Err(to_login) => return Ok(to_login),
    };
    let before = contact::of_unit(&state.db, unit.id).await?;
    // Only a country-wide administrator changes who runs the site; anyone else keeps it as is.
    let runs_site = if may {
        f.runs_site.is_some()
    } else {
        before.as_ref().is_some_and(|b| b.runs_site)
    };
    let wanted = UnitContact {
        body_name: f.body_name,
        address: f.address,
        phone: f.phone,
        email: f.email,
        reception_hours: f.reception_hours,
        runs_site,
    };
    let actor = ctx
        .principal
        .as_ref()
        .map(crate::accounts::Principal::actor)
        .unwrap_or_default();
    let saved = contact::save(&state.db, &unit, &wanted, &actor).await;
    state.site_owner.forget();
    match saved {
        Ok(()) => {
            ctx.redirect_with_flash(
                &state.db,
                &format!("/units/{}", urlencode(&unit.code)),
                ctx.tr.t("contact_flash_saved"),
            )
            .await
        }
        Err(e) => match e.downcast::<Rejected>() {
            Ok(r) => {
                let mut res = render(&page(&state, &ctx, unit, wanted, may, Some(r.0)).await?)?
                    .into_response();
                *res.status_mut() = axum::http::StatusCode::UNPROCESSABLE_ENTITY;
                Ok(res)
            }
            Err(e) => Err(e.into()),
        },
    }
}

/// A unit's name with its first letter in lower case ("Xã Phù Đổng" → "xã Phù Đổng"), as it
/// reads after "UBND".
fn lowercase_first(name: &str) -> String {
    let mut chars = name.chars();
    chars.next().map_or_else(String::new, |first| {
        first.to_lowercase().chain(chars).collect()
    })
}
