//! The JSON API, its 422 answers, and the OpenAPI document.

use axum::http::StatusCode;
use serde_json::Value;

use crate::support::{each_engine, get, shipped};

fn json(body: &str) -> Value {
    serde_json::from_str(body).unwrap_or_else(|e| panic!("{e}: {body}"))
}

/// Asserts a 422 whose detail contains `detail`.
async fn refused(db: &dinh_platform::db::Db, uri: &str, detail: &str) {
    let (status, body) = get(db, &shipped(), uri, "vi").await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{uri}: {body}");
    let v = json(&body);
    let got = v["error"]["detail"].as_str().unwrap_or_default();
    assert!(got.contains(detail), "{uri}: {got}");
}

#[tokio::test]
async fn calendar_api_answers_and_refuses_bad_input() {
    each_engine(|db| async move {
        let m = shipped();
        let (status, body) = get(&db, &m, "/api/v1/calendar/lunar?date=17/02/2026", "vi").await;
        assert_eq!(status, StatusCode::OK);
        let day = &json(&body)["days"][0];
        assert_eq!(day["lunar"], "01/01/2026");
        assert_eq!(day["can_chi_year"], "Bính Ngọ");
        assert_eq!((day["lunar_day"].as_u64(), day["leap"].as_bool()), (Some(1), Some(false)));
        assert_eq!(day["working_day"], false);
        let (_, body) = get(&db, &m, "/api/v1/calendar/lunar?from=2024-01-01&to=31/12/2024", "vi").await;
        assert_eq!(json(&body)["days"].as_array().unwrap().len(), 366, "a leap year at once");
        refused(&db, "/api/v1/calendar/lunar?from=01/01/2026&to=02/01/2027", "at most 366 days").await;
        refused(&db, "/api/v1/calendar/lunar?from=02/01/2026&to=01/01/2026", "before its start").await;
        refused(&db, "/api/v1/calendar/lunar?date=31/02/2026", "date: day 31 does not exist in 02/2026").await;
        refused(&db, "/api/v1/calendar/lunar?date=01/01/2300", "year 2300 is outside").await;
        refused(&db, "/api/v1/calendar/lunar?date=01/01/2026&from=01/01/2026", "either date").await;

        let (_, body) = get(&db, &m, "/api/v1/calendar/solar?lunar=01/06/2025&leap=true", "vi").await;
        assert_eq!(json(&body)["date"], "25/07/2025");
        let (_, body) = get(&db, &m, "/api/v1/calendar/solar?lunar=10/03/2026", "vi").await;
        assert_eq!(json(&body)["date"], "26/04/2026", "Giỗ Tổ Hùng Vương");
        refused(&db, "/api/v1/calendar/solar?lunar=01/03/2025&leap=true", "has no leap month 3: its leap month is 6").await;
        refused(&db, "/api/v1/calendar/solar?lunar=30/02/2026", "day 30 does not exist in lunar month 2").await;
        refused(&db, "/api/v1/calendar/solar?lunar=01/01/2026&leap=maybe", "leap: 'maybe'").await;
        refused(&db, "/api/v1/calendar/solar", "lunar: required").await;

        let (_, body) = get(&db, &m, "/api/v1/calendar/holidays/2026", "vi").await;
        let year = json(&body);
        assert_eq!(year["schedule"]["verified"], true);
        let days = year["days_off"].as_array().unwrap();
        let giong = days.iter().find(|d| d["date"] == "27/04/2026").unwrap();
        assert_eq!(giong["kind"], "compensatory");
        assert!(days.iter().any(|d| d["date"] == "17/02/2026" && d["occasion_vi"] == "Tết Nguyên đán Bính Ngọ"));
        assert_eq!(year["working_days"][0]["date"], "10/01/2026");
        let (_, body) = get(&db, &m, "/api/v1/calendar/holidays/2030", "vi").await;
        assert!(json(&body)["schedule"].is_null(), "statutory rules only");
        refused(&db, "/api/v1/calendar/holidays/2300", "year: year 2300 is outside").await;
        refused(&db, "/api/v1/calendar/holidays/abc", "year: year 'abc' is not a number").await;

        let uri = "/api/v1/calendar/deadline?start=10/02/2026&days=5&unit=working&direction=after";
        let (_, body) = get(&db, &m, uri, "vi").await;
        let d = json(&body);
        assert_eq!((d["due"].as_str(), d["due_iso"].as_str()), (Some("24/02/2026"), Some("2026-02-24")));
        assert!(d["explanation_vi"].as_str().unwrap().contains("bỏ qua Tết Nguyên đán Bính Ngọ 14/02-22/02"));
        assert!(d["explanation_en"].as_str().unwrap().contains("due 24/02/2026"));
        assert_eq!(d["skipped"][0]["from"], "14/02/2026");
        let (_, body) = get(&db, &m, "/api/v1/calendar/deadline?start=02/02/2026&days=20&unit=calendar", "vi").await;
        assert_eq!(json(&body)["rolled_from"], "22/02/2026");
        refused(&db, "/api/v1/calendar/deadline?start=10/02/2026&days=5&unit=weeks", "unit: 'weeks' is not a unit: use working or calendar").await;
        refused(&db, "/api/v1/calendar/deadline?start=10/02/2026&days=5&direction=later", "direction: 'later'").await;
        refused(&db, "/api/v1/calendar/deadline?start=10/02/2026&days=-1", "days: -1 is not a count").await;
        refused(&db, "/api/v1/calendar/deadline?days=5", "start: required").await;
        refused(&db, "/api/v1/calendar/deadline?start=31/12/2199&days=5", "start: date").await;
        Ok(())
    })
    .await;
}

#[tokio::test]
async fn rules_api_and_openapi() {
    each_engine(|db| async move {
        let m = shipped();
        let (status, body) = get(&db, &m, "/api/v1/rules?date=01/07/2026", "vi").await;
        assert_eq!(status, StatusCode::OK);
        let r = json(&body);
        assert_eq!(r["pack"]["id"], "vn-2026-07");
        assert_eq!(r["pack"]["effective_from"], "01/07/2026");
        assert!(r["pack"]["in_force_until"].is_null());
        let rows = r["rows"].as_array().unwrap();
        assert!(rows.len() > 100);
        let online = rows
            .iter()
            .find(|x| x["key"] == "reception.online_allowed")
            .unwrap();
        assert_eq!(online["verified"], false);
        assert_eq!(r["packs"][0]["in_force_until"], "30/06/2026");
        refused(
            &db,
            "/api/v1/rules?date=01/01/2020",
            "no rule pack is in force on 01/01/2020",
        )
        .await;
        refused(
            &db,
            "/api/v1/rules?date=tomorrow",
            "date: 'tomorrow' is not a date",
        )
        .await;

        let (_, doc) = get(&db, &m, "/api/openapi.json", "vi").await;
        let doc = json(&doc);
        for path in [
            "/api/v1/calendar/lunar",
            "/api/v1/calendar/solar",
            "/api/v1/calendar/holidays/{year}",
            "/api/v1/calendar/deadline",
            "/api/v1/rules",
            "/api/v1/units/{code}/lineage",
        ] {
            assert!(doc["paths"][path]["get"].is_object(), "{path} in OpenAPI");
        }
        assert!(doc["components"]["schemas"]["DeadlineView"].is_object());
        Ok(())
    })
    .await;
}
