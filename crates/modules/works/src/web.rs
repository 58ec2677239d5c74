//! Pages of the community works capability: public pages of a unit's works and of each work
//! (its progress and, once published, its accounts); a household's own account and receipts;
//! work pages to record a work, exemptions and reductions, pledges, payments (one by one or
//! from a CSV file), corrections, milestones and spending, to publish the accounts and to export
//! the contributions. Server-rendered, no JavaScript; forms POST with the CSRF token and answer
//! 303 with a message.

use askama::Template;
use axum::Extension;
use axum::extract::{Path, State};
use axum::response::{IntoResponse, Response};
use dinh_platform::accounts::authorize;
use dinh_platform::db::query;
use dinh_platform::documents::{Download, DownloadKind, Sheet};
use dinh_platform::time::{show_date, today_vn};
use dinh_platform::units::Unit;
use dinh_platform::web::{AppError, AppState, Chrome, Ctx, ErrorKind, Form, render};
use dinh_platform::write::Actor;
use serde::Deserialize;

use crate::WorksModule;
use crate::permissions::{COLLECT, MANAGE};
use crate::store::{
    self, Account, CorrectionInput, MilestoneInput, PaymentInput, PledgeInput, ReductionInput,
    SpendingInput, Totals, Work, WorkInput, dong, kind, reduction, rule, show_days,
};

/// Most rows a list shows.
const LISTED: i64 = 500;

fn require_any(ctx: &Ctx, unit: &Unit) -> Result<(), AppError> {
    if ctx.principal.is_none() {
        return Err(AppError::new(ErrorKind::Unauthorized));
    }
    if ctx.may(&COLLECT, unit) || ctx.may(&MANAGE, unit) {
        return Ok(());
    }
    authorize(ctx.principal.as_ref(), &COLLECT, Some(unit))?;
    Ok(())
}

fn actor(ctx: &Ctx) -> Result<Actor<'_>, AppError> {
    ctx.principal
        .as_ref()
        .map(Actor::Person)
        .ok_or_else(|| AppError::new(ErrorKind::Unauthorized))
}

async fn unit_by_code(s: &AppState, code: &str) -> Result<Unit, AppError> {
    dinh_platform::units::store::by_code(&s.db, code)
        .await?
        .ok_or_else(AppError::not_found)
}

async fn work_of(s: &AppState, id: i64) -> Result<(Work, Unit), AppError> {
    let work = store::work(&s.db, id)
        .await?
        .ok_or_else(AppError::not_found)?;
    let unit = work.unit(&s.db).await?;
    Ok((work, unit))
}

/// The code of the household the signed-in person belongs to, if any.
async fn own_household(s: &AppState, ctx: &Ctx) -> Result<Option<String>, AppError> {
    let Some(p) = &ctx.principal else {
        return Ok(None);
    };
    let code: Option<(String,)> =
        s.db.fetch_optional(
            &query(
                "SELECT h.code FROM accounts a JOIN people p ON p.id = a.person_id
                 JOIN households h ON h.id = p.household_id WHERE a.id = $1",
            )
            .bind(p.account_id),
        )
        .await?;
    Ok(code.map(|(c,)| c))
}

/// Refuses unless the visitor collects for the unit or belongs to the household.
async fn may_see_household(
    s: &AppState,
    ctx: &Ctx,
    unit: &Unit,
    household: &str,
) -> Result<(), AppError> {
    if ctx.principal.is_none() {
        return Err(AppError::new(ErrorKind::Unauthorized));
    }
    if ctx.may(&COLLECT, unit) || own_household(s, ctx).await?.as_deref() == Some(household) {
        return Ok(());
    }
    authorize(ctx.principal.as_ref(), &COLLECT, Some(unit))?;
    Ok(())
}

/// A line of a list: link, label and a note.
pub(crate) struct Line {
    pub href: String,
    pub label: String,
    pub note: String,
}

/// A work's facts as its pages show them.
pub(crate) struct Facts {
    pub id: i64,
    pub name: String,
    pub unit_code: String,
    pub unit_name: String,
    pub purpose: String,
    pub estimate: String,
    pub funding: String,
    pub decision: String,
    pub decided: String,
    pub rule: String,
    pub day_value: String,
    pub published: String,
}

fn facts(ctx: &Ctx, w: &Work) -> Facts {
    let (vi, en) = rule::name(&w.rule);
    Facts {
        id: w.id,
        name: w.name.clone(),
        unit_code: w.unit_code.clone(),
        unit_name: w.unit_name.clone(),
        purpose: w.purpose.clone(),
        estimate: dong(w.estimate),
        funding: w.funding.clone(),
        decision: w.decision.clone(),
        decided: show_date(&w.decided_on),
        rule: format!("{} {}", dong(w.rate), ctx.tr.pick(vi, en)),
        day_value: dong(w.labour_day_value),
        published: w
            .accounts_published_on
            .as_deref()
            .map(show_date)
            .unwrap_or_default(),
    }
}

/// The accounts as pages show them.
pub(crate) struct Figures {
    pub households: String,
    pub owed: String,
    pub reduced: String,
    pub reduced_households: String,
    pub due: String,
    pub pledged: String,
    pub cash: String,
    pub labour: String,
    pub labour_days: String,
    pub collected: String,
    pub spent: String,
    pub balance: String,
    pub paid_full: String,
    pub paid_part: String,
    pub unpaid: String,
}

fn figures(ctx: &Ctx, t: &Totals) -> Figures {
    let n = |v: i64| ctx.tr.number(v);
    Figures {
        households: n(t.households),
        owed: dong(t.owed),
        reduced: dong(t.reduced),
        reduced_households: n(t.reduced_households),
        due: dong(t.due()),
        pledged: dong(t.pledged),
        cash: dong(t.cash),
        labour: dong(t.labour),
        labour_days: show_days(t.labour_tenths),
        collected: dong(t.collected()),
        spent: dong(t.spent),
        balance: dong(t.balance()),
        paid_full: n(t.paid_full),
        paid_part: n(t.paid_part),
        unpaid: n(t.unpaid),
    }
}

/// A household's account as a row.
pub(crate) struct AccountRow {
    pub code: String,
    pub representative: String,
    pub members: String,
    pub owed: String,
    pub reduced: String,
    pub pledged: String,
    pub paid: String,
    pub balance: String,
}

fn account_row(ctx: &Ctx, a: &Account) -> AccountRow {
    AccountRow {
        code: a.household_code.clone(),
        representative: a.representative.clone(),
        members: ctx.tr.number(a.members),
        owed: dong(a.owed),
        reduced: dong(a.reduced),
        pledged: dong(a.pledged),
        paid: dong(a.paid),
        balance: dong(a.balance()),
    }
}

#[derive(Template)]
#[template(path = "works/unit.html")]
struct UnitPage {
    c: Chrome,
    code: String,
    works: Vec<Line>,
    worker: bool,
}

fn work_line(w: Work, href: String) -> Line {
    Line {
        href,
        note: format!(
            "{} · {} · {}",
            w.unit_name,
            show_date(&w.decided_on),
            dong(w.estimate)
        ),
        label: w.name,
    }
}

/// `GET /units/{code}/works`: the works of a unit and the units under it.
pub(crate) async fn unit_page(
    State(s): State<AppState>,
    ctx: Ctx,
    Path(code): Path<String>,
) -> Result<Response, AppError> {
    let unit = unit_by_code(&s, &code).await?;
    let works = store::works_for_unit(&s.db, &unit.path, LISTED)
        .await?
        .into_iter()
        .map(|w| {
            let href = format!("/works/{}", w.id);
            work_line(w, href)
        })
        .collect();
    let page = UnitPage {
        c: ctx.chrome(format!(
            "{} · {}",
            ctx.tr.t("works_section_title"),
            unit.name
        )),
        worker: ctx.may(&COLLECT, &unit) || ctx.may(&MANAGE, &unit),
        code: unit.code,
        works,
    };
    Ok(render(&page)?.into_response())
}

#[derive(Template)]
#[template(path = "works/unit_work.html")]
struct UnitWorkPage {
    c: Chrome,
    code: String,
    works: Vec<Line>,
    can_manage: bool,
}

/// `GET /units/{code}/works/work`: the unit's works to act on and the form of a new work.
pub(crate) async fn unit_work(
    State(s): State<AppState>,
    ctx: Ctx,
    Path(code): Path<String>,
) -> Result<Response, AppError> {
    let unit = unit_by_code(&s, &code).await?;
    require_any(&ctx, &unit)?;
    let works = store::works_for_unit(&s.db, &unit.path, LISTED)
        .await?
        .into_iter()
        .map(|w| {
            let href = format!("/works/{}/work", w.id);
            work_line(w, href)
        })
        .collect();
    let page = UnitWorkPage {
        c: ctx.chrome(format!("{} · {}", ctx.tr.t("works_work_area"), unit.name)),
        can_manage: ctx.may(&MANAGE, &unit),
        code: unit.code,
        works,
    };
    Ok(render(&page)?.into_response())
}

/// A milestone as a row.
pub(crate) struct MilestoneRow {
    pub on: String,
    pub title: String,
    pub note: String,
}

/// Spending on an item as a row.
pub(crate) struct SpendingRow {
    pub item: String,
    pub amount: String,
    pub entries: String,
}

#[derive(Template)]
#[template(path = "works/work.html")]
struct WorkPage {
    c: Chrome,
    w: Facts,
    milestones: Vec<MilestoneRow>,
    figures: Option<Figures>,
    spending: Vec<SpendingRow>,
    mine: Option<String>,
    worker: bool,
}

async fn progress(s: &AppState, id: i64) -> Result<Vec<MilestoneRow>, AppError> {
    Ok(store::milestones(&s.db, id)
        .await?
        .into_iter()
        .map(|m| MilestoneRow {
            on: show_date(&m.reached_on),
            title: m.title,
            note: m.note,
        })
        .collect())
}

async fn spending(s: &AppState, ctx: &Ctx, id: i64) -> Result<Vec<SpendingRow>, AppError> {
    Ok(store::spendings(&s.db, id)
        .await?
        .into_iter()
        .map(|x| SpendingRow {
            item: x.item,
            amount: dong(x.amount),
            entries: ctx.tr.number(x.entries),
        })
        .collect())
}

/// `GET /works/{id}`: a work, its progress and, once published, its accounts.
pub(crate) async fn work_page(
    State(s): State<AppState>,
    ctx: Ctx,
    Path(id): Path<i64>,
) -> Result<Response, AppError> {
    let (work, unit) = work_of(&s, id).await?;
    let published = work.accounts_published_on.is_some();
    let figures = if published {
        Some(figures(&ctx, &store::totals(&s.db, id).await?))
    } else {
        None
    };
    let spending = if published {
        spending(&s, &ctx, id).await?
    } else {
        Vec::new()
    };
    let mut mine = own_household(&s, &ctx).await?;
    if let Some(code) = &mine
        && store::account(&s.db, id, code).await?.is_none()
    {
        mine = None;
    }
    let page = WorkPage {
        c: ctx.chrome(work.name.clone()),
        w: facts(&ctx, &work),
        milestones: progress(&s, id).await?,
        figures,
        spending,
        mine,
        worker: ctx.may(&COLLECT, &unit) || ctx.may(&MANAGE, &unit),
    };
    Ok(render(&page)?.into_response())
}

/// A payment as a row.
pub(crate) struct PaymentRow {
    pub id: i64,
    pub household: String,
    pub receipt: String,
    pub kind: String,
    pub amount: String,
    pub paid: String,
    pub note: String,
}

fn payment_row(ctx: &Ctx, p: store::Payment) -> PaymentRow {
    let (vi, en) = kind::name(&p.kind);
    let what = if p.kind == kind::LABOUR {
        format!(
            "{} ({} {})",
            ctx.tr.pick(vi, en),
            show_days(p.labour_tenths),
            ctx.tr.pick("ngày", "days")
        )
    } else {
        ctx.tr.pick(vi, en).to_owned()
    };
    PaymentRow {
        id: p.id,
        household: p.household_code,
        receipt: p.receipt_no,
        kind: if p.corrects_id.is_some() {
            format!("{what} · {}", ctx.tr.pick("điều chỉnh", "correction"))
        } else {
            what
        },
        amount: dong(p.amount),
        paid: show_date(&p.paid_on),
        note: p.note,
    }
}

#[derive(Template)]
#[template(path = "works/work_work.html")]
struct WorkWorkPage {
    c: Chrome,
    w: Facts,
    f: Figures,
    accounts: Vec<AccountRow>,
    payments: Vec<PaymentRow>,
    milestones: Vec<MilestoneRow>,
    spending: Vec<SpendingRow>,
    can_manage: bool,
    can_collect: bool,
    today: String,
}

/// `GET /works/{id}/work`: every household's account and the forms of the work.
pub(crate) async fn work_work(
    State(s): State<AppState>,
    ctx: Ctx,
    Path(id): Path<i64>,
) -> Result<Response, AppError> {
    let (work, unit) = work_of(&s, id).await?;
    require_any(&ctx, &unit)?;
    let can_collect = ctx.may(&COLLECT, &unit);
    let accounts = if can_collect {
        store::accounts(&s.db, id)
            .await?
            .iter()
            .map(|a| account_row(&ctx, a))
            .collect()
    } else {
        Vec::new()
    };
    let payments = store::payments_of(&s.db, id, None, 50)
        .await?
        .into_iter()
        .map(|p| payment_row(&ctx, p))
        .collect();
    let page = WorkWorkPage {
        c: ctx.chrome(format!(
            "{} · {}",
            work.name,
            ctx.tr.pick("Quản lý", "Manage")
        )),
        w: facts(&ctx, &work),
        f: figures(&ctx, &store::totals(&s.db, id).await?),
        accounts,
        payments,
        milestones: progress(&s, id).await?,
        spending: spending(&s, &ctx, id).await?,
        can_manage: ctx.may(&MANAGE, &unit),
        can_collect,
        today: today_vn().format("%d/%m/%Y").to_string(),
    };
    Ok(render(&page)?.into_response())
}

/// An exemption or reduction as a row.
pub(crate) struct ReductionRow {
    pub kind: String,
    pub amount: String,
    pub reason: String,
}

/// A pledge as a row.
pub(crate) struct PledgeRow {
    pub amount: String,
    pub on: String,
}

#[derive(Template)]
#[template(path = "works/household.html")]
struct HouseholdPage {
    c: Chrome,
    w: Facts,
    a: AccountRow,
    reductions: Vec<ReductionRow>,
    pledges: Vec<PledgeRow>,
    payments: Vec<PaymentRow>,
    can_collect: bool,
}

/// `GET /works/{id}/households/{household}`: a household's account, for the household itself
/// and the collectors.
pub(crate) async fn household_page(
    State(s): State<AppState>,
    ctx: Ctx,
    Path((id, household)): Path<(i64, String)>,
) -> Result<Response, AppError> {
    let (work, unit) = work_of(&s, id).await?;
    may_see_household(&s, &ctx, &unit, &household).await?;
    let account = store::account(&s.db, id, &household)
        .await?
        .ok_or_else(AppError::not_found)?;
    let reductions = store::reductions_of(&s.db, id, Some(household.as_str()))
        .await?
        .into_iter()
        .map(|r| {
            let (vi, en) = reduction::name(&r.kind);
            ReductionRow {
                kind: ctx.tr.pick(vi, en).to_owned(),
                amount: dong(r.amount),
                reason: r.reason,
            }
        })
        .collect();
    let pledges = store::pledges_of(&s.db, id, &household)
        .await?
        .into_iter()
        .map(|p| PledgeRow {
            amount: dong(p.amount),
            on: show_date(&p.pledged_on),
        })
        .collect();
    let payments = store::payments_of(&s.db, id, Some(household.as_str()), LISTED)
        .await?
        .into_iter()
        .map(|p| payment_row(&ctx, p))
        .collect();
    let page = HouseholdPage {
        c: ctx.chrome(format!(
            "{} {} · {}",
            ctx.tr.pick("Hộ", "Household"),
            account.household_code,
            work.name
        )),
        w: facts(&ctx, &work),
        a: account_row(&ctx, &account),
        reductions,
        pledges,
        payments,
        can_collect: ctx.may(&COLLECT, &unit),
    };
    Ok(render(&page)?.into_response())
}

/// `GET /works/receipts/{id}`: the receipt of a payment as PDF, for the household and the
/// collectors.
pub(crate) async fn receipt_pdf(
    State(s): State<AppState>,
    ctx: Ctx,
    Path(id): Path<i64>,
) -> Result<Response, AppError> {
    let payment = store::payment(&s.db, id)
        .await?
        .ok_or_else(AppError::not_found)?;
    let (work, unit) = work_of(&s, payment.work_id).await?;
    may_see_household(&s, &ctx, &unit, &payment.household_code).await?;
    let account = store::account(&s.db, work.id, &payment.household_code)
        .await?
        .ok_or_else(AppError::not_found)?;
    let corrects = match payment.corrects_id {
        Some(original) => store::payment(&s.db, original).await?.map(|p| p.receipt_no),
        None => None,
    };
    let bytes = crate::receipt::receipt(&work, &payment, &account, corrects.as_deref()).pdf()?;
    Ok(Download {
        bytes,
        kind: DownloadKind::Pdf,
        name: format!("Phiếu thu {}", payment.receipt_no),
    }
    .into_response())
}

async fn contributions(s: &AppState, ctx: &Ctx, id: i64) -> Result<(Work, Sheet), AppError> {
    let (work, unit) = work_of(s, id).await?;
    if ctx.principal.is_none() {
        return Err(AppError::new(ErrorKind::Unauthorized));
    }
    authorize(ctx.principal.as_ref(), &COLLECT, Some(&unit))?;
    let mut sheet = Sheet::new(
        format!("Đóng góp {}", work.name),
        &[
            "Mã hộ",
            "Đại diện hộ",
            "Nhân khẩu",
            "Phải đóng",
            "Miễn, giảm",
            "Đăng ký",
            "Đã đóng",
            "Còn phải đóng",
        ],
    );
    for a in store::accounts(&s.db, id).await? {
        sheet.push(vec![
            a.household_code.clone(),
            a.representative.clone(),
            a.members.to_string(),
            a.owed.to_string(),
            a.reduced.to_string(),
            a.pledged.to_string(),
            a.paid.to_string(),
            a.balance().to_string(),
        ]);
    }
    Ok((work, sheet))
}

/// `GET /works/{id}/contributions.csv`: every household's contributions as CSV.
pub(crate) async fn export_csv(
    State(s): State<AppState>,
    ctx: Ctx,
    Path(id): Path<i64>,
) -> Result<Response, AppError> {
    let (work, sheet) = contributions(&s, &ctx, id).await?;
    Ok(Download {
        bytes: sheet.csv()?,
        kind: DownloadKind::Csv,
        name: format!("Đóng góp {}", work.name),
    }
    .into_response())
}

/// `GET /works/{id}/contributions.xlsx`: every household's contributions as XLSX.
pub(crate) async fn export_xlsx(
    State(s): State<AppState>,
    ctx: Ctx,
    Path(id): Path<i64>,
) -> Result<Response, AppError> {
    let (work, sheet) = contributions(&s, &ctx, id).await?;
    Ok(Download {
        bytes: sheet.xlsx()?,
        kind: DownloadKind::Xlsx,
        name: format!("Đóng góp {}", work.name),
    }
    .into_response())
}

/// The fields of the new work form.
#[derive(Deserialize)]
pub(crate) struct WorkFields {
    #[serde(default)]
    name: String,
    #[serde(default)]
    purpose: String,
    #[serde(default)]
    estimate: String,
    #[serde(default)]
    funding: String,
    #[serde(default)]
    decision: String,
    #[serde(default)]
    decided_on: String,
    #[serde(default)]
    rule: String,
    #[serde(default)]
    rate: String,
    #[serde(default)]
    labour_day_value: String,
}

/// `POST /units/{code}/works`: records a work; on to its work page.
pub(crate) async fn create(
    State(s): State<AppState>,
    ctx: Ctx,
    Path(code): Path<String>,
    Form(f): Form<WorkFields>,
) -> Result<Response, AppError> {
    let input = WorkInput {
        unit_code: code,
        name: f.name,
        purpose: f.purpose,
        estimate: f.estimate,
        funding: f.funding,
        decision: f.decision,
        decided_on: f.decided_on,
        rule: f.rule,
        rate: f.rate,
        labour_day_value: f.labour_day_value,
    };
    let id = store::record_work(&s.db, actor(&ctx)?, &input).await?;
    saved(&s, &ctx, id).await
}

async fn saved(s: &AppState, ctx: &Ctx, id: i64) -> Result<Response, AppError> {
    ctx.redirect_with_flash(&s.db, &format!("/works/{id}/work"), ctx.tr.t("works_saved"))
        .await
}

/// The fields of the reduction form.
#[derive(Deserialize)]
pub(crate) struct ReductionFields {
    #[serde(default)]
    household_code: String,
    #[serde(default)]
    kind: String,
    #[serde(default)]
    amount: String,
    #[serde(default)]
    reason: String,
}

/// `POST /works/{id}/reductions`: exempts or reduces a household's share.
pub(crate) async fn reduce(
    State(s): State<AppState>,
    ctx: Ctx,
    Path(id): Path<i64>,
    Form(f): Form<ReductionFields>,
) -> Result<Response, AppError> {
    let input = ReductionInput {
        household_code: f.household_code,
        kind: f.kind,
        amount: f.amount,
        reason: f.reason,
    };
    store::record_reduction(&s.db, actor(&ctx)?, id, &input).await?;
    saved(&s, &ctx, id).await
}

/// The fields of the pledge form.
#[derive(Deserialize)]
pub(crate) struct PledgeFields {
    #[serde(default)]
    household_code: String,
    #[serde(default)]
    amount: String,
    #[serde(default)]
    pledged_on: String,
}

/// `POST /works/{id}/pledges`: records a household's pledge.
pub(crate) async fn pledge(
    State(s): State<AppState>,
    ctx: Ctx,
    Path(id): Path<i64>,
    Form(f): Form<PledgeFields>,
) -> Result<Response, AppError> {
    let input = PledgeInput {
        household_code: f.household_code,
        amount: f.amount,
        pledged_on: f.pledged_on,
    };
    store::pledge(&s.db, actor(&ctx)?, id, &input).await?;
    saved(&s, &ctx, id).await
}

/// The fields of the payment form.
#[derive(Deserialize)]
pub(crate) struct PaymentFields {
    #[serde(default)]
    household_code: String,
    #[serde(default)]
    receipt_no: String,
    #[serde(default)]
    kind: String,
    #[serde(default)]
    amount: String,
    #[serde(default)]
    days: String,
    #[serde(default)]
    paid_on: String,
    #[serde(default)]
    note: String,
}

/// `POST /works/{id}/payments`: records a payment; on to the household's account.
pub(crate) async fn pay(
    State(s): State<AppState>,
    ctx: Ctx,
    Path(id): Path<i64>,
    Form(f): Form<PaymentFields>,
) -> Result<Response, AppError> {
    let household = f.household_code.trim().to_owned();
    let input = PaymentInput {
        household_code: f.household_code,
        receipt_no: f.receipt_no,
        kind: f.kind,
        amount: f.amount,
        days: f.days,
        paid_on: f.paid_on,
        note: f.note,
    };
    store::pay(&s.db, actor(&ctx)?, id, &input).await?;
    ctx.redirect_with_flash(
        &s.db,
        &format!(
            "/works/{id}/households/{}",
            dinh_platform::web::urlencode(&household)
        ),
        ctx.tr.pick(
            "Đã ghi khoản đóng góp và phiếu thu.",
            "Payment and receipt recorded.",
        ),
    )
    .await
}

/// The fields of the import form (the file's text pasted).
#[derive(Deserialize)]
pub(crate) struct ImportFields {
    #[serde(default)]
    csv: String,
}

/// `POST /works/{id}/import`: imports payments from CSV text, refused whole on a bad line.
pub(crate) async fn import(
    State(s): State<AppState>,
    ctx: Ctx,
    Path(id): Path<i64>,
    Form(f): Form<ImportFields>,
) -> Result<Response, AppError> {
    let summary = store::import_payments(&s.db, actor(&ctx)?, id, f.csv.as_bytes()).await?;
    let message = format!(
        "{} {} · {}",
        ctx.tr.pick("Đã ghi", "Recorded"),
        ctx.tr
            .number(i64::try_from(summary.payments).unwrap_or(i64::MAX)),
        dong(summary.amount)
    );
    ctx.redirect_with_flash(&s.db, &format!("/works/{id}/work"), &message)
        .await
}

/// The fields of the correction form.
#[derive(Deserialize)]
pub(crate) struct CorrectionFields {
    #[serde(default)]
    right: String,
    #[serde(default)]
    receipt_no: String,
    #[serde(default)]
    note: String,
}

/// `POST /works/receipts/{id}/correct`: corrects a receipt by a new entry.
pub(crate) async fn correct(
    State(s): State<AppState>,
    ctx: Ctx,
    Path(id): Path<i64>,
    Form(f): Form<CorrectionFields>,
) -> Result<Response, AppError> {
    let input = CorrectionInput {
        right: f.right,
        receipt_no: f.receipt_no,
        note: f.note,
    };
    let new = store::correct(&s.db, actor(&ctx)?, id, &input).await?;
    let p = store::payment(&s.db, new)
        .await?
        .ok_or_else(AppError::not_found)?;
    ctx.redirect_with_flash(
        &s.db,
        &format!(
            "/works/{}/households/{}",
            p.work_id,
            dinh_platform::web::urlencode(&p.household_code)
        ),
        ctx.tr.t("works_saved"),
    )
    .await
}

/// The fields of the milestone form.
#[derive(Deserialize)]
pub(crate) struct MilestoneFields {
    #[serde(default)]
    reached_on: String,
    #[serde(default)]
    title: String,
    #[serde(default)]
    note: String,
}

/// `POST /works/{id}/milestones`: records a milestone.
pub(crate) async fn milestone(
    State(s): State<AppState>,
    ctx: Ctx,
    Path(id): Path<i64>,
    Form(f): Form<MilestoneFields>,
) -> Result<Response, AppError> {
    let input = MilestoneInput {
        reached_on: f.reached_on,
        title: f.title,
        note: f.note,
    };
    store::record_milestone(&s.db, actor(&ctx)?, id, &input).await?;
    saved(&s, &ctx, id).await
}

/// The fields of the spending form.
#[derive(Deserialize)]
pub(crate) struct SpendingFields {
    #[serde(default)]
    item: String,
    #[serde(default)]
    amount: String,
    #[serde(default)]
    spent_on: String,
    #[serde(default)]
    document: String,
}

/// `POST /works/{id}/spendings`: records spending on an item.
pub(crate) async fn spend(
    State(s): State<AppState>,
    ctx: Ctx,
    Path(id): Path<i64>,
    Form(f): Form<SpendingFields>,
) -> Result<Response, AppError> {
    let input = SpendingInput {
        item: f.item,
        amount: f.amount,
        spent_on: f.spent_on,
        document: f.document,
    };
    store::record_spending(&s.db, actor(&ctx)?, id, &input).await?;
    saved(&s, &ctx, id).await
}

/// The fields of the publication form.
#[derive(Deserialize)]
pub(crate) struct PublishFields {
    #[serde(default)]
    on: String,
}

/// `POST /works/{id}/publish`: publishes the accounts on the portal.
pub(crate) async fn publish(
    Extension(m): Extension<WorksModule>,
    State(s): State<AppState>,
    ctx: Ctx,
    Path(id): Path<i64>,
    Form(f): Form<PublishFields>,
) -> Result<Response, AppError> {
    store::publish_accounts(&m, &s.db, actor(&ctx)?, id, &f.on).await?;
    ctx.redirect_with_flash(
        &s.db,
        &format!("/works/{id}"),
        ctx.tr.pick(
            "Đã công khai tài chính công trình.",
            "The accounts are published.",
        ),
    )
    .await
}
