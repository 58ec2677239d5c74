//! Telling the petitioner each step of their case (thông báo cho người gửi đơn): accepted,
//! refused, transferred, extended, answered, by the contact they gave, in the transaction of the
//! step itself. A protected denouncer's contact stays sealed: the outbox holds only the case's
//! reference, and the address is unsealed at the moment of sending ([`address`]). The accused
//! is never told: Đình keeps no contact of theirs.

use dinh_platform::accounts::login_name;
use dinh_platform::db::{Db, Tx, query};
use dinh_platform::notify::{self, Channel, Notice, Recipient};
use dinh_platform::web::i18n::Lang;

use crate::PetitionsModule;
use crate::protect::Sealed;

/// The kind of the step notice.
pub const CASE_STEP: &str = "petitions.case_step";

/// Queues the notice of a step (`step`, `detail` in Vietnamese) of case `case_id` for its
/// petitioner, if they gave a contact and are not anonymous; nothing is queued otherwise.
pub(crate) async fn tell_petitioner(
    m: &PetitionsModule,
    tx: &mut Tx,
    actor: &str,
    case_id: i64,
    step: &str,
    detail: &str,
) -> anyhow::Result<()> {
    let row: Option<(String, Option<String>, bool, bool)> = tx
        .fetch_optional(
            &query("SELECT tracking_code, petitioner_contact, anonymous, protected FROM petition_cases WHERE id = $1")
                .bind(case_id),
        )
        .await?;
    let Some((code, contact, anonymous, protected)) = row else {
        return Ok(());
    };
    if anonymous {
        return Ok(());
    }
    let to = if protected {
        let Some(address) = sealed_contact(m, tx, case_id).await? else {
            return Ok(());
        };
        Recipient::Sealed {
            module: "petitions",
            reference: case_id.to_string(),
            channel: if address.contains('@') {
                Channel::Email
            } else {
                Channel::Sms
            },
            lang: Lang::Vi,
        }
    } else {
        match contact.as_deref().and_then(reachable) {
            Some(address) => Recipient::Address {
                address,
                lang: Lang::Vi,
            },
            None => return Ok(()),
        }
    };
    let notice = Notice::new(CASE_STEP, to)
        .value("code", code)
        .value("step", step)
        .value("detail", detail)
        .link("/petitions/track");
    notify::queue(tx, actor, &[notice]).await?;
    Ok(())
}

const SEALED: &str = "SELECT nonce, sealed FROM petition_identities WHERE case_id = $1";

/// The contact inside a protected identity, normalised; None when there is none to write to.
async fn sealed_contact(
    m: &PetitionsModule,
    tx: &mut Tx,
    case_id: i64,
) -> anyhow::Result<Option<String>> {
    let row = tx.fetch_optional(&query(SEALED).bind(case_id)).await?;
    open(m, case_id, row)
}

fn open(
    m: &PetitionsModule,
    case_id: i64,
    row: Option<(String, String)>,
) -> anyhow::Result<Option<String>> {
    let Some((nonce, sealed)) = row else {
        return Ok(None);
    };
    let identity = m.key().open(case_id, &Sealed { nonce, sealed })?;
    Ok(reachable(&identity.contact))
}

/// The e-mail address or phone number in what a petitioner wrote as their contact ("Thôn Một;
/// 0912 345 678"), normalised; None when there is neither.
fn reachable(contact: &str) -> Option<String> {
    std::iter::once(contact)
        .chain(contact.split([';', ',']))
        .find_map(|part| login_name::normalise(part).ok())
}

/// For the sender: the address of a sealed recipient (`reference` is the case id), unsealed now.
pub(crate) async fn address(
    m: &PetitionsModule,
    db: &Db,
    reference: &str,
) -> anyhow::Result<Option<String>> {
    let case_id: i64 = reference.parse()?;
    let row = db.fetch_optional(&query(SEALED).bind(case_id)).await?;
    open(m, case_id, row)
}

#[cfg(test)]
mod tests {
    use super::reachable;

    #[test]
    fn the_contact_is_found_in_what_was_written() {
        assert_eq!(
            reachable("Thôn Một; 0912 345 678"),
            Some("0912345678".into())
        );
        assert_eq!(reachable("An@Xa.vn"), Some("an@xa.vn".into()));
        assert_eq!(reachable("Thôn Một"), None);
    }
}
