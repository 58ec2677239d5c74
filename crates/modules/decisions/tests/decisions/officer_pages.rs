//! The officers' pages through the router: every procedure run from its form, each refusal
//! (no token, out of scope, bad input) named and leaving nothing written, the printable
//! ballots and the decision document as DOCX and PDF, and the clocks job's reminders.

use axum::body::Body;
use axum::http::{Request, StatusCode, header};
use dinh_decisions::{Origin, clocks, matters};
use dinh_platform::accounts::Principal;
use dinh_platform::config::Config;
use dinh_platform::db::{Db, query};
use dinh_platform::web::{AppState, router};
use http_body_util::BodyExt;
use tower::ServiceExt;

use crate::support::*;

/// A browser signed in as one account (or anonymous), keeping its session's token.
struct Browser {
    db: Db,
    cookie: Option<String>,
    csrf: String,
}

struct Answer {
    status: StatusCode,
    location: String,
    content_type: String,
    body: Vec<u8>,
}

impl Answer {
    fn text(&self) -> String {
        String::from_utf8_lossy(&self.body).into_owned()
    }
}

impl Browser {
    async fn signed_in(db: &Db, who: &Principal) -> Self {
        let (token, session) =
            dinh_platform::accounts::session::create(db, Some(who.account_id), 1)
                .await
                .unwrap();
        Self {
            db: db.clone(),
            cookie: Some(format!("dinh_session={token}")),
            csrf: session.csrf_token,
        }
    }

    fn anonymous(db: &Db) -> Self {
        Self {
            db: db.clone(),
            cookie: None,
            csrf: String::new(),
        }
    }

    async fn send(&self, req: axum::http::request::Builder, body: String) -> Answer {
        let app = router(AppState::new(
            self.db.clone(),
            Config::default(),
            registry(),
        ));
        let req = match &self.cookie {
            Some(c) => req.header(header::COOKIE, c),
            None => req,
        };
        let res = app
            .oneshot(req.body(Body::from(body)).unwrap())
            .await
            .unwrap();
        let status = res.status();
        let get = |h| {
            res.headers()
                .get(h)
                .and_then(|v| v.to_str().ok())
                .unwrap_or("")
                .to_owned()
        };
        let (location, content_type) = (get(header::LOCATION), get(header::CONTENT_TYPE));
        let body = res.into_body().collect().await.unwrap().to_bytes().to_vec();
        Answer {
            status,
            location,
            content_type,
            body,
        }
    }

    async fn get(&self, uri: &str) -> Answer {
        self.send(Request::builder().uri(uri), String::new()).await
    }

    /// Posts a form; `with_token` adds the session's CSRF token.
    async fn post(&self, uri: &str, fields: &[(&str, &str)], with_token: bool) -> Answer {
        let mut pairs = url::form_urlencoded::Serializer::new(String::new());
        if with_token {
            pairs.append_pair("csrf", &self.csrf);
        }
        for (k, v) in fields {
            pairs.append_pair(k, v);
        }
        self.send(
            Request::builder()
                .method("POST")
                .uri(uri)
                .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded"),
            pairs.finish(),
        )
        .await
    }
}

fn done(a: &Answer, id: i64) {
    assert_eq!(a.status, StatusCode::SEE_OTHER, "{}", a.text());
    assert!(
        a.location.starts_with(&format!("/matters/{id}/work?done=")),
        "{}",
        a.location
    );
}

fn refused(a: &Answer, field: &str) {
    assert_eq!(a.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", a.text());
    let html = a.text();
    assert!(
        html.contains(&format!("{field}:")),
        "the refusal names {field}: {html}"
    );
}

#[tokio::test]
async fn officers_run_a_meeting_ballots_and_the_document_from_the_pages() {
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
        let work = format!("/matters/{id}/work");
        let officer = Browser::signed_in(&db, &f.officer).await;
        let front = Browser::signed_in(&db, &f.front).await;
        let front2 = Browser::signed_in(&db, &f.front2).await;
        let outsider = Browser::signed_in(&db, &f.outsider).await;
        let anonymous = Browser::anonymous(&db);

        let page = officer.get(&work).await;
        assert_eq!(page.status, StatusCode::OK);
        assert!(page.text().contains("Ghi hội nghị mới"), "{}", page.text());
        assert_eq!(anonymous.get(&work).await.status, StatusCode::UNAUTHORIZED);
        assert_eq!(
            outsider.get(&work).await.status,
            StatusCode::FORBIDDEN,
            "a village head of another commune"
        );

        // The meeting: a notice one day before is recorded, with the warning on the page.
        let meeting = [("held_on", "15/09/2025"), ("notice_on", "14/09/2025")];
        assert_eq!(
            officer
                .post(&format!("{work}/meetings"), &meeting, false)
                .await
                .status,
            StatusCode::FORBIDDEN
        );
        assert_eq!(
            rows(&db, "decision_meetings").await,
            0,
            "no token: nothing written"
        );
        refused(
            &officer
                .post(
                    &format!("{work}/meetings"),
                    &[("held_on", "15/09/2025"), ("notice_on", "31/02/2025")],
                    true,
                )
                .await,
            "notice_on",
        );
        done(
            &officer
                .post(&format!("{work}/meetings"), &meeting, true)
                .await,
            id,
        );
        let html = officer.get(&work).await.text();
        assert!(
            html.contains("Thông báo muộn: phải đến hộ chậm nhất ngày"),
            "{html}"
        );
        let meeting_id: i64 = db
            .scalar(&query("SELECT id FROM decision_meetings WHERE matter_id = $1").bind(id))
            .await?;
        let mid = meeting_id.to_string();

        // Attendance per household, then the advice to switch to ballots.
        for h in [code(1, 1), code(1, 2)] {
            let a = officer
                .post(
                    &format!("{work}/attendance"),
                    &[
                        ("meeting", &mid),
                        ("household", &h),
                        ("attendee", "Nguyễn Văn Một"),
                        ("capacity", "representative"),
                    ],
                    true,
                )
                .await;
            done(&a, id);
        }
        refused(
            &officer
                .post(
                    &format!("{work}/attendance"),
                    &[
                        ("meeting", &mid),
                        ("household", "T9-Y-01-0001"),
                        ("attendee", "X"),
                        ("capacity", "representative"),
                    ],
                    true,
                )
                .await,
            "household",
        );
        assert_eq!(
            outsider
                .post(
                    &format!("{work}/attendance"),
                    &[
                        ("meeting", &mid),
                        ("household", &code(1, 3)),
                        ("attendee", "X"),
                        ("capacity", "representative")
                    ],
                    true
                )
                .await
                .status,
            StatusCode::FORBIDDEN
        );
        assert_eq!(rows(&db, "decision_attendance").await, 2);
        let html = officer.get(&work).await.text();
        assert!(
            html.contains("Đề nghị lấy ý kiến bằng phiếu hộ gia đình"),
            "{html}"
        );

        // A procedural vote: a count that is not a number is named.
        refused(
            &officer
                .post(
                    &format!("{work}/procedural"),
                    &[
                        ("meeting", &mid),
                        ("subject", "secretary"),
                        ("detail", "Lê Thị Thu"),
                        ("agree", "hai"),
                    ],
                    true,
                )
                .await,
            "agree",
        );
        done(
            &officer
                .post(
                    &format!("{work}/procedural"),
                    &[
                        ("meeting", &mid),
                        ("subject", "secretary"),
                        ("detail", "Lê Thị Thu"),
                        ("agree", "2"),
                    ],
                    true,
                )
                .await,
            id,
        );
        assert_eq!(rows(&db, "decision_procedural_votes").await, 1);

        // The ballot plan: a team of one is refused, then the plan is recorded.
        let mut plan = vec![
            ("issued_on", "01/09/2025"),
            ("published_on", "05/09/2025"),
            ("distribution_on", "10/09/2025"),
            ("team_head", "Phạm Thị Hòa"),
            ("team", ""),
        ];
        refused(
            &officer
                .post(&format!("{work}/ballot-plan"), &plan, true)
                .await,
            "team",
        );
        plan[4] = ("team", "Lê Văn Cường\nĐỗ Thị Mai\n");
        done(
            &officer
                .post(&format!("{work}/ballot-plan"), &plan, true)
                .await,
            id,
        );
        assert!(
            officer
                .get(&work)
                .await
                .text()
                .contains("In phiếu cho từng hộ")
        );

        // The printable ballots: one page per household of the thôn, officers only.
        assert_eq!(
            anonymous
                .get(&format!("/matters/{id}/ballots.docx"))
                .await
                .status,
            StatusCode::UNAUTHORIZED
        );
        let docx = front.get(&format!("/matters/{id}/ballots.docx")).await;
        assert_eq!(docx.status, StatusCode::OK);
        assert!(
            docx.content_type.contains("wordprocessingml"),
            "{}",
            docx.content_type
        );
        let json = docx_rs::read_docx(&docx.body)?.json();
        assert_eq!(
            json.matches("\"breakType\"").count(),
            8,
            "9 households: 9 pages"
        );
        for h in village(1, 9) {
            assert_eq!(
                json.matches(&format!("\"{h}\"")).count(),
                1,
                "{h} has its own ballot"
            );
        }
        assert!(
            json.contains("PHIẾU LẤY Ý KIẾN HỘ GIA ĐÌNH")
                && json.contains("Phạm Thị Hòa")
                && json.contains("Đồng ý")
        );

        // A returned ballot, entered by one member and checked by another.
        let ballot = [
            ("household", code(1, 3)),
            ("channel", "ballot".into()),
            ("choice", "agree".into()),
            ("opinion", String::new()),
        ];
        let ballot: Vec<(&str, &str)> = ballot.iter().map(|(k, v)| (*k, v.as_str())).collect();
        assert_eq!(
            outsider
                .post(&format!("{work}/votes"), &ballot, true)
                .await
                .status,
            StatusCode::FORBIDDEN
        );
        done(
            &front.post(&format!("{work}/votes"), &ballot, true).await,
            id,
        );
        refused(
            &front.post(&format!("{work}/votes"), &ballot, true).await,
            "household",
        );
        let html = officer.get(&work).await.text();
        assert!(
            html.contains("Phiếu chờ thành viên thứ hai kiểm tra") && html.contains(&code(1, 3)),
            "{html}"
        );
        let same = front
            .post(
                &format!("{work}/check"),
                &[("household", &code(1, 3))],
                true,
            )
            .await;
        assert_eq!(
            same.status,
            StatusCode::UNPROCESSABLE_ENTITY,
            "the one who entered it may not check it"
        );
        done(
            &front2
                .post(
                    &format!("{work}/check"),
                    &[("household", &code(1, 3))],
                    true,
                )
                .await,
            id,
        );
        assert!(
            !officer
                .get(&work)
                .await
                .text()
                .contains("Phiếu chờ thành viên thứ hai kiểm tra")
        );

        // Closing, then the decision document with its fields named when missing.
        assert_eq!(
            front
                .post(&format!("/matters/{id}/close"), &[], true)
                .await
                .status,
            StatusCode::FORBIDDEN,
            "the Front team does not close"
        );
        assert_eq!(
            officer
                .post(&format!("/matters/{id}/close"), &[], true)
                .await
                .status,
            StatusCode::SEE_OTHER
        );
        let html = officer.get(&work).await.text();
        assert!(
            html.contains("Gửi văn bản ghi nhận kết quả đến UBND xã và UBMTTQ xã — hạn"),
            "{html}"
        );
        let mut doc = vec![
            ("held_on", "15/09/2025"),
            ("decision", "Làm đường bê tông"),
            ("village_head", "Nguyễn Văn Thành"),
            ("front_head", "Phạm Thị Hòa"),
            ("household_rep_1", "Vũ Thị Lan"),
            ("household_rep_2", ""),
        ];
        refused(
            &officer.post(&format!("{work}/document"), &doc, true).await,
            "household_rep_2",
        );
        assert_eq!(rows(&db, "decision_documents").await, 0);
        doc[5] = ("household_rep_2", "Đỗ Văn Nam");
        done(
            &officer.post(&format!("{work}/document"), &doc, true).await,
            id,
        );
        let pdf = anonymous.get(&format!("/matters/{id}/document.pdf")).await;
        assert_eq!(pdf.status, StatusCode::OK);
        assert_eq!(pdf.content_type, "application/pdf");
        let text = pdf_extract::extract_text_from_mem(&pdf.body)?;
        let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
        for needle in [
            "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
            "Tổng số hộ",
            "Việc số 1",
            "Làm đường bê tông",
            "Đỗ Văn Nam",
        ] {
            assert!(text.contains(needle), "missing {needle}: {text}");
        }
        let docx = anonymous.get(&format!("/matters/{id}/document.docx")).await;
        assert!(docx.body.starts_with(b"PK"));

        // The clocks job raises the overdue sending once; officers see it on the list.
        assert_eq!(clocks::run(&m, &db, day(2030, 1, 2)).await?, 1);
        assert_eq!(
            clocks::run(&m, &db, day(2030, 1, 3)).await?,
            0,
            "raised once"
        );
        let list = officer.get("/units/T9-X/matters").await.text();
        assert!(list.contains("Chưa gửi văn bản ghi nhận kết quả"), "{list}");
        assert!(
            !anonymous
                .get("/units/T9-X/matters")
                .await
                .text()
                .contains("Chưa gửi văn bản")
        );
        refused(
            &officer
                .post(&format!("{work}/document/sent"), &[("sent_on", "")], true)
                .await,
            "sent_on",
        );
        done(
            &officer
                .post(
                    &format!("{work}/document/sent"),
                    &[("sent_on", "19/09/2025")],
                    true,
                )
                .await,
            id,
        );
        assert!(
            !officer
                .get("/units/T9-X/matters")
                .await
                .text()
                .contains("Chưa gửi văn bản"),
            "sent: no longer overdue"
        );
        assert!(dinh_platform::audit::verify(&db).await?.findings.is_empty());
        Ok(())
    })
    .await;
}

#[tokio::test]
async fn online_voting_is_opened_from_the_work_page() {
    each_engine(|db| async move {
        let f = setup(&db).await?;
        let m = module();
        let matter = matters::create(
            &m,
            &db,
            Some(&f.head2),
            &new_matter("T9-X-02", 6, Origin::VillageHead),
            today(),
        )
        .await?;
        let work = format!("/matters/{}/work", matter.id);
        let officer = Browser::signed_in(&db, &f.officer).await;
        refused(
            &officer
                .post(&format!("{work}/consent"), &[("households", "  \n ")], true)
                .await,
            "households",
        );
        let two = format!("{}\n{}\n", code(2, 1), code(2, 2));
        done(
            &officer
                .post(&format!("{work}/consent"), &[("households", &two)], true)
                .await,
            matter.id,
        );
        assert!(
            !matters::get(&db, matter.id).await?.online_allowed,
            "2 of 4 is not more than half"
        );
        done(
            &officer
                .post(
                    &format!("{work}/consent"),
                    &[("households", &code(2, 3))],
                    true,
                )
                .await,
            matter.id,
        );
        assert!(matters::get(&db, matter.id).await?.online_allowed);
        let html = officer.get(&work).await.text();
        assert!(
            html.contains("3/4") && html.contains("được biểu quyết trực tuyến"),
            "{html}"
        );
        Ok(())
    })
    .await;
}

#[tokio::test]
async fn elections_and_huong_uoc_from_the_pages() {
    each_engine(|db| async move {
        let f = setup(&db).await?;
        let head = Browser::signed_in(&db, &f.head).await;
        let officer = Browser::signed_in(&db, &f.officer).await;
        let resident = Browser::signed_in(&db, &f.resident).await;
        assert_eq!(
            head.get("/units/T9-X-01/elections/new").await.status,
            StatusCode::OK
        );
        assert_eq!(
            resident.get("/units/T9-X-01/elections/new").await.status,
            StatusCode::FORBIDDEN
        );
        let mut plan = vec![
            ("election_on", "20/09/2025"),
            ("plan_on", "10/09/2025"),
            ("team_on", "01/09/2025"),
            ("notice_on", "05/09/2025"),
            ("candidates_on", "29/08/2025"),
            ("candidates", "Nguyễn Văn An\nTrần Thị Bình"),
        ];
        refused(
            &head.post("/units/T9-X-01/elections", &plan, true).await,
            "plan_on",
        );
        assert_eq!(rows(&db, "decision_elections").await, 0);
        plan[1] = ("plan_on", "20/08/2025");
        let a = head.post("/units/T9-X-01/elections", &plan, true).await;
        assert_eq!(a.status, StatusCode::SEE_OTHER, "{}", a.text());
        let html = head.get(&a.location).await.text();
        assert!(
            html.contains("Nguyễn Văn An") && html.contains("Trần Thị Bình"),
            "{html}"
        );
        let id: i64 = db
            .scalar(&query("SELECT matter_id FROM decision_elections"))
            .await?;
        refused(
            &head
                .post(
                    &format!("/matters/{id}/work/candidates"),
                    &[("name", " ")],
                    true,
                )
                .await,
            "full_name",
        );
        done(
            &head
                .post(
                    &format!("/matters/{id}/work/candidates"),
                    &[("name", "Lê Văn Cường")],
                    true,
                )
                .await,
            id,
        );
        assert!(
            head.get(&format!("/matters/{id}/work"))
                .await
                .text()
                .contains("Lê Văn Cường (giới thiệu tại hội nghị)")
        );

        // The secret vote: the register at the meeting (no choice), then the box's count.
        let work = format!("/matters/{id}/work");
        done(
            &head
                .post(
                    &format!("{work}/meetings"),
                    &[("held_on", "20/09/2025"), ("notice_on", "10/09/2025")],
                    true,
                )
                .await,
            id,
        );
        let mid: i64 = db
            .scalar(&query("SELECT id FROM decision_meetings WHERE matter_id = $1").bind(id))
            .await?;
        let mid = mid.to_string();
        for h in [code(1, 1), code(1, 2)] {
            done(
                &head
                    .post(
                        &format!("{work}/attendance"),
                        &[
                            ("meeting", &mid),
                            ("household", &h),
                            ("attendee", "Đại diện"),
                            ("capacity", "representative"),
                        ],
                        true,
                    )
                    .await,
                id,
            );
            done(
                &head
                    .post(
                        &format!("{work}/votes"),
                        &[("household", &h), ("channel", "meeting")],
                        true,
                    )
                    .await,
                id,
            );
        }
        let html = head.get(&work).await.text();
        assert!(
            html.contains("Kết quả kiểm phiếu một hòm phiếu") && !html.contains("name=\"choice\""),
            "{html}"
        );
        let ids: Vec<(i64,)> = db
            .fetch_all(
                &query("SELECT id FROM decision_candidates WHERE matter_id = $1 ORDER BY id")
                    .bind(id),
            )
            .await?;
        let (a, b) = (
            format!("candidate_{}", ids[0].0),
            format!("candidate_{}", ids[1].0),
        );
        let mut count = vec![
            ("unit_code", "T9-X-01"),
            (a.as_str(), "2"),
            (b.as_str(), "0"),
            ("board", "Một"),
            ("witnesses", "Hai\nBa"),
        ];
        refused(
            &head
                .post(&format!("{work}/secret-count"), &count, true)
                .await,
            "board",
        );
        count[1] = (a.as_str(), "nhiều");
        count[3] = ("board", "Một\nHai\nBa");
        refused(
            &head
                .post(&format!("{work}/secret-count"), &count, true)
                .await,
            "candidates",
        );
        assert_eq!(
            rows(&db, "decision_secret_ballots").await,
            0,
            "nothing written"
        );
        count[1] = (a.as_str(), "2");
        done(
            &head
                .post(&format!("{work}/secret-count"), &count, true)
                .await,
            id,
        );
        assert_eq!(rows(&db, "decision_secret_ballots").await, 2);

        // Hương ước: the draft, then an adoption vote refused before 30 days of posting.
        refused(
            &head
                .post(
                    "/units/T9-X-01/covenants",
                    &[
                        ("title", ""),
                        ("drafting_team", "A\nB"),
                        ("draft_posted_on", "01/09/2025"),
                    ],
                    true,
                )
                .await,
            "title",
        );
        assert_eq!(
            resident
                .post(
                    "/units/T9-X-01/covenants",
                    &[
                        ("title", "Hương ước"),
                        ("drafting_team", "A"),
                        ("draft_posted_on", "01/09/2025")
                    ],
                    true
                )
                .await
                .status,
            StatusCode::FORBIDDEN
        );
        let a = head
            .post(
                "/units/T9-X-01/covenants",
                &[
                    ("title", "Hương ước Thôn Một"),
                    ("drafting_team", "Nguyễn Văn Thành\nPhạm Thị Hòa"),
                    ("draft_posted_on", "01/11/2026"),
                ],
                true,
            )
            .await;
        assert_eq!(a.status, StatusCode::SEE_OTHER, "{}", a.text());
        let page = head.get(&a.location).await.text();
        assert!(
            page.contains("Hương ước Thôn Một")
                && page.contains("Mở biểu quyết thông qua")
                && page.contains("18/11/"),
            "{page}"
        );
        let cid: i64 = db
            .scalar(&query("SELECT id FROM decision_covenants"))
            .await?;
        refused(
            &head
                .post(&format!("/covenants/{cid}/vote"), &[], true)
                .await,
            "draft_posted_on",
        );
        assert!(
            head.get("/units/T9-X-01/covenants")
                .await
                .text()
                .contains("Hương ước Thôn Một")
        );
        refused(
            &officer
                .post(
                    &format!("/covenants/{cid}/decision"),
                    &[("action", "abolish"), ("reason", "x")],
                    true,
                )
                .await,
            "action",
        );
        Ok(())
    })
    .await;
}
