//! Dân làm — community works the people build and fund (Luật 10/2022/QH15 Điều 15(1)-(2)): a
//! work at a thôn or the commune with its purpose, estimate and funding; the contribution rule
//! the households adopted (per household or per person, and the value of a labour day); each
//! household's share on the decision day from the platform's household list; exemptions and
//! reductions with their reasons; pledges; payments in cash or labour days, each with a
//! numbered receipt (phiếu thu) printable as PDF; corrections only as new entries; progress and
//! the accounts (collected against owed, spending by item, the balance), published on the
//! portal (công khai, Điều 11 khoản 5).

mod api;
mod demo;
mod duties;
pub mod indicators;
mod module;
pub mod permissions;
mod receipt;
mod sections;
pub mod store;
mod web;
mod work;

use std::sync::Arc;

use dinh_rules::RuleBook;

/// The community works module (công trình do Nhân dân đóng góp): the rule book the disclosure
/// of the accounts comes from.
#[derive(Clone)]
pub struct WorksModule {
    rules: Arc<RuleBook>,
}

impl WorksModule {
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
}
