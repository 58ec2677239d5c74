//! The forms of the work pages: open a campaign, register, record a model, evaluate it,
//! propose it, record the council's vote and issue the award decision. Each calls the same
//! store function the API and the demo call, and answers 303 with a message.

use std::collections::HashMap;

use axum::Extension;
use axum::extract::{Path, State};
use axum::response::Response;
use dinh_platform::web::{AppError, AppState, Ctx, Form};
use serde::Deserialize;

use super::actor;
use crate::EmulationModule;
use crate::store::{
    self, CampaignInput, DecisionInput, EvaluationInput, ModelInput, ProposalInput,
    RegistrationInput, VoteInput, score_field,
};

async fn saved(s: &AppState, ctx: &Ctx, to: &str) -> Result<Response, AppError> {
    ctx.redirect_with_flash(&s.db, to, ctx.tr.t("emulation_saved"))
        .await
}

/// The fields of the new campaign form; each covered field is a checkbox `field_<code>`.
#[derive(Deserialize)]
pub(crate) struct CampaignFields {
    #[serde(default)]
    title: String,
    #[serde(default)]
    document: String,
    #[serde(default)]
    description: String,
    #[serde(default)]
    period_from: String,
    #[serde(default)]
    period_to: String,
    #[serde(default)]
    register_until: String,
    #[serde(default)]
    eligible: String,
    #[serde(default)]
    criteria: String,
    #[serde(flatten)]
    rest: HashMap<String, String>,
}

/// `POST /units/{code}/emulation`: opens a campaign; on to its work page.
pub(crate) async fn open(
    State(s): State<AppState>,
    Extension(m): Extension<EmulationModule>,
    ctx: Ctx,
    Path(code): Path<String>,
    Form(f): Form<CampaignFields>,
) -> Result<Response, AppError> {
    let mut fields: Vec<String> = f
        .rest
        .keys()
        .filter_map(|k| k.strip_prefix("field_").map(str::to_owned))
        .collect();
    fields.sort();
    let input = CampaignInput {
        unit_code: code,
        title: f.title,
        document: f.document,
        description: f.description,
        period_from: f.period_from,
        period_to: f.period_to,
        register_until: f.register_until,
        eligible: f.eligible,
        fields,
        criteria: f.criteria,
    };
    let id = store::open_campaign(&m, &s.db, actor(&ctx)?, &input).await?;
    saved(&s, &ctx, &format!("/emulation/{id}/work")).await
}

/// The fields of the registration form.
#[derive(Deserialize)]
pub(crate) struct RegistrationFields {
    #[serde(default)]
    unit_code: String,
    #[serde(default)]
    kind: String,
    #[serde(default)]
    collective_kind: String,
    #[serde(default)]
    name: String,
    #[serde(default)]
    field: String,
    #[serde(default)]
    commitment: String,
    #[serde(default)]
    registered_on: String,
}

/// `POST /emulation/{id}/registrations`: records a registration.
pub(crate) async fn register(
    State(s): State<AppState>,
    ctx: Ctx,
    Path(id): Path<i64>,
    Form(f): Form<RegistrationFields>,
) -> Result<Response, AppError> {
    let input = RegistrationInput {
        campaign_id: id,
        unit_code: f.unit_code,
        kind: f.kind,
        collective_kind: f.collective_kind,
        name: f.name,
        field: f.field,
        commitment: f.commitment,
        registered_on: f.registered_on,
    };
    store::register(&s.db, actor(&ctx)?, &input).await?;
    saved(&s, &ctx, &format!("/emulation/{id}/work#dang-ky")).await
}

/// The fields of the model form: the registration it grew from, and the model.
#[derive(Deserialize)]
pub(crate) struct ModelFields {
    #[serde(default)]
    registration: String,
    #[serde(default)]
    title: String,
    #[serde(default)]
    description: String,
    #[serde(default)]
    started_on: String,
    #[serde(default)]
    results: String,
}

/// `POST /emulation/{id}/models`: records the model a registration of the campaign grew into;
/// on to its evaluation page.
pub(crate) async fn model(
    State(s): State<AppState>,
    ctx: Ctx,
    Path(id): Path<i64>,
    Form(f): Form<ModelFields>,
) -> Result<Response, AppError> {
    let registration = match f.registration.trim().parse::<i64>() {
        Ok(r) => store::registration(&s.db, r).await?,
        Err(_) => None,
    };
    let Some(registration) = registration.filter(|r| r.campaign_id == id) else {
        return Err(AppError::bad_request(
            "registration: chọn đăng ký thi đua mà mô hình phát triển từ đó",
        ));
    };
    let input = ModelInput {
        registration_id: registration.id,
        title: f.title,
        description: f.description,
        started_on: f.started_on,
        results: f.results,
    };
    let model = store::record_model(&s.db, actor(&ctx)?, &input).await?;
    saved(&s, &ctx, &format!("/emulation/models/{model}/work")).await
}

/// The fields of the evaluation form; the scores are `score_1`, `score_2`, …
#[derive(Deserialize)]
pub(crate) struct EvaluationFields {
    #[serde(default)]
    evaluated_on: String,
    #[serde(default)]
    verdict: String,
    #[serde(default)]
    conclusion: String,
    #[serde(flatten)]
    rest: HashMap<String, String>,
}

/// `POST /emulation/models/{id}/evaluations`: records an evaluation.
pub(crate) async fn evaluate(
    State(s): State<AppState>,
    ctx: Ctx,
    Path(id): Path<i64>,
    Form(f): Form<EvaluationFields>,
) -> Result<Response, AppError> {
    let model = store::model(&s.db, id)
        .await?
        .ok_or_else(AppError::not_found)?;
    let criteria = store::criteria(&s.db, model.campaign_id).await?;
    let scores = criteria
        .iter()
        .map(|c| {
            f.rest
                .get(score_field(c.position))
                .cloned()
                .unwrap_or_default()
        })
        .collect();
    let input = EvaluationInput {
        model_id: id,
        evaluated_on: f.evaluated_on,
        scores,
        verdict: f.verdict,
        conclusion: f.conclusion,
    };
    store::evaluate(&s.db, actor(&ctx)?, &input).await?;
    saved(&s, &ctx, &format!("/emulation/models/{id}/work")).await
}

/// The fields of the proposal form.
#[derive(Deserialize)]
pub(crate) struct ProposalFields {
    #[serde(default)]
    award: String,
    #[serde(default)]
    reason: String,
    #[serde(default)]
    proposed_on: String,
}

/// `POST /emulation/models/{id}/proposals`: proposes the model for an award.
pub(crate) async fn propose(
    State(s): State<AppState>,
    Extension(m): Extension<EmulationModule>,
    ctx: Ctx,
    Path(id): Path<i64>,
    Form(f): Form<ProposalFields>,
) -> Result<Response, AppError> {
    let input = ProposalInput {
        model_id: id,
        award: f.award,
        reason: f.reason,
        proposed_on: f.proposed_on,
    };
    store::propose(&m, &s.db, actor(&ctx)?, &input).await?;
    saved(&s, &ctx, &format!("/emulation/models/{id}/work")).await
}

/// The fields of the council's vote form.
#[derive(Deserialize)]
pub(crate) struct VoteFields {
    #[serde(default)]
    council_members: String,
    #[serde(default)]
    votes_for: String,
    #[serde(default)]
    voted_on: String,
}

/// `POST /emulation/proposals/{id}/vote`: records the council's vote; the message says whether
/// it passed and why.
pub(crate) async fn vote(
    State(s): State<AppState>,
    Extension(m): Extension<EmulationModule>,
    ctx: Ctx,
    Path(id): Path<i64>,
    Form(f): Form<VoteFields>,
) -> Result<Response, AppError> {
    let campaign: Option<(i64,)> =
        s.db.fetch_optional(
            &dinh_platform::db::query("SELECT campaign_id FROM emulation_proposals WHERE id = $1")
                .bind(id),
        )
        .await?;
    let (campaign,) = campaign.ok_or_else(AppError::not_found)?;
    let input = VoteInput {
        proposal_id: id,
        council_members: f.council_members,
        votes_for: f.votes_for,
        voted_on: f.voted_on,
    };
    let (_, verdict) = store::record_vote(&m, &s.db, actor(&ctx)?, &input).await?;
    ctx.redirect_with_flash(
        &s.db,
        &format!("/emulation/{campaign}/work#khen-thuong"),
        &verdict,
    )
    .await
}

/// The fields of the award decision form.
#[derive(Deserialize)]
pub(crate) struct DecisionFields {
    #[serde(default)]
    award: String,
    #[serde(default)]
    number: String,
    #[serde(default)]
    signed_on: String,
    #[serde(default)]
    signer: String,
    #[serde(default)]
    signer_title: String,
}

/// `POST /emulation/{id}/decisions`: issues the award decision over the passed proposals.
pub(crate) async fn decide(
    State(s): State<AppState>,
    Extension(m): Extension<EmulationModule>,
    ctx: Ctx,
    Path(id): Path<i64>,
    Form(f): Form<DecisionFields>,
) -> Result<Response, AppError> {
    let input = DecisionInput {
        campaign_id: id,
        award: f.award,
        number: f.number,
        signed_on: f.signed_on,
        signer: f.signer,
        signer_title: f.signer_title,
    };
    store::issue_decision(&m, &s.db, actor(&ctx)?, &input).await?;
    saved(&s, &ctx, &format!("/emulation/{id}/work#khen-thuong")).await
}
