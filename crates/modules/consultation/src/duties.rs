//! The disclosure duty a consultation raises (Luật 10/2022/QH15 Điều 11, khoản 11): publishing
//! a draft for the people's comments must itself be disclosed, under the category the rule pack
//! in force at publication names, from the day of publication. The disclosure module takes the
//! duty through the registry ([`dinh_platform::module::Module::duties_since`]).

use dinh_platform::db::{Db, query};
use dinh_platform::module::DisclosureDuty;

use crate::ConsultationModule;

/// The duties of the consultations recorded at or after `since` (RFC 3339; all when empty).
pub(crate) async fn since(
    m: &ConsultationModule,
    db: &Db,
    since: &str,
) -> anyhow::Result<Vec<DisclosureDuty>> {
    let rows: Vec<(i64, i64, String, String, String, String)> = db
        .fetch_all(
            &query(
                "SELECT id, unit_id, title, opens_on, rule_pack_id, created_at FROM consultations
                 WHERE created_at >= $1 ORDER BY created_at, id",
            )
            .bind(since),
        )
        .await?;
    let mut duties = Vec::new();
    for (id, unit_id, title, opens_on, pack_id, created_at) in rows {
        let Ok(pack) = m.rules().get(&pack_id) else {
            continue;
        };
        let Some(category) = &pack.consultation.disclosure_category else {
            continue;
        };
        let Some(arose_on) = dinh_platform::time::parse_date(&opens_on) else {
            continue;
        };
        duties.push(DisclosureDuty {
            origin: format!("consultation:{id}"),
            unit_id,
            category: i32::try_from(category.value).unwrap_or(i32::MAX),
            title: format!("Lấy ý kiến Nhân dân: {title}"),
            link: format!("/consultations/{id}"),
            arose_on,
            recorded_at: created_at,
        });
    }
    Ok(duties)
}
