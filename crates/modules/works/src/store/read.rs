//! The reads: a work, the works of a unit, each household's account (share, exemptions and
//! reductions, pledges, payments, balance) and the work's accounts (collected against owed,
//! spending by item, the fund's balance).

use dinh_platform::db::{Db, DbResult, query};
use dinh_platform::units::Unit;
use dinh_platform::write::WriteError;
use serde::Serialize;

/// A community work (công trình do Nhân dân đóng góp).
#[derive(Debug, Clone, Serialize, sqlx::FromRow, utoipa::ToSchema)]
pub struct Work {
    /// Id.
    pub id: i64,
    /// The thôn or commune.
    pub unit_id: i64,
    /// Its code.
    pub unit_code: String,
    /// Its name.
    pub unit_name: String,
    /// Name of the work.
    pub name: String,
    /// Purpose and scale.
    pub purpose: String,
    /// The estimate (dự toán), đồng.
    pub estimate: i64,
    /// Funding.
    pub funding: String,
    /// The households' decision it rests on.
    pub decision: String,
    /// The decision day (ISO).
    pub decided_on: String,
    /// The contribution rule (mức đóng góp).
    pub rule: String,
    /// Đồng a household or a person.
    pub rate: i64,
    /// The value of one labour day, đồng.
    pub labour_day_value: i64,
    /// The day its accounts were published (ISO), if they were.
    pub accounts_published_on: Option<String>,
    /// When it was recorded (RFC 3339).
    pub created_at: String,
}

impl Work {
    /// Its unit.
    pub async fn unit(&self, db: &Db) -> Result<Unit, WriteError> {
        dinh_platform::units::store::by_id(db, self.unit_id)
            .await?
            .ok_or(WriteError::NotFound)
    }
}

const WORK: &str = "SELECT w.id, w.unit_id, u.code AS unit_code, u.name AS unit_name, w.name,
        w.purpose, w.estimate, w.funding, w.decision, w.decided_on, w.rule, w.rate,
        w.labour_day_value, w.accounts_published_on, w.created_at
     FROM works w JOIN units u ON u.id = w.unit_id";

/// A work by id.
pub async fn work(db: &Db, id: i64) -> DbResult<Option<Work>> {
    db.fetch_optional(&query(format!("{WORK} WHERE w.id = $1")).bind(id))
        .await
}

/// The works of a unit and the units under it, newest decision first.
pub async fn works_for_unit(db: &Db, unit_path: &str, limit: i64) -> DbResult<Vec<Work>> {
    db.fetch_all(
        &query(format!(
            "{WORK} WHERE u.path LIKE $1 ORDER BY w.decided_on DESC, w.id DESC LIMIT $2"
        ))
        .bind(format!("{unit_path}%"))
        .bind(limit),
    )
    .await
}

/// A household's account with a work (tài khoản đóng góp của hộ).
#[derive(Debug, Clone, Serialize, sqlx::FromRow)]
pub struct Account {
    /// The household's code.
    pub household_code: String,
    /// Its representative on the decision day.
    pub representative: String,
    /// Its members on the decision day.
    pub members: i64,
    /// Its share by the rule, đồng.
    pub owed: i64,
    /// Exempted or reduced, đồng.
    pub reduced: i64,
    /// Pledged, đồng.
    pub pledged: i64,
    /// Paid (cash, labour days at their value, corrections), đồng.
    pub paid: i64,
}

impl Account {
    /// What it must contribute after exemptions and reductions.
    pub fn due(&self) -> i64 {
        self.owed - self.reduced
    }

    /// What it has still to contribute (negative when it gave more).
    pub fn balance(&self) -> i64 {
        self.due() - self.paid
    }
}

const ACCOUNT: &str = "SELECT s.household_code, s.representative, s.members, s.owed,
        CAST(COALESCE((SELECT SUM(r.amount) FROM works_reductions r
            WHERE r.work_id = s.work_id AND r.household_code = s.household_code), 0) AS BIGINT) AS reduced,
        CAST(COALESCE((SELECT SUM(p.amount) FROM works_pledges p
            WHERE p.work_id = s.work_id AND p.household_code = s.household_code), 0) AS BIGINT) AS pledged,
        CAST(COALESCE((SELECT SUM(p.amount) FROM works_payments p
            WHERE p.work_id = s.work_id AND p.household_code = s.household_code), 0) AS BIGINT) AS paid
     FROM works_shares s WHERE s.work_id = $1";

/// One household's account, when it is on the work's list.
pub async fn account(db: &Db, work_id: i64, household_code: &str) -> DbResult<Option<Account>> {
    db.fetch_optional(
        &query(format!("{ACCOUNT} AND s.household_code = $2"))
            .bind(work_id)
            .bind(household_code),
    )
    .await
}

/// Every household's account, by code.
pub async fn accounts(db: &Db, work_id: i64) -> DbResult<Vec<Account>> {
    db.fetch_all(&query(format!("{ACCOUNT} ORDER BY s.household_code")).bind(work_id))
        .await
}

/// An exemption or reduction.
#[derive(Debug, Clone, Serialize, sqlx::FromRow)]
pub struct Reduction {
    /// The household.
    pub household_code: String,
    /// Miễn or giảm.
    pub kind: String,
    /// Đồng.
    pub amount: i64,
    /// Why.
    pub reason: String,
}

/// The exemptions and reductions of a work, or of one household when `household` is given.
pub async fn reductions_of(
    db: &Db,
    work_id: i64,
    household: Option<&str>,
) -> DbResult<Vec<Reduction>> {
    db.fetch_all(
        &query(
            "SELECT household_code, kind, amount, reason FROM works_reductions
             WHERE work_id = $1 AND ($2 = '' OR household_code = $2)
             ORDER BY household_code, created_at, id",
        )
        .bind(work_id)
        .bind(household.unwrap_or("")),
    )
    .await
}

/// A pledge.
#[derive(Debug, Clone, Serialize, sqlx::FromRow)]
pub struct Pledge {
    /// The household.
    pub household_code: String,
    /// Đồng.
    pub amount: i64,
    /// The day (ISO).
    pub pledged_on: String,
}

/// The pledges of one household.
pub async fn pledges_of(db: &Db, work_id: i64, household: &str) -> DbResult<Vec<Pledge>> {
    db.fetch_all(
        &query(
            "SELECT household_code, amount, pledged_on FROM works_pledges
             WHERE work_id = $1 AND household_code = $2 ORDER BY pledged_on, id",
        )
        .bind(work_id)
        .bind(household),
    )
    .await
}

/// A payment and its receipt (phiếu thu).
#[derive(Debug, Clone, Serialize, sqlx::FromRow)]
pub struct Payment {
    /// Id.
    pub id: i64,
    /// The work.
    pub work_id: i64,
    /// The household.
    pub household_code: String,
    /// The receipt's number.
    pub receipt_no: String,
    /// Cash, labour days, correction.
    pub kind: String,
    /// Đồng (signed for a correction).
    pub amount: i64,
    /// Labour days in tenths.
    pub labour_tenths: i64,
    /// The day (ISO).
    pub paid_on: String,
    /// The note (why more than owed, why corrected).
    pub note: String,
    /// The payment it corrects.
    pub corrects_id: Option<i64>,
    /// Who entered it.
    pub entered_by: String,
}

const PAYMENT: &str = "SELECT id, work_id, household_code, receipt_no, kind, amount, labour_tenths,
        paid_on, note, corrects_id, entered_by FROM works_payments";

/// A payment by id.
pub async fn payment(db: &Db, id: i64) -> DbResult<Option<Payment>> {
    db.fetch_optional(&query(format!("{PAYMENT} WHERE id = $1")).bind(id))
        .await
}

/// The payments of a work (at most `limit`, newest first), or of one household when given.
pub async fn payments_of(
    db: &Db,
    work_id: i64,
    household: Option<&str>,
    limit: i64,
) -> DbResult<Vec<Payment>> {
    db.fetch_all(
        &query(format!(
            "{PAYMENT} WHERE work_id = $1 AND ($2 = '' OR household_code = $2)
             ORDER BY paid_on DESC, created_at DESC, id DESC LIMIT $3"
        ))
        .bind(work_id)
        .bind(household.unwrap_or(""))
        .bind(limit),
    )
    .await
}

/// A milestone of progress.
#[derive(Debug, Clone, Serialize, sqlx::FromRow, utoipa::ToSchema)]
pub struct Milestone {
    /// The day (ISO).
    pub reached_on: String,
    /// What was reached.
    pub title: String,
    /// Details.
    pub note: String,
}

/// The milestones of a work, in order.
pub async fn milestones(db: &Db, work_id: i64) -> DbResult<Vec<Milestone>> {
    db.fetch_all(
        &query(
            "SELECT reached_on, title, note FROM works_milestones WHERE work_id = $1
             ORDER BY reached_on, id",
        )
        .bind(work_id),
    )
    .await
}

/// Spending on one item, added up.
#[derive(Debug, Clone, Serialize, sqlx::FromRow, utoipa::ToSchema)]
pub struct Spending {
    /// The item.
    pub item: String,
    /// Đồng spent on it.
    pub amount: i64,
    /// Its documents, joined.
    pub entries: i64,
}

/// Spending by item, largest first.
pub async fn spendings(db: &Db, work_id: i64) -> DbResult<Vec<Spending>> {
    db.fetch_all(
        &query(
            "SELECT item, CAST(SUM(amount) AS BIGINT) AS amount, CAST(COUNT(*) AS BIGINT) AS entries
             FROM works_spendings WHERE work_id = $1 GROUP BY item ORDER BY 2 DESC, item",
        )
        .bind(work_id),
    )
    .await
}

/// The accounts of a work (tài chính công trình).
#[derive(Debug, Clone, Default, Serialize, utoipa::ToSchema)]
pub struct Totals {
    /// Households on the list.
    pub households: i64,
    /// Shares by the rule, đồng.
    pub owed: i64,
    /// Exempted or reduced, đồng.
    pub reduced: i64,
    /// Households exempted or reduced.
    pub reduced_households: i64,
    /// Pledged, đồng.
    pub pledged: i64,
    /// Collected in cash (corrections included), đồng.
    pub cash: i64,
    /// Collected as labour days, at their value, đồng.
    pub labour: i64,
    /// Labour days, in tenths.
    pub labour_tenths: i64,
    /// Households that paid all they owe.
    pub paid_full: i64,
    /// Households that paid part.
    pub paid_part: i64,
    /// Households that owe something and paid nothing.
    pub unpaid: i64,
    /// Spent, đồng.
    pub spent: i64,
}

impl Totals {
    /// Owed after exemptions and reductions.
    pub fn due(&self) -> i64 {
        self.owed - self.reduced
    }

    /// Collected in all.
    pub fn collected(&self) -> i64 {
        self.cash + self.labour
    }

    /// The fund's balance: collected less spent.
    pub fn balance(&self) -> i64 {
        self.collected() - self.spent
    }
}

/// The accounts of a work: three queries (the households' accounts, payments by kind, spending).
pub async fn totals(db: &Db, work_id: i64) -> DbResult<Totals> {
    let mut t = Totals::default();
    for a in accounts(db, work_id).await? {
        t.households += 1;
        t.owed += a.owed;
        t.reduced += a.reduced;
        t.pledged += a.pledged;
        if a.reduced > 0 {
            t.reduced_households += 1;
        }
        if a.due() > 0 {
            if a.balance() <= 0 {
                t.paid_full += 1;
            } else if a.paid > 0 {
                t.paid_part += 1;
            } else {
                t.unpaid += 1;
            }
        }
    }
    let by_kind: Vec<(String, i64, i64)> = db
        .fetch_all(
            &query(
                "SELECT kind, CAST(SUM(amount) AS BIGINT), CAST(SUM(labour_tenths) AS BIGINT)
                 FROM works_payments WHERE work_id = $1 GROUP BY kind",
            )
            .bind(work_id),
        )
        .await?;
    for (kind, amount, tenths) in by_kind {
        if kind == super::kind::LABOUR {
            t.labour += amount;
            t.labour_tenths += tenths;
        } else {
            t.cash += amount;
        }
    }
    t.spent = db
        .scalar(
            &query(
                "SELECT CAST(COALESCE(SUM(amount), 0) AS BIGINT) FROM works_spendings WHERE work_id = $1",
            )
            .bind(work_id),
        )
        .await?;
    Ok(t)
}
