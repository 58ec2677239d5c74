//! A citizen initiative below the pack's share goes forward only with the Front work team's
//! approval; a hương ước adoption meeting counts votes only with its quorum of households.

use dinh_decisions::{InitiativeInput, Origin, covenants, initiatives, matters, votes};

use crate::support::*;

#[tokio::test]
async fn an_initiative_below_ten_percent_needs_the_front_work_teams_approval() {
    each_engine(|db| async move {
        let f = setup(&db).await?;
        let m = module();
        // Two more households: 1 of 11 is 9.1%, below 1/10.
        let csv = "household_code,unit_code,address,full_name,birth_date,gender,relation,representative,formed_on\n\
                   T9-X-01-0010,T9-X-01,Số 10,Lê Văn Mười,01/01/1970,nam,chủ hộ,1,01/01/2020\n\
                   T9-X-01-0011,T9-X-01,Số 11,Lê Văn Mười Một,01/01/1970,nam,chủ hộ,1,01/01/2020\n";
        dinh_platform::households::import_households(&db, csv.as_bytes(), "test", |_| {}).await?;
        let input = InitiativeInput { matter: 6, title: "Lắp đèn đường".into(), content: "Ngõ 3".into() };
        let i = initiatives::open(&m, &db, Some(&f.resident), &input, today()).await?;
        assert_eq!((i.supporters, i.status.as_str()), (1, "collecting"));
        let mut new = new_matter("T9-X-01", 6, Origin::Initiative);
        new.initiative_id = Some(i.id);
        let e = matters::create(&m, &db, Some(&f.head), &new, today()).await.unwrap_err();
        assert_eq!(e.refusal().unwrap().field, "initiative_id", "not enough support yet");
        // Only the Front work team approves: not the village head, not a resident.
        for who in [&f.head, &f.resident, &f.officer] {
            let e = initiatives::approve_by_front(&m, &db, Some(who), i.id, today()).await.unwrap_err();
            assert!(matches!(e, dinh_decisions::Error::Denied(_)), "{e}");
        }
        let before = rows(&db, "audit_log").await;
        let e = initiatives::approve_by_front(&m, &db, Some(&f.front), i.id, day(2025, 12, 16)).await.unwrap_err();
        assert!(e.refusal().unwrap().en.contains("expired on 15/12/2025"), "{e}");
        assert_eq!(rows(&db, "audit_log").await, before, "nothing written");
        let i = initiatives::approve_by_front(&m, &db, Some(&f.front), i.id, today()).await?;
        assert_eq!(i.status, "reached");
        assert_eq!(i.front_approved_on.as_deref(), Some("2025-09-15"));
        let e = initiatives::approve_by_front(&m, &db, Some(&f.front2), i.id, today()).await.unwrap_err();
        assert_eq!(e.refusal().unwrap().field, "initiative", "approved once");
        let matter = matters::create(&m, &db, Some(&f.head), &new, today()).await?;
        assert_eq!(matter.initiative_id, Some(i.id));
        // An initiative that reached its share by itself needs no approval.
        let other = initiatives::open(&m, &db, Some(&f.resident), &input, today()).await?;
        initiatives::support_written(&m, &db, Some(&f.officer), other.id, &code(1, 2), today()).await?;
        let other = initiatives::get(&db, other.id).await?;
        assert_eq!(other.status, "reached", "2 of 11 ≥ 1/10");
        let e = initiatives::approve_by_front(&m, &db, Some(&f.front), other.id, today()).await.unwrap_err();
        assert!(e.refusal().unwrap().en.contains("only below 1/10"), "{e}");
        Ok(())
    })
    .await;
}

#[tokio::test]
async fn a_huong_uoc_adoption_meeting_needs_more_than_half_of_households_present() {
    each_engine(|db| async move {
        let f = setup(&db).await?;
        let m = module();
        let c = covenants::create(
            &m,
            &db,
            Some(&f.head),
            &covenants::CovenantInput {
                unit_code: "T9-X-01".into(),
                title: "Hương ước thôn Một".into(),
                drafting_team: vec!["Ông Thành".into()],
                draft_posted_on: "01/08/2025".into(),
            },
            day(2025, 8, 1),
        )
        .await?;
        let matter = covenants::open_vote(&m, &db, Some(&f.head), c.id, today()).await?;
        // 4 of 9 present is not more than half: the meeting cannot adopt.
        let meeting = meeting(&db, &f, matter.id, "T9-X-01", &village(1, 4)).await?;
        let e = votes::record(
            &m,
            &db,
            Some(&f.officer),
            matter.id,
            &vote(&code(1, 1), "meeting", "agree"),
            today(),
        )
        .await
        .unwrap_err();
        let r = e.refusal().unwrap();
        assert_eq!(r.field, "meeting");
        assert!(
            r.en.contains("> 1/2 of all households present") && r.en.contains("4 of 9"),
            "{}",
            r.en
        );
        assert_eq!(rows(&db, "decision_votes").await, 0);
        // A fifth household arrives: 5 of 9 > 1/2, votes count.
        dinh_decisions::meetings::attend(
            &db,
            Some(&f.officer),
            matter.id,
            meeting,
            &dinh_decisions::AttendanceInput {
                household: code(1, 5),
                attendee: "Đại diện".into(),
                capacity: "representative".into(),
            },
        )
        .await?;
        votes::record(
            &m,
            &db,
            Some(&f.officer),
            matter.id,
            &vote(&code(1, 1), "meeting", "agree"),
            today(),
        )
        .await?;
        // Other matters have no quorum: a meeting of 2 of 9 still votes (then ballots are advised).
        let works = matters::create(
            &m,
            &db,
            Some(&f.head),
            &new_matter("T9-X-01", 1, Origin::VillageHead),
            today(),
        )
        .await?;
        meeting_votes(&db, &f, works.id, "T9-X-01", &village(1, 2), 2).await?;
        Ok(())
    })
    .await;
}

#[tokio::test]
async fn the_front_work_team_approves_from_the_initiatives_page() {
    each_engine(|db| async move {
        use axum::body::Body;
        use axum::http::{Request, StatusCode, header};
        use http_body_util::BodyExt;
        use tower::ServiceExt;

        let f = setup(&db).await?;
        let m = module();
        let csv = "household_code,unit_code,address,full_name,birth_date,gender,relation,representative,formed_on\n\
                   T9-X-01-0010,T9-X-01,Số 10,Lê Văn Mười,01/01/1970,nam,chủ hộ,1,01/01/2020\n\
                   T9-X-01-0011,T9-X-01,Số 11,Lê Văn Mười Một,01/01/1970,nam,chủ hộ,1,01/01/2020\n";
        dinh_platform::households::import_households(&db, csv.as_bytes(), "test", |_| {}).await?;
        let input = InitiativeInput { matter: 6, title: "Lắp đèn đường".into(), content: "Ngõ 3".into() };
        // The pages act today: an initiative opened today is still within its three months.
        let i = initiatives::open(&m, &db, Some(&f.resident), &input, dinh_platform::time::today_vn()).await?;
        let post = |who: dinh_platform::accounts::Principal, uri: String, body: &'static str| {
            let db = db.clone();
            async move {
                let (token, session) = dinh_platform::accounts::session::create(&db, Some(who.account_id), 1).await.unwrap();
                let app = dinh_platform::web::router(dinh_platform::web::AppState::new(db, dinh_platform::config::Config::default(), registry()));
                let res = app
                    .oneshot(
                        Request::builder()
                            .method("POST")
                            .uri(uri)
                            .header(header::COOKIE, format!("dinh_session={token}"))
                            .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
                            .body(Body::from(format!("csrf={}&{body}", session.csrf_token)))
                            .unwrap(),
                    )
                    .await
                    .unwrap();
                let status = res.status();
                let text = String::from_utf8(res.into_body().collect().await.unwrap().to_bytes().to_vec()).unwrap();
                (status, text)
            }
        };
        let (s, _) = post(f.head.clone(), format!("/initiatives/{}/front-approval", i.id), "x=1").await;
        assert_eq!(s, StatusCode::FORBIDDEN, "the village head is not the Front work team");
        let (s, html) = post(f.officer.clone(), format!("/initiatives/{}/support", i.id), "household=T9-Y-01-0001").await;
        assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(html.contains("household:"), "{html}");
        let (s, _) = post(f.front.clone(), format!("/initiatives/{}/front-approval", i.id), "x=1").await;
        assert_eq!(s, StatusCode::SEE_OTHER);
        assert_eq!(initiatives::get(&db, i.id).await?.status, "reached");
        let app = dinh_platform::web::router(dinh_platform::web::AppState::new(db.clone(), dinh_platform::config::Config::default(), registry()));
        let res = app.oneshot(Request::builder().uri("/units/T9-X-01/initiatives").body(Body::empty())?).await?;
        let html = String::from_utf8(res.into_body().collect().await?.to_bytes().to_vec())?;
        assert!(html.contains("Lắp đèn đường") && html.contains("1/11") && html.contains("Ban công tác Mặt trận đồng ý ngày"), "{html}");
        Ok(())
    })
    .await;
}
