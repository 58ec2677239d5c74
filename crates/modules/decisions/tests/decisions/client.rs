//! The test client the page and API tests share: one account signed in (or anonymous) over
//! the axum router, posting forms (the `csrf` field) or JSON (the `X-CSRF-Token` header), and
//! the answers' assertions: a form's redirect to the work page, a refusal naming its field,
//! and the API's anonymous / no-token / out-of-scope refusals that write nothing.

use axum::body::Body;
use axum::http::request::Builder;
use axum::http::{Request, StatusCode, header};
use dinh_platform::accounts::Principal;
use dinh_platform::config::Config;
use dinh_platform::db::Db;
use dinh_platform::web::{AppState, router};
use http_body_util::BodyExt;
use serde_json::Value;
use tower::ServiceExt;

use crate::support::{registry, rows};

/// A client signed in as one account (or anonymous), keeping its session's token.
pub struct Client {
    db: Db,
    cookie: Option<String>,
    csrf: String,
}

/// What the router answered.
pub struct Answer {
    pub status: StatusCode,
    pub location: String,
    pub content_type: String,
    pub body: Vec<u8>,
}

impl Answer {
    pub fn text(&self) -> String {
        String::from_utf8_lossy(&self.body).into_owned()
    }

    /// The body as JSON, once the answer is a 200.
    pub fn json(&self) -> Value {
        assert_eq!(self.status, StatusCode::OK, "{}", self.text());
        serde_json::from_slice(&self.body).unwrap()
    }

    /// A form done: back to matter `id`'s work page with its `done=` notice.
    pub fn done(&self, id: i64) {
        assert_eq!(self.status, StatusCode::SEE_OTHER, "{}", self.text());
        assert!(
            self.location
                .starts_with(&format!("/matters/{id}/work?done=")),
            "{}",
            self.location
        );
    }

    /// A 422 naming `field`.
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
    pub async fn signed_in(db: &Db, who: &Principal) -> Self {
        let (token, session) =
            dinh_platform::accounts::session::create(db, Some(who.account_id), 1)
                .await
                .unwrap();
        Self {
            db: db.clone(),
            cookie: Some(format!("dinh_session={token}")),
            csrf: session.csrf_token,
        }
    }

    pub fn anonymous(db: &Db) -> Self {
        Self {
            db: db.clone(),
            cookie: None,
            csrf: String::new(),
        }
    }

    /// Sends `req` with `body` (and the session's cookie, if signed in) through a fresh router.
    pub async fn send(&self, req: Builder, body: String) -> Answer {
        let app = router(AppState::new(
            self.db.clone(),
            Config::default(),
            registry(),
        ));
        let req = match &self.cookie {
            Some(c) => req.header(header::COOKIE, c),
            None => req,
        };
        let res = app
            .oneshot(req.body(Body::from(body)).unwrap())
            .await
            .unwrap();
        let status = res.status();
        let get = |h| {
            res.headers()
                .get(h)
                .and_then(|v| v.to_str().ok())
                .unwrap_or("")
                .to_owned()
        };
        let (location, content_type) = (get(header::LOCATION), get(header::CONTENT_TYPE));
        let body = res.into_body().collect().await.unwrap().to_bytes().to_vec();
        Answer {
            status,
            location,
            content_type,
            body,
        }
    }

    pub async fn get(&self, uri: &str) -> Answer {
        self.send(Request::builder().uri(uri), String::new()).await
    }

    /// Posts a form; `with_token` adds the session's CSRF token.
    pub async fn post(&self, uri: &str, fields: &[(&str, &str)], with_token: bool) -> Answer {
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

/// Over the API: anonymous 401; signed in without the token 403; out of scope 403: `table`
/// unchanged.
pub async fn refusals(
    db: &Db,
    signed: &Client,
    outsider: &Client,
    uri: &str,
    body: Value,
    table: &str,
) {
    let before = rows(db, table).await;
    let anonymous = Client::anonymous(db);
    assert_eq!(
        anonymous.post_json(uri, body.clone()).await.status,
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
