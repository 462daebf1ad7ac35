//! The conversation with a registry: what an EHR sends an Immunization Information System, what
//! comes back, and what to do with it.
//!
//! This layer reads everything below it ([`model`](crate::model), [`codes`](crate::codes)) and is
//! read by nothing in the crate. Like the rest of the crate it does no I/O: it builds the bytes to
//! send and reads the bytes received; moving them is the caller's business.

// Asking the registry (issue 12): build a query, read the answer, choose the patient, reconcile.
pub mod matching;
pub mod query;
pub mod reconcile;
pub mod response;
mod text;
