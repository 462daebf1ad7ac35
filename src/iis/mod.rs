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

pub mod mllp;
pub mod retry;
pub mod soap;
