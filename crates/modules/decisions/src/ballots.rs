//! Household ballots (phát phiếu lấy ý kiến hộ gia đình, Điều 19; Nghị định 59/2023 Điều 4): a
//! team of the pack's size headed by the Front work team, the plan sent to the commune within
//! the pack's days, the content published at least the pack's days before distribution.

use chrono::NaiveDate;
use dinh_platform::accounts::{Principal, authorize};
use dinh_platform::audit::{self, Change};
use dinh_platform::db::{Db, Tx, is_unique_violation, query};
use serde::{Deserialize, Serialize};
use serde_json::json;

use crate::dates::{dmy, parse};
use crate::error::{Result, refuse};
use crate::matters::{self, Matter};
use crate::votes::ensure_open;
use crate::{DecisionsModule, permissions};

/// A ballot plan.
#[derive(Debug, Clone, Deserialize, utoipa::ToSchema)]
pub struct BallotPlanInput {
    /// Day the plan was issued (dd/mm/yyyy).
    pub issued_on: String,
    /// Day the content, timing and team were published (dd/mm/yyyy).
    pub published_on: String,
    /// Day ballots are distributed (dd/mm/yyyy).
    pub distribution_on: String,
    /// Head of the team, from the Front work team (Ban công tác Mặt trận).
    pub team_head: String,
    /// The other members.
    #[serde(default)]
    pub team: Vec<String>,
}

/// The plan with its clock.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct BallotPlanView {
    /// The plan must reach the commune chairman and the Front by this day (ISO).
    pub send_due: String,
    /// Day ballots are distributed (ISO).
    pub distribution_on: String,
}

/// Records the ballot plan; refused when the team's size or the publication date breaks the pack.
pub async fn plan(
    m: &DecisionsModule,
    db: &Db,
    who: Option<&Principal>,
    matter_id: i64,
    input: &BallotPlanInput,
) -> Result<BallotPlanView> {
    let matter = matters::get(db, matter_id).await?;
    let unit = matters::unit_of(db, &matter).await?;
    authorize(who, &permissions::PROPOSE, Some(&unit))?;
    let pack = m.pack(&matter.rule_pack_id)?;
    let issued = parse("issued_on", &input.issued_on)?;
    let published = parse("published_on", &input.published_on)?;
    let distribution = parse("distribution_on", &input.distribution_on)?;
    let head = input.team_head.trim();
    if head.is_empty() {
        return refuse(
            "team_head",
            "ghi tên tổ trưởng (thuộc Ban công tác Mặt trận)",
            "name the team head (from the Front work team)",
        );
    }
    let team: Vec<&str> = input
        .team
        .iter()
        .map(|s| s.trim())
        .filter(|s| !s.is_empty())
        .collect();
    let size = team.len() + 1;
    let r = &pack.decisions.ballot_team;
    if !r.contains(u32::try_from(size).unwrap_or(u32::MAX)) {
        return refuse(
            "team",
            format!(
                "tổ phát phiếu gồm {}-{} người kể cả tổ trưởng ({}), đã ghi {size}",
                r.min,
                r.max,
                r.citation()
            ),
            format!(
                "the ballot team has {}-{} members including its head ({}); {size} given",
                r.min,
                r.max,
                r.citation()
            ),
        );
    }
    let latest = m
        .calendar()
        .latest_date_before(distribution, pack.decisions.ballot_publication.period())?;
    if published > latest {
        return refuse(
            "published_on",
            format!(
                "phải công bố chậm nhất ngày {} (trước ngày phát phiếu {} ít nhất {} ngày, {})",
                dmy(latest),
                dmy(distribution),
                pack.decisions.ballot_publication.count,
                pack.decisions.ballot_publication.citation()
            ),
            format!(
                "publication must be by {} (at least {} days before distribution on {}, {})",
                dmy(latest),
                pack.decisions.ballot_publication.count,
                dmy(distribution),
                pack.decisions.ballot_publication.citation()
            ),
        );
    }
    if issued > published {
        return refuse(
            "issued_on",
            "kế hoạch phải ban hành trước khi công bố",
            "the plan must be issued before it is published",
        );
    }
    let send_due = m
        .calendar()
        .due_date(issued, pack.decisions.ballot_plan_sent.period())?;
    let actor = who.map(Principal::actor).unwrap_or_default();
    let mut tx = db.begin().await?;
    let matter = matters::lock(&mut tx, matter.id).await?;
    ensure_open(&matter)?;
    let r = tx
        .execute(
            &query(
                "INSERT INTO decision_ballot_plans (matter_id, issued_on, published_on, distribution_on, team_head, team)
                 VALUES ($1, $2, $3, $4, $5, $6)",
            )
            .bind(matter.id)
            .bind(issued)
            .bind(published)
            .bind(distribution)
            .bind(head)
            .bind(team.join("\n")),
        )
        .await;
    match r {
        Ok(_) => {}
        Err(e) if is_unique_violation(&e) => {
            return refuse(
                "matter",
                "việc này đã có kế hoạch phát phiếu",
                "this matter already has a ballot plan",
            );
        }
        Err(e) => return Err(e.into()),
    }
    audit::record(
        &mut tx,
        Change {
            actor: &actor,
            action: "decisions.ballot_plan",
            object_type: "decision_matter",
            object_id: &matter.id.to_string(),
            before: None,
            after: Some(json!({"issued_on": issued, "published_on": published, "distribution_on": distribution,
                "team_head": head, "team": team, "send_due": send_due})),
        },
    )
    .await?;
    crate::notices::tell_households(
        &mut tx,
        &actor,
        crate::notices::BALLOTS,
        &matter,
        matter.unit_id,
        distribution,
        &[("date", distribution.format("%d/%m/%Y").to_string())],
    )
    .await?;
    tx.commit().await?;
    Ok(BallotPlanView {
        send_due: send_due.to_string(),
        distribution_on: distribution.to_string(),
    })
}

/// Refuses a paper ballot before the matter has a plan and its distribution day has come.
pub(crate) async fn ensure_distributed(tx: &mut Tx, matter: &Matter, on: NaiveDate) -> Result<()> {
    let day: Option<String> = tx
        .scalar_optional(
            &query("SELECT distribution_on FROM decision_ballot_plans WHERE matter_id = $1")
                .bind(matter.id),
        )
        .await?;
    match day.as_deref().and_then(dinh_platform::time::parse_date) {
        None => refuse(
            "channel",
            "việc này chưa có kế hoạch phát phiếu lấy ý kiến hộ gia đình",
            "this matter has no household ballot plan yet",
        ),
        Some(d) if on < d => refuse(
            "channel",
            format!("phiếu được phát từ ngày {}", dmy(d)),
            format!("ballots are distributed from {}", dmy(d)),
        ),
        Some(_) => Ok(()),
    }
}

/// A paper ballot entered by the team and still awaiting its second member's check.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema, sqlx::FromRow)]
pub struct AwaitingCheck {
    /// Household code.
    pub household: String,
    /// Who entered it.
    pub recorded_by: String,
}

/// The paper ballots of a matter awaiting their second check, by household code.
pub async fn awaiting_check(db: &Db, matter_id: i64) -> Result<Vec<AwaitingCheck>> {
    Ok(db
        .fetch_all(
            &query(
                "SELECT h.code AS household, v.recorded_by FROM decision_votes v JOIN households h ON h.id = v.household_id
                 WHERE v.matter_id = $1 AND v.channel = 'ballot' AND v.confirmed_by IS NULL ORDER BY h.code",
            )
            .bind(matter_id),
        )
        .await?)
}
