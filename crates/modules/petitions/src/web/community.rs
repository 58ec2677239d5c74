//! Mediation (hòa giải ở cơ sở) and dialogues (đối thoại) of a unit, on one page.

use askama::Template;
use axum::extract::{Path, State};
use axum::response::{IntoResponse, Response};
use dinh_platform::time::{show_date, today_vn};
use dinh_platform::web::{AppError, AppState, Chrome, Ctx, Form, render};
use serde::Deserialize;

use crate::input;
use crate::permissions::{DIALOGUE, MEDIATE, VIEW};
use crate::store::community;
use crate::store::scope::allow;
use crate::store::unit_by_code;

struct MediationLine {
    id: i64,
    team: String,
    subject: String,
    opened: String,
    outcome: String,
    closed: String,
}

struct CommitmentLine {
    id: i64,
    issue: String,
    answer: String,
    owner: String,
    due: String,
    done: String,
    overdue: bool,
}

struct DialogueLine {
    id: i64,
    title: String,
    planned: String,
    held: String,
    chaired_by: String,
    participants: String,
    commitments: Vec<CommitmentLine>,
}

#[derive(Template)]
#[template(path = "petitions/community.html")]
struct CommunityPage {
    c: Chrome,
    unit_code: String,
    teams: Vec<(i64, String, String, i64)>,
    mediations: Vec<MediationLine>,
    dialogues: Vec<DialogueLine>,
    can_mediate: bool,
    can_dialogue: bool,
    sees_dialogues: bool,
    today: String,
}

/// `GET /units/{code}/community`.
pub(crate) async fn page(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(code): Path<String>,
) -> Result<Response, AppError> {
    let unit = unit_by_code(&state.db, &code).await?;
    let p = ctx.principal.as_ref();
    let (teams, ms) = community::mediations(&state.db, p, &unit).await?;
    // A village head or a Front work team records mediation only: the dialogues of the
    // commune are for those who may see petitions or hold dialogues.
    let sees_dialogues = allow(p, &VIEW, &unit).is_ok() || allow(p, &DIALOGUE, &unit).is_ok();
    let ds = if sees_dialogues {
        community::dialogues(&state.db, p, &unit).await?
    } else {
        Vec::new()
    };
    let today = today_vn().format("%Y-%m-%d").to_string();
    let team_name = |id: i64| {
        teams
            .iter()
            .find(|t| t.id == id)
            .map(|t| t.name.clone())
            .unwrap_or_default()
    };
    let outcome = |o: &str| {
        ctx.tr
            .t(match o {
                "settled" => "pet_outcome_settled",
                "not_settled" => "pet_outcome_not_settled",
                "referred" => "pet_outcome_referred",
                _ => "pet_outcome_pending",
            })
            .to_owned()
    };
    let page = CommunityPage {
        c: ctx.chrome(format!("{} · {}", ctx.tr.t("pet_community"), unit.name)),
        unit_code: unit.code.clone(),
        mediations: ms
            .iter()
            .map(|x| MediationLine {
                id: x.id,
                team: team_name(x.team_id),
                subject: x.subject.clone(),
                opened: show_date(&x.opened_on),
                outcome: outcome(&x.outcome),
                closed: x.closed_on.as_deref().map(show_date).unwrap_or_default(),
            })
            .collect(),
        teams: teams
            .iter()
            .map(|t| (t.id, t.name.clone(), t.leader.clone(), t.members))
            .collect(),
        dialogues: ds
            .iter()
            .map(|(d, cs)| DialogueLine {
                id: d.id,
                title: d.title.clone(),
                planned: show_date(&d.planned_on),
                held: d.held_on.as_deref().map(show_date).unwrap_or_default(),
                chaired_by: d.chaired_by.clone(),
                participants: d.participants.map(|n| n.to_string()).unwrap_or_default(),
                commitments: cs
                    .iter()
                    .map(|k| CommitmentLine {
                        id: k.id,
                        issue: k.issue.clone(),
                        answer: k.answer.clone(),
                        owner: k.owner.clone(),
                        due: show_date(&k.due_on),
                        done: k.done_on.as_deref().map(show_date).unwrap_or_default(),
                        overdue: k.done_on.is_none() && k.due_on < today,
                    })
                    .collect(),
            })
            .collect(),
        can_mediate: allow(p, &MEDIATE, &unit).is_ok(),
        can_dialogue: allow(p, &DIALOGUE, &unit).is_ok(),
        sees_dialogues,
        today: today_vn().format("%d/%m/%Y").to_string(),
    };
    Ok(render(&page)?.into_response())
}

/// The forms of the page, told apart by `form`.
#[derive(Deserialize)]
pub(crate) struct CommunityForm {
    form: String,
    #[serde(default)]
    id: String,
    #[serde(default)]
    name: String,
    #[serde(default)]
    leader: String,
    #[serde(default)]
    members: String,
    #[serde(default)]
    subject: String,
    #[serde(default)]
    on: String,
    #[serde(default)]
    outcome: String,
    #[serde(default)]
    title: String,
    #[serde(default)]
    chaired_by: String,
    #[serde(default)]
    participants: String,
    #[serde(default)]
    issue: String,
    #[serde(default)]
    answer: String,
    #[serde(default)]
    owner: String,
}

/// `POST /units/{code}/community`.
pub(crate) async fn post(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(code): Path<String>,
    Form(f): Form<CommunityForm>,
) -> Result<Response, AppError> {
    let unit = unit_by_code(&state.db, &code).await?;
    let p = ctx.principal.as_ref();
    let db = &state.db;
    let id = || {
        f.id.trim()
            .parse::<i64>()
            .map_err(|_| input::BadInput("id: choose one".into()))
    };
    let on = || input::date("on", &f.on);
    match f.form.as_str() {
        "team" => {
            let members = input::number("members", &f.members, 1..=100)?;
            community::add_team(db, p, &unit, &f.name, &f.leader, members).await?;
        }
        "mediation" => {
            community::open_mediation(db, p, id()?, &f.subject, on()?, None).await?;
        }
        "outcome" => community::close_mediation(db, p, id()?, &f.outcome, on()?).await?,
        "dialogue" => {
            community::plan_dialogue(db, p, &unit, &f.title, on()?, &f.chaired_by).await?;
        }
        "held" => {
            let n = input::number("participants", &f.participants, 1..=100_000)?;
            community::hold_dialogue(db, p, id()?, on()?, n).await?;
        }
        "commitment" => {
            community::commit(db, p, id()?, &f.issue, &f.answer, &f.owner, on()?).await?;
        }
        "kept" => community::commitment_done(db, p, id()?, on()?).await?,
        _ => return Err(input::BadInput("form: unknown form".into()).into()),
    }
    ctx.redirect_with_flash(
        &state.db,
        &format!("/units/{}/community", unit.code),
        ctx.tr.t("flash_saved"),
    )
    .await
}
