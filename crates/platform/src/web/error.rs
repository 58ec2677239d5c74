//! One error type for every request; rendered as an HTML page or as JSON by route.
//!
//! Handlers return [`AppError`]. Its response carries the error in an extension, and the
//! [`render_errors`] layer turns it into a page in the visitor's language, or into JSON under
//! `/api/`. Internal errors are logged with their cause and never shown.

use super::i18n::Tr;
use crate::accounts::Denied;
use askama::Template;
use axum::extract::Request;
use axum::http::{StatusCode, header};
use axum::middleware::Next;
use axum::response::{Html, IntoResponse, Response};

/// What went wrong, as the visitor is told.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ErrorKind {
    /// 404.
    NotFound,
    /// 401: not signed in or the session expired.
    Unauthorized,
    /// 403: signed in, but not allowed here.
    Forbidden,
    /// 403: the form's CSRF token is missing or wrong.
    Csrf,
    /// 400/422: the request is wrong; the message says which field and what to do.
    BadRequest(String),
    /// 500: logged, not shown.
    Internal,
}

/// A request failure.
#[derive(Debug)]
pub struct AppError {
    /// What the visitor is told.
    pub kind: ErrorKind,
    cause: Option<anyhow::Error>,
}

impl AppError {
    /// A failure of this kind.
    pub fn new(kind: ErrorKind) -> Self {
        Self { kind, cause: None }
    }
    /// 404.
    pub fn not_found() -> Self {
        Self::new(ErrorKind::NotFound)
    }
    /// 400 with a message naming the field and what to do.
    pub fn bad_request(message: impl Into<String>) -> Self {
        Self::new(ErrorKind::BadRequest(message.into()))
    }
    /// The HTTP status.
    pub fn status(&self) -> StatusCode {
        match self.kind {
            ErrorKind::NotFound => StatusCode::NOT_FOUND,
            ErrorKind::Unauthorized => StatusCode::UNAUTHORIZED,
            ErrorKind::Forbidden | ErrorKind::Csrf => StatusCode::FORBIDDEN,
            ErrorKind::BadRequest(_) => StatusCode::UNPROCESSABLE_ENTITY,
            ErrorKind::Internal => StatusCode::INTERNAL_SERVER_ERROR,
        }
    }
}

impl From<anyhow::Error> for AppError {
    fn from(e: anyhow::Error) -> Self {
        Self {
            kind: ErrorKind::Internal,
            cause: Some(e),
        }
    }
}

impl From<sqlx::Error> for AppError {
    fn from(e: sqlx::Error) -> Self {
        Self {
            kind: ErrorKind::Internal,
            cause: Some(e.into()),
        }
    }
}

impl From<Denied> for AppError {
    fn from(d: Denied) -> Self {
        Self::new(match d {
            Denied::NotSignedIn => ErrorKind::Unauthorized,
            Denied::OutOfScope => ErrorKind::Forbidden,
        })
    }
}

impl IntoResponse for AppError {
    fn into_response(self) -> Response {
        if let Some(cause) = &self.cause {
            tracing::error!(error = format!("{cause:#}"), "request failed");
        }
        let mut response = self.status().into_response();
        response.extensions_mut().insert(self.kind);
        response
    }
}

#[derive(Template)]
#[template(path = "error.html")]
struct ErrorPage {
    c: super::Chrome,
    status: u16,
    message_key: &'static str,
    detail: String,
    login_next: Option<String>,
}

fn message_key(kind: &ErrorKind) -> &'static str {
    match kind {
        ErrorKind::NotFound => "error_not_found",
        ErrorKind::Unauthorized => "error_unauthorized",
        ErrorKind::Forbidden => "error_forbidden",
        ErrorKind::Csrf => "error_csrf",
        ErrorKind::BadRequest(_) => "error_bad_request",
        ErrorKind::Internal => "error_internal",
    }
}

/// Renders [`AppError`] responses (and bare 404s) as pages or JSON.
pub async fn render_errors(request: Request, next: Next) -> Response {
    let path = request.uri().path().to_owned();
    let query = request.uri().query().map(str::to_owned);
    let lang = super::ctx::lang_from_headers(request.headers());
    let response = next.run(request).await;
    let status = response.status();
    let kind = match response.extensions().get::<ErrorKind>() {
        Some(k) => k.clone(),
        None if status == StatusCode::NOT_FOUND
            && response.headers().get(header::CONTENT_TYPE).is_none() =>
        {
            ErrorKind::NotFound
        }
        None => return response,
    };
    let tr = Tr { lang };
    let detail = match &kind {
        ErrorKind::BadRequest(m) => m.clone(),
        _ => String::new(),
    };
    if path.starts_with("/api/") {
        let body = serde_json::json!({"error": {"status": status.as_u16(), "message": tr.t(message_key(&kind)), "detail": detail}});
        return (status, axum::Json(body)).into_response();
    }
    let here = match query {
        Some(q) => format!("{path}?{q}"),
        None => path,
    };
    let page = ErrorPage {
        c: super::Chrome::anonymous(tr, tr.t("error_title"), &here),
        status: status.as_u16(),
        message_key: message_key(&kind),
        detail,
        login_next: (kind == ErrorKind::Unauthorized).then_some(here),
    };
    match page.render() {
        Ok(html) => (status, Html(html)).into_response(),
        Err(_) => status.into_response(),
    }
}
