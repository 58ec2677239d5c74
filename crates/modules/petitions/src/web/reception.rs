//! Reception pages: the public schedule of heads (lịch tiếp công dân), the officers' page with
//! compliance per head and month, sessions and the reception book, and the book as CSV.

use askama::Template;
use axum::Extension;
use axum::extract::{Path, Query, State};
use axum::response::{IntoResponse, Redirect, Response};
use chrono::{Datelike, Duration};
use dinh_platform::time::{show_date, today_vn};
use dinh_platform::uploads::FormWithFiles;
use dinh_platform::web::{AppError, AppState, Chrome, Ctx, render};
use serde::Deserialize;

use crate::PetitionsModule;
use crate::api::{MonthQuery, month_start};
use crate::input::{self, flag};
use crate::kinds::{CaseKind, Channel};
use crate::permissions::{HANDLE, VIEW};
use crate::protect::Identity;
use crate::store::cases::NewCase;
use crate::store::desk::receive_at_desk;
use crate::store::files::{CaseFiles, FileLimits};
use crate::store::reception::{self, Compliance, EntryRow, Head, NewEntry, SessionRow};
use crate::store::scope::allow;
use crate::store::unit_by_code;

/// The label key of a head's position.
pub(crate) fn position_key(p: &str) -> &'static str {
    match p {
        "commune_chairman" => "pet_pos_commune_chairman",
        "commune_party_secretary" => "pet_pos_commune_party_secretary",
        "provincial_chairman" => "pet_pos_provincial_chairman",
        "provincial_party_secretary" => "pet_pos_provincial_party_secretary",
        _ => "pet_pos_agency_head",
    }
}

struct SessionLine {
    id: i64,
    head_id: i64,
    day: String,
    head: String,
    position: &'static str,
    place: String,
    status: String,
    received_by: String,
    flagged: bool,
}

fn lines(ss: &[SessionRow], heads: &[Head], c: &Ctx) -> Vec<SessionLine> {
    ss.iter()
        .map(|s| {
            let h = heads.iter().find(|h| h.id == s.head_id);
            SessionLine {
                id: s.id,
                head_id: s.head_id,
                day: show_date(&s.day),
                head: h.map(|h| h.full_name.clone()).unwrap_or_default(),
                position: c
                    .tr
                    .t(h.map_or("pet_pos_agency_head", |h| position_key(&h.position))),
                place: s.place.clone(),
                status: s.status.clone(),
                received_by: s.received_by.clone().unwrap_or_default(),
                flagged: s.delegated && s.delegation_forbidden,
            }
        })
        .collect()
}

#[derive(Template)]
#[template(path = "petitions/schedule.html")]
struct SchedulePage {
    c: Chrome,
    unit_code: String,
    heads: Vec<(i64, String, &'static str)>,
    sessions: Vec<SessionLine>,
}

/// `GET /units/{code}/reception/schedule`: the published schedule (public).
pub(crate) async fn public_schedule(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(code): Path<String>,
) -> Result<Response, AppError> {
    let unit = unit_by_code(&state.db, &code).await?;
    let today = today_vn();
    let heads = reception::heads_public(&state.db, &unit).await?;
    let ss = reception::sessions(&state.db, &unit, today, today + Duration::days(62)).await?;
    let ss: Vec<SessionRow> = ss.into_iter().filter(|s| s.status != "cancelled").collect();
    let page = SchedulePage {
        c: ctx.chrome(format!("{} · {}", ctx.tr.t("pet_schedule"), unit.name)),
        unit_code: unit.code.clone(),
        heads: heads
            .iter()
            .map(|h| {
                (
                    h.id,
                    h.full_name.clone(),
                    ctx.tr.t(position_key(&h.position)),
                )
            })
            .collect(),
        sessions: lines(&ss, &heads, &ctx),
    };
    Ok(render(&page)?.into_response())
}

struct ComplianceLine {
    name: String,
    position: &'static str,
    required: u32,
    held: u32,
    delegated_forbidden: u32,
    published_late: u32,
    compliant: bool,
    citation: String,
}

impl ComplianceLine {
    fn of(x: &Compliance, c: &Ctx) -> Self {
        Self {
            name: x.full_name.clone(),
            position: c.tr.t(position_key(&x.position)),
            required: x.required,
            held: x.held,
            delegated_forbidden: x.delegated_forbidden,
            published_late: x.published_late,
            compliant: x.compliant,
            citation: x.citation.clone(),
        }
    }
}

#[derive(Template)]
#[template(path = "petitions/reception.html")]
struct ReceptionPage {
    c: Chrome,
    unit_code: String,
    month: String,
    heads: Vec<(i64, String, &'static str)>,
    compliance: Vec<ComplianceLine>,
    sessions: Vec<SessionLine>,
    book: Vec<EntryRow>,
    year: i32,
    can_handle: bool,
    today: String,
    upload_mb: u64,
    upload_files: usize,
}

/// `GET /units/{code}/reception?month=yyyy-mm`.
pub(crate) async fn page(
    Extension(m): Extension<PetitionsModule>,
    State(state): State<AppState>,
    ctx: Ctx,
    Path(code): Path<String>,
    Query(q): Query<MonthQuery>,
) -> Result<Response, AppError> {
    let unit = unit_by_code(&state.db, &code).await?;
    allow(ctx.principal.as_ref(), &VIEW, &unit)?;
    let first = month_start(q.month.as_deref())?;
    let last = first
        .checked_add_months(chrono::Months::new(1))
        .unwrap_or(first)
        - Duration::days(1);
    let heads = reception::heads(&state.db, ctx.principal.as_ref(), &unit).await?;
    let ss = reception::sessions(&state.db, &unit, first, last).await?;
    let comp = reception::compliance(&m, &state.db, &unit, first).await?;
    let mut book = reception::book(&state.db, ctx.principal.as_ref(), &unit, first.year()).await?;
    for b in &mut book {
        b.entry_date = show_date(&b.entry_date);
    }
    let page = ReceptionPage {
        c: ctx.chrome(format!("{} · {}", ctx.tr.t("pet_reception"), unit.name)),
        unit_code: unit.code.clone(),
        month: first.format("%Y-%m").to_string(),
        heads: heads
            .iter()
            .map(|h| {
                (
                    h.id,
                    h.full_name.clone(),
                    ctx.tr.t(position_key(&h.position)),
                )
            })
            .collect(),
        compliance: comp.iter().map(|x| ComplianceLine::of(x, &ctx)).collect(),
        sessions: lines(&ss, &heads, &ctx),
        book,
        year: first.year(),
        can_handle: allow(ctx.principal.as_ref(), &HANDLE, &unit).is_ok(),
        today: today_vn().format("%d/%m/%Y").to_string(),
        upload_mb: state.config.upload_max_mb,
        upload_files: state.config.upload_max_files,
    };
    Ok(render(&page)?.into_response())
}

/// The forms of the reception page, told apart by `form`.
#[derive(Deserialize, Default)]
pub(crate) struct ReceptionForm {
    form: String,
    #[serde(default)]
    full_name: String,
    #[serde(default)]
    position: String,
    #[serde(default)]
    head_id: String,
    #[serde(default)]
    day: String,
    #[serde(default)]
    place: String,
    #[serde(default)]
    published_on: String,
    #[serde(default)]
    session_id: String,
    held: Option<String>,
    #[serde(default)]
    received_by: String,
    #[serde(default)]
    citizens: String,
    #[serde(default)]
    entry_date: String,
    #[serde(default)]
    citizen_name: String,
    #[serde(default)]
    citizen_address: String,
    #[serde(default)]
    content: String,
    #[serde(default)]
    earlier_handling: String,
    #[serde(default)]
    request: String,
    #[serde(default)]
    handling: String,
    #[serde(default)]
    oral_record: String,
    signed: Option<String>,
    #[serde(default)]
    classify: String,
}

fn id_field(field: &str, text: &str) -> Result<i64, input::BadInput> {
    text.trim()
        .parse()
        .map_err(|_| input::BadInput(format!("{field}: choose one")))
}

/// `POST /units/{code}/reception`.
pub(crate) async fn post(
    Extension(m): Extension<PetitionsModule>,
    State(state): State<AppState>,
    ctx: Ctx,
    Path(code): Path<String>,
    posted: FormWithFiles<ReceptionForm>,
) -> Result<Response, AppError> {
    let unit = unit_by_code(&state.db, &code).await?;
    allow(ctx.principal.as_ref(), &HANDLE, &unit)?;
    let p = ctx.principal.as_ref();
    let f = &posted.form;
    let db = &state.db;
    match f.form.as_str() {
        "head" => {
            reception::add_head(db, p, &unit, &f.full_name, &f.position).await?;
        }
        "plan" => {
            let head = id_field("head_id", &f.head_id)?;
            let day = input::date("day", &f.day)?;
            let published = input::date("published_on", &f.published_on)?;
            reception::plan(&m, db, p, head, day, &f.place, published).await?;
        }
        "held" => {
            let session = id_field("session_id", &f.session_id)?;
            let citizens = if f.citizens.trim().is_empty() {
                0
            } else {
                input::number("citizens", &f.citizens, 0..=10_000)?
            };
            reception::record_held(
                db,
                p,
                session,
                flag(&f.held),
                Some(&f.received_by),
                citizens,
            )
            .await?;
        }
        "book" => {
            let date = input::date("entry_date", &f.entry_date)?;
            let kind = match f.classify.as_str() {
                "" | "none" => None,
                k => Some(
                    CaseKind::parse(k)
                        .ok_or_else(|| input::BadInput("classify: unknown kind".into()))?,
                ),
            };
            let protected = kind == Some(CaseKind::Denunciation);
            let entry = NewEntry {
                session_id: None,
                entry_date: Some(date),
                citizen_name: f.citizen_name.clone(),
                citizen_address: f.citizen_address.clone(),
                content: f.content.clone(),
                earlier_handling: f.earlier_handling.clone(),
                request: f.request.clone(),
                handling: f.handling.clone(),
                oral_record: f.oral_record.clone(),
                signed: flag(&f.signed),
                protected,
                case_id: None,
            };
            reception::check_entry(&NewEntry {
                protected: false,
                ..entry.clone()
            })?;
            let case = kind.map(|kind| NewCase {
                kind,
                channel: Channel::Reception,
                subject: f.request.chars().take(200).collect(),
                content: f.content.clone(),
                received_on: date,
                petitioner: Some(Identity {
                    name: f.citizen_name.trim().to_owned(),
                    address: f.citizen_address.trim().to_owned(),
                    contact: String::new(),
                    original: f.oral_record.trim().to_owned(),
                }),
                complexity: 0,
                remote: false,
                second_round: false,
                multiple_places: false,
            });
            let files = CaseFiles {
                attachments: posted.files("attachments"),
                identifying: posted.files("identity_files"),
            };
            if case.is_none() && !files.is_empty() {
                return Err(input::BadInput(
                    "attachments: files are kept with a case: classify the matter to attach them"
                        .into(),
                )
                .into());
            }
            let limits = FileLimits::of(&state.config);
            receive_at_desk(&m, db, p, &unit, entry, case, Some((&limits, files))).await?;
        }
        _ => return Err(input::BadInput("form: unknown form".into()).into()),
    }
    ctx.redirect_with_flash(
        &state.db,
        &format!("/units/{}/reception", unit.code),
        ctx.tr.t("flash_saved"),
    )
    .await
}

/// `GET /units/{code}/reception/compliance`: the heads' compliance is a part of the reception
/// page (the same figures as the API's `/reception/compliance`); this address leads there.
pub(crate) async fn compliance(
    Path(code): Path<String>,
    Query(q): Query<std::collections::HashMap<String, String>>,
) -> Response {
    let month = q
        .get("month")
        .filter(|m| m.len() == 7 && m.chars().all(|c| c.is_ascii_digit() || c == '-'))
        .map(|m| format!("?month={m}"))
        .unwrap_or_default();
    Redirect::to(&format!(
        "/units/{}/reception{month}#compliance",
        dinh_platform::web::urlencode(&code)
    ))
    .into_response()
}
