//! Household decisions as a [`Module`].

use axum::{Extension, Router};
use dinh_platform::accounts::Permission;
use dinh_platform::db::{Db, migrate::Migration};
use std::time::Duration;

use dinh_platform::module::{BoxFuture, Indicator, Job, Module, Period, UnitSection};
use dinh_platform::time::today_vn;
use dinh_platform::units::Unit;
use dinh_platform::web::AppState;
use dinh_platform::web::i18n::Tr;
use dinh_platform::work::{Work, WorkScope};

use crate::{DecisionsModule, api, indicators, pages, permissions};

impl Module for DecisionsModule {
    fn name(&self) -> &'static str {
        "decisions"
    }

    fn migrations(&self) -> &'static [Migration] {
        &[
            Migration {
                version: 1,
                name: "matters, votes, secret ballots, meetings, ballots, documents, elections, hương ước",
                sql: include_str!("../migrations/001_decisions.sql"),
                postgres: None,
            },
            Migration {
                version: 2,
                name: "overdue clocks of decision documents",
                sql: include_str!("../migrations/002_overdue.sql"),
                postgres: None,
            },
            Migration {
                version: 3,
                name: "the Front work team's approval of an initiative",
                sql: include_str!("../migrations/003_front_approval.sql"),
                postgres: None,
            },
        ]
    }

    fn pages(&self) -> Router<AppState> {
        pages::routes().layer(Extension(self.clone()))
    }

    fn api(&self) -> Router<AppState> {
        api::routes().layer(Extension(self.clone()))
    }

    fn openapi(&self) -> utoipa::openapi::OpenApi {
        <api::ApiDoc as utoipa::OpenApi>::openapi()
    }

    fn messages(&self) -> &'static str {
        include_str!("../locales/messages.toml")
    }

    fn notices(&self) -> &'static str {
        include_str!("../locales/notices.toml")
    }

    fn unit_sections<'a>(
        &'a self,
        db: &'a Db,
        unit: &'a Unit,
        tr: Tr,
    ) -> BoxFuture<'a, anyhow::Result<Vec<UnitSection>>> {
        Box::pin(crate::home::unit_sections(db, unit, tr, today_vn()))
    }

    fn work<'a>(
        &'a self,
        db: &'a Db,
        scope: &'a WorkScope,
        tr: Tr,
    ) -> BoxFuture<'a, anyhow::Result<Work>> {
        Box::pin(crate::work_home::work(self, db, scope, tr))
    }

    fn household_actions<'a>(
        &'a self,
        db: &'a Db,
        household: &'a dinh_platform::households::Household,
        unit: &'a Unit,
        scope: &'a WorkScope,
        tr: Tr,
    ) -> BoxFuture<'a, anyhow::Result<Vec<dinh_platform::module::SectionItem>>> {
        Box::pin(crate::household_actions::household_actions(
            db, household, unit, scope, tr,
        ))
    }

    fn demo<'a>(
        &'a self,
        db: &'a Db,
        today: chrono::NaiveDate,
    ) -> BoxFuture<'a, anyhow::Result<()>> {
        Box::pin(crate::demo::build(self, db, today))
    }

    fn permissions(&self) -> &'static [Permission] {
        permissions::ALL
    }

    fn indicators(&self) -> &'static [Indicator] {
        indicators::ALL
    }

    fn indicator_value<'a>(
        &'a self,
        db: &'a Db,
        key: &'a str,
        unit_id: i64,
        period: Period,
    ) -> BoxFuture<'a, anyhow::Result<Option<f64>>> {
        Box::pin(indicators::value(db, key, unit_id, period, today_vn()))
    }

    fn indicator_values<'a>(
        &'a self,
        db: &'a Db,
        key: &'a str,
        unit_ids: &'a [i64],
        period: Period,
    ) -> BoxFuture<'a, anyhow::Result<Vec<Option<f64>>>> {
        Box::pin(indicators::values(db, key, unit_ids, period, today_vn()))
    }

    fn indicator_ratio(&self, key: &str) -> Option<(&'static str, &'static str)> {
        indicators::ratio(key)
    }

    fn jobs(&self) -> Vec<Job> {
        let module = self.clone();
        vec![Job::new(
            "decisions.clocks",
            Duration::from_secs(3600),
            move |state| {
                let module = module.clone();
                Box::pin(async move {
                    crate::clocks::run(&module, &state.db, today_vn())
                        .await
                        .map(drop)
                        .map_err(|e| anyhow::anyhow!("{e}"))
                })
            },
        )]
    }

    fn tables(&self) -> &'static [(&'static str, &'static str)] {
        &[
            ("decision_initiatives", "id"),
            ("decision_initiative_support", "initiative_id, household_id"),
            ("decision_matters", "id"),
            ("decision_candidates", "id"),
            ("decision_meetings", "id"),
            ("decision_attendance", "meeting_id, household_id"),
            ("decision_procedural_votes", "id"),
            ("decision_votes", "id"),
            ("decision_secret_ballots", "id"),
            ("decision_online_consents", "matter_id, household_id"),
            ("decision_ballot_plans", "matter_id"),
            ("decision_documents", "matter_id"),
            ("decision_elections", "matter_id"),
            ("decision_covenants", "id"),
            ("decision_overdue", "matter_id, kind"),
        ]
    }
}
