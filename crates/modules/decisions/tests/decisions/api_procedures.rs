//! The JSON API of the procedures the officers' pages run: citizen initiatives, returned
//! ballots and their check, printable ballots, the decision document and its clocks. Each
//! family: a success, and the refusals (anonymous 401, out of scope 403, no `X-CSRF-Token` 403,
//! a bad field 422 naming it with nothing written); every route in `/api/openapi.json`.
//! Village-head elections and hương ước over the API are in `api_elections.rs`.

use axum::http::StatusCode;
use dinh_decisions::{Origin, close, matters};
use dinh_platform::db::{Db, query};
use serde_json::json;

use crate::support::registry;
use crate::support::*;
use dinh_platform::testing::Client;
use dinh_platform::testing::client::api_refusals;

#[tokio::test]
async fn initiatives_over_the_api() {
    each_engine(|db| async move {
        let f = setup(&db).await?;
        let resident = Client::signed_in(&db, registry(), &f.resident).await;
        let front = Client::signed_in(&db, registry(), &f.front).await;
        let officer = Client::signed_in(&db, registry(), &f.officer).await;
        let outsider = Client::signed_in(&db, registry(), &f.outsider).await;

        // Opened by the representative of household 1 (who supports it).
        let open = json!({"matter": 6, "title": "Lắp đèn đường", "content": "Ngõ 3"});
        assert_eq!(
            Client::anonymous(&db, registry())
                .post_json("/api/v1/initiatives", open.clone())
                .await
                .status,
            StatusCode::UNAUTHORIZED
        );
        assert_eq!(
            resident
                .post_json_bare("/api/v1/initiatives", open.clone())
                .await
                .status,
            StatusCode::FORBIDDEN,
            "no X-CSRF-Token"
        );
        officer
            .post_json("/api/v1/initiatives", open.clone())
            .await
            .refused("account");
        resident
            .post_json(
                "/api/v1/initiatives",
                json!({"matter": 6, "title": " ", "content": "x"}),
            )
            .await
            .refused("title");
        resident
            .post_json(
                "/api/v1/initiatives",
                json!({"matter": 9, "title": "x", "content": "x"}),
            )
            .await
            .refused("matter");
        assert_eq!(
            rows(&db, "decision_initiatives").await,
            0,
            "nothing written"
        );
        let i = resident.post_json("/api/v1/initiatives", open).await.json();
        let id = i["id"].as_i64().unwrap();
        assert_eq!(i["supporters"], 1);

        // Online support: once per household.
        let support = format!("/api/v1/initiatives/{id}/support");
        let before = rows(&db, "decision_initiative_support").await;
        assert_eq!(
            Client::anonymous(&db, registry())
                .post_json(&support, json!({}))
                .await
                .status,
            StatusCode::UNAUTHORIZED
        );
        assert_eq!(
            resident.post_json_bare(&support, json!({})).await.status,
            StatusCode::FORBIDDEN
        );
        outsider
            .post_json(&support, json!({}))
            .await
            .refused("account");
        let again = resident.post_json(&support, json!({})).await;
        assert_eq!(
            again.status,
            StatusCode::UNPROCESSABLE_ENTITY,
            "{}",
            again.text()
        );
        assert_eq!(rows(&db, "decision_initiative_support").await, before);

        // Written support entered by the Front work team.
        let written = format!("/api/v1/initiatives/{id}/written-support");
        api_refusals(
            &db,
            &front,
            &outsider,
            &written,
            json!({"household": code(1, 2)}),
            "decision_initiative_support",
        )
        .await;
        front
            .post_json(&written, json!({"household": "T9-X-01-9999"}))
            .await
            .refused("household");
        assert_eq!(rows(&db, "decision_initiative_support").await, before);
        let i = front
            .post_json(&written, json!({"household": code(1, 2)}))
            .await
            .json();
        assert_eq!(i["supporters"], 2);
        assert_eq!(i["status"], "reached");

        // The Front's approval is refused once the share is reached; others may not approve.
        let approval = format!("/api/v1/initiatives/{id}/front-approval");
        api_refusals(
            &db,
            &front,
            &f_head(&db, &f).await,
            &approval,
            json!({}),
            "audit_log",
        )
        .await;
        let audit = rows(&db, "audit_log").await;
        front
            .post_json(&approval, json!({}))
            .await
            .refused("initiative");
        assert_eq!(rows(&db, "audit_log").await, audit);

        // The thôn's list and the initiative (public).
        let list = Client::anonymous(&db, registry())
            .get("/api/v1/units/T9-X-01/initiatives")
            .await
            .json();
        assert_eq!(list.as_array().unwrap().len(), 1);
        let one = Client::anonymous(&db, registry())
            .get(&format!("/api/v1/initiatives/{id}"))
            .await
            .json();
        assert_eq!(one["title"], "Lắp đèn đường");
        // Measured against all the thôn's households, as the page shows it: ≥ 1/10 of them.
        let households: i64 = db
            .scalar(&dinh_platform::db::query(
                "SELECT COUNT(*) FROM households h JOIN units u ON u.id = h.unit_id WHERE u.code = 'T9-X-01'",
            ))
            .await?;
        assert!(households > 0);
        for i in [&one, &list[0]] {
            assert_eq!(i["households"], households, "{i}");
            assert_eq!(i["needed"], (households + 9) / 10, "{i}");
            assert!(i["share"].as_str().unwrap().starts_with("≥ 1/10"), "{i}");
            assert_eq!(i["supporters"], 2);
        }
        Ok(())
    })
    .await;
}

/// The village head, as a client (the Front's approval is not theirs).
async fn f_head(db: &Db, f: &Fixture) -> Client {
    Client::signed_in(db, registry(), &f.head).await
}

#[tokio::test]
async fn an_initiative_below_the_share_is_approved_over_the_api() {
    each_engine(|db| async move {
        let f = setup(&db).await?;
        // Two more households: 1 of 11 is below 1/10.
        let csv = "household_code,unit_code,address,full_name,birth_date,gender,relation,representative,formed_on\n\
                   T9-X-01-0010,T9-X-01,Số 10,Lê Văn Mười,01/01/1970,nam,chủ hộ,1,01/01/2020\n\
                   T9-X-01-0011,T9-X-01,Số 11,Lê Văn Mười Một,01/01/1970,nam,chủ hộ,1,01/01/2020\n";
        dinh_platform::households::import_households(&db, csv.as_bytes(), "test", |_| {}).await?;
        let resident = Client::signed_in(&db, registry(), &f.resident).await;
        let front = Client::signed_in(&db, registry(), &f.front).await;
        let i = resident
            .post_json("/api/v1/initiatives", json!({"matter": 6, "title": "Đèn", "content": "Ngõ 3"}))
            .await
            .json();
        assert_eq!(i["status"], "collecting");
        let i = front
            .post_json(&format!("/api/v1/initiatives/{}/front-approval", i["id"]), json!({}))
            .await
            .json();
        assert_eq!(i["status"], "reached");
        assert!(i["front_approved_on"].is_string());
        Ok(())
    })
    .await;
}

#[tokio::test]
async fn returned_ballots_and_printable_ballots_over_the_api() {
    each_engine(|db| async move {
        let f = setup(&db).await?;
        let m = module();
        let matter = matters::create(
            &m,
            &db,
            Some(&f.head),
            &new_matter("T9-X-01", 1, Origin::VillageHead),
            today(),
        )
        .await?;
        let id = matter.id;
        let head = Client::signed_in(&db, registry(), &f.head).await;
        let front = Client::signed_in(&db, registry(), &f.front).await;
        let front2 = Client::signed_in(&db, registry(), &f.front2).await;
        let outsider = Client::signed_in(&db, registry(), &f.outsider).await;
        let anonymous = Client::anonymous(&db, registry());

        // The ballot plan (a team of one is refused), then a returned ballot entered by the
        // team and checked by a second member.
        let plan_uri = format!("/api/v1/matters/{id}/ballot-plan");
        let mut plan = json!({"issued_on": "01/09/2025", "published_on": "05/09/2025", "distribution_on": "10/09/2025",
            "team_head": "Phạm Thị Hòa", "team": []});
        assert_eq!(
            front.post_json(&plan_uri, plan.clone()).await.status,
            StatusCode::FORBIDDEN,
            "the village head or the commune plans the ballot"
        );
        head.post_json(&plan_uri, plan.clone()).await.refused("team");
        assert_eq!(rows(&db, "decision_ballot_plans").await, 0, "nothing written");
        plan["team"] = json!(["Lê Văn Cường", "Đỗ Thị Mai"]);
        head.post_json(&plan_uri, plan).await.json();
        let votes = format!("/api/v1/matters/{id}/votes");
        let ballot = json!({"household": code(1, 3), "channel": "ballot", "choice": "agree"});
        api_refusals(
            &db,
            &front,
            &outsider,
            &votes,
            ballot.clone(),
            "decision_votes",
        )
        .await;
        front
            .post_json(
                &votes,
                json!({"household": code(1, 3), "channel": "ballot", "choice": "maybe"}),
            )
            .await
            .refused("choice");
        assert_eq!(rows(&db, "decision_votes").await, 0, "nothing written");
        front.post_json(&votes, ballot).await.json();

        let awaiting = format!("/api/v1/matters/{id}/votes/awaiting-check");
        assert_eq!(
            anonymous.get(&awaiting).await.status,
            StatusCode::UNAUTHORIZED
        );
        assert_eq!(outsider.get(&awaiting).await.status, StatusCode::FORBIDDEN);
        let list = front2.get(&awaiting).await.json();
        assert_eq!(list[0]["household"], code(1, 3));

        let check = format!("/api/v1/matters/{id}/votes/check");
        let unchecked = || async {
            db.scalar::<i64>(&query(
                "SELECT COUNT(*) FROM decision_votes WHERE confirmed_by IS NULL",
            ))
            .await
            .unwrap()
        };
        api_refusals(
            &db,
            &front2,
            &outsider,
            &check,
            json!({"household": code(1, 3)}),
            "audit_log",
        )
        .await;
        front
            .post_json(&check, json!({"household": code(1, 3)}))
            .await
            .refused("household");
        assert_eq!(
            unchecked().await,
            1,
            "the one who entered it does not check it"
        );
        assert_eq!(
            front2
                .post_json(&check, json!({"household": code(1, 3)}))
                .await
                .status,
            StatusCode::OK
        );
        assert_eq!(unchecked().await, 0);
        assert_eq!(front2.get(&awaiting).await.json(), json!([]));

        // The printable ballots: those who run the matter only.
        for ext in ["docx", "pdf"] {
            let uri = format!("/api/v1/matters/{id}/ballots.{ext}");
            assert_eq!(anonymous.get(&uri).await.status, StatusCode::UNAUTHORIZED);
            assert_eq!(outsider.get(&uri).await.status, StatusCode::FORBIDDEN);
            let a = front.get(&uri).await;
            assert_eq!(a.status, StatusCode::OK, "{}", a.text());
            if ext == "pdf" {
                assert_eq!(a.content_type, "application/pdf");
            } else {
                assert!(a.content_type.contains("wordprocessingml") && a.body.starts_with(b"PK"));
            }
        }
        Ok(())
    })
    .await;
}

#[tokio::test]
async fn the_decision_document_and_its_clocks_over_the_api() {
    each_engine(|db| async move {
        let f = setup(&db).await?;
        let m = module();
        // Matter 3 in Thôn Một: 6 of 9 agree, closed; UBND xã recognises it.
        let matter = matters::create(&m, &db, Some(&f.head), &new_matter("T9-X-01", 3, Origin::VillageHead), today()).await?;
        let id = matter.id;
        meeting_votes(&db, &f, id, "T9-X-01", &village(1, 9), 6).await?;
        close::close(&m, &db, Some(&f.officer), id, today()).await?;
        let officer = Client::signed_in(&db, registry(), &f.officer).await;
        let outsider = Client::signed_in(&db, registry(), &f.outsider).await;
        let anonymous = Client::anonymous(&db, registry());

        // The clocks the work page shows: sending is running (long overdue by now).
        let clocks = format!("/api/v1/matters/{id}/clocks");
        assert_eq!(anonymous.get(&clocks).await.status, StatusCode::UNAUTHORIZED);
        assert_eq!(outsider.get(&clocks).await.status, StatusCode::FORBIDDEN);
        let c = officer.get(&clocks).await.json();
        assert_eq!(c[0]["kind"], "send");
        assert_eq!(c[0]["overdue"], true);

        // Drafting the document.
        let doc_uri = format!("/api/v1/matters/{id}/document");
        assert_eq!(anonymous.get(&doc_uri).await.status, StatusCode::NOT_FOUND);
        let mut doc = json!({"held_on": "15/09/2025", "decision": "Làm đường bê tông", "village_head": "Nguyễn Văn Thành",
            "front_head": "Phạm Thị Hòa", "household_rep_1": "Vũ Thị Lan", "household_rep_2": ""});
        api_refusals(&db, &officer, &outsider, &doc_uri, doc.clone(), "decision_documents").await;
        officer.post_json(&doc_uri, doc.clone()).await.refused("household_rep_2");
        assert_eq!(rows(&db, "decision_documents").await, 0, "nothing written");
        doc["household_rep_2"] = json!("Đỗ Văn Nam");
        let d = officer.post_json(&doc_uri, doc).await.json();
        assert_eq!((d["total"].as_i64(), d["present"].as_i64()), (Some(9), Some(9)));
        let d = anonymous.get(&doc_uri).await.json();
        assert_eq!(d["household_rep_2"], "Đỗ Văn Nam");
        for (ext, kind) in [("docx", "wordprocessingml"), ("pdf", "application/pdf")] {
            let a = anonymous.get(&format!("/api/v1/matters/{id}/document.{ext}")).await;
            assert_eq!(a.status, StatusCode::OK, "{}", a.text());
            assert!(a.content_type.contains(kind), "{}", a.content_type);
        }

        // The clocks job raises the overdue sending; officers see it for the commune.
        assert_eq!(dinh_decisions::clocks::run(&m, &db, day(2030, 1, 2)).await?, 1);
        let overdue = "/api/v1/units/T9-X/overdue";
        assert_eq!(anonymous.get(overdue).await.status, StatusCode::UNAUTHORIZED);
        assert_eq!(outsider.get(overdue).await.status, StatusCode::FORBIDDEN);
        let o = officer.get(overdue).await.json();
        assert_eq!((o[0]["matter_id"].as_i64(), o[0]["kind"].as_str()), (Some(id), Some("send")));

        // Sent: a bad day is named, then recorded; the overdue sending is no longer listed.
        let sent = format!("{doc_uri}/sent");
        api_refusals(&db, &officer, &outsider, &sent, json!({"sent_on": "19/09/2025"}), "audit_log").await;
        let audit = rows(&db, "audit_log").await;
        officer.post_json(&sent, json!({"sent_on": "31/02/2025"})).await.refused("sent_on");
        assert_eq!(rows(&db, "audit_log").await, audit, "nothing written");
        let d = officer.post_json(&sent, json!({"sent_on": "19/09/2025"})).await.json();
        assert_eq!(d["sent_on"], "2025-09-19");
        assert!(d["recognition_due_on"].is_string());
        assert_eq!(officer.get(overdue).await.json(), json!([]));

        // Recognition: a refusal without reasons is named; then recognised.
        let recognition = format!("{doc_uri}/recognition");
        api_refusals(&db, &officer, &outsider, &recognition, json!({"decision": "recognise", "on": "22/09/2025"}), "audit_log").await;
        let audit = rows(&db, "audit_log").await;
        officer.post_json(&recognition, json!({"decision": "refuse", "reason": " "})).await.refused("reason");
        officer.post_json(&recognition, json!({"decision": "maybe"})).await.refused("decision");
        assert_eq!(rows(&db, "audit_log").await, audit, "nothing written");
        let d = officer
            .post_json(&recognition, json!({"decision": "recognise", "on": "22/09/2025"}))
            .await
            .json();
        assert_eq!(d["recognised_on"], "2025-09-22");
        Ok(())
    })
    .await;
}

#[tokio::test]
async fn every_route_is_in_the_openapi_document() {
    each_engine(|db| async move {
        let doc = Client::anonymous(&db, registry())
            .get("/api/openapi.json")
            .await
            .json();
        let paths = doc["paths"].as_object().unwrap();
        for (path, method) in [
            ("/api/v1/units/{code}/matters", "get"),
            ("/api/v1/matters", "post"),
            ("/api/v1/matters/{id}", "get"),
            ("/api/v1/matters/{id}/votes", "post"),
            ("/api/v1/matters/{id}/online-vote", "post"),
            ("/api/v1/matters/{id}/online-consent", "post"),
            ("/api/v1/matters/{id}/close", "post"),
            ("/api/v1/matters/{id}/participants", "get"),
            ("/api/v1/matters/{id}/meetings", "post"),
            ("/api/v1/matters/{id}/meetings/{meeting}/attendance", "post"),
            ("/api/v1/matters/{id}/meetings/{meeting}/procedural", "post"),
            ("/api/v1/matters/{id}/ballot-plan", "post"),
            ("/api/v1/matters/{id}/votes/check", "post"),
            ("/api/v1/matters/{id}/votes/awaiting-check", "get"),
            ("/api/v1/matters/{id}/ballots.docx", "get"),
            ("/api/v1/matters/{id}/ballots.pdf", "get"),
            ("/api/v1/matters/{id}/secret-count", "post"),
            ("/api/v1/units/{code}/initiatives", "get"),
            ("/api/v1/initiatives", "post"),
            ("/api/v1/initiatives/{id}", "get"),
            ("/api/v1/initiatives/{id}/support", "post"),
            ("/api/v1/initiatives/{id}/written-support", "post"),
            ("/api/v1/initiatives/{id}/front-approval", "post"),
            ("/api/v1/matters/{id}/document", "get"),
            ("/api/v1/matters/{id}/document", "post"),
            ("/api/v1/matters/{id}/document/sent", "post"),
            ("/api/v1/matters/{id}/document/recognition", "post"),
            ("/api/v1/matters/{id}/document.docx", "get"),
            ("/api/v1/matters/{id}/document.pdf", "get"),
            ("/api/v1/matters/{id}/clocks", "get"),
            ("/api/v1/units/{code}/overdue", "get"),
            ("/api/v1/units/{code}/elections", "post"),
            ("/api/v1/matters/{id}/election", "get"),
            ("/api/v1/matters/{id}/candidates", "post"),
            ("/api/v1/matters/{id}/revote", "post"),
            ("/api/v1/units/{code}/covenants", "get"),
            ("/api/v1/units/{code}/covenants", "post"),
            ("/api/v1/covenants/{id}", "get"),
            ("/api/v1/covenants/{id}/vote", "post"),
            ("/api/v1/covenants/{id}/file", "post"),
            ("/api/v1/covenants/{id}/decision", "post"),
        ] {
            assert!(
                paths.get(path).and_then(|p| p.get(method)).is_some(),
                "{method} {path} is missing from /api/openapi.json"
            );
        }
        for schema in [
            "Initiative",
            "DecisionDocument",
            "Election",
            "CovenantDetail",
            "Clock",
            "Overdue",
            "AwaitingCheck",
        ] {
            assert!(
                doc["components"]["schemas"].get(schema).is_some(),
                "schema {schema}"
            );
        }
        Ok(())
    })
    .await;
}
