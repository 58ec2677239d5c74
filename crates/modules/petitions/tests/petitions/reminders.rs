//! The "Nhắc việc" section of the work list and its API: time limits ending within two
//! working days or overdue, the viewer's own cases first; nothing further off; out of scope
//! refused.

use dinh_petitions::kinds::CaseKind;
use dinh_petitions::store::actions::{Action, apply};
use dinh_platform::db::{Db, query};
use dinh_platform::time::today_vn;

use crate::support::*;

async fn set_due(db: &Db, case_id: i64, due: chrono::NaiveDate) {
    db.execute(
        &query("UPDATE petition_clocks SET due_on = $1 WHERE case_id = $2")
            .bind(due)
            .bind(case_id),
    )
    .await
    .unwrap();
    db.execute(
        &query("UPDATE petition_cases SET next_due = $1 WHERE id = $2")
            .bind(due)
            .bind(case_id),
    )
    .await
    .unwrap();
}

#[tokio::test]
async fn the_work_list_shows_reminders_due_soon_and_overdue_mine_first() {
    each_engine(|db| async move {
        world(&db).await?;
        let today = today_vn();
        let overdue = receive(&db, "C1", new_case(CaseKind::Recommendation, today)).await;
        let soon = receive(&db, "T1", new_case(CaseKind::Complaint, today)).await;
        let far = receive(&db, "C1", new_case(CaseKind::Report, today)).await;
        let o = principal(&db, "outsider@test.vn").await;
        let c2 = unit(&db, "C2").await;
        let elsewhere = dinh_petitions::store::cases::receive(
            &module(),
            &db,
            Some(&o),
            &c2,
            new_case(CaseKind::Report, today),
        )
        .await
        .unwrap();
        set_due(&db, overdue.id, today - chrono::Duration::days(3)).await;
        set_due(&db, soon.id, today).await;
        set_due(&db, far.id, today + chrono::Duration::days(30)).await;
        set_due(&db, elsewhere.id, today).await;
        let p = principal(&db, "officer@test.vn").await;
        apply(
            &module(),
            &db,
            Some(&p),
            soon.id,
            Action::Assign {
                login: "handler@test.vn".into(),
            },
        )
        .await
        .unwrap();
        let v = sign_in(&db, Some("handler@test.vn")).await;
        let (s, html) = call(&db, &v, "GET", "/units/C1/petitions", None).await;
        assert!(s.is_success());
        // From the reminders to the list's search form (the header's comes before them).
        let from = html.find("Nhắc việc").unwrap();
        let section = &html[from..from + html[from..].find("role=\"search\"").unwrap()];
        let (a, b) = (
            section.find(&soon.tracking_code).unwrap(),
            section.find(&overdue.tracking_code).unwrap(),
        );
        assert!(a < b, "the handler's own case first");
        assert!(
            section.contains("việc của bạn")
                && section.contains("Quá hạn")
                && section.contains("Sắp đến hạn"),
            "{section}"
        );
        assert!(
            !section.contains(&far.tracking_code) && !section.contains(&elsewhere.tracking_code)
        );
        // The API says the same; out of scope is refused.
        let (s, json) = call(&db, &v, "GET", "/api/v1/units/C1/petitions/reminders", None).await;
        assert!(s.is_success());
        let rows: serde_json::Value = serde_json::from_str(&json)?;
        let codes: Vec<&str> = rows
            .as_array()
            .unwrap()
            .iter()
            .map(|r| r["tracking_code"].as_str().unwrap())
            .collect();
        assert_eq!(
            codes,
            vec![soon.tracking_code.as_str(), overdue.tracking_code.as_str()]
        );
        assert_eq!(rows[0]["mine"], true);
        let outsider = sign_in(&db, Some("outsider@test.vn")).await;
        let (s, _) = call(
            &db,
            &outsider,
            "GET",
            "/api/v1/units/C1/petitions/reminders",
            None,
        )
        .await;
        assert_eq!(s.as_u16(), 403);
        // Nothing due: the section says so.
        let (_, html) = call(&db, &outsider, "GET", "/units/C2/petitions", None).await;
        assert!(html.contains(&elsewhere.tracking_code));
        db.execute(&query("UPDATE petition_clocks SET done_on = $1").bind(today))
            .await?;
        let (_, html) = call(&db, &v, "GET", "/units/C1/petitions", None).await;
        assert!(html.contains("Không có việc nào sắp đến hạn"));
        Ok(())
    })
    .await;
}
