//! The pages of notices: the inbox (`/thong-bao`, hộp thư) with its count in the header of
//! every signed-in page, the person's preferences (`/thong-bao/cai-dat`), and the page an
//! e-mail's unsubscribe link opens (`/thong-bao/huy/{token}`). All work without JavaScript.

use super::{Channel, catalogue, settings};
use crate::db::{Db, query};
use crate::web::i18n::Lang;
use crate::web::{AppError, AppState, Chrome, Ctx, Form, render, urlencode};
use crate::write::WriteError;
use askama::Template;
use axum::Router;
use axum::extract::{Path, State};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use serde::Deserialize;
use std::collections::HashMap;

/// Where the inbox is.
pub const INBOX_PATH: &str = "/thong-bao";
/// Where a person's notice preferences are.
pub const SETTINGS_PATH: &str = "/thong-bao/cai-dat";
/// Where an unsubscribe link leads (followed by its token).
pub const UNSUBSCRIBE_PATH: &str = "/thong-bao/huy";
/// Most entries the inbox lists.
const LISTED: i64 = 100;

/// The routes of notices.
pub fn routes() -> Router<AppState> {
    Router::new()
        .route(INBOX_PATH, get(inbox))
        .route("/thong-bao/da-doc", post(read_all))
        .route("/thong-bao/{id}/da-doc", post(read_one))
        .route(SETTINGS_PATH, get(settings_page).post(settings_save))
        .route(
            "/thong-bao/huy/{token}",
            get(unsubscribe_page).post(unsubscribe_confirm),
        )
}

/// How many entries of the inbox of `account_id` are unread (for the header).
pub async fn unread_count(db: &Db, account_id: i64) -> sqlx::Result<i64> {
    db.scalar(
        &query("SELECT COUNT(*) FROM notifications WHERE account_id = $1 AND channel = 'inbox' AND read_at IS NULL")
            .bind(account_id),
    )
    .await
}

#[derive(sqlx::FromRow)]
struct Entry {
    id: i64,
    subject: String,
    body: String,
    link: Option<String>,
    created_at: String,
    read_at: Option<String>,
}

impl Entry {
    fn when(&self) -> String {
        crate::time::show_instant(&self.created_at)
    }
}

#[derive(Template)]
#[template(path = "notify/inbox.html")]
struct InboxPage {
    c: Chrome,
    entries: Vec<Entry>,
    unread: i64,
}

fn to_login(ctx: &Ctx) -> Response {
    Redirect::to(&format!("/login?next={}", urlencode(&ctx.here))).into_response()
}

async fn inbox(State(state): State<AppState>, ctx: Ctx) -> Result<Response, AppError> {
    let Some(p) = &ctx.principal else {
        return Ok(to_login(&ctx));
    };
    let entries: Vec<Entry> = state
        .db
        .fetch_all(
            &query("SELECT id, subject, body, link, created_at, read_at FROM notifications WHERE account_id = $1 AND channel = 'inbox' ORDER BY id DESC LIMIT $2")
                .bind(p.account_id)
                .bind(LISTED),
        )
        .await?;
    let unread = unread_count(&state.db, p.account_id).await?;
    let page = InboxPage {
        c: ctx.chrome(ctx.tr.t("notify_inbox")),
        entries,
        unread,
    };
    Ok(render(&page)?.into_response())
}

#[derive(Deserialize)]
struct Nothing {}

async fn read_one(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<i64>,
    Form(_): Form<Nothing>,
) -> Result<Response, AppError> {
    let Some(p) = &ctx.principal else {
        return Ok(to_login(&ctx));
    };
    // Only the person's own entries: another's id changes nothing.
    state
        .db
        .execute(
            &query("UPDATE notifications SET read_at = $1 WHERE id = $2 AND account_id = $3 AND channel = 'inbox' AND read_at IS NULL")
                .bind(crate::time::now_rfc3339())
                .bind(id)
                .bind(p.account_id),
        )
        .await?;
    Ok(Redirect::to(INBOX_PATH).into_response())
}

async fn read_all(
    State(state): State<AppState>,
    ctx: Ctx,
    Form(_): Form<Nothing>,
) -> Result<Response, AppError> {
    let Some(p) = &ctx.principal else {
        return Ok(to_login(&ctx));
    };
    state
        .db
        .execute(
            &query("UPDATE notifications SET read_at = $1 WHERE account_id = $2 AND channel = 'inbox' AND read_at IS NULL")
                .bind(crate::time::now_rfc3339())
                .bind(p.account_id),
        )
        .await?;
    ctx.redirect_with_flash(&state.db, INBOX_PATH, ctx.tr.t("notify_all_read"))
        .await
}

/// One kind of notice on the preferences page, with the state of each channel.
struct KindRow {
    key: String,
    name: String,
    required: bool,
    channels: Vec<(Channel, bool, bool)>,
}

#[derive(Template)]
#[template(path = "notify/settings.html")]
struct SettingsPage {
    c: Chrome,
    email: String,
    phone: String,
    quiet_from: String,
    quiet_to: String,
    english: bool,
    kinds: Vec<KindRow>,
    error: Option<(String, String)>,
}

fn kind_rows(ctx: &Ctx, s: &settings::Settings) -> Vec<KindRow> {
    catalogue::all()
        .into_iter()
        .map(|(key, kind)| KindRow {
            name: kind.name.pick(ctx.tr.lang).to_owned(),
            required: kind.required,
            channels: Channel::ALL
                .into_iter()
                .map(|ch| {
                    let locked = kind.required && kind.channels.contains(&ch);
                    (ch, s.wants(&key, &kind, ch), locked)
                })
                .collect(),
            key,
        })
        .collect()
}

fn hour_text(h: Option<u32>) -> String {
    h.map(|h| h.to_string()).unwrap_or_default()
}

async fn settings_page(State(state): State<AppState>, ctx: Ctx) -> Result<Response, AppError> {
    let Some(p) = &ctx.principal else {
        return Ok(to_login(&ctx));
    };
    let s = settings::of_account(&state.db, p.account_id).await?;
    let page = SettingsPage {
        c: ctx.chrome(ctx.tr.t("notify_settings")),
        email: s.email.clone(),
        phone: s.phone.clone(),
        quiet_from: hour_text(s.quiet_from),
        quiet_to: hour_text(s.quiet_to),
        english: s.lang == Lang::En,
        kinds: kind_rows(&ctx, &s),
        error: None,
    };
    Ok(render(&page)?.into_response())
}

#[derive(Deserialize)]
struct SettingsForm {
    #[serde(default)]
    email: String,
    #[serde(default)]
    phone: String,
    #[serde(default)]
    quiet_from: String,
    #[serde(default)]
    quiet_to: String,
    #[serde(default)]
    lang: String,
    /// `on.<kind>.<channel> = on` for each box ticked.
    #[serde(flatten)]
    boxes: HashMap<String, String>,
}

fn hour(field: &'static str, text: &str) -> Result<Option<u32>, WriteError> {
    let t = text.trim();
    if t.is_empty() {
        return Ok(None);
    }
    t.parse::<u32>()
        .ok()
        .filter(|h| *h <= 23)
        .map(Some)
        .ok_or_else(|| WriteError::invalid(field, "write an hour of the day, 0 to 23"))
}

async fn settings_save(
    State(state): State<AppState>,
    ctx: Ctx,
    Form(f): Form<SettingsForm>,
) -> Result<Response, AppError> {
    let Some(p) = ctx.principal.clone() else {
        return Ok(to_login(&ctx));
    };
    let mut choices = Vec::new();
    for (key, kind) in catalogue::all() {
        for ch in Channel::ALL {
            let ticked = f.boxes.contains_key(&format!("on.{key}.{}", ch.as_str()));
            let default = kind.channels.contains(&ch);
            if kind.required && default {
                continue;
            }
            if ticked != default {
                choices.push((key.clone(), ch, ticked));
            }
        }
    }
    let result = match (
        hour("quiet_from", &f.quiet_from),
        hour("quiet_to", &f.quiet_to),
    ) {
        (Ok(a), Ok(b)) => {
            settings::save(
                &state.db,
                p.account_id,
                &p.actor(),
                &settings::Wanted {
                    email: &f.email,
                    phone: &f.phone,
                    quiet: (a, b),
                    lang: Lang::parse(&f.lang),
                    choices: &choices,
                },
            )
            .await
        }
        (Err(e), _) | (_, Err(e)) => Err(e),
    };
    match result {
        Ok(()) => {
            ctx.redirect_with_flash(&state.db, SETTINGS_PATH, ctx.tr.t("notify_settings_saved"))
                .await
        }
        Err(WriteError::Invalid { field, message }) => {
            let mut s = settings::Settings {
                email: f.email.clone(),
                phone: f.phone.clone(),
                lang: Lang::parse(&f.lang),
                ..settings::Settings::default()
            };
            for (k, ch, on) in &choices {
                s.choices.insert((k.clone(), *ch), *on);
            }
            let page = SettingsPage {
                c: ctx.chrome(ctx.tr.t("notify_settings")),
                email: f.email,
                phone: f.phone,
                quiet_from: f.quiet_from,
                quiet_to: f.quiet_to,
                english: s.lang == Lang::En,
                kinds: kind_rows(&ctx, &s),
                error: Some((field.to_owned(), message)),
            };
            let mut res = render(&page)?.into_response();
            *res.status_mut() = axum::http::StatusCode::UNPROCESSABLE_ENTITY;
            Ok(res)
        }
        Err(e) => Err(e.into()),
    }
}

#[derive(Template)]
#[template(path = "notify/unsubscribe.html")]
struct UnsubscribePage {
    c: Chrome,
    token: String,
    kind: String,
    done: bool,
}

/// The kind name an unsubscribe token is for, if the token is known.
async fn token_kind(db: &Db, token: &str, ctx: &Ctx) -> Result<String, AppError> {
    let kind: Option<(String,)> = db
        .fetch_optional(
            &query("SELECT kind FROM notifications WHERE unsubscribe_token = $1 AND account_id IS NOT NULL")
                .bind(token),
        )
        .await?;
    let (key,) = kind.ok_or_else(AppError::not_found)?;
    Ok(catalogue::kind(&key).map_or(key, |k| k.name.pick(ctx.tr.lang).to_owned()))
}

/// `GET`: asks to confirm (a mail scanner that opens links changes nothing).
async fn unsubscribe_page(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(token): Path<String>,
) -> Result<Response, AppError> {
    let kind = token_kind(&state.db, &token, &ctx).await?;
    let page = UnsubscribePage {
        c: ctx.chrome(ctx.tr.t("notify_unsubscribe")),
        token,
        kind,
        done: false,
    };
    Ok(render(&page)?.into_response())
}

/// `POST`: turns that kind's e-mail off. The token, known only to the mailbox it was sent to,
/// stands for the session here.
async fn unsubscribe_confirm(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(token): Path<String>,
) -> Result<Response, AppError> {
    let kind = token_kind(&state.db, &token, &ctx).await?;
    settings::unsubscribe(&state.db, &token)
        .await?
        .ok_or_else(AppError::not_found)?;
    let page = UnsubscribePage {
        c: ctx.chrome(ctx.tr.t("notify_unsubscribe")),
        token,
        kind,
        done: true,
    };
    Ok(render(&page)?.into_response())
}
