//! The rule pack (bộ quy tắc) a case was started under, as citizens read it.

use dinh_rules::RulePack;

use super::i18n::Tr;

/// A rule pack named by its title and linked to the public page of the rules it holds on its
/// first day, so citizens read "Dân chủ ở cơ sở: quy định áp dụng từ 01/07/2026" rather than
/// the internal id that cases record ("vn-2026-07").
#[derive(Debug, Clone)]
pub struct PackRef {
    /// The pack's title in the reader's language.
    pub title: String,
    /// `/rules?date=dd/mm/yyyy` on the pack's first day.
    pub href: String,
}

impl PackRef {
    /// The reference to `pack` for a reader of language `tr`.
    pub fn of(pack: &RulePack, tr: Tr) -> Self {
        PackRef {
            title: tr.pick(&pack.title_vi, &pack.title_en).to_owned(),
            href: format!("/rules?date={}", pack.effective_from.format("%d/%m/%Y")),
        }
    }
}
