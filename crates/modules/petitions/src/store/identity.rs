//! Reading a protected identity (thông tin người tố cáo): only the case's assigned handler,
//! holding [`READ_IDENTITY`] at the case's unit, may open it; every read and every refused
//! attempt is audited (without the identity itself).

use dinh_platform::accounts::Principal;
use dinh_platform::audit::{self, Change};
use dinh_platform::db::{Db, query};
use dinh_platform::units::Unit;
use dinh_platform::web::AppError;
use serde_json::json;

use super::case_view::CaseRow;
use super::scope::{allow, denied};
use crate::PetitionsModule;
use crate::permissions::READ_IDENTITY;
use crate::protect::{Identity, Sealed};

/// Writes an audit entry about a protected identity (read or refused), without the identity.
pub(crate) async fn note(
    db: &Db,
    actor: &str,
    action: &str,
    case_id: i64,
    channel: &str,
) -> Result<(), AppError> {
    let mut tx = db.begin().await?;
    audit::record(
        &mut tx,
        Change {
            actor,
            action,
            object_type: "petition_case",
            object_id: &case_id.to_string(),
            before: None,
            after: Some(json!({"channel": channel})),
        },
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

/// Whether `p` may open the protected identity of `case`: its assigned handler, holding
/// [`READ_IDENTITY`] at the case's unit.
pub(crate) fn may_open(p: &Principal, case: &CaseRow, unit: &Unit) -> bool {
    allow(Some(p), &READ_IDENTITY, unit).is_ok() && case.handler_account_id == Some(p.account_id)
}

/// Opens the identity of case `case_id` for `principal` (via `channel`: `page` or `api`).
/// Refused (403, audited) to anyone but the assigned handler.
pub async fn read(
    m: &PetitionsModule,
    db: &Db,
    principal: Option<&Principal>,
    case_id: i64,
    channel: &str,
) -> Result<Identity, AppError> {
    let case = super::case_view::row(db, case_id).await?;
    let unit = super::unit_by_id(db, case.unit_id).await?;
    let Some(p) = principal else {
        return Err(AppError::from(dinh_platform::accounts::Denied::NotSignedIn));
    };
    let actor = p.actor();
    if !may_open(p, &case, &unit) {
        note(db, &actor, "petitions.identity_refused", case_id, channel).await?;
        return Err(denied());
    }
    let row: Option<(String, String)> = db
        .fetch_optional(
            &query("SELECT nonce, sealed FROM petition_identities WHERE case_id = $1")
                .bind(case_id),
        )
        .await?;
    let Some((nonce, sealed)) = row else {
        return Err(AppError::not_found());
    };
    let identity = m.key().open(case_id, &Sealed { nonce, sealed })?;
    note(db, &actor, "petitions.identity_read", case_id, channel).await?;
    Ok(identity)
}
