//! Award decisions as portal news (công khai trên cổng thông tin): each decision becomes an
//! item of the campaign unit's news list, with the award, the collectives and individuals of
//! its list and the links to the campaign and the document.

use dinh_platform::db::Db;
use dinh_platform::module::NewsItem;
use dinh_platform::text::escape_html;
use dinh_platform::time::show_date;

use crate::EmulationModule;
use crate::store;

/// The decisions recorded at or after `since` (RFC 3339; all when empty), as news items.
pub(crate) async fn since(
    m: &EmulationModule,
    db: &Db,
    since: &str,
) -> anyhow::Result<Vec<NewsItem>> {
    let rows: Vec<(i64, String)> = db
        .fetch_all(
            &dinh_platform::db::query(
                "SELECT id, created_at FROM emulation_decisions WHERE created_at >= $1
                 ORDER BY created_at, id",
            )
            .bind(since),
        )
        .await?;
    let mut out = Vec::new();
    for (id, created_at) in rows {
        let Some(d) = store::decision(db, id).await? else {
            continue;
        };
        let Some(campaign) = store::campaign(db, d.campaign_id).await? else {
            continue;
        };
        let award = m.names(&campaign.rule_pack_id, true, &d.award).0;
        let awards = store::decision_awards(db, id).await?;
        let list: String = awards
            .iter()
            .map(|a| {
                format!(
                    "<li>{} ({}): {}</li>",
                    escape_html(&a.registrant),
                    escape_html(&a.unit_name),
                    escape_html(&a.model_title)
                )
            })
            .collect();
        out.push(NewsItem {
            origin: format!("emulation:decision:{id}"),
            unit_id: campaign.unit_id,
            title: format!("Khen thưởng trong {}", campaign.title),
            summary: format!(
                "Quyết định số {} ngày {} tặng {} cho {} tập thể, cá nhân có mô hình “Dân vận khéo” tiêu biểu.",
                d.number,
                show_date(&d.signed_on),
                award,
                awards.len()
            ),
            body_html: format!(
                "<p>Quyết định số {} ngày {} của {} {}: tặng {} cho:</p><ul>{list}</ul>\
                 <p><a href=\"/emulation/{}\">Trang phong trào</a> · \
                 <a href=\"/emulation/decisions/{id}/document.pdf\">Quyết định (PDF)</a></p>",
                escape_html(&d.number),
                show_date(&d.signed_on),
                escape_html(&d.signer_title),
                escape_html(&campaign.unit_name),
                escape_html(&award),
                campaign.id
            ),
            author: format!("Ban Dân vận {}", campaign.unit_name),
            published_at: created_at,
        });
    }
    Ok(out)
}
