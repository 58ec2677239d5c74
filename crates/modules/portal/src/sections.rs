//! The portal on a unit's public home page (`/units/{code}`): its latest news with their day
//! and views, and links to all its news (by category there), the polls and the feed.

use dinh_platform::db::{Db, query};
use dinh_platform::module::{SectionItem, SectionLink, UnitSection};
use dinh_platform::units::Unit;
use dinh_platform::web::i18n::Tr;

use crate::articles::{self, Listing};
use crate::web::news_href;

/// Where the news stand among the unit's sections (first).
pub const NEWS_ORDER: u16 = 10;
/// How many articles the section lists.
pub const SHOWN: i64 = 5;

/// The news section of `unit`: shown when it has published news or opened a poll.
pub(crate) async fn unit_sections(
    db: &Db,
    unit: &Unit,
    tr: Tr,
) -> anyhow::Result<Vec<UnitSection>> {
    let (latest, total) = articles::public_list(
        db,
        &Listing {
            unit_id: unit.id,
            limit: SHOWN,
            ..Listing::default()
        },
    )
    .await?;
    let polls: i64 = db
        .scalar(
            &query("SELECT CAST(COUNT(*) AS BIGINT) FROM portal_polls WHERE unit_id = $1 AND opens_at <= $2")
                .bind(unit.id)
                .bind(dinh_platform::time::now_rfc3339()),
        )
        .await?;
    if total == 0 && polls == 0 {
        return Ok(Vec::new());
    }
    let base = news_href(&unit.code);
    let mut links = vec![SectionLink::new("portal_all_news", base.clone())];
    links.push(SectionLink::new(
        "portal_polls",
        format!(
            "/units/{}/tham-do",
            dinh_platform::web::urlencode(&unit.code)
        ),
    ));
    links.push(SectionLink::new(
        "portal_feed_rss",
        format!("{base}/rss.xml"),
    ));
    Ok(vec![UnitSection {
        order: NEWS_ORDER,
        title_key: "portal_news",
        summary: Some(format!(
            "{} {}",
            tr.number(total),
            tr.t("portal_articles_count")
        )),
        items: latest
            .into_iter()
            .map(|a| SectionItem {
                note: Some(format!(
                    "{} · {}: {}",
                    a.posted_day(),
                    tr.t("portal_views"),
                    tr.number(a.views)
                )),
                href: a.href(),
                label: a.title,
            })
            .collect(),
        links,
    }])
}
