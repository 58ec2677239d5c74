//! Commendation (khen thưởng): a proposal for a recognised model, the emulation council's vote
//! on it under the majority of the rule pack, and the award decision over the passed proposals
//! of one award, its annexed list being those proposals.

use dinh_platform::audit::{self, Change};
use dinh_platform::db::ids::next_id;
use dinh_platform::db::{Db, query};
use dinh_platform::write::{Actor, WriteError};
use serde_json::json;

use super::read::is_live;
use super::{BODY_MAX, TITLE_MAX, count_field, date_field, outcome, status, text_field};
use crate::EmulationModule;
use crate::permissions::{EVALUATE, RUN};

/// What the board fills in to propose a model for commendation.
#[derive(Debug, Clone, Default)]
pub struct ProposalInput {
    /// The model.
    pub model_id: i64,
    /// The award code of the campaign's rule pack.
    pub award: String,
    /// The achievements it rests on.
    pub reason: String,
    /// The day (dd/mm/yyyy).
    pub proposed_on: String,
}

/// Proposes a recognised model for an award; returns the proposal's id.
pub async fn propose(
    m: &EmulationModule,
    db: &Db,
    actor: Actor<'_>,
    input: &ProposalInput,
) -> Result<i64, WriteError> {
    let model = super::model(db, input.model_id)
        .await?
        .ok_or(WriteError::NotFound)?;
    let unit = model.unit(db).await?;
    actor.may(&EVALUATE, &unit)?;
    if model.status != status::RECOGNISED {
        let (vi, _) = status::name(&model.status);
        return Err(WriteError::invalid(
            "model_id",
            format!(
                "chỉ đề nghị khen thưởng mô hình đã được công nhận; mô hình “{}” đang ở trạng thái: {}",
                model.title,
                vi.to_lowercase()
            ),
        ));
    }
    let campaign = super::campaign(db, model.campaign_id)
        .await?
        .ok_or(WriteError::NotFound)?;
    let pack = m
        .rules()
        .get(&campaign.rule_pack_id)
        .map_err(|e| WriteError::Other(anyhow::anyhow!("{e}")))?;
    let award = input.award.trim();
    let Some(entry) = pack.emulation.award(award) else {
        return Err(WriteError::invalid(
            "award",
            "chọn hình thức khen thưởng trong danh sách",
        ));
    };
    let earlier = super::proposals_of(db, campaign.id, Some(model.id), 100).await?;
    if earlier
        .iter()
        .any(|p| p.award == award && is_live(&p.outcome))
    {
        return Err(WriteError::invalid(
            "award",
            format!(
                "mô hình “{}” đã được đề nghị {}",
                model.title,
                entry.name_vi.to_lowercase()
            ),
        ));
    }
    let reason = text_field(
        "reason",
        &input.reason,
        BODY_MAX,
        "thành tích đề nghị khen thưởng",
    )?;
    let on = date_field("proposed_on", &input.proposed_on)?;
    let id = next_id();
    let who = actor.audit();
    let mut tx = db.begin().await?;
    tx.execute(
        &query(
            "INSERT INTO emulation_proposals (id, campaign_id, model_id, award, reason,
               proposed_by, proposed_on, outcome, created_at)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
        )
        .bind(id)
        .bind(campaign.id)
        .bind(model.id)
        .bind(award)
        .bind(reason.as_str())
        .bind(who.as_str())
        .bind(on)
        .bind(outcome::PENDING)
        .bind(dinh_platform::time::now_rfc3339()),
    )
    .await?;
    audit::record(
        &mut tx,
        Change {
            actor: &who,
            action: "emulation.propose",
            object_type: "emulation_proposal",
            object_id: &id.to_string(),
            before: None,
            after: Some(json!({
                "model": model.id, "award": award, "proposed_on": on.to_string(),
            })),
        },
    )
    .await?;
    tx.commit().await?;
    Ok(id)
}

/// The council's vote on a proposal.
#[derive(Debug, Clone, Default)]
pub struct VoteInput {
    /// The proposal.
    pub proposal_id: i64,
    /// Members of the council (tổng số thành viên Hội đồng).
    pub council_members: String,
    /// Members who voted for it.
    pub votes_for: String,
    /// The day (dd/mm/yyyy).
    pub voted_on: String,
}

/// Records the council's vote; the proposal passes when the votes for it reach the majority
/// of the campaign's rule pack. Returns whether it passed, with the verdict in words.
pub async fn record_vote(
    m: &EmulationModule,
    db: &Db,
    actor: Actor<'_>,
    input: &VoteInput,
) -> Result<(bool, String), WriteError> {
    let proposal: Option<(i64, String, String)> = db
        .fetch_optional(
            &query("SELECT campaign_id, outcome, award FROM emulation_proposals WHERE id = $1")
                .bind(input.proposal_id),
        )
        .await?;
    let (campaign_id, current, award) = proposal.ok_or(WriteError::NotFound)?;
    let campaign = super::campaign(db, campaign_id)
        .await?
        .ok_or(WriteError::NotFound)?;
    actor.may(&RUN, &campaign.unit(db).await?)?;
    if current != outcome::PENDING {
        return Err(WriteError::invalid(
            "proposal_id",
            "Hội đồng đã xét đề nghị này",
        ));
    }
    let members = count_field(
        "council_members",
        &input.council_members,
        "số thành viên Hội đồng",
    )?;
    let votes = count_field("votes_for", &input.votes_for, "số phiếu đồng ý")?;
    if members == 0 {
        return Err(WriteError::invalid(
            "council_members",
            "Hội đồng phải có ít nhất một thành viên",
        ));
    }
    if votes > members {
        return Err(WriteError::invalid(
            "votes_for",
            format!("số phiếu đồng ý ({votes}) không thể nhiều hơn số thành viên ({members})"),
        ));
    }
    let on = date_field("voted_on", &input.voted_on)?;
    let pack = m
        .rules()
        .get(&campaign.rule_pack_id)
        .map_err(|e| WriteError::Other(anyhow::anyhow!("{e}")))?;
    let Some(majority) = &pack.emulation.council_majority else {
        return Err(WriteError::invalid(
            "council_members",
            format!(
                "bộ quy tắc {} không quy định tỷ lệ biểu quyết của Hội đồng: quản trị viên cần bổ sung",
                pack.id
            ),
        ));
    };
    let verdict = majority.explain(
        u64::try_from(votes).unwrap_or(0),
        u64::try_from(members).unwrap_or(0),
    );
    let result = if verdict.passed {
        outcome::PASSED
    } else {
        outcome::FAILED
    };
    let who = actor.audit();
    let mut tx = db.begin().await?;
    tx.execute(
        &query(
            "UPDATE emulation_proposals SET council_members = $1, votes_for = $2, voted_on = $3,
               outcome = $4 WHERE id = $5 AND outcome = $6",
        )
        .bind(members)
        .bind(votes)
        .bind(on)
        .bind(result)
        .bind(input.proposal_id)
        .bind(outcome::PENDING),
    )
    .await?;
    audit::record(
        &mut tx,
        Change {
            actor: &who,
            action: "emulation.vote",
            object_type: "emulation_proposal",
            object_id: &input.proposal_id.to_string(),
            before: Some(json!({ "outcome": current })),
            after: Some(json!({
                "award": award, "council_members": members, "votes_for": votes,
                "voted_on": on.to_string(), "outcome": result, "verdict": verdict.vi,
            })),
        },
    )
    .await?;
    tx.commit().await?;
    Ok((verdict.passed, verdict.vi))
}

/// The award decision to issue.
#[derive(Debug, Clone, Default)]
pub struct DecisionInput {
    /// The campaign.
    pub campaign_id: i64,
    /// The award code: every passed proposal of it not yet decided goes into the list.
    pub award: String,
    /// Number and symbol ("125/QĐ-UBND").
    pub number: String,
    /// The day signed (dd/mm/yyyy).
    pub signed_on: String,
    /// The signer's name.
    pub signer: String,
    /// The signer's title ("Chủ tịch").
    pub signer_title: String,
}

/// Issues an award decision over the passed proposals of one award whose models are still
/// recognised; returns its id.
pub async fn issue_decision(
    m: &EmulationModule,
    db: &Db,
    actor: Actor<'_>,
    input: &DecisionInput,
) -> Result<i64, WriteError> {
    let campaign = super::campaign(db, input.campaign_id)
        .await?
        .ok_or(WriteError::NotFound)?;
    actor.may(&RUN, &campaign.unit(db).await?)?;
    let pack = m
        .rules()
        .get(&campaign.rule_pack_id)
        .map_err(|e| WriteError::Other(anyhow::anyhow!("{e}")))?;
    let award = input.award.trim();
    let Some(entry) = pack.emulation.award(award) else {
        return Err(WriteError::invalid(
            "award",
            "chọn hình thức khen thưởng trong danh sách",
        ));
    };
    let number = text_field("number", &input.number, TITLE_MAX, "số, ký hiệu quyết định")?;
    let signed_on = date_field("signed_on", &input.signed_on)?;
    let signer = text_field("signer", &input.signer, TITLE_MAX, "họ tên người ký")?;
    let signer_title = text_field(
        "signer_title",
        &input.signer_title,
        TITLE_MAX,
        "chức vụ người ký",
    )?;
    let listed: Vec<(i64,)> = db
        .fetch_all(
            &query(
                "SELECT p.id FROM emulation_proposals p JOIN emulation_models m ON m.id = p.model_id
                 WHERE p.campaign_id = $1 AND p.award = $2 AND p.outcome = $3
                   AND p.decision_id IS NULL AND m.status = $4 ORDER BY p.id",
            )
            .bind(campaign.id)
            .bind(award)
            .bind(outcome::PASSED)
            .bind(status::RECOGNISED),
        )
        .await?;
    if listed.is_empty() {
        return Err(WriteError::invalid(
            "award",
            format!(
                "chưa có đề nghị {} nào được Hội đồng thông qua để ra quyết định",
                entry.name_vi.to_lowercase()
            ),
        ));
    }
    let id = next_id();
    let who = actor.audit();
    let mut tx = db.begin().await?;
    tx.execute(
        &query(
            "INSERT INTO emulation_decisions (id, campaign_id, award, number, signed_on, signer,
               signer_title, created_by, created_at)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
        )
        .bind(id)
        .bind(campaign.id)
        .bind(award)
        .bind(number.as_str())
        .bind(signed_on)
        .bind(signer.as_str())
        .bind(signer_title.as_str())
        .bind(who.as_str())
        .bind(dinh_platform::time::now_rfc3339()),
    )
    .await?;
    let ids: Vec<i64> = listed.into_iter().map(|(p,)| p).collect();
    for p in &ids {
        tx.execute(
            &query("UPDATE emulation_proposals SET decision_id = $1 WHERE id = $2")
                .bind(id)
                .bind(*p),
        )
        .await?;
    }
    audit::record(
        &mut tx,
        Change {
            actor: &who,
            action: "emulation.decide",
            object_type: "emulation_decision",
            object_id: &id.to_string(),
            before: None,
            after: Some(json!({
                "campaign": campaign.id, "award": award, "number": number,
                "signed_on": signed_on.to_string(), "signer": signer, "proposals": ids,
            })),
        },
    )
    .await?;
    tx.commit().await?;
    Ok(id)
}
