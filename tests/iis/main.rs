//! The `iis` layer over messages: queries built (Z34, Z44), responses read (Z31, Z32, Z33, Z42)
//! from the shared corpus and from the small messages of `tests/data/iis/`, patients scored,
//! charts reconciled. One test binary, so the crate is linked once.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

mod corpus;
mod matching;
mod query;
mod reconcile;
mod response;
