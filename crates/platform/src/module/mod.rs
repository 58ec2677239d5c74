//! The module pattern: how a capability plugs into Đình.
//!
//! Each capability (units, disclosure, decisions, petitions, steering, …) implements
//! [`Module`] once: its migrations, pages and API routes, OpenAPI document, permissions,
//! indicators for the steering reports, and scheduled jobs. The platform and the steering
//! reports read everything through the [`Registry`], never by importing another module's tables.
//! See `docs/modules.md` for an example.

use crate::accounts::Permission;
use crate::db::{Db, migrate::Migration};
use crate::web::AppState;
use crate::web::i18n::Tr;
use crate::work::{Work, WorkScope};
use axum::Router;
use chrono::NaiveDate;
use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;
use std::time::Duration;

mod duties;
mod news;
mod sections;
mod subtrees;
pub use duties::DisclosureDuty;
pub use news::NewsItem;
pub use sections::{SectionItem, SectionLink, UnitSection};
pub use subtrees::{id_list, sharing_subtrees, subtree_roots};

/// A boxed future, for the async parts of the trait.
pub type BoxFuture<'a, T> = Pin<Box<dyn Future<Output = T> + Send + 'a>>;

/// A figure a module publishes for the steering reports (e.g. `disclosures.on_time_rate`).
#[derive(Debug, Clone, Copy)]
pub struct Indicator {
    /// Stable key, `module.figure`.
    pub key: &'static str,
    /// Name in Vietnamese.
    pub name_vi: &'static str,
    /// Name in English.
    pub name_en: &'static str,
    /// What it counts ("hộ", "%", …).
    pub unit: &'static str,
}

/// The period an indicator is computed for (inclusive dates).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Period {
    /// First day.
    pub from: NaiveDate,
    /// Last day.
    pub to: NaiveDate,
}

/// The work of a [`Job`]: may capture the module's own state (its calendar, its rules).
pub type JobFn = Arc<dyn Fn(AppState) -> BoxFuture<'static, anyhow::Result<()>> + Send + Sync>;

/// A job the platform runs on a schedule, on one node at a time.
pub struct Job {
    /// Stable name, `module.job`.
    pub name: &'static str,
    /// How often it runs.
    pub every: Duration,
    /// The work.
    pub run: JobFn,
}

impl Job {
    /// A job named `name` that runs `run` every `every`.
    pub fn new(
        name: &'static str,
        every: Duration,
        run: impl Fn(AppState) -> BoxFuture<'static, anyhow::Result<()>> + Send + Sync + 'static,
    ) -> Self {
        Job {
            name,
            every,
            run: Arc::new(run),
        }
    }
}

/// A capability of Đình.
pub trait Module: Send + Sync {
    /// Short stable name (`units`), used for migrations and indicator keys.
    fn name(&self) -> &'static str;
    /// Schema changes, in order.
    fn migrations(&self) -> &'static [Migration];
    /// Pages (server-rendered HTML).
    fn pages(&self) -> Router<AppState>;
    /// JSON API routes, mounted under `/api/v1`.
    fn api(&self) -> Router<AppState>;
    /// The module's part of the OpenAPI document.
    fn openapi(&self) -> utoipa::openapi::OpenApi;
    /// Actions and the roles that may take them.
    fn permissions(&self) -> &'static [Permission];
    /// Figures for the steering reports; none by default.
    fn indicators(&self) -> &'static [Indicator] {
        &[]
    }
    /// Computes one of [`Module::indicators`] for a unit's subtree and a period;
    /// Ok(None) when the module has no data for it (shown as missing, never as zero).
    fn indicator_value<'a>(
        &'a self,
        db: &'a Db,
        key: &'a str,
        unit_id: i64,
        period: Period,
    ) -> BoxFuture<'a, anyhow::Result<Option<f64>>> {
        let _ = (db, key, unit_id, period);
        Box::pin(async { Ok(None) })
    }
    /// Computes one of [`Module::indicators`] for several units' subtrees at once (the
    /// communes of a province report), in the order of `unit_ids`. The default asks
    /// [`Module::indicator_value`] once per unit; a module overrides it with one query
    /// when reports over thousands of units must stay fast.
    fn indicator_values<'a>(
        &'a self,
        db: &'a Db,
        key: &'a str,
        unit_ids: &'a [i64],
        period: Period,
    ) -> BoxFuture<'a, anyhow::Result<Vec<Option<f64>>>> {
        Box::pin(async move {
            let mut out = Vec::with_capacity(unit_ids.len());
            for &unit_id in unit_ids {
                out.push(self.indicator_value(db, key, unit_id, period).await?);
            }
            Ok(out)
        })
    }
    /// For a rate (tỷ lệ, unit "%"), the keys of the two counts it divides — numerator, then
    /// denominator — which [`Module::indicator_value`] and [`Module::indicator_values`] also
    /// answer (they need not be listed in [`Module::indicators`]). The reports then combine the
    /// rate over several units or periods exactly, as 100 × Σ numerator ÷ Σ denominator; without
    /// them (the default) a rate combined from several parts is a mean of rates, marked approximate.
    fn indicator_ratio(&self, key: &str) -> Option<(&'static str, &'static str)> {
        let _ = key;
        None
    }
    /// Scheduled jobs; none by default.
    fn jobs(&self) -> Vec<Job> {
        Vec::new()
    }
    /// The module's tables for backup and restore, parents before children, each with the
    /// `ORDER BY` that puts a row after the rows it references.
    fn tables(&self) -> &'static [(&'static str, &'static str)] {
        &[]
    }
    /// The module's directories of stored files (uploads) under the data directory, which
    /// `dinh backup` carries with its tables; none by default.
    fn file_dirs(&self) -> &'static [&'static str] {
        &[]
    }
    /// The module's interface texts (TOML, `key = { vi = "…", en = "…" }`), Vietnamese first;
    /// merged with the platform's when the module joins a [`Registry`].
    fn messages(&self) -> &'static str {
        ""
    }
    /// The module's sections of a unit's public home page (trang chủ): what it has posted,
    /// opened or scheduled at the unit, with links to the rest and to its public forms. None
    /// by default. Every public page of the module should be reachable from one of them.
    fn unit_sections<'a>(
        &'a self,
        db: &'a Db,
        unit: &'a crate::units::Unit,
        tr: Tr,
    ) -> BoxFuture<'a, anyhow::Result<Vec<UnitSection>>> {
        let _ = (db, unit, tr);
        Box::pin(async { Ok(Vec::new()) })
    }
    /// The module's part of a signed-in person's work home (Việc của tôi): the items due or
    /// awaiting their action over the units of `scope`, and the work pages they may open.
    /// One query per module, over all the units of the scope, not one per unit. None by default.
    fn work<'a>(
        &'a self,
        db: &'a Db,
        scope: &'a WorkScope,
        tr: Tr,
    ) -> BoxFuture<'a, anyhow::Result<Work>> {
        let _ = (db, scope, tr);
        Box::pin(async { Ok(Work::default()) })
    }
    /// What an officer may do for a household that is not online (làm thay cho hộ): record its
    /// vote on an open matter, enter a petition it brought, each a link to the module's own form
    /// with the household filled in (the form's write is audited under the officer's name, for
    /// the household). `unit` is the household's thôn or tổ dân phố; only what `scope` allows
    /// there. None by default.
    fn household_actions<'a>(
        &'a self,
        db: &'a Db,
        household: &'a crate::households::Household,
        unit: &'a crate::units::Unit,
        scope: &'a WorkScope,
        tr: Tr,
    ) -> BoxFuture<'a, anyhow::Result<Vec<SectionItem>>> {
        let _ = (db, household, unit, scope, tr);
        Box::pin(async { Ok(Vec::new()) })
    }
    /// The module's kinds of notice and their texts (TOML, one table per kind, see
    /// [`crate::notify::catalogue`]), registered as `module.kind` when the module joins a
    /// [`Registry`]. None by default.
    fn notices(&self) -> &'static str {
        ""
    }
    /// The address of a sealed recipient (a protected denouncer's contact), which the module
    /// keeps and only gives to the sender at the moment of sending; `reference` is what it put
    /// in [`crate::notify::Recipient::Sealed`]. None by default.
    fn notice_address<'a>(
        &'a self,
        db: &'a Db,
        reference: &'a str,
    ) -> BoxFuture<'a, anyhow::Result<Option<String>>> {
        let _ = (db, reference);
        Box::pin(async { Ok(None) })
    }
    /// Where an address of the site this one replaced now lives (an old portal's permalink
    /// kept at import), for an address no route answers or for the home page with a query
    /// (`/?p=42`); `path` includes its query. The answer is a permanent redirect. None by
    /// default.
    fn old_address<'a>(
        &'a self,
        db: &'a Db,
        path: &'a str,
    ) -> BoxFuture<'a, anyhow::Result<Option<String>>> {
        let _ = (db, path);
        Box::pin(async { Ok(None) })
    }
    /// The news items the module published at or after `since` (RFC 3339; every one when
    /// empty), for the unit's one news list. None by default.
    fn news_since<'a>(
        &'a self,
        db: &'a Db,
        since: &'a str,
    ) -> BoxFuture<'a, anyhow::Result<Vec<NewsItem>>> {
        let _ = (db, since);
        Box::pin(async { Ok(Vec::new()) })
    }
    /// For the module that keeps the units' news list: takes in the news items the other
    /// modules of `registry` published since it last looked; returns how many it took.
    /// Nothing by default.
    fn gather_news<'a>(
        &'a self,
        db: &'a Db,
        registry: &'a Registry,
    ) -> BoxFuture<'a, anyhow::Result<u64>> {
        let _ = (db, registry);
        Box::pin(async { Ok(0) })
    }
    /// The disclosure duties the module's events raised and recorded at or after `since`
    /// (RFC 3339; every one when empty), for the register of expected disclosures. None by
    /// default.
    fn duties_since<'a>(
        &'a self,
        db: &'a Db,
        since: &'a str,
    ) -> BoxFuture<'a, anyhow::Result<Vec<DisclosureDuty>>> {
        let _ = (db, since);
        Box::pin(async { Ok(Vec::new()) })
    }
    /// For the module that keeps the register of expected disclosures: takes in the duties the
    /// other modules of `registry` raised since it last looked; returns how many it took.
    /// Nothing by default.
    fn gather_duties<'a>(
        &'a self,
        db: &'a Db,
        registry: &'a Registry,
    ) -> BoxFuture<'a, anyhow::Result<u64>> {
        let _ = (db, registry);
        Box::pin(async { Ok(0) })
    }
    /// The module's own public pages the site search finds (its public forms, its reference
    /// pages), written into the index by [`Registry::migrate`]. None by default.
    fn search_pages(&self) -> &'static [crate::search::SitePage] {
        &[]
    }
    /// Adds the module's part of the demonstration (after the platform's demo commune,
    /// households and accounts exist); `today` is the demo's "now".
    fn demo<'a>(&'a self, _db: &'a Db, _today: NaiveDate) -> BoxFuture<'a, anyhow::Result<()>> {
        Box::pin(async { Ok(()) })
    }
}

/// The modules of this build, in migration order.
#[derive(Clone, Default)]
pub struct Registry {
    modules: Arc<Vec<Arc<dyn Module>>>,
}

impl Registry {
    /// Adds a module; its interface texts join the platform's.
    ///
    /// # Panics
    /// When the module's messages are not valid TOML, or its notices name a placeholder they do
    /// not declare (build defects, caught by every test).
    #[allow(clippy::expect_used)]
    pub fn with(mut self, module: impl Module + 'static) -> Self {
        crate::web::i18n::register_messages(module.name(), module.messages())
            .expect("module messages must parse");
        crate::notify::catalogue::register("work", crate::notify::PLATFORM_NOTICES)
            .expect("the platform's notices must parse");
        crate::notify::catalogue::register(module.name(), module.notices())
            .expect("module notices must parse");
        Arc::make_mut(&mut self.modules).push(Arc::new(module));
        self
    }

    /// Builds every module's part of the demonstration, in order, then the morning digest of
    /// `today`, so the demo's inboxes hold what a real morning would.
    pub async fn demo(&self, db: &Db, today: NaiveDate) -> anyhow::Result<()> {
        for m in self.modules.iter() {
            m.demo(db, today).await?;
        }
        self.gather_news(db).await?;
        self.gather_duties(db).await?;
        crate::notify::digest::run(db, self, today).await?;
        db.refresh_statistics().await?;
        Ok(())
    }

    /// Every module's news items published at or after `since` (RFC 3339; all when empty).
    pub async fn news_since(&self, db: &Db, since: &str) -> anyhow::Result<Vec<NewsItem>> {
        let mut items = Vec::new();
        for m in self.modules.iter() {
            items.extend(m.news_since(db, since).await?);
        }
        Ok(items)
    }

    /// Lets the module that keeps the news list take the others' new items; how many it took.
    pub async fn gather_news(&self, db: &Db) -> anyhow::Result<u64> {
        let mut taken = 0;
        for m in self.modules.iter() {
            taken += m.gather_news(db, self).await?;
        }
        Ok(taken)
    }

    /// Every module's disclosure duties recorded at or after `since` (RFC 3339; all when empty).
    pub async fn duties_since(&self, db: &Db, since: &str) -> anyhow::Result<Vec<DisclosureDuty>> {
        let mut duties = Vec::new();
        for m in self.modules.iter() {
            duties.extend(m.duties_since(db, since).await?);
        }
        Ok(duties)
    }

    /// Lets the module that keeps the register of expected disclosures take the duties the
    /// others raised; how many it took.
    pub async fn gather_duties(&self, db: &Db) -> anyhow::Result<u64> {
        let mut taken = 0;
        for m in self.modules.iter() {
            taken += m.gather_duties(db, self).await?;
        }
        Ok(taken)
    }

    /// The modules, in order.
    pub fn modules(&self) -> &[Arc<dyn Module>] {
        &self.modules
    }

    /// Applies every module's pending migrations, then brings the site's own pages in the
    /// search index in line with what the modules declare ([`Module::search_pages`]); returns
    /// how many migrations ran.
    pub async fn migrate(&self, db: &Db) -> anyhow::Result<usize> {
        let mut applied = 0;
        for m in self.modules.iter() {
            applied += crate::db::migrate::run(db, m.name(), m.migrations()).await?;
        }
        let pages: Vec<crate::search::Doc> = self
            .modules
            .iter()
            .flat_map(|m| m.search_pages().iter().map(crate::search::SitePage::doc))
            .collect();
        if !pages.is_empty() {
            let mut tx = db.begin().await?;
            crate::search::replace(&mut tx, crate::search::PAGE_SOURCE, &pages).await?;
            tx.commit().await?;
        }
        Ok(applied)
    }

    /// Every indicator of every module, with the module that computes it.
    pub fn indicators(&self) -> Vec<(Arc<dyn Module>, Indicator)> {
        self.modules
            .iter()
            .flat_map(|m| m.indicators().iter().map(move |i| (Arc::clone(m), *i)))
            .collect()
    }

    /// Computes an indicator by key, whichever module publishes it.
    pub async fn indicator_value(
        &self,
        db: &Db,
        key: &str,
        unit_id: i64,
        period: Period,
    ) -> anyhow::Result<Option<f64>> {
        for (module, indicator) in self.indicators() {
            if indicator.key == key {
                return module.indicator_value(db, key, unit_id, period).await;
            }
        }
        anyhow::bail!("no module publishes indicator '{key}'")
    }

    /// Computes an indicator by key for several units at once, in the order of `unit_ids`.
    pub async fn indicator_values(
        &self,
        db: &Db,
        key: &str,
        unit_ids: &[i64],
        period: Period,
    ) -> anyhow::Result<Vec<Option<f64>>> {
        for (module, indicator) in self.indicators() {
            if indicator.key == key {
                return module.indicator_values(db, key, unit_ids, period).await;
            }
        }
        anyhow::bail!("no module publishes indicator '{key}'")
    }

    /// Every permission of every module.
    pub fn permissions(&self) -> Vec<Permission> {
        self.modules
            .iter()
            .flat_map(|m| m.permissions().iter().copied())
            .collect()
    }
}
