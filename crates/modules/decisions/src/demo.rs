//! The module's part of the demonstration in Xã Phù Đổng (00541): a thôn that passed a works
//! contribution by household ballot after a short meeting, a failed online vote, a
//! village-head election with a re-vote, a recognised hương ước, and a matter still open with
//! its meeting called for next week. Everything goes through the same procedures officers use.

use chrono::{Duration, NaiveDate};
use dinh_platform::accounts::{Grant, Principal, Role, store};
use dinh_platform::audit::{self, Change};
use dinh_platform::db::{Db, query};
use serde_json::json;

use crate::secret::{CandidateCount, SecretCount};
use crate::{
    AttendanceInput, BallotPlanInput, DecisionsModule, DocumentInput, ElectionInput, MeetingInput,
    NewMatter, Origin, VoteInput, close, covenants, document, elections, matters, meetings, online,
    secret, votes,
};

const COMMUNE: &str = dinh_platform::demo::DEMO_COMMUNE;

async fn principal(db: &Db, login: &str) -> anyhow::Result<Principal> {
    let id: i64 = db
        .scalar_optional(&query("SELECT id FROM accounts WHERE login = $1").bind(login))
        .await?
        .ok_or_else(|| {
            anyhow::anyhow!("demo account {login} is missing: build the platform demo first")
        })?;
    store::principal(db, id)
        .await?
        .ok_or_else(|| anyhow::anyhow!("demo account {login} is disabled"))
}

async fn households(db: &Db, village: &str) -> anyhow::Result<Vec<String>> {
    let rows: Vec<(String,)> = db
        .fetch_all(&query("SELECT h.code FROM households h JOIN units u ON u.id = h.unit_id WHERE u.code = $1 ORDER BY h.code").bind(village))
        .await?;
    Ok(rows.into_iter().map(|r| r.0).collect())
}

fn dmy(d: NaiveDate) -> String {
    d.format("%d/%m/%Y").to_string()
}

async fn meeting(
    m: &DecisionsModule,
    db: &Db,
    who: &Principal,
    matter: i64,
    village: &str,
    held: NaiveDate,
    present: &[String],
) -> anyhow::Result<()> {
    let view = meetings::create(
        m,
        db,
        Some(who),
        matter,
        &MeetingInput {
            held_on: dmy(held),
            notice_on: dmy(held - Duration::days(5)),
            unit_code: village.into(),
            cluster: String::new(),
        },
    )
    .await?;
    for h in present {
        meetings::attend(
            db,
            Some(who),
            matter,
            view.id,
            &AttendanceInput {
                household: h.clone(),
                attendee: "Đại diện hộ".into(),
                capacity: "representative".into(),
            },
        )
        .await?;
    }
    Ok(())
}

fn vote(h: &str, channel: &str, choice: &str) -> VoteInput {
    VoteInput {
        household: h.into(),
        channel: channel.into(),
        choice: choice.into(),
        opinion: String::new(),
    }
}

fn signatures(decision: &str, held: NaiveDate) -> DocumentInput {
    DocumentInput {
        held_on: dmy(held),
        decision: decision.into(),
        village_head: "Nguyễn Văn Thành".into(),
        front_head: "Phạm Thị Hòa".into(),
        household_rep_1: "Vũ Thị Lan".into(),
        household_rep_2: "Đặng Văn Hùng".into(),
    }
}

/// Builds the demonstration (after the platform's demo).
pub(crate) async fn build(m: &DecisionsModule, db: &Db, today: NaiveDate) -> anyhow::Result<()> {
    let d = |n: i64| today - Duration::days(n);
    let officer = principal(db, "canbo.phudong@dinh.demo").await?;
    let head = principal(db, "0912000001").await?;
    let front = principal(db, "0912000002").await?;
    let resident = principal(db, "0912000004").await?;
    let v1 = format!("{COMMUNE}-01");
    // A second member of the ballot team, to check the paper ballots entered by the first.
    store::create_account(
        db,
        "0912000008",
        "Ông Lê Văn Bình (tổ phát phiếu)",
        dinh_platform::demo::DEMO_PASSWORD,
        "demo",
    )
    .await?;
    store::grant(db, "0912000008", Role::FrontWorkTeam, Some(&v1), "demo").await?;
    let front2 = principal(db, "0912000008").await?;
    let hh1 = households(db, &v1).await?;
    // The resident's account speaks for the first household of thôn 01.
    let first = hh1.first().cloned().unwrap_or_default();
    let mut tx = db.begin().await?;
    tx.execute(&query("UPDATE accounts SET person_id = (SELECT h.representative_id FROM households h WHERE h.code = $1) WHERE login = '0912000004'").bind(first.as_str())).await?;
    audit::record(
        &mut tx,
        Change {
            actor: "demo",
            action: "accounts.link_person",
            object_type: "account",
            object_id: "0912000004",
            before: None,
            after: Some(json!({"household": first})),
        },
    )
    .await?;
    tx.commit().await?;

    // 1. Works contribution (matter 1) in thôn 01: a short meeting, then household ballots.
    let works = matters::create(m, db, Some(&head), &NewMatter {
        unit_code: v1.clone(), matter: 1,
        title: "Bê tông hóa đường trục thôn, mức đóng góp 500.000 đồng/hộ".into(),
        content: "Làm mới 850 m đường trục thôn; Nhà nước hỗ trợ xi măng, Nhân dân đóng góp 500.000 đồng/hộ và ngày công.".into(),
        origin: Origin::VillageHead, secret: false, election: false, initiative_id: None,
    }, d(40)).await?;
    let n = hh1.len();
    let present: Vec<String> = hh1.iter().take(n / 4).cloned().collect();
    meeting(m, db, &head, works.id, &v1, d(35), &present).await?;
    for h in &present {
        votes::record(
            m,
            db,
            Some(&head),
            works.id,
            &vote(h, "meeting", "agree"),
            d(35),
        )
        .await?;
    }
    crate::ballots::plan(
        m,
        db,
        Some(&head),
        works.id,
        &BallotPlanInput {
            issued_on: dmy(d(34)),
            published_on: dmy(d(33)),
            distribution_on: dmy(d(28)),
            team_head: "Phạm Thị Hòa".into(),
            team: vec!["Lê Văn Bình".into(), "Đỗ Thị Mai".into()],
        },
    )
    .await?;
    for (i, h) in hh1.iter().enumerate().skip(n / 4) {
        if i % 10 == 9 {
            continue; // a few households did not return their ballot
        }
        let choice = if i % 7 == 3 { "disagree" } else { "agree" };
        votes::record(
            m,
            db,
            Some(&front),
            works.id,
            &vote(h, "ballot", choice),
            d(27),
        )
        .await?;
        votes::confirm(db, Some(&front2), works.id, h).await?;
    }
    close::close(m, db, Some(&head), works.id, d(25)).await?;
    document::create(
        m,
        db,
        Some(&head),
        works.id,
        &signatures(
            "Thông qua chủ trương bê tông hóa đường trục thôn, mức đóng góp 500.000 đồng/hộ.",
            d(25),
        ),
    )
    .await?;
    document::sent(m, db, Some(&head), works.id, &dmy(d(22))).await?;

    // 2. A failed online vote (matter 6) in thôn 01: agreed to vote online, too few agreed.
    let hours = matters::create(
        m,
        db,
        Some(&head),
        &NewMatter {
            unit_code: v1.clone(),
            matter: 6,
            title: "Giờ mở cửa nhà văn hóa thôn buổi tối".into(),
            content: "Mở cửa nhà văn hóa đến 22 giờ các tối thứ Bảy.".into(),
            origin: Origin::VillageHead,
            secret: false,
            election: false,
            initiative_id: None,
        },
        d(15),
    )
    .await?;
    let consent: Vec<String> = hh1.iter().take(n / 2 + 1).cloned().collect();
    online::record_consent(m, db, Some(&officer), hours.id, &consent, d(14)).await?;
    online::vote(m, db, Some(&resident), hours.id, "agree", "", d(12)).await?;
    // Other representatives voting online (their accounts exist for this vote only and cannot sign in).
    for (i, h) in hh1.iter().enumerate().skip(1).take(n / 3) {
        let person: Option<i64> = db
            .scalar_optional(
                &query("SELECT representative_id FROM households WHERE code = $1").bind(h.as_str()),
            )
            .await?;
        let account = dinh_platform::db::ids::next_id();
        db.execute(&query("INSERT INTO accounts (id, login, display_name, password_hash, person_id, disabled, created_at) VALUES ($1, $2, $3, '!', $4, TRUE, $5)")
            .bind(account).bind(format!("dai-dien-{h}@dinh.demo")).bind(format!("Đại diện hộ {h}")).bind(person).bind(dinh_platform::time::now_rfc3339())).await?;
        let unit_id: i64 = db
            .scalar(&query("SELECT unit_id FROM households WHERE code = $1").bind(h.as_str()))
            .await?;
        let who = Principal {
            account_id: account,
            login: h.clone(),
            display_name: h.clone(),
            grants: vec![Grant {
                role: Role::Resident,
                unit_id: Some(unit_id),
                unit_code: None,
                unit_name: None,
            }],
        };
        let choice = if i % 3 == 0 {
            "disagree"
        } else if i % 11 == 0 {
            "other"
        } else {
            "agree"
        };
        online::vote(
            m,
            db,
            Some(&who),
            hours.id,
            choice,
            if choice == "other" {
                "Chỉ nên mở đến 21 giờ"
            } else {
                ""
            },
            d(11),
        )
        .await?;
    }
    close::close(m, db, Some(&head), hours.id, d(5)).await?;

    // 2b. An online vote still open in thôn 01, which the demo resident has not voted on yet.
    let lights = matters::create(
        m,
        db,
        Some(&head),
        &NewMatter {
            unit_code: v1.clone(),
            matter: 6,
            title: "Lắp đèn chiếu sáng ngõ xóm bằng năng lượng mặt trời".into(),
            content: "Mỗi hộ góp 200.000 đồng lắp 40 đèn năng lượng mặt trời ở các ngõ.".into(),
            origin: Origin::VillageHead,
            secret: false,
            election: false,
            initiative_id: None,
        },
        d(4),
    )
    .await?;
    online::record_consent(m, db, Some(&officer), lights.id, &consent, d(3)).await?;

    // 3. Village-head election in thôn 03 with a re-vote.
    let v3 = format!("{COMMUNE}-03");
    let hh3 = households(db, &v3).await?;
    let e_day = d(50);
    let election = elections::create(
        m,
        db,
        Some(&officer),
        &ElectionInput {
            unit_code: v3.clone(),
            election_on: dmy(e_day),
            plan_on: dmy(d(75)),
            team_on: dmy(d(65)),
            notice_on: dmy(d(60)),
            candidates_on: dmy(d(68)),
            candidates: vec!["Ông Ngô Quang Hải".into(), "Bà Bùi Thị Nga".into()],
            dismissal_on: String::new(),
        },
        d(75),
    )
    .await?;
    let third = elections::nominate(db, Some(&officer), election.id, "Ông Dương Văn Tài").await?;
    let list = elections::view(db, election.id).await?.candidates;
    let (a, b) = (
        list.first().map_or(0, |c| c.0),
        list.get(1).map_or(0, |c| c.0),
    );
    let round = |matter: i64, day: NaiveDate, share: Vec<(i64, u32)>| {
        let (hh3, v3, officer) = (hh3.clone(), v3.clone(), officer.clone());
        async move {
            let present: Vec<String> = hh3.iter().take(hh3.len() * 4 / 5).cloned().collect();
            meeting(m, db, &officer, matter, &v3, day, &present).await?;
            for h in &present {
                votes::record(m, db, Some(&officer), matter, &vote(h, "meeting", ""), day).await?;
            }
            let total = u32::try_from(present.len()).unwrap_or(0);
            let mut counts: Vec<CandidateCount> = Vec::new();
            let mut given = 0;
            for (c, pct) in share {
                let n = total * pct / 100;
                given += n;
                counts.push(CandidateCount {
                    candidate: c,
                    ballots: n,
                });
            }
            secret::record_count(
                m,
                db,
                Some(&officer),
                matter,
                &SecretCount {
                    unit_code: v3.clone(),
                    candidates: counts,
                    invalid: total - given,
                    board: vec![
                        "Ông Lý Văn Sơn".into(),
                        "Bà Đinh Thị Yến".into(),
                        "Ông Phan Minh Khánh".into(),
                    ],
                    witnesses: vec!["Ông Vũ Đức Long".into(), "Bà Hoàng Thị Mai".into()],
                    ..SecretCount::default()
                },
            )
            .await?;
            anyhow::Ok(close::close(m, db, Some(&officer), matter, day).await?)
        }
    };
    round(election.id, e_day, vec![(a, 45), (b, 38), (third, 15)]).await?;
    let again = elections::revote(m, db, Some(&officer), election.id, &dmy(d(40)), d(48)).await?;
    let again_list = elections::view(db, again.id).await?.candidates;
    let (a2, b2) = (
        again_list.first().map_or(0, |c| c.0),
        again_list.get(1).map_or(0, |c| c.0),
    );
    round(again.id, d(40), vec![(a2, 70), (b2, 25)]).await?;
    document::create(
        m,
        db,
        Some(&officer),
        again.id,
        &signatures("Ông Ngô Quang Hải trúng cử Trưởng thôn.", d(40)),
    )
    .await?;
    document::sent(m, db, Some(&officer), again.id, &dmy(d(38))).await?;
    document::recognise(db, Some(&officer), again.id, d(35), None).await?;

    // 4. A recognised hương ước in thôn 04.
    let v4 = format!("{COMMUNE}-04");
    let hh4 = households(db, &v4).await?;
    let c = covenants::create(
        m,
        db,
        Some(&officer),
        &covenants::CovenantInput {
            unit_code: v4.clone(),
            title: "Hương ước thôn Gò Gạo".into(),
            drafting_team: vec![
                "Trưởng thôn".into(),
                "Bí thư chi bộ".into(),
                "Trưởng Ban công tác Mặt trận".into(),
            ],
            draft_posted_on: dmy(d(95)),
        },
        d(95),
    )
    .await?;
    let adoption = covenants::open_vote(m, db, Some(&officer), c.id, d(60)).await?;
    let present: Vec<String> = hh4.iter().take(hh4.len() * 3 / 4).cloned().collect();
    meeting(m, db, &officer, adoption.id, &v4, d(55), &present).await?;
    for (i, h) in present.iter().enumerate() {
        let choice = if i % 6 == 5 { "disagree" } else { "agree" };
        votes::record(
            m,
            db,
            Some(&officer),
            adoption.id,
            &vote(h, "meeting", choice),
            d(55),
        )
        .await?;
    }
    close::close(m, db, Some(&officer), adoption.id, d(55)).await?;
    covenants::file(m, db, Some(&officer), c.id, &dmy(d(52))).await?;
    covenants::decide(db, Some(&officer), c.id, "recognise", d(48), "").await?;

    // 5. A matter still open in thôn 01 (matter 2, the community's fund), its meeting called
    // for next week: on the thôn's home page and on the work homes of its head and households.
    let fund = matters::create(
        m,
        db,
        Some(&head),
        &NewMatter {
            unit_code: v1.clone(),
            matter: 2,
            title: "Thu, chi quỹ khuyến học của thôn năm 2027".into(),
            content: "Mỗi hộ đóng góp 100.000 đồng/năm vào quỹ khuyến học; thưởng học sinh giỏi và hỗ trợ học sinh khó khăn; công khai thu, chi mỗi quý.".into(),
            origin: Origin::VillageHead,
            secret: false,
            election: false,
            initiative_id: None,
        },
        d(2),
    )
    .await?;
    meetings::create(
        m,
        db,
        Some(&head),
        fund.id,
        &MeetingInput {
            held_on: dmy(today + Duration::days(5)),
            notice_on: dmy(today),
            unit_code: v1.clone(),
            cluster: String::new(),
        },
    )
    .await?;
    Ok(())
}
