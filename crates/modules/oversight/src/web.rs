//! Pages of the oversight capability: public pages of a unit's boards, projects, activities,
//! findings, recommendations and answers; work pages to record projects, boards, activities,
//! findings and recommendations, and to answer a recommendation or reject an answer.
//! Server-rendered, no JavaScript; forms POST with the CSRF token and answer 303 with a message.

use askama::Template;
use axum::Extension;
use axum::extract::{Path, State};
use axum::response::{IntoResponse, Response};
use chrono::NaiveDate;
use dinh_platform::time::{show_date, today_vn};
use dinh_platform::units::Unit;
use dinh_platform::web::{AppError, AppState, Chrome, Ctx, ErrorKind, Form, render, urlencode};
use dinh_platform::write::Actor;
use serde::Deserialize;

use crate::OversightModule;
use crate::permissions::{ANSWER, BOARDS, INSPECT};
use crate::store::{
    self, ActivityInput, AnswerInput, BoardInput, FindingInput, ProjectInput, RecommendationInput,
    kind, position, status,
};

/// Most rows a list shows.
const LISTED: i64 = 200;

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

async fn unit_by_id(s: &AppState, id: i64) -> Result<Unit, AppError> {
    dinh_platform::units::store::by_id(&s.db, id)
        .await?
        .ok_or_else(AppError::not_found)
}

/// A line of a list: link, label and a note.
pub(crate) struct Line {
    pub href: String,
    pub label: String,
    pub note: String,
}

/// A recommendation as a page shows it.
pub(crate) struct RecRow {
    pub id: i64,
    pub authority: String,
    pub body: String,
    pub sent: String,
    pub due: String,
    pub state: String,
    pub state_code: &'static str,
    pub answer: String,
    pub answered: String,
    pub answered_by: String,
    pub rejection: String,
    pub board: String,
}

fn rec_row(ctx: &Ctx, r: store::Recommendation, today: NaiveDate) -> RecRow {
    let code = r.state(today);
    let (vi, en) = status::name(code);
    RecRow {
        id: r.id,
        state: ctx.tr.pick(vi, en).to_owned(),
        state_code: code,
        sent: show_date(&r.sent_on),
        due: show_date(&r.due_on),
        answered: r.answered_on.as_deref().map(show_date).unwrap_or_default(),
        answered_by: r.answered_by.unwrap_or_default(),
        answer: r.answer.unwrap_or_default(),
        rejection: r.rejection.unwrap_or_default(),
        authority: r.authority,
        body: r.body,
        board: r.board_name,
    }
}

#[derive(Template)]
#[template(path = "oversight/unit.html")]
struct UnitPage {
    c: Chrome,
    code: String,
    boards: Vec<Line>,
    projects: Vec<Line>,
    recs: Vec<RecRow>,
    worker: bool,
}

/// `GET /units/{code}/oversight`: the boards, projects and recommendations of a unit.
pub(crate) async fn unit_page(
    State(s): State<AppState>,
    ctx: Ctx,
    Path(code): Path<String>,
) -> Result<Response, AppError> {
    let unit = unit_by_code(&s, &code).await?;
    let today = today_vn();
    let boards = store::boards_for_unit(&s.db, &unit.path, LISTED)
        .await?
        .into_iter()
        .map(|b| Line {
            href: format!("/oversight/boards/{}", b.id),
            note: format!(
                "{} · {} – {}",
                b.unit_name,
                show_date(&b.term_from),
                show_date(&b.term_to)
            ),
            label: b.name,
        })
        .collect();
    let projects = store::projects_for_unit(&s.db, &unit.path, LISTED)
        .await?
        .into_iter()
        .map(|p| Line {
            href: format!("/oversight/projects/{}", p.id),
            note: format!("{} · {} · {}", p.unit_name, p.investor, p.budget),
            label: p.name,
        })
        .collect();
    let recs = store::recommendations_for_unit(&s.db, &unit.path, LISTED)
        .await?
        .into_iter()
        .map(|r| rec_row(&ctx, r, today))
        .collect();
    let page = UnitPage {
        c: ctx.chrome(format!("{} · {}", ctx.tr.t("ov_section_title"), unit.name)),
        worker: [&BOARDS, &INSPECT, &ANSWER]
            .iter()
            .any(|p| ctx.may(p, &unit)),
        code: unit.code,
        boards,
        projects,
        recs,
    };
    Ok(render(&page)?.into_response())
}

/// A member as the board's page lists it.
pub(crate) struct MemberRow {
    pub name: String,
    pub position: String,
    pub represents: String,
}

#[derive(Template)]
#[template(path = "oversight/board.html")]
struct BoardPage {
    c: Chrome,
    code: String,
    term: String,
    recognition: String,
    project: Option<Line>,
    members: Vec<MemberRow>,
    activities: Vec<Line>,
}

/// `GET /oversight/boards/{id}`: a board, its members and its activities.
pub(crate) async fn board_page(
    State(s): State<AppState>,
    ctx: Ctx,
    Path(id): Path<i64>,
) -> Result<Response, AppError> {
    let b = store::board(&s.db, id)
        .await?
        .ok_or_else(AppError::not_found)?;
    let members = store::members(&s.db, id)
        .await?
        .into_iter()
        .map(|m| {
            let (vi, en) = position::name(&m.position);
            MemberRow {
                name: m.name,
                position: ctx.tr.pick(vi, en).to_owned(),
                represents: m.represents,
            }
        })
        .collect();
    let activities = store::activities_of_board(&s.db, id)
        .await?
        .into_iter()
        .map(|a| Line {
            href: format!("/oversight/activities/{}", a.id),
            note: format!("{} – {}", show_date(&a.starts_on), show_date(&a.ends_on)),
            label: a.subject,
        })
        .collect();
    let project = match b.project_id {
        Some(pid) => store::project(&s.db, pid).await?.map(|p| Line {
            href: format!("/oversight/projects/{}", p.id),
            note: p.investor,
            label: p.name,
        }),
        None => None,
    };
    let page = BoardPage {
        c: ctx.chrome(b.name.clone()),
        term: format!("{} – {}", show_date(&b.term_from), show_date(&b.term_to)),
        recognition: b.recognition,
        code: b.unit_code,
        project,
        members,
        activities,
    };
    Ok(render(&page)?.into_response())
}

#[derive(Template)]
#[template(path = "oversight/project.html")]
struct ProjectPage {
    c: Chrome,
    p: store::Project,
    dates: String,
    board: Option<Line>,
}

/// `GET /oversight/projects/{id}`: an investment project and its supervision board.
pub(crate) async fn project_page(
    State(s): State<AppState>,
    ctx: Ctx,
    Path(id): Path<i64>,
) -> Result<Response, AppError> {
    let p = store::project(&s.db, id)
        .await?
        .ok_or_else(AppError::not_found)?;
    let board: Option<(i64, String)> =
        s.db.fetch_optional(
            &dinh_platform::db::query(
                "SELECT id, name FROM oversight_boards WHERE project_id = $1",
            )
            .bind(id),
        )
        .await?;
    let page = ProjectPage {
        c: ctx.chrome(p.name.clone()),
        dates: format!("{} – {}", show_date(&p.starts_on), show_date(&p.ends_on)),
        board: board.map(|(bid, name)| Line {
            href: format!("/oversight/boards/{bid}"),
            label: name,
            note: String::new(),
        }),
        p,
    };
    Ok(render(&page)?.into_response())
}

/// A finding as a page lists it.
pub(crate) struct FindingRow {
    pub body: String,
    pub evidence: String,
    pub found: String,
}

#[derive(Template)]
#[template(path = "oversight/activity.html")]
struct ActivityPage {
    c: Chrome,
    a: store::Activity,
    notice: String,
    notice_due: String,
    dates: String,
    findings: Vec<FindingRow>,
    recs: Vec<RecRow>,
}

/// `GET /oversight/activities/{id}`: an activity, its findings and recommendations.
pub(crate) async fn activity_page(
    State(s): State<AppState>,
    ctx: Ctx,
    Path(id): Path<i64>,
) -> Result<Response, AppError> {
    let a = store::activity(&s.db, id)
        .await?
        .ok_or_else(AppError::not_found)?;
    let today = today_vn();
    let findings = store::findings_of_activity(&s.db, id)
        .await?
        .into_iter()
        .map(|f| FindingRow {
            found: show_date(&f.found_on),
            body: f.body,
            evidence: f.evidence,
        })
        .collect();
    let recs = store::recommendations_of_activity(&s.db, id)
        .await?
        .into_iter()
        .map(|r| rec_row(&ctx, r, today))
        .collect();
    let page = ActivityPage {
        c: ctx.chrome(a.subject.clone()),
        notice: show_date(&a.notice_on),
        notice_due: show_date(&a.notice_due),
        dates: format!("{} – {}", show_date(&a.starts_on), show_date(&a.ends_on)),
        a,
        findings,
        recs,
    };
    Ok(render(&page)?.into_response())
}

#[derive(Template)]
#[template(path = "oversight/recommendation.html")]
struct RecPage {
    c: Chrome,
    r: RecRow,
    activity_id: i64,
    can_work: bool,
    can_answer: bool,
    can_reject: bool,
    work: bool,
}

async fn rec_page(s: &AppState, ctx: &Ctx, id: i64, work: bool) -> Result<Response, AppError> {
    let r = store::recommendation(&s.db, id)
        .await?
        .ok_or_else(AppError::not_found)?;
    let unit = unit_by_id(s, r.unit_id).await?;
    if work {
        ctx.require_any(&[&ANSWER, &INSPECT], &unit)?;
    }
    let can_answer = ctx.may(&ANSWER, &unit) && r.status != status::ANSWERED;
    let can_reject = ctx.may(&INSPECT, &unit) && r.status == status::ANSWERED;
    let activity_id = r.activity_id;
    let row = rec_row(ctx, r, today_vn());
    let page = RecPage {
        c: ctx.chrome(format!(
            "{} · {}",
            ctx.tr.pick("Kiến nghị", "Recommendation"),
            row.authority
        )),
        can_work: ctx.may(&ANSWER, &unit) || ctx.may(&INSPECT, &unit),
        can_answer,
        can_reject,
        r: row,
        activity_id,
        work,
    };
    Ok(render(&page)?.into_response())
}

/// `GET /oversight/recommendations/{id}`: a recommendation and its answer.
pub(crate) async fn recommendation_page(
    State(s): State<AppState>,
    ctx: Ctx,
    Path(id): Path<i64>,
) -> Result<Response, AppError> {
    rec_page(&s, &ctx, id, false).await
}

/// `GET /oversight/recommendations/{id}/work`: the answer form (authority) or the rejection
/// form (board).
pub(crate) async fn recommendation_work(
    State(s): State<AppState>,
    ctx: Ctx,
    Path(id): Path<i64>,
) -> Result<Response, AppError> {
    rec_page(&s, &ctx, id, true).await
}

/// A choice of a select.
pub(crate) struct Choice {
    pub id: i64,
    pub label: String,
}

#[derive(Template)]
#[template(path = "oversight/work.html")]
struct WorkPage {
    c: Chrome,
    code: String,
    can_boards: bool,
    can_inspect: bool,
    projects: Vec<Choice>,
    boards: Vec<Choice>,
    activities: Vec<Choice>,
    findings: Vec<Choice>,
    pending: Vec<RecRow>,
    today: String,
}

/// `GET /units/{code}/oversight/work`: the forms of the unit's oversight.
pub(crate) async fn work_page(
    State(s): State<AppState>,
    ctx: Ctx,
    Path(code): Path<String>,
) -> Result<Response, AppError> {
    let unit = unit_by_code(&s, &code).await?;
    ctx.require_any(&[&BOARDS, &INSPECT, &ANSWER], &unit)?;
    let today = today_vn();
    let within = format!("{}%", unit.path);
    let projects = store::projects_for_unit(&s.db, &unit.path, LISTED)
        .await?
        .into_iter()
        .map(|p| Choice {
            id: p.id,
            label: p.name,
        })
        .collect();
    let boards = store::boards_for_unit(&s.db, &unit.path, LISTED)
        .await?
        .into_iter()
        .map(|b| Choice {
            id: b.id,
            label: b.name,
        })
        .collect();
    let activities: Vec<(i64, String, String)> =
        s.db.fetch_all(
            &dinh_platform::db::query(
                "SELECT a.id, a.subject, a.starts_on FROM oversight_activities a
                 JOIN units u ON u.id = a.unit_id WHERE u.path LIKE $1
                 ORDER BY a.starts_on DESC, a.id DESC LIMIT 200",
            )
            .bind(within.as_str()),
        )
        .await?;
    let findings: Vec<(i64, String, String)> =
        s.db.fetch_all(
            &dinh_platform::db::query(
                "SELECT f.id, a.subject, f.body FROM oversight_findings f
                 JOIN oversight_activities a ON a.id = f.activity_id
                 JOIN units u ON u.id = a.unit_id WHERE u.path LIKE $1
                 ORDER BY f.found_on DESC, f.id DESC LIMIT 200",
            )
            .bind(within.as_str()),
        )
        .await?;
    let pending = store::recommendations_for_unit(&s.db, &unit.path, LISTED)
        .await?
        .into_iter()
        .filter(|r| r.status != status::ANSWERED)
        .map(|r| rec_row(&ctx, r, today))
        .collect();
    let short = |t: &str| t.chars().take(80).collect::<String>();
    let page = WorkPage {
        c: ctx.chrome(format!("{} · {}", ctx.tr.t("ov_work_area"), unit.name)),
        can_boards: ctx.may(&BOARDS, &unit),
        can_inspect: ctx.may(&INSPECT, &unit),
        code: unit.code,
        projects,
        boards,
        activities: activities
            .into_iter()
            .map(|(id, subject, starts)| Choice {
                id,
                label: format!("{} ({})", subject, show_date(&starts)),
            })
            .collect(),
        findings: findings
            .into_iter()
            .map(|(id, subject, body)| Choice {
                id,
                label: format!("{}: {}", short(&subject), short(&body)),
            })
            .collect(),
        pending,
        today: today.format("%d/%m/%Y").to_string(),
    };
    Ok(render(&page)?.into_response())
}

/// The fields of the project form (text only: the platform's form flattens the CSRF token).
#[derive(Deserialize)]
pub(crate) struct ProjectFields {
    #[serde(default)]
    name: String,
    #[serde(default)]
    investor: String,
    #[serde(default)]
    funding: String,
    #[serde(default)]
    budget: String,
    #[serde(default)]
    place: String,
    #[serde(default)]
    starts_on: String,
    #[serde(default)]
    ends_on: String,
    #[serde(default)]
    contractors: String,
}

/// `POST /units/{code}/oversight/projects`: records a project; on to its page.
pub(crate) async fn create_project(
    State(s): State<AppState>,
    ctx: Ctx,
    Path(code): Path<String>,
    Form(f): Form<ProjectFields>,
) -> Result<Response, AppError> {
    let input = ProjectInput {
        unit_code: code,
        name: f.name,
        investor: f.investor,
        funding: f.funding,
        budget: f.budget,
        place: f.place,
        starts_on: f.starts_on,
        ends_on: f.ends_on,
        contractors: f.contractors,
    };
    let id = store::record_project(&s.db, actor(&ctx)?, &input).await?;
    ctx.redirect_with_flash(
        &s.db,
        &format!("/oversight/projects/{id}"),
        ctx.tr.t("ov_saved"),
    )
    .await
}

/// The fields of the board form.
#[derive(Deserialize)]
pub(crate) struct BoardFields {
    #[serde(default)]
    kind: String,
    #[serde(default)]
    project_id: String,
    #[serde(default)]
    term_from: String,
    #[serde(default)]
    term_to: String,
    #[serde(default)]
    recognition: String,
    #[serde(default)]
    members: String,
}

/// `POST /units/{code}/oversight/boards`: records a board; on to its page.
pub(crate) async fn create_board(
    Extension(m): Extension<OversightModule>,
    State(s): State<AppState>,
    ctx: Ctx,
    Path(code): Path<String>,
    Form(f): Form<BoardFields>,
) -> Result<Response, AppError> {
    let input = BoardInput {
        unit_code: code,
        project_id: if f.kind == kind::INVESTMENT {
            f.project_id
        } else {
            String::new()
        },
        kind: f.kind,
        term_from: f.term_from,
        term_to: f.term_to,
        recognition: f.recognition,
        members: store::parse_members(&f.members),
    };
    let id = store::record_board(&m, &s.db, actor(&ctx)?, &input).await?;
    ctx.redirect_with_flash(
        &s.db,
        &format!("/oversight/boards/{id}"),
        ctx.tr.t("ov_saved"),
    )
    .await
}

/// The fields of the activity form.
#[derive(Deserialize)]
pub(crate) struct ActivityFields {
    #[serde(default)]
    board_id: String,
    #[serde(default)]
    subject: String,
    #[serde(default)]
    scope: String,
    #[serde(default)]
    notice_on: String,
    #[serde(default)]
    starts_on: String,
    #[serde(default)]
    ends_on: String,
}

/// `POST /oversight/activities`: records an activity; on to its page.
pub(crate) async fn create_activity(
    Extension(m): Extension<OversightModule>,
    State(s): State<AppState>,
    ctx: Ctx,
    Form(f): Form<ActivityFields>,
) -> Result<Response, AppError> {
    let input = ActivityInput {
        board_id: f.board_id,
        subject: f.subject,
        scope: f.scope,
        notice_on: f.notice_on,
        starts_on: f.starts_on,
        ends_on: f.ends_on,
    };
    let id = store::record_activity(&m, &s.db, actor(&ctx)?, &input).await?;
    ctx.redirect_with_flash(
        &s.db,
        &format!("/oversight/activities/{id}"),
        ctx.tr.t("ov_saved"),
    )
    .await
}

/// The fields of the finding form.
#[derive(Deserialize)]
pub(crate) struct FindingFields {
    #[serde(default)]
    activity_id: String,
    #[serde(default)]
    body: String,
    #[serde(default)]
    evidence: String,
    #[serde(default)]
    found_on: String,
}

/// `POST /oversight/findings`: records a finding; back to its activity.
pub(crate) async fn create_finding(
    State(s): State<AppState>,
    ctx: Ctx,
    Form(f): Form<FindingFields>,
) -> Result<Response, AppError> {
    let activity = f.activity_id.clone();
    let input = FindingInput {
        activity_id: f.activity_id,
        body: f.body,
        evidence: f.evidence,
        found_on: f.found_on,
    };
    store::record_finding(&s.db, actor(&ctx)?, &input).await?;
    ctx.redirect_with_flash(
        &s.db,
        &format!("/oversight/activities/{}", urlencode(activity.trim())),
        ctx.tr.t("ov_saved"),
    )
    .await
}

/// The fields of the recommendation form.
#[derive(Deserialize)]
pub(crate) struct RecommendationFields {
    #[serde(default)]
    finding_id: String,
    #[serde(default)]
    authority: String,
    #[serde(default)]
    body: String,
    #[serde(default)]
    sent_on: String,
}

/// `POST /oversight/recommendations`: sends a recommendation; on to its page.
pub(crate) async fn create_recommendation(
    Extension(m): Extension<OversightModule>,
    State(s): State<AppState>,
    ctx: Ctx,
    Form(f): Form<RecommendationFields>,
) -> Result<Response, AppError> {
    let input = RecommendationInput {
        finding_id: f.finding_id,
        authority: f.authority,
        body: f.body,
        sent_on: f.sent_on,
    };
    let id = store::recommend(&m, &s.db, actor(&ctx)?, &input).await?;
    ctx.redirect_with_flash(
        &s.db,
        &format!("/oversight/recommendations/{id}"),
        ctx.tr.t("ov_saved"),
    )
    .await
}

/// The fields of the answer and rejection forms.
#[derive(Deserialize)]
pub(crate) struct AnswerFields {
    #[serde(default)]
    text: String,
    #[serde(default)]
    on: String,
}

/// `POST /oversight/recommendations/{id}/answer`: the authority answers.
pub(crate) async fn answer(
    State(s): State<AppState>,
    ctx: Ctx,
    Path(id): Path<i64>,
    Form(f): Form<AnswerFields>,
) -> Result<Response, AppError> {
    store::answer(
        &s.db,
        actor(&ctx)?,
        id,
        &AnswerInput {
            text: f.text,
            on: f.on,
        },
    )
    .await?;
    ctx.redirect_with_flash(
        &s.db,
        &format!("/oversight/recommendations/{id}"),
        ctx.tr
            .pick("Đã trả lời kiến nghị.", "The answer is published."),
    )
    .await
}

/// `POST /oversight/recommendations/{id}/reject`: the board does not accept the answer.
pub(crate) async fn reject(
    State(s): State<AppState>,
    ctx: Ctx,
    Path(id): Path<i64>,
    Form(f): Form<AnswerFields>,
) -> Result<Response, AppError> {
    store::reject_answer(
        &s.db,
        actor(&ctx)?,
        id,
        &AnswerInput {
            text: f.text,
            on: f.on,
        },
    )
    .await?;
    ctx.redirect_with_flash(
        &s.db,
        &format!("/oversight/recommendations/{id}"),
        ctx.tr.t("ov_saved"),
    )
    .await
}
