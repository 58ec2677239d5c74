//! The work pages: a unit's campaigns and the form to open one; a campaign's registrations,
//! models, proposals and decisions with their forms; a model's claim beside the live figures of
//! its unit, its evaluations and the forms to evaluate and propose it. Each person sees the part
//! of a campaign within the units they hold a role at.

use askama::Template;
use axum::Extension;
use axum::extract::{Path, State};
use axum::response::{IntoResponse, Response};
use dinh_platform::time::{show_date, today_vn};
use dinh_platform::units::Unit;
use dinh_platform::web::{AppError, AppState, Chrome, Ctx, ErrorKind, render};

use super::public::{CountLine, DecisionView, Story, decision_views, story};
use super::{
    Facts, LISTED, Line, award_choices, award_name, campaign_of, facts, field_name, model_of,
    registered_sentence, standing, unit_by_code,
};
use crate::EmulationModule;
use crate::evidence::{self, Fact};
use crate::permissions::{EVALUATE, REGISTER, RUN};
use crate::store::{self, Campaign, collective, eligible, kind, outcome, score_field};

const ANY: [&dinh_platform::accounts::Permission; 3] = [&RUN, &EVALUATE, &REGISTER];

#[derive(Template)]
#[template(path = "emulation/unit_work.html")]
struct UnitWorkPage {
    c: Chrome,
    code: String,
    campaigns: Vec<Line>,
    can_run: bool,
    fields: Vec<(String, String)>,
    today: String,
}

/// `GET /units/{code}/emulation/work`: the unit's campaigns to act on and the form of a new one.
pub(crate) async fn unit_work(
    State(s): State<AppState>,
    Extension(m): Extension<EmulationModule>,
    ctx: Ctx,
    Path(code): Path<String>,
) -> Result<Response, AppError> {
    let unit = unit_by_code(&s, &code).await?;
    ctx.require_any(&ANY, &unit)?;
    let campaigns = store::campaigns_for_unit(&s.db, &unit, LISTED)
        .await?
        .into_iter()
        .map(|c| Line {
            href: format!("/emulation/{}/work", c.id),
            note: format!(
                "{} · {} – {}",
                c.unit_name,
                show_date(&c.period_from),
                show_date(&c.period_to)
            ),
            label: c.title,
        })
        .collect();
    let today = today_vn();
    let fields = m
        .rules()
        .in_force_on(today)
        .map(|p| {
            p.emulation
                .fields
                .iter()
                .map(|f| {
                    (
                        f.code.clone(),
                        ctx.tr.pick(&f.name_vi, &f.name_en).to_owned(),
                    )
                })
                .collect()
        })
        .unwrap_or_default();
    let page = UnitWorkPage {
        c: ctx.chrome(format!(
            "{} · {}",
            ctx.tr.t("emulation_work_area"),
            unit.name
        )),
        can_run: ctx.may(&RUN, &unit),
        code: unit.code,
        campaigns,
        fields,
        today: today.format("%d/%m/%Y").to_string(),
    };
    Ok(render(&page)?.into_response())
}

/// The unit whose part of `campaign` the visitor works on: the campaign's own unit when they
/// hold a role of the movement there (or above), otherwise the first unit under it where they
/// do. Refuses everyone else.
async fn working_unit(s: &AppState, ctx: &Ctx, unit: &Unit) -> Result<Unit, AppError> {
    let Some(p) = &ctx.principal else {
        return Err(AppError::new(ErrorKind::Unauthorized));
    };
    if ANY.iter().any(|perm| ctx.may(perm, unit)) {
        return Ok(unit.clone());
    }
    for g in &p.grants {
        let Some(id) = g.unit_id else { continue };
        if let Some(held) = dinh_platform::units::store::by_id(&s.db, id).await?
            && held.path.starts_with(&unit.path)
            && ANY.iter().any(|perm| ctx.may(perm, &held))
        {
            return Ok(held);
        }
    }
    ctx.require_any(&ANY, unit)?;
    Ok(unit.clone())
}

/// A registration as a row.
pub(crate) struct RegistrationRow {
    pub name: String,
    pub kind: String,
    pub unit: String,
    pub field: String,
    pub commitment: String,
    pub on: String,
}

/// A model as a row.
pub(crate) struct ModelRow {
    pub id: i64,
    pub title: String,
    pub registrant: String,
    pub standing: String,
}

/// A proposal as a row.
pub(crate) struct ProposalRow {
    pub id: i64,
    pub model_id: i64,
    pub model: String,
    pub registrant: String,
    pub award: String,
    pub outcome: String,
    pub pending: bool,
}

#[derive(Template)]
#[template(path = "emulation/campaign_work.html")]
struct CampaignWorkPage {
    c: Chrome,
    f: Facts,
    registered: String,
    by_unit: Vec<CountLine>,
    registrations: Vec<RegistrationRow>,
    without_model: Vec<(i64, String)>,
    models: Vec<ModelRow>,
    proposals: Vec<ProposalRow>,
    decisions: Vec<DecisionView>,
    units: Vec<(String, String)>,
    fields: Vec<(String, String)>,
    kinds: Vec<(&'static str, String)>,
    collectives: Vec<(&'static str, String)>,
    awards: Vec<(String, String)>,
    can_register: bool,
    can_run: bool,
    today: String,
    working: String,
}

fn proposal_row(m: &EmulationModule, ctx: &Ctx, c: &Campaign, p: store::Proposal) -> ProposalRow {
    let (vi, en) = outcome::name(&p.outcome);
    let mut state = ctx.tr.pick(vi, en).to_owned();
    if let (Some(members), Some(votes)) = (p.council_members, p.votes_for) {
        state = format!(
            "{state} ({} / {} {})",
            ctx.tr.number(votes),
            ctx.tr.number(members),
            ctx.tr.pick("thành viên đồng ý", "members for")
        );
    }
    if p.decision_id.is_some() {
        state = format!("{state} · {}", ctx.tr.pick("đã có quyết định", "decided"));
    }
    ProposalRow {
        id: p.id,
        model_id: p.model_id,
        model: p.model_title,
        registrant: format!("{} ({})", p.registrant, p.unit_name),
        award: award_name(m, ctx, &c.rule_pack_id, &p.award),
        pending: p.outcome == outcome::PENDING,
        outcome: state,
    }
}

/// `GET /emulation/{id}/work`: the campaign's registrations, models, proposals and decisions
/// within the visitor's units, with the forms they may use.
pub(crate) async fn campaign_work(
    State(s): State<AppState>,
    Extension(m): Extension<EmulationModule>,
    ctx: Ctx,
    Path(id): Path<i64>,
) -> Result<Response, AppError> {
    let (campaign, unit) = campaign_of(&s, id).await?;
    let working = working_unit(&s, &ctx, &unit).await?;
    let counts = store::counts(&s.db, &campaign).await?;
    let registrations = store::registrations_of(&s.db, id, &working.path, LISTED).await?;
    let models = store::models_of(&s.db, id, &working.path, None, LISTED, 0).await?;
    let with_model: std::collections::HashSet<i64> =
        models.iter().map(|md| md.registration_id).collect();
    let without_model = registrations
        .iter()
        .filter(|r| !with_model.contains(&r.id))
        .map(|r| (r.id, format!("{} ({})", r.name, r.unit_name)))
        .collect();
    let registrations = registrations
        .into_iter()
        .map(|r| {
            let (vi, en) = kind::name(&r.kind);
            RegistrationRow {
                kind: ctx.tr.pick(vi, en).to_owned(),
                unit: r.unit_name,
                field: field_name(&m, &ctx, &campaign, &r.field),
                commitment: r.commitment,
                on: show_date(&r.registered_on),
                name: r.name,
            }
        })
        .collect();
    let models = models
        .into_iter()
        .map(|md| ModelRow {
            id: md.id,
            standing: standing(&ctx, &md.status),
            registrant: format!("{} ({})", md.registrant, md.unit_name),
            title: md.title,
        })
        .collect();
    let can_run = ctx.may(&RUN, &unit);
    let proposals = if can_run {
        store::proposals_of(&s.db, id, None, LISTED)
            .await?
            .into_iter()
            .map(|p| proposal_row(&m, &ctx, &campaign, p))
            .collect()
    } else {
        Vec::new()
    };
    let mut units = vec![(working.code.clone(), working.name.clone())];
    for child in dinh_platform::units::store::children(&s.db, Some(working.id), LISTED, 0).await? {
        if child.valid_to.is_none() {
            units.push((child.code, child.name));
        }
    }
    let kinds = [kind::COLLECTIVE, kind::INDIVIDUAL]
        .into_iter()
        .filter(|k| eligible::admits(&campaign.eligible, k))
        .map(|k| {
            let (vi, en) = kind::name(k);
            (k, ctx.tr.pick(vi, en).to_owned())
        })
        .collect();
    let collectives = collective::ALL
        .iter()
        .map(|(code, vi, en)| (*code, ctx.tr.pick(vi, en).to_owned()))
        .collect();
    let fields = campaign
        .field_codes()
        .iter()
        .map(|f| ((*f).to_owned(), field_name(&m, &ctx, &campaign, f)))
        .collect();
    let awards = award_choices(&m, &ctx, &campaign.rule_pack_id);
    let page = CampaignWorkPage {
        c: ctx.chrome(format!(
            "{} · {}",
            campaign.title,
            ctx.tr.pick("Quản lý", "Manage")
        )),
        f: facts(&m, &ctx, &campaign),
        registered: registered_sentence(&ctx, counts.collectives, counts.individuals),
        by_unit: counts
            .by_unit
            .iter()
            .map(|r| CountLine {
                name: r.name.clone(),
                collectives: ctx.tr.number(r.collectives),
                individuals: ctx.tr.number(r.individuals),
            })
            .collect(),
        registrations,
        without_model,
        models,
        proposals,
        decisions: decision_views(&m, &s, &ctx, &campaign).await?,
        units,
        fields,
        kinds,
        collectives,
        awards,
        can_register: ctx.may(&REGISTER, &working),
        can_run,
        today: today_vn().format("%d/%m/%Y").to_string(),
        working: working.name,
    };
    Ok(render(&page)?.into_response())
}

/// An evaluation as a row.
pub(crate) struct EvaluationRow {
    pub on: String,
    pub evaluator: String,
    pub scores: String,
    pub total: String,
    pub verdict: String,
    pub conclusion: String,
}

/// A criterion with its score field.
pub(crate) struct CriterionField {
    pub field: &'static str,
    pub name: String,
    pub weight: i64,
}

#[derive(Template)]
#[template(path = "emulation/model_work.html")]
struct ModelWorkPage {
    c: Chrome,
    campaign: String,
    s: Story,
    facts: Vec<Fact>,
    evaluations: Vec<EvaluationRow>,
    criteria: Vec<CriterionField>,
    proposals: Vec<ProposalRow>,
    awards: Vec<(String, String)>,
    can_evaluate: bool,
    own: bool,
    recognised: bool,
    today: String,
}

/// `GET /emulation/models/{id}/work`: the model's claim beside the live figures of its unit,
/// its evaluations, and the forms to evaluate it and propose it for an award.
pub(crate) async fn model_work(
    State(s): State<AppState>,
    Extension(m): Extension<EmulationModule>,
    ctx: Ctx,
    Path(id): Path<i64>,
) -> Result<Response, AppError> {
    let (md, unit) = model_of(&s, id).await?;
    ctx.require_any(&ANY, &unit)?;
    let (campaign, _) = campaign_of(&s, md.campaign_id).await?;
    let criteria = store::criteria(&s.db, campaign.id).await?;
    let mut evaluations = Vec::new();
    for e in store::evaluations_of(&s.db, id).await? {
        let scores = store::scores_of(&s.db, e.id)
            .await?
            .into_iter()
            .map(|(position, score)| {
                let name = criteria
                    .iter()
                    .find(|c| c.position == position)
                    .map(|c| c.name.clone())
                    .unwrap_or_default();
                format!("{name}: {}", ctx.tr.number(score))
            })
            .collect::<Vec<_>>()
            .join("; ");
        evaluations.push(EvaluationRow {
            on: show_date(&e.evaluated_on),
            evaluator: e.evaluator,
            scores,
            total: ctx.tr.number(e.total),
            verdict: standing(&ctx, &e.verdict),
            conclusion: e.conclusion,
        });
    }
    let me = ctx.principal.as_ref().map(|p| p.account_id);
    let own = me.is_some() && (md.registered_by_account == me || md.created_by_account == me);
    let proposals = store::proposals_of(&s.db, campaign.id, Some(id), LISTED)
        .await?
        .into_iter()
        .map(|p| proposal_row(&m, &ctx, &campaign, p))
        .collect();
    let awards = award_choices(&m, &ctx, &campaign.rule_pack_id);
    let facts = evidence::facts(&m, &s.registry, &s.db, &campaign, &md, today_vn(), ctx.tr).await?;
    let page = ModelWorkPage {
        c: ctx.chrome(format!(
            "{} · {}",
            md.title,
            ctx.tr.pick("Đánh giá", "Evaluation")
        )),
        campaign: campaign.title.clone(),
        s: story(&m, &ctx, &campaign, &md),
        facts,
        evaluations,
        criteria: criteria
            .into_iter()
            .map(|c| CriterionField {
                field: score_field(c.position),
                name: c.name,
                weight: c.weight,
            })
            .collect(),
        proposals,
        awards,
        can_evaluate: ctx.may(&EVALUATE, &unit),
        own,
        recognised: md.status == store::status::RECOGNISED,
        today: today_vn().format("%d/%m/%Y").to_string(),
    };
    Ok(render(&page)?.into_response())
}
