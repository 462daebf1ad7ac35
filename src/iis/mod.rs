//! `iis` is the conversation with a registry: what to send, how it travels, and what the answer means.
//!
//! Everything here is sans-I/O: the crate builds and reads bytes and says what to do next; the program
//! that links it moves the bytes.
//!
//! * [`ack`]: what the registry said. An ACK (or the MSA/ERR/QAK part of an RSP) read into an
//!   [`Outcome`](ack::Outcome) and the registry's rows as [`Issue`](crate::validate::Issue)s; paired with
//!   the VXU that was sent, a state per dose; a plain summary for clinic staff; and ACKs built from a
//!   validation report, for registries and test doubles.
//! * [`redact`]: a message with every patient-identifying value replaced by a placeholder, for support
//!   tickets.

pub mod ack;
pub mod redact;
