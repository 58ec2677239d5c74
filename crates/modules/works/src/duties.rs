//! The disclosure duty a work's published accounts raise (Luật 10/2022/QH15 Điều 11 khoản 5:
//! the contributions raised from the people are disclosed), under the category the rule pack in
//! force on the day of publication names, from that day. The disclosure module takes the duty
//! through the registry ([`dinh_platform::module::Module::duties_since`]).

use dinh_platform::db::{Db, query};
use dinh_platform::module::DisclosureDuty;

use crate::WorksModule;

/// The duties of the accounts published (or published again) at or after `since` (RFC 3339;
/// all when empty).
pub(crate) async fn since(
    m: &WorksModule,
    db: &Db,
    since: &str,
) -> anyhow::Result<Vec<DisclosureDuty>> {
    let rows: Vec<(i64, i64, String, String, String, String)> = db
        .fetch_all(
            &query(
                "SELECT id, unit_id, name, accounts_published_on, accounts_rule_pack_id,
                        accounts_published_at FROM works
                 WHERE accounts_published_at IS NOT NULL AND accounts_published_at >= $1
                 ORDER BY accounts_published_at, id",
            )
            .bind(since),
        )
        .await?;
    let mut duties = Vec::new();
    for (id, unit_id, name, published_on, pack_id, published_at) in rows {
        let Ok(pack) = m.rules().get(&pack_id) else {
            continue;
        };
        let Some(category) = &pack.works.disclosure_category else {
            continue;
        };
        let Some(arose_on) = dinh_platform::time::parse_date(&published_on) else {
            continue;
        };
        duties.push(DisclosureDuty {
            origin: format!("works:{id}"),
            unit_id,
            category: i32::try_from(category.value).unwrap_or(i32::MAX),
            title: format!("Công khai tài chính công trình: {name}"),
            link: format!("/works/{id}"),
            arose_on,
            recorded_at: published_at,
        });
    }
    Ok(duties)
}
