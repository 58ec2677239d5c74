//! The decisions pages' own assertion over the platform's test client
//! (`dinh_platform::testing::Client`): a form done leads back to the matter's work page.

use axum::http::StatusCode;
use dinh_platform::testing::Answer;

/// A form done: back to matter `id`'s work page with its `done=` notice.
pub trait Done {
    fn done(&self, id: i64);
}

impl Done for Answer {
    fn done(&self, id: i64) {
        assert_eq!(self.status, StatusCode::SEE_OTHER, "{}", self.text());
        assert!(
            self.location
                .starts_with(&format!("/matters/{id}/work?done=")),
            "{}",
            self.location
        );
    }
}
