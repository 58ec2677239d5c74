//! The committee on its unit's public home page (`/units/{code}`), with the review reports it
//! signed off. The meetings it publishes as news are in the unit's one news list (given
//! through [`crate::meetings::news_since`] to the module that keeps it, the portal), and all
//! of them on the committee's page. Every public steering page is reachable from here: the
//! committee's page (members, every news item, every signed report) and each signed report
//! (whose page links its DOCX and XLSX).

use chrono::NaiveDate;
use dinh_platform::db::{Db, query};
use dinh_platform::module::{SectionItem, SectionLink, UnitSection};
use dinh_platform::time::show_date;
use dinh_platform::units::Unit;
use dinh_platform::web::i18n::Tr;

use crate::report::ReportPeriod;

/// Where the committee stands among the unit's sections.
pub const COMMITTEE_ORDER: u16 = 50;
/// How many signed reports the section shows.
pub const REPORTS_SHOWN: i64 = 3;

#[derive(sqlx::FromRow)]
struct Head {
    id: i64,
    members: i64,
    news: i64,
    signed: i64,
}

#[derive(sqlx::FromRow)]
struct Signed {
    id: i64,
    period_kind: String,
    period_from: String,
    period_to: String,
    number: String,
    signed_version: i32,
    signed_on: Option<String>,
}

/// The path of a unit's committee page.
pub(crate) fn committee_href(code: &str) -> String {
    format!("/units/{}/steering", dinh_platform::web::urlencode(code))
}

/// A report's name in the page's language: "Báo cáo 15-BC/BCĐ · 6 tháng đầu năm 2026".
pub(crate) fn report_label(tr: Tr, number: &str, kind: &str, from: &str, to: &str) -> String {
    let period = ReportPeriod::stored(kind, from, to).map_or_else(
        || format!("{} – {}", show_date(from), show_date(to)),
        |p| {
            tr.pick(
                &p.name_vi(),
                &format!("{} – {}", show_date(from), show_date(to)),
            )
            .to_owned()
        },
    );
    format!("{} {number} · {period}", tr.t("steering_report"))
}

/// The sections of `unit`'s home page: none when it has no committee; its news (when it
/// published any) and the committee with its signed reports. Three queries at most.
pub(crate) async fn unit_sections(
    db: &Db,
    unit: &Unit,
    tr: Tr,
    today: NaiveDate,
) -> anyhow::Result<Vec<UnitSection>> {
    let today = today.format("%Y-%m-%d").to_string();
    let head: Option<Head> = db
        .fetch_optional(
            &query(
                "SELECT c.id,
                   (SELECT CAST(COUNT(*) AS BIGINT) FROM steering_members m
                     WHERE m.committee_id = c.id AND m.term_from <= $2
                       AND (m.term_to IS NULL OR m.term_to >= $2)) AS members,
                   (SELECT CAST(COUNT(*) AS BIGINT) FROM steering_meetings m
                     WHERE m.committee_id = c.id AND m.published_at IS NOT NULL) AS news,
                   (SELECT CAST(COUNT(*) AS BIGINT) FROM steering_reports r
                     WHERE r.committee_id = c.id AND r.signed_version IS NOT NULL) AS signed
                 FROM steering_committees c WHERE c.unit_id = $1",
            )
            .bind(unit.id)
            .bind(&today),
        )
        .await?;
    let Some(head) = head else {
        return Ok(Vec::new());
    };
    let page = committee_href(&unit.code);
    let mut sections = Vec::new();
    let signed: Vec<Signed> = if head.signed > 0 {
        db.fetch_all(
            &query(
                "SELECT id, period_kind, period_from, period_to, number, signed_version, signed_on
                 FROM steering_reports WHERE committee_id = $1 AND signed_version IS NOT NULL
                 ORDER BY period_to DESC, signed_on DESC, id DESC LIMIT $2",
            )
            .bind(head.id)
            .bind(REPORTS_SHOWN),
        )
        .await?
    } else {
        Vec::new()
    };
    let mut links = vec![SectionLink::new("steering_see_committee", page.clone())];
    if head.news > 0 {
        links.push(SectionLink::new(
            "steering_all_news",
            format!("{page}#news"),
        ));
    }
    if head.signed > 0 {
        links.push(SectionLink::new(
            "steering_all_reports",
            format!("{page}#signed"),
        ));
    }
    sections.push(UnitSection {
        order: COMMITTEE_ORDER,
        title_key: "steering_title",
        summary: Some(format!(
            "{} {} · {} {}",
            head.members,
            tr.t("steering_members_count"),
            head.signed,
            tr.t("steering_signed_count")
        )),
        items: signed
            .into_iter()
            .map(|r| SectionItem {
                label: report_label(tr, &r.number, &r.period_kind, &r.period_from, &r.period_to),
                // The version signed off is public even when a later draft exists.
                href: format!("/steering/reports/{}?version={}", r.id, r.signed_version),
                note: r
                    .signed_on
                    .map(|d| format!("{} {}", tr.t("steering_signed_on"), show_date(&d))),
            })
            .collect(),
        links,
    });
    Ok(sections)
}
