//! What an officer may do for a household that is not online (làm thay cho hộ): record its
//! vote (ballot or meeting) on each matter open in its thôn — the thôn's own and the
//! commune-wide ones — where the officer may run the procedure. The link opens the matter's
//! work page with the household filled in; the vote is recorded there, under the officer's
//! name and with its channel, as for any ballot entered by hand.

use dinh_platform::db::Db;
use dinh_platform::households::Household;
use dinh_platform::module::SectionItem;
use dinh_platform::units::{Unit, store};
use dinh_platform::web::i18n::Tr;
use dinh_platform::web::urlencode;
use dinh_platform::work::WorkScope;

use crate::matters;
use crate::permissions::RUN;

/// How many open matters are offered at most (a thôn rarely has more than a few).
const MOST: i64 = 20;

/// The household's open matters the officer may record a vote on, in one query and one lookup.
pub(crate) async fn household_actions(
    db: &Db,
    household: &Household,
    unit: &Unit,
    scope: &WorkScope,
    tr: Tr,
) -> anyhow::Result<Vec<SectionItem>> {
    let open = matters::deciding_in(db, unit, scope.today, MOST).await?;
    let ids: Vec<i64> = open.iter().map(|m| m.unit_id).collect();
    let units = store::by_ids(db, &ids).await?;
    Ok(open
        .into_iter()
        .filter(|m| units.get(&m.unit_id).is_some_and(|u| scope.allows(&RUN, u)))
        .map(|m| SectionItem {
            label: format!("{}: {}", tr.t("decisions_record_for_household"), m.title),
            href: format!(
                "/matters/{}/work?household={}#vote",
                m.id,
                urlencode(&household.code)
            ),
            note: Some(m.unit_name),
        })
        .collect())
}
