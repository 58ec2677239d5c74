//! Online votes (biểu quyết trực tuyến, Điều 17; Nghị định 59/2023 Điều 5): only for the
//! matters the pack allows (matter 6), only after more than half of all households agreed to
//! vote online, each household representative once.

use chrono::NaiveDate;
use dinh_platform::accounts::{Principal, authorize};
use dinh_platform::audit::{self, Change};
use std::collections::{BTreeMap, BTreeSet, HashMap};

use dinh_platform::db::{Db, Tx, is_unique_violation, query};
use dinh_platform::units::Unit;
use dinh_platform::units::store::by_ids;
use serde::Serialize;
use serde_json::json;

use crate::choice::{Channel, Choice};
use crate::error::{Error, Refusal, Result, refuse};
use crate::households::{self, VoterHousehold};
use crate::matters::{self, Matter};
use crate::tally::bump;
use crate::votes::{
    VoteReceipt, VoteRow, already_voted, counted, ensure_open, insert_rows, parse_choice,
};
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

/// A household representative's online vote, for their own household. The vote is written
/// with the others arriving at the same moment ([`crate::batcher`]), checked there, and
/// answered once their transaction has committed.
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
    let pending = OnlineVote {
        m: m.clone(),
        matter_id,
        principal: principal.clone(),
        choice: choice.to_owned(),
        opinion: opinion.to_owned(),
        on,
    };
    match crate::batcher::submit(db, pending).await? {
        Recorded::Vote(receipt) => Ok(receipt),
        Recorded::Already(household) => Err(already_voted(db, matter_id, &household).await),
    }
}

/// An online vote as asked, waiting to be checked and written.
pub(crate) struct OnlineVote {
    pub m: DecisionsModule,
    pub matter_id: i64,
    pub principal: Principal,
    pub choice: String,
    pub opinion: String,
    pub on: NaiveDate,
}

/// A vote of [`write_votes`] that was not refused.
pub(crate) enum Recorded {
    /// Written and counted.
    Vote(VoteReceipt),
    /// The household already counts for the matter (refused with [`already_voted`]).
    Already(VoterHousehold),
}

/// What one vote of [`write_votes`] came to.
pub(crate) type Outcome = Result<Recorded>;

/// A matter as a group of votes found it, locked.
struct Locked {
    matter: Matter,
    /// Whether its kind may be voted online at all.
    kind: std::result::Result<(), Refusal>,
    /// Whether it is open, and open to online votes.
    open: std::result::Result<(), Refusal>,
}

/// Checks and writes online votes inside `tx`, each on its own (matter votable online and
/// open, the voter the representative of a household of the thôn, allowed there, a valid
/// choice, one vote per household): a refused vote writes nothing and leaves the others
/// standing. Each matter is locked once, the voters' households read in one query, the counts
/// moved once per row, and the audit chain gets one entry per vote, as for a vote written
/// alone. `Err` only when the transaction itself failed.
pub(crate) async fn write_votes(
    db: &Db,
    tx: &mut Tx,
    votes: &[OnlineVote],
) -> Result<Vec<Outcome>> {
    let mut first = BTreeMap::new();
    for v in votes {
        first.entry(v.matter_id).or_insert(v);
    }
    let mut locked = BTreeMap::new();
    for (id, v) in first {
        let matter = match matters::lock(tx, id).await {
            Ok(matter) => matter,
            Err(Error::NotFound(_)) => continue,
            Err(e) => return Err(e),
        };
        let kind = as_refusal(online_matter_allowed(&v.m, &matter))?;
        let open = as_refusal(open_online(&v.m, tx, &matter, v.on).await)?;
        locked.insert(id, Locked { matter, kind, open });
    }
    let accounts: Vec<i64> = votes.iter().map(|v| v.principal.account_id).collect();
    let voters = households::of_accounts(tx, &accounts).await?;
    let home_ids: BTreeSet<i64> = voters.values().map(|r| r.unit_id).collect();
    let homes = by_ids(db, &home_ids.into_iter().collect::<Vec<_>>()).await?;
    let mut checked = Vec::with_capacity(votes.len());
    for v in votes {
        let group = Group {
            voters: &voters,
            homes: &homes,
        };
        match check_one(tx, locked.get(&v.matter_id), v, group).await {
            Err(Error::Internal(e)) => return Err(Error::Internal(e)),
            other => checked.push(other),
        }
    }
    let rows: Vec<VoteRow> = checked
        .iter()
        .flatten()
        .map(|c| VoteRow {
            matter_id: c.matter.id,
            household: &c.household,
            channel: Channel::Online,
            choice: c.stored,
            opinion: &c.vote.opinion,
            meeting_id: None,
            actor: &c.actor,
            confirmed: true,
        })
        .collect();
    let mut written = insert_rows(tx, &rows).await?.into_iter();
    let mut counts = BTreeMap::new();
    let mut entries = Vec::new();
    let mut outcomes = Vec::with_capacity(votes.len());
    for c in checked {
        let c = match c {
            Ok(c) => c,
            Err(e) => {
                outcomes.push(Err(e));
                continue;
            }
        };
        if !written.next().unwrap_or(false) {
            outcomes.push(Ok(Recorded::Already(c.household)));
            continue;
        }
        let (matter, unit_id) = (c.matter, c.household.unit_id);
        if matter.secret {
            secret_ballot(tx, matter, unit_id, c.parsed).await?;
        }
        for (code, n) in counted(true, c.stored) {
            *counts.entry((matter.id, unit_id, code)).or_default() += n;
        }
        entries.push((
            c.actor,
            json!({"household": c.household.code, "channel": "online",
                "choice": c.stored.map(Choice::code), "secret": matter.secret}),
            matter.id.to_string(),
        ));
        outcomes.push(Ok(Recorded::Vote(VoteReceipt {
            matter_id: matter.id,
            household: c.household.code,
            channel: Channel::Online,
            awaiting_check: false,
        })));
    }
    // Choices before participants, as every other write takes them.
    let mut counts: Vec<_> = counts.into_iter().collect();
    counts.sort_by_key(|((matter, unit, code), _): &((i64, i64, String), i64)| {
        (*matter, *unit, code.starts_with('_'), code.clone())
    });
    for ((matter, unit, code), n) in counts {
        bump(tx, matter, unit, &code, n).await?;
    }
    let changes: Vec<Change> = entries
        .iter()
        .map(|(actor, after, id)| Change {
            actor,
            action: "decisions.vote",
            object_type: "decision_matter",
            object_id: id,
            before: None,
            after: Some(after.clone()),
        })
        .collect();
    if !changes.is_empty() {
        audit::record_many(tx, &changes).await?;
    }
    Ok(outcomes)
}

/// What the votes of a group share while each is written.
struct Group<'a> {
    voters: &'a HashMap<i64, households::Represented>,
    /// The voters' thôn, read once for the group.
    homes: &'a HashMap<i64, Unit>,
}

/// A per-vote refusal kept apart from a failure of the transaction.
fn as_refusal<T>(r: Result<T>) -> Result<std::result::Result<T, Refusal>> {
    match r {
        Ok(v) => Ok(Ok(v)),
        Err(Error::Refused(refusal)) => Ok(Err(refusal)),
        Err(e) => Err(e),
    }
}

/// Refuses a closed matter, or one not (yet) open to online votes.
async fn open_online(
    m: &DecisionsModule,
    tx: &mut Tx,
    matter: &Matter,
    on: NaiveDate,
) -> Result<()> {
    ensure_open(matter)?;
    if !matter.online_allowed {
        let view = consent_in(m, tx, matter, matter.unit_id, on).await?;
        return refuse(
            "matter",
            format!("chưa được biểu quyết trực tuyến: {}", view.explanation_vi),
            format!("online voting is not open: {}", view.explanation_en),
        );
    }
    Ok(())
}

/// A vote of [`write_votes`] that passed its checks, ready to be written.
struct Checked<'a> {
    vote: &'a OnlineVote,
    matter: &'a Matter,
    household: VoterHousehold,
    actor: String,
    parsed: Choice,
    /// The choice stored with the household (none for a secret vote).
    stored: Option<Choice>,
}

/// The checks of one vote of [`write_votes`], in the order a vote alone always had them.
async fn check_one<'a>(
    tx: &mut Tx,
    locked: Option<&'a Locked>,
    vote: &'a OnlineVote,
    group: Group<'_>,
) -> Result<Checked<'a>> {
    let locked = locked.ok_or(Error::NotFound("matter"))?;
    locked.kind.clone().map_err(Error::Refused)?;
    let rep = households::representative(group.voters.get(&vote.principal.account_id).cloned())?;
    let home = group
        .homes
        .get(&rep.unit_id)
        .ok_or(Error::NotFound("unit"))?;
    authorize(Some(&vote.principal), &permissions::VOTE, Some(home))?;
    locked.open.clone().map_err(Error::Refused)?;
    let matter = &locked.matter;
    let household = rep.household();
    households::check(matter, &household, vote.on)?;
    let parsed = parse_choice(tx, matter, &vote.choice, &vote.opinion).await?;
    Ok(Checked {
        vote,
        matter,
        household,
        actor: vote.principal.actor(),
        parsed,
        stored: (!matter.secret).then_some(parsed),
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
