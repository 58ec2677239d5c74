//! The test client every module's page and API tests share: one account signed in, a visitor
//! with a session (for public forms), or anonymous, sending requests through the whole router
//! (every layer, CSRF included), posting forms with the session's `csrf` field or JSON with its
//! `X-CSRF-Token` header; and the answers' assertions. It is for tests, which fail loudly: a
//! request the router cannot answer panics.
#![allow(clippy::expect_used)]

use axum::body::Body;
use axum::http::request::Builder;
use axum::http::{Request, StatusCode, header};
use http_body_util::BodyExt;
use serde_json::Value;
use tower::ServiceExt;

use crate::accounts::Principal;
use crate::config::Config;
use crate::db::{Db, query};
use crate::module::Registry;
use crate::web::{AppState, router};

/// A client over the router of `registry`, signed in as one account or anonymous.
#[derive(Clone)]
pub struct Client {
    state: AppState,
    cookie: Option<String>,
    csrf: String,
}

/// What the router answered.
pub struct Answer {
    /// The status code.
    pub status: StatusCode,
    /// The `Location` header (empty when absent).
    pub location: String,
    /// The `Content-Type` header (empty when absent).
    pub content_type: String,
    /// The body.
    pub body: Vec<u8>,
}

impl Answer {
    /// The body as text.
    pub fn text(&self) -> String {
        String::from_utf8_lossy(&self.body).into_owned()
    }

    /// The body, once the answer is a 200.
    pub fn ok(&self) -> String {
        assert_eq!(self.status, StatusCode::OK, "{}", self.text());
        self.text()
    }

    /// The body as JSON, once the answer is a 200.
    pub fn json(&self) -> Value {
        assert_eq!(self.status, StatusCode::OK, "{}", self.text());
        serde_json::from_slice(&self.body).expect("a JSON body")
    }

    /// A 422 whose message names `field` (`field: what to do`).
    pub fn refused(&self, field: &str) {
        assert_eq!(
            self.status,
            StatusCode::UNPROCESSABLE_ENTITY,
            "{}",
            self.text()
        );
        assert!(
            self.text().contains(&format!("{field}:")),
            "the refusal names {field}: {}",
            self.text()
        );
    }
}

impl Client {
    /// Signed in as `who`, on `db`, through the router of `registry`.
    pub async fn signed_in(db: &Db, registry: Registry, who: &Principal) -> Self {
        Self::with_session(db, registry, Some(who.account_id)).await
    }

    /// A visitor who is not signed in but has a session (opened by a public form).
    pub async fn visitor(db: &Db, registry: Registry) -> Self {
        Self::with_session(db, registry, None).await
    }

    /// Anonymous, without a session (so without a CSRF token).
    pub fn anonymous(db: &Db, registry: Registry) -> Self {
        Self {
            state: AppState::new(db.clone(), Config::default(), registry),
            cookie: None,
            csrf: String::new(),
        }
    }

    /// An anonymous client over the same router.
    pub fn anonymous_twin(&self) -> Self {
        Self {
            state: self.state.clone(),
            cookie: None,
            csrf: String::new(),
        }
    }

    async fn with_session(db: &Db, registry: Registry, account: Option<i64>) -> Self {
        let (token, session) = crate::accounts::session::create(db, account, 1)
            .await
            .expect("a session");
        Self {
            state: AppState::new(db.clone(), Config::default(), registry),
            cookie: Some(format!("dinh_session={token}")),
            csrf: session.csrf_token,
        }
    }

    /// Sends `req` with `body` (and the session's cookie, if any) through the router.
    pub async fn send(&self, req: Builder, body: String) -> Answer {
        let app = router(self.state.clone());
        let req = match &self.cookie {
            Some(c) => req.header(header::COOKIE, c),
            None => req,
        };
        let res = app
            .oneshot(req.body(Body::from(body)).expect("a request"))
            .await
            .expect("the router answers");
        let status = res.status();
        let get = |h| {
            res.headers()
                .get(h)
                .and_then(|v| v.to_str().ok())
                .unwrap_or("")
                .to_owned()
        };
        let (location, content_type) = (get(header::LOCATION), get(header::CONTENT_TYPE));
        let body = res
            .into_body()
            .collect()
            .await
            .expect("a body")
            .to_bytes()
            .to_vec();
        Answer {
            status,
            location,
            content_type,
            body,
        }
    }

    /// A GET.
    pub async fn get(&self, uri: &str) -> Answer {
        self.send(Request::builder().uri(uri), String::new()).await
    }

    /// Posts a form with the session's CSRF token.
    pub async fn post(&self, uri: &str, fields: &[(&str, &str)]) -> Answer {
        self.post_form(uri, fields, true).await
    }

    /// Posts a form; `with_token` adds the session's CSRF token.
    pub async fn post_form(&self, uri: &str, fields: &[(&str, &str)], with_token: bool) -> Answer {
        let mut pairs = url::form_urlencoded::Serializer::new(String::new());
        if with_token {
            pairs.append_pair("csrf", &self.csrf);
        }
        for (k, v) in fields {
            pairs.append_pair(k, v);
        }
        self.send(
            Request::builder()
                .method("POST")
                .uri(uri)
                .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded"),
            pairs.finish(),
        )
        .await
    }

    /// Sends JSON; `with_token` adds the session's `X-CSRF-Token` header.
    pub async fn send_json(
        &self,
        method: &str,
        uri: &str,
        body: Option<&Value>,
        with_token: bool,
    ) -> Answer {
        let mut req = Request::builder()
            .method(method)
            .uri(uri)
            .header(header::CONTENT_TYPE, "application/json");
        if with_token {
            req = req.header("x-csrf-token", &self.csrf);
        }
        let body = body.map(Value::to_string).unwrap_or_default();
        self.send(req, body).await
    }

    /// A JSON write with the session's token.
    pub async fn post_json(&self, uri: &str, body: Value) -> Answer {
        self.send_json("POST", uri, Some(&body), true).await
    }

    /// A JSON write without the token.
    pub async fn post_json_bare(&self, uri: &str, body: Value) -> Answer {
        self.send_json("POST", uri, Some(&body), false).await
    }
}

/// Over the API, a write refused three ways with `table` unchanged: anonymous (401), signed in
/// without the token (403), and by `outsider`, who is out of scope (403).
pub async fn api_refusals(
    db: &Db,
    signed: &Client,
    outsider: &Client,
    uri: &str,
    body: Value,
    table: &str,
) {
    let before = rows(db, table).await;
    assert_eq!(
        signed
            .anonymous_twin()
            .post_json(uri, body.clone())
            .await
            .status,
        StatusCode::UNAUTHORIZED,
        "{uri}: anonymous"
    );
    assert_eq!(
        signed.post_json_bare(uri, body.clone()).await.status,
        StatusCode::FORBIDDEN,
        "{uri}: no X-CSRF-Token"
    );
    assert_eq!(
        outsider.post_json(uri, body).await.status,
        StatusCode::FORBIDDEN,
        "{uri}: out of scope"
    );
    assert_eq!(rows(db, table).await, before, "{uri}: nothing written");
}

/// The number of rows in `table` (a name from the test, never from input).
pub async fn rows(db: &Db, table: &str) -> i64 {
    db.scalar(&query(format!(
        "SELECT CAST(COUNT(*) AS BIGINT) FROM {table}"
    )))
    .await
    .expect("a count")
}
