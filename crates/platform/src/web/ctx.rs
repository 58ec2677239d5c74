//! The request context: who is signed in, in which language, and the page frame.

use super::i18n::{Lang, Tr};
use super::{AppError, AppState, ErrorKind};
use crate::accounts::session::{self, COOKIE, Session};
use crate::accounts::{Principal, store};
use crate::units::contact::SiteOwner;
use axum::extract::{FromRequest, FromRequestParts, Request};
use axum::http::HeaderMap;
use axum::http::request::Parts;
use axum::response::Html;
use axum_extra::extract::cookie::CookieJar;
use serde::de::DeserializeOwned;

/// Name of the language cookie.
pub const LANG_COOKIE: &str = "dinh_lang";

/// The language a request asks for (cookie `dinh_lang`; Vietnamese by default).
pub fn lang_from_headers(headers: &HeaderMap) -> Lang {
    let jar = CookieJar::from_headers(headers);
    jar.get(LANG_COOKIE)
        .map_or(Lang::Vi, |c| Lang::parse(c.value()))
}

/// Who is asking, in which language.
#[derive(Clone)]
pub struct Ctx {
    /// The live session, if the visitor has one.
    pub session: Option<Session>,
    /// The signed-in person, if any.
    pub principal: Option<Principal>,
    /// The page language.
    pub tr: Tr,
    /// The path and query of this request (for "come back here" links).
    pub here: String,
    /// The unit that runs the site, named in the header and footer.
    pub site: Option<std::sync::Arc<SiteOwner>>,
    /// Unread entries of the signed-in person's inbox, counted in the header.
    pub unread: i64,
}

impl FromRequestParts<AppState> for Ctx {
    type Rejection = AppError;

    async fn from_request_parts(
        parts: &mut Parts,
        state: &AppState,
    ) -> Result<Self, Self::Rejection> {
        if let Some(ctx) = parts.extensions.get::<Ctx>() {
            return Ok(ctx.clone());
        }
        let jar = CookieJar::from_headers(&parts.headers);
        let session = match jar.get(COOKIE) {
            Some(c) => session::load(&state.db, c.value()).await?,
            None => None,
        };
        let principal = match session.as_ref().and_then(|s| s.account_id) {
            Some(id) => store::principal(&state.db, id).await?,
            None => None,
        };
        let here = parts
            .uri
            .path_and_query()
            .map_or_else(|| "/".to_owned(), |pq| pq.as_str().to_owned());
        let unread = match &principal {
            Some(p) => crate::notify::unread_count(&state.db, p.account_id).await?,
            None => 0,
        };
        let site = state.site_owner.get(&state.db).await?;
        let ctx = Ctx {
            session,
            principal,
            site,
            unread,
            tr: Tr {
                lang: lang_from_headers(&parts.headers),
            },
            here,
        };
        parts.extensions.insert(ctx.clone());
        Ok(ctx)
    }
}

impl Ctx {
    /// The key under which this page may be cached for anonymous visitors; None when the
    /// visitor has a session (the page then carries their name or a form token).
    pub fn public_cache_key(&self) -> Option<String> {
        self.session
            .is_none()
            .then(|| format!("{}|{}", self.tr.code(), self.here))
    }

    /// Refuses a write whose token (a form's `csrf` field, or the `X-CSRF-Token` header of a
    /// JSON request) does not match the visitor's session.
    pub fn check_csrf(&self, token: &str) -> Result<(), AppError> {
        match &self.session {
            Some(s) if session::csrf_matches(s, token) => Ok(()),
            _ => Err(AppError::new(ErrorKind::Csrf)),
        }
    }

    /// The signed-in person's first role and its unit, short ("Cán bộ xã · Xã Phù Đổng"), with
    /// how many more roles they hold.
    fn badge(&self, principal: &Principal) -> Option<String> {
        let first = principal.grants.first()?;
        let role = self.tr.pick(first.role.label_vi(), first.role.label_en());
        let unit = first
            .unit_name
            .as_deref()
            .unwrap_or_else(|| self.tr.t("whole_country"));
        let more = principal.grants.len() - 1;
        Some(if more > 0 {
            format!("{role} · {unit} (+{more})")
        } else {
            format!("{role} · {unit}")
        })
    }

    /// Leaves `message` ("Đã lưu …") for the page this request redirects to, and answers with
    /// the redirect (303 See Other). Without a session the message is dropped: only signed-in
    /// forms leave one.
    pub async fn redirect_with_flash(
        &self,
        db: &crate::db::Db,
        to: &str,
        message: &str,
    ) -> Result<axum::response::Response, AppError> {
        if let Some(s) = &self.session {
            session::set_flash(db, s, message).await?;
        }
        Ok(axum::response::IntoResponse::into_response(
            axum::response::Redirect::to(to),
        ))
    }

    /// The page frame for a page titled `title`.
    pub fn chrome(&self, title: impl Into<String>) -> Chrome {
        Chrome {
            tr: self.tr,
            title: title.into(),
            here: self.here.clone(),
            user: self.principal.as_ref().map(|p| p.display_name.clone()),
            badge: self.principal.as_ref().and_then(|p| self.badge(p)),
            csrf: self.session.as_ref().map(|s| s.csrf_token.clone()),
            flash: self.session.as_ref().and_then(|s| s.flash.clone()),
            site: self.site.clone(),
            unread: self.unread,
        }
    }
}

/// The page frame for a public form, opening an anonymous session when the visitor has none
/// so that the form carries a CSRF token; the cookie jar holds the new session's cookie.
pub async fn chrome_with_session(
    state: &AppState,
    ctx: &Ctx,
    title: String,
) -> Result<(Chrome, CookieJar), AppError> {
    use axum_extra::extract::cookie::{Cookie, SameSite};
    let mut chrome = ctx.chrome(title);
    let mut jar = CookieJar::new();
    if ctx.session.is_none() {
        let (token, s) = session::create(&state.db, None, 1).await?;
        chrome.csrf = Some(s.csrf_token);
        jar = jar.add(
            Cookie::build((COOKIE, token))
                .http_only(true)
                .same_site(SameSite::Lax)
                .secure(state.config.secure_cookies)
                .path("/")
                .build(),
        );
    }
    Ok((chrome, jar))
}

/// What the layout needs: language, title, the signed-in name and the logout form's token.
#[derive(Clone, Debug)]
pub struct Chrome {
    /// Translator.
    pub tr: Tr,
    /// Page title.
    pub title: String,
    /// This page's path and query.
    pub here: String,
    /// Name of the signed-in person.
    pub user: Option<String>,
    /// Their role and unit, short.
    pub badge: Option<String>,
    /// CSRF token for forms on the page.
    pub csrf: Option<String>,
    /// The message the last form left ("Đã lưu"), shown once at the top of the page.
    pub flash: Option<String>,
    /// The unit that runs the site: its body's name heads every page, its address, phone and
    /// reception hours close it.
    pub site: Option<std::sync::Arc<SiteOwner>>,
    /// Unread notices of the signed-in person.
    pub unread: i64,
}

impl Chrome {
    /// A frame for pages rendered outside a handler (error pages).
    pub fn anonymous(tr: Tr, title: &str, here: &str) -> Self {
        Self {
            tr,
            title: title.to_owned(),
            here: here.to_owned(),
            user: None,
            badge: None,
            csrf: None,
            flash: None,
            site: None,
            unread: 0,
        }
    }

    /// The translated text for `key`.
    pub fn t(&self, key: &'static str) -> &'static str {
        self.tr.t(key)
    }

    /// Link that switches the language and comes back here.
    pub fn switch_href(&self) -> String {
        format!(
            "/lang/{}?next={}",
            self.tr.lang.other().code(),
            urlencode(&self.here)
        )
    }
}

/// Percent-encodes a value for a query string.
pub fn urlencode(value: &str) -> String {
    url::form_urlencoded::byte_serialize(value.as_bytes()).collect()
}

/// Renders a template into a page.
pub fn render(page: &impl askama::Template) -> Result<Html<String>, AppError> {
    page.render()
        .map(Html)
        .map_err(|e| AppError::from(anyhow::anyhow!("template: {e}")))
}

/// A form body whose `csrf` field must match the visitor's session; refused with 403 otherwise.
pub struct Form<T>(pub T);

#[derive(serde::Deserialize)]
struct WithCsrf<T> {
    #[serde(default)]
    csrf: String,
    #[serde(flatten)]
    inner: T,
}

impl<T: DeserializeOwned + Send> FromRequest<AppState> for Form<T> {
    type Rejection = AppError;

    async fn from_request(request: Request, state: &AppState) -> Result<Self, Self::Rejection> {
        let (mut parts, body) = request.into_parts();
        let ctx = Ctx::from_request_parts(&mut parts, state).await?;
        let request = Request::from_parts(parts, body);
        let axum::Form(form) = axum::Form::<WithCsrf<T>>::from_request(request, state)
            .await
            .map_err(|e| {
                AppError::bad_request(super::form_problem::form_problem(ctx.tr, &e.body_text()))
            })?;
        match &ctx.session {
            Some(s) if session::csrf_matches(s, &form.csrf) => Ok(Form(form.inner)),
            _ => Err(AppError::new(ErrorKind::Csrf)),
        }
    }
}
