//! Routes of the shell itself: home, sign-in and out, language, health, metrics, OpenAPI (the
//! search page is [`crate::search`]'s).

use super::ctx::LANG_COOKIE;
use super::{AppError, AppState, Chrome, Ctx, Form, render};
use crate::accounts::login::{self, LoginOutcome};
use crate::accounts::session::{self, COOKIE};
use crate::db::query;
use crate::units::{Unit, store};
use askama::Template;
use axum::Json;
use axum::extract::{Path, Query, State};
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::get;
use axum_extra::extract::cookie::{Cookie, CookieJar, SameSite};
use serde::Deserialize;

pub(super) fn routes() -> axum::Router<AppState> {
    axum::Router::new()
        .route("/", get(home))
        .route("/login", get(login_page).post(login_submit))
        .route("/logout", axum::routing::post(logout))
        .route("/lang/{code}", get(switch_lang))
        .route("/healthz", get(healthz))
        .route("/metrics", get(metrics))
        .route("/api/openapi.json", get(openapi))
        .route("/static/dinh.css", get(stylesheet))
}

#[derive(Template)]
#[template(path = "home.html")]
struct HomePage {
    c: Chrome,
    provinces: Vec<Unit>,
    roles: Vec<(String, String)>,
}

async fn home(
    State(state): State<AppState>,
    uri: axum::http::Uri,
    ctx: Ctx,
) -> Result<Response, AppError> {
    // An old site's address on the root (WordPress's `/?p=42`) leads where it moved.
    if uri.query().is_some()
        && let Some(moved) = super::moved_to(&state, &uri).await?
    {
        return Ok(moved);
    }
    let provinces: Vec<Unit> = store::children(&state.db, None, 200, 0)
        .await?
        .into_iter()
        .filter(|u| u.valid_to.is_none())
        .collect();
    let roles = ctx
        .principal
        .iter()
        .flat_map(|p| &p.grants)
        .map(|g| {
            let role = ctx.tr.pick(g.role.label_vi(), g.role.label_en()).to_owned();
            (
                role,
                g.unit_name
                    .clone()
                    .unwrap_or_else(|| ctx.tr.t("whole_country").to_owned()),
            )
        })
        .collect();
    let page = HomePage {
        c: ctx.chrome(ctx.tr.t("site_tagline")),
        provinces,
        roles,
    };
    Ok(render(&page)?.into_response())
}

#[derive(Deserialize)]
struct NextQuery {
    #[serde(default)]
    next: String,
}

/// A local path to come back to (never another site).
fn safe_next(next: &str) -> String {
    if next.starts_with('/') && !next.starts_with("//") && !next.contains('\\') {
        next.to_owned()
    } else {
        "/".to_owned()
    }
}

fn session_cookie(state: &AppState, token: String) -> Cookie<'static> {
    Cookie::build((COOKIE, token))
        .http_only(true)
        .same_site(SameSite::Lax)
        .secure(state.config.secure_cookies)
        .path("/")
        .max_age(time_hours(state.config.session_hours))
        .build()
}

fn time_hours(hours: i64) -> cookie::time::Duration {
    cookie::time::Duration::hours(hours)
}

#[derive(Template)]
#[template(path = "login.html")]
struct LoginPage {
    c: Chrome,
    next: String,
    login: String,
    error: Option<String>,
}

async fn login_page(
    State(state): State<AppState>,
    ctx: Ctx,
    jar: CookieJar,
    Query(q): Query<NextQuery>,
) -> Result<Response, AppError> {
    let mut chrome = ctx.chrome(ctx.tr.t("login_title"));
    let mut jar = jar;
    if ctx.session.is_none() {
        // An anonymous session carries the CSRF token of the sign-in form.
        let (token, s) = session::create(&state.db, None, 1).await?;
        chrome.csrf = Some(s.csrf_token);
        jar = jar.add(session_cookie(&state, token));
    }
    let page = LoginPage {
        c: chrome,
        next: safe_next(&q.next),
        login: String::new(),
        error: None,
    };
    Ok((jar, render(&page)?).into_response())
}

#[derive(Deserialize)]
struct LoginForm {
    login: String,
    password: String,
    #[serde(default)]
    next: String,
}

async fn login_submit(
    State(state): State<AppState>,
    ctx: Ctx,
    jar: CookieJar,
    Form(form): Form<LoginForm>,
) -> Result<Response, AppError> {
    let outcome = login::attempt(
        &state.db,
        &form.login,
        &form.password,
        state.config.lockout(),
    )
    .await?;
    let (status, error) = match outcome {
        LoginOutcome::Success(account_id) => {
            if let Some(old) = &ctx.session {
                session::delete(&state.db, &old.token_hash).await?;
            }
            let (token, _) =
                session::create(&state.db, Some(account_id), state.config.session_hours).await?;
            // Signing in from the home page lands on the work home.
            let next = match safe_next(&form.next).as_str() {
                "/" => crate::work::PATH.to_owned(),
                other => other.to_owned(),
            };
            return Ok(
                (jar.add(session_cookie(&state, token)), Redirect::to(&next)).into_response(),
            );
        }
        LoginOutcome::Wrong => (StatusCode::UNAUTHORIZED, ctx.tr.t("login_wrong").to_owned()),
        LoginOutcome::Locked(until) => {
            let local = crate::time::show_instant(&until);
            (
                StatusCode::TOO_MANY_REQUESTS,
                format!("{} {local}.", ctx.tr.t("login_locked")),
            )
        }
    };
    let page = LoginPage {
        c: ctx.chrome(ctx.tr.t("login_title")),
        next: safe_next(&form.next),
        login: form.login,
        error: Some(error),
    };
    Ok((status, render(&page)?).into_response())
}

#[derive(Deserialize)]
struct Empty {}

async fn logout(
    State(state): State<AppState>,
    ctx: Ctx,
    jar: CookieJar,
    Form(_): Form<Empty>,
) -> Result<Response, AppError> {
    if let Some(s) = &ctx.session {
        session::delete(&state.db, &s.token_hash).await?;
    }
    Ok((
        jar.remove(Cookie::build(COOKIE).path("/")),
        Redirect::to("/"),
    )
        .into_response())
}

async fn switch_lang(
    Path(code): Path<String>,
    jar: CookieJar,
    Query(q): Query<NextQuery>,
) -> Response {
    let lang = super::i18n::Lang::parse(&code);
    let cookie = Cookie::build((LANG_COOKIE, lang.code()))
        .path("/")
        .same_site(SameSite::Lax)
        .max_age(time_hours(24 * 365))
        .build();
    (jar.add(cookie), Redirect::to(&safe_next(&q.next))).into_response()
}

async fn healthz(State(state): State<AppState>) -> Response {
    match state
        .db
        .scalar::<i64>(&query("SELECT CAST(1 AS BIGINT)"))
        .await
    {
        Ok(_) => Json(serde_json::json!({"status": "ok", "engine": state.db.engine().name()}))
            .into_response(),
        Err(e) => {
            tracing::error!(error = %e, "health check failed");
            (
                StatusCode::SERVICE_UNAVAILABLE,
                Json(serde_json::json!({"status": "database unavailable"})),
            )
                .into_response()
        }
    }
}

async fn metrics(State(state): State<AppState>) -> Response {
    let mut text = state.metrics.render();
    match crate::notify::outbox::metrics(&state.db).await {
        Ok(lines) => text.push_str(&lines),
        Err(e) => tracing::warn!(error = %e, "cannot count notices for /metrics"),
    }
    ([(header::CONTENT_TYPE, "text/plain; version=0.0.4")], text).into_response()
}

async fn openapi(State(state): State<AppState>) -> Json<utoipa::openapi::OpenApi> {
    let info = utoipa::openapi::InfoBuilder::new()
        .title("Đình API")
        .version(env!("CARGO_PKG_VERSION"))
        .description(Some(
            "JSON API of Đình, the grassroots democracy platform. Paths are under /api/v1.",
        ))
        .build();
    let mut doc = utoipa::openapi::OpenApiBuilder::new().info(info).build();
    for m in state.registry.modules() {
        doc.merge(m.openapi());
    }
    Json(doc)
}

async fn stylesheet() -> Response {
    (
        [
            (header::CONTENT_TYPE, "text/css; charset=utf-8"),
            (header::CACHE_CONTROL, "public, max-age=86400"),
        ],
        include_str!("../../static/dinh.css"),
    )
        .into_response()
}
