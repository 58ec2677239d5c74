//! Forms: a review report for a period (báo cáo sơ kết, tổng kết) and its sign-off by the
//! head or a deputy head (ký duyệt). Narrative editing is the report page's revision form.

use axum::extract::{Path, State};
use axum::response::Response;
use dinh_platform::web::{AppError, AppState, Ctx};

use super::committee_page;
use crate::StoreError;
use crate::committees;
use crate::pages::actor;
use crate::pages::fields::{Fields, outcome};
use crate::report::{self, Narrative, NewReport, ReportPeriod};

/// `POST /steering/committees/{id}/reports`: version 1 with the live figures.
pub(crate) async fn create_report(
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
        let year: i32 = f.number("year")?;
        let period = match f.text("kind").as_str() {
            "year" => ReportPeriod::year(year)?,
            "half" => ReportPeriod::half(year, f.number("part")?)?,
            "quarter" => ReportPeriod::quarter(year, f.number("part")?)?,
            _ => {
                return Err(StoreError::invalid(
                    "kind",
                    "choose year, half-year or quarter",
                ));
            }
        };
        let input = NewReport {
            period,
            number: f.text("number"),
            narrative: Narrative::default(),
        };
        let report = report::create(&state.db, &state.registry, actor, id, input).await?;
        Ok::<_, StoreError>(format!("/steering/reports/{report}"))
    }
    .await;
    outcome(&ctx, &state.db, &back, result).await
}

/// `POST /steering/reports/{id}/sign`: signs off the latest version.
pub(crate) async fn sign_off(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<i64>,
    axum::Form(pairs): axum::Form<Vec<(String, String)>>,
) -> Result<Response, AppError> {
    let f = Fields::checked(&ctx, pairs)?;
    let actor = actor(&ctx)?;
    let back = format!("/steering/reports/{id}");
    let result = async {
        let signer: i64 = f.number("signer_member_id")?;
        let on = f.required_date("signed_on")?;
        report::sign_off(&state.db, actor, id, signer, on).await?;
        Ok::<_, StoreError>(back.clone())
    }
    .await;
    outcome(&ctx, &state.db, &back, result).await
}
