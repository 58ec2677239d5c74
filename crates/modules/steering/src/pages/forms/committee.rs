//! Forms: setting up a unit's committee (thành lập Ban Chỉ đạo) and adding a member.

use axum::extract::{Path, State};
use axum::response::Response;
use dinh_platform::web::{AppError, AppState, Ctx};

use super::committee_page;
use crate::StoreError;
use crate::committees::{self, NewCommittee, NewMember, Position};
use crate::pages::fields::{Fields, outcome};
use crate::pages::{actor, unit};

/// `POST /units/{code}/steering`: sets up the unit's committee.
pub(crate) async fn create_committee(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(code): Path<String>,
    axum::Form(pairs): axum::Form<Vec<(String, String)>>,
) -> Result<Response, AppError> {
    let f = Fields::checked(&ctx, pairs)?;
    let actor = actor(&ctx)?;
    let unit = unit(&state, &code).await?;
    let back = committee_page(&unit);
    let result = async {
        let input = NewCommittee {
            name: f.text("name"),
            parent_body: f.text("parent_body"),
            standing_body: f.text("standing_body"),
            decision_number: f.text("decision_number"),
            established_on: f.required_date("established_on")?,
        };
        committees::create(&state.db, actor, &unit, input).await?;
        Ok::<_, StoreError>(back.clone())
    }
    .await;
    outcome(&ctx, &state.db, &back, result).await
}

/// `POST /steering/committees/{id}/members`: adds a member with position, body and term.
pub(crate) async fn add_member(
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
        let position = Position::parse(&f.text("position"))
            .ok_or_else(|| StoreError::invalid("position", "choose a position"))?;
        let input = NewMember {
            full_name: f.text("full_name"),
            position,
            body: f.text("body"),
            unit_code: f.text("unit_code"),
            term_from: f.required_date("term_from")?,
            term_to: f.date("term_to")?,
        };
        committees::add_member(&state.db, actor, id, input).await?;
        Ok::<_, StoreError>(back.clone())
    }
    .await;
    outcome(&ctx, &state.db, &back, result).await
}
