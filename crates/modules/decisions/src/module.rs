//! Household decisions as a [`Module`].

use axum::Router;
use dinh_platform::accounts::Permission;
use dinh_platform::db::{Db, migrate::Migration};
use dinh_platform::module::{BoxFuture, Indicator, Job, Module, Period};
use dinh_platform::web::AppState;

use crate::{DecisionsModule, permissions};

impl Module for DecisionsModule {
    fn name(&self) -> &'static str {
        "decisions"
    }

    fn migrations(&self) -> &'static [Migration] {
        &[Migration {
            version: 1,
            name: "matters, votes, secret ballots, meetings, ballots, documents, elections, hương ước",
            sql: include_str!("../migrations/001_decisions.sql"),
            postgres: None,
        }]
    }

    fn pages(&self) -> Router<AppState> {
        Router::new()
    }

    fn api(&self) -> Router<AppState> {
        Router::new()
    }

    fn openapi(&self) -> utoipa::openapi::OpenApi {
        utoipa::openapi::OpenApiBuilder::new().build()
    }

    fn permissions(&self) -> &'static [Permission] {
        permissions::ALL
    }

    fn indicators(&self) -> &'static [Indicator] {
        &[]
    }

    fn indicator_value<'a>(
        &'a self,
        _db: &'a Db,
        _key: &'a str,
        _unit_id: i64,
        _period: Period,
    ) -> BoxFuture<'a, anyhow::Result<Option<f64>>> {
        Box::pin(async { Ok(None) })
    }

    fn jobs(&self) -> Vec<Job> {
        Vec::new()
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
        ]
    }
}
