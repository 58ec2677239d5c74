//! A unit's contact details: its administrator edits them from the work home; the unit that
//! runs the site (named only by a country-wide administrator) heads every page and closes it
//! with its address, phone and reception hours; a bad field is named and writes nothing; other
//! roles, visitors and forms without the token are refused.

use crate::client::{csrf_of, send, sign_in, urlencode};
use crate::support::{each_engine, small_tree};
use axum::http::StatusCode;
use dinh_platform::accounts::{Role, store};
use dinh_platform::db::query;

const PASSWORD: &str = "mat-khau-du-dai";

fn form(csrf: &str, body: &str, phone: &str, runs_site: bool) -> String {
    format!(
        "csrf={csrf}&body_name={}&address={}&phone={}&email=ubnd%40caugiay.vn&reception_hours={}{}",
        urlencode(body),
        urlencode("Số 1 đường Cầu Giấy"),
        urlencode(phone),
        urlencode("Thứ Năm hằng tuần"),
        if runs_site { "&runs_site=on" } else { "" }
    )
}

#[tokio::test]
async fn a_unit_administrator_edits_its_contact_details() {
    each_engine(|db| async move {
        small_tree(&db).await?;
        for (login, role, unit) in [
            ("quantri@x.vn", Role::SystemAdmin, None),
            ("qtxa@x.vn", Role::SystemAdmin, Some("C1")),
            ("truongthon@x.vn", Role::VillageHead, Some("T1")),
        ] {
            store::create_account(&db, login, login, PASSWORD, "test").await?;
            store::grant(&db, login, role, unit, "test").await?;
        }
        let session = |login: &'static str| {
            let db = db.clone();
            async move {
                let cookie = sign_in(&db, login, PASSWORD)
                    .await
                    .cookie
                    .expect("signed in");
                let home = send(&db, "GET", "/viec-cua-toi", Some(&cookie), None).await;
                (cookie, csrf_of(&home.body), home.body)
            }
        };
        let (admin, csrf, home) = session("qtxa@x.vn").await;
        assert!(home.contains("href=\"/units/C1/contact\""), "{home}");
        let page = send(&db, "GET", "/units/C1/contact", Some(&admin), None).await;
        assert_eq!(page.status, StatusCode::OK, "{}", page.body);
        assert!(
            !page.body.contains("name=\"runs_site\""),
            "only a country-wide administrator names the site's owner"
        );

        // A bad phone is named, the form keeps what was written, nothing is saved.
        let bad = send(
            &db,
            "POST",
            "/units/C1/contact",
            Some(&admin),
            Some(&form(&csrf, "UBND phường Cầu Giấy", "gọi 024", false)),
        )
        .await;
        assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(bad.body.contains("phone:"), "{}", bad.body);
        assert!(bad.body.contains("Số 1 đường Cầu Giấy"), "{}", bad.body);
        let saved: i64 = db
            .scalar(&query("SELECT COUNT(*) FROM unit_contacts"))
            .await?;
        assert_eq!(saved, 0);

        // Saved, audited, shown on the unit's page; a unit administrator's runs_site is ignored.
        let ok = send(
            &db,
            "POST",
            "/units/C1/contact",
            Some(&admin),
            Some(&form(&csrf, "UBND phường Cầu Giấy", "024 3833 1234", true)),
        )
        .await;
        assert_eq!(ok.status, StatusCode::SEE_OTHER, "{}", ok.body);
        let unit = send(&db, "GET", "/units/C1", None, None).await;
        assert!(unit.body.contains("024 3833 1234"), "{}", unit.body);
        let runs: bool = db
            .scalar(&query("SELECT runs_site FROM unit_contacts"))
            .await?;
        assert!(!runs);
        let audited: i64 = db
            .scalar(&query(
                "SELECT COUNT(*) FROM audit_log WHERE action = 'units.contact'",
            ))
            .await?;
        assert_eq!(audited, 1);

        // The country-wide administrator names the site's owner: every page says who runs it.
        let (country, ccsrf, _) = session("quantri@x.vn").await;
        let named = send(
            &db,
            "POST",
            "/units/C1/contact",
            Some(&country),
            Some(&form(&ccsrf, "UBND phường Cầu Giấy", "024 3833 1234", true)),
        )
        .await;
        assert_eq!(named.status, StatusCode::SEE_OTHER, "{}", named.body);
        let any = send(&db, "GET", "/login", None, None).await;
        assert!(
            any.body
                .contains("class=\"brand\" href=\"/units/C1\">UBND phường Cầu Giấy</a>"),
            "{}",
            any.body
        );
        assert!(any.body.contains("Thứ Năm hằng tuần"), "{}", any.body);

        // Refused: another role, a visitor, a form without the token.
        let (head, hcsrf, _) = session("truongthon@x.vn").await;
        let refused = send(
            &db,
            "POST",
            "/units/C1/contact",
            Some(&head),
            Some(&form(&hcsrf, "X", "1", false)),
        )
        .await;
        assert_eq!(refused.status, StatusCode::FORBIDDEN);
        let visitor = send(&db, "GET", "/units/C1/contact", None, None).await;
        assert_eq!(visitor.status, StatusCode::SEE_OTHER);
        let no_token = send(
            &db,
            "POST",
            "/units/C1/contact",
            Some(&admin),
            Some(&form("", "X", "1", false)),
        )
        .await;
        assert_eq!(no_token.status, StatusCode::FORBIDDEN);
        let after: i64 = db
            .scalar(&query(
                "SELECT COUNT(*) FROM audit_log WHERE action = 'units.contact'",
            ))
            .await?;
        assert_eq!(after, 2, "refused forms write nothing");
        let _ = unit;
        Ok(())
    })
    .await;
}
