//! Pages of the emulation movement: the public pages of a unit's campaigns, of each campaign
//! (its counts, recognised models and award decisions), of a recognised model and of a unit's
//! awards; the work pages to open a campaign, register, record models, evaluate them beside the
//! live figures, propose them, record the council's vote and issue the award decision; the
//! XLSX lists and the decision as DOCX and PDF; and the decisions as portal news.
//! Server-rendered, no JavaScript; forms POST with the CSRF token and answer 303 with a message.

pub(crate) mod exports;
pub(crate) mod forms;
pub(crate) mod news;
pub(crate) mod public;
pub(crate) mod work;

use dinh_platform::time::show_date;
use dinh_platform::units::Unit;
use dinh_platform::web::{AppError, AppState, Ctx, ErrorKind};
use dinh_platform::write::Actor;

use crate::EmulationModule;
use crate::store::{self, Campaign, Model, eligible, status};

/// Most rows a list shows.
pub(crate) const LISTED: i64 = 200;

pub(crate) fn actor(ctx: &Ctx) -> Result<Actor<'_>, AppError> {
    ctx.principal
        .as_ref()
        .map(Actor::Person)
        .ok_or_else(|| AppError::new(ErrorKind::Unauthorized))
}

pub(crate) async fn unit_by_code(s: &AppState, code: &str) -> Result<Unit, AppError> {
    dinh_platform::units::store::by_code(&s.db, code)
        .await?
        .ok_or_else(AppError::not_found)
}

pub(crate) async fn campaign_of(s: &AppState, id: i64) -> Result<(Campaign, Unit), AppError> {
    let campaign = store::campaign(&s.db, id)
        .await?
        .ok_or_else(AppError::not_found)?;
    let unit = campaign.unit(&s.db).await?;
    Ok((campaign, unit))
}

pub(crate) async fn model_of(s: &AppState, id: i64) -> Result<(Model, Unit), AppError> {
    let model = store::model(&s.db, id)
        .await?
        .ok_or_else(AppError::not_found)?;
    let unit = model.unit(&s.db).await?;
    Ok((model, unit))
}

/// A line of a list: link, label and a note.
pub(crate) struct Line {
    pub href: String,
    pub label: String,
    pub note: String,
}

/// A campaign's facts as its pages show them.
pub(crate) struct Facts {
    pub id: i64,
    pub unit_code: String,
    pub unit_name: String,
    pub document: String,
    pub description: String,
    pub period: String,
    pub register_until: String,
    pub eligible: String,
    pub fields: String,
    pub open: bool,
}

pub(crate) fn facts(m: &EmulationModule, ctx: &Ctx, c: &Campaign) -> Facts {
    let (vi, en) = eligible::name(&c.eligible);
    let today = dinh_platform::time::today_vn().to_string();
    Facts {
        id: c.id,
        unit_code: c.unit_code.clone(),
        unit_name: c.unit_name.clone(),
        document: c.document.clone(),
        description: c.description.clone(),
        period: format!(
            "{} – {}",
            show_date(&c.period_from),
            show_date(&c.period_to)
        ),
        register_until: show_date(&c.register_until),
        eligible: ctx.tr.pick(vi, en).to_owned(),
        fields: c
            .field_codes()
            .iter()
            .map(|f| field_name(m, ctx, c, f))
            .collect::<Vec<_>>()
            .join("; "),
        open: c.period_from <= today && today <= c.register_until,
    }
}

pub(crate) fn field_name(m: &EmulationModule, ctx: &Ctx, c: &Campaign, code: &str) -> String {
    let (vi, en) = m.names(&c.rule_pack_id, false, code);
    ctx.tr.pick(&vi, &en).to_owned()
}

pub(crate) fn award_name(m: &EmulationModule, ctx: &Ctx, pack_id: &str, code: &str) -> String {
    let (vi, en) = m.names(pack_id, true, code);
    ctx.tr.pick(&vi, &en).to_owned()
}

/// The awards of a pack as (code, name) choices of a form.
pub(crate) fn award_choices(
    m: &EmulationModule,
    ctx: &Ctx,
    pack_id: &str,
) -> Vec<(String, String)> {
    m.rules()
        .get(pack_id)
        .map(|p| {
            p.emulation
                .awards
                .iter()
                .map(|a| {
                    (
                        a.code.clone(),
                        ctx.tr.pick(&a.name_vi, &a.name_en).to_owned(),
                    )
                })
                .collect()
        })
        .unwrap_or_default()
}

/// A model's standing in the page's language.
pub(crate) fn standing(ctx: &Ctx, code: &str) -> String {
    let (vi, en) = status::name(code);
    ctx.tr.pick(vi, en).to_owned()
}

/// "184 tập thể, 540 cá nhân đăng ký" in the page's language.
pub(crate) fn registered_sentence(ctx: &Ctx, collectives: i64, individuals: i64) -> String {
    format!(
        "{} {}, {} {} {}",
        ctx.tr.number(collectives),
        ctx.tr.pick("tập thể", "collectives"),
        ctx.tr.number(individuals),
        ctx.tr.pick("cá nhân", "individuals"),
        ctx.tr.pick("đăng ký", "registered")
    )
}
