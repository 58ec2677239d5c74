//! The units capability as a [`Module`]: the example every other capability follows.

use super::{api, permissions, web};
use crate::accounts::Permission;
use crate::db::{Db, migrate::Migration, query};
use crate::module::{BoxFuture, Indicator, Job, Module, Period};
use crate::web::AppState;
use axum::Router;
use axum::routing::get;
use std::time::Duration;

/// Units, lineage, households — plus the platform's own tables (accounts, audit, jobs).
pub struct UnitsModule;

const MIGRATIONS: &[Migration] = &[
    Migration {
        version: 1,
        name: "units and lineage",
        sql: include_str!("../../migrations/001_units.sql"),
        postgres: None,
    },
    Migration {
        version: 2,
        name: "households and people",
        sql: include_str!("../../migrations/002_households.sql"),
        postgres: None,
    },
    Migration {
        version: 3,
        name: "accounts, roles, sessions",
        sql: include_str!("../../migrations/003_accounts.sql"),
        postgres: None,
    },
    Migration {
        version: 4,
        name: "audit chain",
        sql: include_str!("../../migrations/004_audit.sql"),
        postgres: None,
    },
    Migration {
        version: 5,
        name: "job leases",
        sql: include_str!("../../migrations/005_jobs.sql"),
        postgres: None,
    },
];

const INDICATORS: &[Indicator] = &[
    Indicator {
        key: "units.households",
        name_vi: "Số hộ gia đình (cuối kỳ)",
        name_en: "Households (end of period)",
        unit: "hộ",
    },
    Indicator {
        key: "units.communities",
        name_vi: "Số thôn, tổ dân phố",
        name_en: "Villages and residential groups",
        unit: "thôn/TDP",
    },
];

impl Module for UnitsModule {
    fn name(&self) -> &'static str {
        "units"
    }

    fn migrations(&self) -> &'static [Migration] {
        MIGRATIONS
    }

    fn pages(&self) -> Router<AppState> {
        Router::new()
            .route("/units/{code}", get(web::unit_page))
            .route("/units/{code}/households", get(web::households_page))
    }

    fn api(&self) -> Router<AppState> {
        Router::new()
            .route("/units", get(api::list_units))
            .route("/units/{code}", get(api::get_unit))
            .route("/units/{code}/children", get(api::get_children))
            .route("/units/{code}/lineage", get(api::get_lineage))
            .route("/units/{code}/household-count", get(api::household_count))
            .route("/units/{code}/households", get(api::list_households))
    }

    fn openapi(&self) -> utoipa::openapi::OpenApi {
        <api::ApiDoc as utoipa::OpenApi>::openapi()
    }

    fn permissions(&self) -> &'static [Permission] {
        permissions::ALL
    }

    fn indicators(&self) -> &'static [Indicator] {
        INDICATORS
    }

    fn indicator_value<'a>(
        &'a self,
        db: &'a Db,
        key: &'a str,
        unit_id: i64,
        period: Period,
    ) -> BoxFuture<'a, anyhow::Result<Option<f64>>> {
        Box::pin(async move {
            Ok(match key {
                "units.households" => {
                    Some(crate::households::count_at(db, unit_id, period.to).await? as f64)
                }
                "units.communities" => {
                    let n: i64 = db
                        .scalar(&query(format!(
                            "{} SELECT COUNT(*) FROM units u JOIN subtree s ON u.id = s.id WHERE u.kind IN ('village', 'residential_group')",
                            super::store::SUBTREE_CTE
                        )).bind(unit_id))
                        .await?;
                    Some(n as f64)
                }
                _ => None,
            })
        })
    }

    fn tables(&self) -> &'static [(&'static str, &'static str)] {
        &[
            ("units", "depth, id"),
            ("unit_lineage", "from_unit_id, to_unit_id"),
            ("households", "id"),
            ("people", "id"),
            ("accounts", "id"),
            ("role_grants", "id"),
            ("audit_log", "seq"),
            ("audit_head", "id"),
        ]
    }

    fn jobs(&self) -> Vec<Job> {
        vec![Job::new(
            "accounts.purge_sessions",
            Duration::from_secs(3600),
            |state| {
                Box::pin(async move {
                    crate::accounts::session::purge_expired(&state.db)
                        .await
                        .map(drop)
                        .map_err(Into::into)
                })
            },
        )]
    }
}
