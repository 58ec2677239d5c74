//! Thi đua "Dân vận khéo" — the emulation movement the Mass Mobilisation Board (Ban Dân vận,
//! Khối Dân vận at a commune) runs for grassroots democracy: campaigns with their criteria and
//! fields; registrations of collectives and individuals, counted by field and unit so that a
//! review quotes them from live data; models grown from them, evaluated on the facts Đình
//! already holds (read through the indicator registry beside each claim) with a score per
//! criterion; proposals for commendation, the council's vote and the award decision (Luật Thi
//! đua, khen thưởng 06/2022/QH15) in the administrative format, published with the campaign.

mod api;
mod decision_doc;
mod demo;
mod evidence;
pub mod indicators;
mod module;
pub mod permissions;
mod sections;
pub mod store;
mod web;
mod work;

use std::sync::Arc;

use dinh_rules::RuleBook;

/// The emulation module (phong trào thi đua "Dân vận khéo"): the rule book its fields, awards
/// and council majority come from.
#[derive(Clone)]
pub struct EmulationModule {
    rules: Arc<RuleBook>,
}

impl EmulationModule {
    /// A module over a built rule book.
    pub fn new(rules: RuleBook) -> Self {
        Self {
            rules: Arc::new(rules),
        }
    }

    /// The module over the shipped rule packs.
    pub fn shipped() -> anyhow::Result<Self> {
        Ok(Self::new(
            RuleBook::shipped().map_err(|e| anyhow::anyhow!("{e}"))?,
        ))
    }

    /// The rule book (sổ quy tắc).
    pub fn rules(&self) -> &RuleBook {
        &self.rules
    }

    /// The names of a field or an award code under the campaign's pack, or the code itself.
    pub(crate) fn names(&self, pack_id: &str, award: bool, code: &str) -> (String, String) {
        let entry = self.rules.get(pack_id).ok().and_then(|p| {
            if award {
                p.emulation.award(code)
            } else {
                p.emulation.field(code)
            }
        });
        entry.map_or_else(
            || (code.to_owned(), code.to_owned()),
            |e| (e.name_vi.clone(), e.name_en.clone()),
        )
    }
}
