//! The typed model: data types, segments and messages, each declared once.
//!
//! * [`types`]: the HL7 data types the IG uses (CWE, XPN, XAD, CX, TS/DTM ...).
//! * [`segments`]: every segment, declared with [`segment!`](crate::segment) — one table of fields
//!   that drives decoding, encoding, labels and structural validation.
//! * [`message`]: VXU, ACK, QBP and RSP with their groups; [`decode`] and [`Message::encode`], and a
//!   [`Decoder`] that reuses its buffers from one message to the next.
//! * [`issue`]: what the decoder noticed, with locations.

pub mod any;
pub mod codec;
pub mod decl;
pub mod domain;
pub mod issue;
pub mod message;
pub mod reflect;
pub mod segments;
pub mod types;

pub use any::{AnySegment, OtherSegment};
pub use domain::{NextOfKin, Patient, Vaccination, VaccinationKind, VxuBuilder};
pub use issue::{DecodeIssue, DecodeIssueKind, Location};
pub use message::{
    Ack, Decoded, Decoder, Message, MissingParts, Qbp, Rsp, Vxu, decode, decode_parsed, decode_with,
};
