//! The units capability as a [`Module`]: the example every other capability follows.

use super::{api, permissions, web};
use crate::accounts::Permission;
use crate::db::{Db, migrate::Migration, query};
use crate::module::{BoxFuture, Indicator, Job, Module, Period};
use crate::web::AppState;
use crate::web::i18n::Tr;
use crate::work::{Work, WorkArea, WorkScope};
use axum::Router;
use axum::routing::get;
use std::time::Duration;

/// How many units' household areas a country-wide grant shows on the work home.
const AREAS_MOST: i64 = 40;

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
    Migration {
        version: 6,
        name: "session flash message",
        sql: include_str!("../../migrations/006_session_flash.sql"),
        postgres: None,
    },
    Migration {
        version: 7,
        name: "unit contacts",
        sql: include_str!("../../migrations/007_unit_contacts.sql"),
        postgres: None,
    },
    Migration {
        version: 8,
        name: "notifications",
        sql: include_str!("../../migrations/008_notifications.sql"),
        postgres: None,
    },
    Migration {
        version: 9,
        name: "satisfaction ratings",
        sql: include_str!("../../migrations/009_satisfaction.sql"),
        postgres: None,
    },
    Migration {
        version: 10,
        name: "site search",
        sql: include_str!("../../migrations/010_search.sql"),
        postgres: Some(include_str!("../../migrations/010_search.postgres.sql")),
    },
    Migration {
        version: 11,
        name: "unit emblems",
        sql: include_str!("../../migrations/011_unit_logos.sql"),
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
    Indicator {
        key: "satisfaction.ratings",
        name_vi: "Số lượt người dân đánh giá sự hài lòng",
        name_en: "Satisfaction ratings given",
        unit: "lượt",
    },
    Indicator {
        key: "satisfaction.satisfied_rate",
        name_vi: "Tỷ lệ người dân hài lòng (mức 4-5/5)",
        name_en: "Citizens satisfied (4-5 of 5)",
        unit: "%",
    },
    Indicator {
        key: "satisfaction.average",
        name_vi: "Điểm hài lòng bình quân (thang 5)",
        name_en: "Average satisfaction (of 5)",
        unit: "điểm",
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
            .route("/households/{code}", get(super::household::page))
            .route(
                "/households/{code}/consent",
                axum::routing::post(super::household::consent),
            )
            .route(
                "/units/{code}/danh-gia",
                get(crate::satisfaction::page::form).post(crate::satisfaction::page::rate),
            )
            .route(
                "/units/{code}/contact",
                get(super::contact_page::form).post(super::contact_page::save),
            )
            .route(
                "/units/{code}/logo",
                get(super::logo::serve).post(super::logo::upload),
            )
            .route("/search", get(crate::search::page::page))
            .merge(crate::accounts::admin::routes())
    }

    fn api(&self) -> Router<AppState> {
        Router::new()
            .route("/units", get(api::list_units))
            .route("/units/{code}", get(api::get_unit))
            .route("/units/{code}/children", get(api::get_children))
            .route("/units/{code}/lineage", get(api::get_lineage))
            .route("/units/{code}/household-count", get(api::household_count))
            .route("/units/{code}/households", get(api::list_households))
            .route("/search", get(crate::search::api::search))
    }

    fn openapi(&self) -> utoipa::openapi::OpenApi {
        let mut doc = <api::ApiDoc as utoipa::OpenApi>::openapi();
        doc.merge(<crate::search::api::ApiDoc as utoipa::OpenApi>::openapi());
        doc
    }

    fn permissions(&self) -> &'static [Permission] {
        permissions::ALL
    }

    fn work<'a>(
        &'a self,
        db: &'a Db,
        scope: &'a WorkScope,
        tr: Tr,
    ) -> BoxFuture<'a, anyhow::Result<Work>> {
        Box::pin(async move {
            let units = scope
                .area_units(db, &[&permissions::VIEW_HOUSEHOLDS], AREAS_MOST)
                .await?;
            let mut areas: Vec<WorkArea> = units
                .into_iter()
                .map(|u| WorkArea {
                    title_key: "work_households",
                    href: format!("/units/{}/households", crate::web::urlencode(&u.code)),
                    unit: u.name,
                    note: None,
                })
                .collect();
            let manage = &crate::accounts::admin::MANAGE_ACCOUNTS;
            let administered = scope.units(manage);
            if scope.everywhere(manage) || !administered.is_empty() {
                areas.insert(
                    0,
                    WorkArea {
                        title_key: "work_accounts",
                        href: crate::accounts::admin::PATH.to_owned(),
                        unit: if scope.everywhere(manage) {
                            tr.t("whole_country").to_owned()
                        } else {
                            administered
                                .iter()
                                .map(|u| u.name.as_str())
                                .collect::<Vec<_>>()
                                .join(", ")
                        },
                        note: None,
                    },
                );
            }
            // Contact details: each administered unit's, and for a country-wide administrator
            // the site owner's (any other unit's from its home page).
            let mut contact_units: Vec<(String, String)> = scope
                .units(&permissions::MANAGE_UNITS)
                .iter()
                .map(|u| (u.code.clone(), u.name.clone()))
                .collect();
            if scope.everywhere(&permissions::MANAGE_UNITS)
                && let Some(owner) = super::contact::site_owner(db).await?
            {
                contact_units.push((owner.code, owner.contact.body_name));
            }
            for (at, (code, name)) in contact_units.into_iter().enumerate() {
                areas.insert(
                    (at + 1).min(areas.len()),
                    WorkArea {
                        title_key: "work_unit_contact",
                        href: super::contact_page::path(&code),
                        unit: name,
                        note: None,
                    },
                );
            }
            Ok(Work {
                items: Vec::new(),
                areas,
            })
        })
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
                k if k.starts_with("satisfaction.") => {
                    crate::satisfaction::indicator(db, k, unit_id, period.from, period.to).await?
                }
                _ => None,
            })
        })
    }

    fn indicator_ratio(&self, key: &str) -> Option<(&'static str, &'static str)> {
        (key == "satisfaction.satisfied_rate")
            .then_some(("satisfaction.satisfied", "satisfaction.ratings"))
    }

    fn unit_sections<'a>(
        &'a self,
        db: &'a Db,
        unit: &'a crate::units::Unit,
        tr: Tr,
    ) -> BoxFuture<'a, anyhow::Result<Vec<crate::module::UnitSection>>> {
        Box::pin(async move {
            Ok(vec![
                crate::satisfaction::page::section(db, unit, tr).await?,
            ])
        })
    }

    fn indicator_values<'a>(
        &'a self,
        db: &'a Db,
        key: &'a str,
        unit_ids: &'a [i64],
        period: Period,
    ) -> BoxFuture<'a, anyhow::Result<Vec<Option<f64>>>> {
        Box::pin(async move {
            if key.starts_with("satisfaction.") {
                let mut out = Vec::with_capacity(unit_ids.len());
                for &unit_id in unit_ids {
                    out.push(
                        crate::satisfaction::indicator(db, key, unit_id, period.from, period.to)
                            .await?,
                    );
                }
                return Ok(out);
            }
            if !matches!(key, "units.households" | "units.communities") {
                return Ok(vec![None; unit_ids.len()]);
            }
            let towards = crate::module::subtree_roots(db, unit_ids).await?;
            let ids = towards
                .keys()
                .map(i64::to_string)
                .collect::<Vec<_>>()
                .join(",");
            let rows: Vec<(i64, i64)> = if towards.is_empty() {
                Vec::new()
            } else if key == "units.households" {
                db.fetch_all(
                    &query(format!(
                        "SELECT unit_id, CAST(COUNT(*) AS BIGINT) FROM households
                         WHERE unit_id IN ({ids}) AND formed_on <= $1
                           AND (dissolved_on IS NULL OR dissolved_on > $1)
                         GROUP BY unit_id"
                    ))
                    .bind(period.to),
                )
                .await?
            } else {
                db.fetch_all(&query(format!(
                    "SELECT id, CAST(1 AS BIGINT) FROM units
                     WHERE id IN ({ids}) AND kind IN ('village', 'residential_group')"
                )))
                .await?
            };
            let mut per_root: std::collections::HashMap<i64, i64> =
                std::collections::HashMap::new();
            for (unit_id, n) in rows {
                for root in towards.get(&unit_id).into_iter().flatten() {
                    *per_root.entry(*root).or_default() += n;
                }
            }
            Ok(unit_ids
                .iter()
                .map(|id| Some(per_root.get(id).copied().unwrap_or(0) as f64))
                .collect())
        })
    }

    fn tables(&self) -> &'static [(&'static str, &'static str)] {
        &[
            ("units", "depth, id"),
            ("unit_lineage", "from_unit_id, to_unit_id"),
            ("households", "id"),
            ("people", "id"),
            ("unit_contacts", "unit_id"),
            ("search_documents", "id"),
            ("accounts", "id"),
            ("role_grants", "id"),
            ("notifications", "id"),
            ("notification_settings", "account_id"),
            ("satisfaction_ratings", "id"),
            ("notification_choices", "account_id, kind, channel"),
            ("notification_consents", "id"),
            ("audit_log", "seq"),
            ("audit_head", "id"),
        ]
    }

    fn jobs(&self) -> Vec<Job> {
        let mut jobs = crate::notify::jobs();
        jobs.push(Job::new(
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
        ));
        jobs
    }
}
