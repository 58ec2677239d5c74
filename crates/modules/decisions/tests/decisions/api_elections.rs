//! Village-head elections and hương ước over the JSON API: the election plan, nominations
//! and a re-vote; the hương ước draft, its adoption vote, filing and UBND xã's decisions. Each
//! family: a success, and the refusals (anonymous 401, out of scope 403, no `X-CSRF-Token` 403,
//! a bad field 422 naming it with nothing written).

use axum::http::StatusCode;
use dinh_decisions::close;
use serde_json::json;

use crate::support::registry;
use crate::support::*;
use dinh_platform::testing::Client;
use dinh_platform::testing::client::api_refusals;

#[tokio::test]
async fn village_head_elections_over_the_api() {
    each_engine(|db| async move {
        let f = setup(&db).await?;
        let head = Client::signed_in(&db, registry(), &f.head).await;
        let outsider = Client::signed_in(&db, registry(), &f.outsider).await;
        let anonymous = Client::anonymous(&db, registry());
        let uri = "/api/v1/units/T9-X-01/elections";
        let mut plan = json!({"election_on": "20/09/2025", "plan_on": "20/08/2025", "team_on": "01/09/2025",
            "notice_on": "05/09/2025", "candidates_on": "29/08/2025", "candidates": ["Nguyễn Văn An", "Trần Thị Bình"]});
        api_refusals(&db, &head, &outsider, uri, plan.clone(), "decision_elections").await;
        plan["plan_on"] = json!("10/09/2025");
        head.post_json(uri, plan.clone()).await.refused("plan_on");
        assert_eq!(rows(&db, "decision_elections").await, 0, "nothing written");
        plan["plan_on"] = json!("20/08/2025");
        // After a dismissal, the election within the pack's 60 days.
        plan["dismissal_on"] = json!("01/06/2025");
        head.post_json(uri, plan.clone()).await.refused("election_on");
        assert_eq!(rows(&db, "decision_elections").await, 0, "nothing written");
        plan["dismissal_on"] = json!("01/08/2025");
        let matter = head.post_json(uri, plan).await.json();
        let id = matter["id"].as_i64().unwrap();
        assert_eq!(matter["secret"], true);

        let election = format!("/api/v1/matters/{id}/election");
        assert_eq!(anonymous.get(&election).await.status, StatusCode::UNAUTHORIZED);
        assert_eq!(outsider.get(&election).await.status, StatusCode::FORBIDDEN);
        let e = head.get(&election).await.json();
        assert_eq!(e["candidates"].as_array().unwrap().len(), 2);

        // Nominations at the meeting.
        let nominate = format!("/api/v1/matters/{id}/candidates");
        api_refusals(&db, &head, &outsider, &nominate, json!({"name": "Lê Văn Cường"}), "decision_candidates").await;
        head.post_json(&nominate, json!({"name": " "})).await.refused("full_name");
        assert_eq!(rows(&db, "decision_candidates").await, 2, "nothing written");
        let e = head.post_json(&nominate, json!({"name": "Lê Văn Cường"})).await.json();
        let last = &e["candidates"][2];
        assert_eq!((last["name"].as_str(), last["at_meeting"].as_bool()), (Some("Lê Văn Cường"), Some(true)));

        // A re-vote only for a closed election without a winner.
        let revote = format!("/api/v1/matters/{id}/revote");
        let officer = Client::signed_in(&db, registry(), &f.officer).await;
        api_refusals(&db, &officer, &outsider, &revote, json!({"election_on": "20/10/2025"}), "decision_matters").await;
        officer.post_json(&revote, json!({"election_on": "20/10/2025"})).await.refused("matter");
        assert_eq!(rows(&db, "decision_matters").await, 1, "nothing written");

        // The existing writes need the token too.
        for (path, body) in [
            ("meetings", json!({"held_on": "20/09/2025", "notice_on": "10/09/2025"})),
            ("close", json!({})),
        ] {
            let a = officer.post_json_bare(&format!("/api/v1/matters/{id}/{path}"), body).await;
            assert_eq!(a.status, StatusCode::FORBIDDEN, "{path}: {}", a.text());
        }

        // Closed without a winner: the commune decides a re-vote.
        let now = dinh_platform::time::today_vn();
        close::close(&module(), &db, Some(&f.officer), id, now).await?;
        let on = (now + chrono::Duration::days(30)).format("%d/%m/%Y").to_string();
        let again = officer
            .post_json(&revote, json!({"election_on": on}))
            .await
            .json();
        assert_ne!(again["id"].as_i64(), Some(id));
        let e = head.get(&election).await.json();
        assert_eq!(e["revote_id"], again["id"]);
        Ok(())
    })
    .await;
}

#[tokio::test]
async fn huong_uoc_over_the_api() {
    each_engine(|db| async move {
        let f = setup(&db).await?;
        let head = Client::signed_in(&db, registry(), &f.head).await;
        let officer = Client::signed_in(&db, registry(), &f.officer).await;
        let outsider = Client::signed_in(&db, registry(), &f.outsider).await;
        let anonymous = Client::anonymous(&db, registry());
        let uri = "/api/v1/units/T9-X-01/covenants";
        // Posted a few days ago: too recently for the adoption vote, whatever today is.
        let posted = (dinh_platform::time::today_vn() - chrono::Duration::days(5)).format("%d/%m/%Y").to_string();
        let draft = json!({"title": "Hương ước Thôn Một", "drafting_team": ["Nguyễn Văn Thành", "Phạm Thị Hòa"], "draft_posted_on": posted});
        api_refusals(&db, &head, &outsider, uri, draft.clone(), "decision_covenants").await;
        head.post_json(uri, json!({"title": "", "drafting_team": ["A"], "draft_posted_on": "01/09/2025"}))
            .await
            .refused("title");
        assert_eq!(rows(&db, "decision_covenants").await, 0, "nothing written");
        let k = head.post_json(uri, draft).await.json();
        let cid = k["id"].as_i64().unwrap();
        assert_eq!(k["status"], "drafting");
        let list = anonymous.get(uri).await.json();
        assert_eq!(list[0]["title"], "Hương ước Thôn Một");
        let detail = anonymous.get(&format!("/api/v1/covenants/{cid}")).await.json();
        assert!(detail["next_review_on"].as_str().unwrap().ends_with("-11-18"), "{detail}");

        // The adoption vote waits for the draft to be posted long enough.
        let vote = format!("/api/v1/covenants/{cid}/vote");
        api_refusals(&db, &head, &outsider, &vote, json!({}), "decision_matters").await;
        head.post_json(&vote, json!({})).await.refused("draft_posted_on");
        assert_eq!(rows(&db, "decision_matters").await, 0, "nothing written");

        // The file needs an adopted hương ước; the decisions are UBND xã's.
        let file = format!("/api/v1/covenants/{cid}/file");
        api_refusals(&db, &head, &outsider, &file, json!({"filed_on": "01/12/2026"}), "audit_log").await;
        let audit = rows(&db, "audit_log").await;
        head.post_json(&file, json!({"filed_on": "31/02/2026"})).await.refused("filed_on");
        let decision = format!("/api/v1/covenants/{cid}/decision");
        api_refusals(&db, &officer, &outsider, &decision, json!({"action": "recognise"}), "audit_log").await;
        assert_eq!(
            head.post_json(&decision, json!({"action": "recognise"})).await.status,
            StatusCode::FORBIDDEN,
            "the village head does not recognise"
        );
        officer.post_json(&decision, json!({"action": "abolish", "reason": "x"})).await.refused("action");
        assert_eq!(rows(&db, "audit_log").await, audit, "nothing written");
        Ok(())
    })
    .await;
}

#[tokio::test]
async fn a_huong_uoc_adopted_filed_recognised_and_suspended_over_the_api() {
    each_engine(|db| async move {
        let f = setup(&db).await?;
        let m = module();
        // Posted long ago: the vote opens now; 6 of 9 households adopt it.
        let head = Client::signed_in(&db, registry(), &f.head).await;
        let officer = Client::signed_in(&db, registry(), &f.officer).await;
        let k = head
            .post_json(
                "/api/v1/units/T9-X-01/covenants",
                json!({"title": "Hương ước", "drafting_team": ["A", "B"], "draft_posted_on": "01/01/2025"}),
            )
            .await
            .json();
        let cid = k["id"].as_i64().unwrap();
        let matter = head.post_json(&format!("/api/v1/covenants/{cid}/vote"), json!({})).await.json();
        let id = matter["id"].as_i64().unwrap();
        meeting_votes(&db, &f, id, "T9-X-01", &village(1, 9), 6).await?;
        let now = dinh_platform::time::today_vn();
        let on = now.format("%d/%m/%Y").to_string();
        close::close(&m, &db, Some(&f.officer), id, now).await?;
        let filed = head
            .post_json(&format!("/api/v1/covenants/{cid}/file"), json!({"filed_on": on}))
            .await
            .json();
        assert_eq!(filed["covenant"]["status"], "filed");
        assert!(filed["recognition_due_on"].is_string());
        let k = officer
            .post_json(&format!("/api/v1/covenants/{cid}/decision"), json!({"action": "recognise", "on": on}))
            .await
            .json();
        assert_eq!(k["status"], "recognised");
        let k = officer
            .post_json(&format!("/api/v1/covenants/{cid}/decision"), json!({"action": "suspend", "on": on, "reason": "Trái luật"}))
            .await
            .json();
        assert_eq!(k["status"], "suspended");
        Ok(())
    })
    .await;
}
