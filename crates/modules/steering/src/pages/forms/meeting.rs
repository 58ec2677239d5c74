//! Form: a meeting (giao ban, sơ kết, tổng kết, họp đột xuất) with agenda, attendees, minutes
//! and up to five conclusions, each of which becomes a task of the chosen plan.

use axum::extract::{Path, State};
use axum::response::Response;
use dinh_platform::web::{AppError, AppState, Ctx};

use super::committee_page;
use crate::StoreError;
use crate::committees;
use crate::meetings::{self, Conclusion, NewMeeting};
use crate::pages::actor;
use crate::pages::fields::{Fields, outcome};

/// How many conclusion rows the form offers.
pub(crate) const CONCLUSION_ROWS: usize = 5;

/// `POST /steering/committees/{id}/meetings`.
pub(crate) async fn record_meeting(
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
        let mut conclusions = Vec::new();
        for i in 1..=CONCLUSION_ROWS {
            let content = f.text(&format!("conclusion_{i}"));
            if content.is_empty() {
                continue;
            }
            let due = f.text(&format!("conclusion_due_{i}"));
            conclusions.push(Conclusion {
                content,
                owner: f.text(&format!("conclusion_owner_{i}")),
                due_on: if due.is_empty() {
                    None
                } else {
                    Some(dinh_platform::time::parse_date(&due).ok_or_else(|| {
                        StoreError::invalid("conclusions", "write each due date as dd/mm/yyyy")
                    })?)
                },
                assign_to: f.all(&format!("conclusion_assign_{i}")),
            });
        }
        let plan = f.text("plan_id");
        let input = NewMeeting {
            kind: f.text("kind"),
            title: f.text("title"),
            held_on: f.required_date("held_on")?,
            held_at: f.text("held_at"),
            place: f.text("place"),
            chaired_by: f.text("chaired_by"),
            agenda: f.text("agenda"),
            attendees: f.text("attendees"),
            minutes: f.text("minutes"),
            plan_id: if plan.is_empty() {
                None
            } else {
                Some(f.number("plan_id")?)
            },
            conclusions,
        };
        meetings::record(&state.db, actor, id, input).await?;
        Ok::<_, StoreError>(back.clone())
    }
    .await;
    outcome(&ctx, &state.db, &back, result).await
}
