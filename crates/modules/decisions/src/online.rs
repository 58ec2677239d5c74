//! Online votes (biểu quyết trực tuyến, Điều 17; Nghị định 59/2023 Điều 5): only for the
//! matters the pack allows (matter 6), only after more than half of all households agreed to
//! vote online, each household representative once.

use chrono::NaiveDate;
use dinh_platform::accounts::{Principal, authorize};
use dinh_platform::audit::{self, Change};
use dinh_platform::db::{Db, is_unique_violation, query};
use dinh_platform::units::store::by_id;
use serde::Serialize;
use serde_json::json;

use crate::choice::{Channel, Choice};
use crate::error::{Error, Result, refuse};
use crate::households;
use crate::matters::{self, Matter};
use crate::votes::{VoteReceipt, already_voted, ensure_open, insert, parse_choice};
use crate::{DecisionsModule, permissions};

/// Where the agreement to vote online stands.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct ConsentView {
    /// Households that agreed to vote online.
    pub agreed: i64,
    /// All households of the community today.
    pub households: i64,
    /// Whether online voting is now allowed.
    pub allowed: bool,
    /// Explanation in Vietnamese.
    pub explanation_vi: String,
    /// Explanation in English.
    pub explanation_en: String,
}

fn online_matter_allowed(m: &DecisionsModule, matter: &Matter) -> Result<()> {
    let pack = m.pack(&matter.rule_pack_id)?;
    let n = u32::try_from(matter.matter).unwrap_or(0);
    if !pack.decisions.online_vote_matters.contains(n) {
        let allowed = pack
            .decisions
            .online_vote_matters
            .values
            .iter()
            .map(u32::to_string)
            .collect::<Vec<_>>()
            .join(", ");
        return refuse(
            "channel",
            format!(
                "việc số {n} không được biểu quyết trực tuyến; chỉ việc số {allowed} ({})",
                pack.decisions.online_vote_matters.citation()
            ),
            format!(
                "matter {n} may not be voted online; only matter {allowed} may ({})",
                pack.decisions.online_vote_matters.citation()
            ),
        );
    }
    Ok(())
}

/// Records that a household agrees to decide the matter online (entered by an officer from a
/// meeting or a ballot); once more than the pack's share of all households agree, online
/// voting opens.
pub async fn record_consent(
    m: &DecisionsModule,
    db: &Db,
    who: Option<&Principal>,
    matter_id: i64,
    household_codes: &[String],
    on: NaiveDate,
) -> Result<ConsentView> {
    let matter = matters::get(db, matter_id).await?;
    let unit = matters::unit_of(db, &matter).await?;
    authorize(who, &permissions::RUN, Some(&unit))?;
    online_matter_allowed(m, &matter)?;
    let actor = who.map(Principal::actor).unwrap_or_default();
    let mut tx = db.begin().await?;
    let matter = matters::lock(&mut tx, matter.id).await?;
    ensure_open(&matter)?;
    let mut added = Vec::new();
    for code in household_codes {
        let h = households::in_matter(&mut tx, &matter, code, on).await?;
        let n = tx
            .execute(
                &query(
                    "INSERT INTO decision_online_consents (matter_id, household_id, recorded_by, recorded_at)
                     VALUES ($1, $2, $3, $4) ON CONFLICT (matter_id, household_id) DO NOTHING",
                )
                .bind(matter.id)
                .bind(h.id)
                .bind(actor.as_str())
                .bind(dinh_platform::time::now_rfc3339()),
            )
            .await?;
        if n > 0 {
            added.push(h.code);
        }
    }
    let view = consent_in(m, &mut tx, &matter, unit.id, on).await?;
    if view.allowed && !matter.online_allowed {
        tx.execute(
            &query("UPDATE decision_matters SET online_allowed = TRUE WHERE id = $1")
                .bind(matter.id),
        )
        .await?;
    }
    audit::record(
        &mut tx,
        Change {
            actor: &actor,
            action: "decisions.online_consent",
            object_type: "decision_matter",
            object_id: &matter.id.to_string(),
            before: None,
            after: Some(json!({"households": added, "agreed": view.agreed, "of": view.households, "allowed": view.allowed})),
        },
    )
    .await?;
    tx.commit().await?;
    Ok(view)
}

async fn consent_in(
    m: &DecisionsModule,
    tx: &mut dinh_platform::db::Tx,
    matter: &Matter,
    unit_id: i64,
    on: NaiveDate,
) -> Result<ConsentView> {
    let pack = m.pack(&matter.rule_pack_id)?;
    let agreed: i64 = tx
        .scalar(
            &query("SELECT COUNT(*) FROM decision_online_consents WHERE matter_id = $1")
                .bind(matter.id),
        )
        .await?;
    let total: i64 = tx
        .scalar(
            &query(format!(
                "{} SELECT COUNT(*) FROM households h JOIN subtree s ON h.unit_id = s.id
                 WHERE h.formed_on <= $2 AND (h.dissolved_on IS NULL OR h.dissolved_on > $2)",
                dinh_platform::units::store::SUBTREE_CTE
            ))
            .bind(unit_id)
            .bind(on),
        )
        .await?;
    let ratio = &pack.decisions.online_vote_consent;
    let v = ratio.explain(
        u64::try_from(agreed).unwrap_or(0),
        u64::try_from(total).unwrap_or(0),
    );
    Ok(ConsentView {
        agreed,
        households: total,
        allowed: v.passed,
        explanation_vi: format!("Đồng ý biểu quyết trực tuyến: {}", v.vi),
        explanation_en: format!("Agreement to vote online: {}", v.en),
    })
}

/// A household representative's online vote, for their own household.
pub async fn vote(
    m: &DecisionsModule,
    db: &Db,
    who: Option<&Principal>,
    matter_id: i64,
    choice: &str,
    opinion: &str,
    on: NaiveDate,
) -> Result<VoteReceipt> {
    let principal = who.ok_or(Error::Denied(dinh_platform::accounts::Denied::NotSignedIn))?;
    let matter = matters::get(db, matter_id).await?;
    online_matter_allowed(m, &matter)?;
    let rep = households::of_account(&mut db.clone(), principal.account_id).await?;
    let home = by_id(db, rep.unit_id)
        .await?
        .ok_or(Error::NotFound("unit"))?;
    authorize(who, &permissions::VOTE, Some(&home))?;
    let mut tx = db.begin().await?;
    let matter = matters::lock(&mut tx, matter.id).await?;
    ensure_open(&matter)?;
    let household = rep.household();
    households::check(&matter, &household, on)?;
    if !matter.online_allowed {
        let view = consent_in(m, &mut tx, &matter, matter.unit_id, on).await?;
        return refuse(
            "matter",
            format!("chưa được biểu quyết trực tuyến: {}", view.explanation_vi),
            format!("online voting is not open: {}", view.explanation_en),
        );
    }
    let parsed = parse_choice(&mut tx, &matter, choice, opinion).await?;
    let actor = principal.actor();
    let stored = (!matter.secret).then_some(parsed);
    // The ballot first, then the register row: counts are taken choice before participants.
    if matter.secret {
        secret_ballot(&mut tx, &matter, household.unit_id, parsed).await?;
    }
    if !insert(
        &mut tx,
        &matter,
        &household,
        Channel::Online,
        stored,
        opinion,
        None,
        &actor,
        true,
    )
    .await?
    {
        drop(tx);
        return Err(already_voted(db, matter.id, &household).await);
    }
    audit::record(
        &mut tx,
        Change {
            actor: &actor,
            action: "decisions.vote",
            object_type: "decision_matter",
            object_id: &matter.id.to_string(),
            before: None,
            after: Some(json!({"household": household.code, "channel": "online",
                "choice": stored.map(Choice::code), "secret": matter.secret})),
        },
    )
    .await?;
    tx.commit().await?;
    Ok(VoteReceipt {
        matter_id: matter.id,
        household: household.code,
        channel: Channel::Online,
        awaiting_check: false,
    })
}

/// Puts one secret ballot in the box: a random id, the thôn, the choice; nothing else.
pub(crate) async fn secret_ballot(
    tx: &mut dinh_platform::db::Tx,
    matter: &Matter,
    unit_id: i64,
    choice: Choice,
) -> Result<()> {
    // A random id (not time-ordered) so the ballot cannot be matched to the register's order.
    let id = i64::try_from(rand::random::<u64>() >> 2).unwrap_or(i64::MAX);
    let r = tx
        .execute(
            &query("INSERT INTO decision_secret_ballots (id, matter_id, unit_id, choice) VALUES ($1, $2, $3, $4)")
                .bind(id)
                .bind(matter.id)
                .bind(unit_id)
                .bind(choice.code()),
        )
        .await;
    match r {
        Ok(_) => crate::tally::bump(tx, matter.id, unit_id, &choice.code(), 1).await,
        Err(e) if is_unique_violation(&e) => Err(Error::Internal(anyhow::anyhow!(
            "ballot id collision; retry"
        ))),
        Err(e) => Err(e.into()),
    }
}
