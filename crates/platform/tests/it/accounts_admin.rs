//! The administrator's account pages: adding an account with its role, granting and
//! withdrawing roles, locking, resetting a password; each audited, each refused outside the
//! administrator's units, to other roles, to visitors and without the form's token; a refused
//! form writes nothing.

use crate::client::{csrf_of, send, sign_in, urlencode};
use crate::support::{each_engine, small_tree};
use axum::http::StatusCode;
use dinh_platform::accounts::{Role, store};
use dinh_platform::db::{Db, query};

const PASSWORD: &str = "mat-khau-du-dai";

async fn setup(db: &Db) -> anyhow::Result<()> {
    small_tree(db).await?;
    for (login, name, role, unit) in [
        (
            "quantri@x.vn",
            "Quản trị toàn quốc",
            Role::SystemAdmin,
            None,
        ),
        (
            "qtxa@x.vn",
            "Quản trị xã Cầu Giấy",
            Role::SystemAdmin,
            Some("C1"),
        ),
        (
            "truongthon@x.vn",
            "Trưởng Thôn Một",
            Role::VillageHead,
            Some("T1"),
        ),
        (
            "totruong@x.vn",
            "Tổ trưởng Ba",
            Role::VillageHead,
            Some("T3"),
        ),
    ] {
        store::create_account(db, login, name, PASSWORD, "test").await?;
        store::grant(db, login, role, unit, "test").await?;
    }
    Ok(())
}

/// A signed-in session: its cookie and the CSRF token its pages carry.
async fn session(db: &Db, login: &str) -> (String, String) {
    let signed = sign_in(db, login, PASSWORD).await;
    let cookie = signed.cookie.expect("a session cookie");
    let page = send(db, "GET", "/viec-cua-toi", Some(&cookie), None).await;
    assert_eq!(page.status, StatusCode::OK, "{}", page.body);
    let csrf = page
        .body
        .contains("name=\"csrf\"")
        .then(|| csrf_of(&page.body))
        .expect("the work home carries the sign-out form's token");
    (cookie, csrf)
}

async fn id_of(db: &Db, login: &str) -> i64 {
    db.scalar(&query("SELECT id FROM accounts WHERE login = $1").bind(login))
        .await
        .unwrap()
}

async fn count(db: &Db, sql: &str) -> i64 {
    db.scalar(&query(sql.to_owned())).await.unwrap()
}

#[tokio::test]
async fn an_administrator_manages_the_accounts_of_their_units() {
    each_engine(|db| async move {
        setup(&db).await?;
        let (admin, csrf) = session(&db, "qtxa@x.vn").await;

        // The work home leads to the account pages.
        let home = send(&db, "GET", "/viec-cua-toi", Some(&admin), None).await;
        assert!(home.body.contains("href=\"/admin/accounts\""), "{}", home.body);

        // The list holds the accounts of the commune only; a search ignores diacritics.
        let list = send(&db, "GET", "/admin/accounts", Some(&admin), None).await;
        assert_eq!(list.status, StatusCode::OK);
        assert!(list.body.contains("Trưởng Thôn Một"), "{}", list.body);
        assert!(!list.body.contains("Tổ trưởng Ba"), "{}", list.body);
        assert!(!list.body.contains("Quản trị toàn quốc"), "{}", list.body);
        let found = send(&db, "GET", "/admin/accounts?q=truong+thon", Some(&admin), None).await;
        assert!(found.body.contains("Trưởng Thôn Một"), "{}", found.body);
        let own = format!("href=\"/admin/accounts/{}\"", id_of(&db, "qtxa@x.vn").await);
        assert!(list.body.contains(&own), "{}", list.body);
        assert!(!found.body.contains(&own), "{}", found.body);

        // A refused form writes nothing and names the field.
        let accounts_before = count(&db, "SELECT COUNT(*) FROM accounts").await;
        let add = |password: &str, unit: &str, login: &str| {
            format!(
                "csrf={csrf}&login={}&name=B%C3%A0+Nguy%E1%BB%85n+Th%E1%BB%8B+Mai&password={password}&role=front_work_team&unit={unit}",
                urlencode(login)
            )
        };
        let short = send(&db, "POST", "/admin/accounts", Some(&admin), Some(&add("ngan", "T2", "0912345678"))).await;
        assert_eq!(short.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(short.body.contains("password"), "{}", short.body);
        let outside = send(&db, "POST", "/admin/accounts", Some(&admin), Some(&add(PASSWORD, "T3", "0912345678"))).await;
        assert_eq!(outside.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(outside.body.contains("outside the units you administer"), "{}", outside.body);
        let nowhere = send(&db, "POST", "/admin/accounts", Some(&admin), Some(&add(PASSWORD, "", "0912345678"))).await;
        assert_eq!(nowhere.status, StatusCode::UNPROCESSABLE_ENTITY);
        let unknown = send(&db, "POST", "/admin/accounts", Some(&admin), Some(&add(PASSWORD, "XX", "0912345678"))).await;
        assert!(unknown.body.contains("no unit with code"), "{}", unknown.body);
        let taken = send(&db, "POST", "/admin/accounts", Some(&admin), Some(&add(PASSWORD, "T2", "truongthon@x.vn"))).await;
        assert_eq!(taken.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(taken.body.contains("already taken"), "{}", taken.body);
        let no_token = send(&db, "POST", "/admin/accounts", Some(&admin), Some(&add(PASSWORD, "T2", "0912345678").replacen(&csrf, "sai", 1))).await;
        assert_eq!(no_token.status, StatusCode::FORBIDDEN);
        assert_eq!(count(&db, "SELECT COUNT(*) FROM accounts").await, accounts_before);

        // Added with its first role, in one step; the page says so once.
        let added = send(&db, "POST", "/admin/accounts", Some(&admin), Some(&add(PASSWORD, "T2", "0912345678"))).await;
        assert_eq!(added.status, StatusCode::SEE_OTHER, "{}", added.body);
        let id = id_of(&db, "0912345678").await;
        let page_uri = format!("/admin/accounts/{id}");
        assert_eq!(added.location.as_deref(), Some(page_uri.as_str()));
        let page = send(&db, "GET", &page_uri, Some(&admin), None).await;
        assert!(page.body.contains("Đã thêm tài khoản"), "{}", page.body);
        assert!(page.body.contains("Ban công tác Mặt trận · Thôn Hai"), "{}", page.body);
        let new_one = sign_in(&db, "0912345678", PASSWORD).await;
        assert_eq!(new_one.status, StatusCode::SEE_OTHER);

        // Grant a second role; the same one twice is refused; outside the commune too.
        let grant = |role: &str, unit: &str| format!("csrf={csrf}&form=grant&role={role}&unit={unit}");
        let granted = send(&db, "POST", &page_uri, Some(&admin), Some(&grant("resident", "T2"))).await;
        assert_eq!(granted.status, StatusCode::SEE_OTHER, "{}", granted.body);
        let twice = send(&db, "POST", &page_uri, Some(&admin), Some(&grant("resident", "T2"))).await;
        assert!(twice.body.contains("already holds"), "{}", twice.body);
        let far = send(&db, "POST", &page_uri, Some(&admin), Some(&grant("resident", "C2"))).await;
        assert_eq!(far.status, StatusCode::UNPROCESSABLE_ENTITY);
        let country = send(&db, "POST", &page_uri, Some(&admin), Some(&grant("system_admin", ""))).await;
        assert_eq!(country.status, StatusCode::UNPROCESSABLE_ENTITY);
        let live = |db: Db| async move {
            db.scalar::<i64>(
                &query("SELECT COUNT(*) FROM role_grants WHERE account_id = $1 AND revoked_at IS NULL")
                    .bind(id),
            )
            .await
            .unwrap()
        };
        assert_eq!(live(db.clone()).await, 2);

        // Withdraw it.
        let resident_grant: i64 = db
            .scalar(
                &query("SELECT id FROM role_grants WHERE account_id = $1 AND role = 'resident'")
                    .bind(id),
            )
            .await?;
        let revoked = send(&db, "POST", &page_uri, Some(&admin), Some(&format!("csrf={csrf}&form=revoke&grant={resident_grant}"))).await;
        assert_eq!(revoked.status, StatusCode::SEE_OTHER, "{}", revoked.body);
        assert_eq!(live(db.clone()).await, 1);
        let page = send(&db, "GET", &page_uri, Some(&admin), None).await;
        assert!(page.body.contains("Vai trò đã thu hồi"), "{}", page.body);

        // Lock: the open session ends and signing in fails; unlock restores it.
        let their = new_one.cookie.expect("a session");
        let locked = send(&db, "POST", &page_uri, Some(&admin), Some(&format!("csrf={csrf}&form=lock"))).await;
        assert_eq!(locked.status, StatusCode::SEE_OTHER);
        let gone = send(&db, "GET", "/viec-cua-toi", Some(&their), None).await;
        assert_eq!(gone.status, StatusCode::SEE_OTHER, "a locked account's session ended");
        assert_eq!(sign_in(&db, "0912345678", PASSWORD).await.status, StatusCode::UNAUTHORIZED);
        let unlocked = send(&db, "POST", &page_uri, Some(&admin), Some(&format!("csrf={csrf}&form=unlock"))).await;
        assert_eq!(unlocked.status, StatusCode::SEE_OTHER);
        assert_eq!(sign_in(&db, "0912345678", PASSWORD).await.status, StatusCode::SEE_OTHER);

        // Reset the password: both fields must agree and be long enough.
        let reset = |a: &str, b: &str| format!("csrf={csrf}&form=password&password={a}&password_again={b}");
        let differ = send(&db, "POST", &page_uri, Some(&admin), Some(&reset("mat-khau-moi-1", "mat-khau-moi-2"))).await;
        assert!(differ.body.contains("password_again"), "{}", differ.body);
        let short = send(&db, "POST", &page_uri, Some(&admin), Some(&reset("ngan", "ngan"))).await;
        assert_eq!(short.status, StatusCode::UNPROCESSABLE_ENTITY);
        let done = send(&db, "POST", &page_uri, Some(&admin), Some(&reset("mat-khau-moi-1", "mat-khau-moi-1"))).await;
        assert_eq!(done.status, StatusCode::SEE_OTHER);
        assert_eq!(sign_in(&db, "0912345678", PASSWORD).await.status, StatusCode::UNAUTHORIZED);
        assert_eq!(sign_in(&db, "0912345678", "mat-khau-moi-1").await.status, StatusCode::SEE_OTHER);

        // Every change is in the audit chain, which stays intact; no password is in it.
        for action in [
            "accounts.create",
            "accounts.grant",
            "accounts.revoke",
            "accounts.lock",
            "accounts.unlock",
            "accounts.password_reset",
        ] {
            let n: i64 = db
                .scalar(&query("SELECT COUNT(*) FROM audit_log WHERE action = $1 AND actor LIKE 'account:%'").bind(action))
                .await?;
            assert!(n >= 1, "{action} is audited");
        }
        let leaked: i64 = db
            .scalar(&query("SELECT COUNT(*) FROM audit_log WHERE after_json LIKE '%mat-khau-moi%'"))
            .await?;
        assert_eq!(leaked, 0);
        assert!(dinh_platform::audit::verify(&db).await?.is_intact());
        Ok(())
    })
    .await;
}

#[tokio::test]
async fn account_pages_are_refused_beyond_the_administrators_reach() {
    each_engine(|db| async move {
        setup(&db).await?;
        let other = id_of(&db, "totruong@x.vn").await;
        let national = id_of(&db, "quantri@x.vn").await;
        let own = id_of(&db, "qtxa@x.vn").await;

        // A visitor is sent to sign in; a village head is refused and has no door to them.
        let visitor = send(&db, "GET", "/admin/accounts", None, None).await;
        assert_eq!(visitor.status, StatusCode::SEE_OTHER);
        assert!(visitor.location.unwrap_or_default().starts_with("/login"));
        let (head, head_csrf) = session(&db, "truongthon@x.vn").await;
        assert_eq!(
            send(&db, "GET", "/admin/accounts", Some(&head), None)
                .await
                .status,
            StatusCode::FORBIDDEN
        );
        let lock_other = format!("csrf={head_csrf}&form=lock");
        assert_eq!(
            send(
                &db,
                "POST",
                &format!("/admin/accounts/{other}"),
                Some(&head),
                Some(&lock_other)
            )
            .await
            .status,
            StatusCode::FORBIDDEN
        );
        let home = send(&db, "GET", "/viec-cua-toi", Some(&head), None).await;
        assert!(!home.body.contains("/admin/accounts"), "{}", home.body);

        // A commune's administrator neither sees nor changes an account of another commune,
        // nor the national administrator's.
        let (admin, csrf) = session(&db, "qtxa@x.vn").await;
        for id in [other, national] {
            let uri = format!("/admin/accounts/{id}");
            assert_eq!(
                send(&db, "GET", &uri, Some(&admin), None).await.status,
                StatusCode::NOT_FOUND
            );
            let lock = send(
                &db,
                "POST",
                &uri,
                Some(&admin),
                Some(&format!("csrf={csrf}&form=lock")),
            )
            .await;
            assert_eq!(lock.status, StatusCode::NOT_FOUND);
        }
        assert_eq!(
            count(&db, "SELECT COUNT(*) FROM accounts WHERE disabled = TRUE").await,
            0
        );

        // Nor locks themselves out.
        let own_uri = format!("/admin/accounts/{own}");
        let self_lock = send(
            &db,
            "POST",
            &own_uri,
            Some(&admin),
            Some(&format!("csrf={csrf}&form=lock")),
        )
        .await;
        assert_eq!(self_lock.status, StatusCode::UNPROCESSABLE_ENTITY);
        let own_grant: i64 = db
            .scalar(&query("SELECT id FROM role_grants WHERE account_id = $1").bind(own))
            .await?;
        let self_revoke = send(
            &db,
            "POST",
            &own_uri,
            Some(&admin),
            Some(&format!("csrf={csrf}&form=revoke&grant={own_grant}")),
        )
        .await;
        assert_eq!(self_revoke.status, StatusCode::UNPROCESSABLE_ENTITY);

        // The national administrator reaches every account and may lock the other commune's.
        let (national_admin, national_csrf) = session(&db, "quantri@x.vn").await;
        let list = send(&db, "GET", "/admin/accounts", Some(&national_admin), None).await;
        assert!(list.body.contains("Tổ trưởng Ba"), "{}", list.body);
        let lock = send(
            &db,
            "POST",
            &format!("/admin/accounts/{other}"),
            Some(&national_admin),
            Some(&format!("csrf={national_csrf}&form=lock")),
        )
        .await;
        assert_eq!(lock.status, StatusCode::SEE_OTHER, "{}", lock.body);
        assert_eq!(
            count(&db, "SELECT COUNT(*) FROM accounts WHERE disabled = TRUE").await,
            1
        );
        Ok(())
    })
    .await;
}
