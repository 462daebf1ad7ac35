//! placeholder
#![forbid(unsafe_code)]
pub mod er7;
#[cfg(feature = "wip-model")]
pub mod model;
