//! Recording a household's vote (biểu quyết của hộ): one per household and matter, whichever
//! channel it comes through; refused with a reason when closed, outside the thôn, not the
//! representative, or not allowed online. A vote is committed before it is acknowledged.

use chrono::NaiveDate;
use dinh_platform::accounts::{Principal, authorize};
use dinh_platform::audit::{self, Change};
use dinh_platform::db::{Db, Engine, Tx, ids::next_id, query};
use dinh_platform::time::show_date;
use serde::{Deserialize, Serialize};
use serde_json::json;

use crate::choice::{Channel, Choice};
use crate::error::{Error, Result, refuse};
use crate::households::{self, VoterHousehold};
use crate::matters::{self, Matter};
use crate::tally::bump;
use crate::{DecisionsModule, permissions};

/// A vote entered by an officer: at a meeting, or from a returned household ballot.
#[derive(Debug, Clone, Deserialize, utoipa::ToSchema)]
pub struct VoteInput {
    /// Household code.
    pub household: String,
    /// `meeting` or `ballot`.
    pub channel: String,
    /// `agree`, `disagree`, `other`, or `candidate:<id>`; empty for a secret vote (the ballot
    /// itself is counted separately).
    #[serde(default)]
    pub choice: String,
    /// The text of another opinion.
    #[serde(default)]
    pub opinion: String,
}

/// What an acknowledged vote returns.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct VoteReceipt {
    /// The matter.
    pub matter_id: i64,
    /// The household counted.
    pub household: String,
    /// The channel.
    pub channel: Channel,
    /// Whether a second member of the ballot team must still check it.
    pub awaiting_check: bool,
}

/// Refuses any vote on a closed matter.
pub(crate) fn ensure_open(matter: &Matter) -> Result<()> {
    if matter.is_open() {
        return Ok(());
    }
    let day = matter
        .closed_on
        .as_deref()
        .map(show_date)
        .unwrap_or_default();
    refuse(
        "matter",
        format!("việc này đã kết thúc biểu quyết ngày {day}; không nhận thêm ý kiến"),
        format!("voting on this matter closed on {day}; no more votes are accepted"),
    )
}

/// Parses and checks a choice against the kind of matter.
pub(crate) async fn parse_choice(
    tx: &mut Tx,
    matter: &Matter,
    text: &str,
    opinion: &str,
) -> Result<Choice> {
    let choice = Choice::parse("choice", text)?;
    match choice {
        Choice::Candidate(id) => {
            let found: Option<i64> = tx
                .scalar_optional(
                    &query("SELECT id FROM decision_candidates WHERE id = $1 AND matter_id = $2")
                        .bind(id)
                        .bind(matter.id),
                )
                .await?;
            if !matter.is_election() || found.is_none() {
                return refuse(
                    "choice",
                    format!("ứng cử viên {id} không có trong danh sách của việc này"),
                    format!("candidate {id} is not on this matter's list"),
                );
            }
        }
        _ if matter.is_election() => {
            return refuse(
                "choice",
                "đây là cuộc bầu cử: hãy chọn một ứng cử viên",
                "this is an election: choose a candidate",
            );
        }
        Choice::Other if opinion.trim().is_empty() => {
            return refuse(
                "opinion",
                "hãy ghi nội dung ý kiến khác",
                "write the other opinion",
            );
        }
        Choice::Invalid => {
            return refuse(
                "choice",
                "phiếu không hợp lệ chỉ được ghi khi kiểm phiếu kín",
                "a spoilt ballot is recorded only in a secret count",
            );
        }
        _ => {}
    }
    Ok(choice)
}

/// Writes the household's one row; returns false when the household already has one for the
/// matter. The counts are the caller's: see [`insert`].
#[allow(clippy::too_many_arguments)]
pub(crate) async fn insert_row(
    tx: &mut Tx,
    matter: &Matter,
    household: &VoterHousehold,
    channel: Channel,
    choice: Option<Choice>,
    opinion: &str,
    meeting_id: Option<i64>,
    actor: &str,
    confirmed: bool,
) -> Result<bool> {
    let row = VoteRow {
        matter_id: matter.id,
        household,
        channel,
        choice,
        opinion,
        meeting_id,
        actor,
        confirmed,
    };
    Ok(insert_rows(tx, &[row]).await?.first() == Some(&true))
}

/// A vote row as [`insert_rows`] writes it.
pub(crate) struct VoteRow<'a> {
    pub matter_id: i64,
    pub household: &'a VoterHousehold,
    pub channel: Channel,
    pub choice: Option<Choice>,
    pub opinion: &'a str,
    pub meeting_id: Option<i64>,
    pub actor: &'a str,
    pub confirmed: bool,
}

/// Writes vote rows (many per statement on PostgreSQL); returns for each whether it was written: false when
/// its household already has one for the matter (the UNIQUE constraint, or an earlier row of
/// the same call). `DO NOTHING` leaves the transaction usable, so the other rows still count.
pub(crate) async fn insert_rows(tx: &mut Tx, rows: &[VoteRow<'_>]) -> Result<Vec<bool>> {
    let at = dinh_platform::time::now_rfc3339();
    let ids: Vec<i64> = rows.iter().map(|_| next_id()).collect();
    // PostgreSQL: up to 500 rows (11 parameters each) per round trip, the written ones named
    // by RETURNING. SQLite runs in process, where one plain row per statement keeps a single
    // prepared statement: measured on 1,000 votes at once, 500-row statements tripled the time.
    let per_statement = match tx.engine() {
        Engine::Postgres => 500,
        Engine::Sqlite => 1,
    };
    let returning = if per_statement > 1 {
        " RETURNING id"
    } else {
        ""
    };
    let mut written = std::collections::HashSet::new();
    for (chunk, chunk_ids) in rows.chunks(per_statement).zip(ids.chunks(per_statement)) {
        let values = (0..chunk.len())
            .map(|r| {
                let marks = (1..=11)
                    .map(|c| format!("${}", r * 11 + c))
                    .collect::<Vec<_>>()
                    .join(", ");
                format!("({marks})")
            })
            .collect::<Vec<_>>()
            .join(", ");
        let mut q = query(format!(
            "INSERT INTO decision_votes (id, matter_id, household_id, unit_id, channel, choice,
                opinion, meeting_id, recorded_by, confirmed_by, recorded_at)
             VALUES {values}
             ON CONFLICT (matter_id, household_id) DO NOTHING{returning}"
        ));
        for (row, id) in chunk.iter().zip(chunk_ids) {
            let opinion = row.opinion.trim();
            q = q
                .bind(*id)
                .bind(row.matter_id)
                .bind(row.household.id)
                .bind(row.household.unit_id)
                .bind(row.channel.as_str())
                .bind(row.choice.map(Choice::code))
                .bind((!opinion.is_empty()).then(|| opinion.to_owned()))
                .bind(row.meeting_id)
                .bind(row.actor)
                .bind(row.confirmed.then(|| row.actor.to_owned()))
                .bind(at.as_str());
        }
        if returning.is_empty() {
            if tx.execute(&q).await? == 1 {
                written.extend(chunk_ids);
            }
        } else {
            let got: Vec<(i64,)> = tx.fetch_all(&q).await?;
            written.extend(got.into_iter().map(|(id,)| id));
        }
    }
    Ok(ids.iter().map(|id| written.contains(id)).collect())
}

/// The count rows (`decision_counts`) a written vote moves, choice before participants.
pub(crate) fn counted(confirmed: bool, choice: Option<Choice>) -> Vec<(String, i64)> {
    if !confirmed {
        return vec![("_unchecked".to_owned(), 1)];
    }
    choice
        .map(|c| (c.code(), 1))
        .into_iter()
        .chain([("_participants".to_owned(), 1)])
        .collect()
}

/// Writes the household's one row and moves its counts; returns false when the household
/// already has one for the matter: the caller then drops the transaction and refuses with
/// [`already_voted`].
#[allow(clippy::too_many_arguments)]
pub(crate) async fn insert(
    tx: &mut Tx,
    matter: &Matter,
    household: &VoterHousehold,
    channel: Channel,
    choice: Option<Choice>,
    opinion: &str,
    meeting_id: Option<i64>,
    actor: &str,
    confirmed: bool,
) -> Result<bool> {
    if !insert_row(
        tx, matter, household, channel, choice, opinion, meeting_id, actor, confirmed,
    )
    .await?
    {
        return Ok(false);
    }
    for (code, n) in counted(confirmed, choice) {
        bump(tx, matter.id, household.unit_id, &code, n).await?;
    }
    Ok(true)
}

/// The refusal for a household that already counts (looked up after the failed transaction
/// was dropped, never while it holds a connection).
pub(crate) async fn already_voted(db: &Db, matter_id: i64, household: &VoterHousehold) -> Error {
    let channel: Option<String> = db
        .scalar_optional(
            &query("SELECT channel FROM decision_votes WHERE matter_id = $1 AND household_id = $2")
                .bind(matter_id)
                .bind(household.id),
        )
        .await
        .ok()
        .flatten();
    let (vi, en) = channel
        .as_deref()
        .and_then(|c| Channel::parse("channel", c).ok())
        .map_or(("", ""), |c| (c.label_vi(), c.label_en()));
    Error::Refused(crate::error::Refusal {
        field: "household",
        vi: format!(
            "hộ {} đã được tính cho việc này ({vi}); mỗi hộ chỉ được tính một lần",
            household.code
        ),
        en: format!(
            "household {} has already been counted for this matter ({en}); each household counts once",
            household.code
        ),
    })
}

/// Records a vote at a meeting or from a returned household ballot (entered by the ballot
/// team; it counts once a second member has checked it).
pub async fn record(
    m: &DecisionsModule,
    db: &Db,
    who: Option<&Principal>,
    matter_id: i64,
    input: &VoteInput,
    on: NaiveDate,
) -> Result<VoteReceipt> {
    let matter = matters::get(db, matter_id).await?;
    let unit = matters::unit_of(db, &matter).await?;
    authorize(who, &permissions::RUN, Some(&unit))?;
    let actor = who.map(Principal::actor).unwrap_or_default();
    let channel = Channel::parse("channel", &input.channel)?;
    if channel == Channel::Online {
        return refuse(
            "channel",
            "phiếu trực tuyến do chính đại diện hộ gửi, không nhập thay",
            "online votes are cast by the household representative, not entered for them",
        );
    }
    let mut tx = db.begin().await?;
    let matter = matters::lock(&mut tx, matter.id).await?;
    ensure_open(&matter)?;
    let household = households::in_matter(&mut tx, &matter, &input.household, on).await?;
    let choice = if matter.secret {
        if !input.choice.trim().is_empty() {
            return refuse(
                "choice",
                "biểu quyết kín: chỉ ghi hộ đã tham gia; lá phiếu được kiểm riêng, không gắn với hộ",
                "secret vote: record only that the household took part; ballots are counted apart, with no link to the household",
            );
        }
        None
    } else {
        Some(parse_choice(&mut tx, &matter, &input.choice, &input.opinion).await?)
    };
    let meeting_id = match channel {
        Channel::Meeting => {
            crate::meetings::ensure_covenant_quorum(m, &mut tx, &matter, on).await?;
            Some(crate::meetings::attended(&mut tx, &matter, &household).await?)
        }
        Channel::Ballot => {
            crate::ballots::ensure_distributed(&mut tx, &matter, on).await?;
            None
        }
        Channel::Online => None,
    };
    // A paper ballot of an open vote waits for the second check; a meeting vote counts at once.
    let confirmed = channel == Channel::Meeting || matter.secret;
    if !insert(
        &mut tx,
        &matter,
        &household,
        channel,
        choice,
        &input.opinion,
        meeting_id,
        &actor,
        confirmed,
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
            after: Some(
                json!({"household": household.code, "channel": channel.as_str(),
                "choice": choice.map(Choice::code), "secret": matter.secret}),
            ),
        },
    )
    .await?;
    tx.commit().await?;
    Ok(VoteReceipt {
        matter_id: matter.id,
        household: household.code,
        channel,
        awaiting_check: !confirmed,
    })
}

/// A paper ballot as entered, awaiting its check.
#[derive(sqlx::FromRow)]
struct EnteredBallot {
    id: i64,
    recorded_by: String,
    confirmed_by: Option<String>,
    unit_id: i64,
    choice: Option<String>,
}

/// The second ballot-team member's check of an entered paper ballot (kiểm tra chéo): only
/// then does it count. The checker must not be the one who entered it.
pub async fn confirm(
    db: &Db,
    who: Option<&Principal>,
    matter_id: i64,
    household_code: &str,
) -> Result<()> {
    let matter = matters::get(db, matter_id).await?;
    let unit = matters::unit_of(db, &matter).await?;
    authorize(who, &permissions::RUN, Some(&unit))?;
    let actor = who.map(Principal::actor).unwrap_or_default();
    let mut tx = db.begin().await?;
    let matter = matters::lock(&mut tx, matter.id).await?;
    ensure_open(&matter)?;
    let row: Option<EnteredBallot> = tx
        .fetch_optional(
            &query(
                "SELECT v.id, v.recorded_by, v.confirmed_by, v.unit_id, v.choice FROM decision_votes v
                 JOIN households h ON h.id = v.household_id
                 WHERE v.matter_id = $1 AND h.code = $2 AND v.channel = 'ballot'",
            )
            .bind(matter.id)
            .bind(household_code.trim()),
        )
        .await?;
    let Some(EnteredBallot {
        id: vote_id,
        recorded_by,
        confirmed_by,
        unit_id,
        choice,
    }) = row
    else {
        return refuse(
            "household",
            format!("chưa có phiếu của hộ {} để kiểm tra", household_code.trim()),
            format!(
                "there is no ballot of household {} to check",
                household_code.trim()
            ),
        );
    };
    if confirmed_by.is_some() {
        return refuse(
            "household",
            "phiếu này đã được kiểm tra",
            "this ballot has already been checked",
        );
    }
    if recorded_by == actor {
        return refuse(
            "household",
            "người nhập phiếu không được tự kiểm tra: cần một thành viên khác của tổ",
            "the person who entered the ballot cannot check it: another team member must",
        );
    }
    if let Some(c) = &choice {
        bump(&mut tx, matter.id, unit_id, c, 1).await?;
    }
    bump(&mut tx, matter.id, unit_id, "_participants", 1).await?;
    bump(&mut tx, matter.id, unit_id, "_unchecked", -1).await?;
    tx.execute(
        &query("UPDATE decision_votes SET confirmed_by = $1 WHERE id = $2")
            .bind(actor.as_str())
            .bind(vote_id),
    )
    .await?;
    audit::record(
        &mut tx,
        Change {
            actor: &actor,
            action: "decisions.check_ballot",
            object_type: "decision_matter",
            object_id: &matter.id.to_string(),
            before: Some(json!({"household": household_code.trim(), "confirmed_by": null})),
            after: Some(json!({"household": household_code.trim(), "confirmed_by": actor})),
        },
    )
    .await?;
    tx.commit().await?;
    Ok(())
}
