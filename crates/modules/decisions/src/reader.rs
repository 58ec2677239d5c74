//! Reads written once for the pool and for a transaction (a tally is read on pages from the
//! pool, and computed at closing inside the closing transaction).

use dinh_platform::db::{Db, DbResult, DbRow, Query, Tx};

/// Something rows can be fetched from: the pool or an open transaction.
pub(crate) trait Reader {
    /// Fetches every row.
    async fn rows<T: DbRow>(&mut self, q: &Query) -> DbResult<Vec<T>>;
}

impl Reader for Db {
    async fn rows<T: DbRow>(&mut self, q: &Query) -> DbResult<Vec<T>> {
        self.fetch_all(q).await
    }
}

impl Reader for Tx {
    async fn rows<T: DbRow>(&mut self, q: &Query) -> DbResult<Vec<T>> {
        self.fetch_all(q).await
    }
}
