//! A unit's contact details (thông tin liên hệ của UBND): the name of the body that runs it
//! ("UBND xã Phù Đổng"), its address, phone, e-mail and citizen-reception hours. They are data
//! an administrator edits; the unit that runs the site is named in every page's header and
//! footer.

use crate::audit::{self, Change};
use crate::db::{Db, DbResult, query};
use crate::units::Unit;
use serde_json::json;

/// What a unit publishes about the body that runs it.
#[derive(Debug, Clone, Default, PartialEq, Eq, sqlx::FromRow, serde::Serialize)]
pub struct UnitContact {
    /// The body's name as it signs ("Ủy ban nhân dân xã Phù Đổng", "UBND xã Phù Đổng").
    pub body_name: String,
    /// Its address.
    pub address: String,
    /// Its phone number.
    pub phone: String,
    /// Its e-mail address.
    pub email: String,
    /// When it receives citizens ("Thứ Năm hằng tuần, 7h30–11h30").
    pub reception_hours: String,
    /// Whether this unit runs the site (named in every page's header and footer).
    pub runs_site: bool,
}

/// The site's owner: the unit that runs it and its contact details.
#[derive(Debug, Clone)]
pub struct SiteOwner {
    /// The unit's code, for the link to its home page.
    pub code: String,
    /// Its contact details.
    pub contact: UnitContact,
    /// The address of its emblem, when one was uploaded.
    pub logo: Option<String>,
}

const COLUMNS: &str = "body_name, address, phone, email, reception_hours, runs_site";

/// Longest text accepted in each field, with the field's name.
const LIMITS: &[(&str, usize)] = &[
    ("body_name", 200),
    ("address", 300),
    ("phone", 40),
    ("email", 120),
    ("reception_hours", 300),
];

/// The contact details of `unit_id`, if recorded.
pub async fn of_unit(db: &Db, unit_id: i64) -> DbResult<Option<UnitContact>> {
    db.fetch_optional(
        &query(format!(
            "SELECT {COLUMNS} FROM unit_contacts WHERE unit_id = $1"
        ))
        .bind(unit_id),
    )
    .await
}

/// The unit that runs the site, if one is named.
pub async fn site_owner(db: &Db) -> DbResult<Option<SiteOwner>> {
    #[derive(sqlx::FromRow)]
    struct Row {
        code: String,
        #[sqlx(flatten)]
        contact: UnitContact,
        logo_id: Option<i64>,
    }
    let row: Option<Row> = db
        .fetch_optional(&query(
            "SELECT u.code, c.body_name, c.address, c.phone, c.email, c.reception_hours,
                    c.runs_site, l.file_id AS logo_id
             FROM unit_contacts c JOIN units u ON u.id = c.unit_id
             LEFT JOIN unit_logos l ON l.unit_id = c.unit_id
             WHERE c.runs_site = TRUE
             ORDER BY c.unit_id LIMIT 1",
        ))
        .await?;
    Ok(row.map(|r| SiteOwner {
        logo: r.logo_id.map(|id| super::logo::href(&r.code, id)),
        code: r.code,
        contact: r.contact,
    }))
}

/// Checks a contact before it is saved: the body's name is required, each field within its
/// length, the phone written with digits, spaces and `+ . ( ) -`, the e-mail with one `@`.
/// The error names the field.
pub fn check(c: &UnitContact) -> Result<(), String> {
    if c.body_name.trim().is_empty() {
        return Err("body_name: write the name of the body (e.g. UBND xã Phù Đổng)".into());
    }
    let fields = [
        &c.body_name,
        &c.address,
        &c.phone,
        &c.email,
        &c.reception_hours,
    ];
    for ((name, most), value) in LIMITS.iter().zip(fields) {
        if value.chars().count() > *most {
            return Err(format!("{name}: at most {most} characters"));
        }
    }
    if !c
        .phone
        .chars()
        .all(|ch| ch.is_ascii_digit() || " +.()-".contains(ch))
    {
        return Err("phone: use digits, spaces and + . ( ) - only".into());
    }
    let email = c.email.trim();
    if !email.is_empty()
        && (email.matches('@').count() != 1 || email.starts_with('@') || email.ends_with('@'))
    {
        return Err("email: not an e-mail address (name@domain)".into());
    }
    Ok(())
}

/// Records `unit`'s contact details (replacing earlier ones), audited as `units.contact`.
/// Naming it as the site's owner takes the title from any other unit. The caller has checked
/// that `actor` may; a bad field is refused with its name and nothing is written.
pub async fn save(db: &Db, unit: &Unit, contact: &UnitContact, actor: &str) -> anyhow::Result<()> {
    check(contact).map_err(crate::accounts::store::Rejected)?;
    let trimmed = UnitContact {
        body_name: contact.body_name.trim().to_owned(),
        address: contact.address.trim().to_owned(),
        phone: contact.phone.trim().to_owned(),
        email: contact.email.trim().to_owned(),
        reception_hours: contact.reception_hours.trim().to_owned(),
        runs_site: contact.runs_site,
    };
    let before = of_unit(db, unit.id).await?;
    let mut tx = db.begin().await?;
    if trimmed.runs_site {
        tx.execute(
            &query("UPDATE unit_contacts SET runs_site = FALSE WHERE runs_site = TRUE AND unit_id <> $1")
                .bind(unit.id),
        )
        .await?;
    }
    let now = crate::time::now_rfc3339();
    tx.execute(
        &query(
            "INSERT INTO unit_contacts (unit_id, body_name, address, phone, email,
                 reception_hours, runs_site, updated_at, updated_by)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
             ON CONFLICT (unit_id) DO UPDATE SET body_name = excluded.body_name,
                 address = excluded.address, phone = excluded.phone, email = excluded.email,
                 reception_hours = excluded.reception_hours, runs_site = excluded.runs_site,
                 updated_at = excluded.updated_at, updated_by = excluded.updated_by",
        )
        .bind(unit.id)
        .bind(&trimmed.body_name)
        .bind(&trimmed.address)
        .bind(&trimmed.phone)
        .bind(&trimmed.email)
        .bind(&trimmed.reception_hours)
        .bind(trimmed.runs_site)
        .bind(&now)
        .bind(actor),
    )
    .await?;
    audit::record(
        &mut tx,
        Change {
            actor,
            action: "units.contact",
            object_type: "unit",
            object_id: &unit.code,
            before: before.map(|b| json!(b)),
            after: Some(json!(trimmed)),
        },
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn contact() -> UnitContact {
        UnitContact {
            body_name: "UBND xã Phù Đổng".into(),
            phone: "024 3876 1234".into(),
            email: "ubnd@phudong.vn".into(),
            ..UnitContact::default()
        }
    }

    #[test]
    fn each_bad_field_is_named() {
        assert_eq!(check(&contact()), Ok(()));
        let blank = UnitContact {
            body_name: " ".into(),
            ..contact()
        };
        assert!(
            check(&blank)
                .err()
                .unwrap_or_default()
                .starts_with("body_name:")
        );
        let phone = UnitContact {
            phone: "gọi 024".into(),
            ..contact()
        };
        assert!(
            check(&phone)
                .err()
                .unwrap_or_default()
                .starts_with("phone:")
        );
        let email = UnitContact {
            email: "ubnd.phudong.vn".into(),
            ..contact()
        };
        assert!(
            check(&email)
                .err()
                .unwrap_or_default()
                .starts_with("email:")
        );
        let long = UnitContact {
            address: "x".repeat(301),
            ..contact()
        };
        assert!(
            check(&long)
                .err()
                .unwrap_or_default()
                .starts_with("address:")
        );
    }
}
