//! Community meetings (hội nghị cộng đồng dân cư, Điều 18; Nghị định 59/2023 Điều 3): notice at
//! least the pack's days before, attendance per household, procedural votes by more than half of
//! those present, cluster meetings for large thôn, and the advice to switch to household
//! ballots when attendance cannot reach the matter's ratio.

use dinh_platform::accounts::{Principal, authorize};
use dinh_platform::audit::{self, Change};
use dinh_platform::db::{Db, Tx, ids::next_id, is_unique_violation, query};
use serde::{Deserialize, Serialize};
use serde_json::json;

use crate::dates::{dmy, parse};
use crate::error::{Error, Result, refuse};
use crate::households::{self, VoterHousehold};
use crate::matters::{self, Matter};
use crate::votes::ensure_open;
use crate::{DecisionsModule, permissions};

mod procedural;
pub use procedural::{ProceduralInput, ProceduralView, procedural};

/// A meeting to hold.
#[derive(Debug, Clone, Deserialize, utoipa::ToSchema)]
pub struct MeetingInput {
    /// Day of the meeting (dd/mm/yyyy).
    pub held_on: String,
    /// Day the notice and documents reached the households (dd/mm/yyyy).
    pub notice_on: String,
    /// Thôn holding it (default: the matter's thôn; required for a commune-wide matter).
    #[serde(default)]
    pub unit_code: String,
    /// Cluster name (cụm), for a thôn large enough to meet by cluster.
    #[serde(default)]
    pub cluster: String,
}

/// A meeting as recorded, with the warnings of its checks.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct MeetingView {
    /// Id.
    pub id: i64,
    /// Day of the meeting (ISO).
    pub held_on: String,
    /// Warnings in Vietnamese (late notice).
    pub warnings_vi: Vec<String>,
    /// Warnings in English.
    pub warnings_en: Vec<String>,
}

/// A household present.
#[derive(Debug, Clone, Deserialize, utoipa::ToSchema)]
pub struct AttendanceInput {
    /// Household code.
    pub household: String,
    /// Name of the person attending.
    pub attendee: String,
    /// `representative` (đại diện hộ) or `registered_member` (thành viên hộ đã đăng ký phát biểu).
    pub capacity: String,
}

/// Whether attendance can still reach the matter's ratio.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct AttendanceAdvice {
    /// Households present at the matter's meetings.
    pub present: i64,
    /// All households.
    pub households: i64,
    /// True when even if all present agreed the ratio would not be reached: use household ballots.
    pub switch_to_ballots: bool,
    /// Advice in Vietnamese.
    pub advice_vi: String,
    /// Advice in English.
    pub advice_en: String,
}

/// Records a meeting of the matter; warns when the notice came late.
pub async fn create(
    m: &DecisionsModule,
    db: &Db,
    who: Option<&Principal>,
    matter_id: i64,
    input: &MeetingInput,
) -> Result<MeetingView> {
    let matter = matters::get(db, matter_id).await?;
    let unit = matters::unit_of(db, &matter).await?;
    authorize(who, &permissions::RUN, Some(&unit))?;
    let pack = m.pack(&matter.rule_pack_id)?;
    let held_on = parse("held_on", &input.held_on)?;
    let notice_on = parse("notice_on", &input.notice_on)?;
    if notice_on > held_on {
        return refuse(
            "notice_on",
            "ngày thông báo sau ngày họp",
            "the notice is after the meeting",
        );
    }
    let place = if input.unit_code.trim().is_empty() {
        if matter.scope() == dinh_rules::Scope::Commune {
            return refuse(
                "unit_code",
                "việc toàn xã: ghi thôn tổ chức họp",
                "commune-wide matter: name the thôn meeting",
            );
        }
        unit.clone()
    } else {
        households::unit(db, &input.unit_code).await?
    };
    if !place.is_within(matter.unit_id)
        || !place
            .unit_kind()
            .is_some_and(|k| k.is_residential_community())
    {
        return refuse(
            "unit_code",
            format!("{} không phải thôn của việc này", place.name),
            format!("{} is not a thôn of this matter", place.name),
        );
    }
    let cluster = input.cluster.trim();
    if !cluster.is_empty() {
        let n = dinh_platform::households::count_at(db, place.id, held_on).await?;
        let min = pack.decisions.cluster_meeting_min_households.value;
        if n < i64::from(min) {
            return refuse(
                "cluster",
                format!(
                    "{} có {n} hộ: chỉ thôn từ {min} hộ trở lên mới họp theo cụm ({})",
                    place.name,
                    pack.decisions.cluster_meeting_min_households.citation()
                ),
                format!(
                    "{} has {n} households: only thôn of {min} or more may meet by cluster ({})",
                    place.name,
                    pack.decisions.cluster_meeting_min_households.citation()
                ),
            );
        }
    }
    let latest = m
        .calendar()
        .latest_date_before(held_on, pack.decisions.meeting_notice.period())?;
    let (mut warnings_vi, mut warnings_en) = (Vec::new(), Vec::new());
    if notice_on > latest {
        warnings_vi.push(format!(
            "Thông báo ngày {} là muộn: phải đến hộ chậm nhất ngày {} (trước ít nhất {} ngày, {})",
            dmy(notice_on),
            dmy(latest),
            pack.decisions.meeting_notice.count,
            pack.decisions.meeting_notice.citation()
        ));
        warnings_en.push(format!(
            "The notice of {} is late: it had to reach households by {} (at least {} days before, {})",
            dmy(notice_on), dmy(latest), pack.decisions.meeting_notice.count, pack.decisions.meeting_notice.citation()
        ));
    }
    let actor = who.map(Principal::actor).unwrap_or_default();
    let id = next_id();
    let mut tx = db.begin().await?;
    let matter = matters::lock(&mut tx, matter.id).await?;
    ensure_open(&matter)?;
    tx.execute(
        &query(
            "INSERT INTO decision_meetings (id, matter_id, unit_id, cluster, held_on, notice_on, created_by, created_at)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
        )
        .bind(id)
        .bind(matter.id)
        .bind(place.id)
        .bind((!cluster.is_empty()).then(|| cluster.to_owned()))
        .bind(held_on)
        .bind(notice_on)
        .bind(actor.as_str())
        .bind(dinh_platform::time::now_rfc3339()),
    )
    .await?;
    audit::record(
        &mut tx,
        Change {
            actor: &actor,
            action: "decisions.meeting",
            object_type: "decision_meeting",
            object_id: &id.to_string(),
            before: None,
            after: Some(json!({"matter": matter.id, "unit": place.code, "cluster": cluster,
                "held_on": held_on, "notice_on": notice_on, "late_notice": !warnings_en.is_empty()})),
        },
    )
    .await?;
    crate::notices::tell_households(
        &mut tx,
        &actor,
        crate::notices::MEETING,
        &matter,
        place.id,
        held_on,
        &[
            ("place", place.name.clone()),
            ("date", dmy(held_on).to_string()),
        ],
    )
    .await?;
    tx.commit().await?;
    Ok(MeetingView {
        id,
        held_on: held_on.to_string(),
        warnings_vi,
        warnings_en,
    })
}

async fn meeting_of(tx: &mut Tx, matter: &Matter, meeting_id: i64) -> Result<(i64, String)> {
    tx.fetch_optional(
        &query("SELECT unit_id, held_on FROM decision_meetings WHERE id = $1 AND matter_id = $2")
            .bind(meeting_id)
            .bind(matter.id),
    )
    .await?
    .ok_or(Error::NotFound("meeting"))
}

/// Records a household present at a meeting (once per matter, across its cluster meetings).
pub async fn attend(
    db: &Db,
    who: Option<&Principal>,
    matter_id: i64,
    meeting_id: i64,
    input: &AttendanceInput,
) -> Result<()> {
    let matter = matters::get(db, matter_id).await?;
    let unit = matters::unit_of(db, &matter).await?;
    authorize(who, &permissions::RUN, Some(&unit))?;
    let capacity = match input.capacity.trim() {
        "representative" | "registered_member" => input.capacity.trim(),
        other => {
            return refuse(
                "capacity",
                format!(
                    "'{other}' không hợp lệ: người dự họp là đại diện hộ (representative) hoặc thành viên hộ đã đăng ký (registered_member)"
                ),
                format!(
                    "'{other}' is not valid: the attendee is the representative or a registered member"
                ),
            );
        }
    };
    let attendee = input.attendee.trim();
    if attendee.is_empty() {
        return refuse(
            "attendee",
            "ghi tên người dự họp",
            "give the attendee's name",
        );
    }
    let actor = who.map(Principal::actor).unwrap_or_default();
    let mut tx = db.begin().await?;
    let matter = matters::lock(&mut tx, matter.id).await?;
    ensure_open(&matter)?;
    let (meeting_unit, held_on) = meeting_of(&mut tx, &matter, meeting_id).await?;
    let held_on = dinh_platform::time::parse_date(&held_on).unwrap_or_default();
    let household = households::in_matter(&mut tx, &matter, &input.household, held_on).await?;
    if household.unit_id != meeting_unit {
        return refuse(
            "household",
            format!(
                "hộ {} không thuộc thôn tổ chức cuộc họp này",
                household.code
            ),
            format!(
                "household {} is not of the thôn holding this meeting",
                household.code
            ),
        );
    }
    let r = tx
        .execute(
            &query(
                "INSERT INTO decision_attendance (meeting_id, matter_id, household_id, attendee, capacity)
                 VALUES ($1, $2, $3, $4, $5)",
            )
            .bind(meeting_id)
            .bind(matter.id)
            .bind(household.id)
            .bind(attendee)
            .bind(capacity),
        )
        .await;
    match r {
        Ok(_) => {}
        Err(e) if is_unique_violation(&e) => {
            return refuse(
                "household",
                format!("hộ {} đã được ghi dự họp cho việc này", household.code),
                format!(
                    "household {} is already recorded present for this matter",
                    household.code
                ),
            );
        }
        Err(e) => return Err(e.into()),
    }
    audit::record(
        &mut tx,
        Change {
            actor: &actor,
            action: "decisions.attend",
            object_type: "decision_meeting",
            object_id: &meeting_id.to_string(),
            before: None,
            after: Some(
                json!({"household": household.code, "attendee": attendee, "capacity": capacity}),
            ),
        },
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

/// The meeting at which the household was recorded present, or a refusal.
pub(crate) async fn attended(
    tx: &mut Tx,
    matter: &Matter,
    household: &VoterHousehold,
) -> Result<i64> {
    let id: Option<i64> = tx
        .scalar_optional(
            &query("SELECT meeting_id FROM decision_attendance WHERE matter_id = $1 AND household_id = $2")
                .bind(matter.id)
                .bind(household.id),
        )
        .await?;
    match id {
        Some(id) => Ok(id),
        None => refuse(
            "household",
            format!(
                "hộ {} chưa được ghi dự họp nên không biểu quyết tại hội nghị được",
                household.code
            ),
            format!(
                "household {} is not recorded present, so it cannot vote at the meeting",
                household.code
            ),
        ),
    }
}

/// Whether the households present can still reach the ratio; if not, advise household ballots
/// (Điều 19(1)(b)).
pub async fn advice(
    m: &DecisionsModule,
    db: &Db,
    matter: &Matter,
    on: chrono::NaiveDate,
) -> Result<AttendanceAdvice> {
    let pack = m.pack(&matter.rule_pack_id)?;
    let ratio = crate::tally::ratio_for(pack, matter)?;
    let present: i64 = db
        .scalar(
            &query("SELECT COUNT(*) FROM decision_attendance WHERE matter_id = $1").bind(matter.id),
        )
        .await?;
    let households = dinh_platform::households::count_at(db, matter.unit_id, on).await?;
    let reachable = ratio.passes(
        u64::try_from(present).unwrap_or(0),
        u64::try_from(households).unwrap_or(0),
    );
    let op = if ratio.inclusive { "≥" } else { ">" };
    let frac = format!("{op} {}/{}", ratio.numerator, ratio.denominator);
    let (advice_vi, advice_en) = if reachable {
        (
            format!("{present}/{households} hộ dự họp: đủ để có thể đạt {frac} tổng số hộ"),
            format!(
                "{present} of {households} households present: enough to reach {frac} of all households"
            ),
        )
    } else {
        (
            format!(
                "Chỉ {present}/{households} hộ dự họp: dù tất cả đồng ý cũng không đạt {frac} tổng số hộ. Đề nghị lấy ý kiến bằng phiếu hộ gia đình (Điều 19(1)(b))."
            ),
            format!(
                "Only {present} of {households} households present: even if all agree, {frac} of all households cannot be reached. Use household ballots (Art. 19(1)(b))."
            ),
        )
    };
    Ok(AttendanceAdvice {
        present,
        households,
        switch_to_ballots: !reachable,
        advice_vi,
        advice_en,
    })
}

/// The adoption meeting of a hương ước is held only with more than the pack's share of all
/// households represented (Nghị định 61/2023 Điều 10): its votes are refused until enough
/// households are recorded present. Other matters have no quorum (they switch to ballots).
pub(crate) async fn ensure_covenant_quorum(
    m: &DecisionsModule,
    tx: &mut Tx,
    matter: &Matter,
    on: chrono::NaiveDate,
) -> Result<()> {
    let covenant: Option<i64> = tx
        .scalar_optional(
            &query("SELECT id FROM decision_covenants WHERE matter_id = $1").bind(matter.id),
        )
        .await?;
    if covenant.is_none() {
        return Ok(());
    }
    let pack = m.pack(&matter.rule_pack_id)?;
    let quorum = &pack.covenant.meeting_quorum;
    let present: i64 = tx
        .scalar(
            &query("SELECT COUNT(*) FROM decision_attendance WHERE matter_id = $1").bind(matter.id),
        )
        .await?;
    let households: i64 = tx
        .scalar(
            &query(format!(
                "{} SELECT COUNT(*) FROM households h JOIN subtree s ON h.unit_id = s.id
                 WHERE h.formed_on <= $2 AND (h.dissolved_on IS NULL OR h.dissolved_on > $2)",
                dinh_platform::units::store::SUBTREE_CTE
            ))
            .bind(matter.unit_id)
            .bind(on),
        )
        .await?;
    let (p, n) = (
        u64::try_from(present).unwrap_or(0),
        u64::try_from(households).unwrap_or(0),
    );
    if quorum.passes(p, n) {
        return Ok(());
    }
    let op = if quorum.inclusive { "≥" } else { ">" };
    let frac = format!("{op} {}/{}", quorum.numerator, quorum.denominator);
    refuse(
        "meeting",
        format!(
            "hội nghị thông qua hương ước cần {frac} tổng số hộ dự họp ({}): mới có {present}/{households} hộ",
            quorum.citation()
        ),
        format!(
            "the hương ước adoption meeting needs {frac} of all households present ({}): {present} of {households} so far",
            quorum.citation()
        ),
    )
}
