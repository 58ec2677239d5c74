//! Hương ước, quy ước (Nghị định 61/2023): a drafting team set by the village head, the draft
//! posted at least the pack's days for comment, adoption by more than the pack's share of all
//! households (matter 3), the file to UBND xã within the pack's working days, recognition within
//! the pack's working days of a complete file (or a written refusal), suspension and repeal, and
//! the yearly review day.

use chrono::{Datelike, NaiveDate};
use dinh_platform::accounts::{Principal, authorize};
use dinh_platform::audit::{self, Change};
use dinh_platform::db::{Db, ids::next_id, query};
use serde::{Deserialize, Serialize};
use serde_json::json;

use crate::dates::{dmy, parse};
use crate::error::{Error, Result, refuse};
use crate::matters::{self, NewMatter, Origin};
use crate::{DecisionsModule, permissions};

/// A new hương ước draft.
#[derive(Debug, Clone, Deserialize, utoipa::ToSchema)]
pub struct CovenantInput {
    /// Thôn code.
    pub unit_code: String,
    /// Title.
    pub title: String,
    /// Members of the drafting team (tổ soạn thảo).
    pub drafting_team: Vec<String>,
    /// Day the draft was posted for comment (dd/mm/yyyy).
    pub draft_posted_on: String,
}

/// A hương ước and where it stands.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema, sqlx::FromRow)]
pub struct Covenant {
    /// Id.
    pub id: i64,
    /// Thôn id.
    #[serde(skip)]
    pub unit_id: i64,
    /// Title.
    pub title: String,
    /// Day the draft was posted (ISO).
    pub draft_posted_on: String,
    /// The adoption vote (matter 3).
    pub matter_id: Option<i64>,
    /// `drafting`, `voting`, `filed`, `recognised`, `refused`, `suspended`, `repealed`, `rejected`.
    pub status: String,
    /// Day the file reached UBND xã.
    pub filed_on: Option<String>,
    /// Day recognised (in force from then).
    pub recognised_on: Option<String>,
    /// Reasons of a refusal or suspension.
    pub refusal_reason: Option<String>,
    /// The pack it started under.
    pub rule_pack_id: String,
}

const SELECT: &str = "SELECT id, unit_id, title, draft_posted_on, matter_id, status, filed_on, recognised_on, refusal_reason, rule_pack_id FROM decision_covenants WHERE id = $1";

/// The hương ước of a thôn, newest first.
pub async fn list(db: &Db, unit_id: i64) -> Result<Vec<Covenant>> {
    Ok(db
        .fetch_all(
            &query(
                "SELECT id, unit_id, title, draft_posted_on, matter_id, status, filed_on, recognised_on, refusal_reason, rule_pack_id
                 FROM decision_covenants WHERE unit_id = $1 ORDER BY draft_posted_on DESC, id DESC",
            )
            .bind(unit_id),
        )
        .await?)
}

/// A hương ước by id.
pub async fn get(db: &Db, id: i64) -> Result<Covenant> {
    db.fetch_optional(&query(SELECT).bind(id))
        .await?
        .ok_or(Error::NotFound("covenant"))
}

/// Records the draft and its posting for comments.
pub async fn create(
    m: &DecisionsModule,
    db: &Db,
    who: Option<&Principal>,
    input: &CovenantInput,
    on: NaiveDate,
) -> Result<Covenant> {
    let unit = crate::households::unit(db, &input.unit_code).await?;
    authorize(who, &permissions::PROPOSE, Some(&unit))?;
    let title = input.title.trim();
    if title.is_empty() {
        return refuse("title", "không được để trống", "must not be empty");
    }
    let team: Vec<&str> = input
        .drafting_team
        .iter()
        .map(|s| s.trim())
        .filter(|s| !s.is_empty())
        .collect();
    if team.is_empty() {
        return refuse(
            "drafting_team",
            "ghi thành viên tổ soạn thảo",
            "name the drafting team",
        );
    }
    let posted = parse("draft_posted_on", &input.draft_posted_on)?;
    let pack = m.rules().in_force_on(on)?;
    let id = next_id();
    let actor = who.map(Principal::actor).unwrap_or_default();
    let mut tx = db.begin().await?;
    tx.execute(
        &query("INSERT INTO decision_covenants (id, unit_id, title, drafting_team, draft_posted_on, status, rule_pack_id, created_at)
                VALUES ($1, $2, $3, $4, $5, 'drafting', $6, $7)")
            .bind(id).bind(unit.id).bind(title).bind(team.join("\n")).bind(posted).bind(pack.id.as_str()).bind(dinh_platform::time::now_rfc3339()),
    )
    .await?;
    audit::record(
        &mut tx,
        Change {
            actor: &actor,
            action: "decisions.covenant",
            object_type: "decision_covenant",
            object_id: &id.to_string(),
            before: None,
            after: Some(
                json!({"unit": unit.code, "title": title, "team": team, "draft_posted_on": posted}),
            ),
        },
    )
    .await?;
    tx.commit().await?;
    get(db, id).await
}

/// Opens the adoption vote (matter 3) once the draft has been posted long enough.
pub async fn open_vote(
    m: &DecisionsModule,
    db: &Db,
    who: Option<&Principal>,
    id: i64,
    on: NaiveDate,
) -> Result<matters::Matter> {
    let c = get(db, id).await?;
    let unit = dinh_platform::units::store::by_id(db, c.unit_id)
        .await?
        .ok_or(Error::NotFound("unit"))?;
    authorize(who, &permissions::PROPOSE, Some(&unit))?;
    let pack = m.pack(&c.rule_pack_id)?;
    let posted = dinh_platform::time::parse_date(&c.draft_posted_on).unwrap_or(on);
    let earliest = m
        .calendar()
        .due_date(posted, pack.covenant.draft_posting.period())?;
    if on <= earliest {
        return refuse(
            "draft_posted_on",
            format!(
                "dự thảo niêm yết từ {} phải đủ {} ngày ({}): biểu quyết sau ngày {}",
                dmy(posted),
                pack.covenant.draft_posting.count,
                pack.covenant.draft_posting.citation(),
                dmy(earliest)
            ),
            format!(
                "the draft posted on {} must stay up {} days ({}): vote after {}",
                dmy(posted),
                pack.covenant.draft_posting.count,
                pack.covenant.draft_posting.citation(),
                dmy(earliest)
            ),
        );
    }
    if c.status != "drafting" {
        return refuse(
            "covenant",
            "hương ước này không còn ở giai đoạn dự thảo",
            "this hương ước is no longer a draft",
        );
    }
    let actor = who.map(Principal::actor).unwrap_or_default();
    let new = NewMatter {
        unit_code: unit.code.clone(),
        matter: 3,
        title: format!("Thông qua {}", c.title),
        content: c.title.clone(),
        origin: Origin::VillageHead,
        secret: false,
        election: false,
        initiative_id: None,
    };
    let mut tx = db.begin().await?;
    let matter_id = matters::insert(m, &mut tx, &actor, &unit, &new, on, None).await?;
    tx.execute(
        &query("UPDATE decision_covenants SET matter_id = $2, status = 'voting' WHERE id = $1")
            .bind(id)
            .bind(matter_id),
    )
    .await?;
    audit::record(
        &mut tx,
        Change {
            actor: &actor,
            action: "decisions.covenant_vote",
            object_type: "decision_covenant",
            object_id: &id.to_string(),
            before: Some(json!({"status": "drafting"})),
            after: Some(json!({"status": "voting", "matter": matter_id})),
        },
    )
    .await?;
    tx.commit().await?;
    matters::get(db, matter_id).await
}

/// The file reaches UBND xã: refused unless adoption passed; returns the recognition due day.
pub async fn file(
    m: &DecisionsModule,
    db: &Db,
    who: Option<&Principal>,
    id: i64,
    filed_on: &str,
) -> Result<(Covenant, NaiveDate, bool)> {
    let c = get(db, id).await?;
    let unit = dinh_platform::units::store::by_id(db, c.unit_id)
        .await?
        .ok_or(Error::NotFound("unit"))?;
    authorize(who, &permissions::PROPOSE, Some(&unit))?;
    let pack = m.pack(&c.rule_pack_id)?;
    let day = parse("filed_on", filed_on)?;
    let matter = matters::get(db, c.matter_id.ok_or(Error::NotFound("matter"))?).await?;
    if matter.passed != Some(true) || c.status != "voting" {
        return refuse(
            "covenant",
            "chỉ gửi hồ sơ khi hương ước đã được thông qua",
            "the file is sent only once the hương ước was adopted",
        );
    }
    let closed = matter
        .closed_on
        .as_deref()
        .and_then(dinh_platform::time::parse_date)
        .unwrap_or(day);
    let file_due = m
        .calendar()
        .due_date(closed, pack.covenant.file_to_commune.period())?;
    let recognition_due = m
        .calendar()
        .due_date(day, pack.covenant.recognition.period())?;
    let actor = who.map(Principal::actor).unwrap_or_default();
    let mut tx = db.begin().await?;
    tx.execute(
        &query("UPDATE decision_covenants SET status = 'filed', filed_on = $2 WHERE id = $1")
            .bind(id)
            .bind(day),
    )
    .await?;
    audit::record(&mut tx, Change { actor: &actor, action: "decisions.covenant_file", object_type: "decision_covenant", object_id: &id.to_string(),
        before: Some(json!({"status": "voting"})), after: Some(json!({"status": "filed", "filed_on": day, "file_due": file_due, "late": day > file_due, "recognition_due": recognition_due})) }).await?;
    tx.commit().await?;
    Ok((get(db, id).await?, recognition_due, day > file_due))
}

/// A decision of UBND xã on a hương ước: `recognise`, `refuse`, `suspend` or `repeal`; every
/// decision but recognition needs its reasons.
pub async fn decide(
    db: &Db,
    who: Option<&Principal>,
    id: i64,
    action: &str,
    on: NaiveDate,
    reason: &str,
) -> Result<Covenant> {
    let c = get(db, id).await?;
    let unit = dinh_platform::units::store::by_id(db, c.unit_id)
        .await?
        .ok_or(Error::NotFound("unit"))?;
    authorize(who, &permissions::RECOGNISE, Some(&unit))?;
    let (from, to) = match action {
        "recognise" => ("filed", "recognised"),
        "refuse" => ("filed", "refused"),
        "suspend" => ("recognised", "suspended"),
        "repeal" => ("recognised", "repealed"),
        other => {
            return refuse(
                "action",
                format!("'{other}' không hợp lệ"),
                format!("'{other}' is not one of recognise, refuse, suspend, repeal"),
            );
        }
    };
    if c.status != from && !(action == "repeal" && c.status == "suspended") {
        return refuse(
            "action",
            format!(
                "không thể {action} hương ước đang ở trạng thái {}",
                c.status
            ),
            format!("cannot {action} a hương ước that is {}", c.status),
        );
    }
    if action != "recognise" && reason.trim().is_empty() {
        return refuse(
            "reason",
            "phải nêu rõ lý do bằng văn bản",
            "give the reasons in writing",
        );
    }
    let actor = who.map(Principal::actor).unwrap_or_default();
    let mut tx = db.begin().await?;
    let col = match action {
        "recognise" => "recognised_on",
        "suspend" => "suspended_on",
        "repeal" => "repealed_on",
        _ => "filed_on",
    };
    tx.execute(&query(format!("UPDATE decision_covenants SET status = $2, {col} = $3, refusal_reason = $4 WHERE id = $1"))
        .bind(id).bind(to).bind(if action == "refuse" { c.filed_on.clone().unwrap_or_default() } else { on.to_string() })
        .bind((!reason.trim().is_empty()).then(|| reason.trim().to_owned()))).await?;
    audit::record(
        &mut tx,
        Change {
            actor: &actor,
            action: "decisions.covenant_decide",
            object_type: "decision_covenant",
            object_id: &id.to_string(),
            before: Some(json!({"status": c.status})),
            after: Some(json!({"status": to, "on": on, "reason": reason.trim()})),
        },
    )
    .await?;
    tx.commit().await?;
    get(db, id).await
}

/// The next yearly review day (18 November in the shipped packs) on or after `today`.
pub fn next_review(
    m: &DecisionsModule,
    c: &Covenant,
    today: NaiveDate,
) -> Result<Option<NaiveDate>> {
    let pack = m.pack(&c.rule_pack_id)?;
    let review = &pack.covenant.annual_review;
    Ok(match review.in_year(today.year()) {
        Some(d) if d >= today => Some(d),
        _ => review.in_year(today.year() + 1),
    })
}

/// A decision of UBND xã as typed: `on` is dd/mm/yyyy or empty for `today`.
pub async fn decide_typed(
    db: &Db,
    who: Option<&Principal>,
    id: i64,
    action: &str,
    on: &str,
    reason: &str,
    today: NaiveDate,
) -> Result<Covenant> {
    let on = crate::dates::parse_optional("on", on)?.unwrap_or(today);
    decide(db, who, id, action, on, reason).await
}
