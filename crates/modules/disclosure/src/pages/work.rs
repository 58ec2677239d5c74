//! Work pages: compose and correct a disclosure with attachments, record and end postings,
//! and the dashboard of due, overdue and running duties with the reminders of the clocks.

use askama::Template;
use axum::Extension;
use axum::extract::{Multipart, Path, Query, State};
use axum::response::{IntoResponse, Response};
use chrono::NaiveDate;
use dinh_platform::accounts::authorize;
use dinh_platform::time::{parse_date, today_vn};
use dinh_platform::units::Unit;
use dinh_platform::web::{AppError, AppState, Chrome, Ctx, Form, render};
use serde::Deserialize;

use super::{category_names, form, unit};
use crate::DisclosureModule;
use crate::permissions::{PUBLISH, VIEW_WORK};
use crate::recurring::period_containing;
use crate::store::{self, Actor, Correction, DashboardRow, Draft, NewProof, StoreError};

fn actor(ctx: &Ctx) -> Result<Actor<'_>, AppError> {
    ctx.principal
        .as_ref()
        .map(Actor::Person)
        .ok_or_else(|| AppError::from(dinh_platform::accounts::Denied::NotSignedIn))
}

/// A date typed as `yyyy-mm-dd` (date inputs) or `dd/mm/yyyy`.
fn date_field(field: &'static str, text: &str) -> Result<NaiveDate, AppError> {
    NaiveDate::parse_from_str(text.trim(), "%Y-%m-%d")
        .ok()
        .or_else(|| parse_date(text))
        .ok_or_else(|| {
            AppError::from(StoreError::invalid(
                field,
                format!("'{text}' is not a date: write it as dd/mm/yyyy"),
            ))
        })
}

fn optional_date(field: &'static str, text: &str) -> Result<Option<NaiveDate>, AppError> {
    if text.trim().is_empty() {
        Ok(None)
    } else {
        date_field(field, text).map(Some)
    }
}

#[derive(Template)]
#[template(path = "disclosure/compose.html")]
struct ComposePage {
    c: Chrome,
    unit: Unit,
    categories: Vec<(u32, String)>,
    duties: Vec<(String, String)>,
    /// The duties raised by events at the unit and not fulfilled yet.
    events: Vec<store::EventDuty>,
    /// The event duty chosen by the link that opened the form (`?event=`).
    event: String,
    today: String,
    max_mb: u64,
}

/// `?event=consultation:42`: the form opens with that duty chosen.
#[derive(Deserialize)]
pub(crate) struct ComposeQuery {
    #[serde(default)]
    event: String,
}

/// `GET /units/{code}/disclosures/new`: the compose form.
pub(crate) async fn compose(
    State(state): State<AppState>,
    Extension(module): Extension<DisclosureModule>,
    ctx: Ctx,
    Path(code): Path<String>,
    Query(q): Query<ComposeQuery>,
) -> Result<Response, AppError> {
    let unit = unit(&state, &code).await?;
    authorize(ctx.principal.as_ref(), &PUBLISH, Some(&unit))?;
    let events = store::open_event_duties(&state.db, unit.id).await?;
    let english = ctx.tr.lang == dinh_platform::web::i18n::Lang::En;
    let duties = module
        .rules()
        .in_force_on(today_vn())
        .map(|p| {
            p.disclosure
                .recurring
                .iter()
                .map(|d| {
                    (
                        d.key.clone(),
                        if english {
                            d.name_en.clone()
                        } else {
                            d.name_vi.clone()
                        },
                    )
                })
                .collect()
        })
        .unwrap_or_default();
    let title = format!("{} — {}", ctx.tr.t("disclosure_new"), unit.name);
    Ok(render(&ComposePage {
        c: ctx.chrome(title),
        categories: category_names(&module, english),
        duties,
        events,
        event: q.event,
        unit,
        today: today_vn().to_string(),
        max_mb: state.config.upload_max_mb,
    })?
    .into_response())
}

/// `POST /units/{code}/disclosures`: publishes (multipart, with attachments).
pub(crate) async fn publish(
    State(state): State<AppState>,
    Extension(module): Extension<DisclosureModule>,
    ctx: Ctx,
    Path(code): Path<String>,
    multipart: Multipart,
) -> Result<Response, AppError> {
    let unit = unit(&state, &code).await?;
    let max = state.config.upload_max_bytes();
    let parts = form::read(&ctx, multipart, max).await?;
    let category: u32 = parts
        .text("category")
        .parse()
        .map_err(|_| AppError::from(StoreError::invalid("category", "choose a category (1-14)")))?;
    let recurring = match (
        parts.text("recurring").as_str(),
        parts.text("event").as_str(),
    ) {
        ("", "") => None,
        ("", origin) => Some((store::events::EVENT.to_owned(), origin.to_owned())),
        (key, "") => Some((key.to_owned(), parts.text("period_label"))),
        _ => {
            return Err(AppError::from(StoreError::invalid(
                "event",
                "a disclosure fulfils one duty: choose the recurring duty or the event's duty, not both",
            )));
        }
    };
    let draft = Draft {
        category,
        title: parts.text("title"),
        body: parts.fields.get("body").cloned().unwrap_or_default(),
        doc_number: parts.text("doc_number"),
        doc_date: date_field("doc_date", &parts.text("doc_date"))?,
        doc_issuer: parts.text("doc_issuer"),
        decided_on: optional_date("decided_on", &parts.text("decided_on"))?,
        published_on: optional_date("published_on", &parts.text("published_on"))?
            .unwrap_or_else(today_vn),
        period_from: optional_date("period_from", &parts.text("period_from"))?,
        period_to: optional_date("period_to", &parts.text("period_to"))?,
        recurring,
    };
    let id = store::publish(
        &state.db,
        &module,
        &state.config.data_dir,
        max,
        actor(&ctx)?,
        &unit,
        draft,
        parts.files("attachments"),
    )
    .await?;
    ctx.redirect_with_flash(
        &state.db,
        &format!("/disclosures/{id}"),
        ctx.tr.t("disclosure_flash_published"),
    )
    .await
}

#[derive(Template)]
#[template(path = "disclosure/correct.html")]
struct CorrectPage {
    c: Chrome,
    d: store::Detail,
    today: String,
}

/// `GET /disclosures/{id}/correct`: the correction form.
pub(crate) async fn correct_form(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<i64>,
) -> Result<Response, AppError> {
    let d = store::detail(&state.db, id, today_vn())
        .await?
        .ok_or_else(AppError::not_found)?;
    let unit = unit(&state, &d.unit_code).await?;
    authorize(ctx.principal.as_ref(), &PUBLISH, Some(&unit))?;
    let title = format!("{} — {}", ctx.tr.t("disclosure_correct"), d.item.title);
    Ok(render(&CorrectPage {
        c: ctx.chrome(title),
        d,
        today: today_vn().to_string(),
    })?
    .into_response())
}

/// `POST /disclosures/{id}/corrections`: a new version.
pub(crate) async fn correct(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<i64>,
    multipart: Multipart,
) -> Result<Response, AppError> {
    let max = state.config.upload_max_bytes();
    let parts = form::read(&ctx, multipart, max).await?;
    let c = Correction {
        title: parts.text("title"),
        body: parts.fields.get("body").cloned().unwrap_or_default(),
        doc_number: parts.text("doc_number"),
        doc_date: date_field("doc_date", &parts.text("doc_date"))?,
        doc_issuer: parts.text("doc_issuer"),
        reason: parts.text("reason"),
        published_on: optional_date("published_on", &parts.text("published_on"))?
            .unwrap_or_else(today_vn),
    };
    store::correct(
        &state.db,
        &state.config.data_dir,
        max,
        actor(&ctx)?,
        id,
        c,
        parts.files("attachments"),
    )
    .await?;
    ctx.redirect_with_flash(
        &state.db,
        &format!("/disclosures/{id}"),
        ctx.tr.t("disclosure_flash_corrected"),
    )
    .await
}

/// `POST /disclosures/{id}/proofs`: records a posting, broadcast or delivery (with a photo).
pub(crate) async fn record(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<i64>,
    multipart: Multipart,
) -> Result<Response, AppError> {
    let max = state.config.upload_max_bytes();
    let parts = form::read(&ctx, multipart, max).await?;
    let duty = parts.text("duty");
    let (channel, place) = duty.split_once('|').ok_or_else(|| {
        AppError::from(StoreError::invalid("duty", "choose the channel and place"))
    })?;
    let proof = NewProof {
        channel: channel.to_owned(),
        place_code: place.to_owned(),
        started_on: date_field("started_on", &parts.text("started_on"))?,
        ended_on: optional_date("ended_on", &parts.text("ended_on"))?,
        note: parts.text("note"),
    };
    let photo = parts.files("photo").into_iter().next();
    store::record_proof(
        &state.db,
        &state.config.data_dir,
        max,
        actor(&ctx)?,
        id,
        proof,
        photo,
    )
    .await?;
    ctx.redirect_with_flash(
        &state.db,
        &format!("/disclosures/{id}#record"),
        ctx.tr.t("disclosure_flash_recorded"),
    )
    .await
}

/// The end of a running posting.
#[derive(Deserialize)]
pub(crate) struct EndForm {
    ended_on: String,
}

/// `POST /disclosures/proofs/{id}/end`: a posting was taken down.
pub(crate) async fn end_posting(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<i64>,
    Form(f): Form<EndForm>,
) -> Result<Response, AppError> {
    let ended_on = date_field("ended_on", &f.ended_on)?;
    store::end_proof(&state.db, actor(&ctx)?, id, ended_on).await?;
    let item: i64 = state
        .db
        .scalar(&dinh_platform::db::query(
            "SELECT o.item_id FROM disclosure_proofs p JOIN disclosure_obligations o ON o.id = p.obligation_id WHERE p.id = $1",
        ).bind(id))
        .await?;
    ctx.redirect_with_flash(
        &state.db,
        &format!("/disclosures/{item}"),
        ctx.tr.t("disclosure_flash_ended"),
    )
    .await
}

/// `?from=&to=` (ISO or dd/mm/yyyy); the current quarter by default.
#[derive(Deserialize, Default, utoipa::IntoParams)]
pub(crate) struct PeriodQuery {
    /// First day.
    pub from: Option<String>,
    /// Last day.
    pub to: Option<String>,
}

impl PeriodQuery {
    /// The period asked for, or the current quarter.
    pub(crate) fn period(&self) -> Result<(NaiveDate, NaiveDate), AppError> {
        let today = today_vn();
        let quarter = period_containing(dinh_rules::Per::Quarter, today);
        let from = match self.from.as_deref().filter(|s| !s.is_empty()) {
            Some(s) => date_field("from", s)?,
            None => quarter.as_ref().map_or(today, |q| q.from),
        };
        let to = match self.to.as_deref().filter(|s| !s.is_empty()) {
            Some(s) => date_field("to", s)?,
            None => quarter.as_ref().map_or(today, |q| q.to),
        };
        if to < from {
            return Err(
                StoreError::invalid("to", "is before 'from': dates are out of order").into(),
            );
        }
        Ok((from, to))
    }
}

/// A duty that needs someone's attention.
#[derive(sqlx::FromRow, serde::Serialize, utoipa::ToSchema)]
pub(crate) struct OpenDuty {
    /// Disclosure.
    pub item_id: i64,
    /// Its title.
    pub title: String,
    /// Channel.
    pub channel: String,
    /// Place.
    pub place_name: String,
    /// Due date (ISO).
    pub due_on: String,
    /// The day the minimum is reached (running postings).
    pub satisfied_on: Option<String>,
}

/// Duties of the subtree of `unit_id`: overdue (nothing recorded after the due date), due soon,
/// and postings still running.
pub(crate) async fn open_duties(
    db: &dinh_platform::db::Db,
    unit_id: i64,
    today: NaiveDate,
) -> Result<(Vec<OpenDuty>, Vec<OpenDuty>), AppError> {
    let select = |condition: &str, with_today: bool| {
        let q = dinh_platform::db::query(format!(
            "{cte}
             SELECT i.id AS item_id, i.title, o.channel, u.name AS place_name, o.due_on, o.satisfied_on
             FROM disclosure_obligations o JOIN disclosure_items i ON i.id = o.item_id
             JOIN subtree s ON s.id = i.unit_id JOIN units u ON u.id = o.place_unit_id
             WHERE {condition} ORDER BY o.due_on, i.id LIMIT 200",
            cte = dinh_platform::units::store::SUBTREE_CTE
        ))
        .bind(unit_id);
        if with_today { q.bind(today) } else { q }
    };
    let open = db
        .fetch_all(&select("o.first_started_on IS NULL", false))
        .await?;
    let running = db
        .fetch_all(&select(
            "o.first_started_on IS NOT NULL AND o.satisfied_on > $2",
            true,
        ))
        .await?;
    Ok((open, running))
}

#[derive(Template)]
#[template(path = "disclosure/dashboard.html")]
struct DashboardPage {
    c: Chrome,
    unit: Unit,
    from: String,
    to: String,
    rows: Vec<DashboardRow>,
    open: Vec<OpenDuty>,
    running: Vec<OpenDuty>,
    notices: Vec<(String, String, String)>,
    today: String,
}

impl DashboardPage {
    fn percent(&self, part: &i64, whole: &i64) -> String {
        if *whole == 0 {
            "—".into()
        } else {
            self.c.tr.percent(*part as f64 * 100.0 / *whole as f64)
        }
    }
    fn channel(&self, code: &str) -> &'static str {
        crate::labels::channel(self.c.tr.lang, code)
    }
}

/// `GET /units/{code}/disclosures/dashboard`: compliance of every publishing unit below, due
/// and overdue duties, running postings and the clocks' reminders.
pub(crate) async fn dashboard(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(code): Path<String>,
    Query(q): Query<PeriodQuery>,
) -> Result<Response, AppError> {
    let unit = unit(&state, &code).await?;
    authorize(ctx.principal.as_ref(), &VIEW_WORK, Some(&unit))?;
    let (from, to) = q.period()?;
    let today = today_vn();
    let rows = store::dashboard(&state.db, unit.id, from, to, today).await?;
    let (open, running) = open_duties(&state.db, unit.id, today).await?;
    let english = ctx.tr.lang == dinh_platform::web::i18n::Lang::En;
    let notices: Vec<(String, String, String, String)> = state
        .db
        .fetch_all(
            &dinh_platform::db::query(format!(
                "{cte} SELECT n.kind, n.due_on, n.message_vi, n.message_en FROM disclosure_notices n
                 JOIN subtree s ON s.id = n.unit_id ORDER BY n.raised_on DESC, n.due_on DESC LIMIT 100",
                cte = dinh_platform::units::store::SUBTREE_CTE
            ))
            .bind(unit.id),
        )
        .await?;
    let title = format!("{} — {}", ctx.tr.t("disclosure_dashboard"), unit.name);
    Ok(render(&DashboardPage {
        c: ctx.chrome(title),
        unit,
        from: from.to_string(),
        to: to.to_string(),
        rows,
        open,
        running,
        notices: notices
            .into_iter()
            .map(|(k, d, vi, en)| (k, d, if english { en } else { vi }))
            .collect(),
        today: today.to_string(),
    })?
    .into_response())
}
