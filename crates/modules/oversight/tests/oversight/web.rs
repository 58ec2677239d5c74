//! The pages: public pages reachable from the unit's home and escaped, work pages closed to
//! visitors and to other communes, forms that answer 303 and refuse bad input with a 422 naming
//! the field, and the JSON API.

use axum::http::StatusCode;
use dinh_oversight::store;
use dinh_platform::write::Actor;

use crate::support::registry;
use crate::support::{each_engine, inspected, module, recommendation, setup};
use dinh_platform::testing::Client;

fn escaped(page: &str) -> bool {
    page.contains("&lt;script&gt;alert(1)") || page.contains("&#60;script&#62;alert(1)")
}

#[tokio::test]
async fn public_pages_reach_boards_activities_and_answers() {
    each_engine(|db| async move {
        let f = setup(&db).await?;
        let m = module();
        let (board, activity, finding) = inspected(&db, &f).await?;
        let rec = store::recommend(
            &m,
            &db,
            Actor::Person(&f.member),
            &recommendation(finding, "13/08/2026"),
        )
        .await?;
        let visitor = Client::anonymous(&db, registry());
        let home = visitor.get("/units/T9-X").await.ok();
        assert!(
            home.contains("/units/T9-X/oversight"),
            "the unit's home links the oversight page"
        );
        let list = visitor.get("/units/T9-X/oversight").await.ok();
        assert!(
            list.contains(&format!("/oversight/boards/{board}")),
            "{list}"
        );
        assert!(list.contains(&format!("/oversight/recommendations/{rec}")));
        assert!(
            !list.contains("/oversight/work"),
            "no work link for visitors"
        );
        let b = visitor
            .get(&format!("/oversight/boards/{board}"))
            .await
            .ok();
        assert!(b.contains(&format!("/oversight/activities/{activity}")));
        assert!(b.contains("Trưởng ban"));
        assert!(
            b.contains("&lt;b&gt;") || b.contains("&#60;b&#62;"),
            "names are escaped"
        );
        let a = visitor
            .get(&format!("/oversight/activities/{activity}"))
            .await
            .ok();
        assert!(escaped(&a), "findings are escaped");
        assert!(a.contains(&format!("/oversight/recommendations/{rec}")));
        let r = visitor
            .get(&format!("/oversight/recommendations/{rec}"))
            .await
            .ok();
        assert!(r.contains("Đề nghị xin lỗi"));
        let api = visitor
            .get(&format!("/api/v1/oversight/activities/{activity}"))
            .await
            .ok();
        assert!(api.contains("\"recommendations\""), "{api}");
        let api = visitor.get("/api/v1/units/T9-X/oversight").await.ok();
        assert!(api.contains("\"boards\""), "{api}");
        let doc = visitor.get("/api/openapi.json").await.ok();
        assert!(doc.contains("/api/v1/oversight/boards/{id}"));
        Ok(())
    })
    .await;
}

#[tokio::test]
async fn the_authority_answers_on_its_work_page_and_others_are_refused() {
    each_engine(|db| async move {
        let f = setup(&db).await?;
        let m = module();
        let (board, _, finding) = inspected(&db, &f).await?;
        let rec = store::recommend(
            &m,
            &db,
            Actor::Person(&f.member),
            &recommendation(finding, "13/08/2026"),
        )
        .await?;

        let visitor = Client::anonymous(&db, registry());
        assert_eq!(
            visitor.get("/units/T9-X/oversight/work").await.status,
            StatusCode::UNAUTHORIZED
        );
        let outsider = Client::signed_in(&db, registry(), &f.outsider_member).await;
        assert_eq!(
            outsider.get("/units/T9-X/oversight/work").await.status,
            StatusCode::FORBIDDEN
        );
        assert_eq!(
            outsider
                .get(&format!("/oversight/recommendations/{rec}/work"))
                .await
                .status,
            StatusCode::FORBIDDEN
        );
        let posted = outsider
            .post(
                "/oversight/activities",
                &[
                    ("board_id", &board.to_string()),
                    ("subject", "x"),
                    ("scope", "y"),
                    ("notice_on", "01/07/2026"),
                    ("starts_on", "10/08/2026"),
                    ("ends_on", "11/08/2026"),
                ],
            )
            .await;
        assert_eq!(
            posted.status,
            StatusCode::FORBIDDEN,
            "a BTTND member of another commune"
        );

        let member = Client::signed_in(&db, registry(), &f.member).await;
        let work = member.get("/units/T9-X/oversight/work").await.ok();
        assert!(work.contains(&format!("/oversight/recommendations/{rec}/work")));
        let answer = member
            .post(
                &format!("/oversight/recommendations/{rec}/answer"),
                &[("text", "Tự trả lời")],
            )
            .await;
        assert_eq!(
            answer.status,
            StatusCode::FORBIDDEN,
            "a board member is not the authority"
        );
        member
            .post(
                "/oversight/activities",
                &[
                    ("board_id", &board.to_string()),
                    ("subject", "x"),
                    ("scope", "y"),
                    ("notice_on", "07/08/2026"),
                    ("starts_on", "10/08/2026"),
                    ("ends_on", "11/08/2026"),
                ],
            )
            .await
            .refused("notice_on");
        member
            .post(
                "/oversight/recommendations",
                &[("finding_id", ""), ("body", "x"), ("sent_on", "13/08/2026")],
            )
            .await
            .refused("finding_id");

        let officer = Client::signed_in(&db, registry(), &f.officer).await;
        let project = officer
            .post(
                "/units/T9-X/oversight/projects",
                &[("name", "Nhà văn hóa thôn Hai"), ("investor", "UBND xã Thử"), ("funding", "Ngân sách xã"),
                  ("budget", "900.000.000 đồng"), ("place", "Thôn Hai"), ("starts_on", "01/09/2026"),
                  ("ends_on", "31/03/2027"), ("contractors", "")],
            )
            .await;
        assert_eq!(project.status, StatusCode::SEE_OTHER, "{}", project.text());
        let pid = project.location.rsplit('/').next().unwrap().to_owned();
        let four = "An | trưởng ban | MTTQ | | không người thân\nBình | phó trưởng ban | BTTND | | không người thân\nChi | thành viên | người dân | | người dân, không người thân\nDũng | thành viên | người dân | | người dân, không người thân";
        let board = [("kind", "investment"), ("project_id", pid.as_str()), ("term_from", "01/09/2026"),
                     ("term_to", "31/03/2027"), ("recognition", "QĐ 30/QĐ-MTTQ")];
        let mut fields = board.to_vec();
        fields.push(("members", four));
        officer.post("/units/T9-X/oversight/boards", &fields).await.refused("members");
        let five = format!("{four}\nEm | thành viên | người dân | | người dân, người thân");
        let mut fields = board.to_vec();
        fields.push(("members", five.as_str()));
        let relative = officer.post("/units/T9-X/oversight/boards", &fields).await;
        relative.refused("members");
        assert!(relative.text().contains("người thân của chủ đầu tư"));
        let five = five.replace("người dân, người thân", "người dân, không người thân");
        let mut fields = board.to_vec();
        fields.push(("members", five.as_str()));
        let made = officer.post("/units/T9-X/oversight/boards", &fields).await;
        assert_eq!(made.status, StatusCode::SEE_OTHER, "{}", made.text());
        let page = visitor.get(&made.location).await.ok();
        assert!(page.contains("Phó trưởng ban") && page.contains("QĐ 30/QĐ-MTTQ"));
        let page = officer
            .get(&format!("/oversight/recommendations/{rec}/work"))
            .await
            .ok();
        assert!(page.contains(&format!("/oversight/recommendations/{rec}/answer")));
        let home = officer.get(dinh_platform::work::PATH).await.ok();
        assert!(
            home.contains(&format!("/oversight/recommendations/{rec}/work")),
            "on the officer's work home"
        );
        assert!(home.contains("/units/T9-X/oversight/work"));
        let done = officer
            .post(
                &format!("/oversight/recommendations/{rec}/answer"),
                &[("text", "Đã xin lỗi <i>5 hộ</i>"), ("on", "20/08/2026")],
            )
            .await;
        assert_eq!(done.status, StatusCode::SEE_OTHER, "{}", done.text());
        let public = visitor
            .get(&format!("/oversight/recommendations/{rec}"))
            .await
            .ok();
        assert!(public.contains("Đã xin lỗi"), "the answer is published");
        assert!(!public.contains("<i>5 hộ</i>"));
        Ok(())
    })
    .await;
}
