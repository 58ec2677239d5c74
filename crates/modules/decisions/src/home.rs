//! Household decisions on a unit's public home page (`/units/{code}`), for a thôn (tổ dân phố)
//! and a commune: what is open for the households' vote — in a thôn also the commune-wide
//! matters its households vote on, in a commune also those of its thôn — with the day to
//! expect, the results of the latest closed ones as a sentence ("Thông qua: 612 trên 1.016 hộ
//! đồng ý"), and links to the rest.
//!
//! Every public page of the module is reachable from here: the matters list
//! (`/units/{code}/matters`, which for a commune links its thôn's lists), each matter
//! (`/matters/{id}`, which links the decision document once there is one), and for a thôn its
//! citizen initiatives (`/units/{code}/initiatives`) and hương ước (`/units/{code}/covenants`,
//! which links each `/covenants/{id}`). Two queries, whatever the number of matters or thôn.

use chrono::{Duration, NaiveDate};
use dinh_platform::db::Db;
use dinh_platform::module::{SectionItem, SectionLink, UnitSection};
use dinh_platform::time::show_date;
use dinh_platform::units::Unit;
use dinh_platform::web::i18n::Tr;
use dinh_platform::web::urlencode;

use crate::matters::{self, Decided};
use crate::steps::Step;

/// Where the section stands among the unit's sections.
pub const ORDER: u16 = 30;
/// How many open matters the section lists (the summary counts them all).
pub const OPEN_SHOWN: i64 = 5;
/// How many closed matters the section lists with their result.
pub const CLOSED_SHOWN: i64 = 3;
/// How far back a closed matter still counts as recent, in days.
pub const RECENT_DAYS: i64 = 365;

/// The result of a closed matter as one sentence in the page's language: "Thông qua: 612 trên
/// 1.016 hộ đồng ý" (commune-wide: thôn approving out of all thôn); an election says who was
/// elected, as its result page does.
pub(crate) fn result_sentence(d: &Decided, tr: Tr) -> String {
    if d.kind == "election" {
        return tr
            .pick(
                d.result_vi.as_deref().unwrap_or_default(),
                d.result_en.as_deref().unwrap_or_default(),
            )
            .to_owned();
    }
    let verdict = if d.passed == Some(true) {
        tr.t("decisions_passed")
    } else {
        tr.t("decisions_not_passed")
    };
    match (d.agree, d.total) {
        (Some(agree), Some(total)) => {
            let of = if d.scope == "commune" {
                "decisions_result_villages"
            } else {
                "decisions_result_households"
            };
            format!(
                "{verdict}: {} {} {} {}",
                tr.number(agree),
                tr.t("decisions_result_of"),
                tr.number(total),
                tr.t(of)
            )
        }
        _ => verdict.to_owned(),
    }
}

/// The section of `unit`'s home page on `today`; none for units that are neither a thôn (tổ
/// dân phố) nor a commune.
pub(crate) async fn unit_sections(
    db: &Db,
    unit: &Unit,
    tr: Tr,
    today: NaiveDate,
) -> anyhow::Result<Vec<UnitSection>> {
    let Some(kind) = unit.unit_kind() else {
        return Ok(Vec::new());
    };
    let village = kind.is_residential_community();
    if !village && !kind.is_commune_level() {
        return Ok(Vec::new());
    }
    let open = matters::deciding_in(db, unit, today, OPEN_SHOWN).await?;
    let closed =
        matters::decided_in(db, unit, today - Duration::days(RECENT_DAYS), CLOSED_SHOWN).await?;
    let count = open.first().map_or(0, |d| d.matched);
    let summary = if count == 0 {
        tr.t("decisions_section_none").to_owned()
    } else {
        format!("{} {}", tr.number(count), tr.t("decisions_section_open"))
    };
    let elsewhere = |unit_id: i64, name: &str| (unit_id != unit.id).then(|| name.to_owned());
    let mut items: Vec<SectionItem> = open
        .iter()
        .map(|d| {
            let mut note = format!(
                "{} · {}",
                tr.t("decisions_open"),
                Step::of(d, today).note(tr)
            );
            if let Some(name) = elsewhere(d.unit_id, &d.unit_name) {
                note = format!("{note} · {name}");
            }
            SectionItem {
                label: d.title.clone(),
                href: format!("/matters/{}", d.id),
                note: Some(note),
            }
        })
        .collect();
    items.extend(closed.iter().map(|d| {
        let mut note = format!(
            "{} {} · {}",
            tr.t("decisions_closed"),
            d.closed_on.as_deref().map(show_date).unwrap_or_default(),
            result_sentence(d, tr)
        );
        if let Some(name) = elsewhere(d.unit_id, &d.unit_name) {
            note = format!("{note} · {name}");
        }
        SectionItem {
            label: d.title.clone(),
            href: format!("/matters/{}", d.id),
            note: Some(note),
        }
    }));
    let code = urlencode(&unit.code);
    let mut links = vec![SectionLink::new(
        "decisions_section_all",
        format!("/units/{code}/matters"),
    )];
    if village {
        links.push(SectionLink::new(
            "decisions_initiatives",
            format!("/units/{code}/initiatives"),
        ));
        links.push(SectionLink::new(
            "decisions_covenants",
            format!("/units/{code}/covenants"),
        ));
    }
    Ok(vec![UnitSection {
        order: ORDER,
        title_key: "decisions_title",
        summary: Some(summary),
        items,
        links,
    }])
}
