//! The typed model: data types, segments and messages, each declared once.
//!
//! * [`types`]: the HL7 data types the IG uses (CWE, XPN, XAD, CX, TS/DTM ...).
//! * [`segments`]: every segment, declared with [`segment!`](crate::segment) — one table of fields
//!   that drives decoding, encoding, labels and structural validation.
//! * [`message`]: VXU, ACK, QBP and RSP with their groups; [`decode`] and [`Message::encode`]
//!   ([`Message::try_encode`] to send what you built), and a [`Decoder`] that reuses its buffers
//!   from one message to the next.
//! * [`read_all`]: every message of any input (one, several, a batch, MLLP frames), decoded one at
//!   a time, each with its [`Position`].
//! * [`reflect`]: any segment or value seen through its declaration, and the walk of a message's
//!   segments in wire order; [`render`]: the labelled rendering people read (what `inspect` shows).
//! * [`issue`]: what the decoder noticed, with locations.

pub mod any;
pub mod codec;
pub mod decl;
pub mod domain;
pub mod issue;
pub mod message;
mod read;
pub mod reflect;
pub mod render;
pub mod segments;
pub mod types;

pub use any::{AnySegment, OtherSegment};
pub use domain::{NextOfKin, Patient, Vaccination, VaccinationKind, VxuBuilder};
pub use issue::{DecodeIssue, DecodeIssueKind, Location};
pub use message::{
    Ack, Decoded, Decoder, Message, MissingParts, Qbp, Rsp, Vxu, decode, decode_parsed, decode_with,
};
pub use read::{Position, ReadError, ReadMessage, Reader, read_all};
