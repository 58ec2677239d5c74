//! What the web tests over the demo share: a session for a demo account.
#![allow(dead_code)] // each test file that includes the support uses a part of it

pub mod crawl;

use dinh_platform::accounts::session;
use dinh_platform::db::{Db, query};

/// A session cookie (`name=token`) signed in as the demo account `login`.
pub async fn signed_in(db: &Db, login: &str) -> String {
    let id: i64 = db
        .scalar(&query("SELECT id FROM accounts WHERE login = $1").bind(login))
        .await
        .expect("the demo account exists");
    let (token, _) = session::create(db, Some(id), 1)
        .await
        .expect("a session is opened");
    format!("{}={token}", session::COOKIE)
}
