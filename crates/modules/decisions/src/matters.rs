//! Matters put to the households (nội dung Nhân dân bàn và quyết định, Điều 15-16): who may
//! propose them, in which scope, and the rule pack they start under.

use chrono::NaiveDate;
use dinh_platform::accounts::{Principal, authorize};
use dinh_platform::audit::{self, Change};
use dinh_platform::db::{Db, Tx, ids::next_id, query};
use dinh_platform::units::Unit;
use dinh_rules::{Matter as Article15, Scope};
use serde::{Deserialize, Serialize};
use serde_json::json;

use crate::error::{Error, Result, refuse};
use crate::{DecisionsModule, permissions};

/// A matter as stored, with the name of its unit.
#[derive(Debug, Clone, Serialize, sqlx::FromRow, utoipa::ToSchema)]
pub struct Matter {
    /// Id.
    pub id: i64,
    /// The thôn (or, commune-wide, the commune) deciding.
    #[serde(skip)]
    pub unit_id: i64,
    /// Code of that unit.
    pub unit_code: String,
    /// Name of that unit.
    pub unit_name: String,
    /// `village` (one thôn) or `commune` (decided thôn by thôn).
    pub scope: String,
    /// Matter number of Điều 15 (1-6).
    pub matter: i64,
    /// `question` (agree / disagree) or `election` (candidates).
    pub kind: String,
    /// Title.
    pub title: String,
    /// Content put to the households.
    pub content: String,
    /// `chairman`, `village_head` or `initiative`.
    pub origin: String,
    /// The citizen initiative it comes from.
    pub initiative_id: Option<i64>,
    /// The matter (election) this one re-votes.
    pub revote_of: Option<i64>,
    /// Secret ballot (bỏ phiếu kín).
    pub secret: bool,
    /// More than half of all households agreed to decide it online.
    pub online_allowed: bool,
    /// `open` or `closed`.
    pub status: String,
    /// Day voting opened (ISO).
    pub opened_on: String,
    /// Day voting closed (ISO).
    pub closed_on: Option<String>,
    /// The rule pack it started under.
    pub rule_pack_id: String,
    /// Fingerprint of that pack's file when it started.
    pub rule_pack_fingerprint: String,
    /// The result, once closed.
    pub passed: Option<bool>,
    /// Households (or thôn, commune-wide) agreeing, once closed.
    pub agree: Option<i64>,
    /// The denominator: all households (or all thôn), once closed.
    pub total: Option<i64>,
    /// Households that took part, once closed.
    pub participants: Option<i64>,
    /// All households of the community on the closing day.
    pub households: Option<i64>,
    /// The explanation in Vietnamese.
    pub result_vi: Option<String>,
    /// The explanation in English.
    pub result_en: Option<String>,
    /// SHA-256 of the secret ballots at closing (to detect later changes).
    pub ballot_digest: Option<String>,
    /// Who proposed it.
    #[serde(skip)]
    pub created_by: String,
}

impl Matter {
    /// The matter of Điều 15.
    pub fn article15(&self) -> Result<Article15> {
        u32::try_from(self.matter)
            .ok()
            .and_then(Article15::from_number)
            .ok_or_else(|| {
                Error::Internal(anyhow::anyhow!("stored matter {} unknown", self.matter))
            })
    }

    /// Village or commune scope.
    pub fn scope(&self) -> Scope {
        if self.scope == "commune" {
            Scope::Commune
        } else {
            Scope::Village
        }
    }

    /// True while votes are accepted.
    pub fn is_open(&self) -> bool {
        self.status == "open"
    }

    /// True for an election (candidates instead of agree / disagree).
    pub fn is_election(&self) -> bool {
        self.kind == "election"
    }
}

/// Who proposes (Điều 16).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum Origin {
    /// The commune chairman (Chủ tịch UBND xã), for commune-wide matters.
    Chairman,
    /// The village head (trưởng thôn), for one thôn.
    VillageHead,
    /// A citizen initiative that reached its support.
    Initiative,
}

impl Origin {
    fn as_str(self) -> &'static str {
        match self {
            Origin::Chairman => "chairman",
            Origin::VillageHead => "village_head",
            Origin::Initiative => "initiative",
        }
    }
}

/// A new matter.
#[derive(Debug, Clone, Deserialize, utoipa::ToSchema)]
pub struct NewMatter {
    /// Code of the thôn, or of the commune for a commune-wide matter.
    pub unit_code: String,
    /// Matter number of Điều 15 (1-6).
    pub matter: u32,
    /// Title.
    pub title: String,
    /// Content put to the households.
    pub content: String,
    /// Who proposes.
    pub origin: Origin,
    /// Secret ballot (forced for elections).
    #[serde(default)]
    pub secret: bool,
    /// An election with candidates rather than agree / disagree (matters 4-5).
    #[serde(default)]
    pub election: bool,
    /// The initiative it comes from (origin `initiative`).
    #[serde(default)]
    pub initiative_id: Option<i64>,
}

pub(crate) const COLUMNS: &str = "m.id, m.unit_id, u.code AS unit_code, u.name AS unit_name, m.scope, m.matter, m.kind,
    m.title, m.content, m.origin, m.initiative_id, m.revote_of, m.secret, m.online_allowed, m.status,
    m.opened_on, m.closed_on, m.rule_pack_id, m.rule_pack_fingerprint, m.passed, m.agree, m.total,
    m.participants, m.households, m.result_vi, m.result_en, m.ballot_digest, m.created_by";

/// A matter by id.
pub async fn get(db: &Db, id: i64) -> Result<Matter> {
    db.fetch_optional(
        &query(format!(
            "SELECT {COLUMNS} FROM decision_matters m JOIN units u ON u.id = m.unit_id WHERE m.id = $1"
        ))
        .bind(id),
    )
    .await?
    .ok_or(Error::NotFound("matter"))
}

/// A matter by id inside a transaction; on PostgreSQL the row is share-locked so that closing
/// the vote waits for the votes being recorded, and a vote after the closing sees it closed.
pub(crate) async fn lock(tx: &mut Tx, id: i64) -> Result<Matter> {
    let lock = match tx.engine() {
        dinh_platform::db::Engine::Postgres => " FOR SHARE OF m",
        dinh_platform::db::Engine::Sqlite => "",
    };
    tx.fetch_optional(
        &query(format!(
            "SELECT {COLUMNS} FROM decision_matters m JOIN units u ON u.id = m.unit_id WHERE m.id = $1{lock}"
        ))
        .bind(id),
    )
    .await?
    .ok_or(Error::NotFound("matter"))
}

/// The matters of a unit's subtree, newest first, one page.
pub async fn list(db: &Db, unit: &Unit, limit: i64, offset: i64) -> Result<Vec<Matter>> {
    Ok(db
        .fetch_all(
            &query(format!(
                "SELECT {COLUMNS} FROM decision_matters m JOIN units u ON u.id = m.unit_id
                 WHERE u.path LIKE $1 ORDER BY m.opened_on DESC, m.id DESC LIMIT $2 OFFSET $3"
            ))
            .bind(format!("{}%", unit.path))
            .bind(limit)
            .bind(offset),
        )
        .await?)
}

/// The unit of a matter (for permission checks).
pub(crate) async fn unit_of(db: &Db, matter: &Matter) -> Result<Unit> {
    dinh_platform::units::store::by_id(db, matter.unit_id)
        .await?
        .ok_or(Error::NotFound("unit"))
}

fn text_field(field: &'static str, value: &str, max: usize) -> Result<String> {
    let v = value.trim();
    if v.is_empty() {
        return refuse(field, "không được để trống", "must not be empty");
    }
    if v.chars().count() > max {
        return refuse(
            field,
            format!("dài quá {max} ký tự"),
            format!("is longer than {max} characters"),
        );
    }
    Ok(v.to_owned())
}

/// Opens a matter for decision on `on`, under the rule pack in force that day.
pub async fn create(
    m: &DecisionsModule,
    db: &Db,
    who: Option<&Principal>,
    input: &NewMatter,
    on: NaiveDate,
) -> Result<Matter> {
    let unit = crate::households::unit(db, &input.unit_code).await?;
    authorize(who, &permissions::PROPOSE, Some(&unit))?;
    let actor = who.map(Principal::actor).unwrap_or_default();
    let mut tx = db.begin().await?;
    let id = insert(m, &mut tx, &actor, &unit, input, on, None).await?;
    tx.commit().await?;
    get(db, id).await
}

/// Checks and writes a matter inside `tx` (also used by elections, re-votes and hương ước, so
/// that the matter and what it belongs to are written together); returns its id.
pub(crate) async fn insert(
    m: &DecisionsModule,
    tx: &mut Tx,
    actor: &str,
    unit: &Unit,
    input: &NewMatter,
    on: NaiveDate,
    revote_of: Option<i64>,
) -> Result<i64> {
    let pack = m.rules().in_force_on(on)?;
    let Some(article) = Article15::from_number(input.matter) else {
        return refuse(
            "matter",
            format!("việc số {} không có trong Điều 15 (chỉ 1-6)", input.matter),
            format!(
                "matter {} does not exist: Điều 15 has matters 1-6",
                input.matter
            ),
        );
    };
    let kind = unit.unit_kind();
    let scope = match kind {
        Some(k) if k.is_residential_community() => Scope::Village,
        Some(k) if k.is_commune_level() => Scope::Commune,
        _ => {
            return refuse(
                "unit_code",
                format!("{} không phải thôn, tổ dân phố hay xã", unit.name),
                format!("{} is neither a thôn / tổ dân phố nor a commune", unit.name),
            );
        }
    };
    if pack.decisions.threshold_in(article, scope).is_none() {
        return refuse(
            "matter",
            format!(
                "việc số {} không được quyết định trên phạm vi toàn xã ({})",
                input.matter, pack.id
            ),
            format!(
                "matter {} cannot be decided commune-wide under {}",
                input.matter, pack.id
            ),
        );
    }
    match (scope, input.origin) {
        (Scope::Commune, Origin::Chairman)
        | (Scope::Village, Origin::VillageHead | Origin::Initiative) => {}
        (Scope::Commune, _) => {
            return refuse(
                "origin",
                "việc trên phạm vi toàn xã do Chủ tịch UBND xã đề xuất",
                "a commune-wide matter is proposed by the commune chairman",
            );
        }
        (Scope::Village, _) => {
            return refuse(
                "origin",
                "việc của một thôn do trưởng thôn đề xuất hoặc theo sáng kiến của Nhân dân",
                "a matter of one thôn is proposed by the village head or by a citizen initiative",
            );
        }
    }
    if (input.origin == Origin::Initiative) != input.initiative_id.is_some() {
        return refuse(
            "initiative_id",
            "cần (và chỉ cần) mã sáng kiến khi đề xuất theo sáng kiến của Nhân dân",
            "give the initiative id exactly when the origin is a citizen initiative",
        );
    }
    // Matter 4 is an election of the village head, or a question when dismissing one.
    let election = input.election;
    if election && !matches!(article, Article15::VillageHead | Article15::OversightBoards) {
        return refuse(
            "election",
            "chỉ việc số 4 và 5 (bầu trưởng thôn, thành viên ban) mới bầu theo ứng cử viên",
            "only matters 4 and 5 (village head, board members) are elections with candidates",
        );
    }
    let title = text_field("title", &input.title, 300)?;
    let content = text_field("content", &input.content, 20_000)?;
    if let Some(initiative) = input.initiative_id {
        crate::initiatives::ensure_ready(tx, initiative, unit.id).await?;
    }
    let id = next_id();
    tx.execute(
        &query(
            "INSERT INTO decision_matters (id, unit_id, scope, matter, kind, title, content, origin,
                initiative_id, revote_of, secret, online_allowed, status, opened_on, rule_pack_id,
                rule_pack_fingerprint, created_by, created_at)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, 'open', $13, $14, $15, $16, $17)",
        )
        .bind(id)
        .bind(unit.id)
        .bind(if scope == Scope::Commune { "commune" } else { "village" })
        .bind(i64::from(input.matter))
        .bind(if election { "election" } else { "question" })
        .bind(title.as_str())
        .bind(content.as_str())
        .bind(input.origin.as_str())
        .bind(input.initiative_id)
        .bind(revote_of)
        .bind(input.secret || election)
        .bind(false)
        .bind(on)
        .bind(pack.id.as_str())
        .bind(pack.fingerprint.as_str())
        .bind(actor)
        .bind(dinh_platform::time::now_rfc3339()),
    )
    .await?;
    audit::record(
        tx,
        Change {
            actor,
            action: "decisions.propose",
            object_type: "decision_matter",
            object_id: &id.to_string(),
            before: None,
            after: Some(
                json!({"unit": unit.code, "matter": input.matter, "title": title,
                "origin": input.origin.as_str(), "secret": input.secret || election,
                "election": election, "rule_pack": pack.id, "revote_of": revote_of}),
            ),
        },
    )
    .await?;
    crate::search::sync(tx, id).await?;
    Ok(id)
}

/// A matter open for a vote, with what its next step is read from (for the unit's home page
/// and the work home): the next meeting from `today` on, the last one before it, the election
/// day, the ballot distribution day, and the paper ballots awaiting their second check.
#[derive(Debug, Clone, sqlx::FromRow)]
pub(crate) struct Deciding {
    pub id: i64,
    pub title: String,
    pub unit_id: i64,
    pub unit_name: String,
    pub opened_on: String,
    pub online_allowed: bool,
    pub next_meeting: Option<String>,
    pub last_meeting: Option<String>,
    pub election_on: Option<String>,
    pub distribution_on: Option<String>,
    pub unchecked: i64,
    /// How many rows the query matched before its limit.
    pub matched: i64,
}

/// The select list of [`Deciding`] (`$1` is today), over `m` (matters) and `u` (their units).
pub(crate) const DECIDING: &str = "m.id, m.title, m.unit_id, u.name AS unit_name,
    m.opened_on, m.online_allowed,
    (SELECT MIN(mt.held_on) FROM decision_meetings mt WHERE mt.matter_id = m.id AND mt.held_on >= $1) AS next_meeting,
    (SELECT MAX(mt.held_on) FROM decision_meetings mt WHERE mt.matter_id = m.id AND mt.held_on < $1) AS last_meeting,
    (SELECT e.election_on FROM decision_elections e WHERE e.matter_id = m.id) AS election_on,
    (SELECT p.distribution_on FROM decision_ballot_plans p WHERE p.matter_id = m.id) AS distribution_on,
    (SELECT COUNT(*) FROM decision_votes v WHERE v.matter_id = m.id AND v.channel = 'ballot' AND v.confirmed_by IS NULL) AS unchecked,
    COUNT(*) OVER () AS matched";

/// The matters deciding in `unit`: those of its subtree and, for a thôn, the commune-wide
/// matters of the communes above it (its households vote on them too).
const DECIDING_IN: &str = "(u.path LIKE $2 OR (m.scope = 'commune' AND $3 LIKE (u.path || '%')))";

/// The matters open for a vote in `unit` (see [`DECIDING_IN`]), newest first, at most `limit`
/// (each row also says how many there are in all), in one query.
pub(crate) async fn deciding_in(
    db: &Db,
    unit: &Unit,
    today: NaiveDate,
    limit: i64,
) -> Result<Vec<Deciding>> {
    Ok(db
        .fetch_all(
            &query(format!(
                "SELECT {DECIDING} FROM decision_matters m JOIN units u ON u.id = m.unit_id
                 WHERE m.status = 'open' AND {DECIDING_IN}
                 ORDER BY m.opened_on DESC, m.id DESC LIMIT $4"
            ))
            .bind(today)
            .bind(format!("{}%", unit.path))
            .bind(unit.path.as_str())
            .bind(limit),
        )
        .await?)
}

/// A closed matter with its stored result.
#[derive(Debug, Clone, sqlx::FromRow)]
pub(crate) struct Decided {
    pub id: i64,
    pub title: String,
    pub unit_id: i64,
    pub unit_name: String,
    pub scope: String,
    pub kind: String,
    pub closed_on: Option<String>,
    pub passed: Option<bool>,
    pub agree: Option<i64>,
    pub total: Option<i64>,
    pub result_vi: Option<String>,
    pub result_en: Option<String>,
}

/// The matters of `unit` (see [`DECIDING_IN`]) closed on or after `since`, latest first, at
/// most `limit`, in one query.
pub(crate) async fn decided_in(
    db: &Db,
    unit: &Unit,
    since: NaiveDate,
    limit: i64,
) -> Result<Vec<Decided>> {
    Ok(db
        .fetch_all(
            &query(format!(
                "SELECT m.id, m.title, m.unit_id, u.name AS unit_name, m.scope, m.kind, m.closed_on,
                        m.passed, m.agree, m.total, m.result_vi, m.result_en
                 FROM decision_matters m JOIN units u ON u.id = m.unit_id
                 WHERE m.status = 'closed' AND m.closed_on >= $1 AND {DECIDING_IN}
                 ORDER BY m.closed_on DESC, m.id DESC LIMIT $4"
            ))
            .bind(since)
            .bind(format!("{}%", unit.path))
            .bind(unit.path.as_str())
            .bind(limit),
        )
        .await?)
}
