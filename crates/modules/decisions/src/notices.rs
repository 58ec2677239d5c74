//! Telling households (thông báo đến hộ gia đình): the notice of a meeting, the distribution of
//! ballots and the result of a vote, to the representative of every household counted, in the
//! transaction of the write that caused it (their account's inbox and choices; a text message to
//! the phone they consented to).

use chrono::NaiveDate;
use dinh_platform::db::Tx;
use dinh_platform::notify::{self, Notice, Recipient};

use crate::matters::Matter;

/// A meeting called (Art. 13(4)).
pub const MEETING: &str = "decisions.meeting";
/// Ballots distributed.
pub const BALLOTS: &str = "decisions.ballots";
/// The result of a closed vote.
pub const RESULT: &str = "decisions.result";

/// Queues `kind` about `matter` for the households of `unit_id` on `on`, with `values` beside
/// the matter's title; the link is the matter's public page.
pub(crate) async fn tell_households(
    tx: &mut Tx,
    actor: &str,
    kind: &'static str,
    matter: &Matter,
    unit_id: i64,
    on: NaiveDate,
    values: &[(&'static str, String)],
) -> anyhow::Result<usize> {
    let mut notice = Notice::new(kind, Recipient::Households { unit_id, on })
        .value("matter", matter.title.clone())
        .link(format!("/matters/{}", matter.id));
    notice.values.extend(values.iter().cloned());
    notify::queue(tx, actor, &[notice]).await
}
