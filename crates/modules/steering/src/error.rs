//! Who is acting, and why a write is refused: the platform's, under the steering names.

pub use dinh_platform::write::{Actor, WriteError as StoreError};
