//! Heads' reception schedules (lịch tiếp công dân), the sessions held, their compliance with
//! the rule pack's frequency, and the reception book (sổ tiếp công dân, Luật Tiếp công dân
//! 2013 Điều 25(2)).

use chrono::{Datelike, Duration, NaiveDate};
use dinh_platform::accounts::Principal;
use dinh_platform::audit::{self, Change};
use dinh_platform::db::{Db, Tx, ids::next_id, query};
use dinh_platform::units::Unit;
use dinh_platform::web::AppError;
use dinh_rules::{Frequency, Per, RulePack};
use serde::Serialize;
use serde_json::json;

use super::scope::allow;
use crate::PetitionsModule;
use crate::input::{BadInput, MAX_SHORT, MAX_TEXT, optional, required};
use crate::permissions::{HANDLE, VIEW};

/// The heads who must receive citizens, by position.
pub const POSITIONS: [&str; 5] = [
    "commune_chairman",
    "commune_party_secretary",
    "provincial_chairman",
    "provincial_party_secretary",
    "agency_head",
];

/// The frequency a position must meet under `pack`.
pub fn frequency<'a>(pack: &'a RulePack, position: &str) -> Option<&'a Frequency> {
    let r = &pack.reception;
    Some(match position {
        "commune_chairman" => &r.commune_chairman,
        "commune_party_secretary" => &r.commune_party_secretary,
        "provincial_chairman" => &r.provincial_chairman,
        "provincial_party_secretary" => &r.provincial_party_secretary,
        "agency_head" => &r.agency_head,
        _ => return None,
    })
}

/// A head (người đứng đầu).
#[derive(Debug, Clone, Serialize, sqlx::FromRow, utoipa::ToSchema)]
pub struct Head {
    /// Id.
    pub id: i64,
    /// Unit.
    pub unit_id: i64,
    /// Name.
    pub full_name: String,
    /// Position code.
    pub position: String,
}

/// A reception day, planned or held.
#[derive(Debug, Clone, Serialize, sqlx::FromRow, utoipa::ToSchema)]
pub struct SessionRow {
    /// Id.
    pub id: i64,
    /// Head.
    pub head_id: i64,
    /// Day (ISO).
    pub day: String,
    /// Place.
    pub place: String,
    /// Day the schedule was published (ISO).
    pub published_on: String,
    /// `planned`, `held`, `cancelled`.
    pub status: String,
    /// Who actually received, when not the head.
    pub received_by: Option<String>,
    /// Received by someone else.
    pub delegated: bool,
    /// Delegation was forbidden by the rules in force that day.
    pub delegation_forbidden: bool,
    /// Citizens received.
    pub citizens: i64,
}

/// Adds a head at `unit`.
pub async fn add_head(
    db: &Db,
    p: Option<&Principal>,
    unit: &Unit,
    name: &str,
    position: &str,
) -> Result<i64, AppError> {
    allow(p, &HANDLE, unit)?;
    let name = required("full_name", name, MAX_SHORT)?;
    if !POSITIONS.contains(&position) {
        return Err(BadInput("position: choose one of the listed positions".into()).into());
    }
    let id = next_id();
    let actor = p.map_or_else(String::new, Principal::actor);
    let mut tx = db.begin().await?;
    tx.execute(&query("INSERT INTO petition_heads (id, unit_id, full_name, position, created_at) VALUES ($1, $2, $3, $4, $5)").bind(id).bind(unit.id).bind(name.as_str()).bind(position).bind(dinh_platform::time::now_rfc3339())).await?;
    audit::record(
        &mut tx,
        Change {
            actor: &actor,
            action: "petitions.head_add",
            object_type: "petition_head",
            object_id: &id.to_string(),
            before: None,
            after: Some(json!({"unit": unit.code, "name": name, "position": position})),
        },
    )
    .await?;
    tx.commit().await?;
    Ok(id)
}

/// The heads of a unit.
pub async fn heads(db: &Db, p: Option<&Principal>, unit: &Unit) -> Result<Vec<Head>, AppError> {
    allow(p, &VIEW, unit)?;
    Ok(heads_public(db, unit).await?)
}

/// The heads of a unit (public: their schedules are published).
pub async fn heads_public(db: &Db, unit: &Unit) -> anyhow::Result<Vec<Head>> {
    Ok(db.fetch_all(&query("SELECT id, unit_id, full_name, position FROM petition_heads WHERE unit_id = $1 ORDER BY position, full_name").bind(unit.id)).await?)
}

/// A head by id, or 404.
pub(crate) async fn head_of(db: &Db, id: i64) -> Result<Head, AppError> {
    db.fetch_optional(
        &query("SELECT id, unit_id, full_name, position FROM petition_heads WHERE id = $1")
            .bind(id),
    )
    .await?
    .ok_or_else(AppError::not_found)
}

/// Plans (publishes) a reception day for a head.
pub async fn plan(
    m: &PetitionsModule,
    db: &Db,
    p: Option<&Principal>,
    head_id: i64,
    day: NaiveDate,
    place: &str,
    published_on: NaiveDate,
) -> Result<i64, AppError> {
    let head = head_of(db, head_id).await?;
    let unit = super::unit_by_id(db, head.unit_id).await?;
    allow(p, &HANDLE, &unit)?;
    let place = required("place", place, MAX_SHORT)?;
    if published_on > day {
        return Err(BadInput("published_on: after the reception day".into()).into());
    }
    let pack = m
        .rules()
        .in_force_on(day)
        .map_err(|e| BadInput(format!("day: {e}")))?;
    let id = next_id();
    let actor = p.map_or_else(String::new, Principal::actor);
    let mut tx = db.begin().await?;
    tx.execute(&query("INSERT INTO petition_sessions (id, head_id, unit_id, day, place, published_on, pack_id, status, delegation_forbidden, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, 'planned', $8, $9)")
        .bind(id).bind(head.id).bind(unit.id).bind(day).bind(place.as_str()).bind(published_on).bind(pack.id.as_str())
        .bind(!pack.reception.delegation_to_deputy_allowed.value).bind(dinh_platform::time::now_rfc3339())).await?;
    audit::record(
        &mut tx,
        Change {
            actor: &actor,
            action: "petitions.session_plan",
            object_type: "petition_session",
            object_id: &id.to_string(),
            before: None,
            after: Some(
                json!({"head": head.id, "day": day, "place": place, "published_on": published_on}),
            ),
        },
    )
    .await?;
    tx.commit().await?;
    Ok(id)
}

/// Records that a planned day was held (`received_by`: None when the head received in
/// person) or cancelled (`held = false`).
pub async fn record_held(
    db: &Db,
    p: Option<&Principal>,
    session_id: i64,
    held: bool,
    received_by: Option<&str>,
    citizens: i64,
) -> Result<(), AppError> {
    let s: SessionRow = db
        .fetch_optional(&query("SELECT id, head_id, day, place, published_on, status, received_by, delegated, delegation_forbidden, citizens FROM petition_sessions WHERE id = $1").bind(session_id))
        .await?
        .ok_or_else(AppError::not_found)?;
    let head = head_of(db, s.head_id).await?;
    let unit = super::unit_by_id(db, head.unit_id).await?;
    allow(p, &HANDLE, &unit)?;
    let by = optional("received_by", received_by.unwrap_or(""), MAX_SHORT)?;
    if !(0..=10_000).contains(&citizens) {
        return Err(BadInput("citizens: between 0 and 10000".into()).into());
    }
    let delegated = by.as_deref().is_some_and(|b| b != head.full_name);
    let actor = p.map_or_else(String::new, Principal::actor);
    let mut tx = db.begin().await?;
    tx.execute(&query("UPDATE petition_sessions SET status = $1, received_by = $2, delegated = $3, citizens = $4 WHERE id = $5")
        .bind(if held { "held" } else { "cancelled" }).bind(by.clone()).bind(delegated).bind(citizens).bind(session_id)).await?;
    audit::record(&mut tx, Change { actor: &actor, action: "petitions.session_record", object_type: "petition_session", object_id: &session_id.to_string(), before: Some(json!({"status": s.status})), after: Some(json!({"held": held, "received_by": by, "delegated": delegated, "citizens": citizens})) }).await?;
    tx.commit().await?;
    Ok(())
}

/// The sessions of a unit between two days (public: the schedule is published).
pub async fn sessions(
    db: &Db,
    unit: &Unit,
    from: NaiveDate,
    to: NaiveDate,
) -> anyhow::Result<Vec<SessionRow>> {
    Ok(db.fetch_all(&query("SELECT id, head_id, day, place, published_on, status, received_by, delegated, delegation_forbidden, citizens FROM petition_sessions WHERE unit_id = $1 AND day >= $2 AND day <= $3 ORDER BY day, id").bind(unit.id).bind(from).bind(to)).await?)
}

/// Compliance of one head in one month (tuân thủ lịch tiếp công dân).
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct Compliance {
    /// Head.
    pub head_id: i64,
    /// Name.
    pub full_name: String,
    /// Position.
    pub position: String,
    /// Month, `yyyy-mm`.
    pub month: String,
    /// Days required by the pack (per week: in every week of the month).
    pub required: u32,
    /// Days held that count (in person, or delegated where allowed).
    pub held: u32,
    /// Days received by someone else where the rules forbid it.
    pub delegated_forbidden: u32,
    /// Days whose schedule was posted later than the pack allows.
    pub published_late: u32,
    /// Every week or the month met its minimum.
    pub compliant: bool,
    /// The citation of the frequency.
    pub citation: String,
}

fn month_bounds(first: NaiveDate) -> (NaiveDate, NaiveDate) {
    let next = first
        .checked_add_months(chrono::Months::new(1))
        .unwrap_or(first);
    (first, next - Duration::days(1))
}

/// Compliance of each head of `unit` for the month starting `first`.
pub async fn compliance(
    m: &PetitionsModule,
    db: &Db,
    unit: &Unit,
    first: NaiveDate,
) -> anyhow::Result<Vec<Compliance>> {
    let (from, to) = month_bounds(first);
    let pack = m.rules().in_force_on(first)?;
    // Weeks that start in the month run into the next one: read through their Sundays.
    let all = sessions(db, unit, from, to + Duration::days(6)).await?;
    let mut out = Vec::new();
    for head in heads_public(db, unit).await? {
        let Some(freq) = frequency(pack, &head.position) else {
            continue;
        };
        let to_iso = to.format("%Y-%m-%d").to_string();
        let mine: Vec<&SessionRow> = all.iter().filter(|s| s.head_id == head.id).collect();
        let in_month: Vec<&SessionRow> = mine.iter().copied().filter(|s| s.day <= to_iso).collect();
        let counts =
            |s: &&&SessionRow| s.status == "held" && !(s.delegated && s.delegation_forbidden);
        let held_days: Vec<NaiveDate> = mine
            .iter()
            .filter(counts)
            .filter_map(|s| dinh_platform::time::parse_date(&s.day))
            .collect();
        let posted = pack.reception.schedule_posted.period();
        let published_late = in_month
            .iter()
            .filter(|s| {
                let (Some(day), Some(pubd)) = (
                    dinh_platform::time::parse_date(&s.day),
                    dinh_platform::time::parse_date(&s.published_on),
                ) else {
                    return false;
                };
                m.calendar()
                    .latest_date_before(day, posted)
                    .is_ok_and(|latest| pubd > latest)
            })
            .count();
        let in_month_held = held_days.iter().filter(|d| **d <= to).count();
        let (required, held, compliant) = match freq.per {
            Per::Week => {
                // Every Monday-to-Sunday week that starts in the month.
                let mut monday = from;
                while monday.weekday() != chrono::Weekday::Mon {
                    monday += Duration::days(1);
                }
                let mut weeks = 0;
                let mut ok = true;
                while monday <= to {
                    weeks += 1;
                    let end = monday + Duration::days(6);
                    let n = held_days
                        .iter()
                        .filter(|d| **d >= monday && **d <= end)
                        .count();
                    ok &= n >= freq.times as usize;
                    monday += Duration::days(7);
                }
                (weeks * freq.times, held_days.len(), ok)
            }
            Per::Month => (
                freq.times,
                in_month_held,
                in_month_held >= freq.times as usize,
            ),
            Per::Quarter | Per::Year => (0, in_month_held, true),
        };
        out.push(Compliance {
            head_id: head.id,
            full_name: head.full_name.clone(),
            position: head.position.clone(),
            month: first.format("%Y-%m").to_string(),
            required,
            held: u32::try_from(held).unwrap_or(u32::MAX),
            delegated_forbidden: u32::try_from(
                in_month
                    .iter()
                    .filter(|s| s.status == "held" && s.delegated && s.delegation_forbidden)
                    .count(),
            )
            .unwrap_or(0),
            published_late: u32::try_from(published_late).unwrap_or(0),
            compliant,
            citation: freq.citation().to_owned(),
        });
    }
    Ok(out)
}

/// A reception book entry as typed (Điều 25(2)).
#[derive(Debug, Clone, Default)]
pub struct NewEntry {
    /// Session it belongs to, if any.
    pub session_id: Option<i64>,
    /// Day.
    pub entry_date: Option<NaiveDate>,
    /// Họ tên.
    pub citizen_name: String,
    /// Địa chỉ.
    pub citizen_address: String,
    /// Nội dung.
    pub content: String,
    /// Quá trình giải quyết trước đó.
    pub earlier_handling: String,
    /// Yêu cầu của người đến.
    pub request: String,
    /// Việc tiếp nhận, xử lý.
    pub handling: String,
    /// Record of what a citizen without a written petition said (to be signed).
    pub oral_record: String,
    /// The citizen signed the record.
    pub signed: bool,
    /// A denunciation: the name and address are kept out of the book.
    pub protected: bool,
    /// The case opened from this entry.
    pub case_id: Option<i64>,
}

/// A stored entry.
#[derive(Debug, Clone, Serialize, sqlx::FromRow, utoipa::ToSchema)]
pub struct EntryRow {
    /// Id.
    pub id: i64,
    /// Số thứ tự in the year.
    pub number: i64,
    /// Year.
    pub year: i64,
    /// Day (ISO).
    pub entry_date: String,
    /// Name (None when protected).
    pub citizen_name: Option<String>,
    /// Address (None when protected).
    pub citizen_address: Option<String>,
    /// Content.
    pub content: String,
    /// Earlier handling.
    pub earlier_handling: String,
    /// Request.
    pub request: String,
    /// Handling.
    pub handling: String,
    /// Oral record.
    pub oral_record: Option<String>,
    /// Signed.
    pub signed: bool,
    /// Protected.
    pub protected: bool,
    /// Case opened.
    pub case_id: Option<i64>,
}

/// Checks an entry; every error names the field.
pub fn check_entry(e: &NewEntry) -> Result<NaiveDate, BadInput> {
    let date = e
        .entry_date
        .ok_or_else(|| BadInput("entry_date: required".into()))?;
    if !e.protected {
        required("citizen_name", &e.citizen_name, MAX_SHORT)?;
        required("citizen_address", &e.citizen_address, MAX_SHORT)?;
    }
    required("content", &e.content, MAX_TEXT)?;
    optional("earlier_handling", &e.earlier_handling, MAX_TEXT)?;
    required("request", &e.request, MAX_TEXT)?;
    required("handling", &e.handling, MAX_TEXT)?;
    optional("oral_record", &e.oral_record, MAX_TEXT)?;
    Ok(date)
}

/// Writes an entry in the book of `unit` (sổ tiếp công dân), numbered in its year.
pub async fn add_entry(
    db: &Db,
    p: Option<&Principal>,
    unit: &Unit,
    e: NewEntry,
) -> Result<EntryRow, AppError> {
    allow(p, &HANDLE, unit)?;
    check_entry(&e)?;
    let mut tx = db.begin().await?;
    let row = add_entry_in(&mut tx, p, unit, e).await?;
    tx.commit().await?;
    Ok(row)
}

/// Writes an entry in the book inside `tx` (the reception desk writes the case it opens in
/// the same transaction), with its audit entry.
pub(crate) async fn add_entry_in(
    tx: &mut Tx,
    p: Option<&Principal>,
    unit: &Unit,
    e: NewEntry,
) -> Result<EntryRow, AppError> {
    allow(p, &HANDLE, unit)?;
    let date = check_entry(&e)?;
    let year = i64::from(date.year());
    let id = next_id();
    let actor = p.map_or_else(String::new, Principal::actor);
    let (name, address) = if e.protected {
        (None, None)
    } else {
        (
            Some(e.citizen_name.trim().to_owned()),
            Some(e.citizen_address.trim().to_owned()),
        )
    };
    let number: i64 = tx.scalar(&query("SELECT COALESCE(MAX(number), 0) + 1 FROM petition_book WHERE unit_id = $1 AND year = $2").bind(unit.id).bind(year)).await?;
    let oral = optional("oral_record", &e.oral_record, MAX_TEXT)?;
    tx.execute(&query("INSERT INTO petition_book (id, unit_id, session_id, number, year, entry_date, citizen_name, citizen_address, content, earlier_handling, request, handling, oral_record, signed, protected, case_id, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17)")
        .bind(id).bind(unit.id).bind(e.session_id).bind(number).bind(year).bind(date).bind(name.clone()).bind(address.clone())
        .bind(e.content.trim()).bind(e.earlier_handling.trim()).bind(e.request.trim()).bind(e.handling.trim()).bind(oral.clone())
        .bind(e.signed).bind(e.protected).bind(e.case_id).bind(dinh_platform::time::now_rfc3339())).await?;
    audit::record(tx, Change { actor: &actor, action: "petitions.book_entry", object_type: "petition_book", object_id: &id.to_string(), before: None, after: Some(json!({"unit": unit.code, "number": number, "year": year, "protected": e.protected, "case": e.case_id})) }).await?;
    Ok(EntryRow {
        id,
        number,
        year,
        entry_date: date.format("%Y-%m-%d").to_string(),
        citizen_name: name,
        citizen_address: address,
        content: e.content.trim().to_owned(),
        earlier_handling: e.earlier_handling.trim().to_owned(),
        request: e.request.trim().to_owned(),
        handling: e.handling.trim().to_owned(),
        oral_record: oral,
        signed: e.signed,
        protected: e.protected,
        case_id: e.case_id,
    })
}

/// The book of `unit` for `year`, in order.
pub async fn book(
    db: &Db,
    p: Option<&Principal>,
    unit: &Unit,
    year: i32,
) -> Result<Vec<EntryRow>, AppError> {
    allow(p, &VIEW, unit)?;
    Ok(db.fetch_all(&query("SELECT id, number, year, entry_date, citizen_name, citizen_address, content, earlier_handling, request, handling, oral_record, signed, protected, case_id FROM petition_book WHERE unit_id = $1 AND year = $2 ORDER BY number").bind(unit.id).bind(i64::from(year))).await?)
}
