//! Polls on the web: the unit's polls, a poll's page (the form while it is open and the visitor
//! has not answered, the results after answering or closing, and the sentence saying a poll is
//! not a vote), and the officers' forms to open and close one.

use askama::Template;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum_extra::extract::cookie::{Cookie, CookieJar, SameSite};
use dinh_platform::units::Unit;
use dinh_platform::web::{
    AppError, AppState, Chrome, Client, Ctx, Form, chrome_with_session, render,
};
use dinh_platform::write::WriteError;
use serde::Deserialize;

use super::manage::vietnam_instant;
use super::{actor, may, unit, unit_by_id};
use crate::counters;
use crate::permissions::POLLS;
use crate::polls::{self, Poll, PollInput, Tally};

/// The cookie that keeps one answer per browser.
pub const VISITOR_COOKIE: &str = "dinh_visitor";

#[derive(Template)]
#[template(path = "portal/polls.html")]
struct PollsPage {
    c: Chrome,
    unit: Unit,
    open: Vec<Poll>,
    closed: Vec<Poll>,
    may_open: bool,
}

/// `GET /units/{code}/tham-do`: the unit's polls.
pub(crate) async fn polls(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(code): Path<String>,
) -> Result<Response, AppError> {
    let unit = unit(&state, &code).await?;
    let now = dinh_platform::time::now_rfc3339();
    let (open, closed): (Vec<Poll>, Vec<Poll>) = polls::of_unit(&state.db, unit.id, 100)
        .await?
        .into_iter()
        .filter(|p| p.opens_at.as_str() <= now.as_str())
        .partition(|p| p.is_open(&now));
    let page = PollsPage {
        c: ctx.chrome(format!("{} · {}", ctx.tr.t("portal_polls"), unit.name)),
        may_open: may(&ctx, &POLLS, &unit),
        unit,
        open,
        closed,
    };
    Ok(render(&page)?.into_response())
}

#[derive(Template)]
#[template(path = "portal/poll.html")]
struct PollPage {
    c: Chrome,
    unit: Unit,
    poll: Poll,
    tally: Vec<Tally>,
    total: i64,
    show_form: bool,
    open: bool,
    may_close: bool,
    error: Option<String>,
}

impl PollPage {
    fn share(&self, answers: &i64) -> String {
        if self.total == 0 {
            return self.c.tr.percent(0.0);
        }
        self.c
            .tr
            .percent(100.0 * *answers as f64 / self.total as f64)
    }
}

fn visitor(jar: &CookieJar) -> Option<String> {
    jar.get(VISITOR_COOKIE).map(|c| c.value().to_owned())
}

async fn poll_page(
    state: &AppState,
    ctx: &Ctx,
    c: Chrome,
    poll: Poll,
    visitor: Option<&str>,
    error: Option<String>,
) -> Result<PollPage, AppError> {
    let unit = unit_by_id(state, poll.unit_id).await?;
    let now = dinh_platform::time::now_rfc3339();
    let open = poll.is_open(&now);
    let answered = match visitor {
        Some(v) => polls::answered(&state.db, poll.id, v).await?,
        None => false,
    };
    let tally = polls::tally(&state.db, poll.id).await?;
    Ok(PollPage {
        c,
        total: tally.iter().map(|t| t.answers).sum(),
        tally,
        show_form: open && !answered,
        open,
        may_close: may(ctx, &POLLS, &unit),
        unit,
        poll,
        error,
    })
}

/// `GET /tham-do/{id}`: a poll.
pub(crate) async fn poll(
    State(state): State<AppState>,
    ctx: Ctx,
    jar: CookieJar,
    Path(id): Path<i64>,
) -> Result<Response, AppError> {
    let poll = polls::by_id(&state.db, id)
        .await?
        .ok_or_else(AppError::not_found)?;
    if poll.opens_at > dinh_platform::time::now_rfc3339()
        && !may(&ctx, &POLLS, &unit_by_id(&state, poll.unit_id).await?)
    {
        return Err(AppError::not_found());
    }
    let (c, session_jar) = chrome_with_session(&state, &ctx, poll.question.clone()).await?;
    let page = poll_page(&state, &ctx, c, poll, visitor(&jar).as_deref(), None).await?;
    Ok((session_jar, render(&page)?).into_response())
}

/// An answer.
#[derive(Deserialize)]
pub(crate) struct AnswerFields {
    /// The option's id (text: a flattened form carries every value as text).
    #[serde(default)]
    option: String,
}

/// `POST /tham-do/{id}`: records the visitor's answer, then shows the results.
pub(crate) async fn answer_poll(
    State(state): State<AppState>,
    ctx: Ctx,
    client: Client,
    jar: CookieJar,
    Path(id): Path<i64>,
    Form(f): Form<AnswerFields>,
) -> Result<Response, AppError> {
    let poll = polls::by_id(&state.db, id)
        .await?
        .ok_or_else(AppError::not_found)?;
    let (jar, visitor) = match visitor(&jar) {
        Some(v) => (jar, v),
        None => {
            let v = dinh_platform::accounts::session::random_token();
            let cookie = Cookie::build((VISITOR_COOKIE, v.clone()))
                .http_only(true)
                .same_site(SameSite::Lax)
                .secure(state.config.secure_cookies)
                .path("/")
                .permanent()
                .build();
            (jar.add(cookie), v)
        }
    };
    let client_key = counters::of(&state.db).keyed(&client.0).await;
    let result = match f.option.trim().parse::<i64>().ok() {
        Some(option) => polls::answer(&state.db, &poll, &visitor, &client_key, option).await,
        None => Err(WriteError::invalid("option", "choose one of the answers")),
    };
    match result {
        Ok(()) => {
            let redirect = ctx
                .redirect_with_flash(&state.db, &poll.href(), ctx.tr.t("portal_poll_thanks"))
                .await?;
            Ok((jar, redirect).into_response())
        }
        Err(WriteError::Invalid { message, .. }) => {
            let c = ctx.chrome(poll.question.clone());
            let page = poll_page(&state, &ctx, c, poll, Some(&visitor), Some(message)).await?;
            Ok((jar, (StatusCode::UNPROCESSABLE_ENTITY, render(&page)?)).into_response())
        }
        Err(e) => Err(e.into()),
    }
}

#[derive(Template)]
#[template(path = "portal/poll_form.html")]
struct NewPollPage {
    c: Chrome,
    unit: Unit,
    f: PollFields,
    error: Option<String>,
}

/// The fields of the new poll form.
#[derive(Deserialize, Default, Clone)]
pub(crate) struct PollFields {
    #[serde(default)]
    question: String,
    #[serde(default)]
    options: String,
    #[serde(default)]
    opens_on: String,
    #[serde(default)]
    closes_on: String,
}

/// `GET /units/{code}/tham-do/moi`: the form to open a poll.
pub(crate) async fn new_poll(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(code): Path<String>,
) -> Result<Response, AppError> {
    let unit = unit(&state, &code).await?;
    dinh_platform::accounts::authorize(ctx.principal.as_ref(), &POLLS, Some(&unit))?;
    let today = dinh_platform::time::today_vn();
    let page = NewPollPage {
        c: ctx.chrome(ctx.tr.t("portal_new_poll")),
        f: PollFields {
            opens_on: today.format("%d/%m/%Y").to_string(),
            closes_on: (today + chrono::Days::new(30))
                .format("%d/%m/%Y")
                .to_string(),
            ..PollFields::default()
        },
        unit,
        error: None,
    };
    Ok(render(&page)?.into_response())
}

/// `POST /units/{code}/tham-do/moi`: opens the poll (from the start of its first day to the
/// end of its last, in Vietnam).
pub(crate) async fn open_poll(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(code): Path<String>,
    Form(f): Form<PollFields>,
) -> Result<Response, AppError> {
    let unit = unit(&state, &code).await?;
    let actor = actor(&ctx)?;
    let result = async {
        let opens_at = vietnam_instant(&f.opens_on, "00:00")
            .ok_or_else(|| WriteError::invalid("opens_on", "write the first day as dd/mm/yyyy"))?;
        let closes_at = vietnam_instant(&f.closes_on, "23:59")
            .ok_or_else(|| WriteError::invalid("closes_on", "write the last day as dd/mm/yyyy"))?;
        let input = PollInput {
            question: f.question.clone(),
            options: f.options.lines().map(str::to_owned).collect(),
            opens_at,
            closes_at,
        };
        polls::open(&state.db, actor, &unit, &input).await
    }
    .await;
    match result {
        Ok(id) => {
            ctx.redirect_with_flash(
                &state.db,
                &format!("/tham-do/{id}"),
                ctx.tr.t("portal_saved"),
            )
            .await
        }
        Err(WriteError::Invalid { message, .. }) => {
            let page = NewPollPage {
                c: ctx.chrome(ctx.tr.t("portal_new_poll")),
                unit,
                f,
                error: Some(message),
            };
            Ok((StatusCode::UNPROCESSABLE_ENTITY, render(&page)?).into_response())
        }
        Err(e) => Err(e.into()),
    }
}

/// Empty form (the token only).
#[derive(Deserialize)]
pub(crate) struct Empty {}

/// `POST /tham-do/{id}/dong`: closes a poll early.
pub(crate) async fn close_poll(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<i64>,
    Form(_): Form<Empty>,
) -> Result<Response, AppError> {
    let poll = polls::by_id(&state.db, id)
        .await?
        .ok_or_else(AppError::not_found)?;
    let unit = unit_by_id(&state, poll.unit_id).await?;
    polls::close(&state.db, actor(&ctx)?, &unit, id).await?;
    ctx.redirect_with_flash(&state.db, &poll.href(), ctx.tr.t("portal_poll_closed"))
        .await
}
