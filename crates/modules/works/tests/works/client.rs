//! A test client over the axum router: signed in or anonymous; it posts forms with the
//! session's CSRF token.

use axum::body::Body;
use axum::http::request::Builder;
use axum::http::{Request, StatusCode, header};
use dinh_platform::accounts::Principal;
use dinh_platform::config::Config;
use dinh_platform::db::Db;
use dinh_platform::web::{AppState, router};
use http_body_util::BodyExt;
use tower::ServiceExt;

use crate::support::registry;

pub struct Client {
    db: Db,
    cookie: Option<String>,
    csrf: String,
}

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

    pub fn ok(&self) -> String {
        assert_eq!(self.status, StatusCode::OK, "{}", self.text());
        self.text()
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

    pub async fn post(&self, uri: &str, fields: &[(&str, &str)]) -> Answer {
        let mut pairs = url::form_urlencoded::Serializer::new(String::new());
        pairs.append_pair("csrf", &self.csrf);
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
}
