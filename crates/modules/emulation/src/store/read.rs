//! The reads: a campaign and its criteria, registrations, models, evaluations, proposals and
//! award decisions, the counts a review quotes ("184 tập thể, 540 cá nhân đăng ký"), and the
//! awards of a unit's collectives and individuals.

use dinh_platform::db::{Db, DbResult, query};
use dinh_platform::units::Unit;
use dinh_platform::write::WriteError;
use serde::Serialize;

use super::{kind, outcome, status};

/// A campaign (phong trào thi đua "Dân vận khéo") of a unit for a period.
#[derive(Debug, Clone, Serialize, sqlx::FromRow, utoipa::ToSchema)]
pub struct Campaign {
    /// Id.
    pub id: i64,
    /// The unit whose Mass Mobilisation Board runs it.
    #[serde(skip)]
    pub unit_id: i64,
    /// Its code.
    pub unit_code: String,
    /// Its name.
    pub unit_name: String,
    /// Title ("Phong trào thi đua “Dân vận khéo” năm 2026").
    pub title: String,
    /// The document that launched it, with its criteria (kế hoạch, hướng dẫn).
    pub document: String,
    /// What it asks for.
    pub description: String,
    /// First day of the period (ISO).
    pub period_from: String,
    /// Last day of the period (ISO).
    pub period_to: String,
    /// Last day to register (ISO).
    pub register_until: String,
    /// Who may register: collectives, individuals or both.
    pub eligible: String,
    /// The field codes it covers, comma-separated.
    pub fields: String,
    /// The rule pack in force when it opened.
    pub rule_pack_id: String,
    /// When it was opened (RFC 3339).
    pub created_at: String,
}

impl Campaign {
    /// Its unit.
    pub async fn unit(&self, db: &Db) -> Result<Unit, WriteError> {
        dinh_platform::units::store::by_id(db, self.unit_id)
            .await?
            .ok_or(WriteError::NotFound)
    }

    /// The field codes it covers.
    pub fn field_codes(&self) -> Vec<&str> {
        self.fields.split(',').filter(|f| !f.is_empty()).collect()
    }
}

/// A criterion (tiêu chí) of a campaign, scored from 0 to its weight.
#[derive(Debug, Clone, Serialize, sqlx::FromRow, utoipa::ToSchema)]
pub struct Criterion {
    /// Its place in the list, from 1.
    pub position: i64,
    /// What it measures.
    pub name: String,
    /// Its weight: the highest score.
    pub weight: i64,
}

/// A registration (đăng ký thi đua) of a collective or an individual.
#[derive(Debug, Clone, Serialize, sqlx::FromRow, utoipa::ToSchema)]
pub struct Registration {
    /// Id.
    pub id: i64,
    /// The campaign.
    pub campaign_id: i64,
    /// The registrant's unit.
    #[serde(skip)]
    pub unit_id: i64,
    /// Its name.
    pub unit_name: String,
    /// collective | individual.
    pub kind: String,
    /// For a collective, its kind (chi bộ, đoàn thể, thôn, …).
    pub collective_kind: String,
    /// The collective's or the person's name.
    pub name: String,
    /// The field code.
    pub field: String,
    /// What it commits to do.
    pub commitment: String,
    /// The day it registered (ISO).
    pub registered_on: String,
    /// Who recorded it.
    #[serde(skip)]
    pub registered_by_account: Option<i64>,
}

/// A model (mô hình "Dân vận khéo") grown from a registration.
#[derive(Debug, Clone, Serialize, sqlx::FromRow, utoipa::ToSchema)]
pub struct Model {
    /// Id.
    pub id: i64,
    /// The registration it grew from.
    pub registration_id: i64,
    /// The campaign.
    pub campaign_id: i64,
    /// The registrant's unit.
    #[serde(skip)]
    pub unit_id: i64,
    /// Its code.
    pub unit_code: String,
    /// Its name.
    pub unit_name: String,
    /// The registrant's name.
    pub registrant: String,
    /// collective | individual.
    pub registrant_kind: String,
    /// The field code.
    pub field: String,
    /// Title of the model.
    pub title: String,
    /// What it is and how it works.
    pub description: String,
    /// The day it started (ISO).
    pub started_on: String,
    /// The results it claims.
    pub results: String,
    /// proposed | recognised | kept | rejected.
    pub status: String,
    /// The conclusion of its last evaluation (the reason when rejected).
    pub status_reason: String,
    /// The day of its last evaluation (ISO).
    pub status_on: Option<String>,
    /// Who recorded the registration.
    #[serde(skip)]
    pub registered_by_account: Option<i64>,
    /// Who recorded the model.
    #[serde(skip)]
    pub created_by_account: Option<i64>,
}

impl Model {
    /// Its unit.
    pub async fn unit(&self, db: &Db) -> Result<Unit, WriteError> {
        dinh_platform::units::store::by_id(db, self.unit_id)
            .await?
            .ok_or(WriteError::NotFound)
    }
}

/// An evaluation (khảo sát, đánh giá) of a model by the board.
#[derive(Debug, Clone, Serialize, sqlx::FromRow, utoipa::ToSchema)]
pub struct Evaluation {
    /// Id.
    pub id: i64,
    /// The model.
    pub model_id: i64,
    /// The evaluator's name.
    pub evaluator: String,
    /// The day (ISO).
    pub evaluated_on: String,
    /// The sum of the scores.
    pub total: i64,
    /// recognised | kept | rejected.
    pub verdict: String,
    /// The conclusion (the reason when rejected).
    pub conclusion: String,
}

/// A proposal for commendation (đề nghị khen thưởng) and the council's vote on it.
#[derive(Debug, Clone, Serialize, sqlx::FromRow, utoipa::ToSchema)]
pub struct Proposal {
    /// Id.
    pub id: i64,
    /// The campaign.
    pub campaign_id: i64,
    /// The model.
    pub model_id: i64,
    /// Its title.
    pub model_title: String,
    /// The registrant's name.
    pub registrant: String,
    /// collective | individual.
    pub registrant_kind: String,
    /// The registrant's unit.
    pub unit_name: String,
    /// The award code (giấy khen, bằng khen) of the rule pack.
    pub award: String,
    /// Why (thành tích).
    pub reason: String,
    /// The day proposed (ISO).
    pub proposed_on: String,
    /// Members of the council, when it voted.
    pub council_members: Option<i64>,
    /// Members who voted for it.
    pub votes_for: Option<i64>,
    /// The day of the vote (ISO).
    pub voted_on: Option<String>,
    /// pending | passed | failed.
    pub outcome: String,
    /// The award decision that granted it.
    pub decision_id: Option<i64>,
}

/// An award decision (quyết định khen thưởng) with its annexed list.
#[derive(Debug, Clone, Serialize, sqlx::FromRow, utoipa::ToSchema)]
pub struct AwardDecision {
    /// Id.
    pub id: i64,
    /// The campaign.
    pub campaign_id: i64,
    /// The award code.
    pub award: String,
    /// Number and symbol ("125/QĐ-UBND").
    pub number: String,
    /// The day signed (ISO).
    pub signed_on: String,
    /// The signer's name.
    pub signer: String,
    /// The signer's title ("Chủ tịch").
    pub signer_title: String,
}

/// An award granted (a line of an award decision's list), for a unit's history of awards.
#[derive(Debug, Clone, Serialize, sqlx::FromRow, utoipa::ToSchema)]
pub struct Award {
    /// The decision.
    pub decision_id: i64,
    /// Its number.
    pub number: String,
    /// The day signed (ISO).
    pub signed_on: String,
    /// The award code.
    pub award: String,
    /// The collective's or the person's name.
    pub registrant: String,
    /// collective | individual.
    pub registrant_kind: String,
    /// The registrant's unit.
    pub unit_name: String,
    /// The campaign.
    pub campaign_id: i64,
    /// Its title.
    pub campaign_title: String,
    /// The model awarded.
    pub model_id: i64,
    /// Its title.
    pub model_title: String,
}

/// Registrations of one field or one unit.
#[derive(Debug, Clone, Default, Serialize, utoipa::ToSchema)]
pub struct CountRow {
    /// The field code or the unit's name.
    pub name: String,
    /// Collectives registered.
    pub collectives: i64,
    /// Individuals registered.
    pub individuals: i64,
}

/// The counts a review quotes, over a campaign.
#[derive(Debug, Clone, Default, Serialize, utoipa::ToSchema)]
pub struct Counts {
    /// Collectives registered.
    pub collectives: i64,
    /// Individuals registered.
    pub individuals: i64,
    /// By field code.
    pub by_field: Vec<CountRow>,
    /// By unit under the campaign's.
    pub by_unit: Vec<CountRow>,
    /// Models recorded.
    pub models: i64,
    /// Models evaluated.
    pub evaluated: i64,
    /// Models recognised.
    pub recognised: i64,
    /// Awards granted.
    pub awards: i64,
}

const CAMPAIGN: &str = "SELECT c.id, c.unit_id, u.code AS unit_code, u.name AS unit_name,
        c.title, c.document, c.description, c.period_from, c.period_to, c.register_until,
        c.eligible, c.fields, c.rule_pack_id, c.created_at
     FROM emulation_campaigns c JOIN units u ON u.id = c.unit_id";

/// A campaign by id.
pub async fn campaign(db: &Db, id: i64) -> DbResult<Option<Campaign>> {
    db.fetch_optional(&query(format!("{CAMPAIGN} WHERE c.id = $1")).bind(id))
        .await
}

/// The campaigns a unit's people take part in: those of the unit, of the units above it and
/// of the units under it, newest period first.
pub async fn campaigns_for_unit(db: &Db, unit: &Unit, limit: i64) -> DbResult<Vec<Campaign>> {
    let mut ids = unit.ancestor_ids();
    ids.push(unit.id);
    let list = ids
        .iter()
        .map(i64::to_string)
        .collect::<Vec<_>>()
        .join(", ");
    db.fetch_all(
        &query(format!(
            "{CAMPAIGN} WHERE c.unit_id IN ({list}) OR u.path LIKE $1
             ORDER BY c.period_from DESC, c.id DESC LIMIT $2"
        ))
        .bind(format!("{}%", unit.path))
        .bind(limit),
    )
    .await
}

/// A campaign's criteria in order.
pub async fn criteria(db: &Db, campaign_id: i64) -> DbResult<Vec<Criterion>> {
    db.fetch_all(
        &query(
            "SELECT position, name, weight FROM emulation_criteria WHERE campaign_id = $1
             ORDER BY position",
        )
        .bind(campaign_id),
    )
    .await
}

const REGISTRATION: &str = "SELECT r.id, r.campaign_id, r.unit_id, u.name AS unit_name, r.kind,
        r.collective_kind, r.name, r.field, r.commitment, r.registered_on, r.registered_by_account
     FROM emulation_registrations r JOIN units u ON u.id = r.unit_id";

/// A registration by id.
pub async fn registration(db: &Db, id: i64) -> DbResult<Option<Registration>> {
    db.fetch_optional(&query(format!("{REGISTRATION} WHERE r.id = $1")).bind(id))
        .await
}

/// The latest registrations of a campaign, in the subtree of `path`, newest first.
pub async fn registrations_of(
    db: &Db,
    campaign_id: i64,
    path: &str,
    limit: i64,
) -> DbResult<Vec<Registration>> {
    db.fetch_all(
        &query(format!(
            "{REGISTRATION} WHERE r.campaign_id = $1 AND u.path LIKE $2
             ORDER BY r.id DESC LIMIT $3"
        ))
        .bind(campaign_id)
        .bind(format!("{path}%"))
        .bind(limit),
    )
    .await
}

const MODEL: &str = "SELECT m.id, m.registration_id, m.campaign_id, m.unit_id,
        u.code AS unit_code, u.name AS unit_name, r.name AS registrant,
        r.kind AS registrant_kind, r.field, m.title, m.description, m.started_on, m.results,
        m.status, m.status_reason, m.status_on, r.registered_by_account, m.created_by_account
     FROM emulation_models m JOIN emulation_registrations r ON r.id = m.registration_id
     JOIN units u ON u.id = m.unit_id";

/// A model by id.
pub async fn model(db: &Db, id: i64) -> DbResult<Option<Model>> {
    db.fetch_optional(&query(format!("{MODEL} WHERE m.id = $1")).bind(id))
        .await
}

/// A campaign's models in the subtree of `path`, with `only` status when given, by id: `limit`
/// of them after the first `offset`.
pub async fn models_of(
    db: &Db,
    campaign_id: i64,
    path: &str,
    only: Option<&str>,
    limit: i64,
    offset: i64,
) -> DbResult<Vec<Model>> {
    let q = match only {
        Some(s) => query(format!(
            "{MODEL} WHERE m.campaign_id = $1 AND u.path LIKE $2 AND m.status = $5
             ORDER BY m.id LIMIT $3 OFFSET $4"
        ))
        .bind(campaign_id)
        .bind(format!("{path}%"))
        .bind(limit)
        .bind(offset)
        .bind(s.to_owned()),
        None => query(format!(
            "{MODEL} WHERE m.campaign_id = $1 AND u.path LIKE $2 ORDER BY m.id
             LIMIT $3 OFFSET $4"
        ))
        .bind(campaign_id)
        .bind(format!("{path}%"))
        .bind(limit)
        .bind(offset),
    };
    db.fetch_all(&q).await
}

/// A model's evaluations, oldest first.
pub async fn evaluations_of(db: &Db, model_id: i64) -> DbResult<Vec<Evaluation>> {
    db.fetch_all(
        &query(
            "SELECT id, model_id, evaluator, evaluated_on, total, verdict, conclusion
             FROM emulation_evaluations WHERE model_id = $1 ORDER BY evaluated_on, id",
        )
        .bind(model_id),
    )
    .await
}

/// The scores of an evaluation, by criterion position.
pub async fn scores_of(db: &Db, evaluation_id: i64) -> DbResult<Vec<(i64, i64)>> {
    db.fetch_all(
        &query(
            "SELECT position, score FROM emulation_scores WHERE evaluation_id = $1
             ORDER BY position",
        )
        .bind(evaluation_id),
    )
    .await
}

const PROPOSAL: &str = "SELECT p.id, p.campaign_id, p.model_id, m.title AS model_title,
        r.name AS registrant, r.kind AS registrant_kind, u.name AS unit_name, p.award,
        p.reason, p.proposed_on, p.council_members, p.votes_for, p.voted_on, p.outcome,
        p.decision_id
     FROM emulation_proposals p JOIN emulation_models m ON m.id = p.model_id
     JOIN emulation_registrations r ON r.id = m.registration_id
     JOIN units u ON u.id = m.unit_id";

/// A campaign's proposals, or one model's (`model`), by id.
pub async fn proposals_of(
    db: &Db,
    campaign_id: i64,
    model: Option<i64>,
    limit: i64,
) -> DbResult<Vec<Proposal>> {
    let q = match model {
        Some(m) => query(format!(
            "{PROPOSAL} WHERE p.campaign_id = $1 AND p.model_id = $3 ORDER BY p.id LIMIT $2"
        ))
        .bind(campaign_id)
        .bind(limit)
        .bind(m),
        None => query(format!(
            "{PROPOSAL} WHERE p.campaign_id = $1 ORDER BY p.id LIMIT $2"
        ))
        .bind(campaign_id)
        .bind(limit),
    };
    db.fetch_all(&q).await
}

const DECISION: &str = "SELECT id, campaign_id, award, number, signed_on, signer, signer_title
     FROM emulation_decisions";

/// An award decision by id.
pub async fn decision(db: &Db, id: i64) -> DbResult<Option<AwardDecision>> {
    db.fetch_optional(&query(format!("{DECISION} WHERE id = $1")).bind(id))
        .await
}

/// A campaign's award decisions, newest first.
pub async fn decisions_of(db: &Db, campaign_id: i64) -> DbResult<Vec<AwardDecision>> {
    db.fetch_all(
        &query(format!(
            "{DECISION} WHERE campaign_id = $1 ORDER BY signed_on DESC, id DESC"
        ))
        .bind(campaign_id),
    )
    .await
}

const AWARD: &str = "SELECT d.id AS decision_id, d.number, d.signed_on, d.award,
        r.name AS registrant, r.kind AS registrant_kind, u.name AS unit_name,
        c.id AS campaign_id, c.title AS campaign_title, m.id AS model_id, m.title AS model_title
     FROM emulation_proposals p JOIN emulation_decisions d ON d.id = p.decision_id
     JOIN emulation_campaigns c ON c.id = p.campaign_id
     JOIN emulation_models m ON m.id = p.model_id
     JOIN emulation_registrations r ON r.id = m.registration_id
     JOIN units u ON u.id = m.unit_id";

/// The annexed list of an award decision, by the registrant's unit and name.
pub async fn decision_awards(db: &Db, decision_id: i64) -> DbResult<Vec<Award>> {
    db.fetch_all(
        &query(format!(
            "{AWARD} WHERE d.id = $1 ORDER BY u.name, r.name, p.id"
        ))
        .bind(decision_id),
    )
    .await
}

/// The awards of the collectives and individuals of a unit's subtree, grouped by registrant
/// (the history of each), newest first within each.
pub async fn awards_for_unit(db: &Db, path: &str, limit: i64) -> DbResult<Vec<Award>> {
    db.fetch_all(
        &query(format!(
            "{AWARD} WHERE u.path LIKE $1
             ORDER BY r.name_key, r.kind, u.name, d.signed_on DESC, d.id DESC LIMIT $2"
        ))
        .bind(format!("{path}%"))
        .bind(limit),
    )
    .await
}

/// The counts of a campaign: registrations by kind, field and unit under the campaign's (from
/// the tallies kept with each registration), models by standing and awards granted.
pub async fn counts(db: &Db, campaign: &Campaign) -> DbResult<Counts> {
    let tallies: Vec<(i64, String, String, String, i64)> = db
        .fetch_all(
            &query(
                "SELECT t.area_unit_id, u.name, t.field, t.kind, t.registrations
                 FROM emulation_tallies t JOIN units u ON u.id = t.area_unit_id
                 WHERE t.campaign_id = $1 ORDER BY u.name, t.area_unit_id",
            )
            .bind(campaign.id),
        )
        .await?;
    let models: Vec<(String, i64)> = db
        .fetch_all(
            &query(
                "SELECT status, CAST(COUNT(*) AS BIGINT) FROM emulation_models
                 WHERE campaign_id = $1 GROUP BY status",
            )
            .bind(campaign.id),
        )
        .await?;
    let awards: i64 = db
        .scalar(
            &query(
                "SELECT CAST(COUNT(*) AS BIGINT) FROM emulation_proposals
                 WHERE campaign_id = $1 AND decision_id IS NOT NULL",
            )
            .bind(campaign.id),
        )
        .await?;
    let mut out = Counts {
        awards,
        ..Counts::default()
    };
    let mut last_unit = None;
    let mut by_field: std::collections::BTreeMap<String, CountRow> =
        std::collections::BTreeMap::new();
    for (unit_id, name, field, k, n) in tallies {
        let (c, i) = split(&k, n);
        out.collectives += c;
        out.individuals += i;
        match out.by_unit.last_mut() {
            Some(last) if last_unit == Some(unit_id) => {
                last.collectives += c;
                last.individuals += i;
            }
            _ => out.by_unit.push(CountRow {
                name,
                collectives: c,
                individuals: i,
            }),
        }
        last_unit = Some(unit_id);
        let row = by_field.entry(field.clone()).or_insert_with(|| CountRow {
            name: field,
            ..CountRow::default()
        });
        row.collectives += c;
        row.individuals += i;
    }
    out.by_field = by_field.into_values().collect();
    for (s, n) in models {
        out.models += n;
        if s != status::PROPOSED {
            out.evaluated += n;
        }
        if s == status::RECOGNISED {
            out.recognised += n;
        }
    }
    Ok(out)
}

fn split(k: &str, n: i64) -> (i64, i64) {
    if k == kind::INDIVIDUAL {
        (0, n)
    } else {
        (n, 0)
    }
}

/// Whether a proposal is still open or granted (a second one for the same award is refused).
pub(crate) fn is_live(outcome_code: &str) -> bool {
    outcome_code != outcome::FAILED
}
