//! Forms: an inspection of a lower committee (kiểm tra) with its recommendations, and the
//! inspected committee's answer to one of them.

use axum::extract::{Path, State};
use axum::response::Response;
use dinh_platform::web::{AppError, AppState, Ctx};

use super::committee_page;
use crate::StoreError;
use crate::committees;
use crate::inspections::{self, NewInspection, NewRecommendation};
use crate::pages::actor;
use crate::pages::fields::{Fields, outcome};

/// How many recommendation rows the form offers.
pub(crate) const RECOMMENDATION_ROWS: usize = 3;

/// `POST /steering/committees/{id}/inspections`.
pub(crate) async fn create_inspection(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<i64>,
    axum::Form(pairs): axum::Form<Vec<(String, String)>>,
) -> Result<Response, AppError> {
    let f = Fields::checked(&ctx, pairs)?;
    let actor = actor(&ctx)?;
    let (_, unit) = committees::with_unit(&state.db, id).await?;
    let back = committee_page(&unit);
    let result = async {
        let mut recommendations = Vec::new();
        for i in 1..=RECOMMENDATION_ROWS {
            let content = f.text(&format!("recommendation_{i}"));
            if content.is_empty() {
                continue;
            }
            let due = dinh_platform::time::parse_date(&f.text(&format!("recommendation_due_{i}")))
                .ok_or_else(|| {
                    StoreError::invalid(
                        "recommendations",
                        "each recommendation needs a due date, dd/mm/yyyy",
                    )
                })?;
            recommendations.push(NewRecommendation {
                content,
                due_on: due,
            });
        }
        let input = NewInspection {
            target_unit_code: f.text("target_unit_code"),
            planned_on: f.required_date("planned_on")?,
            subject: f.text("subject"),
            findings: f.text("findings"),
            recommendations,
        };
        inspections::create(&state.db, actor, id, input).await?;
        Ok::<_, StoreError>(back.clone())
    }
    .await;
    outcome(&ctx, &state.db, &back, result).await
}

/// `POST /steering/recommendations/{id}/answer`: what the inspected committee did, and when.
pub(crate) async fn answer(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<i64>,
    axum::Form(pairs): axum::Form<Vec<(String, String)>>,
) -> Result<Response, AppError> {
    let f = Fields::checked(&ctx, pairs)?;
    let actor = actor(&ctx)?;
    let back = f.text("back");
    let back = if back.starts_with("/units/") {
        back
    } else {
        "/".to_owned()
    };
    let result = async {
        let on = f.required_date("answered_on")?;
        inspections::answer(&state.db, actor, id, on, &f.text("answer")).await?;
        Ok::<_, StoreError>(back.clone())
    }
    .await;
    outcome(&ctx, &state.db, &back, result).await
}
