//! Citizen reception on a unit's public home page (`/units/{code}`): where to send a
//! recommendation, report, complaint or denunciation, where to follow it, and the heads'
//! reception days of the coming weeks, each linking to its head's calendar.
//!
//! Every public page of the module is reachable from here: the form (`/petitions/submit`,
//! filled in with the unit), the tracking page (`/petitions/track`), the schedule
//! (`/units/{code}/reception/schedule`) and each head's calendar
//! (`/units/{code}/reception/heads/{id}`, from the items and from the schedule). Mediation and
//! dialogues (`/units/{code}/community`) are work pages (the page asks for a permission) and
//! are on the work home instead ([`crate::work`]).
//!
//! Nothing here comes from a case: no petitioner, no denouncer, no subject — only the heads
//! (public officials), their days and places.

use chrono::{Duration, NaiveDate};
use dinh_platform::db::{Db, query};
use dinh_platform::module::{SectionItem, SectionLink, UnitSection};
use dinh_platform::time::show_date;
use dinh_platform::units::{Unit, UnitKind};
use dinh_platform::web::i18n::Tr;
use dinh_platform::web::urlencode;

use crate::clocks::parse_iso;
use crate::web::calendar::weekday_key;
use crate::web::reception::position_key;

/// Where the section stands among the unit's sections.
pub const ORDER: u16 = 40;
/// How far ahead the section reads the schedule, in weeks.
pub const WEEKS_AHEAD: i64 = 4;
/// How many reception days the section lists (the rest are on the schedule page).
pub const SESSIONS_SHOWN: usize = 5;
/// Most reception days counted for the summary (a commune plans a few a week).
const MOST: i64 = 200;

#[derive(sqlx::FromRow)]
struct Upcoming {
    head_id: i64,
    full_name: String,
    position: String,
    day: String,
    place: String,
}

/// The path of a unit's public reception schedule.
pub(crate) fn schedule_href(code: &str) -> String {
    format!("/units/{}/reception/schedule", urlencode(code))
}

/// The unit whose reception desk serves `unit`'s people: a commune or province itself, the
/// commune of a thôn or tổ dân phố; None for other kinds and for units that no longer exist
/// (their petitions go to the unit that took them over, whose page says so).
async fn desk(db: &Db, unit: &Unit, today: NaiveDate) -> anyhow::Result<Option<Unit>> {
    let today = today.format("%Y-%m-%d").to_string();
    let gone = |u: &Unit| u.valid_to.as_deref().is_some_and(|t| t < today.as_str());
    if gone(unit) {
        return Ok(None);
    }
    match unit.unit_kind() {
        Some(k) if k.is_commune_level() || k.is_province_level() => Ok(Some(unit.clone())),
        Some(k) if k.is_residential_community() => {
            let Some(parent_id) = unit.parent_id else {
                return Ok(None);
            };
            let parent = dinh_platform::units::store::by_id(db, parent_id).await?;
            Ok(
                parent
                    .filter(|p| !gone(p) && p.unit_kind().is_some_and(UnitKind::is_commune_level)),
            )
        }
        _ => Ok(None),
    }
}

/// The section of `unit`'s home page, seen on `today`: one query for the reception days (and
/// one for the commune of a thôn).
pub(crate) async fn unit_sections(
    db: &Db,
    unit: &Unit,
    tr: Tr,
    today: NaiveDate,
) -> anyhow::Result<Vec<UnitSection>> {
    let Some(desk) = desk(db, unit, today).await? else {
        return Ok(Vec::new());
    };
    let until = today + Duration::weeks(WEEKS_AHEAD);
    let days: Vec<Upcoming> = db
        .fetch_all(
            &query(
                "SELECT s.head_id, h.full_name, h.position, s.day, s.place
                 FROM petition_sessions s JOIN petition_heads h ON h.id = s.head_id
                 WHERE s.unit_id = $1 AND s.day >= $2 AND s.day <= $3 AND s.status <> 'cancelled'
                 ORDER BY s.day, s.id LIMIT $4",
            )
            .bind(desk.id)
            .bind(today)
            .bind(until)
            .bind(MOST),
        )
        .await?;
    let mut summary = if days.is_empty() {
        format!(
            "{} {WEEKS_AHEAD} {}",
            tr.t("pet_section_no_sessions"),
            tr.t("pet_section_weeks")
        )
    } else {
        format!(
            "{} {} {WEEKS_AHEAD} {}",
            days.len(),
            tr.t("pet_section_sessions"),
            tr.t("pet_section_weeks")
        )
    };
    if desk.id != unit.id {
        summary = format!("{}: {summary}", desk.name);
    }
    let desk_code = urlencode(&desk.code);
    let items = days
        .iter()
        .take(SESSIONS_SHOWN)
        .map(|s| {
            let weekday = parse_iso(&s.day).map_or("", |d| tr.t(weekday_key(d)));
            SectionItem {
                label: format!(
                    "{weekday} {} · {} ({})",
                    show_date(&s.day),
                    s.full_name,
                    tr.t(position_key(&s.position))
                ),
                href: format!("/units/{desk_code}/reception/heads/{}", s.head_id),
                note: Some(format!("{}: {}", tr.t("pet_place"), s.place)),
            }
        })
        .collect();
    Ok(vec![UnitSection {
        order: ORDER,
        title_key: "pet_section_title",
        summary: Some(summary),
        items,
        links: vec![
            SectionLink::new(
                "pet_section_submit",
                format!("/petitions/submit?unit={desk_code}"),
            ),
            SectionLink::new("pet_section_track", "/petitions/track"),
            SectionLink::new("pet_section_schedule", schedule_href(&desk.code)),
        ],
    }])
}
