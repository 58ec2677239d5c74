//! Bulk loading of decided matters for the benchmarks (the steering reports'): closed matters of
//! the thôn with their tallies and their minutes, written straight into the tables (the voting
//! path records each household's vote, which is not what is measured here).

use chrono::{Days, NaiveDate};
use dinh_platform::db::{Arg, Db, bulk::insert_rows, ids::next_id};

/// Inserts `n` matters of the given thôn closed over the year from `start` (one in five
/// rejected), each with its tally (60–259 households, 70–94 % of them taking part) and its
/// minutes (recognition due 20 days after the meeting: one in ten recognised late, one in
/// twenty never answered), in batches of 10,000.
pub async fn matters(db: &Db, villages: &[i64], n: usize, start: NaiveDate) -> anyhow::Result<()> {
    let matter_cols = [
        "id",
        "unit_id",
        "scope",
        "matter",
        "kind",
        "title",
        "content",
        "origin",
        "secret",
        "online_allowed",
        "status",
        "opened_on",
        "closed_on",
        "rule_pack_id",
        "rule_pack_fingerprint",
        "passed",
        "agree",
        "total",
        "participants",
        "households",
        "result_vi",
        "result_en",
        "created_by",
        "created_at",
    ];
    let document_cols = [
        "matter_id",
        "held_on",
        "total",
        "present",
        "absent",
        "form",
        "results",
        "decision",
        "village_head",
        "front_head",
        "household_rep_1",
        "household_rep_2",
        "send_due_on",
        "sent_on",
        "recognition_due_on",
        "recognition_by",
        "recognised_on",
        "created_at",
    ];
    let batch = 10_000;
    let mut done = 0;
    while done < n {
        let size = batch.min(n - done);
        let mut matters = Vec::with_capacity(size);
        let mut documents = Vec::with_capacity(size);
        for i in done..done + size {
            let id = next_id();
            let unit = villages[i * 7919 % villages.len()];
            let closed = start
                .checked_add_days(Days::new((i * 13 % 365) as u64))
                .unwrap_or(start);
            let opened = closed.checked_sub_days(Days::new(14)).unwrap_or(closed);
            let households = 60 + (i * 31 % 200) as i64;
            let participants = households * (70 + (i % 25) as i64) / 100;
            let passed = i % 5 != 0;
            let agree = if passed {
                participants * 3 / 4
            } else {
                participants / 3
            };
            let result = if passed {
                "Được thông qua"
            } else {
                "Không được thông qua"
            };
            matters.push(vec![
                Arg::from(id),
                unit.into(),
                "village".into(),
                Arg::from(((i % 5) + 1) as i64),
                "question".into(),
                format!("Việc số {i}: đóng góp xây dựng đường thôn").into(),
                "Nội dung".into(),
                "village_head".into(),
                false.into(),
                false.into(),
                "closed".into(),
                opened.into(),
                closed.into(),
                "vn-2022-10".into(),
                "bench".into(),
                passed.into(),
                agree.into(),
                participants.into(),
                participants.into(),
                households.into(),
                result.into(),
                result.into(),
                "bench".into(),
                "2026-01-01T00:00:00Z".into(),
            ]);
            let send_due = closed.checked_add_days(Days::new(2)).unwrap_or(closed);
            let recognition_due = closed.checked_add_days(Days::new(20)).unwrap_or(closed);
            let recognised = match i % 20 {
                0 => None,
                1 | 2 => closed.checked_add_days(Days::new(30)),
                _ => closed.checked_add_days(Days::new(10)),
            };
            documents.push(vec![
                Arg::from(id),
                closed.into(),
                households.into(),
                participants.into(),
                (households - participants).into(),
                "meeting".into(),
                result.into(),
                result.into(),
                "Trưởng thôn".into(),
                "Trưởng ban công tác Mặt trận".into(),
                "Đại diện hộ 1".into(),
                "Đại diện hộ 2".into(),
                send_due.into(),
                Arg::from(Some(send_due)),
                recognition_due.into(),
                "commune".into(),
                Arg::from(recognised),
                "2026-01-01T00:00:00Z".into(),
            ]);
        }
        done += size;
        let mut tx = db.begin().await?;
        insert_rows(&mut tx, "decision_matters", &matter_cols, matters).await?;
        insert_rows(&mut tx, "decision_documents", &document_cols, documents).await?;
        tx.commit().await?;
    }
    Ok(())
}
