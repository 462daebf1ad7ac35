//! `iis` is the conversation with a registry: what to send, how it travels, and what the answer means.
//!
//! Everything here is sans-I/O: the crate builds and reads bytes and says what to do next; the program
//! that links it opens the sockets, speaks HTTP and TLS, sleeps between attempts and keeps the clock.
//!
//! * [`soap`]: the CDC IIS SOAP web service (WSDL 2011 and 2014, IZ Gateway style): envelopes for
//!   clients and servers, typed faults, HTTP helpers.
//! * [`retry`]: the retry policy as data: given what went wrong and how often, what to do next.
//! * [`mllp`]: one request/response exchange over MLLP, on top of [`er7::mllp`](crate::er7::mllp)'s
//!   framing.
//! * [`query`]: the QBP that asks for a patient's history (Z34) or evaluated history and forecast
//!   (Z44), built from the chart's patient.
//! * [`response`]: the RSP that answers (Z31 candidates, Z32 history, Z33 no record, Z42 evaluated
//!   history and forecast), read into what a program needs.
//! * [`matching`]: how well a registry's patient matches the chart's, with reasons and a verdict.
//! * [`reconcile`]: the chart and the registry side by side: in both, only in the chart, only in
//!   the registry; demographics field by field.
//! * [`ack`]: what the registry said. An ACK (or the MSA/ERR/QAK part of an RSP) read into an
//!   [`Outcome`](ack::Outcome) and the registry's rows as [`Issue`](crate::validate::Issue)s; paired
//!   with the VXU that was sent, a state per dose; a plain summary for clinic staff; and ACKs built
//!   from a validation report, for registries and test doubles.
//! * [`redact`]: a message with every patient-identifying value replaced by a placeholder, for
//!   support tickets.

pub mod mllp;
pub mod retry;
pub mod soap;

// Asking the registry (issue 12): build a query, read the answer, choose the patient, reconcile.
pub mod matching;
pub mod query;
pub mod reconcile;
pub mod response;
mod text;

// What the registry said (issue 11): acknowledgements per dose, ACK building, redaction.
pub mod ack;
pub mod redact;
