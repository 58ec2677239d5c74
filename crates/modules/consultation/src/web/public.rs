//! Public pages: a unit's consultations, a draft with its parts, one part with its comments and
//! answers, the comment form, and the synthesis with its DOCX and PDF.

use askama::Template;
use axum::Extension;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use dinh_platform::documents::{Download, DownloadKind};
use dinh_platform::time::{show_date, today_vn};
use dinh_platform::web::{
    AppError, AppState, Chrome, Client, Ctx, Form, chrome_with_session, render,
};
use dinh_platform::write::WriteError;
use serde::Deserialize;

use super::{CommentRow, found};
use crate::ConsultationModule;
use crate::permissions::MANAGE;
use crate::store::{self, CommentInput, Part};
use crate::synthesis::{self, Counts};

/// Most consultations a unit's list shows.
const LISTED: i64 = 200;

/// A consultation as a line of a list.
pub(crate) struct Row {
    pub id: i64,
    pub title: String,
    pub unit: String,
    pub opens: String,
    pub closes: String,
    pub open: bool,
    pub comments: String,
}

#[derive(Template)]
#[template(path = "consultation/list.html")]
struct ListPage {
    c: Chrome,
    code: String,
    rows: Vec<Row>,
    officer: bool,
}

/// `GET /units/{code}/consultations`: the consultations of the unit and the units under it.
pub(crate) async fn list(
    State(s): State<AppState>,
    ctx: Ctx,
    Path(code): Path<String>,
) -> Result<Response, AppError> {
    let unit = dinh_platform::units::store::by_code(&s.db, &code)
        .await?
        .ok_or_else(AppError::not_found)?;
    let rows = store::for_unit(&s.db, &unit.path, LISTED)
        .await?
        .into_iter()
        .map(|k| Row {
            id: k.id,
            open: k.is_open(),
            unit: k.unit_name.clone(),
            opens: show_date(&k.opens_on),
            closes: show_date(&k.closes_on),
            comments: ctx.tr.number(k.comment_count),
            title: k.title,
        })
        .collect();
    let page = ListPage {
        c: ctx.chrome(format!(
            "{} · {}",
            ctx.tr.t("cons_section_title"),
            unit.name
        )),
        officer: ctx.may(&MANAGE, &unit),
        code: unit.code,
        rows,
    };
    Ok(render(&page)?.into_response())
}

/// A part as a line of the draft.
pub(crate) struct PartRow {
    pub number: i64,
    pub heading: String,
    pub comments: String,
}

#[derive(Template)]
#[template(path = "consultation/show.html")]
struct ShowPage {
    c: Chrome,
    k: store::Consultation,
    matter: String,
    channels: Vec<String>,
    opens: String,
    closes: String,
    takes_comments: bool,
    parts: Vec<PartRow>,
    whole: Vec<CommentRow>,
    total: String,
    officer: bool,
    recorder: bool,
}

/// `GET /consultations/{id}`: the draft part by part, with how many comments each has, and the
/// comments on the whole draft with their answers.
pub(crate) async fn show(
    Extension(m): Extension<ConsultationModule>,
    State(s): State<AppState>,
    ctx: Ctx,
    Path(id): Path<i64>,
) -> Result<Response, AppError> {
    let k = found(&s.db, id).await?;
    let pack = m.rules().get(&k.rule_pack_id).ok();
    let counts: Vec<(Option<i64>, i64)> =
        s.db.fetch_all(
            &dinh_platform::db::query(
                "SELECT part_number, CAST(COUNT(*) AS BIGINT) FROM consultation_comments
                 WHERE consultation_id = $1 GROUP BY part_number",
            )
            .bind(id),
        )
        .await?;
    let count_of = |n: Option<i64>| counts.iter().find(|(p, _)| *p == n).map_or(0, |(_, c)| *c);
    let parts = store::parts(&s.db, id)
        .await?
        .into_iter()
        .map(|p| PartRow {
            comments: ctx.tr.number(count_of(Some(p.number))),
            number: p.number,
            heading: p.heading,
        })
        .collect();
    let whole = store::comments_of_part(&s.db, id, None)
        .await?
        .into_iter()
        .map(|r| CommentRow::of(r, pack, &ctx))
        .collect();
    let matter = pack
        .and_then(|p| p.consultation.matter(u32::try_from(k.matter).unwrap_or(0)))
        .map(|r| ctx.tr.pick(&r.name_vi, &r.name_en).to_owned())
        .unwrap_or_default();
    let channels = k
        .channel_codes()
        .iter()
        .map(|code| {
            pack.and_then(|p| p.consultation.channel(code)).map_or_else(
                || (*code).to_owned(),
                |c| ctx.tr.pick(&c.name_vi, &c.name_en).to_owned(),
            )
        })
        .collect();
    let unit = k.unit();
    let page = ShowPage {
        c: ctx.chrome(k.title.clone()),
        matter,
        channels,
        opens: show_date(&k.opens_on),
        closes: show_date(&k.closes_on),
        takes_comments: k.takes_comments_on(today_vn()),
        parts,
        whole,
        total: ctx.tr.number(k.comment_count),
        officer: ctx.may(&MANAGE, &unit),
        recorder: ctx.may(&crate::permissions::RECORD, &unit),
        k,
    };
    Ok(render(&page)?.into_response())
}

#[derive(Template)]
#[template(path = "consultation/part.html")]
struct PartPage {
    c: Chrome,
    k: store::Consultation,
    part: Part,
    previous: Option<i64>,
    next: Option<i64>,
    comments: Vec<CommentRow>,
    /// Comments on the part of this number in earlier versions of the draft.
    earlier: Vec<CommentRow>,
    takes_comments: bool,
}

/// `GET /consultations/{id}/parts/{number}`: one part with its comments and their answers.
pub(crate) async fn part(
    Extension(m): Extension<ConsultationModule>,
    State(s): State<AppState>,
    ctx: Ctx,
    Path((id, number)): Path<(i64, i64)>,
) -> Result<Response, AppError> {
    let k = found(&s.db, id).await?;
    let pack = m.rules().get(&k.rule_pack_id).ok();
    let part: Part =
        s.db.fetch_optional(
            &dinh_platform::db::query(
                "SELECT number, heading, body FROM consultation_parts
                 WHERE consultation_id = $1 AND number = $2",
            )
            .bind(id)
            .bind(number),
        )
        .await?
        .ok_or_else(AppError::not_found)?;
    let last: i64 = s
        .db
        .scalar(
            &dinh_platform::db::query(
                "SELECT CAST(COUNT(*) AS BIGINT) FROM consultation_parts WHERE consultation_id = $1",
            )
            .bind(id),
        )
        .await?;
    let (comments, earlier): (Vec<CommentRow>, Vec<CommentRow>) =
        store::comments_of_part(&s.db, id, Some(number))
            .await?
            .into_iter()
            .map(|r| CommentRow::of(r, pack, &ctx))
            .partition(|r| r.version == k.version);
    let title = if part.heading.is_empty() {
        format!("{} {number} · {}", ctx.tr.pick("Phần", "Part"), k.title)
    } else {
        format!("{} · {}", part.heading, k.title)
    };
    let page = PartPage {
        c: ctx.chrome(title),
        previous: (number > 1).then(|| number - 1),
        next: (number < last).then(|| number + 1),
        takes_comments: k.takes_comments_on(today_vn()),
        comments,
        earlier,
        part,
        k,
    };
    Ok(render(&page)?.into_response())
}

/// `?part=N` of the comment form.
#[derive(Deserialize)]
pub(crate) struct PartQuery {
    #[serde(default)]
    part: String,
}

#[derive(Template)]
#[template(path = "consultation/comment.html")]
struct CommentPage {
    c: Chrome,
    k: store::Consultation,
    parts: Vec<Part>,
    /// What was typed, when the form comes back refused; empty fields at first.
    f: CommentFields,
    /// What to correct, when the form comes back refused.
    error: Option<String>,
    signed_in: bool,
}

/// `GET /consultations/{id}/comment`: the comment form (the whole draft, or `?part=N`).
pub(crate) async fn comment_form(
    State(s): State<AppState>,
    ctx: Ctx,
    Path(id): Path<i64>,
    Query(q): Query<PartQuery>,
) -> Result<Response, AppError> {
    let k = found(&s.db, id).await?;
    if !k.takes_comments_on(today_vn()) {
        return Err(AppError::bad_request(format!(
            "consultation: {} {} – {}",
            ctx.tr.pick(
                "đợt lấy ý kiến nhận góp ý từ ngày",
                "the consultation takes comments from"
            ),
            show_date(&k.opens_on),
            show_date(&k.closes_on)
        )));
    }
    let parts = store::parts(&s.db, id).await?;
    let (c, jar) = chrome_with_session(
        &s,
        &ctx,
        format!("{} · {}", ctx.tr.pick("Góp ý", "Comment"), k.title),
    )
    .await?;
    let page = CommentPage {
        c,
        signed_in: ctx.principal.is_some(),
        f: CommentFields {
            part: q.part,
            ..CommentFields::default()
        },
        error: None,
        parts,
        k,
    };
    Ok((jar, render(&page)?).into_response())
}

/// The comment form's fields, as sent (kept when the form is shown again).
#[derive(Deserialize, Default, Clone)]
pub(crate) struct CommentFields {
    #[serde(default)]
    part: String,
    #[serde(default)]
    body: String,
    #[serde(default)]
    name: String,
    #[serde(default)]
    contact: String,
    /// The version of the draft the form was shown with (the current one when it was sent).
    #[serde(default)]
    version: String,
}

/// `POST /consultations/{id}/comment`: sends a comment; back to its part with its number. On
/// a mistake the form comes back (422) with what was written and what to correct.
pub(crate) async fn comment(
    State(s): State<AppState>,
    ctx: Ctx,
    client: Client,
    Path(id): Path<i64>,
    Form(f): Form<CommentFields>,
) -> Result<Response, AppError> {
    let input = CommentInput {
        part: f.part.clone(),
        body: f.body.clone(),
        name: f.name.clone(),
        contact: f.contact.clone(),
        version: f.version.clone(),
        ..CommentInput::default()
    };
    let sent = store::comment(
        &s.db,
        ctx.principal.as_ref(),
        id,
        &input,
        &client.0,
        today_vn(),
    )
    .await;
    let number = match sent {
        Ok(number) => number,
        Err(e @ WriteError::Invalid { .. }) => {
            let k = found(&s.db, id).await?;
            let page = CommentPage {
                c: ctx.chrome(format!("{} · {}", ctx.tr.pick("Góp ý", "Comment"), k.title)),
                signed_in: ctx.principal.is_some(),
                parts: store::parts(&s.db, id).await?,
                f,
                error: Some(e.to_string()),
                k,
            };
            return Ok((StatusCode::UNPROCESSABLE_ENTITY, render(&page)?).into_response());
        }
        Err(e) => return Err(e.into()),
    };
    let to = match f.part.trim() {
        "" => format!("/consultations/{id}#y-kien-{number}"),
        p => format!(
            "/consultations/{id}/parts/{}#y-kien-{number}",
            dinh_platform::web::urlencode(p)
        ),
    };
    let message = format!("{} {number}.", ctx.tr.t("cons_comment_sent"));
    ctx.redirect_with_flash(&s.db, &to, &message).await
}

#[derive(Template)]
#[template(path = "consultation/synthesis.html")]
struct SynthesisPage {
    c: Chrome,
    k: store::Consultation,
    counts: Counts,
    part_labels: Vec<String>,
    comments: Vec<CommentRow>,
}

impl SynthesisPage {
    /// A count as the page's language writes it.
    fn n(&self, v: &i64) -> String {
        self.c.tr.number(*v)
    }
}

/// `GET /consultations/{id}/synthesis`: the counts by channel and by part and every comment
/// with its answer (báo cáo tổng hợp, tiếp thu, giải trình).
pub(crate) async fn synthesis_page(
    Extension(m): Extension<ConsultationModule>,
    State(s): State<AppState>,
    ctx: Ctx,
    Path(id): Path<i64>,
) -> Result<Response, AppError> {
    let k = found(&s.db, id).await?;
    let pack = m
        .rules()
        .get(&k.rule_pack_id)
        .map_err(|e| AppError::from(anyhow::anyhow!("{e}")))?;
    let counts = synthesis::counts(&s.db, pack, &k).await?;
    let part_labels = counts
        .by_part
        .iter()
        .map(|p| match p.part {
            None => ctx
                .tr
                .pick("Toàn văn dự thảo", "The whole draft")
                .to_owned(),
            Some(n) => format!("{} {n}", ctx.tr.pick("Phần", "Part")),
        })
        .collect();
    let comments = store::comments(&s.db, id, false)
        .await?
        .into_iter()
        .map(|r| CommentRow::of(r, Some(pack), &ctx))
        .collect();
    let page = SynthesisPage {
        c: ctx.chrome(format!(
            "{} · {}",
            ctx.tr.pick("Tổng hợp, tiếp thu, giải trình", "Synthesis"),
            k.title
        )),
        counts,
        part_labels,
        comments,
        k,
    };
    Ok(render(&page)?.into_response())
}

async fn download(
    m: &ConsultationModule,
    s: &AppState,
    id: i64,
    pdf: bool,
) -> Result<Download, AppError> {
    let (k, bytes) = synthesis::file(m, &s.db, id, pdf)
        .await?
        .ok_or_else(AppError::not_found)?;
    Ok(Download {
        bytes,
        kind: if pdf {
            DownloadKind::Pdf
        } else {
            DownloadKind::Docx
        },
        name: format!("Tổng hợp ý kiến {}", k.title),
    })
}

/// `GET /consultations/{id}/synthesis.docx`.
pub(crate) async fn synthesis_docx(
    Extension(m): Extension<ConsultationModule>,
    State(s): State<AppState>,
    Path(id): Path<i64>,
) -> Result<Download, AppError> {
    download(&m, &s, id, false).await
}

/// `GET /consultations/{id}/synthesis.pdf`.
pub(crate) async fn synthesis_pdf(
    Extension(m): Extension<ConsultationModule>,
    State(s): State<AppState>,
    Path(id): Path<i64>,
) -> Result<Download, AppError> {
    download(&m, &s, id, true).await
}
