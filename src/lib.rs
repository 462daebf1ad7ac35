//! # izmsg — HL7 v2.5.1 immunization messaging
//!
//! `izmsg` reads, builds, checks and writes the messages US EHRs exchange with state Immunization
//! Information Systems (IIS), per the CDC *Implementation Guide for Immunization Messaging, Release
//! 1.5*: VXU (submit doses), ACK (the registry's answer), QBP (query) and RSP (response). It is one
//! pure crate: no sockets, no threads, no files. You move the bytes; it does everything between your
//! data and those bytes.
//!
//! The crate is layered; a lower layer knows nothing of the ones above it:
//!
//! | layer | what it holds |
//! |---|---|
//! | [`er7`] | the wire syntax: a zero-copy parser with byte spans, escapes, a writer, batches, MLLP |
//! | [`model`] | typed data types, segments (each declared once) and the VXU/ACK/QBP/RSP structures |
//! | [`codes`] | the CDC code sets (CVX, MVX, NDC, VIS ...) and HL7 value sets, embedded, refreshable |
//! | [`iis`] | the conversation with a registry: CDC SOAP envelopes, typed faults, retry policy, MLLP exchange; queries, responses, patient matching, reconciliation |
//!
//! ```
//! use izmsg::model::{self, Message};
//!
//! let bytes = b"MSH|^~\\&|MYEHR|CLINIC|MEIIS|MEDHHS|20240315120000-0500||VXU^V04^VXU_V04|M1|P|2.5.1|||ER|AL|||||Z22^CDCPHINVS\r\
//! PID|1||PT123^^^MYEHR^MR||Doe^Jane^^^^^L||20230801|F\r\
//! ORC|RE||ORD1^MYEHR\r\
//! RXA|0|1|20240315||208^COVID-19, mRNA^CVX|0.3|mL^^UCUM||00^New record^NIP001\r";
//! let decoded = model::decode(bytes)?;
//! let Message::Vxu(vxu) = &decoded.message else { unreachable!() };
//! let rxa = vxu.orders[0].rxa.as_ref().unwrap();
//! let cvx = &rxa.administered_code.as_ref().unwrap().identifier;
//! assert_eq!(izmsg::codes::cvx(cvx).unwrap().short_description, "COVID-19, mRNA, LNP-S, PF, 30 mcg/0.3 mL dose");
//! assert_eq!(decoded.message.encode(), bytes); // byte for byte
//! # Ok::<(), izmsg::er7::Error>(())
//! ```
//!
//! Nothing here panics on input: malformed bytes give an [`er7::Error`] that says where, tolerated
//! sloppiness is listed as warnings, and values that do not fit their type are kept and reported as
//! [`model::DecodeIssue`]s. No error's `Display` quotes message content: it may be patient data.

#![forbid(unsafe_code)]
#![warn(missing_docs)]

pub mod codes;
pub mod er7;
pub mod iis;
pub mod model;
pub mod validate;
