//! The register's clocks, run hourly on one node: opens the expected recurring disclosures
//! of each period, raises reminders before a duty falls due and before a posting may end, and
//! flags duties, recurring disclosures and the disclosures events called for whose clock has run
//! out.

use chrono::{Datelike, Days, NaiveDate};
use dinh_platform::db::{Db, ids::next_id, query};
use dinh_platform::time::show_date;

use crate::DisclosureModule;
use crate::store::ensure_expected;

/// Days ahead a reminder is raised.
const AHEAD: u64 = 2;

/// One run of the clocks as of `today`; returns the notices raised.
pub async fn run_clocks(
    db: &Db,
    module: &DisclosureModule,
    today: NaiveDate,
) -> anyhow::Result<u64> {
    // Expected rows: for every unit that keeps a register, the periods of this year so far.
    let since = NaiveDate::from_ymd_opt(today.year(), 1, 1).unwrap_or(today);
    let units: Vec<(i64,)> = db
        .fetch_all(&query("SELECT DISTINCT unit_id FROM disclosure_items"))
        .await?;
    for (id,) in units {
        if let Some(unit) = dinh_platform::units::store::by_id(db, id).await? {
            ensure_expected(db, module, &unit, since, today).await?;
        }
    }
    let soon = today.checked_add_days(Days::new(AHEAD)).unwrap_or(today);
    let mut raised = 0;
    // Overdue duties: nothing recorded and the due date has passed.
    raised += notice(
        db,
        "overdue",
        "disclosure_obligation",
        "SELECT o.id, i.unit_id, o.due_on, i.title, o.channel FROM disclosure_obligations o
         JOIN disclosure_items i ON i.id = o.item_id
         WHERE o.first_started_on IS NULL AND o.due_on < $1 AND o.overdue_flagged_on IS NULL",
        today,
        |title, channel, due| {
            (
                format!("Quá hạn: «{title}» chưa thực hiện hình thức {channel} (hạn {due})"),
                format!("Overdue: «{title}» has no {channel} proof (due {due})"),
            )
        },
    )
    .await?;
    db.execute(
        &query("UPDATE disclosure_obligations SET overdue_flagged_on = $1 WHERE first_started_on IS NULL AND due_on < $1 AND overdue_flagged_on IS NULL")
            .bind(today),
    )
    .await?;
    // Reminders: due within two days and nothing recorded.
    raised += notice(
        db,
        "due_soon",
        "disclosure_obligation",
        "SELECT o.id, i.unit_id, o.due_on, i.title, o.channel FROM disclosure_obligations o
         JOIN disclosure_items i ON i.id = o.item_id
         WHERE o.first_started_on IS NULL AND o.due_on >= $1 AND o.due_on <= $2",
        (today, soon),
        |title, channel, due| {
            (
                format!("Sắp đến hạn: «{title}», hình thức {channel}, hạn {due}"),
                format!("Due soon: «{title}», {channel}, by {due}"),
            )
        },
    )
    .await?;
    // Reminders: a posting reaches its minimum time within two days (it may end then, not before).
    raised += notice(
        db,
        "may_end",
        "disclosure_obligation",
        "SELECT o.id, i.unit_id, o.satisfied_on, i.title, o.channel FROM disclosure_obligations o
         JOIN disclosure_items i ON i.id = o.item_id
         WHERE o.min_days IS NOT NULL AND o.satisfied_on >= $1 AND o.satisfied_on <= $2",
        (today, soon),
        |title, channel, day| {
            (
                format!(
                    "«{title}» ({channel}) đủ thời gian niêm yết vào {day}: không gỡ trước ngày này"
                ),
                format!(
                    "«{title}» ({channel}) reaches its minimum on {day}: do not take it down before"
                ),
            )
        },
    )
    .await?;
    // Missing recurring disclosures.
    raised += notice(
        db,
        "missing",
        "disclosure_expected",
        "SELECT e.id, e.unit_id, e.due_on, e.duty_key, e.period_label FROM disclosure_expected e
         WHERE e.item_id IS NULL AND e.due_on < $1 AND e.missing_flagged_on IS NULL
           AND e.origin IS NULL",
        today,
        |duty, period, due| {
            (
                format!("Chưa công khai: {duty} kỳ {period} (hạn {due})"),
                format!("Missing: {duty} for {period} (due {due})"),
            )
        },
    )
    .await?;
    // Missing disclosures of duties raised by events (a draft published for comments).
    raised += notice(
        db,
        "missing",
        "disclosure_expected",
        "SELECT e.id, e.unit_id, e.due_on, COALESCE(e.title, e.origin), e.period_from
         FROM disclosure_expected e
         WHERE e.item_id IS NULL AND e.due_on < $1 AND e.missing_flagged_on IS NULL
           AND e.origin IS NOT NULL",
        today,
        |title, arose, due| {
            let arose = show_date(arose);
            (
                format!("Chưa công khai: {title} (phát sinh ngày {arose}, hạn {due})"),
                format!("Missing: {title} (arose on {arose}, due {due})"),
            )
        },
    )
    .await?;
    db.execute(
        &query("UPDATE disclosure_expected SET missing_flagged_on = $1 WHERE item_id IS NULL AND due_on < $1 AND missing_flagged_on IS NULL")
            .bind(today),
    )
    .await?;
    Ok(raised)
}

/// Dates a notice query is bound with: one day, or a range.
trait Bounds {
    fn bind(self, q: dinh_platform::db::Query) -> dinh_platform::db::Query;
}
impl Bounds for NaiveDate {
    fn bind(self, q: dinh_platform::db::Query) -> dinh_platform::db::Query {
        q.bind(self)
    }
}
impl Bounds for (NaiveDate, NaiveDate) {
    fn bind(self, q: dinh_platform::db::Query) -> dinh_platform::db::Query {
        q.bind(self.0).bind(self.1)
    }
}

/// Raises one notice per row of `select` (id, unit, day, two texts), once per subject.
async fn notice(
    db: &Db,
    kind: &str,
    subject_type: &str,
    select: &'static str,
    bounds: impl Bounds,
    text: impl Fn(&str, &str, &str) -> (String, String),
) -> anyhow::Result<u64> {
    let rows: Vec<(i64, i64, String, String, String)> =
        db.fetch_all(&bounds.bind(query(select))).await?;
    let today = dinh_platform::time::now_rfc3339();
    let mut raised = 0;
    for (id, unit_id, day, a, b) in rows {
        let (vi, en) = text(&a, &b, &show_date(&day));
        raised += db
            .execute(
                &query(
                    "INSERT INTO disclosure_notices (id, unit_id, kind, subject_type, subject_id, due_on, message_vi, message_en, raised_on)
                     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
                     ON CONFLICT (kind, subject_type, subject_id) DO NOTHING",
                )
                .bind(next_id())
                .bind(unit_id)
                .bind(kind)
                .bind(subject_type)
                .bind(id)
                .bind(day)
                .bind(vi)
                .bind(en)
                .bind(today.clone()),
            )
            .await?;
    }
    Ok(raised)
}
