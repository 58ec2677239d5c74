//! The limit on public submissions per client and hour: the form and the API answer 429 in
//! the visitor's language with both languages in the detail; another client is not held back.

use dinh_platform::config::Config;
use dinh_platform::db::query;

use crate::support::*;

#[tokio::test]
async fn public_submissions_are_limited_per_client() {
    each_engine(|db| async move {
        world(&db).await?;
        let config = Config {
            public_submit_per_hour: 2,
            trusted_proxies: vec![PROXY.into()],
            ..temp_config()
        };
        let v = sign_in(&db, None).await;
        let body = |n: usize| {
            form(&[
                ("csrf", &v.csrf),
                ("unit", "C1"),
                ("kind", "report"),
                ("subject", &format!("Phản ánh số {n}")),
                ("content", "Rác thải ven đường"),
            ])
        };
        let from_a = [("x-forwarded-for", "198.51.100.250, 203.0.113.7")];
        for n in 0..2 {
            let (s, _, _) = send(
                &db,
                &config,
                &v,
                "POST",
                "/petitions/submit",
                Some(body(n).into_bytes()),
                None,
                &from_a,
            )
            .await;
            assert_eq!(s.as_u16(), 200);
        }
        let (s, headers, html) = send(
            &db,
            &config,
            &v,
            "POST",
            "/petitions/submit",
            Some(body(3).into_bytes()),
            None,
            &from_a,
        )
        .await;
        assert_eq!(s.as_u16(), 429);
        assert!(headers.get("retry-after").is_some());
        let html = String::from_utf8_lossy(&html);
        assert!(
            html.contains("Đã nhận quá nhiều đơn từ nơi gửi này"),
            "{html}"
        );
        // The API shares the count of the same client.
        let json = r#"{"unit":"C1","kind":"report","subject":"Phản ánh","content":"Nội dung"}"#;
        let (s, _, answer) = send(
            &db,
            &config,
            &nobody(),
            "POST",
            "/api/v1/petitions",
            Some(json.as_bytes().to_vec()),
            Some("application/json"),
            &from_a,
        )
        .await;
        assert_eq!(s.as_u16(), 429);
        let answer: serde_json::Value = serde_json::from_slice(&answer)?;
        assert_eq!(answer["error"]["status"], 429);
        let detail = answer["error"]["detail"].as_str().unwrap();
        assert!(
            detail.contains("tối đa 2 đơn mỗi giờ") && detail.contains("at most 2 an hour"),
            "{detail}"
        );
        let english = [
            ("x-forwarded-for", "203.0.113.7"),
            ("cookie", "dinh_lang=en"),
        ];
        let (_, _, answer) = send(
            &db,
            &config,
            &nobody(),
            "POST",
            "/api/v1/petitions",
            Some(json.as_bytes().to_vec()),
            Some("application/json"),
            &english,
        )
        .await;
        let answer: serde_json::Value = serde_json::from_slice(&answer)?;
        assert!(
            answer["error"]["message"]
                .as_str()
                .unwrap()
                .starts_with("Too many petitions"),
            "{answer}"
        );
        // Only the two accepted were stored; another client is still welcome.
        let n: i64 = db
            .scalar(&query("SELECT COUNT(*) FROM petition_cases"))
            .await?;
        assert_eq!(n, 2);
        let (s, _, _) = send(
            &db,
            &config,
            &nobody(),
            "POST",
            "/api/v1/petitions",
            Some(json.as_bytes().to_vec()),
            Some("application/json"),
            &[("x-forwarded-for", "198.51.100.4")],
        )
        .await;
        assert_eq!(s.as_u16(), 201);
        let _ = std::fs::remove_dir_all(&config.data_dir);
        Ok(())
    })
    .await;
}

/// An API submission from the connection `ip`, with the `X-Forwarded-For` it writes, if any
/// (no session).
async fn from_connection(
    db: &dinh_platform::db::Db,
    config: &Config,
    ip: [u8; 4],
    forwarded: Option<&str>,
) -> u16 {
    use axum::extract::ConnectInfo;
    use dinh_platform::web::{AppState, router};
    use tower::ServiceExt;
    let app = router(AppState::new(
        db.clone(),
        config.clone(),
        registry(module()),
    ));
    let json = r#"{"unit":"C1","kind":"report","subject":"Phản ánh","content":"Nội dung"}"#;
    let mut req = axum::http::Request::builder()
        .method("POST")
        .uri("/api/v1/petitions")
        .header("content-type", "application/json");
    if let Some(f) = forwarded {
        req = req.header("x-forwarded-for", f);
    }
    let mut req = req.body(axum::body::Body::from(json)).unwrap();
    req.extensions_mut()
        .insert(ConnectInfo(std::net::SocketAddr::from((ip, 40_000))));
    app.oneshot(req).await.unwrap().status().as_u16()
}

#[tokio::test]
async fn without_a_proxy_the_connection_names_the_client() {
    each_engine(|db| async move {
        world(&db).await?;
        let config = Config {
            public_submit_per_hour: 1,
            ..temp_config()
        };
        assert_eq!(
            from_connection(&db, &config, [192, 0, 2, 1], None).await,
            201
        );
        assert_eq!(
            from_connection(&db, &config, [192, 0, 2, 1], None).await,
            429
        );
        assert_eq!(
            from_connection(&db, &config, [192, 0, 2, 2], None).await,
            201
        );
        let _ = std::fs::remove_dir_all(&config.data_dir);
        Ok(())
    })
    .await;
}

#[tokio::test]
async fn a_forwarded_header_from_an_untrusted_connection_is_not_believed() {
    each_engine(|db| async move {
        world(&db).await?;
        let config = Config {
            public_submit_per_hour: 1,
            trusted_proxies: vec![PROXY.into()],
            ..temp_config()
        };
        let c = [192, 0, 2, 7];
        assert_eq!(
            from_connection(&db, &config, c, Some("198.51.100.1")).await,
            201
        );
        // Writing another address does not make a new client.
        assert_eq!(
            from_connection(&db, &config, c, Some("198.51.100.2")).await,
            429
        );
        // Through the trusted proxy, the address it saw counts.
        assert_eq!(
            from_connection(&db, &config, PROXY, Some("198.51.100.2")).await,
            201
        );
        assert_eq!(
            from_connection(&db, &config, PROXY, Some("198.51.100.2")).await,
            429
        );
        let _ = std::fs::remove_dir_all(&config.data_dir);
        Ok(())
    })
    .await;
}
