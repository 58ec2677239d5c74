//! Households are told of the meeting that calls them, in the meeting's transaction: a
//! representative with an account in their inbox, one who consented by text message, the others
//! not at all (they are told on paper); the result of the vote reaches the same households.

use dinh_decisions::{MeetingInput, Origin, close, matters, meetings};
use dinh_platform::db::query;

use crate::support::*;

#[tokio::test]
async fn a_meeting_and_its_result_reach_the_households_of_the_thon() {
    each_engine(|db| async move {
        let f = setup(&db).await?;
        let m = module();
        let matter = matters::create(&m, &db, Some(&f.head), &new_matter("T9-X-01", 1, Origin::VillageHead), today()).await?;
        // The representative of household 2 agreed to text messages.
        let rep: i64 = db
            .scalar(&query("SELECT representative_id FROM households WHERE code = $1").bind(code(1, 2)))
            .await?;
        dinh_platform::notify::settings::record_consent(&db, rep, "0977 000 002", "test").await?;
        meetings::create(
            &m,
            &db,
            Some(&f.officer),
            matter.id,
            &MeetingInput {
                held_on: "15/09/2025".into(),
                notice_on: "12/09/2025".into(),
                unit_code: String::new(),
                cluster: String::new(),
            },
        )
        .await?;
        let rows: Vec<(String, Option<i64>, Option<String>, String)> = db
            .fetch_all(&query("SELECT channel, account_id, address, body FROM notifications WHERE kind = 'decisions.meeting' ORDER BY channel, id"))
            .await?;
        // Household 1's representative (an account, phone login) and household 2's consented phone.
        let inbox: Vec<_> = rows.iter().filter(|r| r.0 == "inbox").collect();
        assert_eq!(inbox.len(), 1, "{rows:?}");
        assert_eq!(inbox[0].1, Some(f.resident.account_id));
        assert!(inbox[0].3.contains("15/09/2025") && inbox[0].3.contains("Việc số 1"), "{}", inbox[0].3);
        let phones: Vec<&str> = rows.iter().filter(|r| r.0 == "sms").filter_map(|r| r.2.as_deref()).collect();
        assert!(phones.contains(&"0977000002") && phones.contains(&"0900000006"), "{phones:?}");
        assert_eq!(phones.len(), 2, "no household without consent or account is texted: {phones:?}");
        // The Front and the village head are not households: not told as such.
        assert!(!rows.iter().any(|r| r.1 == Some(f.head.account_id)));

        // A meeting refused (a thôn that is not the matter's) queues nothing.
        let before: i64 = db.scalar(&query("SELECT COUNT(*) FROM notifications")).await?;
        assert!(meetings::create(&m, &db, Some(&f.officer), matter.id, &MeetingInput {
            held_on: "16/09/2025".into(), notice_on: "12/09/2025".into(), unit_code: "T9-Y-01".into(), cluster: String::new(),
        }).await.is_err());
        let after: i64 = db.scalar(&query("SELECT COUNT(*) FROM notifications")).await?;
        assert_eq!(before, after);

        // The result, once the vote closes.
        close::close(&m, &db, Some(&f.head), matter.id, day(2025, 9, 16)).await?;
        let result: Vec<(String,)> = db
            .fetch_all(&query("SELECT body FROM notifications WHERE kind = 'decisions.result' AND channel = 'inbox'"))
            .await?;
        assert_eq!(result.len(), 1);
        assert!(result[0].0.contains("Việc số 1"), "{}", result[0].0);
        Ok(())
    })
    .await;
}
