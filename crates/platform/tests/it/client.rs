//! The router driven as a browser would, without sockets: requests with a cookie and a form,
//! the CSRF token read from a page, signing in through the login form.

use crate::support::registry;
use axum::body::Body;
use axum::http::{Request, StatusCode, header};
use dinh_platform::config::Config;
use dinh_platform::db::Db;
use dinh_platform::web::{AppState, router};
use http_body_util::BodyExt;
use tower::ServiceExt;

/// What the router answered.
pub struct Reply {
    pub status: StatusCode,
    pub cookie: Option<String>,
    pub location: Option<String>,
    pub body: String,
}

/// Sends one request, with a session cookie and a form body if given.
pub async fn send(
    db: &Db,
    method: &str,
    uri: &str,
    cookie: Option<&str>,
    form: Option<&str>,
) -> Reply {
    let app = router(AppState::new(db.clone(), Config::default(), registry()));
    let mut req = Request::builder().method(method).uri(uri);
    if let Some(c) = cookie {
        req = req.header(header::COOKIE, c);
    }
    let body = match form {
        Some(f) => {
            req = req.header(header::CONTENT_TYPE, "application/x-www-form-urlencoded");
            Body::from(f.to_owned())
        }
        None => Body::empty(),
    };
    let res = app.oneshot(req.body(body).unwrap()).await.unwrap();
    let status = res.status();
    let cookie = res
        .headers()
        .get(header::SET_COOKIE)
        .map(|v| v.to_str().unwrap().split(';').next().unwrap().to_owned());
    let location = res
        .headers()
        .get(header::LOCATION)
        .map(|v| v.to_str().unwrap().to_owned());
    let body =
        String::from_utf8(res.into_body().collect().await.unwrap().to_bytes().to_vec()).unwrap();
    Reply {
        status,
        cookie,
        location,
        body,
    }
}

/// The CSRF token of the first form on a page.
pub fn csrf_of(html: &str) -> String {
    let start = html.find("name=\"csrf\" value=\"").expect("a CSRF field") + 19;
    html[start..].split('"').next().unwrap().to_owned()
}

/// Signs in through the form; returns the session cookie.
pub async fn sign_in(db: &Db, login: &str, password: &str) -> Reply {
    let page = send(db, "GET", "/login", None, None).await;
    let cookie = page.cookie.clone().expect("anonymous session cookie");
    let form = format!(
        "csrf={}&login={}&password={password}&next=%2Funits%2FT1",
        csrf_of(&page.body),
        urlencode(login)
    );
    let mut reply = send(db, "POST", "/login", Some(&cookie), Some(&form)).await;
    if reply.cookie.is_none() {
        reply.cookie = Some(cookie);
    }
    reply
}

/// Encodes the characters of a login that a form body cannot carry as they are.
pub fn urlencode(s: &str) -> String {
    s.replace('@', "%40").replace('+', "%2B")
}
