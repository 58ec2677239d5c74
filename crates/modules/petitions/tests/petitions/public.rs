//! The public form and the tracking lookup: code and secret, public answers only, guessers
//! stopped, script shown as text, anonymous denunciations received as reports.

use dinh_petitions::store::actions::{Action, apply};
use dinh_platform::db::query;

use crate::support::*;

fn between<'a>(html: &'a str, label: &str) -> &'a str {
    let i = html.find(label).unwrap_or_else(|| panic!("no {label}"));
    let rest = &html[i..];
    let s = rest.find("<strong>").unwrap() + 8;
    let e = rest[s..].find("</strong>").unwrap();
    &rest[s..s + e]
}

#[tokio::test]
async fn a_citizen_submits_then_tracks_and_never_sees_internal_notes() {
    each_engine(|db| async move {
        world(&db).await?;
        let anon = nobody();
        let (s, html) = call(&db, &anon, "GET", "/petitions/submit", None).await;
        assert!(s.is_success());
        assert!(
            html.contains("không được xử lý như tố cáo"),
            "the form explains anonymity"
        );
        // Without a CSRF token: refused.
        let (s, _) = call(
            &db,
            &anon,
            "POST",
            "/petitions/submit",
            Some("unit=C1&kind=report&subject=a&content=b"),
        )
        .await;
        assert_eq!(s.as_u16(), 403);
        let v = sign_in(&db, None).await;
        let body = form(&[
            ("csrf", &v.csrf),
            ("unit", "C1"),
            ("kind", "recommendation"),
            ("subject", "Đèn đường <script>alert(1)</script>"),
            ("content", "Đèn đường thôn Một hỏng"),
            ("name", "Phạm Thị Dân"),
            ("address", "Thôn Một"),
            ("contact", "0911"),
        ]);
        let (s, html) = call(&db, &v, "POST", "/petitions/submit", Some(&body)).await;
        assert!(s.is_success(), "{s}");
        let code = between(&html, "Mã tra cứu").to_owned();
        let secret = between(&html, "Mã bí mật").to_owned();
        assert_eq!(code.len(), 14);
        assert_eq!(secret.len(), 20);
        // The officer answers and adds an internal note.
        let id: i64 = db
            .scalar(
                &query("SELECT id FROM petition_cases WHERE tracking_code = $1")
                    .bind(code.as_str()),
            )
            .await?;
        let p = principal(&db, "handler@test.vn").await;
        apply(
            &module(),
            &db,
            Some(&p),
            id,
            Action::Note {
                text: "GHI CHÚ NỘI BỘ: gọi điện cho trưởng thôn".into(),
            },
        )
        .await
        .unwrap();
        apply(
            &module(),
            &db,
            Some(&p),
            id,
            Action::Resolve {
                on: dinh_platform::time::today_vn(),
                answer: "Đã thay bóng đèn ngày hôm nay".into(),
            },
        )
        .await
        .unwrap();
        let (s, html) = call(
            &db,
            &v,
            "POST",
            "/petitions/track",
            Some(&form(&[
                ("csrf", &v.csrf),
                ("code", &code.to_lowercase()),
                ("secret", &secret),
            ])),
        )
        .await;
        assert!(s.is_success(), "{s}");
        assert!(html.contains("Đã thay bóng đèn"));
        assert!(html.contains("Đã giải quyết"));
        assert!(!html.contains("GHI CHÚ NỘI BỘ"));
        assert!(!html.contains("<script>alert(1)"), "script is escaped");
        assert!(html.contains("alert(1)"), "the text is kept, escaped");
        // The answered case may be rated, once (Art. 35(2)(a)): a score out of range is
        // refused with what to do, then a good one is thanked and the form is gone.
        assert!(
            html.contains("Bạn có hài lòng với cách giải quyết?"),
            "the rating form"
        );
        let rate = |score: &'static str| {
            form(&[
                ("csrf", &v.csrf),
                ("code", &code),
                ("secret", &secret),
                ("score", score),
                ("comment", "Giải quyết nhanh"),
            ])
        };
        let (s, html) = call(&db, &v, "POST", "/petitions/track", Some(&rate("7"))).await;
        assert_eq!(s.as_u16(), 422);
        assert!(html.contains("from 1 (very dissatisfied) to 5"), "{html}");
        let (s, html) = call(&db, &v, "POST", "/petitions/track", Some(&rate("4"))).await;
        assert!(s.is_success(), "{s}");
        assert!(html.contains("Cảm ơn bạn đã đánh giá."));
        assert!(
            !html.contains("Bạn có hài lòng với cách giải quyết?"),
            "rated once"
        );
        let (s, _) = call(&db, &v, "POST", "/petitions/track", Some(&rate("1"))).await;
        assert_eq!(s.as_u16(), 422, "a second rating of the case is refused");
        let unit_id: i64 = db
            .scalar(&query("SELECT unit_id FROM petition_cases WHERE id = $1").bind(id))
            .await?;
        let today = dinh_platform::time::today_vn();
        let rate_now = dinh_platform::satisfaction::indicator(
            &db,
            "satisfaction.satisfied_rate",
            unit_id,
            today,
            today,
        )
        .await?;
        assert_eq!(rate_now, Some(100.0), "one rating, satisfied");
        // The JSON lookup says the same.
        let (s, json) = call_with(
            &db,
            &nobody(),
            "POST",
            "/api/v1/petitions/track",
            Some(&format!("{{\"code\":\"{code}\",\"secret\":\"{secret}\"}}")),
            Some("application/json"),
        )
        .await;
        assert!(s.is_success(), "{s} {json}");
        assert!(
            json.contains("Đã thay bóng đèn")
                && !json.contains("NỘI BỘ")
                && !json.contains("Phạm Thị Dân")
                && !json.contains("case_id")
        );
        Ok(())
    })
    .await;
}

#[tokio::test]
async fn guessers_are_stopped_and_anonymous_denunciations_become_reports() {
    each_engine(|db| async move {
        world(&db).await?;
        let (s, json) = call_with(&db, &nobody(), "POST", "/api/v1/petitions", Some(r#"{"unit":"C1","kind":"denunciation","subject":"Tố cáo nặc danh","content":"Nội dung"}"#), Some("application/json")).await;
        assert_eq!(s.as_u16(), 201, "{json}");
        assert!(json.contains("\"kind\":\"report\""), "{json}");
        let v: serde_json::Value = serde_json::from_str(&json)?;
        let code = v["tracking_code"].as_str().unwrap().to_owned();
        let secret = v["secret"].as_str().unwrap().to_owned();
        let track = |secret: String| {
            let db = db.clone();
            let code = code.clone();
            async move {
                call_with(&db, &nobody(), "POST", "/api/v1/petitions/track", Some(&format!("{{\"code\":\"{code}\",\"secret\":\"{secret}\"}}")), Some("application/json")).await
            }
        };
        for _ in 0..5 {
            let (s, body) = track("WRONGSECRETWRONGSECR".into()).await;
            assert_eq!(s.as_u16(), 422, "{body}");
            assert!(body.contains("no case matches"));
        }
        // Past the limit the right secret is refused too, until the window ends.
        let (s, body) = track(secret).await;
        assert_eq!(s.as_u16(), 422);
        assert!(body.contains("too many"), "{body}");
        // Bad input names the field.
        let (s, body) = call_with(&db, &nobody(), "POST", "/api/v1/petitions", Some(r#"{"unit":"C1","kind":"gossip","subject":"a","content":"b"}"#), Some("application/json")).await;
        assert_eq!(s.as_u16(), 422);
        assert!(body.contains("kind"));
        let (s, body) = call_with(&db, &nobody(), "POST", "/api/v1/petitions", Some(r#"{"unit":"C1","kind":"report","subject":"","content":"b"}"#), Some("application/json")).await;
        assert_eq!(s.as_u16(), 422);
        assert!(body.contains("subject"));
        let n: i64 = db.scalar(&query("SELECT COUNT(*) FROM petition_cases")).await?;
        assert_eq!(n, 1);
        Ok(())
    })
    .await;
}
