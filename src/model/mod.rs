//! Typed model (being written).
pub mod decl;
pub mod types;
pub mod segments;
