//! One household's page for officers (hộ gia đình): its facts and what an officer may do for
//! it when it is not online (làm thay cho hộ), gathered from every module of the registry.

use super::permissions::{RECORD_CONSENT, VIEW_HOUSEHOLDS};
use super::store::{self, Unit};
use crate::accounts::authorize;
use crate::db::query;
use crate::households::{self, Household};
use crate::module::SectionItem;
use crate::web::{AppError, AppState, Chrome, Ctx, Form, render, urlencode};
use crate::work::WorkScope;
use askama::Template;
use axum::extract::{Path, State};
use axum::response::{IntoResponse, Response};

#[derive(Template)]
#[template(path = "units/household.html")]
struct HouseholdPage {
    c: Chrome,
    household: Household,
    unit: Unit,
    actions: Vec<SectionItem>,
    /// The phone the representative agreed to be sent text messages at, and since when.
    consent: Option<(String, String)>,
    /// Whether the person may record or withdraw it.
    may_record_consent: bool,
}

/// `GET /households/{code}`: behind the household list's permission at the household's thôn.
pub(super) async fn page(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(code): Path<String>,
) -> Result<Response, AppError> {
    let db = &state.db;
    let principal = ctx
        .principal
        .clone()
        .ok_or(crate::accounts::Denied::NotSignedIn)?;
    let (household, unit) = household_at(db, &code).await?;
    authorize(Some(&principal), &VIEW_HOUSEHOLDS, Some(&unit))?;
    let scope = WorkScope::load(db, principal, crate::time::today_vn()).await?;
    let actions: Vec<SectionItem> = futures_util::future::try_join_all(
        state
            .registry
            .modules()
            .iter()
            .map(|m| m.household_actions(db, &household, &unit, &scope, ctx.tr)),
    )
    .await?
    .into_iter()
    .flatten()
    .collect();
    let rep = representative(db, &household.code).await?;
    let consent = crate::notify::settings::consent_of(db, rep)
        .await?
        .map(|(phone, on)| (phone, crate::time::show_date(&on)));
    let may_record_consent = scope.allows(&RECORD_CONSENT, &unit);
    let title = format!("{} — {}", household.representative, household.code);
    Ok(render(&HouseholdPage {
        c: ctx.chrome(title),
        household,
        unit,
        actions,
        consent,
        may_record_consent,
    })?
    .into_response())
}

/// The household named in the address and its thôn; 404 when either is unknown.
async fn household_at(db: &crate::db::Db, code: &str) -> Result<(Household, Unit), AppError> {
    let (household, unit_id) = households::by_code(db, code)
        .await?
        .ok_or_else(AppError::not_found)?;
    let unit = store::by_id(db, unit_id)
        .await?
        .ok_or_else(AppError::not_found)?;
    Ok((household, unit))
}

async fn representative(db: &crate::db::Db, code: &str) -> Result<i64, AppError> {
    Ok(db
        .scalar(&query("SELECT representative_id FROM households WHERE code = $1").bind(code))
        .await?)
}

/// The consent form: a phone to record, or `withdraw`.
#[derive(serde::Deserialize)]
pub(super) struct ConsentForm {
    #[serde(default)]
    phone: String,
    #[serde(default)]
    withdraw: Option<String>,
}

/// `POST /households/{code}/consent`: records (or withdraws) the representative's consent to
/// text messages, audited under the officer's name; a bad number is named and saves nothing.
pub(super) async fn consent(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(code): Path<String>,
    Form(f): Form<ConsentForm>,
) -> Result<Response, AppError> {
    let db = &state.db;
    let principal = ctx
        .principal
        .clone()
        .ok_or(crate::accounts::Denied::NotSignedIn)?;
    let (_, unit) = household_at(db, &code).await?;
    authorize(Some(&principal), &RECORD_CONSENT, Some(&unit))?;
    let rep = representative(db, &code).await?;
    let here = format!("/households/{}", urlencode(&code));
    if f.withdraw.is_some() {
        crate::notify::settings::withdraw_consent(db, rep, &principal.actor()).await?;
        return ctx
            .redirect_with_flash(db, &here, ctx.tr.t("notify_consent_withdrawn"))
            .await;
    }
    match crate::notify::settings::record_consent(db, rep, &f.phone, &principal.actor()).await {
        Ok(()) => {
            ctx.redirect_with_flash(db, &here, ctx.tr.t("notify_consent_saved"))
                .await
        }
        Err(crate::write::WriteError::Invalid { message, .. }) => {
            Err(AppError::bad_request(format!("phone: {message}")))
        }
        Err(e) => Err(e.into()),
    }
}
