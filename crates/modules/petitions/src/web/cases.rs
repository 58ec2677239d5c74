//! Officers' pages: the work list (overdue first), intake by an officer, one case with its
//! clocks and timeline and the acts on it, the protected identity for the handler, the CSV.

use askama::Template;
use axum::Extension;
use axum::extract::{Path, Query, State};
use axum::response::{IntoResponse, Response};
use dinh_platform::time::today_vn;
use dinh_platform::uploads::{FileRow, FormWithFiles};
use dinh_platform::web::{AppError, AppState, Chrome, Ctx, Form, render};
use serde::Deserialize;

use super::views::{CaseLine, ClockLine, EventLine};
use crate::PetitionsModule;
use crate::api::ListQuery;
use crate::clocks;
use crate::input::{self, flag};
use crate::kinds::{CaseKind, Channel};
use crate::permissions::HANDLE;
use crate::protect::Identity;
use crate::store::actions::{self, Action};
use crate::store::case_view;
use crate::store::cases::{self, NewCase};
use crate::store::files::{self as case_files, CaseFiles, FileLimits};
use crate::store::scope::allow;
use crate::store::{identity as identity_store, unit_by_code};

#[derive(Template)]
#[template(path = "petitions/work_list.html")]
struct WorkListPage {
    c: Chrome,
    unit_code: String,
    state: String,
    kind: String,
    q: String,
    lines: Vec<CaseLine>,
    can_handle: bool,
    reminders: Vec<ReminderLine>,
}

/// A line of the "Nhắc việc" section.
struct ReminderLine {
    case_id: i64,
    code: String,
    clock: &'static str,
    subject: String,
    due: String,
    overdue: bool,
    mine: bool,
}

/// `GET /units/{code}/petitions`: the reminders (due within two working days, or overdue;
/// the viewer's own cases first), then the work list.
pub(crate) async fn work_list(
    Extension(m): Extension<PetitionsModule>,
    State(state): State<AppState>,
    ctx: Ctx,
    Path(code): Path<String>,
    Query(q): Query<ListQuery>,
) -> Result<Response, AppError> {
    let unit = unit_by_code(&state.db, &code).await?;
    let mut filter = q.filter()?;
    if filter.state.is_none() {
        filter.state = Some("open".into());
    }
    let today = today_vn();
    let rows = case_view::list(&state.db, ctx.principal.as_ref(), &unit, &filter, today).await?;
    let soon = crate::reminders::horizon(&m, today);
    let due = crate::store::due::reminders(&state.db, ctx.principal.as_ref(), &unit, soon, 20)
        .await?
        .into_iter()
        .map(|r| ReminderLine {
            case_id: r.case_id,
            overdue: r.overdue(today),
            code: r.tracking_code,
            clock: ctx.tr.t(clocks::label_key(&r.clock)),
            subject: r.subject,
            due: dinh_platform::time::show_date(&r.due_on),
            mine: r.mine,
        })
        .collect();
    let page = WorkListPage {
        reminders: due,
        c: ctx.chrome(format!("{} · {}", ctx.tr.t("pet_work_list"), unit.name)),
        unit_code: unit.code.clone(),
        state: filter.state.clone().unwrap_or_default(),
        kind: q.kind.clone().unwrap_or_default(),
        q: q.q.clone().unwrap_or_default(),
        lines: rows
            .iter()
            .map(|r| CaseLine::of(r, ctx.tr, today, soon))
            .collect(),
        can_handle: allow(ctx.principal.as_ref(), &HANDLE, &unit).is_ok(),
    };
    Ok(render(&page)?.into_response())
}

#[derive(Template)]
#[template(path = "petitions/new_case.html")]
struct NewCasePage {
    c: Chrome,
    upload_mb: u64,
    upload_files: usize,
    unit_code: String,
    error: Option<String>,
    f: IntakeForm,
}

/// The officer's intake form (from a reception session or by mail).
#[derive(Deserialize, Default, Clone)]
pub(crate) struct IntakeForm {
    #[serde(default)]
    kind: String,
    #[serde(default)]
    channel: String,
    #[serde(default)]
    subject: String,
    #[serde(default)]
    content: String,
    #[serde(default)]
    received_on: String,
    #[serde(default)]
    name: String,
    #[serde(default)]
    address: String,
    #[serde(default)]
    contact: String,
    #[serde(default)]
    original: String,
    #[serde(default)]
    complexity: String,
    remote: Option<String>,
    second_round: Option<String>,
    multiple_places: Option<String>,
}

/// `?household=…`: the household an officer enters the petition for.
#[derive(Deserialize)]
pub(crate) struct ForHousehold {
    #[serde(default)]
    household: Option<String>,
}

/// `GET /units/{code}/petitions/new`.
pub(crate) async fn new_form(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(code): Path<String>,
    Query(for_household): Query<ForHousehold>,
) -> Result<Response, AppError> {
    let unit = unit_by_code(&state.db, &code).await?;
    allow(ctx.principal.as_ref(), &HANDLE, &unit)?;
    // An officer acting for a household that is not online: its representative and address.
    let household = match for_household.household.as_deref() {
        Some(h) => dinh_platform::households::by_code(&state.db, h)
            .await?
            .map(|(h, _)| h),
        None => None,
    };
    let (name, address) = household
        .map(|h| (h.representative, h.address))
        .unwrap_or_default();
    let page = NewCasePage {
        c: ctx.chrome(ctx.tr.t("pet_new_case")),
        upload_mb: state.config.upload_max_mb,
        upload_files: state.config.upload_max_files,
        unit_code: unit.code,
        error: None,
        f: IntakeForm {
            received_on: today_vn().format("%d/%m/%Y").to_string(),
            complexity: "0".into(),
            name,
            address,
            ..IntakeForm::default()
        },
    };
    Ok(render(&page)?.into_response())
}

fn intake(f: &IntakeForm) -> Result<NewCase, input::BadInput> {
    let kind =
        CaseKind::parse(&f.kind).ok_or_else(|| input::BadInput("kind: choose a kind".into()))?;
    let channel = Channel::parse(&f.channel)
        .filter(|c| *c != Channel::Online)
        .ok_or_else(|| input::BadInput("channel: reception or mail".into()))?;
    let petitioner = (!f.name.trim().is_empty()).then(|| Identity {
        name: f.name.trim().to_owned(),
        address: f.address.trim().to_owned(),
        contact: f.contact.trim().to_owned(),
        original: f.original.trim().to_owned(),
    });
    Ok(NewCase {
        kind,
        channel,
        subject: f.subject.clone(),
        content: f.content.clone(),
        received_on: input::date("received_on", &f.received_on)?,
        petitioner,
        complexity: if f.complexity.trim().is_empty() {
            0
        } else {
            input::number("complexity", &f.complexity, 0..=2)?
        },
        remote: flag(&f.remote),
        second_round: flag(&f.second_round),
        multiple_places: flag(&f.multiple_places),
    })
}

/// `POST /units/{code}/petitions/new` (urlencoded, or multipart with `attachments` and
/// `identity_files`): a petition from a reception session or the mail, with its files.
pub(crate) async fn create(
    Extension(m): Extension<PetitionsModule>,
    State(state): State<AppState>,
    ctx: Ctx,
    Path(code): Path<String>,
    posted: FormWithFiles<IntakeForm>,
) -> Result<Response, AppError> {
    let unit = unit_by_code(&state.db, &code).await?;
    allow(ctx.principal.as_ref(), &HANDLE, &unit)?;
    let files = CaseFiles {
        attachments: posted.files("attachments"),
        identifying: posted.files("identity_files"),
    };
    let f = posted.form;
    let limits = FileLimits::of(&state.config);
    let result = match intake(&f) {
        Ok(new) => {
            cases::receive_with_files(
                &m,
                &state.db,
                ctx.principal.as_ref(),
                &unit,
                new,
                Some((&limits, files)),
            )
            .await
        }
        Err(e) => Err(e.into()),
    };
    match result {
        Ok(r) => {
            ctx.redirect_with_flash(
                &state.db,
                &format!("/petitions/cases/{}", r.id),
                ctx.tr.t("pet_flash_recorded"),
            )
            .await
        }
        Err(e) => match e.kind {
            dinh_platform::web::ErrorKind::BadRequest(msg) => {
                let mut kept = f;
                kept.name.clear();
                kept.address.clear();
                kept.contact.clear();
                kept.original.clear();
                let page = NewCasePage {
                    c: ctx.chrome(ctx.tr.t("pet_new_case")),
                    upload_mb: state.config.upload_max_mb,
                    upload_files: state.config.upload_max_files,
                    unit_code: unit.code,
                    error: Some(msg),
                    f: kept,
                };
                Ok((axum::http::StatusCode::UNPROCESSABLE_ENTITY, render(&page)?).into_response())
            }
            _ => Err(e),
        },
    }
}

#[derive(Template)]
#[template(path = "petitions/case.html")]
struct CasePage {
    c: Chrome,
    line: CaseLine,
    content: String,
    pack: String,
    channel: String,
    transferred_to: String,
    clocks: Vec<ClockLine>,
    events: Vec<EventLine>,
    protected: bool,
    is_handler: bool,
    can_handle: bool,
    open: bool,
    today: String,
    files: Vec<FileRow>,
}

/// `GET /petitions/cases/{id}`.
pub(crate) async fn show(
    Extension(m): Extension<PetitionsModule>,
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<i64>,
) -> Result<Response, AppError> {
    let d = case_view::get(&state.db, ctx.principal.as_ref(), id).await?;
    let unit = crate::store::unit_by_id(&state.db, d.case.unit_id).await?;
    let today = today_vn();
    let tr = ctx.tr;
    let clocks = d
        .clocks
        .iter()
        .map(|k| {
            let start = dinh_platform::time::parse_date(&k.started_on).unwrap_or(today);
            let ext = k
                .extension_unit
                .as_deref()
                .map(|u| clocks::period(k.extension_count, u));
            let explanation = clocks::deadline(
                m.calendar(),
                start,
                clocks::period(k.period_count, &k.period_unit),
                k.extensions,
                ext,
            )
            .map(|dl| {
                let e = dl.explain(m.calendar());
                tr.pick(&e.vi, &e.en).to_owned()
            })
            .unwrap_or_default();
            ClockLine::of(k, tr, today, explanation)
        })
        .collect();
    let is_handler = ctx
        .principal
        .as_ref()
        .is_some_and(|p| d.case.handler_account_id == Some(p.account_id));
    let page = CasePage {
        c: ctx.chrome(format!("{} {}", tr.t("pet_case"), d.case.tracking_code)),
        line: CaseLine::of(&d.case, tr, today, crate::reminders::horizon(&m, today)),
        content: d.case.content.clone(),
        pack: d.case.pack_id.clone(),
        channel: d.case.channel.clone(),
        transferred_to: d.case.transferred_to.clone().unwrap_or_default(),
        clocks,
        events: d.events.iter().map(EventLine::of).collect(),
        protected: d.case.protected,
        is_handler,
        can_handle: allow(ctx.principal.as_ref(), &HANDLE, &unit).is_ok(),
        open: d.case.is_open,
        today: today.format("%d/%m/%Y").to_string(),
        files: case_files::list(&state.db, d.case.id).await?,
    };
    Ok(render(&page)?.into_response())
}

/// An act posted from the case page.
#[derive(Deserialize)]
pub(crate) struct ActForm {
    action: String,
    #[serde(default)]
    on: String,
    #[serde(default)]
    text: String,
}

fn action_of(f: &ActForm) -> Result<Action, input::BadInput> {
    let on = || input::date("on", &f.on);
    Ok(match f.action.as_str() {
        "accept" => Action::Accept { on: on()? },
        "reject" => Action::Reject {
            on: on()?,
            reason: f.text.clone(),
        },
        "transfer" => Action::Transfer {
            on: on()?,
            to: f.text.clone(),
        },
        "extend" => Action::Extend {
            on: on()?,
            decision: f.text.clone(),
        },
        "resolve" => Action::Resolve {
            on: on()?,
            answer: f.text.clone(),
        },
        "sent" => Action::Sent { on: on()? },
        "assign" => Action::Assign {
            login: f.text.clone(),
        },
        "note" => Action::Note {
            text: f.text.clone(),
        },
        "join" => Action::Join {
            into: f.text.clone(),
        },
        _ => return Err(input::BadInput("action: unknown action".into())),
    })
}

/// `POST /petitions/cases/{id}/act`.
pub(crate) async fn act(
    Extension(m): Extension<PetitionsModule>,
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<i64>,
    Form(f): Form<ActForm>,
) -> Result<Response, AppError> {
    let action = action_of(&f)?;
    actions::apply(&m, &state.db, ctx.principal.as_ref(), id, action).await?;
    ctx.redirect_with_flash(
        &state.db,
        &format!("/petitions/cases/{id}"),
        ctx.tr.t("pet_flash_step"),
    )
    .await
}

#[derive(Template)]
#[template(path = "petitions/identity.html")]
struct IdentityPage {
    c: Chrome,
    case_id: i64,
    who: Identity,
    files: Vec<FileRow>,
}

/// `GET /petitions/cases/{id}/identity`: the handler only; audited. Not cached.
pub(crate) async fn identity(
    Extension(m): Extension<PetitionsModule>,
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<i64>,
) -> Result<Response, AppError> {
    let who = identity_store::read(&m, &state.db, ctx.principal.as_ref(), id, "page").await?;
    let page = IdentityPage {
        c: ctx.chrome(ctx.tr.t("pet_identity_title")),
        case_id: id,
        who,
        files: case_files::sealed_list(&state.db, id).await?,
    };
    Ok((
        [(axum::http::header::CACHE_CONTROL, "no-store")],
        render(&page)?,
    )
        .into_response())
}

/// `GET /petitions/files/{id}`: a case's file for an officer in scope; a sealed file
/// (identifying) for the assigned handler only, decrypted, audited. Never cached.
pub(crate) async fn file(
    Extension(m): Extension<PetitionsModule>,
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<i64>,
) -> Result<Response, AppError> {
    let (row, bytes) = case_files::open(
        &m,
        &state.db,
        &state.config.data_dir,
        ctx.principal.as_ref(),
        id,
        "page",
    )
    .await?;
    Ok(file_response(row, bytes))
}

/// A file as a download: its checked type, never sniffed by the browser, never cached.
pub(crate) fn file_response(row: FileRow, bytes: Vec<u8>) -> Response {
    let ext = dinh_platform::uploads::extension(&row.content_type);
    let disposition = format!(
        "attachment; filename=\"{}.{ext}\"",
        dinh_platform::text::slug(
            row.file_name
                .rsplit_once('.')
                .map_or(row.file_name.as_str(), |(s, _)| s)
        )
    );
    use axum::http::header;
    (
        [
            (header::CONTENT_TYPE, row.content_type),
            (header::CONTENT_DISPOSITION, disposition),
            (header::CACHE_CONTROL, "no-store".to_owned()),
            (header::X_CONTENT_TYPE_OPTIONS, "nosniff".to_owned()),
        ],
        bytes,
    )
        .into_response()
}
