//! Least privilege by unit: officers outside the case's unit, the wrong role and visitors
//! who are not signed in are refused on pages, API and exports.

use dinh_petitions::kinds::CaseKind;
use dinh_petitions::store::actions::{Action, apply};
use dinh_platform::web::ErrorKind;

use crate::support::*;

#[tokio::test]
async fn officers_outside_the_unit_and_visitors_are_refused() {
    each_engine(|db| async move {
        world(&db).await?;
        let r = receive(&db, "C1", new_case(CaseKind::Complaint, d(2026, 8, 3))).await;
        let outsider = sign_in(&db, Some("outsider@test.vn")).await;
        for uri in [
            "/units/C1/petitions".to_owned(),
            "/units/C1/petitions/export/csv".to_owned(),
            format!("/petitions/cases/{}", r.id),
            "/api/v1/units/C1/petitions".to_owned(),
            format!("/api/v1/petitions/cases/{}", r.id),
            "/units/C1/reception".to_owned(),
            "/api/v1/units/C1/reception/book".to_owned(),
        ] {
            let (s, _) = call(&db, &outsider, "GET", &uri, None).await;
            assert_eq!(s.as_u16(), 403, "outsider {uri}");
            let (s, _) = call(&db, &nobody(), "GET", &uri, None).await;
            assert_eq!(s.as_u16(), 401, "anonymous {uri}");
        }
        // The province's list reaches the commune's case; the other commune's does not.
        let handler = sign_in(&db, Some("handler@test.vn")).await;
        let (s, _) = call(&db, &handler, "GET", "/units/C2/petitions", None).await;
        assert_eq!(s.as_u16(), 403);
        // Acting on a case: outsider refused; the inspection board may look but not act.
        let body = form(&[
            ("csrf", &outsider.csrf),
            ("action", "accept"),
            ("on", "04/08/2026"),
        ]);
        let (s, _) = call(
            &db,
            &outsider,
            "POST",
            &format!("/petitions/cases/{}/act", r.id),
            Some(&body),
        )
        .await;
        assert_eq!(s.as_u16(), 403);
        let inspector = principal(&db, "inspector@test.vn").await;
        let e = apply(
            &module(),
            &db,
            Some(&inspector),
            r.id,
            Action::Accept { on: d(2026, 8, 4) },
        )
        .await
        .unwrap_err();
        assert_eq!(e.kind, ErrorKind::Forbidden);
        let iv = sign_in(&db, Some("inspector@test.vn")).await;
        let (s, _) = call(&db, &iv, "GET", &format!("/petitions/cases/{}", r.id), None).await;
        assert!(s.is_success());
        // A form without its CSRF token is refused even for the handler.
        let (s, _) = call(
            &db,
            &handler,
            "POST",
            &format!("/petitions/cases/{}/act", r.id),
            Some("action=accept&on=04/08/2026"),
        )
        .await;
        assert_eq!(s.as_u16(), 403);
        let body = form(&[
            ("csrf", &handler.csrf),
            ("action", "accept"),
            ("on", "04/08/2026"),
        ]);
        let (s, _) = call(
            &db,
            &handler,
            "POST",
            &format!("/petitions/cases/{}/act", r.id),
            Some(&body),
        )
        .await;
        assert_eq!(s.as_u16(), 303);
        Ok(())
    })
    .await;
}
