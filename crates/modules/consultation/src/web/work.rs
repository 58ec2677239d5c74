//! Work pages: a unit's consultations for its officers, the form that opens one, and the page
//! of one consultation where comments are entered, answered one by one, and the consultation
//! closed.

use std::collections::HashMap;

use askama::Template;
use axum::Extension;
use axum::extract::{Path, State};
use axum::response::{IntoResponse, Response};
use dinh_platform::time::{show_date, today_vn};
use dinh_platform::web::{AppError, AppState, Chrome, Ctx, Form, render, urlencode};
use dinh_platform::write::Actor;
use serde::Deserialize;

use super::{CommentRow, found, require};
use crate::ConsultationModule;
use crate::permissions::{MANAGE, RECORD};
use crate::store::{
    self, CloseInput, CommentInput, DispositionInput, HearingInput, OpenInput, Part,
};

/// Most consultations the work list shows.
const LISTED: i64 = 200;

/// A consultation as a line of the work list.
pub(crate) struct WorkRow {
    pub id: i64,
    pub title: String,
    pub unit: String,
    pub closes: String,
    pub open: bool,
    pub comments: String,
    pub unanswered: String,
}

#[derive(Template)]
#[template(path = "consultation/work_list.html")]
struct WorkListPage {
    c: Chrome,
    code: String,
    rows: Vec<WorkRow>,
    can_open: bool,
}

fn actor(ctx: &Ctx) -> Result<Actor<'_>, AppError> {
    ctx.principal
        .as_ref()
        .map(Actor::Person)
        .ok_or_else(|| AppError::new(dinh_platform::web::ErrorKind::Unauthorized))
}

/// `GET /units/{code}/consultations/work`: the unit's consultations with what is unanswered.
pub(crate) async fn work_list(
    State(s): State<AppState>,
    ctx: Ctx,
    Path(code): Path<String>,
) -> Result<Response, AppError> {
    let unit = dinh_platform::units::store::by_code(&s.db, &code)
        .await?
        .ok_or_else(AppError::not_found)?;
    if !ctx.may(&MANAGE, &unit) {
        require(&ctx, &RECORD, &unit)?;
    }
    let list = store::for_unit(&s.db, &unit.path, LISTED).await?;
    let pending: Vec<(i64, i64)> =
        s.db.fetch_all(
            &dinh_platform::db::query(
                "SELECT c.consultation_id, CAST(COUNT(*) AS BIGINT)
                 FROM consultation_comments c JOIN consultations k ON k.id = c.consultation_id
                 JOIN units u ON u.id = k.unit_id
                 WHERE u.path LIKE $1 AND k.status = 'open' AND c.disposition IS NULL
                 GROUP BY c.consultation_id",
            )
            .bind(format!("{}%", unit.path)),
        )
        .await?;
    let rows = list
        .into_iter()
        .map(|k| WorkRow {
            id: k.id,
            unanswered: ctx.tr.number(
                pending
                    .iter()
                    .find(|(id, _)| *id == k.id)
                    .map_or(0, |(_, n)| *n),
            ),
            open: k.is_open(),
            unit: k.unit_name.clone(),
            closes: show_date(&k.closes_on),
            comments: ctx.tr.number(k.comment_count),
            title: k.title,
        })
        .collect();
    let page = WorkListPage {
        c: ctx.chrome(format!("{} · {}", ctx.tr.t("cons_work_area"), unit.name)),
        can_open: ctx.may(&MANAGE, &unit),
        code: unit.code,
        rows,
    };
    Ok(render(&page)?.into_response())
}

#[derive(Template)]
#[template(path = "consultation/new.html")]
struct NewPage {
    c: Chrome,
    code: String,
    matters: Vec<(u32, String)>,
    channels: Vec<(String, String)>,
    today: String,
    earliest: String,
    minimum: String,
}

/// `GET /units/{code}/consultations/new`: the form that opens a consultation.
pub(crate) async fn new_form(
    Extension(m): Extension<ConsultationModule>,
    State(s): State<AppState>,
    ctx: Ctx,
    Path(code): Path<String>,
) -> Result<Response, AppError> {
    let unit = dinh_platform::units::store::by_code(&s.db, &code)
        .await?
        .ok_or_else(AppError::not_found)?;
    require(&ctx, &MANAGE, &unit)?;
    let today = today_vn();
    let pack = m
        .rules()
        .in_force_on(today)
        .map_err(|e| AppError::from(anyhow::anyhow!("{e}")))?;
    let rules = &pack.consultation;
    let earliest = m
        .calendar()
        .due_after(today, rules.min_duration.period())
        .map(|d| d.due)
        .unwrap_or(today);
    let page = NewPage {
        c: ctx.chrome(format!(
            "{} · {}",
            ctx.tr.pick("Mở đợt lấy ý kiến", "Open a consultation"),
            unit.name
        )),
        code: unit.code,
        matters: rules
            .matters
            .iter()
            .map(|r| (r.number, ctx.tr.pick(&r.name_vi, &r.name_en).to_owned()))
            .collect(),
        channels: rules
            .channels
            .iter()
            .map(|r| {
                (
                    r.code.clone(),
                    ctx.tr.pick(&r.name_vi, &r.name_en).to_owned(),
                )
            })
            .collect(),
        today: store::dmy(today),
        earliest: store::dmy(earliest),
        minimum: format!(
            "{} {} ({})",
            rules.min_duration.count,
            ctx.tr
                .pick("ngày kể từ ngày công khai", "days from publication"),
            rules.min_duration.citation()
        ),
    };
    Ok(render(&page)?.into_response())
}

/// The opening form's fields; each channel is a checkbox `ch_<code>`.
#[derive(Deserialize)]
pub(crate) struct OpenFields {
    #[serde(default)]
    matter: String,
    #[serde(default)]
    title: String,
    #[serde(default)]
    summary: String,
    #[serde(default)]
    draft: String,
    #[serde(default)]
    opens_on: String,
    #[serde(default)]
    closes_on: String,
    #[serde(flatten)]
    rest: HashMap<String, String>,
}

/// `POST /units/{code}/consultations/new`: opens it; on to its work page.
pub(crate) async fn create(
    Extension(m): Extension<ConsultationModule>,
    State(s): State<AppState>,
    ctx: Ctx,
    Path(code): Path<String>,
    Form(f): Form<OpenFields>,
) -> Result<Response, AppError> {
    let mut channels: Vec<String> = f
        .rest
        .keys()
        .filter_map(|k| k.strip_prefix("ch_"))
        .map(str::to_owned)
        .collect();
    channels.sort();
    let input = OpenInput {
        unit_code: code,
        matter: f.matter,
        title: f.title,
        summary: f.summary,
        draft: f.draft,
        opens_on: f.opens_on,
        closes_on: f.closes_on,
        channels,
    };
    let id = store::open(&m, &s.db, actor(&ctx)?, &input).await?;
    ctx.redirect_with_flash(
        &s.db,
        &format!("/consultations/{id}/work"),
        ctx.tr.pick(
            "Đã công khai dự thảo để lấy ý kiến.",
            "The draft is published for comments.",
        ),
    )
    .await
}

#[derive(Template)]
#[template(path = "consultation/work.html")]
struct WorkPage {
    c: Chrome,
    k: store::Consultation,
    parts: Vec<Part>,
    comments: Vec<CommentRow>,
    channels: Vec<(String, String)>,
    unanswered: usize,
    manage: bool,
    today: String,
    closes: String,
    /// The matter burdens a named person: the hearing section is shown (Điều 27).
    needs_hearing: bool,
    hearings: Vec<(String, String, String, String)>,
    /// The current version's text as the new-version form starts from it.
    draft: String,
}

impl WorkPage {
    /// A count as the page's language writes it.
    fn n(&self, v: &i64) -> String {
        self.c.tr.number(*v)
    }
}

/// `GET /consultations/{id}/work`: every comment with its contact and its answer form, the
/// form to enter a comment received elsewhere, and closing.
pub(crate) async fn page(
    Extension(m): Extension<ConsultationModule>,
    State(s): State<AppState>,
    ctx: Ctx,
    Path(id): Path<i64>,
) -> Result<Response, AppError> {
    let k = found(&s.db, id).await?;
    let unit = k.unit();
    let manage = ctx.may(&MANAGE, &unit);
    if !manage {
        require(&ctx, &RECORD, &unit)?;
    }
    let pack = m.rules().get(&k.rule_pack_id).ok();
    let mut comments: Vec<CommentRow> = store::comments(&s.db, id, true)
        .await?
        .into_iter()
        .map(|r| CommentRow::of(r, pack, &ctx))
        .collect();
    // Unanswered first, then by number.
    comments.sort_by_key(|r| (r.answered, r.number));
    let unanswered = comments.iter().filter(|r| !r.answered).count();
    let parts = store::parts(&s.db, id).await?;
    let draft = parts
        .iter()
        .map(|p| {
            if p.heading.is_empty() {
                p.body.clone()
            } else {
                format!("{}\n{}", p.heading, p.body)
            }
        })
        .collect::<Vec<_>>()
        .join("\n\n");
    let page = WorkPage {
        c: ctx.chrome(format!(
            "{} · {}",
            ctx.tr.pick("Tiếp thu, giải trình", "Answers to comments"),
            k.title
        )),
        parts,
        draft,
        channels: pack
            .map(|p| {
                p.consultation
                    .channels
                    .iter()
                    .filter(|c| c.code != store::WEBSITE)
                    .map(|c| {
                        (
                            c.code.clone(),
                            ctx.tr.pick(&c.name_vi, &c.name_en).to_owned(),
                        )
                    })
                    .collect()
            })
            .unwrap_or_default(),
        comments,
        unanswered,
        manage,
        today: store::dmy(today_vn()),
        closes: show_date(&k.closes_on),
        needs_hearing: store::hearing::requires_hearing(&m, &k),
        hearings: store::hearings(&s.db, id)
            .await?
            .into_iter()
            .map(|h| {
                (
                    h.person_name,
                    show_date(&h.heard_on),
                    store::hearing::form_vi(&h.form).to_owned(),
                    h.statement,
                )
            })
            .collect(),
        k,
    };
    Ok(render(&page)?.into_response())
}

/// The fields of a comment received elsewhere.
#[derive(Deserialize)]
pub(crate) struct EnterFields {
    #[serde(default)]
    part: String,
    #[serde(default)]
    body: String,
    #[serde(default)]
    name: String,
    #[serde(default)]
    contact: String,
    #[serde(default)]
    channel: String,
    #[serde(default)]
    source: String,
    #[serde(default)]
    received_on: String,
    #[serde(default)]
    version: String,
}

/// `POST /consultations/{id}/enter`: records a comment received at a meeting, by letter, in
/// the box or from an organisation.
pub(crate) async fn enter(
    Extension(m): Extension<ConsultationModule>,
    State(s): State<AppState>,
    ctx: Ctx,
    Path(id): Path<i64>,
    Form(f): Form<EnterFields>,
) -> Result<Response, AppError> {
    let input = CommentInput {
        part: f.part,
        body: f.body,
        name: f.name,
        contact: f.contact,
        channel: f.channel,
        source: f.source,
        received_on: f.received_on,
        version: f.version,
    };
    let number = store::enter(&m, &s.db, actor(&ctx)?, id, &input, today_vn()).await?;
    let message = format!("{} {number}.", ctx.tr.t("cons_comment_sent"));
    ctx.redirect_with_flash(&s.db, &format!("/consultations/{id}/work"), &message)
        .await
}

/// The fields of an answer.
#[derive(Deserialize)]
pub(crate) struct AnswerFields {
    #[serde(default)]
    number: String,
    #[serde(default)]
    disposition: String,
    #[serde(default)]
    answer: String,
    /// The version that made the change (a number, optional).
    #[serde(default)]
    changed_in: String,
}

/// `POST /consultations/{id}/answer`: answers one comment (tiếp thu, giải trình).
pub(crate) async fn answer(
    State(s): State<AppState>,
    ctx: Ctx,
    Path(id): Path<i64>,
    Form(f): Form<AnswerFields>,
) -> Result<Response, AppError> {
    let input = DispositionInput {
        number: f.number.clone(),
        disposition: f.disposition,
        answer: f.answer,
        changed_in: f.changed_in,
    };
    store::dispose(&s.db, actor(&ctx)?, id, &input, today_vn()).await?;
    ctx.redirect_with_flash(
        &s.db,
        &format!(
            "/consultations/{id}/work#y-kien-{}",
            urlencode(f.number.trim())
        ),
        ctx.tr.t("cons_saved"),
    )
    .await
}

/// The closing form's field.
#[derive(Deserialize)]
pub(crate) struct CloseFields {
    #[serde(default)]
    reason: String,
}

/// `POST /consultations/{id}/close`: closes it and publishes the synthesis.
pub(crate) async fn close(
    Extension(m): Extension<ConsultationModule>,
    State(s): State<AppState>,
    ctx: Ctx,
    Path(id): Path<i64>,
    Form(f): Form<CloseFields>,
) -> Result<Response, AppError> {
    store::close(
        &m,
        &s.db,
        actor(&ctx)?,
        id,
        &CloseInput { reason: f.reason },
        today_vn(),
    )
    .await?;
    ctx.redirect_with_flash(
        &s.db,
        &format!("/consultations/{id}/synthesis"),
        ctx.tr.pick(
            "Đã kết thúc lấy ý kiến và công khai báo cáo tổng hợp.",
            "The consultation is closed and its synthesis published.",
        ),
    )
    .await
}

/// The fields of a hearing (Điều 27).
#[derive(Deserialize)]
pub(crate) struct HearingFields {
    #[serde(default)]
    person: String,
    #[serde(default)]
    heard_on: String,
    #[serde(default)]
    form: String,
    #[serde(default)]
    statement: String,
}

/// `POST /consultations/{id}/hearing`: records the hearing of the person the draft burdens.
pub(crate) async fn hearing(
    State(s): State<AppState>,
    ctx: Ctx,
    Path(id): Path<i64>,
    Form(f): Form<HearingFields>,
) -> Result<Response, AppError> {
    let input = HearingInput {
        person: f.person,
        heard_on: f.heard_on,
        form: f.form,
        statement: f.statement,
    };
    store::hear(&s.db, actor(&ctx)?, id, &input, today_vn()).await?;
    ctx.redirect_with_flash(
        &s.db,
        &format!("/consultations/{id}/work#lay-y-kien-nguoi-bi-anh-huong"),
        ctx.tr.t("cons_saved"),
    )
    .await
}
