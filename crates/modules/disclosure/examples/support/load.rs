//! Bulk loading of disclosures for the benchmarks (this crate's and the steering reports').

use chrono::{Days, NaiveDate};
use dinh_platform::db::{Arg, Db, bulk::insert_rows, ids::next_id};

/// Inserts `n` disclosures spread over the year from `start` for the given units (one in nine
/// late, one in five with a duty never met), in batches of 20,000. The monthly summary is not
/// touched: call `dinh_disclosure::store::rebuild_summary` after.
pub async fn items(db: &Db, units: &[i64], n: usize, start: NaiveDate) {
    let cols = [
        "id",
        "unit_id",
        "publisher_kind",
        "category",
        "title",
        "title_folded",
        "pack_id",
        "decided_on",
        "due_on",
        "published_on",
        "on_time",
        "period_from",
        "period_to",
        "recurring_key",
        "period_label",
        "version",
        "obligation_count",
        "complete_on",
        "created_at",
        "created_by",
    ];
    let mut rows = Vec::with_capacity(20_000);
    let mut tx = db.begin().await.unwrap();
    for i in 0..n {
        let unit = units[i % units.len()];
        let decided = start
            .checked_add_days(Days::new((i * 7 % 360) as u64))
            .unwrap();
        let late = i % 9 == 0;
        let published = decided
            .checked_add_days(Days::new(if late { 12 } else { 3 }))
            .unwrap();
        let due = decided.checked_add_days(Days::new(7)).unwrap();
        let complete = (i % 5 != 0).then(|| published.checked_add_days(Days::new(30)).unwrap());
        let title = format!("Thông tin công khai số {i} về chính sách hỗ trợ");
        let no_text: Option<String> = None;
        rows.push(vec![
            Arg::from(next_id()),
            unit.into(),
            "commune".into(),
            Arg::from(((i % 14) + 1) as i64),
            title.as_str().into(),
            dinh_platform::text::fold(&title).into(),
            "vn-2023-07".into(),
            decided.into(),
            due.into(),
            published.into(),
            Arg::from(i64::from(!late)),
            no_text.clone().into(),
            no_text.clone().into(),
            no_text.clone().into(),
            no_text.into(),
            Arg::from(1i64),
            Arg::from(9i64),
            complete.into(),
            "2026-01-01T00:00:00Z".into(),
            Arg::Int(None),
        ]);
        if rows.len() == 20_000 {
            insert_rows(
                &mut tx,
                "disclosure_items",
                &cols,
                std::mem::take(&mut rows),
            )
            .await
            .unwrap();
        }
    }
    insert_rows(&mut tx, "disclosure_items", &cols, rows)
        .await
        .unwrap();
    tx.commit().await.unwrap();
}
