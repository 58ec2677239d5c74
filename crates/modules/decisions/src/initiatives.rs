//! Citizen initiatives (sáng kiến của Nhân dân, Điều 16): a household representative opens one,
//! other households support it (online, or in writing or at a meeting as entered by an
//! officer); once support reaches the pack's share of the thôn's households it must be put to
//! the community; support expires after the pack's validity.

use chrono::NaiveDate;
use dinh_platform::accounts::{Principal, authorize};
use dinh_platform::audit::{self, Change};
use dinh_platform::db::{Db, Tx, ids::next_id, query};
use dinh_platform::units::store::by_id;
use serde::{Deserialize, Serialize};
use serde_json::json;

use crate::dates::dmy;
use crate::error::{Error, Result, refuse};
use crate::households::{self, VoterHousehold};
use crate::{DecisionsModule, permissions};

/// A new initiative.
#[derive(Debug, Clone, Deserialize, utoipa::ToSchema)]
pub struct InitiativeInput {
    /// Matter number of Điều 15 (1-6).
    pub matter: u32,
    /// Title.
    pub title: String,
    /// What the households are asked to decide.
    pub content: String,
}

/// An initiative with its support.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema, sqlx::FromRow)]
pub struct Initiative {
    /// Id.
    pub id: i64,
    /// Thôn id.
    #[serde(skip)]
    pub unit_id: i64,
    /// Matter number.
    pub matter: i64,
    /// Title.
    pub title: String,
    /// `collecting`, `reached` (must be put to the community), `expired` or `put`.
    pub status: String,
    /// Day it was opened (ISO).
    pub opened_on: String,
    /// Support is valid until this day (ISO).
    pub expires_on: String,
    /// The pack it started under.
    pub rule_pack_id: String,
    /// Households supporting it.
    pub supporters: i64,
    /// Day the Front work team approved it with less support than the pack's share (ISO).
    pub front_approved_on: Option<String>,
}

const SELECT: &str = "SELECT i.id, i.unit_id, i.matter, i.title, i.status, i.opened_on, i.expires_on, i.rule_pack_id, i.front_approved_on,
    (SELECT COUNT(*) FROM decision_initiative_support s WHERE s.initiative_id = i.id) AS supporters
    FROM decision_initiatives i WHERE i.id = $1";

/// The initiatives of a thôn, newest first.
pub async fn list(db: &Db, unit_id: i64) -> Result<Vec<Initiative>> {
    Ok(db
        .fetch_all(
            &query(
                "SELECT i.id, i.unit_id, i.matter, i.title, i.status, i.opened_on, i.expires_on, i.rule_pack_id, i.front_approved_on,
                    (SELECT COUNT(*) FROM decision_initiative_support s WHERE s.initiative_id = i.id) AS supporters
                 FROM decision_initiatives i WHERE i.unit_id = $1 ORDER BY i.opened_on DESC, i.id DESC LIMIT 100",
            )
            .bind(unit_id),
        )
        .await?)
}

/// An initiative with its support measured against all the thôn's households on a day, as the
/// page shows it: how many households there are, the pack's share, and how many supporters
/// reach it.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct Standing {
    /// The initiative.
    #[serde(flatten)]
    pub initiative: Initiative,
    /// Households of the thôn on the day (the share is of all of them, not of those supporting).
    pub households: i64,
    /// The pack's share, e.g. `≥ 1/10 (Luật 10/2022/QH15 Điều 16)`.
    pub share: String,
    /// The fewest supporting households that reach the share; None when the thôn has none.
    pub needed: Option<i64>,
}

/// The pack's share for an initiative as people read it: `≥ 1/10 (Luật 10/2022/QH15 Điều 16)`.
pub(crate) fn share_text(share: &dinh_rules::Ratio) -> String {
    format!(
        "{} {}/{} ({})",
        if share.inclusive { "≥" } else { ">" },
        share.numerator,
        share.denominator,
        share.citation()
    )
}

/// Each initiative's [`Standing`] on `on`, under the pack it started under.
pub async fn standing(
    m: &DecisionsModule,
    db: &Db,
    initiatives: Vec<Initiative>,
    on: NaiveDate,
) -> Result<Vec<Standing>> {
    let mut households = std::collections::HashMap::new();
    let mut out = Vec::with_capacity(initiatives.len());
    for initiative in initiatives {
        let n = match households.get(&initiative.unit_id) {
            Some(n) => *n,
            None => {
                let n = dinh_platform::households::count_at(db, initiative.unit_id, on).await?;
                households.insert(initiative.unit_id, n);
                n
            }
        };
        let share = &m
            .pack(&initiative.rule_pack_id)?
            .decisions
            .citizen_initiative;
        out.push(Standing {
            households: n,
            share: share_text(share),
            needed: share
                .fewest(u64::try_from(n).unwrap_or(0))
                .and_then(|f| i64::try_from(f).ok()),
            initiative,
        });
    }
    Ok(out)
}

/// An initiative by id.
pub async fn get(db: &Db, id: i64) -> Result<Initiative> {
    db.fetch_optional(&query(SELECT).bind(id))
        .await?
        .ok_or(Error::NotFound("initiative"))
}

/// Opens an initiative for the signed-in representative's household, which supports it.
pub async fn open(
    m: &DecisionsModule,
    db: &Db,
    who: Option<&Principal>,
    input: &InitiativeInput,
    on: NaiveDate,
) -> Result<Initiative> {
    let principal = who.ok_or(Error::Denied(dinh_platform::accounts::Denied::NotSignedIn))?;
    let rep = households::of_account(&mut db.clone(), principal.account_id).await?;
    let home = by_id(db, rep.unit_id)
        .await?
        .ok_or(Error::NotFound("unit"))?;
    authorize(who, &permissions::VOTE, Some(&home))?;
    if dinh_rules::Matter::from_number(input.matter).is_none() {
        return refuse(
            "matter",
            format!("việc số {} không có trong Điều 15 (1-6)", input.matter),
            format!(
                "matter {} does not exist: Điều 15 has matters 1-6",
                input.matter
            ),
        );
    }
    let (title, content) = (input.title.trim(), input.content.trim());
    if title.is_empty() {
        return refuse("title", "không được để trống", "must not be empty");
    }
    if content.is_empty() {
        return refuse("content", "không được để trống", "must not be empty");
    }
    let pack = m.rules().in_force_on(on)?;
    let expires = m
        .calendar()
        .due_date(on, pack.decisions.initiative_validity.period())?;
    let id = next_id();
    let actor = principal.actor();
    let mut tx = db.begin().await?;
    tx.execute(
        &query(
            "INSERT INTO decision_initiatives (id, unit_id, matter, title, content, opened_by_household, opened_on, expires_on, status, rule_pack_id, created_at)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, 'collecting', $9, $10)",
        )
        .bind(id)
        .bind(rep.unit_id)
        .bind(i64::from(input.matter))
        .bind(title)
        .bind(content)
        .bind(rep.id)
        .bind(on)
        .bind(expires)
        .bind(pack.id.as_str())
        .bind(dinh_platform::time::now_rfc3339()),
    )
    .await?;
    audit::record(&mut tx, Change { actor: &actor, action: "decisions.initiative", object_type: "decision_initiative",
        object_id: &id.to_string(), before: None,
        after: Some(json!({"household": rep.code, "matter": input.matter, "title": title, "expires_on": expires, "rule_pack": pack.id})) }).await?;
    add_support(m, &mut tx, id, &rep.household(), "online", &actor, on).await?;
    tx.commit().await?;
    get(db, id).await
}

/// The signed-in representative's household supports the initiative.
pub async fn support(
    m: &DecisionsModule,
    db: &Db,
    who: Option<&Principal>,
    id: i64,
    on: NaiveDate,
) -> Result<Initiative> {
    let principal = who.ok_or(Error::Denied(dinh_platform::accounts::Denied::NotSignedIn))?;
    let rep = households::of_account(&mut db.clone(), principal.account_id).await?;
    let home = by_id(db, rep.unit_id)
        .await?
        .ok_or(Error::NotFound("unit"))?;
    authorize(who, &permissions::VOTE, Some(&home))?;
    let mut tx = db.begin().await?;
    add_support(
        m,
        &mut tx,
        id,
        &rep.household(),
        "online",
        &principal.actor(),
        on,
    )
    .await?;
    tx.commit().await?;
    get(db, id).await
}

/// Support given in writing or at a meeting, entered by an officer.
pub async fn support_written(
    m: &DecisionsModule,
    db: &Db,
    who: Option<&Principal>,
    id: i64,
    household: &str,
    on: NaiveDate,
) -> Result<Initiative> {
    let i = get(db, id).await?;
    let unit = by_id(db, i.unit_id).await?.ok_or(Error::NotFound("unit"))?;
    authorize(who, &permissions::RUN, Some(&unit))?;
    let mut tx = db.begin().await?;
    let h: Option<VoterHousehold> = tx
        .fetch_optional(&query(
            "SELECT h.id, h.code, h.unit_id, u.path AS unit_path, h.formed_on, h.dissolved_on FROM households h JOIN units u ON u.id = h.unit_id WHERE h.code = $1",
        ).bind(household.trim()))
        .await?;
    let Some(h) = h else {
        return refuse(
            "household",
            format!("không có hộ mã '{}'", household.trim()),
            format!("there is no household with code '{}'", household.trim()),
        );
    };
    add_support(
        m,
        &mut tx,
        id,
        &h,
        "written",
        &who.map(Principal::actor).unwrap_or_default(),
        on,
    )
    .await?;
    tx.commit().await?;
    get(db, id).await
}

async fn add_support(
    m: &DecisionsModule,
    tx: &mut Tx,
    id: i64,
    h: &VoterHousehold,
    channel: &str,
    actor: &str,
    on: NaiveDate,
) -> Result<()> {
    let i: Initiative = tx
        .fetch_optional(&query(SELECT).bind(id))
        .await?
        .ok_or(Error::NotFound("initiative"))?;
    if h.unit_id != i.unit_id {
        return refuse(
            "household",
            format!("hộ {} không thuộc thôn của sáng kiến", h.code),
            format!("household {} is not of the initiative's thôn", h.code),
        );
    }
    let expires = dinh_platform::time::parse_date(&i.expires_on).unwrap_or(on);
    if on > expires || i.status == "expired" {
        return refuse(
            "initiative",
            format!("sự ủng hộ sáng kiến đã hết hiệu lực ngày {}", dmy(expires)),
            format!("support for this initiative expired on {}", dmy(expires)),
        );
    }
    if i.status == "put" {
        return refuse(
            "initiative",
            "sáng kiến đã được đưa ra lấy ý kiến",
            "the initiative has already been put to the community",
        );
    }
    let n = tx
        .execute(&query(
            "INSERT INTO decision_initiative_support (initiative_id, household_id, channel, recorded_by, supported_on)
             VALUES ($1, $2, $3, $4, $5) ON CONFLICT (initiative_id, household_id) DO NOTHING",
        ).bind(id).bind(h.id).bind(channel).bind(actor).bind(on))
        .await?;
    if n == 0 {
        return refuse(
            "household",
            format!("hộ {} đã ủng hộ sáng kiến này", h.code),
            format!("household {} already supports this initiative", h.code),
        );
    }
    let pack = m.pack(&i.rule_pack_id)?;
    let supporters = i.supporters + 1;
    let total: i64 = tx
        .scalar(&query("SELECT COUNT(*) FROM households WHERE unit_id = $1 AND formed_on <= $2 AND (dissolved_on IS NULL OR dissolved_on > $2)").bind(i.unit_id).bind(on))
        .await?;
    let v = pack.decisions.citizen_initiative.explain(
        u64::try_from(supporters).unwrap_or(0),
        u64::try_from(total).unwrap_or(0),
    );
    if v.passed && i.status == "collecting" {
        tx.execute(
            &query(
                "UPDATE decision_initiatives SET status = 'reached', reached_on = $2 WHERE id = $1",
            )
            .bind(id)
            .bind(on),
        )
        .await?;
    }
    audit::record(tx, Change { actor, action: "decisions.support", object_type: "decision_initiative", object_id: &id.to_string(),
        before: None, after: Some(json!({"household": h.code, "channel": channel, "supporters": supporters, "of": total, "reached": v.passed})) }).await?;
    Ok(())
}

/// The Front work team's approval (sự đồng ý của Ban công tác Mặt trận, Luật 10/2022 Điều 16):
/// an initiative still collecting, with less than the pack's share of households, may then be
/// put to the community. Refused once the initiative reached its share, was put, or expired.
pub async fn approve_by_front(
    m: &DecisionsModule,
    db: &Db,
    who: Option<&Principal>,
    id: i64,
    on: NaiveDate,
) -> Result<Initiative> {
    let i = get(db, id).await?;
    let unit = by_id(db, i.unit_id).await?.ok_or(Error::NotFound("unit"))?;
    authorize(who, &permissions::FRONT_APPROVE, Some(&unit))?;
    let pack = m.pack(&i.rule_pack_id)?;
    let share = &pack.decisions.citizen_initiative;
    let share_text = format!("{}/{}", share.numerator, share.denominator);
    let expires = dinh_platform::time::parse_date(&i.expires_on).unwrap_or(on);
    if on > expires {
        return refuse(
            "initiative",
            format!("sáng kiến đã hết hiệu lực ngày {}", dmy(expires)),
            format!("the initiative expired on {}", dmy(expires)),
        );
    }
    if i.status != "collecting" {
        return refuse(
            "initiative",
            format!(
                "chỉ cần Ban công tác Mặt trận đồng ý khi sáng kiến chưa đủ {} ({}); sáng kiến này đang ở trạng thái '{}'",
                share_text,
                share.citation(),
                i.status
            ),
            format!(
                "the Front work team's approval is needed only below {} ({}); this initiative is '{}'",
                share_text,
                share.citation(),
                i.status
            ),
        );
    }
    let actor = who.map(Principal::actor).unwrap_or_default();
    let mut tx = db.begin().await?;
    let n = tx
        .execute(
            &query(
                "UPDATE decision_initiatives SET status = 'reached', reached_on = $2, front_approved_on = $2, front_approved_by = $3
                 WHERE id = $1 AND status = 'collecting'",
            )
            .bind(id)
            .bind(on)
            .bind(actor.as_str()),
        )
        .await?;
    if n == 0 {
        return refuse(
            "initiative",
            "sáng kiến vừa thay đổi trạng thái; tải lại trang",
            "the initiative changed meanwhile; reload",
        );
    }
    audit::record(
        &mut tx,
        Change {
            actor: &actor,
            action: "decisions.initiative_front_approval",
            object_type: "decision_initiative",
            object_id: &id.to_string(),
            before: Some(json!({"status": "collecting"})),
            after: Some(
                json!({"status": "reached", "supporters": i.supporters, "front_approved_on": on}),
            ),
        },
    )
    .await?;
    tx.commit().await?;
    get(db, id).await
}

/// Refuses to put an initiative to the community unless its support reached the threshold, it
/// belongs to the thôn, and it was not put already; marks it as put.
pub(crate) async fn ensure_ready(tx: &mut Tx, id: i64, unit_id: i64) -> Result<()> {
    let i: Initiative = tx
        .fetch_optional(&query(SELECT).bind(id))
        .await?
        .ok_or(Error::NotFound("initiative"))?;
    if i.unit_id != unit_id {
        return refuse(
            "initiative_id",
            "sáng kiến không thuộc thôn này",
            "the initiative is not of this thôn",
        );
    }
    if i.status != "reached" {
        return refuse(
            "initiative_id",
            format!("sáng kiến chưa đủ số hộ ủng hộ ({} hộ)", i.supporters),
            format!("the initiative lacks support ({} households)", i.supporters),
        );
    }
    tx.execute(&query("UPDATE decision_initiatives SET status = 'put' WHERE id = $1").bind(id))
        .await?;
    Ok(())
}
