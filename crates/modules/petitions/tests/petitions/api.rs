//! The OpenAPI document, the API's lists at every depth of the tree, the case file.

use dinh_petitions::kinds::CaseKind;
use dinh_platform::module::Module;

use crate::support::*;

#[test]
fn the_openapi_document_lists_every_route() {
    let doc = module().openapi();
    let paths: Vec<&String> = doc.paths.paths.keys().collect();
    for p in [
        "/api/v1/petitions",
        "/api/v1/petitions/track",
        "/api/v1/units/{code}/petitions",
        "/api/v1/petitions/cases/{id}",
        "/api/v1/petitions/cases/{id}/identity",
        "/api/v1/units/{code}/reception/compliance",
        "/api/v1/units/{code}/reception/book",
        "/api/v1/units/{code}/mediations",
        "/api/v1/units/{code}/dialogues",
    ] {
        assert!(
            paths.iter().any(|x| x.as_str() == p),
            "{p} missing from {paths:?}"
        );
    }
}

#[tokio::test]
async fn lists_reach_the_subtree_at_every_depth() {
    each_engine(|db| async move {
        world(&db).await?;
        receive(&db, "C1", new_case(CaseKind::Complaint, d(2026, 8, 3))).await;
        receive(&db, "T1", new_case(CaseKind::Report, d(2026, 8, 4))).await;
        let v = sign_in(&db, Some("handler@test.vn")).await;
        let count = |json: &str| {
            serde_json::from_str::<Vec<serde_json::Value>>(json)
                .unwrap()
                .len()
        };
        let (_, c1) = call(&db, &v, "GET", "/api/v1/units/C1/petitions?state=all", None).await;
        assert_eq!(count(&c1), 2);
        let (_, t1) = call(&db, &v, "GET", "/api/v1/units/T1/petitions?state=all", None).await;
        assert_eq!(count(&t1), 1);
        let (s, _) = call(&db, &v, "GET", "/api/v1/units/P/petitions?state=all", None).await;
        assert_eq!(
            s.as_u16(),
            403,
            "a commune officer does not see the province"
        );
        let (s, json) = call(
            &db,
            &v,
            "GET",
            "/api/v1/units/C1/reception/compliance?month=2026-08",
            None,
        )
        .await;
        assert!(s.is_success() && json.starts_with('['), "{json}");
        let (s, json) = call(
            &db,
            &v,
            "GET",
            "/api/v1/units/C1/reception/compliance?month=08-2026",
            None,
        )
        .await;
        assert_eq!(s.as_u16(), 422);
        assert!(json.contains("month"));
        let (s, json) = call(
            &db,
            &v,
            "GET",
            "/api/v1/units/C1/petitions?kind=gossip",
            None,
        )
        .await;
        assert_eq!(s.as_u16(), 422);
        assert!(json.contains("kind"));
        Ok(())
    })
    .await;
}
