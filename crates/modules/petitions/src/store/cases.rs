//! Cases (vụ việc): intake — checks, the first clock, the case, its files and its audit entry
//! in one transaction. Reading them is in `case_view.rs`.

use chrono::NaiveDate;
use dinh_platform::accounts::Principal;
use dinh_platform::audit::{self, Change};
use dinh_platform::db::{Db, Tx, ids::next_id, query};
use dinh_platform::text::fold;
use dinh_platform::units::Unit;
use dinh_platform::web::AppError;
use serde::Serialize;
use serde_json::json;

use super::files::{CaseFiles, FileLimits, StagedCase};
use super::scope::{Scope, allow};
use crate::PetitionsModule;
use crate::clocks::{self, Variant};
use crate::input::BadInput;
use crate::kinds::{CaseKind, Channel, status};
use crate::permissions::HANDLE;
use crate::protect::Identity;
use crate::tracking;

/// A petition as received (đơn), before it is stored.
#[derive(Debug, Clone)]
pub struct NewCase {
    /// Its kind once classified.
    pub kind: CaseKind,
    /// How it came in.
    pub channel: Channel,
    /// Short subject.
    pub subject: String,
    /// Content; for a denunciation, the version stripped of anything identifying the denouncer.
    pub content: String,
    /// Day received (ngày nhận đơn).
    pub received_on: NaiveDate,
    /// Who sent it; None when anonymous (nặc danh).
    pub petitioner: Option<Identity>,
    /// 0 normal, 1 complex, 2 especially complex.
    pub complexity: i64,
    /// Remote area.
    pub remote: bool,
    /// Second complaint.
    pub second_round: bool,
    /// Several places involved.
    pub multiple_places: bool,
}

/// What the citizen is given at submission.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct Receipt {
    /// Case id (internal).
    #[serde(skip)]
    pub id: i64,
    /// The tracking code (mã tra cứu).
    pub tracking_code: String,
    /// The secret (mã bí mật), shown once.
    pub secret: String,
    /// The kind the petition was accepted as (an anonymous denunciation becomes a report).
    pub kind: CaseKind,
}

/// Validates a new case; every error names the field.
pub fn check(new: &NewCase) -> Result<(), BadInput> {
    use crate::input::{MAX_SHORT, MAX_TEXT, required};
    required("subject", &new.subject, MAX_SHORT)?;
    required("content", &new.content, MAX_TEXT)?;
    if let Some(p) = &new.petitioner {
        crate::input::optional("name", &p.name, MAX_SHORT)?;
        crate::input::optional("address", &p.address, MAX_SHORT)?;
        crate::input::optional("contact", &p.contact, MAX_SHORT)?;
        crate::input::optional("original", &p.original, MAX_TEXT)?;
    }
    if !(0..=2).contains(&new.complexity) {
        return Err(BadInput("complexity: 0, 1 or 2".into()));
    }
    Ok(())
}

/// Starts a clock inside `tx`; returns its due date.
#[allow(clippy::too_many_arguments)]
pub(crate) async fn start_clock(
    m: &PetitionsModule,
    tx: &mut Tx,
    case_id: i64,
    pack_id: &str,
    clock: &str,
    variant: Variant,
    from: NaiveDate,
    done_on: Option<NaiveDate>,
) -> anyhow::Result<NaiveDate> {
    let pack = m.rules().get(pack_id)?;
    let rule = clocks::rule(pack, clock, variant)
        .ok_or_else(|| anyhow::anyhow!("no rule for clock {clock}"))?;
    let d = m.calendar().due_after(from, rule.duration.period())?;
    tx.execute(
        &query("INSERT INTO petition_clocks (id, case_id, clock, rule_key, started_on, period_count, period_unit, due_on, done_on, unit_id) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, (SELECT unit_id FROM petition_cases WHERE id = $2))")
            .bind(next_id())
            .bind(case_id)
            .bind(clock)
            .bind(rule.rule_key)
            .bind(from)
            .bind(rule.duration.count)
            .bind(clocks::unit_code(rule.duration.unit))
            .bind(d.due)
            .bind(done_on),
    )
    .await?;
    Ok(d.due)
}

/// Appends a timeline line inside `tx`.
pub(crate) async fn event(
    tx: &mut Tx,
    case_id: i64,
    on: NaiveDate,
    kind: &str,
    public: bool,
    body: &str,
    actor: &str,
) -> anyhow::Result<()> {
    tx.execute(
        &query("INSERT INTO petition_events (id, case_id, at, on_date, kind, public, body, actor) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)")
            .bind(next_id())
            .bind(case_id)
            .bind(dinh_platform::time::now_rfc3339())
            .bind(on)
            .bind(kind)
            .bind(public)
            .bind(body)
            .bind(actor),
    )
    .await?;
    Ok(())
}

/// Sets `next_due` to the earliest open clock of the case, inside `tx`.
pub(crate) async fn refresh_due(tx: &mut Tx, case_id: i64) -> anyhow::Result<()> {
    tx.execute(
        &query("UPDATE petition_cases SET next_due = (SELECT MIN(due_on) FROM petition_clocks WHERE case_id = $1 AND done_on IS NULL), updated_at = $2 WHERE id = $1")
            .bind(case_id)
            .bind(dinh_platform::time::now_rfc3339()),
    )
    .await?;
    Ok(())
}

/// The first clock of a kind (none for a dispute, which goes to mediation).
fn first_clock(kind: CaseKind) -> Option<&'static str> {
    match kind {
        CaseKind::Complaint => Some("complaint.accept"),
        CaseKind::Denunciation => Some("denunciation.initial"),
        CaseKind::Recommendation | CaseKind::Report => Some("answer"),
        CaseKind::Dispute => None,
    }
}

/// Receives a petition at `unit` (tiếp nhận đơn). The public form passes `principal: None`;
/// an officer needs [`HANDLE`] at the unit. An anonymous denunciation is received as a report
/// (Luật Tố cáo: không xử lý tố cáo nặc danh). A denouncer's identity is sealed, never stored
/// in the case, the timeline or the audit entry.
pub async fn receive(
    m: &PetitionsModule,
    db: &Db,
    principal: Option<&Principal>,
    unit: &Unit,
    new: NewCase,
) -> Result<Receipt, AppError> {
    receive_with_files(m, db, principal, unit, new, None).await
}

/// Receives a petition with its attached files (tệp đính kèm), all in one transaction: the
/// files are checked and staged first, their rows written with the case, and they take their
/// final names only after the commit, so a refusal or failure leaves neither case nor file.
/// For a denunciation, the identifying files are sealed with the protection key.
pub async fn receive_with_files(
    m: &PetitionsModule,
    db: &Db,
    principal: Option<&Principal>,
    unit: &Unit,
    new: NewCase,
    files: Option<(&FileLimits, CaseFiles)>,
) -> Result<Receipt, AppError> {
    let prepared = prepare(m, principal, unit, new)?;
    let staged = match files {
        Some((limits, f)) if !f.is_empty() => {
            super::files::stage(m, limits, prepared.id, prepared.protected, f).await?
        }
        _ => StagedCase::none(),
    };
    let mut tx = db.begin().await?;
    let receipt = write(m, &mut tx, unit, prepared, &staged).await?;
    tx.commit().await?;
    staged.keep().await?;
    Ok(receipt)
}

/// A petition checked and classified, with its id, ready to be written.
pub(crate) struct Prepared {
    pub(crate) id: i64,
    pub(crate) protected: bool,
    new: NewCase,
    petitioner: Option<Identity>,
    anonymous: bool,
    demoted: bool,
    pack_id: String,
    actor: String,
    account: Option<i64>,
}

/// Authorises, checks and classifies a petition (nothing is written).
pub(crate) fn prepare(
    m: &PetitionsModule,
    principal: Option<&Principal>,
    unit: &Unit,
    mut new: NewCase,
) -> Result<Prepared, AppError> {
    if let Some(p) = principal {
        allow(Some(p), &HANDLE, unit)?;
    } else if new.channel != Channel::Online {
        return Err(AppError::from(dinh_platform::accounts::Denied::NotSignedIn));
    }
    check(&new)?;
    let petitioner = new.petitioner.take().filter(|p| !p.name.trim().is_empty());
    let anonymous = petitioner.is_none();
    let mut demoted = false;
    if anonymous && new.kind == CaseKind::Denunciation {
        new.kind = CaseKind::Report;
        demoted = true;
    }
    let protected = new.kind == CaseKind::Denunciation;
    let pack = m
        .rules()
        .in_force_on(new.received_on)
        .map_err(|e| BadInput(format!("received_on: {e}")))?;
    let pack_id = pack.id.clone();
    Ok(Prepared {
        id: next_id(),
        protected,
        new,
        petitioner,
        anonymous,
        demoted,
        pack_id,
        actor: principal.map_or_else(|| "public".to_owned(), Principal::actor),
        account: principal.map(|p| p.account_id),
    })
}

/// Writes a prepared petition and its staged files' rows inside `tx` (the caller commits,
/// then keeps the files).
pub(crate) async fn write(
    m: &PetitionsModule,
    tx: &mut Tx,
    unit: &Unit,
    prepared: Prepared,
    staged: &StagedCase,
) -> Result<Receipt, AppError> {
    let Prepared {
        id,
        protected,
        new,
        petitioner,
        anonymous,
        demoted,
        pack_id,
        actor,
        account,
    } = prepared;
    let code = tracking::new_code();
    let secret = tracking::new_secret();
    let scope = Scope::of(unit);
    let (name, contact) = match (&petitioner, protected) {
        (Some(p), false) => (
            Some(p.name.trim().to_owned()),
            Some(
                [p.address.trim(), p.contact.trim()]
                    .iter()
                    .filter(|s| !s.is_empty())
                    .copied()
                    .collect::<Vec<_>>()
                    .join("; "),
            ),
        ),
        _ => (None, None),
    };
    let search = fold(&format!("{} {} {}", code, new.subject, new.content));
    let now = dinh_platform::time::now_rfc3339();
    tx.execute(
        &query("INSERT INTO petition_cases (id, unit_id, province_id, commune_id, tracking_code, secret_hash, kind, channel, subject, content, search_text, petitioner_name, petitioner_contact, anonymous, protected, received_on, pack_id, status, round, complexity, remote, multiple_places, is_open, created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21, $22, TRUE, $23, $23)")
            .bind(id)
            .bind(unit.id)
            .bind(scope.province_id)
            .bind(scope.commune_id)
            .bind(code.as_str())
            .bind(tracking::hash_secret(&secret))
            .bind(new.kind.as_str())
            .bind(new.channel.as_str())
            .bind(new.subject.trim())
            .bind(new.content.trim())
            .bind(search)
            .bind(name)
            .bind(contact)
            .bind(anonymous)
            .bind(protected)
            .bind(new.received_on)
            .bind(pack_id.as_str())
            .bind(status::RECEIVED)
            .bind(if new.second_round { 2_i64 } else { 1 })
            .bind(new.complexity)
            .bind(new.remote)
            .bind(new.multiple_places)
            .bind(now.as_str()),
    )
    .await?;
    if protected && let Some(p) = &petitioner {
        let sealed = m.key().seal(id, p)?;
        tx.execute(
            &query("INSERT INTO petition_identities (case_id, nonce, sealed, created_at) VALUES ($1, $2, $3, $4)")
                .bind(id)
                .bind(sealed.nonce)
                .bind(sealed.sealed)
                .bind(now.as_str()),
        )
        .await?;
    }
    let variant = Variant {
        complexity: new.complexity,
        remote: new.remote,
        second_round: new.second_round,
        multiple_places: new.multiple_places,
    };
    if let Some(clock) = first_clock(new.kind) {
        start_clock(m, tx, id, &pack_id, clock, variant, new.received_on, None).await?;
    }
    let body = if demoted {
        "Đã tiếp nhận. Tố cáo nặc danh không được xử lý như tố cáo; nội dung được tiếp nhận như phản ánh."
    } else {
        "Đã tiếp nhận đơn."
    };
    event(tx, id, new.received_on, "received", true, body, &actor).await?;
    staged.insert(tx, id, account).await?;
    super::summary::count_received(tx, unit.id, new.received_on, new.kind).await?;
    refresh_due(tx, id).await?;
    audit::record(
        tx,
        Change {
            actor: &actor,
            action: "petitions.receive",
            object_type: "petition_case",
            object_id: &id.to_string(),
            before: None,
            after: Some(json!({
                "unit": unit.code, "kind": new.kind.as_str(), "channel": new.channel.as_str(),
                "subject": new.subject.trim(), "received_on": new.received_on, "pack": pack_id,
                "protected": protected, "anonymous": anonymous,
                "files": staged.counts().0, "sealed_files": staged.counts().1,
            })),
        },
    )
    .await?;
    Ok(Receipt {
        id,
        tracking_code: code,
        secret,
        kind: new.kind,
    })
}
