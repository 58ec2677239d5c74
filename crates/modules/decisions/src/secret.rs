//! Secret ballots (bỏ phiếu kín): the counting board (ban kiểm phiếu) enters the ballots of a
//! thôn's box, witnessed by household representatives; the ballots are stored with no link to a
//! household, and their number must equal the participation register's.

use dinh_platform::accounts::{Principal, authorize};
use dinh_platform::audit::{self, Change};
use dinh_platform::db::{Db, Tx, query};
use serde::{Deserialize, Serialize};
use serde_json::json;
use sha2::{Digest, Sha256};

use crate::choice::Choice;
use crate::error::{Result, refuse};
use crate::matters::{self, Matter};
use crate::online::secret_ballot;
use crate::votes::ensure_open;
use crate::{DecisionsModule, permissions};

/// The count of one ballot box (biên bản kiểm phiếu).
#[derive(Debug, Clone, Default, Deserialize, utoipa::ToSchema)]
pub struct SecretCount {
    /// Code of the thôn whose box this is.
    pub unit_code: String,
    /// Ballots agreeing.
    #[serde(default)]
    pub agree: u32,
    /// Ballots disagreeing.
    #[serde(default)]
    pub disagree: u32,
    /// Ballots with another opinion.
    #[serde(default)]
    pub other: u32,
    /// Spoilt ballots.
    #[serde(default)]
    pub invalid: u32,
    /// Ballots per candidate, for an election.
    #[serde(default)]
    pub candidates: Vec<CandidateCount>,
    /// Members of the counting board (ban kiểm phiếu).
    #[serde(default)]
    pub board: Vec<String>,
    /// Household representatives witnessing the count.
    #[serde(default)]
    pub witnesses: Vec<String>,
}

/// Ballots of one candidate in a box.
#[derive(Debug, Clone, Deserialize, utoipa::ToSchema)]
pub struct CandidateCount {
    /// Candidate id.
    pub candidate: i64,
    /// Ballots choosing the candidate.
    pub ballots: u32,
}

/// Ballots and participants of one thôn.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema, sqlx::FromRow)]
pub struct BoxCheck {
    /// The thôn.
    pub unit_code: String,
    /// Households in the participation register.
    pub participants: i64,
    /// Ballots in the box.
    pub ballots: i64,
}

fn names(list: &[String]) -> Vec<String> {
    list.iter()
        .map(|s| s.trim().to_owned())
        .filter(|s| !s.is_empty())
        .collect()
}

/// Enters a counted box; refused unless the board and witnesses are as the pack requires and
/// the ballots then equal the households registered as taking part in that thôn.
pub async fn record_count(
    m: &DecisionsModule,
    db: &Db,
    who: Option<&Principal>,
    matter_id: i64,
    count: &SecretCount,
) -> Result<BoxCheck> {
    let matter = matters::get(db, matter_id).await?;
    let unit = matters::unit_of(db, &matter).await?;
    authorize(who, &permissions::RUN, Some(&unit))?;
    let pack = m.pack(&matter.rule_pack_id)?;
    if !matter.secret {
        return refuse(
            "matter",
            "việc này không biểu quyết kín",
            "this matter is not a secret vote",
        );
    }
    let board = names(&count.board);
    let range = &pack.decisions.counting_board;
    if !range.contains(u32::try_from(board.len()).unwrap_or(u32::MAX)) {
        return refuse(
            "board",
            format!(
                "ban kiểm phiếu phải có {}-{} người ({}), đã ghi {}",
                range.min,
                range.max,
                range.citation(),
                board.len()
            ),
            format!(
                "the counting board must have {}-{} members ({}); {} given",
                range.min,
                range.max,
                range.citation(),
                board.len()
            ),
        );
    }
    let witnesses = names(&count.witnesses);
    let need = pack.decisions.secret_count_witnesses.value;
    if witnesses.len() < usize::try_from(need).unwrap_or(usize::MAX) {
        return refuse(
            "witnesses",
            format!(
                "việc kiểm phiếu kín cần {need} đại diện hộ chứng kiến ({})",
                pack.decisions.secret_count_witnesses.citation()
            ),
            format!(
                "a secret count needs {need} household witnesses ({})",
                pack.decisions.secret_count_witnesses.citation()
            ),
        );
    }
    let mut choices: Vec<(Choice, u32)> = vec![
        (Choice::Agree, count.agree),
        (Choice::Disagree, count.disagree),
        (Choice::Other, count.other),
        (Choice::Invalid, count.invalid),
    ];
    if matter.is_election() && (count.agree > 0 || count.disagree > 0 || count.other > 0) {
        return refuse(
            "candidates",
            "bầu cử: ghi số phiếu cho từng ứng cử viên",
            "election: give the ballots per candidate",
        );
    }
    for c in &count.candidates {
        choices.push((Choice::Candidate(c.candidate), c.ballots));
    }
    let actor = who.map(Principal::actor).unwrap_or_default();
    let box_unit = crate::households::unit(db, &count.unit_code).await?;
    let mut tx = db.begin().await?;
    let matter = matters::lock(&mut tx, matter.id).await?;
    ensure_open(&matter)?;
    if !box_unit.is_within(matter.unit_id)
        || !box_unit
            .unit_kind()
            .is_some_and(|k| k.is_residential_community())
    {
        return refuse(
            "unit_code",
            format!("{} không phải thôn của việc này", box_unit.name),
            format!("{} is not a thôn of this matter", box_unit.name),
        );
    }
    for (choice, n) in &choices {
        if let Choice::Candidate(id) = choice {
            let ok: Option<i64> = tx
                .scalar_optional(
                    &query("SELECT id FROM decision_candidates WHERE id = $1 AND matter_id = $2")
                        .bind(*id)
                        .bind(matter.id),
                )
                .await?;
            if ok.is_none() {
                return refuse(
                    "candidates",
                    format!("ứng cử viên {id} không có trong danh sách"),
                    format!("candidate {id} is not on the list"),
                );
            }
        }
        for _ in 0..*n {
            secret_ballot(&mut tx, &matter, box_unit.id, *choice).await?;
        }
    }
    let check = box_check(&mut tx, &matter, box_unit.id).await?;
    if check.ballots != check.participants {
        return refuse(
            "count",
            format!(
                "số phiếu ({}) khác số hộ đã tham gia ({}) ở {}: kiểm lại phiếu, không ghi gì",
                check.ballots, check.participants, box_unit.name
            ),
            format!(
                "the ballots ({}) differ from the households that took part ({}) in {}: recount; nothing was recorded",
                check.ballots, check.participants, box_unit.name
            ),
        );
    }
    let counted: Vec<(String, u32)> = choices
        .iter()
        .filter(|(_, n)| *n > 0)
        .map(|(c, n)| (c.code(), *n))
        .collect();
    audit::record(
        &mut tx,
        Change {
            actor: &actor,
            action: "decisions.secret_count",
            object_type: "decision_matter",
            object_id: &matter.id.to_string(),
            before: None,
            after: Some(
                json!({"unit": box_unit.code, "counted": counted, "board": board,
                "witnesses": witnesses, "ballots": check.ballots}),
            ),
        },
    )
    .await?;
    tx.commit().await?;
    Ok(check)
}

async fn box_check(tx: &mut Tx, matter: &Matter, unit_id: i64) -> Result<BoxCheck> {
    tx.fetch_optional(
        &query(
            "SELECT u.code AS unit_code,
                (SELECT COUNT(*) FROM decision_votes v WHERE v.matter_id = $1 AND v.unit_id = u.id) AS participants,
                (SELECT COUNT(*) FROM decision_secret_ballots b WHERE b.matter_id = $1 AND b.unit_id = u.id) AS ballots
             FROM units u WHERE u.id = $2",
        )
        .bind(matter.id)
        .bind(unit_id),
    )
    .await?
    .ok_or(crate::error::Error::NotFound("unit"))
}

/// Every thôn whose ballots and participants differ (empty when the boxes are consistent).
pub(crate) async fn mismatches(tx: &mut Tx, matter: &Matter) -> Result<Vec<BoxCheck>> {
    Ok(tx
        .fetch_all(
            &query(
                "SELECT u.code AS unit_code, COALESCE(p.n, 0) AS participants, COALESCE(b.n, 0) AS ballots
                 FROM units u
                 LEFT JOIN (SELECT unit_id, COUNT(*) AS n FROM decision_votes WHERE matter_id = $1 GROUP BY unit_id) p ON p.unit_id = u.id
                 LEFT JOIN (SELECT unit_id, COUNT(*) AS n FROM decision_secret_ballots WHERE matter_id = $1 GROUP BY unit_id) b ON b.unit_id = u.id
                 WHERE (p.n IS NOT NULL OR b.n IS NOT NULL) AND COALESCE(p.n, 0) <> COALESCE(b.n, 0)
                 ORDER BY u.code",
            )
            .bind(matter.id),
        )
        .await?)
}

/// SHA-256 over the matter's ballots in id order: stored at closing, recomputed by [`verify`].
pub(crate) async fn digest(tx: &mut Tx, matter_id: i64) -> Result<String> {
    let rows: Vec<(i64, i64, String)> = tx
        .fetch_all(
            &query("SELECT id, unit_id, choice FROM decision_secret_ballots WHERE matter_id = $1 ORDER BY id")
                .bind(matter_id),
        )
        .await?;
    let mut h = Sha256::new();
    for (id, unit, choice) in rows {
        h.update(format!("{id}|{unit}|{choice}\n").as_bytes());
    }
    Ok(hex::encode(h.finalize()))
}

/// Whether a closed secret matter's ballots are still those counted at closing and still
/// equal the register: `Ok(true)` when intact.
pub async fn verify(db: &Db, matter_id: i64) -> Result<bool> {
    let matter = matters::get(db, matter_id).await?;
    let mut tx = db.begin().await?;
    let intact = mismatches(&mut tx, &matter).await?.is_empty()
        && match &matter.ballot_digest {
            Some(stored) => *stored == digest(&mut tx, matter.id).await?,
            None => true,
        };
    tx.commit().await?;
    Ok(intact)
}
