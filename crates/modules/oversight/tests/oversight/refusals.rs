//! Bad input and roles: each refused with a clear message, nothing half-written.

use dinh_oversight::store;
use dinh_oversight::{ActivityInput, AnswerInput, BoardInput, MemberInput};
use dinh_platform::accounts::Role;
use dinh_platform::write::Actor;

use crate::support::{
    account, denied, each_engine, inspected, inspection_board, module, people, project_input,
    recommendation, refusal, rows, setup,
};

#[tokio::test]
async fn a_board_breaking_the_composition_rules_is_refused_whole() {
    each_engine(|db| async move {
        let f = setup(&db).await?;
        let m = module();
        let officer = Actor::Person(&f.officer);
        let audit = rows(&db, "audit_log").await;

        let (field, message) = refusal(
            store::record_board(&m, &db, officer, &inspection_board("T9-X", 4))
                .await
                .unwrap_err(),
        );
        assert_eq!(field, "members");
        assert!(
            message.contains("ít nhất 5") && message.contains("Điều"),
            "{message}"
        );

        let mut official = inspection_board("T9-X", 5);
        official.members[4].commune_official = true;
        let (_, message) = refusal(
            store::record_board(&m, &db, officer, &official)
                .await
                .unwrap_err(),
        );
        assert!(message.contains("cán bộ, công chức xã"), "{message}");

        // An officer of the commune on Đình, though not declared.
        let mut holder = inspection_board("T9-X", 5);
        holder.members[4].login = "canbo@thu.vn".into();
        let (_, message) = refusal(
            store::record_board(&m, &db, officer, &holder)
                .await
                .unwrap_err(),
        );
        assert!(message.contains("cán bộ xã trên Đình"), "{message}");

        let mut deputies = inspection_board("T9-X", 5);
        deputies.members[3].position = "deputy".into();
        let (_, message) = refusal(
            store::record_board(&m, &db, officer, &deputies)
                .await
                .unwrap_err(),
        );
        assert!(message.contains("nhiều nhất 2 phó trưởng ban"), "{message}");

        let mut heads = inspection_board("T9-X", 5);
        heads.members[0].position = "member".into();
        let (_, message) = refusal(
            store::record_board(&m, &db, officer, &heads)
                .await
                .unwrap_err(),
        );
        assert!(message.contains("đúng một trưởng ban"), "{message}");

        let mut unrecognised = inspection_board("T9-X", 5);
        unrecognised.recognition = " ".into();
        let (field, message) = refusal(
            store::record_board(&m, &db, officer, &unrecognised)
                .await
                .unwrap_err(),
        );
        assert_eq!(field, "recognition");
        assert!(message.contains("Mặt trận"), "{message}");

        let mut village = inspection_board("T9-X-01", 5);
        village.unit_code = "T9-X-01".into();
        assert_eq!(
            refusal(
                store::record_board(&m, &db, officer, &village)
                    .await
                    .unwrap_err()
            )
            .0,
            "unit"
        );

        // Supervision boards: too few, a relative, an undeclared member, too many residents.
        let project = store::record_project(&db, officer, &project_input()).await?;
        let investment = |members: Vec<MemberInput>| BoardInput {
            unit_code: "T9-X".into(),
            kind: "investment".into(),
            project_id: project.to_string(),
            term_from: "01/03/2026".into(),
            term_to: "31/12/2026".into(),
            recognition: "Quyết định số 9/QĐ-MTTQ".into(),
            members,
        };
        let (_, message) = refusal(
            store::record_board(&m, &db, officer, &investment(people(4)))
                .await
                .unwrap_err(),
        );
        assert!(message.contains("ít nhất 5"), "{message}");
        let mut relative = people(5);
        relative[2].relative = Some(true);
        let (_, message) = refusal(
            store::record_board(&m, &db, officer, &investment(relative))
                .await
                .unwrap_err(),
        );
        assert!(message.contains("người thân của chủ đầu tư"), "{message}");
        let mut silent = people(5);
        silent[1].relative = None;
        let (_, message) = refusal(
            store::record_board(&m, &db, officer, &investment(silent))
                .await
                .unwrap_err(),
        );
        assert!(message.contains("chưa khai báo"), "{message}");
        let mut crowd = people(7);
        for p in &mut crowd[1..] {
            p.resident = true;
        }
        crowd[1].position = "member".into();
        crowd[2].position = "member".into();
        let (_, message) = refusal(
            store::record_board(&m, &db, officer, &investment(crowd))
                .await
                .unwrap_err(),
        );
        assert!(
            message.contains("nhiều nhất 5 đại diện người dân"),
            "{message}"
        );
        let mut no_project = investment(people(5));
        no_project.project_id = String::new();
        assert_eq!(
            refusal(
                store::record_board(&m, &db, officer, &no_project)
                    .await
                    .unwrap_err()
            )
            .0,
            "project_id"
        );

        assert_eq!(rows(&db, "oversight_boards").await, 0);
        assert_eq!(rows(&db, "oversight_members").await, 0);
        assert_eq!(
            rows(&db, "audit_log").await,
            audit + 1,
            "only the project was written"
        );
        Ok(())
    })
    .await;
}

#[tokio::test]
async fn an_activity_before_its_notice_was_due_is_refused_with_the_calendar() {
    each_engine(|db| async move {
        let f = setup(&db).await?;
        let m = module();
        let board = store::record_board(
            &m,
            &db,
            Actor::Person(&f.officer),
            &inspection_board("T9-X", 5),
        )
        .await?;
        let late = ActivityInput {
            board_id: board.to_string(),
            subject: "Bộ phận một cửa".into(),
            scope: "Hồ sơ".into(),
            notice_on: "06/08/2026".into(),
            starts_on: "10/08/2026".into(),
            ends_on: "11/08/2026".into(),
        };
        let (field, message) = refusal(
            store::record_activity(&m, &db, Actor::Person(&f.member), &late)
                .await
                .unwrap_err(),
        );
        assert_eq!(field, "notice_on");
        assert!(
            message.contains("5 ngày làm việc") && message.contains("03/08/2026"),
            "{message}"
        );

        let project =
            store::record_project(&db, Actor::Person(&f.officer), &project_input()).await?;
        let sup = store::record_board(
            &m,
            &db,
            Actor::Person(&f.officer),
            &BoardInput {
                unit_code: "T9-X".into(),
                kind: "investment".into(),
                project_id: project.to_string(),
                term_from: "01/03/2026".into(),
                term_to: "31/12/2026".into(),
                recognition: "Quyết định số 9/QĐ-MTTQ".into(),
                members: people(5),
            },
        )
        .await?;
        let investor = ActivityInput {
            board_id: sup.to_string(),
            notice_on: "01/07/2026".into(),
            starts_on: "21/07/2026".into(),
            ends_on: "30/07/2026".into(),
            ..late.clone()
        };
        let (field, message) = refusal(
            store::record_activity(&m, &db, Actor::Person(&f.member), &investor)
                .await
                .unwrap_err(),
        );
        assert_eq!(field, "notice_on");
        assert!(
            message.contains("45 ngày") && message.contains("Chủ đầu tư"),
            "{message}"
        );
        assert_eq!(rows(&db, "oversight_activities").await, 0);
        Ok(())
    })
    .await;
}

#[tokio::test]
async fn roles_are_checked_by_unit() {
    each_engine(|db| async move {
        let f = setup(&db).await?;
        let m = module();
        let (board, activity, finding) = inspected(&db, &f).await?;
        // A BTTND member of another commune.
        let other = ActivityInput {
            board_id: board.to_string(),
            subject: "x".into(),
            scope: "y".into(),
            notice_on: "01/07/2026".into(),
            starts_on: "10/08/2026".into(),
            ends_on: "11/08/2026".into(),
        };
        denied(
            store::record_activity(&m, &db, Actor::Person(&f.outsider_member), &other)
                .await
                .unwrap_err(),
        );
        denied(
            store::record_finding(
                &db,
                Actor::Person(&f.outsider_member),
                &dinh_oversight::FindingInput {
                    activity_id: activity.to_string(),
                    body: "x".into(),
                    found_on: "11/08/2026".into(),
                    ..Default::default()
                },
            )
            .await
            .unwrap_err(),
        );
        denied(
            store::recommend(
                &m,
                &db,
                Actor::Person(&f.outsider_member),
                &recommendation(finding, "13/08/2026"),
            )
            .await
            .unwrap_err(),
        );
        // Officers record boards; board members record activities.
        denied(
            store::record_activity(&m, &db, Actor::Person(&f.officer), &other)
                .await
                .unwrap_err(),
        );
        denied(
            store::record_board(
                &m,
                &db,
                Actor::Person(&f.member),
                &inspection_board("T9-X", 5),
            )
            .await
            .unwrap_err(),
        );
        denied(
            store::record_board(
                &m,
                &db,
                Actor::Person(&f.resident),
                &inspection_board("T9-X", 5),
            )
            .await
            .unwrap_err(),
        );

        let rec = store::recommend(
            &m,
            &db,
            Actor::Person(&f.member),
            &recommendation(finding, "13/08/2026"),
        )
        .await?;
        let answer = AnswerInput {
            text: "Trả lời".into(),
            on: "14/08/2026".into(),
        };
        // Only an officer of the unit is the authority.
        denied(
            store::answer(&db, Actor::Person(&f.member), rec, &answer)
                .await
                .unwrap_err(),
        );
        denied(
            store::answer(&db, Actor::Person(&f.outsider_officer), rec, &answer)
                .await
                .unwrap_err(),
        );
        denied(
            store::answer(&db, Actor::Person(&f.resident), rec, &answer)
                .await
                .unwrap_err(),
        );
        let village_head = account(&db, "0900000001", Role::VillageHead, "T9-X-01").await?;
        denied(
            store::answer(&db, Actor::Person(&village_head), rec, &answer)
                .await
                .unwrap_err(),
        );
        assert!(
            store::recommendation(&db, rec)
                .await?
                .unwrap()
                .answer
                .is_none()
        );
        // Only the board rejects an answer; and only an answer.
        assert_eq!(
            refusal(
                store::reject_answer(&db, Actor::Person(&f.member), rec, &answer)
                    .await
                    .unwrap_err()
            )
            .0,
            "text"
        );
        store::answer(&db, Actor::Person(&f.officer), rec, &answer).await?;
        denied(
            store::reject_answer(&db, Actor::Person(&f.officer), rec, &answer)
                .await
                .unwrap_err(),
        );
        denied(
            store::reject_answer(&db, Actor::Person(&f.outsider_member), rec, &answer)
                .await
                .unwrap_err(),
        );
        assert_eq!(
            refusal(
                store::answer(&db, Actor::Person(&f.officer), rec, &answer)
                    .await
                    .unwrap_err()
            )
            .0,
            "text"
        );
        Ok(())
    })
    .await;
}

#[tokio::test]
async fn a_recommendation_without_a_finding_is_refused() {
    each_engine(|db| async move {
        let f = setup(&db).await?;
        let m = module();
        let (_, activity, _) = inspected(&db, &f).await?;
        for finding in ["", "abc", "12345", &activity.to_string()] {
            let mut r = recommendation(0, "13/08/2026");
            r.finding_id = finding.to_owned();
            let (field, message) = refusal(
                store::recommend(&m, &db, Actor::Person(&f.member), &r)
                    .await
                    .unwrap_err(),
            );
            assert_eq!(field, "finding_id");
            assert!(message.contains("kết quả kiểm tra, giám sát"), "{message}");
        }
        assert_eq!(rows(&db, "oversight_recommendations").await, 0);
        Ok(())
    })
    .await;
}
