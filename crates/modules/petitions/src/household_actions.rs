//! What an officer may do for a household that is not online (làm thay cho hộ): enter the
//! petition its representative brings to the commune (tiếp nhận trực tiếp), with the name and
//! address filled in from the household list. The case is then recorded as any case received at
//! the office, under the officer's name.

use dinh_platform::db::Db;
use dinh_platform::households::Household;
use dinh_platform::module::SectionItem;
use dinh_platform::units::{Unit, store};
use dinh_platform::web::i18n::Tr;
use dinh_platform::web::urlencode;
use dinh_platform::work::WorkScope;

use crate::permissions::HANDLE;

/// The commune above the household's thôn, when the officer handles petitions there.
pub(crate) async fn household_actions(
    db: &Db,
    household: &Household,
    unit: &Unit,
    scope: &WorkScope,
    tr: Tr,
) -> anyhow::Result<Vec<SectionItem>> {
    let mut chain = store::ancestors(db, unit).await?;
    chain.push(unit.clone());
    let commune = chain
        .into_iter()
        .rev()
        .find(|u| u.unit_kind().is_some_and(|k| k.is_commune_level()));
    Ok(commune
        .filter(|c| scope.allows(&HANDLE, c))
        .map(|c| SectionItem {
            label: tr.t("pet_new_for_household").to_owned(),
            href: format!(
                "/units/{}/petitions/new?household={}",
                urlencode(&c.code),
                urlencode(&household.code)
            ),
            note: Some(c.name),
        })
        .into_iter()
        .collect())
}
