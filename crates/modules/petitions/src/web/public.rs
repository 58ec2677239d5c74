//! The public pages: the petition form (gửi đơn trực tuyến) and the tracking lookup (tra cứu).

use askama::Template;
use axum::Extension;
use axum::extract::{Query, State};
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use dinh_platform::time::{show_date, today_vn};
use dinh_platform::uploads::FormWithFiles;
use dinh_platform::web::{AppError, AppState, Chrome, Ctx, ErrorKind, Form, render};
use serde::Deserialize;

use super::chrome_with_session;
use crate::PetitionsModule;
use crate::clocks;
use crate::kinds::{CaseKind, status};
use crate::store::cases::{self, Receipt};
use crate::store::files::{CaseFiles, FileLimits};
use crate::store::public::{self, PublicView, Refused};
use crate::store::unit_by_code;
use crate::submissions;
use dinh_platform::web::Client;

#[derive(Template)]
#[template(path = "petitions/submit.html")]
struct SubmitPage {
    c: Chrome,
    upload_mb: u64,
    upload_files: usize,
    f: SubmitForm,
    error: Option<String>,
    receipt: Option<Receipt>,
}

/// The fields of the public form.
#[derive(Deserialize, Default, Clone)]
pub(crate) struct SubmitForm {
    #[serde(default)]
    unit: String,
    #[serde(default)]
    kind: String,
    #[serde(default)]
    subject: String,
    #[serde(default)]
    content: String,
    #[serde(default)]
    name: String,
    #[serde(default)]
    address: String,
    #[serde(default)]
    contact: String,
}

/// `?unit=CODE`: the unit the form is sent to, from a unit's home page.
#[derive(Deserialize, Default)]
pub(crate) struct FormQuery {
    #[serde(default)]
    unit: Option<String>,
}

/// `GET /petitions/submit[?unit=CODE]`: the form, for the unit named (the demo commune when
/// none is); the visitor may change the code.
pub(crate) async fn form(
    State(state): State<AppState>,
    ctx: Ctx,
    Query(q): Query<FormQuery>,
) -> Result<Response, AppError> {
    let (c, jar) =
        chrome_with_session(&state, &ctx, ctx.tr.t("pet_submit_title").to_owned()).await?;
    let page = SubmitPage {
        c,
        upload_mb: state.config.upload_max_mb,
        upload_files: state.config.upload_max_files,
        f: SubmitForm {
            unit: q
                .unit
                .map(|u| u.trim().chars().take(64).collect::<String>())
                .filter(|u| !u.is_empty())
                .unwrap_or_else(|| dinh_platform::demo::DEMO_COMMUNE.to_owned()),
            kind: "recommendation".into(),
            ..SubmitForm::default()
        },
        error: None,
        receipt: None,
    };
    Ok((jar, render(&page)?).into_response())
}

/// `POST /petitions/submit` (urlencoded, or multipart with files): stores the petition and
/// shows the code and secret once. An error names the field and never repeats what was typed
/// about the person. A denunciation's files are all sealed (a citizen cannot be expected to
/// tell which of them identify them). Past the hourly limit per client: 429.
pub(crate) async fn submit(
    Extension(m): Extension<PetitionsModule>,
    State(state): State<AppState>,
    ctx: Ctx,
    Client(client): Client,
    posted: FormWithFiles<SubmitForm>,
) -> Result<Response, AppError> {
    let f = posted.form.clone();
    let mut page = SubmitPage {
        c: ctx.chrome(ctx.tr.t("pet_submit_title")),
        upload_mb: state.config.upload_max_mb,
        upload_files: state.config.upload_max_files,
        f: f.clone(),
        error: None,
        receipt: None,
    };
    let per_hour = state.config.public_submit_per_hour;
    if submissions::exhausted(&state.db, &client, per_hour).await? {
        page.error = Some(submissions::message(&ctx, per_hour));
        return Ok((
            StatusCode::TOO_MANY_REQUESTS,
            [(header::RETRY_AFTER, submissions::retry_after().to_string())],
            render(&page)?,
        )
            .into_response());
    }
    let sent = posted.files("attachments");
    let outcome = async {
        let unit = unit_by_code(&state.db, f.unit.trim())
            .await
            .map_err(|_| AppError::bad_request("unit: no unit with this code"))?;
        let new = crate::api::public_case(
            &f.kind, &f.subject, &f.content, &f.name, &f.address, &f.contact,
        )?;
        let files = if new.kind == CaseKind::Denunciation {
            CaseFiles {
                attachments: Vec::new(),
                identifying: sent,
            }
        } else {
            CaseFiles {
                attachments: sent,
                identifying: Vec::new(),
            }
        };
        let limits = FileLimits::of(&state.config);
        cases::receive_with_files(&m, &state.db, None, &unit, new, Some((&limits, files))).await
    }
    .await;
    match outcome {
        Ok(r) => {
            submissions::count(&state.db, &client).await?;
            page.f = SubmitForm::default();
            page.receipt = Some(r);
            Ok(render(&page)?.into_response())
        }
        Err(e) => match e.kind {
            ErrorKind::BadRequest(msg) => {
                page.error = Some(msg);
                Ok((StatusCode::UNPROCESSABLE_ENTITY, render(&page)?).into_response())
            }
            _ => Err(e),
        },
    }
}

#[derive(Template)]
#[template(path = "petitions/track.html")]
struct TrackPage {
    c: Chrome,
    code: String,
    error: Option<String>,
    view: Option<TrackView>,
    /// The secret typed, carried by the rating form of an answered case (never stored).
    secret: String,
    /// Whether the answered case may be rated now (not rated yet).
    rateable: bool,
    /// What the rating form needs corrected, or its thanks.
    rating_note: Option<String>,
}

struct TrackView {
    code: String,
    kind: &'static str,
    subject: String,
    status: &'static str,
    received: String,
    clocks: Vec<(&'static str, String, String, &'static str, i64)>,
    events: Vec<(String, String)>,
    second_until: Option<String>,
}

impl TrackView {
    fn of(v: PublicView, ctx: &Ctx) -> TrackView {
        let tr = ctx.tr;
        TrackView {
            code: v.tracking_code,
            kind: tr.t(CaseKind::parse(&v.kind).map_or("pet_kind_report", CaseKind::label_key)),
            subject: v.subject,
            status: tr.t(status::label_key(&v.status)),
            received: show_date(&v.received_on),
            clocks: v
                .clocks
                .iter()
                .map(|k| {
                    (
                        tr.t(clocks::label_key(&k.clock)),
                        show_date(&k.due_on),
                        k.done_on.as_deref().map(show_date).unwrap_or_default(),
                        tr.t(k.state.label_key()),
                        k.extensions,
                    )
                })
                .collect(),
            events: v
                .events
                .into_iter()
                .map(|e| (show_date(&e.on_date), e.body))
                .collect(),
            second_until: v.second_complaint_until.as_deref().map(show_date),
        }
    }
}

/// `GET /petitions/track`.
pub(crate) async fn track_form(
    State(state): State<AppState>,
    ctx: Ctx,
) -> Result<Response, AppError> {
    let (c, jar) =
        chrome_with_session(&state, &ctx, ctx.tr.t("pet_track_title").to_owned()).await?;
    let page = TrackPage {
        c,
        code: String::new(),
        error: None,
        view: None,
        secret: String::new(),
        rateable: false,
        rating_note: None,
    };
    Ok((jar, render(&page)?).into_response())
}

#[derive(Deserialize)]
pub(crate) struct TrackForm {
    #[serde(default)]
    code: String,
    #[serde(default)]
    secret: String,
    /// The satisfaction rating of an answered case, when sent from its form.
    #[serde(default)]
    score: Option<String>,
    #[serde(default)]
    comment: String,
}

/// `POST /petitions/track`: the citizen's view; failures are counted against the code and
/// the client.
pub(crate) async fn track(
    Extension(m): Extension<PetitionsModule>,
    State(state): State<AppState>,
    ctx: Ctx,
    Client(client): Client,
    Form(f): Form<TrackForm>,
) -> Result<Response, AppError> {
    let mut page = TrackPage {
        c: ctx.chrome(ctx.tr.t("pet_track_title")),
        code: f.code.clone(),
        error: None,
        view: None,
        secret: String::new(),
        rateable: false,
        rating_note: None,
    };
    match public::lookup(&m, &state.db, &f.code, &f.secret, &client, today_vn()).await {
        Ok(v) => {
            let answered = v.status == status::RESOLVED;
            let mut status_code = StatusCode::OK;
            if answered && let Some(score) = &f.score {
                // Art. 35(2)(a): the person who brought the case rates how it was handled.
                let rated = dinh_platform::satisfaction::record(
                    &state.db,
                    dinh_platform::satisfaction::Rating {
                        unit_id: v.unit_id,
                        subject: dinh_platform::satisfaction::subject::PETITION,
                        reference: &v.case_id.to_string(),
                        score,
                        comment: &f.comment,
                        client: &client,
                    },
                )
                .await;
                page.rating_note = Some(match rated {
                    Ok(_) => ctx.tr.t("sat_thanks").to_owned(),
                    Err(dinh_platform::write::WriteError::Invalid { message, .. }) => {
                        status_code = StatusCode::UNPROCESSABLE_ENTITY;
                        message
                    }
                    Err(e) => return Err(e.into()),
                });
            }
            page.rateable = answered
                && !dinh_platform::satisfaction::rated(&state.db, &v.case_id.to_string()).await?;
            if page.rateable {
                page.secret = f.secret.clone();
            }
            page.view = Some(TrackView::of(v, &ctx));
            Ok((status_code, render(&page)?).into_response())
        }
        Err(Refused::Internal(e)) => Err(e),
        Err(r) => {
            let status = if matches!(r, Refused::Limited) {
                StatusCode::TOO_MANY_REQUESTS
            } else {
                StatusCode::UNPROCESSABLE_ENTITY
            };
            page.error = Some(match AppError::from(r).kind {
                ErrorKind::BadRequest(m) => m,
                _ => String::new(),
            });
            Ok((status, render(&page)?).into_response())
        }
    }
}
