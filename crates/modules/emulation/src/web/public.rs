//! The public pages: the campaigns of a unit, a campaign (its criteria, the registrations
//! counted by field and unit, the recognised models, the award decisions with their lists), a
//! recognised model with its story and the live figures of its unit, and a unit's awards.

use askama::Template;
use axum::Extension;
use axum::extract::{Path, Query, State};
use axum::response::{IntoResponse, Response};
use dinh_platform::time::{show_date, today_vn};
use dinh_platform::web::{AppError, AppState, Chrome, Ctx, render};

use super::{
    Facts, LISTED, Line, award_name, campaign_of, facts, field_name, model_of, registered_sentence,
    unit_by_code,
};
use crate::EmulationModule;
use crate::evidence::{self, Fact};
use crate::permissions::{EVALUATE, REGISTER, RUN};
use crate::store::{self, kind, status};

/// Recognised models a page of the campaign lists.
const MODELS_PAGE: i64 = 50;

/// The page of recognised models asked for (`?trang=2`).
#[derive(serde::Deserialize)]
pub(crate) struct PageQuery {
    #[serde(default)]
    trang: Option<i64>,
}

#[derive(Template)]
#[template(path = "emulation/unit.html")]
struct UnitPage {
    c: Chrome,
    code: String,
    campaigns: Vec<Line>,
    worker: bool,
}

/// `GET /units/{code}/emulation`: the campaigns the unit's people take part in.
pub(crate) async fn unit_page(
    State(s): State<AppState>,
    ctx: Ctx,
    Path(code): Path<String>,
) -> Result<Response, AppError> {
    let unit = unit_by_code(&s, &code).await?;
    let campaigns = store::campaigns_for_unit(&s.db, &unit, LISTED)
        .await?
        .into_iter()
        .map(|c| Line {
            href: format!("/emulation/{}", c.id),
            note: format!(
                "{} · {} – {}",
                c.unit_name,
                show_date(&c.period_from),
                show_date(&c.period_to)
            ),
            label: c.title,
        })
        .collect();
    let page = UnitPage {
        c: ctx.chrome(format!(
            "{} · {}",
            ctx.tr.t("emulation_section_title"),
            unit.name
        )),
        worker: [&RUN, &EVALUATE, &REGISTER]
            .iter()
            .any(|p| ctx.may(p, &unit)),
        code: unit.code,
        campaigns,
    };
    Ok(render(&page)?.into_response())
}

/// A count of registrations as a row.
pub(crate) struct CountLine {
    pub name: String,
    pub collectives: String,
    pub individuals: String,
}

/// An award decision with its list, as pages show it.
pub(crate) struct DecisionView {
    pub id: i64,
    pub title: String,
    pub awards: Vec<Line>,
}

#[derive(Template)]
#[template(path = "emulation/campaign.html")]
struct CampaignPage {
    c: Chrome,
    f: Facts,
    criteria: Vec<(String, String)>,
    registered: String,
    models: String,
    by_field: Vec<CountLine>,
    by_unit: Vec<CountLine>,
    recognised: Vec<Line>,
    page: i64,
    pages: i64,
    decisions: Vec<DecisionView>,
    worker: bool,
}

pub(crate) async fn decision_views(
    m: &EmulationModule,
    s: &AppState,
    ctx: &Ctx,
    campaign: &store::Campaign,
) -> Result<Vec<DecisionView>, AppError> {
    let mut out = Vec::new();
    for d in store::decisions_of(&s.db, campaign.id).await? {
        let awards = store::decision_awards(&s.db, d.id)
            .await?
            .into_iter()
            .map(|a| Line {
                href: format!("/emulation/models/{}", a.model_id),
                note: format!("{} · {}", a.unit_name, a.model_title),
                label: a.registrant,
            })
            .collect();
        out.push(DecisionView {
            id: d.id,
            title: format!(
                "{} {} {} {}: {}",
                ctx.tr.pick("Quyết định số", "Decision no."),
                d.number,
                ctx.tr.pick("ngày", "of"),
                show_date(&d.signed_on),
                award_name(m, ctx, &campaign.rule_pack_id, &d.award)
            ),
            awards,
        });
    }
    Ok(out)
}

/// `GET /emulation/{id}`: a campaign, its counts, recognised models and awards.
pub(crate) async fn campaign_page(
    State(s): State<AppState>,
    Extension(m): Extension<EmulationModule>,
    ctx: Ctx,
    Path(id): Path<i64>,
    Query(q): Query<PageQuery>,
) -> Result<Response, AppError> {
    let (campaign, unit) = campaign_of(&s, id).await?;
    let counts = store::counts(&s.db, &campaign).await?;
    let pages = ((counts.recognised + MODELS_PAGE - 1) / MODELS_PAGE).max(1);
    let page = q.trang.unwrap_or(1).clamp(1, pages);
    let n = |v: i64| ctx.tr.number(v);
    let line = |name: String, r: &store::CountRow| CountLine {
        name,
        collectives: n(r.collectives),
        individuals: n(r.individuals),
    };
    let recognised = store::models_of(
        &s.db,
        id,
        &unit.path,
        Some(status::RECOGNISED),
        MODELS_PAGE,
        (page - 1) * MODELS_PAGE,
    )
    .await?
    .into_iter()
    .map(|md| Line {
        href: format!("/emulation/models/{}", md.id),
        note: format!("{} · {}", md.registrant, md.unit_name),
        label: md.title,
    })
    .collect();
    let page = CampaignPage {
        c: ctx.chrome(campaign.title.clone()),
        f: facts(&m, &ctx, &campaign),
        criteria: store::criteria(&s.db, id)
            .await?
            .into_iter()
            .map(|c| (c.name, n(c.weight)))
            .collect(),
        registered: registered_sentence(&ctx, counts.collectives, counts.individuals),
        models: format!(
            "{} {}, {} {}, {} {}",
            n(counts.models),
            ctx.tr.pick("mô hình", "models"),
            n(counts.evaluated),
            ctx.tr.pick("đã được khảo sát, đánh giá", "evaluated"),
            n(counts.recognised),
            ctx.tr.pick("được công nhận", "recognised")
        ),
        by_field: counts
            .by_field
            .iter()
            .map(|r| line(field_name(&m, &ctx, &campaign, &r.name), r))
            .collect(),
        by_unit: counts
            .by_unit
            .iter()
            .map(|r| line(r.name.clone(), r))
            .collect(),
        recognised,
        page,
        pages,
        decisions: decision_views(&m, &s, &ctx, &campaign).await?,
        worker: [&RUN, &EVALUATE, &REGISTER]
            .iter()
            .any(|p| ctx.may(p, &unit)),
    };
    Ok(render(&page)?.into_response())
}

/// A model's story as pages show it.
pub(crate) struct Story {
    pub id: i64,
    pub campaign_id: i64,
    pub registrant: String,
    pub unit_name: String,
    pub field: String,
    pub description: String,
    pub started: String,
    pub results: String,
    pub standing: String,
    pub reason: String,
    pub standing_on: String,
}

pub(crate) fn story(
    m: &EmulationModule,
    ctx: &Ctx,
    campaign: &store::Campaign,
    md: &store::Model,
) -> Story {
    let (vi, en) = kind::name(&md.registrant_kind);
    Story {
        id: md.id,
        campaign_id: md.campaign_id,
        registrant: format!("{} ({})", md.registrant, ctx.tr.pick(vi, en).to_lowercase()),
        unit_name: md.unit_name.clone(),
        field: field_name(m, ctx, campaign, &md.field),
        description: md.description.clone(),
        started: show_date(&md.started_on),
        results: md.results.clone(),
        standing: super::standing(ctx, &md.status),
        reason: md.status_reason.clone(),
        standing_on: md.status_on.as_deref().map(show_date).unwrap_or_default(),
    }
}

#[derive(Template)]
#[template(path = "emulation/model.html")]
struct ModelPage {
    c: Chrome,
    campaign: String,
    s: Story,
    facts: Vec<Fact>,
    awards: Vec<Line>,
}

/// `GET /emulation/models/{id}`: a recognised model, its story, the figures of its unit and
/// its awards. A model not (yet) recognised is not public.
pub(crate) async fn model_page(
    State(s): State<AppState>,
    Extension(m): Extension<EmulationModule>,
    ctx: Ctx,
    Path(id): Path<i64>,
) -> Result<Response, AppError> {
    let (md, _) = model_of(&s, id).await?;
    if md.status != status::RECOGNISED {
        return Err(AppError::not_found());
    }
    let (campaign, _) = campaign_of(&s, md.campaign_id).await?;
    let facts = evidence::facts(&m, &s.registry, &s.db, &campaign, &md, today_vn(), ctx.tr).await?;
    let awards = store::proposals_of(&s.db, campaign.id, Some(md.id), LISTED)
        .await?
        .into_iter()
        .filter_map(|p| {
            let decision = p.decision_id?;
            Some(Line {
                href: format!("/emulation/{}#qd-{decision}", campaign.id),
                label: award_name(&m, &ctx, &campaign.rule_pack_id, &p.award),
                note: String::new(),
            })
        })
        .collect();
    let page = ModelPage {
        c: ctx.chrome(md.title.clone()),
        campaign: campaign.title.clone(),
        s: story(&m, &ctx, &campaign, &md),
        facts,
        awards,
    };
    Ok(render(&page)?.into_response())
}

/// One collective's or individual's awards.
pub(crate) struct Awardee {
    pub name: String,
    pub awards: Vec<Line>,
}

#[derive(Template)]
#[template(path = "emulation/awards.html")]
struct AwardsPage {
    c: Chrome,
    code: String,
    awardees: Vec<Awardee>,
}

/// `GET /units/{code}/emulation/awards`: the history of awards of each collective and
/// individual of the unit and the units under it.
pub(crate) async fn awards_page(
    State(s): State<AppState>,
    Extension(m): Extension<EmulationModule>,
    ctx: Ctx,
    Path(code): Path<String>,
) -> Result<Response, AppError> {
    let unit = unit_by_code(&s, &code).await?;
    let mut awardees: Vec<Awardee> = Vec::new();
    let mut last_key: Option<(String, String, String)> = None;
    let mut packs: std::collections::HashMap<i64, String> = std::collections::HashMap::new();
    for a in store::awards_for_unit(&s.db, &unit.path, LISTED).await? {
        let key = (
            dinh_platform::text::fold(&a.registrant),
            a.registrant_kind.clone(),
            a.unit_name.clone(),
        );
        let pack = match packs.entry(a.campaign_id) {
            std::collections::hash_map::Entry::Occupied(e) => e.get().clone(),
            std::collections::hash_map::Entry::Vacant(e) => e
                .insert(
                    store::campaign(&s.db, a.campaign_id)
                        .await?
                        .map(|c| c.rule_pack_id)
                        .unwrap_or_default(),
                )
                .clone(),
        };
        let line = Line {
            href: format!("/emulation/{}#qd-{}", a.campaign_id, a.decision_id),
            label: format!(
                "{} · {} {} {}",
                award_name(&m, &ctx, &pack, &a.award),
                ctx.tr.pick("QĐ số", "Decision"),
                a.number,
                show_date(&a.signed_on)
            ),
            note: format!("{} · {}", a.campaign_title, a.model_title),
        };
        match awardees.last_mut() {
            Some(last) if last_key.as_ref() == Some(&key) => last.awards.push(line),
            _ => awardees.push(Awardee {
                name: format!("{} ({})", a.registrant, a.unit_name),
                awards: vec![line],
            }),
        }
        last_key = Some(key);
    }
    let page = AwardsPage {
        c: ctx.chrome(format!(
            "{} · {}",
            ctx.tr.pick(
                "Khen thưởng phong trào “Dân vận khéo”",
                "“Dân vận khéo” awards"
            ),
            unit.name
        )),
        code: unit.code,
        awardees,
    };
    Ok(render(&page)?.into_response())
}
