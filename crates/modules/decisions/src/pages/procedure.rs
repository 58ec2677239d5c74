//! The forms of the work page (biểu mẫu nghiệp vụ): meeting, attendance, procedural votes,
//! ballot plan, returned ballots and their second check, online-vote agreement. Each runs the
//! store operation the API runs and goes back to the work page; a refusal names the field.

use axum::Extension;
use axum::extract::{Path, State};
use axum::response::{IntoResponse, Redirect, Response};
use dinh_platform::time::today_vn;
use dinh_platform::web::{AppError, AppState, Ctx, Form};
use serde::Deserialize;

use super::{count, lines};
use crate::{
    AttendanceInput, BallotPlanInput, DecisionsModule, MeetingInput, ProceduralInput, VoteInput,
};

fn back(id: i64, done: &str) -> Response {
    Redirect::to(&format!("/matters/{id}/work?done={done}")).into_response()
}

/// A meeting (hội nghị) and the day its notice reached households.
#[derive(Deserialize)]
pub(crate) struct MeetingForm {
    #[serde(default)]
    held_on: String,
    #[serde(default)]
    notice_on: String,
    #[serde(default)]
    unit_code: String,
    #[serde(default)]
    cluster: String,
}

/// `POST /matters/{id}/work/meetings`.
pub(crate) async fn meeting(
    Extension(m): Extension<DecisionsModule>,
    State(s): State<AppState>,
    ctx: Ctx,
    Path(id): Path<i64>,
    Form(f): Form<MeetingForm>,
) -> Result<Response, AppError> {
    let input = MeetingInput {
        held_on: f.held_on,
        notice_on: f.notice_on,
        unit_code: f.unit_code,
        cluster: f.cluster,
    };
    crate::meetings::create(&m, &s.db, ctx.principal.as_ref(), id, &input)
        .await
        .map_err(|e| e.into_app(ctx.tr))?;
    Ok(back(id, "meeting"))
}

/// A household present (điểm danh theo hộ).
#[derive(Deserialize)]
pub(crate) struct AttendForm {
    #[serde(default)]
    meeting: String,
    #[serde(default)]
    household: String,
    #[serde(default)]
    attendee: String,
    #[serde(default)]
    capacity: String,
}

fn meeting_id(text: &str) -> crate::Result<i64> {
    text.trim()
        .parse()
        .or_else(|_| crate::error::refuse("meeting", "chưa chọn hội nghị", "choose the meeting"))
}

/// `POST /matters/{id}/work/attendance`.
pub(crate) async fn attend(
    State(s): State<AppState>,
    ctx: Ctx,
    Path(id): Path<i64>,
    Form(f): Form<AttendForm>,
) -> Result<Response, AppError> {
    let run = async {
        let meeting = meeting_id(&f.meeting)?;
        let input = AttendanceInput {
            household: f.household,
            attendee: f.attendee,
            capacity: f.capacity,
        };
        crate::meetings::attend(&s.db, ctx.principal.as_ref(), id, meeting, &input).await
    };
    run.await.map_err(|e| e.into_app(ctx.tr))?;
    Ok(back(id, "attendance"))
}

/// A procedural vote (thư ký, hình thức biểu quyết, ban kiểm phiếu).
#[derive(Deserialize)]
pub(crate) struct ProceduralForm {
    #[serde(default)]
    meeting: String,
    #[serde(default)]
    subject: String,
    #[serde(default)]
    detail: String,
    #[serde(default)]
    agree: String,
}

/// `POST /matters/{id}/work/procedural`.
pub(crate) async fn procedural(
    Extension(m): Extension<DecisionsModule>,
    State(s): State<AppState>,
    ctx: Ctx,
    Path(id): Path<i64>,
    Form(f): Form<ProceduralForm>,
) -> Result<Response, AppError> {
    let run = async {
        let meeting = meeting_id(&f.meeting)?;
        let input = ProceduralInput {
            subject: f.subject,
            detail: f.detail,
            agree: count("agree", &f.agree)?,
        };
        crate::meetings::procedural(&m, &s.db, ctx.principal.as_ref(), id, meeting, &input).await
    };
    run.await.map_err(|e| e.into_app(ctx.tr))?;
    Ok(back(id, "procedural"))
}

/// The household ballot plan (kế hoạch phát phiếu) and its team, one member a line.
#[derive(Deserialize)]
pub(crate) struct PlanForm {
    #[serde(default)]
    issued_on: String,
    #[serde(default)]
    published_on: String,
    #[serde(default)]
    distribution_on: String,
    #[serde(default)]
    team_head: String,
    #[serde(default)]
    team: String,
}

/// `POST /matters/{id}/work/ballot-plan`.
pub(crate) async fn ballot_plan(
    Extension(m): Extension<DecisionsModule>,
    State(s): State<AppState>,
    ctx: Ctx,
    Path(id): Path<i64>,
    Form(f): Form<PlanForm>,
) -> Result<Response, AppError> {
    let input = BallotPlanInput {
        issued_on: f.issued_on,
        published_on: f.published_on,
        distribution_on: f.distribution_on,
        team_head: f.team_head,
        team: lines(&f.team),
    };
    crate::ballots::plan(&m, &s.db, ctx.principal.as_ref(), id, &input)
        .await
        .map_err(|e| e.into_app(ctx.tr))?;
    Ok(back(id, "plan"))
}

/// A vote at the meeting or a returned household ballot.
#[derive(Deserialize)]
pub(crate) struct VoteForm {
    #[serde(default)]
    household: String,
    #[serde(default)]
    channel: String,
    #[serde(default)]
    choice: String,
    #[serde(default)]
    opinion: String,
}

/// `POST /matters/{id}/work/votes`.
pub(crate) async fn vote(
    Extension(m): Extension<DecisionsModule>,
    State(s): State<AppState>,
    ctx: Ctx,
    Path(id): Path<i64>,
    Form(f): Form<VoteForm>,
) -> Result<Response, AppError> {
    let input = VoteInput {
        household: f.household,
        channel: f.channel,
        choice: f.choice,
        opinion: f.opinion,
    };
    crate::votes::record(&m, &s.db, ctx.principal.as_ref(), id, &input, today_vn())
        .await
        .map_err(|e| e.into_app(ctx.tr))?;
    Ok(back(id, "vote"))
}

/// One household's ballot to check.
#[derive(Deserialize)]
pub(crate) struct CheckForm {
    #[serde(default)]
    household: String,
}

/// `POST /matters/{id}/work/check`: the second team member's check (kiểm tra chéo).
pub(crate) async fn check(
    State(s): State<AppState>,
    ctx: Ctx,
    Path(id): Path<i64>,
    Form(f): Form<CheckForm>,
) -> Result<Response, AppError> {
    crate::votes::confirm(&s.db, ctx.principal.as_ref(), id, &f.household)
        .await
        .map_err(|e| e.into_app(ctx.tr))?;
    Ok(back(id, "check"))
}

/// Households agreeing to decide online, one code a line.
#[derive(Deserialize)]
pub(crate) struct ConsentForm {
    #[serde(default)]
    households: String,
}

/// `POST /matters/{id}/work/consent`: opens online voting once enough households agree.
pub(crate) async fn consent(
    Extension(m): Extension<DecisionsModule>,
    State(s): State<AppState>,
    ctx: Ctx,
    Path(id): Path<i64>,
    Form(f): Form<ConsentForm>,
) -> Result<Response, AppError> {
    let codes = lines(&f.households);
    if codes.is_empty() {
        return Err(AppError::bad_request(format!(
            "households: {}",
            ctx.tr
                .pick("chưa nhập mã hộ nào", "no household code entered")
        )));
    }
    crate::online::record_consent(&m, &s.db, ctx.principal.as_ref(), id, &codes, today_vn())
        .await
        .map_err(|e| e.into_app(ctx.tr))?;
    Ok(back(id, "consent"))
}

/// `POST /matters/{id}/work/secret-count`: the count of one secret ballot box (biên bản kiểm
/// phiếu): the choices or, for an election, `candidate_<id>` per candidate; the counting board
/// and witnesses one a line.
pub(crate) async fn secret_count(
    Extension(m): Extension<DecisionsModule>,
    State(s): State<AppState>,
    ctx: Ctx,
    Path(id): Path<i64>,
    Form(f): Form<std::collections::HashMap<String, String>>,
) -> Result<Response, AppError> {
    let field = |k: &str| f.get(k).map(String::as_str).unwrap_or("");
    let number = |k: &'static str| -> crate::Result<u32> {
        if field(k).trim().is_empty() {
            Ok(0)
        } else {
            count(k, field(k))
        }
    };
    let run = async {
        let mut candidates = Vec::new();
        for (k, v) in &f {
            if let Some(cid) = k.strip_prefix("candidate_") {
                let candidate = cid.parse().or_else(|_| {
                    crate::error::refuse(
                        "candidates",
                        "ứng cử viên không hợp lệ",
                        "no such candidate",
                    )
                })?;
                let ballots = if v.trim().is_empty() {
                    0
                } else {
                    count("candidates", v)?
                };
                candidates.push(crate::secret::CandidateCount { candidate, ballots });
            }
        }
        candidates.sort_by_key(|c| c.candidate);
        let input = crate::SecretCount {
            unit_code: field("unit_code").to_owned(),
            agree: number("agree")?,
            disagree: number("disagree")?,
            other: number("other")?,
            invalid: number("invalid")?,
            candidates,
            board: lines(field("board")),
            witnesses: lines(field("witnesses")),
        };
        crate::secret::record_count(&m, &s.db, ctx.principal.as_ref(), id, &input).await
    };
    run.await.map_err(|e| e.into_app(ctx.tr))?;
    Ok(back(id, "count"))
}
