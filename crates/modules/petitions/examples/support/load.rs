//! Bulk loading of cases for the benchmarks (this crate's and the steering reports'): cases and
//! their first clock written straight into the tables (the intake path audits each case, which
//! is not what is measured), then the monthly summary rebuilt.

use chrono::{Datelike, Duration, NaiveDate};
use dinh_petitions::PetitionsModule;
use dinh_petitions::clocks;
use dinh_platform::db::{Arg, Db, bulk, ids::next_id};

/// Where a case is received: the unit (the commune, usually) with its commune and province.
#[derive(Clone, Copy)]
pub struct Place {
    pub unit: i64,
    pub commune: i64,
    pub province: i64,
}

/// Which cases are still open.
#[derive(Clone, Copy)]
pub enum Open {
    /// Every case open (the worst case for the work lists and the due-date recomputation).
    All,
    /// Those received in the 60 days before `today`, and one in twenty of the others; the rest
    /// resolved within 25 days of receipt.
    Recent,
}

struct Rng(u64);
impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
}

/// Inserts `n` cases received on the `days` days from `first` at `places` (picked at random),
/// one in three a complaint (clock `complaint.resolve`), the others recommendations (clock
/// `answer`), due dates from the rules in force on `today` and the module's calendar, in
/// batches of 20,000. Does not rebuild the monthly summary: call
/// `dinh_petitions::store::summary::rebuild_summary` once everything is loaded.
#[allow(clippy::too_many_arguments)]
pub async fn cases(
    m: &PetitionsModule,
    db: &Db,
    places: &[Place],
    n: usize,
    first: NaiveDate,
    days: u64,
    today: NaiveDate,
    open: Open,
) -> anyhow::Result<()> {
    let pack = m.rules().in_force_on(today)?;
    let answer = &pack.reception.answer;
    let resolve = &pack.complaints.first_resolution;
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15 ^ first.num_days_from_ce() as u64);
    let now = dinh_platform::time::now_rfc3339();
    let case_cols = [
        "id",
        "unit_id",
        "province_id",
        "commune_id",
        "tracking_code",
        "secret_hash",
        "kind",
        "channel",
        "subject",
        "content",
        "search_text",
        "anonymous",
        "protected",
        "received_on",
        "pack_id",
        "status",
        "round",
        "complexity",
        "remote",
        "multiple_places",
        "is_open",
        "next_due",
        "created_at",
        "updated_at",
    ];
    let clock_cols = [
        "id",
        "case_id",
        "clock",
        "rule_key",
        "started_on",
        "period_count",
        "period_unit",
        "due_on",
        "done_on",
        "unit_id",
    ];
    let batch = 20_000;
    let mut done = 0;
    while done < n {
        let size = batch.min(n - done);
        let mut cases = Vec::with_capacity(size);
        let mut clocks_rows = Vec::with_capacity(size);
        for _ in 0..size {
            let id = next_id();
            let place = places[(rng.next() % places.len() as u64) as usize];
            let received = first + Duration::days((rng.next() % days) as i64);
            let complaint = rng.next().is_multiple_of(3);
            let rule = if complaint { resolve } else { answer };
            let due = m.calendar().due_date(received, rule.period())?;
            let is_open = match open {
                Open::All => true,
                Open::Recent => (today - received).num_days() < 60 || rng.next().is_multiple_of(20),
            };
            let done_on =
                (!is_open).then(|| received + Duration::days((rng.next() % 25) as i64 + 1));
            cases.push(vec![
                Arg::from(id),
                place.unit.into(),
                place.province.into(),
                place.commune.into(),
                format!("B{id:013}").into(),
                "x".into(),
                if complaint {
                    "complaint"
                } else {
                    "recommendation"
                }
                .into(),
                "online".into(),
                "Đơn đo lường".into(),
                "Nội dung".into(),
                "don do luong".into(),
                false.into(),
                false.into(),
                received.into(),
                pack.id.as_str().into(),
                if is_open { "received" } else { "resolved" }.into(),
                1_i64.into(),
                0_i64.into(),
                false.into(),
                false.into(),
                is_open.into(),
                Arg::from(is_open.then_some(due)),
                now.as_str().into(),
                now.as_str().into(),
            ]);
            clocks_rows.push(vec![
                Arg::from(next_id()),
                id.into(),
                if complaint {
                    "complaint.resolve"
                } else {
                    "answer"
                }
                .into(),
                if complaint {
                    "complaints.first_resolution"
                } else {
                    "reception.answer"
                }
                .into(),
                received.into(),
                rule.count.into(),
                clocks::unit_code(rule.unit).into(),
                due.into(),
                Arg::from(done_on),
                place.unit.into(),
            ]);
        }
        done += size;
        let mut tx = db.begin().await?;
        bulk::insert_rows(&mut tx, "petition_cases", &case_cols, cases).await?;
        bulk::insert_rows(&mut tx, "petition_clocks", &clock_cols, clocks_rows).await?;
        tx.commit().await?;
    }
    Ok(())
}
