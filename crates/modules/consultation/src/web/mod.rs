//! Pages of the consultation capability: public pages to read a draft part by part with its
//! comments and answers, to comment, and to see the synthesis; work pages to open a
//! consultation, enter comments, answer each and close it. Server-rendered, no JavaScript;
//! forms POST with the CSRF token and answer 303 with a message.

pub(crate) mod public;
pub(crate) mod versions;
pub(crate) mod work;

use dinh_platform::accounts::{Permission, authorize};
use dinh_platform::units::Unit;
use dinh_platform::web::{AppError, Ctx, ErrorKind};

use crate::store::{Comment, Consultation};

/// Refuses (401 / 403) unless the signed-in person may take `permission` at `unit`.
pub(crate) fn require(ctx: &Ctx, permission: &Permission, unit: &Unit) -> Result<(), AppError> {
    if ctx.principal.is_none() {
        return Err(AppError::new(ErrorKind::Unauthorized));
    }
    authorize(ctx.principal.as_ref(), permission, Some(unit))?;
    Ok(())
}

/// Whether the signed-in person may take `permission` at `unit`.
/// A consultation by id, or 404.
pub(crate) async fn found(db: &dinh_platform::db::Db, id: i64) -> Result<Consultation, AppError> {
    crate::store::by_id(db, id)
        .await?
        .ok_or_else(AppError::not_found)
}

/// A comment as a page lists it.
pub(crate) struct CommentRow {
    pub number: i64,
    pub part: Option<i64>,
    pub channel: String,
    pub organisation: bool,
    pub source: String,
    pub author: String,
    pub contact: String,
    pub body: String,
    pub received: String,
    pub answered: bool,
    pub disposition: String,
    pub disposition_code: String,
    pub answer: String,
    /// The version of the draft it was made on.
    pub version: i64,
    /// The version that made the change it asked for, when the answer names one.
    pub changed_in: Option<i64>,
}

impl CommentRow {
    /// The row of `k`, with the channel named in the page's language from `pack`.
    pub(crate) fn of(k: Comment, pack: Option<&dinh_rules::RulePack>, ctx: &Ctx) -> Self {
        let channel = pack
            .and_then(|p| p.consultation.channel(&k.channel))
            .map_or_else(
                || k.channel.clone(),
                |c| ctx.tr.pick(&c.name_vi, &c.name_en).to_owned(),
            );
        Self {
            number: k.number,
            part: k.part_number,
            channel,
            organisation: k.organisation,
            source: k.source.clone(),
            author: k.author_name.clone(),
            contact: k.contact.clone().unwrap_or_default(),
            received: dinh_platform::time::show_date(&k.received_on),
            answered: k.disposition.is_some(),
            disposition: ctx.tr.t(k.disposition_key()).to_owned(),
            disposition_code: k.disposition.clone().unwrap_or_default(),
            answer: k.answer.clone().unwrap_or_default(),
            version: k.version,
            changed_in: k.changed_in_version,
            body: k.body,
        }
    }
}
