//! The households (hộ gia đình) a matter may count: those of its thôn, or of the commune's thôn,
//! existing on the day of the vote.

use chrono::NaiveDate;
use dinh_platform::db::{Tx, query};
use dinh_platform::units::{Unit, store};

use crate::error::{Error, Result, refuse};
use crate::matters::Matter;

/// A household as a vote needs it.
#[derive(Debug, Clone, sqlx::FromRow)]
pub(crate) struct VoterHousehold {
    pub id: i64,
    pub code: String,
    pub unit_id: i64,
    pub unit_path: String,
    pub formed_on: String,
    pub dissolved_on: Option<String>,
}

const BY_CODE: &str =
    "SELECT h.id, h.code, h.unit_id, u.path AS unit_path, h.formed_on, h.dissolved_on
     FROM households h JOIN units u ON u.id = h.unit_id WHERE h.code = $1";

/// The household with `code`, checked to belong to the matter's community on `on`.
pub(crate) async fn in_matter(
    tx: &mut Tx,
    matter: &Matter,
    code: &str,
    on: NaiveDate,
) -> Result<VoterHousehold> {
    let code = code.trim();
    if code.is_empty() {
        return refuse(
            "household",
            "chưa nhập mã hộ",
            "the household code is missing",
        );
    }
    let Some(h) = tx
        .fetch_optional::<VoterHousehold>(&query(BY_CODE).bind(code))
        .await?
    else {
        return refuse(
            "household",
            format!("không có hộ mã '{code}'"),
            format!("there is no household with code '{code}'"),
        );
    };
    check(matter, &h, on)?;
    Ok(h)
}

/// Checks that the household belongs to the matter's thôn (or commune) and existed on `on`.
pub(crate) fn check(matter: &Matter, h: &VoterHousehold, on: NaiveDate) -> Result<()> {
    let inside = h
        .unit_path
        .split('/')
        .any(|s| s.parse::<i64>().ok() == Some(matter.unit_id));
    if !inside {
        return refuse(
            "household",
            format!(
                "hộ {} không thuộc {} nên không được tính cho việc này",
                h.code, matter.unit_name
            ),
            format!(
                "household {} is not in {} and cannot count for this matter",
                h.code, matter.unit_name
            ),
        );
    }
    let iso = on.format("%Y-%m-%d").to_string();
    let existed = h.formed_on <= iso && h.dissolved_on.as_deref().is_none_or(|d| d > iso.as_str());
    if !existed {
        return refuse(
            "household",
            format!("hộ {} không tồn tại vào ngày biểu quyết", h.code),
            format!("household {} did not exist on the day of the vote", h.code),
        );
    }
    Ok(())
}

/// The household a signed-in account represents, and whether the account's person is its
/// representative (đại diện hộ).
#[derive(Debug, Clone, sqlx::FromRow)]
pub(crate) struct Represented {
    pub account_id: i64,
    pub id: i64,
    pub code: String,
    pub unit_id: i64,
    pub unit_path: String,
    pub formed_on: String,
    pub dissolved_on: Option<String>,
    pub is_representative: bool,
}

impl Represented {
    pub fn household(&self) -> VoterHousehold {
        VoterHousehold {
            id: self.id,
            code: self.code.clone(),
            unit_id: self.unit_id,
            unit_path: self.unit_path.clone(),
            formed_on: self.formed_on.clone(),
            dissolved_on: self.dissolved_on.clone(),
        }
    }
}

const OF_ACCOUNT: &str =
    "SELECT a.id AS account_id, h.id, h.code, h.unit_id, u.path AS unit_path, h.formed_on,
            h.dissolved_on, (h.representative_id = p.id) AS is_representative
     FROM accounts a JOIN people p ON p.id = a.person_id
     JOIN households h ON h.id = p.household_id JOIN units u ON u.id = h.unit_id";

/// The household of the person behind `account_id`; refused when the account is not linked to
/// a person of a household, or when that person is not its representative.
pub(crate) async fn of_account<R: crate::reader::Reader>(
    r: &mut R,
    account_id: i64,
) -> Result<Represented> {
    let row = r
        .rows(&query(format!("{OF_ACCOUNT} WHERE a.id = $1")).bind(account_id))
        .await?
        .into_iter()
        .next();
    representative(row)
}

/// The rows of [`of_account`] for several accounts at once (one query per 500), by account;
/// each is then checked with [`representative`].
pub(crate) async fn of_accounts<R: crate::reader::Reader>(
    r: &mut R,
    account_ids: &[i64],
) -> Result<std::collections::HashMap<i64, Represented>> {
    let mut found = std::collections::HashMap::new();
    for chunk in account_ids.chunks(500) {
        let marks = (1..=chunk.len())
            .map(|i| format!("${i}"))
            .collect::<Vec<_>>()
            .join(", ");
        let mut q = query(format!("{OF_ACCOUNT} WHERE a.id IN ({marks})"));
        for id in chunk {
            q = q.bind(*id);
        }
        for row in r.rows::<Represented>(&q).await? {
            found.insert(row.account_id, row);
        }
    }
    Ok(found)
}

/// Refuses an account with no household, or whose person is not its representative.
pub(crate) fn representative(row: Option<Represented>) -> Result<Represented> {
    let Some(r) = row else {
        return refuse(
            "account",
            "tài khoản này chưa được gắn với một người trong hộ gia đình nên không thể biểu quyết thay hộ",
            "this account is not linked to a member of a household, so it cannot vote for one",
        );
    };
    if !r.is_representative {
        return refuse(
            "account",
            format!(
                "chỉ người đại diện hộ {} mới được biểu quyết thay hộ",
                r.code
            ),
            format!(
                "only the representative of household {} may vote for it",
                r.code
            ),
        );
    }
    Ok(r)
}

/// The unit with `code`, or not found.
pub(crate) async fn unit(db: &dinh_platform::db::Db, code: &str) -> Result<Unit> {
    store::by_code(db, code.trim())
        .await?
        .ok_or(Error::NotFound("unit"))
}
