//! Every write of the capability (one transaction with its audit entry; every check before the
//! first write, so a refusal leaves nothing behind) and the reads the pages share.

mod close;
mod comments;
pub mod hearing;
mod open;
mod read;
pub mod versions;

pub use close::{CloseInput, close};
pub use comments::{CommentInput, DispositionInput, comment, dispose, enter};
pub use hearing::{Hearing, HearingInput, hear, hearings};
pub use open::{OpenInput, open, split_parts};
pub use read::{
    Comment, Consultation, Part, by_id, comments, comments_of_part, for_unit, parts,
    unanswered_numbers,
};
pub use versions::{Version, VersionInput, publish_version, version_parts, versions};

/// States of a consultation.
pub mod status {
    /// Published and collecting comments (đang lấy ý kiến).
    pub const OPEN: &str = "open";
    /// Every comment answered and the synthesis published (đã kết thúc).
    pub const CLOSED: &str = "closed";
}

/// The answers a comment may get (tiếp thu, giải trình).
pub mod disposition {
    /// Accepted (tiếp thu): the answer says what was changed.
    pub const ACCEPTED: &str = "accepted";
    /// Partly accepted (tiếp thu một phần).
    pub const PARTLY: &str = "partly";
    /// Explained (giải trình): the answer gives the reason it was not taken.
    pub const EXPLAINED: &str = "explained";
    /// Out of the draft's scope: the answer says where it was sent.
    pub const OUT_OF_SCOPE: &str = "out_of_scope";
    /// Every answer, in the order the pages list them.
    pub const ALL: [&str; 4] = [ACCEPTED, PARTLY, EXPLAINED, OUT_OF_SCOPE];

    /// Its name in Vietnamese.
    pub fn name_vi(code: &str) -> &'static str {
        match code {
            ACCEPTED => "Tiếp thu",
            PARTLY => "Tiếp thu một phần",
            EXPLAINED => "Giải trình",
            OUT_OF_SCOPE => "Ngoài phạm vi dự thảo, đã chuyển",
            _ => "Chưa trả lời",
        }
    }

    /// Its message key, for the pages.
    pub fn key(code: &str) -> &'static str {
        match code {
            ACCEPTED => "cons_disp_accepted",
            PARTLY => "cons_disp_partly",
            EXPLAINED => "cons_disp_explained",
            OUT_OF_SCOPE => "cons_disp_out_of_scope",
            _ => "cons_disp_none",
        }
    }
}

/// The channel of a comment sent on the website.
pub const WEBSITE: &str = "website";

/// Longest comment, in characters.
pub const BODY_MAX: usize = 4_000;
/// Longest title, in characters.
pub const TITLE_MAX: usize = 300;
/// Most parts a draft is split into.
pub const PARTS_MAX: usize = 2_000;
/// Comments one sender may leave on the website in [`WINDOW_MINUTES`].
pub const PER_CLIENT: i64 = 5;
/// The window of the limit, in minutes.
pub const WINDOW_MINUTES: i64 = 10;

pub(crate) use dinh_calendar::fmt::dmy;
pub(crate) use dinh_platform::write::{date_field, text_field};
